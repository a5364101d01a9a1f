"""The TUI open and busy while another process writes through the CLI: nothing lost, no locks."""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from itertools import cycle
from pathlib import Path

from textual.widgets import Input

from refterm.app import RefTermApp
from refterm.core.agenda import weekly_activity
from refterm.core.demo import load_demo
from refterm.db.database import Database
from refterm.widgets.mode_bar import ModeBar
from tests.reliability.helpers import WRITER
from tests.ui.helpers import SIZE, build_app, screen_text, settle

ADDED = 50
# What the user does meanwhile: every screen, the filter, refreshes.
KEYS = ("2", "j", "j", "1", "3", "4", "ctrl+r", "2", "slash", "w", "escape", "1")


def errors_shown(app: RefTermApp) -> list[str]:
    return [str(note.message) for note in app._notifications if note.severity == "error"]


def mode_bar(app: RefTermApp) -> str:
    return str(app.screen.query_one(ModeBar).render())


async def test_tui_shows_every_cli_write_after_refresh(
    database: Database, db_path: Path, today: date
) -> None:
    load_demo(database, today)
    this_week = weekly_activity(database, today, weeks=12)[-1]
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        writer = await asyncio.create_subprocess_exec(
            sys.executable, "-c", WRITER, str(db_path), "Gamma", str(ADDED),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        communicating = asyncio.ensure_future(writer.communicate())
        pressed = 0
        for key in cycle(KEYS):
            if communicating.done():
                break
            await pilot.press(key)
            await settle(pilot)
            pressed += 1
            assert errors_shown(app) == []
        _out, err = await asyncio.wait_for(communicating, timeout=300)
        assert writer.returncode == 0, err
        assert b"locked" not in err
        assert pressed >= 3, "the app should have been busy during the writes"

        while isinstance(app.focused, Input):  # the writes may have ended in the filter
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert f"{18 + ADDED} contacts" in mode_bar(app)
        await pilot.press("slash", *"gamma writer")
        await settle(pilot)
        assert f"{ADDED} contacts matching" in mode_bar(app)
        assert "Gamma Writer 000" in screen_text(app)
        await pilot.press("escape", "escape")
        await pilot.press("1")  # switching screens reads again too
        await settle(pilot)
        assert f"{this_week + ADDED} in 7 days" in screen_text(app)
        assert errors_shown(app) == []
        assert app.is_running
