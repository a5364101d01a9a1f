"""Contacts at scale: opening the screen and filtering it (Pilot, in a process per database).

Run as `python -m benchmarks.scaling DB REPEATS`; prints one JSON object. Each repetition is a
new app on the same database; the first is a warm-up (module imports) and is not counted.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from datetime import date
from pathlib import Path

# Typed in one go once `/` has focused the filter: a name word and a company prefix.
FILTER = "martin capg"
LATE_MODULES = ("alembic", "jinja2", "vobject", "phonenumbers")


async def _settle(pilot: object) -> None:
    """Every worker done and its messages handled (as the UI tests wait)."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def measure(db: Path, repeats: int) -> dict[str, object]:
    from refterm.app import make_app
    from refterm.config import Settings
    from refterm.db.database import Database
    from refterm.widgets.contact_table import ContactTable
    from refterm.widgets.mode_bar import ModeBar

    database = Database.open(db)
    today = date(2026, 11, 26)
    opening: list[float] = []
    filtering: list[float] = []
    late: list[str] = []
    shown = ""
    for repetition in range(repeats + 1):
        app = make_app(Settings(), database, today)
        app.animation_level = "none"
        async with app.run_test(size=(120, 36)) as pilot:
            await _settle(pilot)  # the Today screen is showing its data
            if repetition == 0:
                late = sorted({name.split(".")[0] for name in sys.modules} & set(LATE_MODULES))
            started = time.perf_counter()
            await pilot.press("2")
            await _settle(pilot)
            opened = time.perf_counter() - started
            table = app.screen.query_one(ContactTable)
            assert table.total is not None and table.highlighted is not None, "no rows shown"
            await pilot.press("slash")
            started = time.perf_counter()
            await pilot.press(*("space" if char == " " else char for char in FILTER))
            await _settle(pilot)
            filtered = time.perf_counter() - started
            assert table.search == FILTER and table.highlighted is not None, "filter not applied"
            shown = str(app.screen.query_one(ModeBar).render())
            if repetition:
                opening.append(opened)
                filtering.append(filtered)
    database.dispose()
    return {"open": opening, "filter": filtering, "late_modules_at_content": late, "shown": shown}


def main() -> None:
    db, repeats = Path(sys.argv[1]), int(sys.argv[2])
    print(json.dumps(asyncio.run(measure(db, repeats))))


if __name__ == "__main__":
    main()
