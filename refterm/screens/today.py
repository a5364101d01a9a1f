"""Today: the daily review in five sections, each row saying why it is there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Sparkline, Static
from textual.widgets.option_list import Option

from refterm.model.relative import long_day
from refterm.screens.base import RefTermScreen, first_review_of, tell, tell_error
from refterm.widgets.mode_bar import ModeBar
from refterm.widgets.section_list import Column, Row, Section, SectionList

if TYPE_CHECKING:
    from refterm.core.agenda import Agenda, AgendaItem

SECTION_HINTS = {
    "follow_ups": "c script · l log · z snooze",
    "owes_recommendation": "c script · l log · z snooze",
    "going_cold": "c script · l log",
    "thanks_owed": "c script · t thanked",
    "references_to_brief": "c script · b briefed",
}
MORE_TEXT = {
    "follow_ups": "and {count} more follow-ups — all of them on Asks (3)",
    "owes_recommendation": "and {count} more — all of them on Asks (3)",
    "going_cold": "and {count} more — Contacts (2) sorted by last contact (s)",
    "thanks_owed": "and {count} more — all of them on Asks (3)",
    "references_to_brief": "and {count} more — all of them on Asks (3)",
}
EMPTY_TEXT = {
    "follow_ups": "no follow-up due",
    "owes_recommendation": "nobody owes you a recommendation",
    "going_cold": "everyone is warm",
    "thanks_owed": "every recommendation has been thanked",
    "references_to_brief": "every reference has been briefed",
}


def welcome_text() -> Content:
    """What a new, empty database shows: what to do first."""
    steps = (
        ("n", "add your first contact — a name is enough to start"),
        ("2 then i", "import your LinkedIn connections (Connections.csv) or a vCard file"),
        ("4 then e", "say who you are: your name goes into every script"),
        ("refterm demo", "or quit (q) and try a sample network in a new database:"),
        ("", "refterm --db demo.db demo && refterm --db demo.db"),
    )
    parts: list[tuple[str, str] | str] = [
        ("Welcome to refterm\n\n", "bold $accent"),
        "Ask the people who know your work for a reference or a recommendation — never for\n"
        "a job. refterm tells you each day whom to call, gives you the words, and keeps your\n"
        "dossier of references and recommendations.\n\n",
        ("Start here\n", "bold"),
    ]
    for key, what in steps:
        parts.append((f"  {key:<14}", "bold $accent"))
        parts.append(what + "\n")
    return Content.assemble(*parts)


class TodayScreen(RefTermScreen):
    """The start screen: follow-ups, owed recommendations, going cold, thanks and briefs."""

    BINDINGS = [
        Binding(
            "c", "script", "Script", tooltip="The script for this situation", id="today.script"
        ),
        Binding("l", "log", "Log outcome", tooltip="Log a call or message", id="today.log"),
        Binding("z", "snooze", "Snooze", tooltip="Move the follow-up date", id="today.snooze"),
        Binding(
            "t", "thanked", "Thanked", tooltip="Mark the recommendation thanked", id="today.thank"
        ),
        Binding("b", "briefed", "Briefed", tooltip="Mark the reference briefed", id="today.brief"),
        Binding("n", "new_contact", "New contact", tooltip="Add a contact", id="today.new"),
    ]

    @dataclass
    class ReviewLoaded(Message):
        """The review, the weekly activity and whether the database holds anyone yet."""

        agenda: Agenda
        activity: list[int]
        has_contacts: bool

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[str, AgendaItem] = {}
        self._loaded = False
        self._has_contacts = True

    def compose(self) -> ComposeResult:
        yield Header()
        yield ModeBar("today")
        with Horizontal(id="today-top"):
            yield Static(id="today-title")
            with Vertical(id="activity"):
                yield Static("Activity, 12 weeks", id="activity-label")
                yield Sparkline([0] * 12, id="activity-chart")
        yield SectionList(id="agenda")
        yield Static(id="welcome")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#today-title", Static).update(
            Content.assemble(
                ("Review for ", "bold"), (long_day(self.context.today), "bold $accent")
            )
        )
        self.query_one("#welcome").display = False
        # Plain text rather than a spinner while the review is read: an animation would take
        # the CPU from the very work it waits for.
        self.query_one(SectionList).set_options(
            [Option(Content.styled("Reading the review…", "dim italic"), disabled=True)]
        )

    def reload(self) -> None:
        self._load_review()

    @work(thread=True, exclusive=True, group="today")
    def _load_review(self) -> None:
        from refterm.screens.first_review import read_review

        first = first_review_of(self)
        review = (first.take() if first else None) or read_review(self.context)
        self.post_message(self.ReviewLoaded(review.agenda, review.activity, review.has_contacts))

    def on_today_screen_review_loaded(self, message: ReviewLoaded) -> None:
        from refterm.core.agenda import SECTION_TITLES
        from refterm.core.agenda import Section as AgendaSection

        self._loaded = True
        self._has_contacts = message.has_contacts
        agenda_list = self.query_one(SectionList)
        agenda_list.display = message.has_contacts
        self.query_one("#today-top").display = message.has_contacts
        welcome = self.query_one("#welcome", Static)
        welcome.display = not message.has_contacts
        if not message.has_contacts:
            welcome.update(welcome_text())
        chart = self.query_one(Sparkline)
        chart.data = message.activity
        chart.tooltip = f"{sum(message.activity)} interactions in 12 weeks"
        this_week = message.activity[-1] if message.activity else 0
        self.query_one("#activity-label", Static).update(
            f"Calls and messages · 12 weeks · {this_week} this week"
        )
        self._show_title(message.agenda)
        self._items = {}
        sections = []
        for part in AgendaSection:
            rows = []
            for item in message.agenda.section(part):
                key = f"{part.value}:{item.contact_id}:{item.ask_id}:{item.use_id}"
                self._items[key] = item
                rows.append(
                    Row(
                        key,
                        (
                            Column(item.contact_name, 20, "bold"),
                            Column(item.company or "", 16, "dim"),
                            Column(item.reason),
                        ),
                    )
                )
            sections.append(
                Section(
                    key=part.value,
                    title=SECTION_TITLES[part],
                    total=message.agenda.totals.get(part, 0),
                    rows=rows,
                    empty_text=EMPTY_TEXT[part.value],
                    more_text=MORE_TEXT[part.value],
                    hint=SECTION_HINTS[part.value] if rows else "",
                )
            )
        agenda_list.show_sections(sections)
        self.update_keys()

    def _show_title(self, agenda: Agenda) -> None:
        from refterm.core.agenda import Section as AgendaSection

        totals = [agenda.totals.get(part, 0) for part in AgendaSection]
        to_do = sum(totals)
        summary = f"{to_do:,} things to look at" if to_do else "nothing pressing today"
        self.query_one("#today-title", Static).update(
            Content.assemble(
                ("Review for ", "bold"),
                (long_day(self.context.today), "bold $accent"),
                "\n",
                (summary, "dim"),
            )
        )
        self.query_one(ModeBar).set_detail(f"{to_do:,} to look at" if to_do else "")

    @property
    def current(self) -> AgendaItem | None:
        """The agenda row under the cursor, if any."""
        key = self.query_one(SectionList).highlighted_key
        return self._items.get(key) if key else None

    @on(SectionList.OptionHighlighted)
    def _row_moved(self) -> None:
        self.update_keys()

    @on(SectionList.OptionSelected)
    def _row_chosen(self) -> None:
        item = self.current
        if item is not None:
            from refterm.screens.contact_detail import ContactDetailScreen

            self.app.push_screen(ContactDetailScreen(item.contact_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.current
        if action in ("script", "log"):
            return item is not None
        if action == "snooze":
            return item is not None and item.status in ("asked", "agreed")
        if action == "thanked":
            return item is not None and item.section == "thanks_owed"
        if action == "briefed":
            return item is not None and item.use_id is not None
        return True

    def action_script(self) -> None:
        item = self.current
        if item is None:
            return
        from refterm.screens.script_preview import open_script

        open_script(self, item.contact_id, ask_id=item.ask_id, use_id=item.use_id)

    def action_log(self) -> None:
        item = self.current
        if item is None:
            return
        from refterm.screens.log_form import LogDialog

        self.app.push_screen(LogDialog(item.contact_id, item.ask_id))

    def action_snooze(self) -> None:
        item = self.current
        if item is None or item.ask_id is None:
            return
        from refterm.screens.dialogs import FollowUpDialog

        self.app.push_screen(FollowUpDialog(item.ask_id, item.contact_name, snooze=True))

    def action_thanked(self) -> None:
        item = self.current
        if item is None or item.ask_id is None:
            return
        from refterm.core.asks import mark_thanked
        from refterm.errors import RefTermError

        try:
            mark_thanked(self.context.database, item.ask_id, self.context.today)
        except RefTermError as error:
            tell_error(self, error)
            return
        tell(self, f"Thanked {item.contact_name} — noted for today")
        self.reload()

    def action_briefed(self) -> None:
        item = self.current
        if item is None or item.use_id is None:
            return
        from refterm.core.asks import mark_briefed
        from refterm.errors import RefTermError

        try:
            mark_briefed(self.context.database, item.use_id, self.context.today)
        except RefTermError as error:
            tell_error(self, error)
            return
        tell(self, f"{item.contact_name} is briefed")
        self.reload()

    def action_new_contact(self) -> None:
        from refterm.screens.contact_form import ContactDialog

        self.app.push_screen(ContactDialog())
