"""50,000 LinkedIn rows: refterm's import (new, then all duplicates) against plain executemany.

Run as `python -m benchmarks.importing FOLDER REPEATS`; prints one JSON object. Everything
runs in this process: no start-up cost is counted on either side.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from benchmarks.linkedin_file import connection_rows, write_connections

ROWS = 50_000
STAMP = "2026-11-26 12:00:00.000000"


def plain_executemany(db: Path, rows: list[tuple[str, ...]]) -> float:
    """The baseline: the same rows into the same table, parsed already, one transaction,
    without the search index (refterm's import keeps it up to date)."""
    values = [
        (f"{first} {last}", f"{first} {last}".lower(), "", company, position, email or None,
         url, connected, "auto", "none", STAMP, STAMP)
        for first, last, url, email, company, position, connected in rows
    ]  # fmt: skip
    connection = sqlite3.connect(db, isolation_level=None)
    # No search index on the baseline's side: a plain insert, as before the index existed.
    for (trigger,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'contact'"
    ).fetchall():
        connection.execute(f"DROP TRIGGER {trigger}")
    connection.close()
    started = time.perf_counter()
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO contact (full_name, sort_key, search_text, company, title, email,"
        " linkedin_url, connected_on, formality, civility, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )
    connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - started


def refterm_import(db: Path, source: Path) -> tuple[float, str]:
    """Reading a CSV (or a whole archive) and importing it, as `refterm import linkedin` does."""
    from refterm.config import Settings
    from refterm.db.database import Database
    from refterm.io.importer import import_contacts, read_import

    database = Database.open(db)
    settings = Settings()
    started = time.perf_counter()
    report = import_contacts(database, read_import(source, settings), settings)
    elapsed = time.perf_counter() - started
    database.dispose()
    return elapsed, report.summary()


def main() -> None:
    folder, repeats = Path(sys.argv[1]), int(sys.argv[2])
    from refterm.core.demo import load_demo
    from refterm.db.database import Database

    rows = connection_rows(ROWS)
    csv_file = folder / "Connections.csv"
    write_connections(csv_file, rows)
    empty = folder / "import-template.db"
    database = Database.open(empty)  # an empty refterm database at head, with the demo profile
    load_demo(database, date(2026, 11, 26))
    database.dispose()
    plain: list[float] = []
    new: list[float] = []
    again: list[float] = []
    reports: list[str] = []
    for repetition in range(repeats):
        target = folder / f"plain-{repetition}.db"
        shutil.copy(empty, target)
        plain.append(plain_executemany(target, rows))
        target = folder / f"import-{repetition}.db"
        shutil.copy(empty, target)
        seconds, first_report = refterm_import(target, csv_file)
        new.append(seconds)
        seconds, second_report = refterm_import(target, csv_file)
        again.append(seconds)
        reports = [first_report, second_report]
    print(
        json.dumps(
            {
                "rows": ROWS,
                "plain": plain,
                "new": new,
                "duplicates": again,
                "median_plain": statistics.median(plain),
                "reports": reports,
            }
        )
    )


if __name__ == "__main__":
    main()
