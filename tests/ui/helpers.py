"""Building the app for tests: fixed today, no cursor blink, no animations."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console
from textual.pilot import Pilot

from refterm.app import RefTermApp, make_app
from refterm.config import Settings
from refterm.db.database import Database

SIZE = (120, 36)


def build_app(database: Database, today: date, settings: Settings | None = None) -> RefTermApp:
    app = make_app(settings or Settings(), database, today)
    app.cursor_blink = False
    app.animation_level = "none"
    # A note must still be on screen when a loaded machine gets round to reading it.
    app.NOTIFICATION_TIMEOUT = 600
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


async def open_mode(pilot: Pilot[None], key: str) -> None:
    """Press a mode key (1-4) and wait for the screen's data."""
    await pilot.press(key)
    await settle(pilot)


async def highlight_row(pilot: Pilot[None], text: str) -> None:
    """Put the cursor of the current list on the first row whose text contains `text`."""
    from refterm.widgets.contact_table import ContactTable
    from refterm.widgets.section_list import SectionList

    screen = pilot.app.screen
    tables = screen.query(ContactTable)
    if tables:
        table = tables.first()
        # A row already read: one move there (as a click would), not one pause per row on the way.
        loaded = sorted(table._rows.items())
        for index, row in loaded:
            if text in row.full_name:
                table.cursor = index
                await pilot.pause()
                assert table.highlighted is not None and text in table.highlighted.full_name
                return
        table.action_first()
        await pilot.pause()
        for _ in range(table.row_count):
            row = table.highlighted
            if row is not None and text in row.full_name:
                return
            table.action_cursor_down()
            await pilot.pause()
        raise AssertionError(f"no contact row holds {text!r}")
    section_list = screen.query_one(SectionList)
    for index, option in enumerate(section_list.options):
        if option.id and not option.disabled and text in str(option.prompt):
            section_list.highlighted = index
            await pilot.pause()
            return
    raise AssertionError(f"no row holds {text!r}")


def widget_text(app: RefTermApp) -> str:
    """Every Static's text on the current screen, scrolled into view or not."""
    from textual.widgets import Static

    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))
