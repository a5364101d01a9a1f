"""Building the app for tests: fixed today, no cursor blink, no animations."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console
from textual import events
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from refterm.app import RefTermApp, make_app
from refterm.config import Settings
from refterm.db.database import Database
from tests.pilot_waits import messages_waiting, screen_pending

SIZE = (120, 36)


def build_app(database: Database, today: date, settings: Settings | None = None) -> RefTermApp:
    app = make_app(settings or Settings(), database, today)
    app.cursor_blink = False
    app.animation_level = "none"
    # A note must still be on screen when a loaded machine gets round to reading it.
    app.NOTIFICATION_TIMEOUT = 600
    # No full collection after a second without keys: in a test process each walks every app
    # built before (a quarter of a second), and a test often pauses that long on a loaded
    # machine. The process's own collections are set in conftest; test_between_keys tests these.
    app.QUIET_SECONDS = 3600
    return app


# A bound on settle's rounds: an app that never goes quiet fails the test's own assertions
# after this many, instead of hanging the run.
SETTLE_ROUNDS = 200


async def settle(pilot: Pilot[None]) -> None:
    """Wait until no worker runs, no message waits and the screen has drawn what they changed.

    Each round waits for the workers, lets every node handle what was posted to it, draws the
    screen (as its update timer would) and handles what the drawing posted; it stops at the
    first round that ends quiet. No fixed pause: a test waits as long as the app works.
    """
    app = pilot.app
    for _ in range(SETTLE_ROUNDS):
        for worker in list(app.workers):
            try:
                await worker.wait()
            except WorkerCancelled:
                pass  # an exclusive worker replaced by a newer one: the next round waits for it
        await pilot._wait_for_screen()
        app.screen._on_timer_update()
        await pilot._wait_for_screen()
        if _quiet(app):
            return


def _quiet(app: RefTermApp) -> bool:
    """No worker left, no message waiting in any node, nothing left for the screen to draw."""
    if any(not worker.is_finished for worker in app.workers):
        return False
    return not (messages_waiting(app) or screen_pending(app))


def screen_text(app: RefTermApp) -> str:
    """The visible text of the current screen (and the screens under a dialog), as plain text."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return console.export_text()


def send_at_once(app: RefTermApp, keys: str) -> None:
    """Queue `keys` as a terminal does when they come faster than the app reads them: none is
    handled before the last arrives (`pilot.press` waits for each)."""
    assert app._driver is not None
    for char in keys:
        app._driver.send_message(events.Key("slash" if char == "/" else char, char))


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
