"""The Contacts filter per keystroke, and the palette's close spellings (in a process per database).

Run as `python -m benchmarks.filtering DB REPEATS`; prints one JSON object. The real app runs
under Pilot at 120x36: Contacts open, `/`, then each query is typed one key at a time. A key's
time runs from the key event reaching the app (sent through the driver, as a terminal's key
arrives) until the first frame painted with the rows of the query typed so far (the count in the
mode bar may come a moment later). `pilot.press` is not used for the typing: it waits for the
process to look idle (at least two 20 ms sleeps per key), which a user never waits for. The
frame is awaited, not polled: a loop waking every half millisecond took Python's lock from the
app's query thread, a cost a real terminal does not add. Every worker is left to finish before
the next key, so keys do not overlap. The first repetition warms the caches and is not counted.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

# A name found once (a demo contact), a common name (about 4% of the synthetic contacts),
# and two words (a name and a company prefix).
QUERIES = {"rare": "ouazzani", "common": "martin", "two words": "martin capg"}
# Close spellings: a missing letter, a missing letter in two words, a dropped vowel.
PALETTE_QUERIES = ("benjeloun", "ouazani", "karim ouazani", "emma benjeloun", "mrtin", "chraib")


async def _settle(pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _type_query(pilot: object, query: str) -> list[float]:
    """Type `query` key by key; the seconds from each key to the frame that shows its rows."""
    from textual import events
    from textual.pilot import Pilot

    from refterm.widgets.contact_table import ContactTable

    assert isinstance(pilot, Pilot)
    app = pilot.app
    table = app.screen.query_one(ContactTable)
    driver = app._driver
    assert driver is not None
    wanted: list[str] = []
    painted: list[float] = []
    drawn = asyncio.Event()  # waited on, not polled: a poll would take Python's lock from the app
    display = app._display

    def timed_display(screen: Any, renderable: Any) -> None:
        # A frame goes out: made by now (the headless driver drops its bytes).
        display(screen, renderable)
        if renderable is None or app._batch_count or painted or not wanted:
            return
        # Only a frame that draws the table counts (not, say, the mode bar's count alone).
        shows_table = table in screen._dirty_widgets or screen in screen._dirty_widgets
        if shows_table and table.search == wanted[0] and table.showing_latest_query:
            painted.append(time.perf_counter())
            drawn.set()

    app._display = timed_display  # type: ignore[method-assign]
    times = []
    try:
        for typed, char in enumerate(query, start=1):
            wanted[:] = [query[:typed]]
            painted.clear()
            drawn.clear()
            started = time.perf_counter()
            driver.send_message(events.Key("space" if char == " " else char, char))
            await drawn.wait()
            times.append(painted[0] - started)
            await _settle(pilot)
    finally:
        app._display = display  # type: ignore[method-assign]
    return times


async def measure_filter(db: Path, repeats: int) -> dict[str, object]:
    from refterm.app import make_app
    from refterm.config import Settings
    from refterm.db.database import Database
    from refterm.widgets.contact_table import ContactTable

    database = Database.open(db)
    keys: dict[str, list[float]] = {name: [] for name in QUERIES}
    found: dict[str, int | None] = {}
    app = make_app(Settings(), database, date(2026, 11, 26))
    app.animation_level = "none"
    async with app.run_test(size=(120, 36)) as pilot:
        await _settle(pilot)
        await pilot.press("2")
        await _settle(pilot)
        table = app.screen.query_one(ContactTable)
        for repetition in range(repeats + 1):
            for name, query in QUERIES.items():
                await pilot.press("slash")
                times = await _type_query(pilot, query)
                found[name] = table.total
                if repetition:
                    keys[name].extend(times)
                await pilot.press("escape")  # clears the filter and leaves it
                await _settle(pilot)
    database.dispose()
    return {"keys": keys, "found": found}


def measure_palette(db: Path, repeats: int) -> dict[str, object]:
    """The palette's search as its provider runs it (exact matches, then close spellings),
    the names already read (the palette reads them when it opens)."""
    from refterm.core.close_names import CloseNames, palette_matches
    from refterm.db.database import Database

    database = Database.open(db)
    names = CloseNames(database)
    started = time.perf_counter()
    names.refresh()
    index_seconds = time.perf_counter() - started
    times: dict[str, list[float]] = {query: [] for query in PALETTE_QUERIES}
    first: dict[str, str | None] = {}
    for repetition in range(repeats + 1):
        for query in PALETTE_QUERIES:
            started = time.perf_counter()
            matches = palette_matches(database, names, query)
            elapsed = time.perf_counter() - started
            first[query] = matches[0].full_name if matches else None
            if repetition:
                times[query].append(elapsed)
    database.dispose()
    return {"index_seconds": index_seconds, "search": times, "first": first}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    db, repeats = Path(sys.argv[1]), int(sys.argv[2])
    result = asyncio.run(measure_filter(db, repeats))
    keys = result["keys"]
    assert isinstance(keys, dict)
    result["median"] = {name: statistics.median(values) for name, values in keys.items()}
    result["p95_all_keys"] = p95([value for values in keys.values() for value in values])
    if "--palette" in sys.argv:
        result["palette"] = measure_palette(db, repeats)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
