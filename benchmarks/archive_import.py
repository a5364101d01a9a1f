"""A whole LinkedIn archive: 10,000 connections and 50,000 messages, against plain executemany.

Run as `python -m benchmarks.archive_import FOLDER REPEATS`; prints one JSON object. The
archive is a real ZIP (BOM, preamble, CRLF) read and imported in this process, as
`refterm import linkedin archive.zip` does after start-up; the baseline inserts the same
10,000 contacts and one interaction per message, already parsed, in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import statistics
import sys
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

from benchmarks.importing import STAMP, refterm_import
from benchmarks.linkedin_file import HEADER, PREAMBLE, connection_rows

CONNECTIONS = 10_000
MESSAGES = 50_000
OWNER = ("Alex Moreau", "https://www.linkedin.com/in/alex-moreau")
MESSAGE_HEADER = ("CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                  "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER")  # fmt: skip
FIRST_DAY = date(2024, 1, 1)


def message_rows(people: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """`MESSAGES` messages, each with one connection, over two years, both directions."""
    rows = []
    for number in range(MESSAGES):
        first, last, url = people[number % len(people)][:3]
        name = f"{first} {last}"
        on = FIRST_DAY + timedelta(days=(number * 7919) % 700)
        stamp = f"{on.isoformat()} {number % 24:02d}:{number % 60:02d}:00 UTC"
        if number % 2:
            sender, sender_url, to, to_url = OWNER[0], OWNER[1], name, url
        else:
            sender, sender_url, to, to_url = name, url, OWNER[0], OWNER[1]
        rows.append(
            (f"conv-{number % len(people)}", "", sender, sender_url, to, to_url, stamp, "",
             f"Message {number}, with a comma", "INBOX")
        )  # fmt: skip
    return rows


def _csv(header: tuple[str, ...], rows: list[tuple[str, ...]], preamble: str = "") -> bytes:
    out = io.StringIO()
    out.write(preamble)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_archive(
    path: Path, people: list[tuple[str, ...]], messages: list[tuple[str, ...]]
) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", _csv(HEADER, people, PREAMBLE))
        archive.writestr("messages.csv", _csv(MESSAGE_HEADER, messages))


def plain_executemany(
    db: Path, people: list[tuple[str, ...]], messages: list[tuple[str, ...]]
) -> float:
    """The baseline: the same contacts and one interaction per message, parsed already."""
    contacts = [
        (number + 1_000_000, f"{first} {last}", f"{first} {last}".lower(), "", company,
         position, email or None, url, "auto", "none", STAMP, STAMP)
        for number, (first, last, url, email, company, position, _on) in enumerate(people)
    ]  # fmt: skip
    ids = {row[7]: row[0] for row in contacts}
    history = [
        (ids[row[3] if row[3] != OWNER[1] else row[5]], row[6][:10], "message",
         "LinkedIn messages: 1 sent", STAMP)
        for row in messages
    ]  # fmt: skip
    connection = sqlite3.connect(db, isolation_level=None)
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
        "INSERT INTO contact (id, full_name, sort_key, search_text, company, title, email,"
        " linkedin_url, formality, civility, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        contacts,
    )
    connection.executemany(
        "INSERT INTO interaction (contact_id, occurred_on, channel, summary, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        history,
    )
    connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - started


def main() -> None:
    folder, repeats = Path(sys.argv[1]), int(sys.argv[2])
    from refterm.core.demo import load_demo
    from refterm.db.database import Database

    people = connection_rows(CONNECTIONS, prefix="archive")
    messages = message_rows(people)
    archive = folder / "Complete_LinkedInDataExport_11-26-2026.zip"
    write_archive(archive, people, messages)
    template = folder / "archive-template.db"
    database = Database.open(template)
    load_demo(database, date(2026, 11, 26))
    database.dispose()
    plain: list[float] = []
    new: list[float] = []
    again: list[float] = []
    reports: list[str] = []
    for repetition in range(repeats):
        target = folder / f"archive-plain-{repetition}.db"
        shutil.copy(template, target)
        plain.append(plain_executemany(target, people, messages))
        target = folder / f"archive-import-{repetition}.db"
        shutil.copy(template, target)
        seconds, first_report = refterm_import(target, archive)
        new.append(seconds)
        seconds, second_report = refterm_import(target, archive)
        again.append(seconds)
        reports = [first_report, second_report]
    print(
        json.dumps(
            {
                "connections": CONNECTIONS,
                "messages": MESSAGES,
                "plain": plain,
                "new": new,
                "again": again,
                "median_plain": statistics.median(plain),
                "reports": reports,
            }
        )
    )


if __name__ == "__main__":
    main()
