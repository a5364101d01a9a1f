"""A contact's page: every field, asks with their history, the timeline, reference uses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Header, OptionList
from textual.widgets.option_list import Option

from refterm.model.i18n import N_, _
from refterm.model.plural import counted
from refterm.model.relative import ago
from refterm.model.vocab import (
    OPEN_ASK_STATUSES,
    AskKind,
    AskStatus,
    Channel,
    Language,
    Outcome,
    Relationship,
    label,
    platform_phrase,
)
from refterm.screens.base import RefTermScreen, tell_error
from refterm.widgets.key_footer import KeyFooter
from refterm.widgets.record_view import (
    QUIET,
    heading,
    labelled,
    note,
)

if TYPE_CHECKING:
    from refterm.model.records import (
        AskRecord,
        ContactDetail,
        ContactRecord,
        InteractionRecord,
        RecommendationGivenRecord,
        ReferenceUseRecord,
    )

STATUS_STYLE = {
    "planned": "$text-muted",
    "asked": "$warning",
    "agreed": "$success",
    "received": "bold $success",
    "declined": "$error",
    "withdrawn": "$text-muted",
}


def when(on: date | None, today: date) -> str:
    """'2026-11-14 (12 d ago)', or '—'."""
    if on is None:
        return "—"
    return f"{on.isoformat()} ({ago((today - on).days)})"


def timeline_entry(interaction: InteractionRecord) -> Content:
    if interaction.outcome == "job_change":  # news an import found, not a call or a message
        return Content.assemble(
            (interaction.occurred_on.isoformat(), "bold"),
            ("  " + _("seen in an import"), "$accent"),
            ("  " + interaction.summary if interaction.summary else "", ""),
        )
    outcome = label(Outcome, interaction.outcome) if interaction.outcome else ""
    return Content.assemble(
        (interaction.occurred_on.isoformat(), "bold"),
        f"  {label(Channel, interaction.channel)}",
        (f" · {outcome}" if outcome else "", "$accent"),
        ("  " + interaction.summary if interaction.summary else "", ""),
    )


def card_rows(contact: ContactRecord, tags: list[str], today: date) -> Iterator[Widget]:
    where = " · ".join(part for part in (contact.title, contact.company) if part)
    yield note(Content.styled(contact.full_name, "bold $accent"), classes="record-title")
    yield note(Content.styled(where or _("no title or company"), "bold" if where else "dim"))
    if contact.archived_at is not None:
        yield note(Content.styled(" " + _("archived") + " ", "reverse $warning"))
    days = contact.keep_in_touch_days
    cadence = counted(days, "every {count} day", "every {count} days") if days else None
    yield labelled(_("Relationship"), label(Relationship, contact.relationship))
    yield labelled(_("How we met"), contact.how_we_met)
    yield labelled(_("E-mail"), contact.email)
    yield labelled(_("Phone"), contact.phone)
    yield labelled("LinkedIn", contact.linkedin_url)
    yield labelled(_("Language"), label(Language, contact.language))
    yield labelled(_("Keep in touch"), cadence)
    yield labelled(_("Last contact"), when(contact.last_contacted_on, today))
    yield labelled(_("Tags"), ", ".join(tags))
    yield labelled(_("Notes"), contact.notes)


def ask_rows(ask: AskRecord, history: list[InteractionRecord], today: date) -> Iterator[Widget]:
    """One ask: what, where it stands, its dates and the interactions about it."""
    where = platform_phrase(ask.platform)
    yield note(
        Content.assemble(
            (_("ask {number}").format(number=ask.id) + "  ", "dim"),
            (label(AskKind, ask.kind).capitalize(), "bold"),
            (f" {where}" if where else "", "bold"),
            "  ",
            (label(AskStatus, ask.status), STATUS_STYLE.get(ask.status, "")),
            ("  " + _("hidden on LinkedIn") if ask.hidden else "", "dim"),
        ),
        classes="record-subtitle",
    )
    if ask.purpose:
        yield labelled(_("Purpose"), ask.purpose, indent=2)
    times = ""
    if ask.times_asked == 2:
        times = " · " + _("asked twice")
    elif ask.times_asked > 2:
        times = " · " + counted(ask.times_asked, "asked {count} time", "asked {count} times")
    yield labelled(_("Asked"), when(ask.asked_on, today) + times, indent=2)
    if ask.follow_up_on:
        yield labelled(_("Follow up"), when(ask.follow_up_on, today), indent=2)
    if ask.agreed_on:
        yield labelled(_("Agreed"), when(ask.agreed_on, today), indent=2)
    if ask.received_on:
        yield labelled(_("Received"), when(ask.received_on, today), indent=2)
    if ask.status in ("agreed", "received"):
        yield labelled(_("Thanked"), when(ask.thanked_on, today), indent=2)
    if ask.talking_points:
        yield labelled(_("Talking points"), ask.talking_points, indent=2)
    if ask.recommendation_text:
        yield labelled(_("They wrote"), Content(ask.recommendation_text).stylize("italic"),
                       indent=2)  # fmt: skip
    for interaction in history:
        yield labelled(_("History"), timeline_entry(interaction), indent=2)


def given_rows(given: RecommendationGivenRecord, today: date) -> Iterator[Widget]:
    """A recommendation the user wrote for the contact: when, where, and what it said."""
    where = platform_phrase(given.platform)
    hidden = " · " + _("hidden on LinkedIn") if given.hidden else ""
    yield labelled(_("You wrote"), f"{when(given.given_on, today)}{' ' + where if where else ''}"
                   f"{hidden}", indent=2)  # fmt: skip
    if given.text:
        yield labelled(_("You said"), Content(given.text).stylize("italic"), indent=2)


def use_entry(use: ReferenceUseRecord) -> Content:
    briefed = (
        _("briefed {day}").format(day=use.briefed_on.isoformat())
        if use.briefed_on
        else _("not briefed yet")
    )
    return Content.assemble(
        (use.shared_on.isoformat(), "bold"),
        "  ",
        use.company,
        (f" · {use.role}" if use.role else "", ""),
        (f"  {briefed}", "dim" if use.briefed_on else "$warning"),
    )


def detail_widgets(detail: ContactDetail, today: date) -> Iterator[Widget]:
    yield from card_rows(detail.contact, detail.tags, today)
    by_ask: dict[int | None, list[InteractionRecord]] = {}
    for interaction in detail.interactions:
        by_ask.setdefault(interaction.ask_id, []).append(interaction)
    yield heading(_("Asks"), len(detail.asks))
    if not detail.asks:
        yield note(Content.styled(_("No ask yet — press a to plan one."), QUIET))
    for ask in detail.asks:
        yield from ask_rows(ask, by_ask.get(ask.id, []), today)
    if detail.given:
        # Shown only when there is one: most contacts were never recommended by the user.
        yield heading(_("You recommended them"), len(detail.given))
        for given in detail.given:
            yield from given_rows(given, today)
    yield heading(_("Timeline"), len(detail.interactions))
    if not detail.interactions:
        yield note(Content.styled(_("Nothing logged yet — press l after a call."), QUIET))
    else:
        yield history_list("timeline", [
            Option(timeline_entry(entry), id=f"interaction:{entry.id}")
            for entry in detail.interactions
        ])  # fmt: skip
    yield heading(_("Given as a reference"), len(detail.uses))
    if not detail.uses:
        yield note(Content.styled(_("Not given to an employer yet."), QUIET))
    else:
        yield history_list("uses", [Option(use_entry(use), id=f"use:{use.id}")
                                    for use in detail.uses])  # fmt: skip


def history_list(name: str, options: list[Option]) -> OptionList:
    """Entries that tab reaches, so `d` can delete the highlighted one."""
    entries = OptionList(*options, id=name, classes="history-list", markup=False)
    entries.highlighted = None
    return entries


class ContactDetailScreen(RefTermScreen):
    """Pushed over any screen; escape goes back."""

    BINDINGS = [
        Binding(
            "escape,backspace",  # untranslated: keys
            "app.pop_screen",  # untranslated: an action
            N_("Back"),
            tooltip=N_("Back to the list"),
            id="detail.back",
        ),
        Binding(
            "c",
            "script",
            N_("Script"),
            tooltip=N_("A script to call or write to them"),
            id="detail.script",
        ),
        Binding("l", "log", N_("Log"), tooltip=N_("Log a call or message"), id="detail.log"),
        Binding(
            "a",
            "ask",
            N_("New ask"),
            tooltip=N_("Plan a reference or recommendation ask"),
            id="detail.ask",
        ),
        Binding("e", "edit", N_("Edit"), tooltip=N_("Edit this contact"), id="detail.edit"),
        Binding(
            "d",
            "delete_entry",
            N_("Delete entry"),
            tooltip=N_("Delete the highlighted history entry or reference use (tab goes to them)"),
            id="detail.delete",
        ),
        Binding(
            "j",
            "scroll('down')",
            N_("Down"),
            show=False,
            tooltip=N_("Scroll down"),
            id="detail.down",
        ),
        Binding("k", "scroll('up')", N_("Up"), show=False, tooltip=N_("Scroll up"), id="detail.up"),
    ]

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
        yield VerticalScroll(id="detail-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#detail-body").focus()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="detail")
    def _load(self) -> None:
        from refterm.core.contacts import contact_detail
        from refterm.errors import RefTermError

        try:
            detail = contact_detail(self.context.database, self.contact_id)
        except RefTermError as error:
            self.post_message(self.DetailLoaded(None, error.message))
            return
        self.post_message(self.DetailLoaded(detail))

    async def on_contact_detail_screen_detail_loaded(self, message: DetailLoaded) -> None:
        if message.detail is None:
            tell_error(self, message.problem)
            self.app.pop_screen()
            return
        self.detail = message.detail
        # The header shows plain text (never markup): the name stays literal.
        self.sub_title = f"{message.detail.contact.full_name} · {self.context.today.isoformat()}"
        body = self.query_one("#detail-body", VerticalScroll)
        with self.app.batch_update():
            await body.remove_children()
            await body.mount_all(list(detail_widgets(message.detail, self.context.today)))

    def _open_ask(self) -> int | None:
        """The ask a script or a log is most likely about: the newest open one."""
        if self.detail is None:
            return None
        for ask in self.detail.asks:
            if ask.status in OPEN_ASK_STATUSES:
                return ask.id
        return None

    def action_script(self) -> None:
        from refterm.screens.script_preview import open_script

        # No ask given: core picks the most pressing situation (a brief, a thank-you...).
        open_script(self, self.contact_id)

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

    def _entry(self) -> str | None:
        """The id of the history entry or use highlighted in the focused list, if any."""
        focused = self.focused
        if not isinstance(focused, OptionList) or focused.highlighted is None:
            return None
        return focused.get_option_at_index(focused.highlighted).id

    def key_applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete_entry":
            return self._entry() is not None
        return True

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def action_delete_entry(self) -> None:
        entry = self._entry()
        if entry is None:
            return
        from functools import partial

        from refterm.core import removal
        from refterm.screens.removing import ask_then_delete

        kind, _colon, number = entry.partition(":")
        database, entry_id = self.context.database, int(number)
        pair = {
            "interaction": (removal.interaction_removal, removal.delete_interaction),
            "use": (removal.use_removal, removal.delete_reference_use),
        }
        describe, delete = pair[kind]
        ask_then_delete(self, f"delete-{kind}:{entry_id}", partial(describe, database, entry_id),
                        partial(delete, database, entry_id))  # fmt: skip
