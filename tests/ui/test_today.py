"""Today: the review, its keys, and the welcome state of a new database."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from textual.widgets import Input, Select, Static

from refterm.config import Settings
from refterm.core.agenda import Section, build_agenda
from refterm.core.asks import get_ask
from refterm.db.database import Database
from refterm.screens.contact_detail import ContactDetailScreen
from refterm.screens.log_form import LogDialog
from refterm.screens.today import TodayScreen
from tests.support import TODAY
from tests.ui.helpers import SIZE, build_app, highlight_row, screen_text, settle
from tests.ui.writes import until


def follow_ups(database: Database, today: date) -> list[str]:
    agenda = build_agenda(database, today, Settings())
    return [item.contact_name for item in agenda.section(Section.FOLLOW_UPS)]


def list_text(app: object) -> str:
    """Every row and heading of the review, scrolled into view or not."""
    from refterm.widgets.section_list import SectionList

    section_list = app.screen.query_one(SectionList)  # type: ignore[attr-defined]
    return "\n".join(str(option.prompt) for option in section_list.options)


async def test_today_shows_each_person_once_in_eight_sections(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        text = list_text(app)
        for heading in (
            "References to brief  2",
            "Follow up today  4",
            "Asks to make  2",
            "Thank-you owed  1",
            "Owes me a recommendation  1",
            "Ask in return  1",
            "Changed jobs  2",
            "Going cold  1",
        ):
            assert heading in text
        assert text.count("Sarah Mitchell") == 1
        assert text.count("Yasmine Benali") == 1
        # One line a row: the second reason is kept with the row (its end may be cut on screen).
        await highlight_row(pilot, "Sarah Mitchell")
        sarah = app.screen.current  # type: ignore[attr-defined]
        assert sarah is not None and "owes a recommendation" in sarah.also_text
        assert "asked for a recommendation 20 days ago (twice)" in text
        assert "moved from Sanofi to L'Oréal as HR Business Partner" in text
        shown = screen_text(app)
        assert "you recommended Antoine Girard in 2024; they have not recommended you" in text
        assert "14 people to look at" in shown
        assert "refterm · Amine Kettani" in shown
        assert TODAY.isoformat() in shown
        assert "Review for Thursday 26 November 2026" in shown


async def test_the_first_screen_is_read_before_sqlalchemy_is_built(
    demo_database: Database, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in production: the handle comes without an engine and Today is read through sqlite3."""
    engine_built_when_read: list[bool] = []
    raw_reading = demo_database.raw_reading

    def spying_raw_reading() -> Any:
        engine_built_when_read.append(demo_database.has_engine)
        return raw_reading()

    monkeypatch.setattr(demo_database, "raw_reading", spying_raw_reading)
    assert not demo_database.has_engine
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Follow up today  4" in screen_text(app)
    assert engine_built_when_read[:1] == [False]


async def test_new_database_opens_on_welcome(database: Database, today: date) -> None:
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Welcome to refterm" in text
        # What to type next, before and after `make install`.
        assert "to come back, type  make run  in the refterm folder" in text
        assert "refterm  anywhere, once  make install  has put it on the PATH" in text
        assert "installed:  refterm --db demo.db demo  then  refterm --db demo.db" in text
        assert "import your LinkedIn connections" in text
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Ann", "ctrl+s")
        await settle(pilot)
        assert "Welcome to refterm" not in screen_text(app)


async def test_logging_an_agreed_call_takes_it_off_the_follow_ups(
    demo_database: Database, today: date
) -> None:
    assert "Claire Dubois" in follow_ups(demo_database, today)
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Claire Dubois")
        await pilot.press("l")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LogDialog)
        assert dialog.query_one("#ask", Select).value != Select.NULL  # the row's ask
        dialog.query_one("#outcome", Select).value = "agreed"
        dialog.query_one("#summary").insert("Happy to be called by recruiters")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        text = screen_text(app)
        assert "Follow up today  3" in text
        assert "Logged a call with Claire Dubois; the ask becomes agreed" in text
    assert "Claire Dubois" not in follow_ups(demo_database, today)


