"""Dossier: your profile, the references who agreed, the recommendations received, coverage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Static

from refterm.screens.base import RefTermScreen, context_of, tell_error
from refterm.screens.copying import copy_text
from refterm.widgets.mode_bar import ModeBar

if TYPE_CHECKING:
    from refterm.core.dossier import Dossier, RecommendationEntry, ReferenceEntry
    from refterm.db.models import Profile


def _joined(*parts: str | None, sep: str = " · ") -> str:
    return sep.join(part for part in parts if part)


def profile_block(profile: Profile) -> Content:
    if not profile.name:
        return Content.assemble(
            ("Your profile\n", "bold $accent"),
            ("No profile yet — press e to say who you are; your name goes into every script.",
             "dim italic"),
        )  # fmt: skip
    lines = [Content.styled(profile.name, "bold $accent")]
    if profile.headline:
        lines.append(Content.styled(profile.headline, "bold"))
    contact = _joined(profile.city, profile.email, profile.phone)
    if contact:
        lines.append(Content(contact))
    if profile.target_roles:
        lines.append(Content.assemble(("Looking for  ", "dim"), profile.target_roles))
    return Content("\n").join(lines)


def reference_block(entry: ReferenceEntry) -> Content:
    relationship = (entry.relationship or "").replace("_", " ")
    lines = [
        Content.assemble(
            (entry.full_name, "bold"), ("  " + _joined(entry.title, entry.company), "")
        ),
        Content.styled("  " + _joined(relationship, entry.how_we_met), "dim"),
        Content("  " + (_joined(entry.phone, entry.email) or "no phone or e-mail on file")),
    ]
    agreed = entry.agreed_on.isoformat() if entry.agreed_on else "—"
    if entry.uses:
        given = "; ".join(
            _joined(use.company, use.role, sep=", ")
            + f" on {use.shared_on.isoformat()}"
            + ("" if use.briefed_on else " (not briefed)")
            for use in entry.uses
        )
        lines.append(Content.assemble(("  agreed " + agreed + " · given to ", "dim"), given))
    else:
        lines.append(Content.styled("  agreed " + agreed + " · not given to an employer yet",
                                    "dim"))  # fmt: skip
    return Content("\n").join(lines)


def recommendation_block(entry: RecommendationEntry) -> Content:
    received = entry.received_on.isoformat() if entry.received_on else "date unknown"
    lines = [
        Content.assemble((entry.author, "bold"), ("  " + _joined(entry.title, entry.company), "")),
        Content.styled("  " + _joined(received, entry.platform,
                                      "thanked" if entry.thanked_on else "not thanked yet"),
                       "dim"),
    ]  # fmt: skip
    if entry.text:
        lines.append(Content.styled("  “" + entry.text + "”", "italic"))
    else:
        lines.append(Content.styled("  (text not pasted yet — r on the Asks screen)", "dim"))
    return Content("\n").join(lines)


def coverage_block(dossier: Dossier) -> Content:
    if not dossier.recommendations:
        return Content.assemble(
            ("Coverage\n", "bold $accent"),
            ("No recommendation received yet.", "dim italic"),
        )
    width = max(len(name) for name, _ in dossier.by_company + dossier.by_relationship)
    width = min(max(width, 12), 40)
    parts: list[tuple[str, str] | str] = [("Coverage\n", "bold $accent")]
    for title, counts in (("By employer", dossier.by_company),
                          ("By relationship", dossier.by_relationship)):  # fmt: skip
        parts.append((title + "\n", "bold"))
        for name, count in counts:
            shown = name.replace("_", " ")
            parts.append(f"  {shown[:width]:<{width}}  ")
            parts.append(("█" * count, "$accent"))
            parts.append(f" {count}\n")
    return Content.assemble(*parts).rstrip()


class DossierScreen(RefTermScreen):
    """What you hand a recruiter, and what is still missing."""

    BINDINGS = [
        Binding("e", "profile", "Edit profile", tooltip="Your name, headline and contact details",
                id="dossier.profile"),
        Binding("x", "export", "Export", tooltip="Write the dossier as Markdown, HTML or text",
                id="dossier.export"),
        Binding("c", "copy_sheet", "Copy sheet", tooltip="Copy the references sheet",
                id="dossier.copy"),
        Binding("j", "scroll('down')", "Down", show=False, id="dossier.down"),
        Binding("k", "scroll('up')", "Up", show=False, id="dossier.up"),
    ]  # fmt: skip

    @dataclass
    class DossierLoaded(Message):
        """The dossier read in a worker."""

        dossier: Dossier

    def compose(self) -> ComposeResult:
        yield Header()
        yield ModeBar("dossier")
        with VerticalScroll(id="dossier-body"):
            yield Static(id="dossier-profile", classes="dossier-section")
            yield Static(id="dossier-references", classes="dossier-section")
            yield Static(id="dossier-recommendations", classes="dossier-section")
            yield Static(id="dossier-coverage", classes="dossier-section")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dossier-body").focus()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="dossier")
    def _load(self) -> None:
        from refterm.core.dossier import build_dossier

        self.post_message(self.DossierLoaded(build_dossier(self.context.engine)))

    def on_dossier_screen_dossier_loaded(self, message: DossierLoaded) -> None:
        dossier = message.dossier
        self.query_one("#dossier-profile", Static).update(profile_block(dossier.profile))
        references = [Content.styled(f"References  {len(dossier.references)}", "bold $accent")]
        if not dossier.references:
            references.append(Content.styled(
                "Nobody has agreed to be a reference yet — plan an ask with a on Contacts.",
                "dim italic"))  # fmt: skip
        references.extend(reference_block(entry) for entry in dossier.references)
        self.query_one("#dossier-references", Static).update(Content("\n\n").join(references))
        received = [Content.styled(f"Recommendations received  {len(dossier.recommendations)}",
                                   "bold $accent")]  # fmt: skip
        if not dossier.recommendations:
            received.append(Content.styled("None received yet.", "dim italic"))
        received.extend(recommendation_block(entry) for entry in dossier.recommendations)
        self.query_one("#dossier-recommendations", Static).update(Content("\n\n").join(received))
        self.query_one("#dossier-coverage", Static).update(coverage_block(dossier))
        self.query_one(ModeBar).set_detail(
            f"{len(dossier.references)} references · {len(dossier.recommendations)} recommendations"
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
        from refterm.errors import RefTermError

        context = context_of(self)
        from refterm import paths
        from refterm.io.dossier_export import references_sheet

        try:
            sheet = references_sheet(
                context.engine, context.settings, None, context.today, paths.user_templates_dir()
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
