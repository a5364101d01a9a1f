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

from refterm.model.plural import counted
from refterm.screens.base import RefTermScreen, context_of, tell_error
from refterm.screens.copying import copy_text
from refterm.widgets.key_footer import KeyFooter
from refterm.widgets.mode_bar import ModeBar
from refterm.widgets.record_view import heading, labelled, note

if TYPE_CHECKING:
    from refterm.core.dossier import Dossier, RecommendationEntry, ReferenceEntry
    from refterm.model.records import ProfileRecord


SEARCH_STATUS_WORDS = {
    "employed": "employed: building the dossier while nothing depends on it",
    "open": "quietly open",
    "looking": "actively looking",
}


def _joined(*parts: str | None, sep: str = " · ") -> str:
    return sep.join(part for part in parts if part)


def profile_rows(profile: ProfileRecord) -> Iterator[Widget]:
    yield heading("Your profile")
    if not profile.name:
        yield note(Content.styled(
            "No profile yet — press e to say who you are; your name goes into every script.",
            "dim italic"))  # fmt: skip
        return
    yield note(Content.assemble((profile.name, "bold"), "  ", (profile.headline or "", "")))
    yield labelled("Contact", _joined(profile.city, profile.email, profile.phone))
    yield labelled("Looking for", profile.target_roles)
    yield labelled("Search status", SEARCH_STATUS_WORDS.get(profile.search_status or ""))
    yield labelled("Language", profile.language)


def reference_rows(entry: ReferenceEntry) -> Iterator[Widget]:
    relationship = (entry.relationship or "").replace("_", " ")
    yield note(
        Content.assemble((entry.full_name, "bold"), "  ", _joined(entry.title, entry.company)),
        classes="record-subtitle",
    )
    yield labelled("Knows you as", _joined(relationship, entry.how_we_met), indent=2)
    yield labelled("Known since", entry.known_since, indent=2)
    if entry.phone or entry.email:
        yield labelled("Reach them", _joined(entry.phone, entry.email), indent=2)
    else:
        yield labelled("Reach them", Content.styled(
            "no phone or e-mail: a recruiter cannot reach them (add one on the contact)",
            "$warning"), indent=2)  # fmt: skip
    yield labelled("Agreed", entry.agreed_on.isoformat() if entry.agreed_on else None, indent=2)
    if entry.uses:
        for use in entry.uses:
            given = _joined(use.company, use.role, sep=", ") + f" on {use.shared_on.isoformat()}"
            state = Content.styled("  briefed", "dim") if use.briefed_on else Content.styled(
                "  not briefed yet", "$warning")  # fmt: skip
            yield labelled("Given to", Content.assemble(given, state), indent=2)
    else:
        yield labelled("Given to", Content.styled("nobody yet", "dim"), indent=2)


def recommendation_rows(entry: RecommendationEntry) -> Iterator[Widget]:
    received = entry.received_on.isoformat() if entry.received_on else "date unknown"
    yield note(
        Content.assemble((entry.author, "bold"), "  ", _joined(entry.title, entry.company)),
        classes="record-subtitle",
    )
    thanked = "thanked" if entry.thanked_on else "not thanked yet"
    yield labelled("Received", _joined(received, entry.platform, thanked), indent=2)
    if entry.text:
        yield labelled("They wrote", Content(entry.text).stylize("italic"), indent=2)
    else:
        yield labelled("They wrote", Content.styled("not pasted yet (r on Asks)", "dim"), indent=2)


def coverage_rows(dossier: Dossier) -> Iterator[Widget]:
    yield heading("Coverage")
    if not dossier.recommendations:
        yield note(Content.styled("No recommendation received yet.", "dim italic"))
        return
    for title, counts in (("By employer", dossier.by_company),
                          ("By relationship", dossier.by_relationship)):  # fmt: skip
        bars = [
            Content.assemble(
                (name.replace("_", " ")[:30].ljust(30), ""), ("█" * count, "$accent"), f" {count}"
            )
            for name, count in counts
        ]
        yield labelled(title, Content("\n").join(bars))


def dossier_widgets(dossier: Dossier) -> Iterator[Widget]:
    yield from profile_rows(dossier.profile)
    yield heading("References", len(dossier.references))
    if not dossier.references:
        yield note(Content.styled(
            "Nobody has agreed to be a reference yet — plan an ask with a on Contacts.",
            "dim italic"))  # fmt: skip
    for reference in dossier.references:
        yield from reference_rows(reference)
    yield heading("Recommendations received", len(dossier.recommendations))
    if not dossier.recommendations:
        yield note(Content.styled("None received yet.", "dim italic"))
    for recommendation in dossier.recommendations:
        yield from recommendation_rows(recommendation)
    yield from coverage_rows(dossier)


class DossierScreen(RefTermScreen):
    """What you hand a recruiter, and what is still missing."""

    BINDINGS = [
        Binding("e", "profile", "Edit profile", tooltip="Your name, headline and contact details",
                id="dossier.profile"),
        Binding("x", "export", "Export", tooltip="Write the dossier as Markdown, HTML or text",
                id="dossier.export"),
        Binding("c", "copy_sheet", "Copy sheet", tooltip="Copy the references sheet",
                id="dossier.copy"),
        Binding("j", "scroll('down')", "Down", show=False, tooltip="Scroll down",
                id="dossier.down"),
        Binding("k", "scroll('up')", "Up", show=False, tooltip="Scroll up", id="dossier.up"),
    ]  # fmt: skip

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
        self.query_one(ModeBar).set_detail(
            f"{counted(len(dossier.references), 'reference', 'references')} · "
            f"{counted(len(dossier.recommendations), 'recommendation', 'recommendations')}"
        )

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
        self.app.call_from_thread(copy_text, self, sheet, "References sheet: ")

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#dossier-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
