"""Today: the daily review in five sections, each row saying why it is there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.widgets import Header, Sparkline, Static
from textual.widgets.option_list import Option

from refterm.model.display import safe_text
from refterm.model.i18n import N_, _, ngettext, number
from refterm.model.plural import counted
from refterm.model.relative import long_day
from refterm.screens.base import RefTermScreen, first_review_of, tell
from refterm.screens.writing import Written, write
from refterm.widgets.key_footer import KeyFooter
from refterm.widgets.mode_bar import ModeBar
from refterm.widgets.record_view import QUIET
from refterm.widgets.section_list import Column, Row, Section, SectionList

if TYPE_CHECKING:
    from refterm.core.agenda import Agenda, AgendaItem

# Words are N_-marked here and translated where shown (the language may change while running).
SECTION_HINTS = {
    "references_to_brief": N_("c script · b briefed"),
    "follow_ups": N_("c script · l log · z snooze"),
    "asks_to_make": N_("c script · m asked"),
    "thanks_owed": N_("c script · t thanked"),
    "owes_recommendation": N_("c script · l log · z snooze"),
    "return_asks": N_("a plan the ask · l log"),
    "changed_jobs": N_("c script · l log"),
    "going_cold": N_("c script · l log"),
}


def _on_asks(count: int) -> str:
    return ngettext("and {count} more — all of them on Asks (3)",
                    "and {count} more — all of them on Asks (3)", count)  # fmt: skip


def _on_contacts(count: int) -> str:
    return ngettext("and {count} more — Contacts (2)", "and {count} more — Contacts (2)", count)


def _going_cold_more(count: int) -> str:
    return ngettext("and {count} more — Contacts (2) sorted by last contact (s)",
                    "and {count} more — Contacts (2) sorted by last contact (s)",
                    count)  # fmt: skip


MORE_TEXT = {
    "references_to_brief": _on_asks,
    "follow_ups": _on_asks,
    "asks_to_make": _on_asks,
    "thanks_owed": _on_asks,
    "owes_recommendation": _on_asks,
    "return_asks": _on_contacts,
    "changed_jobs": _on_contacts,
    "going_cold": _going_cold_more,
}
EMPTY_TEXT = {
    "references_to_brief": N_("every reference has been briefed"),
    "follow_ups": N_("no follow-up due"),
    "asks_to_make": N_("every planned ask has been made"),
    "thanks_owed": N_("every recommendation has been thanked"),
    "owes_recommendation": N_("nobody owes you a recommendation"),
    "return_asks": "",
    "changed_jobs": N_("no job change in the last 30 days"),
    "going_cold": N_("everyone is warm"),
}
NO_ASKS_TEXT = N_(
    "no ask planned or under way — press a on someone, here or on Contacts, to plan one"
)
# The script that fits a row's own reason when it is not about an ask.
ROW_TEMPLATES = {"going_cold": "keep_in_touch", "changed_jobs": "keep_in_touch"}
# Why a key does nothing on the highlighted row (or with none).
KEY_ACTIONS = {
    "c": "script",
    "l": "log",
    "z": "snooze",
    "t": "thanked",
    "b": "briefed",
    "m": "asked",
    "a": "plan_ask",
}
WHY_NOT = {
    "snooze": N_(
        "z snoozes a follow-up: pick a row under Follow up today or Owes me a recommendation"
    ),
    "thanked": N_("t marks a recommendation thanked: pick a row under Thank-you owed"),
    "briefed": N_("b marks a reference briefed: pick a row under References to brief"),
    "asked": N_("m marks a planned ask as made: pick a row under Asks to make"),
}


def welcome_text() -> Content:
    """What a new, empty database shows: what to do first."""
    steps = (
        ("n", _("add your first contact — a name is enough to start")),
        (_("2 then i"), _("import your LinkedIn connections (Connections.csv) or a vCard file")),
        ("p", _("say who you are: scripts need your name before they are shown")),
        ("q", _("quit; to come back, type  make run  in the refterm folder")),
        ("", _("(or  refterm  anywhere, once  make install  has put it on the PATH)")),
        (
            "make demo",  # untranslated: a command
            _("a sample network in ./demo.db, apart from your data; once"),
        ),
        ("", _("installed:  refterm --db demo.db demo  then  refterm --db demo.db")),
    )
    parts: list[tuple[str, str] | str] = [
        (_("Welcome to refterm") + "\n\n", "bold $accent"),
        _(
            "Ask the people who know your work for a reference or a recommendation — never for\n"
            "a job. refterm tells you each day whom to call, gives you the words, and keeps your\n"
            "dossier of references and recommendations."
        )
        + "\n\n",
        (_("Start here") + "\n", "bold"),
    ]
    for key, what in steps:
        parts.append((f"  {key:<14}", "bold $accent"))
        parts.append(what + "\n")
    return Content.assemble(*parts)


class TodayScreen(RefTermScreen):
    """The start screen: each person once, under the most pressing reason to get in touch."""

    BINDINGS = [
        Binding("c", "script", N_("Script"), tooltip=N_("The script for this situation"),
                id="today.script"),
        Binding("l", "log", N_("Log outcome"), tooltip=N_("Log a call or message"),
                id="today.log"),
        Binding("z", "snooze", N_("Snooze"), tooltip=N_("Move the follow-up date"),
                id="today.snooze"),
        Binding("t", "thanked", N_("Thanked"), tooltip=N_("Mark the recommendation thanked"),
                id="today.thank"),
        Binding("b", "briefed", N_("Briefed"), tooltip=N_("Mark the reference briefed"),
                id="today.brief"),
        Binding("m", "asked", N_("Asked"), tooltip=N_("Mark the planned ask as made"),
                id="today.asked"),
        Binding("a", "plan_ask", N_("Plan ask"),
                tooltip=N_("Plan a reference or recommendation ask"), id="today.ask"),
        Binding("n", "new_contact", N_("New contact"), tooltip=N_("Add a contact"),
                id="today.new"),
        Binding("p", "profile", N_("Your profile"), show=False,
                tooltip=N_("Your name and search status: the scripts need them"),
                id="today.profile"),
    ]  # fmt: skip

    @dataclass
    class ReviewLoaded(Message):
        """The review, the weekly activity and whether the database holds anyone yet."""

        agenda: Agenda
        activity: list[int]
        has_contacts: bool
        change_mark: tuple[str, ...]  # where the database stood just before it was read

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
                yield Static(_("Activity, 12 weeks"), id="activity-label")
                yield Sparkline([0] * 12, id="activity-chart")
        # One line a person: a long reason is cut, and the highlighted one is shown whole under
        # the list.
        yield SectionList(id="agenda", wrap=False)
        yield Static(id="row-reason", classes="-none", markup=False)
        yield Static(id="welcome")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#today-title", Static).update(self._review_title())
        self.query_one("#welcome").display = False
        # Plain text rather than a spinner while the review is read: an animation would take
        # the CPU from the very work it waits for.
        self.query_one(SectionList).set_options(
            [Option(Content.styled(_("Reading the review…"), QUIET), disabled=True)]
        )

    def _review_title(self) -> Content:
        """'Review for Thursday 26 November 2026', the day in the accent colour."""
        before, _day, after = _("Review for {day}").partition("{day}")
        return Content.assemble(
            (before, "bold"), (long_day(self.context.today), "bold $accent"), (after, "bold")
        )

    def reload(self) -> None:
        self._load_review()

    def action_profile(self) -> None:
        from refterm.screens.profile_form import ProfileDialog

        self.app.push_screen(ProfileDialog())

    @work(thread=True, exclusive=True, group="today")
    def _load_review(self) -> None:
        from refterm.screens.first_review import read_review

        first = first_review_of(self)
        review = (first.take() if first else None) or read_review(self.context)
        self.post_message(
            self.ReviewLoaded(
                review.agenda, review.activity, review.has_contacts, review.change_mark
            )
        )

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
        done = sum(message.activity)
        chart.tooltip = ngettext(
            "{count} interaction in 12 weeks", "{count} interactions in 12 weeks", done
        ).format(count=number(done))
        # The last bar is the last 7 days, today included: not the calendar week.
        last_days = message.activity[-1] if message.activity else 0
        self.query_one("#activity-label", Static).update(
            _("Activity · 12 weeks · {count} in 7 days").format(count=number(last_days))
        )
        self._show_title(message.agenda)
        self._items = {}
        sections = []
        for part in AgendaSection:
            if part is AgendaSection.RETURN_ASKS and not message.agenda.section(part):
                continue  # a suggestion, shown only when there is one
            rows = []
            for item in message.agenda.section(part):
                key = f"person:{item.contact_id}"
                self._items[key] = item
                why = f"{item.reason} · {item.also_text}" if item.also else item.reason
                rows.append(
                    Row(
                        key,
                        (
                            Column(item.contact_name, 20, "bold", least=16),
                            Column(item.company or "", 16, "dim", least=10, drop=1),
                            Column(why),
                        ),
                    )
                )
            empty = EMPTY_TEXT[part.value]
            if part is AgendaSection.ASKS_TO_MAKE and not message.agenda.has_open_asks:
                empty = NO_ASKS_TEXT
            sections.append(
                Section(
                    key=part.value,
                    title=_(SECTION_TITLES[part]),
                    total=message.agenda.totals.get(part, 0),
                    rows=rows,
                    empty_text=_(empty) if empty else "",
                    more_text=MORE_TEXT[part.value],
                    hint=_(SECTION_HINTS[part.value]) if rows else "",
                )
            )
        agenda_list.show_sections(sections)
        self.update_keys()

    def _show_title(self, agenda: Agenda) -> None:
        to_do = agenda.people
        if to_do:
            summary = counted(to_do, "person to look at", "people to look at")
        else:
            summary = _("nothing pressing today")
        self.query_one("#today-title", Static).update(
            Content.assemble(self._review_title(), "\n", (summary, "dim"))
        )
        self.query_one(ModeBar).set_detail(
            counted(to_do, "{count} to look at", "{count} to look at") if to_do else ""
        )

    @property
    def current(self) -> AgendaItem | None:
        """The agenda row under the cursor, if any."""
        key = self.query_one(SectionList).highlighted_key
        return self._items.get(key) if key else None

    @on(SectionList.OptionHighlighted)
    def _row_moved(self) -> None:
        self.update_keys()
        self._show_row_reason()

    @on(SectionList.LaidOut)
    def _show_row_reason(self) -> None:
        """The highlighted row's whole reason under the list, when its line cuts it short."""
        agenda_list = self.query_one(SectionList)
        whole = agenda_list.cut_text(agenda_list.highlighted_key) if agenda_list.display else None
        line = self.query_one("#row-reason", Static)
        line.set_class(whole is None, "-none")
        shown = safe_text(whole or "")
        if shown != str(line.content):
            line.update(shown)

    @on(SectionList.OptionSelected)
    def _row_chosen(self) -> None:
        item = self.current
        if item is not None:
            from refterm.screens.contact_detail import ContactDetailScreen

            self.app.push_screen(ContactDetailScreen(item.contact_id))

    def key_applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.current
        if action in ("script", "log", "plan_ask"):
            return item is not None
        if action == "snooze":
            return item is not None and item.status in ("asked", "agreed")
        if action == "thanked":
            return item is not None and item.section == "thanks_owed"
        if action == "briefed":
            return item is not None and item.use_id is not None
        if action == "asked":
            return item is not None and item.section == "asks_to_make"
        return True

    def on_key(self, event: Key) -> None:
        """A key hidden because it does not apply here says why, instead of doing nothing."""
        action = KEY_ACTIONS.get(event.key)
        if action is None or self.check_action(action, ()):
            return
        event.stop()
        event.prevent_default()
        if not self._loaded:
            tell(self, _("The review is still being read"))
        elif self.current is None and action == "plan_ask":
            tell(self, _("a plans an ask for the highlighted person: pick someone on Contacts (2)"))
        elif self.current is None:
            tell(self, _("Nothing to act on: the review is empty (n adds a contact)"))
        else:
            tell(self, _(WHY_NOT[action]))

    def action_script(self) -> None:
        item = self.current
        if item is None:
            return
        from refterm.screens.script_preview import open_script

        template = ROW_TEMPLATES.get(item.section.value)
        open_script(self, item.contact_id, ask_id=item.ask_id, use_id=item.use_id,
                    template=template)  # fmt: skip

    def action_asked(self) -> None:
        item = self.current
        if item is None or item.ask_id is None:
            return
        context, ask_id, name = self.context, item.ask_id, item.contact_name

        def save() -> Written[int]:
            from refterm.core.asks import move_ask
            from refterm.model.vocab import AskStatus

            move_ask(context.database, ask_id, AskStatus.ASKED, context.today, context.settings)
            return Written(
                ask_id,
                _("Asked {name} — follow-up set, noted in their history").format(name=name),
            )

        write(self, f"asked:{ask_id}", save, retry="m")

    def action_plan_ask(self) -> None:
        item = self.current
        if item is None:
            return
        from refterm.screens.ask_form import AskDialog

        self.app.push_screen(AskDialog(item.contact_id, contact_name=item.contact_name))

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
        context, ask_id, name = self.context, item.ask_id, item.contact_name

        def save() -> Written[int]:
            from refterm.core.asks import mark_thanked

            mark_thanked(context.database, ask_id, context.today, settings=context.settings)
            return Written(ask_id, _("Thanked {name} — noted for today").format(name=name))

        write(self, f"thanked:{ask_id}", save, retry="t")

    def action_briefed(self) -> None:
        item = self.current
        if item is None or item.use_id is None:
            return
        context, use_id, name = self.context, item.use_id, item.contact_name

        def save() -> Written[int]:
            from refterm.core.asks import mark_briefed

            mark_briefed(context.database, use_id, context.today, settings=context.settings)
            return Written(use_id, _("{name} is briefed").format(name=name))

        write(self, f"briefed:{use_id}", save, retry="b")

    def action_new_contact(self) -> None:
        from refterm.screens.contact_form import ContactDialog

        self.app.push_screen(ContactDialog())
