"""Dossier: your profile, the references who agreed, the recommendations received, coverage."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Header

from refterm.model.i18n import N_, _, number
from refterm.model.plural import counted
from refterm.model.vocab import Language, Relationship, label
from refterm.screens.base import RefTermScreen, context_of, tell_error
from refterm.screens.copying import copy_text
from refterm.widgets.key_footer import KeyFooter
from refterm.widgets.mode_bar import ModeBar
from refterm.widgets.record_view import QUIET, heading, labelled, note

if TYPE_CHECKING:
    from refterm.core.dossier import Dossier, RecommendationEntry, ReferenceEntry
    from refterm.model.records import ProfileRecord


SEARCH_STATUS_WORDS = {  # N_-marked: translated where shown
    "employed": N_("employed: building the dossier while nothing depends on it"),
    "open": N_("quietly open"),
    "looking": N_("actively looking"),
}


def _joined(*parts: str | None, sep: str = " · ") -> str:
    return sep.join(part for part in parts if part)


def profile_rows(profile: ProfileRecord) -> Iterator[Widget]:
    yield heading(_("Your profile"))
    if not profile.name:
        yield note(Content.styled(
            _("No profile yet — press e to say who you are; your name goes into every script."),
            QUIET))  # fmt: skip
        return
    yield note(Content.assemble((profile.name, "bold"), "  ", (profile.headline or "", "")))
    status = SEARCH_STATUS_WORDS.get(profile.search_status or "")
    yield labelled(_("Contact"), _joined(profile.city, profile.email, profile.phone))
    yield labelled(_("Looking for"), profile.target_roles)
    yield labelled(_("Search status"), _(status) if status else None)
    yield labelled(_("Language"), label(Language, profile.language))


def reference_rows(entry: ReferenceEntry) -> Iterator[Widget]:
    relationship = label(Relationship, entry.relationship)
    yield note(
        Content.assemble((entry.full_name, "bold"), "  ", _joined(entry.title, entry.company)),
        classes="record-subtitle",
    )
    yield labelled(_("Knows you as"), _joined(relationship, entry.how_we_met), indent=2)
    yield labelled(_("Known since"), entry.known_since, indent=2)
    if entry.phone or entry.email:
        yield labelled(_("Reach them"), _joined(entry.phone, entry.email), indent=2)
    else:
        yield labelled(_("Reach them"), Content.styled(
            _("no phone or e-mail: a recruiter cannot reach them (add one on the contact)"),
            "$warning"), indent=2)  # fmt: skip
    agreed = entry.agreed_on.isoformat() if entry.agreed_on else None
    yield labelled(_("Agreed"), agreed, indent=2)
    if entry.uses:
        for use in entry.uses:
            given = _("{where} on {day}").format(
                where=_joined(use.company, use.role, sep=", "), day=use.shared_on.isoformat()
            )
            state = Content.styled("  " + _("briefed"), "dim") if use.briefed_on else (
                Content.styled("  " + _("not briefed yet"), "$warning"))  # fmt: skip
            yield labelled(_("Given to"), Content.assemble(given, state), indent=2)
    else:
        yield labelled(_("Given to"), Content.styled(_("nobody yet"), "dim"), indent=2)


def recommendation_rows(entry: RecommendationEntry) -> Iterator[Widget]:
    received = entry.received_on.isoformat() if entry.received_on else _("date unknown")
    yield note(
        Content.assemble((entry.author, "bold"), "  ", _joined(entry.title, entry.company)),
        classes="record-subtitle",
    )
    thanked = _("thanked") if entry.thanked_on else _("not thanked yet")
    yield labelled(_("Received"), _joined(received, entry.platform, thanked), indent=2)
    if entry.text:
        yield labelled(_("They wrote"), Content(entry.text).stylize("italic"), indent=2)
    else:
        yield labelled(_("They wrote"), Content.styled(_("not pasted yet (r on Asks)"), "dim"),
                       indent=2)  # fmt: skip


def coverage_rows(dossier: Dossier) -> Iterator[Widget]:
    yield heading(_("Coverage"))
    if not dossier.recommendations:
        yield note(Content.styled(_("No recommendation received yet."), QUIET))
        return
    by_company = [(name, count) for name, count in dossier.by_company]
    by_relationship = [
        (label(Relationship, code), count) for code, count in dossier.by_relationship
    ]
    for title, counts in ((_("By employer"), by_company),
                          (_("By relationship"), by_relationship)):  # fmt: skip
        bars = [
            Content.assemble(
                (name.replace("_", " ")[:30].ljust(30), ""),
                ("█" * count, "$accent"),
                f" {number(count)}",
            )
            for name, count in counts
        ]
        yield labelled(title, Content("\n").join(bars))


def dossier_widgets(dossier: Dossier) -> Iterator[Widget]:
    yield from profile_rows(dossier.profile)
    yield heading(_("References"), len(dossier.references))
    if not dossier.references:
        yield note(Content.styled(
            _("Nobody has agreed to be a reference yet — plan an ask with a on Contacts."),
            QUIET))  # fmt: skip
    for reference in dossier.references:
        yield from reference_rows(reference)
    yield heading(_("Recommendations received"), len(dossier.recommendations))
    if not dossier.recommendations:
        yield note(Content.styled(_("None received yet."), QUIET))
    for recommendation in dossier.recommendations:
        yield from recommendation_rows(recommendation)
    yield from coverage_rows(dossier)


class DossierScreen(RefTermScreen):
    """What you hand a recruiter, and what is still missing."""

    BINDINGS = [
        Binding(
            "e",
            "profile",
            N_("Edit profile"),
            tooltip=N_("Your name, headline and contact details"),
            id="dossier.profile",
        ),
        Binding(
            "x",
            "export",
            N_("Export"),
            tooltip=N_("Write the dossier as Markdown, HTML or text"),
            id="dossier.export",
        ),
        Binding(
            "c",
            "copy_sheet",
            N_("Copy sheet"),
            tooltip=N_("Copy the references sheet"),
            id="dossier.copy",
        ),
        Binding(
            "j",
            "scroll('down')",
            N_("Down"),
            show=False,
            tooltip=N_("Scroll down"),
            id="dossier.down",
        ),
        Binding(
            "k", "scroll('up')", N_("Up"), show=False, tooltip=N_("Scroll up"), id="dossier.up"
        ),
    ]

    @dataclass
    class DossierLoaded(Message):
        """The dossier read in a worker."""

        dossier: Dossier

    def compose(self) -> ComposeResult:
        yield Header()
        yield ModeBar("dossier")
        yield VerticalScroll(id="dossier-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#dossier-body").focus()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="dossier")
    def _load(self) -> None:
        from refterm.core.dossier import build_dossier

        self.post_message(self.DossierLoaded(build_dossier(self.context.database)))

    async def on_dossier_screen_dossier_loaded(self, message: DossierLoaded) -> None:
        dossier = message.dossier
        body = self.query_one("#dossier-body", VerticalScroll)
        with self.app.batch_update():
            await body.remove_children()
            await body.mount_all(list(dossier_widgets(dossier)))
        references = counted(len(dossier.references), "reference", "references")
        recommendations = counted(len(dossier.recommendations), "recommendation", "recommendations")
        self.query_one(ModeBar).set_detail(f"{references} · {recommendations}")

    def action_profile(self) -> None:
        from refterm.screens.profile_form import ProfileDialog

        self.app.push_screen(ProfileDialog())

    def action_export(self) -> None:
        from refterm.screens.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog())

    def action_copy_sheet(self) -> None:
        self._copy_sheet()

    @work(thread=True, exclusive=True, group="dossier-copy")
    def _copy_sheet(self) -> None:
        from refterm import paths
        from refterm.errors import RefTermError
        from refterm.io.dossier_export import references_sheet

        context = context_of(self)
        try:
            sheet = references_sheet(
                context.database, context.settings, None, context.today, paths.user_templates_dir()
            )
        except RefTermError as error:
            self.app.call_from_thread(tell_error, self, error)
            return
        self.app.call_from_thread(copy_text, self, sheet, _("References sheet: "))

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#dossier-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