async def test_call_back_needs_a_date(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Mehdi El Amrani")
        await pilot.press("l")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#outcome", Select).value = "call_back"
        await settle(pilot)
        assert dialog.query_one("#field-call_back_on").display
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "say when to call back" in str(dialog.query_one("#error-call_back_on").render())
        dialog.query_one("#call_back_on", Input).value = "demain"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Mehdi El Amrani" not in follow_ups(demo_database, today)


async def test_snooze_moves_the_follow_up(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Lucas Martin")
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        item = screen.current
        assert item is not None and item.ask_id is not None
        await pilot.press("z")
        await settle(pilot)
        await pilot.press("down", "enter")  # +3 days
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert get_ask(demo_database, item.ask_id).follow_up_on == today + timedelta(days=3)
        assert "Follow up today  3" in screen_text(app)


async def test_snooze_to_a_typed_date(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Sarah Mitchell")
        item = app.screen.current  # type: ignore[attr-defined]
        await pilot.press("z")
        await settle(pilot)
        app.screen.query_one("#on", Input).value = "bogus"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "is not a date" in str(app.screen.query_one("#error-on").render())
        app.screen.query_one("#on", Input).value = "+2w"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert get_ask(demo_database, item.ask_id).follow_up_on == today + timedelta(weeks=2)


async def test_keys_show_only_where_they_apply(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        await highlight_row(pilot, "Fatima Zahra Alaoui")  # going cold: no ask
        assert screen.check_action("snooze", ()) is False
        assert screen.check_action("thanked", ()) is False
        assert screen.check_action("log", ()) is True
        await highlight_row(pilot, "Émilie Rousseau")  # thank-you owed
        assert screen.check_action("thanked", ()) is True
        assert screen.check_action("briefed", ()) is False


async def test_thank_and_brief_clear_their_rows(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Émilie Rousseau")
        await pilot.press("t")
        await settle(pilot)
        assert "Thank-you owed  0" in list_text(app)
        await highlight_row(pilot, "Hannah Schmidt")
        await pilot.press("b")
        await settle(pilot)
        assert "References to brief  1" in list_text(app)
        assert "Hannah Schmidt is briefed" in screen_text(app)


async def test_enter_opens_the_contact(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Thomas Lefèvre")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert "Hired me in 2016; my first manager" in screen_text(app)


async def test_a_row_is_selected_whenever_the_list_fills(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.current is not None  # the first row, without pressing a key
        await highlight_row(pilot, "Thomas Lefèvre")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.current is not None and screen.current.contact_name == "Thomas Lefèvre"
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert screen.current is not None and screen.current.contact_name == "Thomas Lefèvre"
        await highlight_row(pilot, "Émilie Rousseau")
        await pilot.press("t")  # her row goes: the cursor stays on a row, never on nothing
        await settle(pilot)
        assert screen.current is not None
        assert screen.current.contact_name != "Émilie Rousseau"
        assert screen.check_action("script", ()) is True


async def test_m_marks_a_planned_ask_made(demo_database: Database, today: date) -> None:
    from refterm.core.contacts import contact_detail

    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Omar Tazi")
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        item = screen.current
        assert item is not None and item.section == "asks_to_make" and item.ask_id is not None
        await pilot.press("m")
        await settle(pilot)
        assert "Asked Omar Tazi" in screen_text(app)
        assert "Asks to make  1" in list_text(app)
        ask = get_ask(demo_database, item.ask_id)
        assert (ask.status, ask.asked_on) == ("asked", today)
        detail = contact_detail(demo_database, item.contact_id)
        assert detail.contact.last_contacted_on == today
        assert detail.interactions[0].summary == "Asked for a reference"


async def test_a_key_that_cannot_act_says_why(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Fatima Zahra Alaoui")
        await pilot.press("t")
        await settle(pilot)
        told = [note.message for note in app._notifications]
        assert told == ["t marks a recommendation thanked: pick a row under Thank-you owed"]
        await pilot.press("m")
        await settle(pilot)
        told = [note.message for note in app._notifications]
        assert told[-1] == "m marks a planned ask as made: pick a row under Asks to make"


async def test_no_ask_at_all_offers_to_plan_one(database: Database, today: date) -> None:
    from refterm.core.contacts import ContactForm, create_contact, validate
    from refterm.screens.ask_form import AskDialog

    settings = Settings()
    form = ContactForm(full_name="Ann Lee", relationship="manager")
    create_contact(database, validate(form, settings))
    app = build_app(database, today + timedelta(days=100))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert (
            "no ask planned or under way — press a on someone, here or on Contacts, to plan one"
            in list_text(app)
        )
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AskDialog)


@pytest.mark.parametrize("mode", ["contacts", "asks"])
async def test_todays_footer_refreshing_as_a_mode_key_puts_up_its_screen(
    demo_database: Database, today: date, mode: str
) -> None:
    """A mode's screen is current as soon as its key is pressed, before it has its widgets: the
    footer of Today, refreshing then, asked it about the app's keys and the app crashed (seen
    under load, when the footer's turn came between the key and the new screen's start)."""
    from refterm.widgets.key_footer import KeyFooter

    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        review = app.screen
        footer = review.query_one(KeyFooter)
        app.switch_mode(mode)  # what its key does: the new screen is current, not yet built
        assert app.screen is not review and not app.screen.children
        footer._shown = None  # a change to show: the footer reads every key's state
        footer.bindings_changed(review)
        await settle(pilot)
        assert app.is_running
        assert app.current_mode == mode and app.screen.children


async def test_the_highlighted_reason_cut_short_is_shown_whole_under_the_list(
    demo_database: Database, today: date
) -> None:
    """At 80 columns the reason loses its key fact (how late the follow-up is): the highlighted
    row's whole reason is under the list, and only while its line cuts it."""
    lucas = "asked for a recommendation 20 days ago (twice), follow-up was due 6 days ago"
    app = build_app(demo_database, today)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#row-reason", Static)
        await highlight_row(pilot, "Lucas Martin")
        await settle(pilot)
        row = next(text for text in screen_text(app).splitlines() if "Lucas Martin" in text)
        assert "6 days ago" not in row  # the row alone cuts the key fact
        assert line.display and str(line.render()) == lucas
        claire = "asked for a reference 9 days ago, follow-up due today"
        await highlight_row(pilot, "Claire Dubois")
        await settle(pilot)
        assert line.display and str(line.render()) == claire
        agenda = app.screen.query_one("#agenda")
        await pilot.resize_terminal(*SIZE)
        await until(pilot, lambda: agenda.size.width > 100, "the list at 120 columns")
        await settle(pilot)
        assert not line.display  # at 120 columns her row holds all of it
        assert claire in screen_text(app)
        await highlight_row(pilot, "Yasmine Benali")  # too long even at 120 columns
        await settle(pilot)
        assert line.display and "brief them before the recruiter calls" in str(line.render())


async def test_the_list_keeps_its_place_as_the_reason_line_changes_height(
    demo_database: Database, today: date
) -> None:
    """The line under the list takes one, two or three lines as the cursor moves; the list's
    new height must not lay its rows out again, which scrolled it back and moved the cursor's
    row on screen with every key."""
    from refterm.widgets.section_list import SectionList

    app = build_app(demo_database, today)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        agenda = app.screen.query_one(SectionList)
        line = app.screen.query_one("#row-reason", Static)
        await highlight_row(pilot, "Fatima Zahra Alaoui")  # the last row: the list scrolled
        await settle(pilot)
        heights = {line.size.height}
        for _ in range(3):
            scrolled = agenda.scroll_y
            await pilot.press("k")
            await settle(pilot)
            heights.add(line.size.height)
            assert agenda.scroll_y == scrolled  # the row above was in view: nothing moves
        assert len(heights) > 1, heights  # the line did change height on the way
        assert scrolled > 0
