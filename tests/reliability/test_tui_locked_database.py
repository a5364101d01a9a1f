"""A database locked past the busy timeout: the TUI refuses in one line, keeps the change, retries.

On 0.1.0 the write ran on the event loop: the screen froze for the whole wait, then the app
exited with a traceback and what was typed was lost.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from textual.widgets import Input, Static

from refterm.db.database import Database
from refterm.screens import writing
from refterm.screens.asks import AsksScreen
from refterm.screens.contact_form import ContactDialog
from refterm.screens.today import TodayScreen
from tests.ui.helpers import SIZE, build_app, highlight_row, screen_text, settle
from tests.ui.writes import notes, short_busy_timeout, until, write_lock

ATLAS = "SELECT count(*) FROM contact WHERE company = 'Atlas'"


@pytest.fixture
def impatient_database(demo_database: Database) -> Database:
    """The demo network, on a database whose writes give up waiting for the lock after 0.3 s."""
    return short_busy_timeout(demo_database, 300)


@pytest.fixture(autouse=True)
def quick_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writing, "NOTICE_AFTER", 0.1)


def count(database: Database, sql: str) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


async def test_a_form_keeps_what_was_typed_and_saves_on_retry(
    impatient_database: Database, db_path: Path, today: date
) -> None:
    app = build_app(impatient_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Zoé Verrou", "tab", *"Atlas")
        dialog = app.screen
        assert isinstance(dialog, ContactDialog)
        with write_lock(db_path):
            await pilot.press("ctrl+s")
            await settle(pilot)  # the write gives up after the (shortened) busy timeout
            message = str(dialog.query_one("#form-error", Static).render())
            assert "another refterm" in message and "ctrl+s tries again" in message
            assert "\n" not in message.strip()
            assert app.screen is dialog and app.is_running
            assert "Saving…" not in screen_text(app)
            assert dialog.query_one("#full_name", Input).value == "Zoé Verrou"
            assert dialog.query_one("#company", Input).value == "Atlas"
            assert count(impatient_database, ATLAS) == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Added Zoé Verrou" in notes(app)
        assert isinstance(app.screen, TodayScreen)
        assert count(impatient_database, ATLAS) == 1
        assert app.return_code is None and app.is_running


async def test_a_list_key_says_press_it_again_and_then_works(
    impatient_database: Database, db_path: Path, today: date
) -> None:
    app = build_app(impatient_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, AsksScreen)
        await highlight_row(pilot, "Lucas Martin")
        row = app.screen.current
        assert row is not None and app.screen.check_action("move", ("declined",))
        with write_lock(db_path):
            await pilot.press("x")  # declined: it asks first
            await settle(pilot)
            await pilot.press("y")
            await until(pilot, lambda: "press x to try again" in notes(app), "the refusal")
            assert "Traceback" not in screen_text(app)
        status = f"SELECT status FROM ask WHERE id = {row.ask_id}"
        with impatient_database.engine.connect() as connection:
            assert connection.execute(text(status)).scalar_one() == row.status
        await settle(pilot)
        await highlight_row(pilot, "Lucas Martin")
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert f"{row.contact_name}: {row.kind} declined" in notes(app)
        with impatient_database.engine.connect() as connection:
            assert connection.execute(text(status)).scalar_one() == "declined"
        assert app.is_running
