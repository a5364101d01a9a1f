"""`python -m refterm.screenshots DIR`: SVG pictures of every screen, from the demo data.

Fixed size (120x36) and a fixed day, in a throw-away database and configuration folder, so that
the pictures change only when the screens do.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

DAY = date(2026, 11, 26)
SIZE = (120, 36)

# (file name, keys from Today, row to put the cursor on first, keys after that)
SHOTS: tuple[tuple[str, tuple[str, ...], str | None, tuple[str, ...]], ...] = (
    ("today", (), None, ()),
    ("today-script-fr", (), "Claire Dubois", ("c",)),
    ("today-snooze", (), "Lucas Martin", ("z",)),
    ("today-log", (), "Claire Dubois", ("l",)),
    ("contacts", ("2",), None, ()),
    ("contacts-filter", ("2", "slash", "c", "a", "p"), None, ()),
    ("contact-form", ("2", "n"), None, ()),
    ("contact-detail", ("2",), "Yasmine Benali", ("enter",)),
    ("script-en", ("2",), "Sarah Mitchell", ("c",)),
    ("ask-form", ("2",), "Nadia Haddad", ("a",)),
    ("import", ("2", "i"), None, ()),
    ("asks", ("3",), None, ()),
    ("asks-received", ("3",), "Sarah Mitchell", ("r",)),
    ("dossier", ("4",), None, ()),
    ("profile-form", ("4", "e"), None, ()),
    ("export", ("4", "x"), None, ()),
    ("help", ("question_mark",), None, ()),
)


async def _settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _highlight(pilot: Pilot[Any], text: str) -> None:
    from refterm.widgets.contact_table import ContactTable
    from refterm.widgets.section_list import SectionList

    screen = pilot.app.screen
    if screen.query(ContactTable):
        table = screen.query_one(ContactTable)
        table.action_first()
        for _ in range(table.row_count):
            await pilot.pause()
            if table.highlighted is not None and text in table.highlighted.full_name:
                return
            table.action_cursor_down()
        return
    section_list = screen.query_one(SectionList)
    for index, option in enumerate(section_list.options):
        if option.id and not option.disabled and text in str(option.prompt):
            section_list.highlighted = index
            return


async def _shoot(database: Any, folder: Path, name: str, keys: Sequence[str], row: str | None,
                 then: Sequence[str]) -> Path:  # fmt: skip
    from refterm.app import make_app
    from refterm.config import Settings

    app = make_app(Settings(), database, DAY)
    app.cursor_blink = False
    app.animation_level = "none"
    target = folder / f"{name}.svg"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)
        if row is not None:
            await _highlight(pilot, row)
        for key in then:
            await pilot.press(key)
            await _settle(pilot)
        target.write_text(app.export_screenshot(title=f"refterm · {name}"), encoding="utf-8")
    return target


async def write_screenshots(folder: Path) -> list[Path]:
    """Every screen from the demo network, and the welcome screen of a new database."""
    from refterm.core.demo import load_demo
    from refterm.db.database import Database

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="refterm-shots-") as scratch:
        os.environ["REFTERM_CONFIG_DIR"] = str(Path(scratch) / "config")
        empty = Database.open(Path(scratch) / "empty.db")
        written.append(await _shoot(empty, folder, "welcome", (), None, ()))
        empty.dispose()
        database = Database.open(Path(scratch) / "demo.db")
        load_demo(database, DAY)
        for name, keys, row, then in SHOTS:
            written.append(await _shoot(database, folder, name, keys, row, then))
        database.dispose()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0] if args else "screenshots")
    for path in asyncio.run(write_screenshots(folder)):
        sys.stderr.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
