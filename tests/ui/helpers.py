"""Building the app for tests: fixed today, no cursor blink, no animations."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console
from sqlalchemy import Engine
from textual.pilot import Pilot

from refterm.app import RefTermApp, make_app
from refterm.config import Settings

SIZE = (120, 36)


def build_app(engine: Engine, today: date, settings: Settings | None = None) -> RefTermApp:
    app = make_app(settings or Settings(), engine, today)
    app.cursor_blink = False
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker is done and the screen has caught up with their messages."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def screen_text(app: RefTermApp) -> str:
    """The visible text of the current screen (and the screens under a dialog), as plain text."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return console.export_text()
