"""A contact's page: every field, asks with their history, the timeline, reference uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Static

from refterm.core.dates import ago
from refterm.screens.base import RefTermScreen, tell_error

if TYPE_CHECKING:
    from refterm.core.contacts import ContactDetail
    from refterm.db.models import Ask, Interaction

STATUS_STYLE = {
    "planned": "$text-muted",
    "asked": "$warning",
    "agreed": "$success",
    "received": "bold $success",
    "declined": "$error",
    "withdrawn": "$text-muted",
}
LABEL_WIDTH = 16


def when(on: date | None, today: date) -> str:
    """'2026-11-14 (12 d ago)', or '—'."""
    if on is None:
        return "—"
    return f"{on.isoformat()} ({ago((today - on).days)})"


def line(label: str, value: str | Content | None) -> Content:
    """A labelled line of the card; user text stays literal."""
    shown = value if isinstance(value, Content) else Content(value or "—")
    return Content.assemble((f"{label:<{LABEL_WIDTH}}", "dim"), shown)


def ask_block(ask: Ask, history: list[Interaction], today: date) -> Content:
    """One ask: what, where it stands, its dates and the interactions about it."""
    heading = Content.assemble(
        (f"#{ask.id} ", "dim"),
        (ask.kind.capitalize(), "bold"),
        (f" on {ask.platform}" if ask.platform else "", "bold"),
        "  ",
        (ask.status, STATUS_STYLE.get(ask.status, "")),
    )
    lines = [heading]
    if ask.purpose:
        lines.append(line("  Purpose", ask.purpose))
    times = f" · asked {ask.times_asked} times" if ask.times_asked > 1 else ""
    lines.append(line("  Asked", when(ask.asked_on, today) + times))
    if ask.follow_up_on:
        lines.append(line("  Follow up", when(ask.follow_up_on, today)))
    if ask.agreed_on:
        lines.append(line("  Agreed", when(ask.agreed_on, today)))
    if ask.received_on:
        lines.append(line("  Received", when(ask.received_on, today)))
    if ask.status in ("agreed", "received"):
        lines.append(line("  Thanked", when(ask.thanked_on, today)))
    if ask.talking_points:
        lines.append(line("  Talking points", ask.talking_points))
    if ask.recommendation_text:
        lines.append(line("  They wrote", Content(ask.recommendation_text).stylize("italic")))
    for interaction in history:
        lines.append(line("  History", timeline_entry(interaction)))
    return Content("\n").join(lines)


def timeline_entry(interaction: Interaction) -> Content:
    outcome = interaction.outcome.replace("_", " ") if interaction.outcome else ""
    return Content.assemble(
        (interaction.occurred_on.isoformat(), "bold"),
        f"  {interaction.channel}",
        (f" · {outcome}" if outcome else "", "$accent"),
        ("  " + interaction.summary if interaction.summary else "", ""),
    )


class ContactDetailScreen(RefTermScreen):
    """Pushed over any screen; escape goes back."""

    BINDINGS = [
        Binding("escape,backspace", "app.pop_screen", "Back", tooltip="Back to the list",
                id="detail.back"),
        Binding("c", "script", "Script", tooltip="A script to call or write to them",
                id="detail.script"),
        Binding("l", "log", "Log", tooltip="Log a call or message", id="detail.log"),
        Binding("a", "ask", "New ask", tooltip="Plan a reference or recommendation ask",
                id="detail.ask"),
        Binding("e", "edit", "Edit", tooltip="Edit this contact", id="detail.edit"),
        Binding("j", "scroll('down')", "Down", show=False, id="detail.down"),
        Binding("k", "scroll('up')", "Up", show=False, id="detail.up"),
    ]  # fmt: skip

    @dataclass
    class DetailLoaded(Message):
        """The contact and its history, read in a worker (None if it no longer exists)."""

        detail: ContactDetail | None
        problem: str = ""

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.detail: ContactDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail-body"):
            yield Static(id="detail-card", classes="detail-section")
            yield Static(id="detail-asks", classes="detail-section")
            yield Static(id="detail-timeline", classes="detail-section")
            yield Static(id="detail-uses", classes="detail-section")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#detail-body").focus()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="detail")
    def _load(self) -> None:
        from refterm.core.contacts import contact_detail
        from refterm.errors import RefTermError

        try:
            detail = contact_detail(self.context.engine, self.contact_id)
        except RefTermError as error:
            self.post_message(self.DetailLoaded(None, error.message))
            return
        self.post_message(self.DetailLoaded(detail))

    def on_contact_detail_screen_detail_loaded(self, message: DetailLoaded) -> None:
        if message.detail is None:
            tell_error(self, message.problem)
            self.app.pop_screen()
            return
        self.detail = message.detail
        self._show(message.detail)

    def _show(self, detail: ContactDetail) -> None:
        today = self.context.today
        contact = detail.contact
        where = " · ".join(part for part in (contact.title, contact.company) if part)
        cadence = f"every {contact.keep_in_touch_days} days" if contact.keep_in_touch_days else None
        card = [
            Content.styled(contact.full_name, "bold $accent"),
            Content.styled(where, "bold")
            if where
            else Content.styled("no title or company", "dim"),
            Content(""),
            line("Relationship", (contact.relationship or "").replace("_", " ") or None),
            line("How we met", contact.how_we_met),
            line("E-mail", contact.email),
            line("Phone", contact.phone),
            line("LinkedIn", contact.linkedin_url),
            line("Language", contact.language),
            line("Keep in touch", cadence),
            line("Last contact", when(contact.last_contacted_on, today)),
            line("Tags", ", ".join(detail.tags) or None),
            line("Notes", contact.notes),
        ]
        if contact.archived_at is not None:
            card.insert(2, Content.styled("archived", "reverse $warning"))
        self.query_one("#detail-card", Static).update(Content("\n").join(card))
        self.sub_title = contact.full_name

        by_ask: dict[int | None, list[Interaction]] = {}
        for interaction in detail.interactions:
            by_ask.setdefault(interaction.ask_id, []).append(interaction)
        asks = [Content.styled(f"Asks  {len(detail.asks)}", "bold $accent")]
        if not detail.asks:
            asks.append(Content.styled("No ask yet — press a to plan one.", "dim italic"))
        for ask in detail.asks:
            asks.append(ask_block(ask, by_ask.get(ask.id, []), today))
        self.query_one("#detail-asks", Static).update(Content("\n\n").join(asks))

        timeline = [Content.styled(f"Timeline  {len(detail.interactions)}", "bold $accent")]
        if not detail.interactions:
            timeline.append(Content.styled("Nothing logged yet — press l after a call.", "dim"))
        timeline.extend(timeline_entry(i) for i in detail.interactions)
        self.query_one("#detail-timeline", Static).update(Content("\n").join(timeline))

        uses = [Content.styled(f"Given as a reference  {len(detail.uses)}", "bold $accent")]
        if not detail.uses:
            uses.append(Content.styled("Not given to an employer yet.", "dim"))
        for use in detail.uses:
            briefed = f"briefed {use.briefed_on.isoformat()}" if use.briefed_on else "not briefed"
            uses.append(
                Content.assemble(
                    (use.shared_on.isoformat(), "bold"),
                    "  ",
                    use.company,
                    (f" · {use.role}" if use.role else "", ""),
                    (f"  {briefed}", "dim" if use.briefed_on else "$warning"),
                )
            )
        self.query_one("#detail-uses", Static).update(Content("\n").join(uses))

    def _open_ask(self) -> int | None:
        """The ask a script or a log is most likely about: the newest open one."""
        if self.detail is None:
            return None
        for ask in self.detail.asks:
            if ask.status in ("planned", "asked", "agreed"):
                return ask.id
        return None

    def action_script(self) -> None:
        from refterm.screens.script_preview import open_script

        open_script(self, self.contact_id, ask_id=self._open_ask())

    def action_log(self) -> None:
        from refterm.screens.log_form import LogDialog

        self.app.push_screen(LogDialog(self.contact_id, self._open_ask()))

    def action_ask(self) -> None:
        from refterm.screens.ask_form import AskDialog

        name = self.detail.contact.full_name if self.detail else ""
        self.app.push_screen(AskDialog(contact_id=self.contact_id, contact_name=name))

    def action_edit(self) -> None:
        from refterm.screens.contact_form import ContactDialog

        self.app.push_screen(ContactDialog(self.contact_id))

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#detail-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
