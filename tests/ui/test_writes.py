"""Every TUI write runs off the event loop: while another process holds the lock, the app lives."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from textual.widgets import Input

from refterm.db.database import Database
from refterm.screens import writing
from refterm.screens.contact_form import ContactDialog
from refterm.screens.contacts import ContactsScreen
from refterm.screens.dialogs import FormDialog
from refterm.screens.help import binding_sections
from refterm.screens.modes import MODES
from refterm.screens.today import TodayScreen
from refterm.widgets.contact_table import ContactTable
from refterm.widgets.mode_bar import ModeBar
from refterm.widgets.section_list import SectionList
from tests.ui.helpers import SIZE, build_app, highlight_row, screen_text, settle
from tests.ui.writes import notes, running_writes, until, write_lock


def thanked_on(database: Database, name: str) -> object:
    with database.engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT ask.thanked_on FROM ask JOIN contact ON contact.id = ask.contact_id"
                " WHERE contact.full_name = :name AND ask.status = 'received'"
            ),
            {"name": name},
        ).scalar_one()


@pytest.fixture(autouse=True)
def quick_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Say 'waiting' after 0.2 s rather than 1 s: the tests wait for it."""
    monkeypatch.setattr(writing, "NOTICE_AFTER", 0.2)


async def test_the_screen_stays_live_while_t_waits_for_the_lock(
    demo_database: Database, db_path: Path, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Émilie Rousseau")
        with write_lock(db_path):
            await pilot.press("t")
            await until(pilot, lambda: "Waiting for another refterm" in screen_text(app),
                        "the waiting line")  # fmt: skip
            assert running_writes(app) == ["write:thanked:" + str(app_ask(app))]
            # Keys and messages are handled meanwhile: the cursor moves, another mode loads.
            agenda = app.screen.query_one(SectionList)
            before = agenda.highlighted
            await pilot.press("j")
            assert agenda.highlighted != before
            await pilot.press("2")
            await until(pilot, lambda: isinstance(app.screen, ContactsScreen)
                        and "18 contacts" in str(app.screen.query_one(ModeBar).render()),
                        "the contacts to load")  # fmt: skip
            assert app.screen.query_one(ContactTable).row_count == 18
            await pilot.press("1")
            await until(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
            assert thanked_on(demo_database, "Émilie Rousseau") is None
            assert running_writes(app), "the write must still be waiting for the lock"
        await until(pilot, lambda: "Thanked Émilie Rousseau" in notes(app), "the saved note")
        await settle(pilot)
        assert thanked_on(demo_database, "Émilie Rousseau") == today.isoformat()
        # She was the only thank-you owed: her row has left the review.
        assert "not thanked yet" not in screen_text(app)
        # The waiting line checks its writes every 0.2 s: it goes at its next check.
        await until(pilot, lambda: "Waiting for another refterm" not in screen_text(app),
                    "the waiting line to go")  # fmt: skip
        assert app.is_running


def app_ask(app: object) -> int:
    """The ask id of the row under Today's cursor."""
    screen = getattr(app, "screen")  # noqa: B009
    assert isinstance(screen, TodayScreen) and screen.current is not None
    assert screen.current.ask_id is not None
    return screen.current.ask_id


async def test_a_form_waits_live_and_saves_once(
    database: Database, db_path: Path, today: date
) -> None:
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ContactDialog)
        await pilot.press(*"Zoé Lock")
        with write_lock(db_path):
            await pilot.press("ctrl+s", "ctrl+s", "ctrl+s")  # impatient: still one write
            await until(pilot, lambda: "Waiting for another refterm" in screen_text(app),
                        "the waiting line")  # fmt: skip
            assert running_writes(app) == ["write:form"]
            assert "Saving…" in screen_text(app)
            await pilot.press("escape")  # the write is queued: the form stays to tell its end
            assert isinstance(app.screen, ContactDialog)
            await pilot.press("tab", *"Acme")  # and it still takes keys
            assert app.screen.query_one("#company", Input).value == "Acme"
        await until(pilot, lambda: "Added Zoé Lock" in notes(app), "the saved note")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        with database.engine.connect() as connection:
            rows = connection.execute(text("SELECT full_name FROM contact")).all()
        assert [tuple(row) for row in rows] == [("Zoé Lock",)]


async def test_an_edit_form_reads_its_data_off_the_event_loop(
    demo_database: Database, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    import refterm.core.contacts as contacts

    release = threading.Event()
    real = contacts.contact_form

    def slow_form(database: Database, contact_id: int) -> contacts.ContactForm:
        assert release.wait(timeout=20), "the test never released the read"
        return real(database, contact_id)

    monkeypatch.setattr(contacts, "contact_form", slow_form)
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen)
                    and app.screen.query_one(ContactTable).row_count == 18,
                    "the contacts")  # fmt: skip
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ContactDialog), "the form")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert "Reading…" in screen_text(app)
        await pilot.press("ctrl+s")  # nothing to save yet: ignored
        assert running_writes(app) == []
        release.set()
        await settle(pilot)
        assert dialog.query_one("#full_name", Input).value == "Omar Tazi"
        assert app.focused is dialog.query_one("#full_name")


def test_the_modes_are_declared_once(today: date, database: Database) -> None:
    from refterm.app import RefTermApp

    assert list(RefTermApp.MODES) == [mode.name for mode in MODES]
    assert RefTermApp.DEFAULT_MODE == MODES[0].name
    keys = {b.key: b for b in RefTermApp.BINDINGS if not isinstance(b, tuple)}
    for mode in MODES:
        binding = keys[mode.key]
        assert binding.action == f"switch_mode('{mode.name}')"
        assert (binding.description, binding.tooltip) == (mode.title, mode.tooltip)
    titles = [title for title, _ in binding_sections(RefTermApp)]
    assert [t for t in titles if t in {m.title for m in MODES}] == [m.title for m in MODES]
    assert titles.index("Contact detail") == titles.index("Contacts") + 1


async def test_the_mode_bar_reads_the_registry(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = str(app.screen.query_one(ModeBar).render())
        places = [bar.index(f" {mode.key} {mode.title} ") for mode in MODES]
        assert places == sorted(places)
        for mode in MODES:
            await pilot.press(mode.key)
            await settle(pilot)
            assert type(app.screen) is mode.screen_class()
            assert app.screen.query_one(ModeBar).active == mode.name


async def test_q_warns_once_while_a_change_waits(
    demo_database: Database, db_path: Path, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Émilie Rousseau")
        with write_lock(db_path):
            await pilot.press("t", "q")
            await until(pilot, lambda: "press q again to quit" in notes(app), "the warning")
            assert app.is_running and running_writes(app)
        await until(pilot, lambda: "Thanked Émilie Rousseau" in notes(app), "the saved note")
        await settle(pilot)
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running, "the app to quit")
    assert thanked_on(demo_database, "Émilie Rousseau") == today.isoformat()
