"""Hand-written read queries for the daily review, on a plain DB-API connection.

The Today screen is the first thing a user sees; these run before SQLAlchemy is even imported.
Each section is one query; `count(*) OVER ()` gives its total alongside the first rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from refterm.model.vocab import AWAITING_STATUSES

Row = tuple[Any, ...]

FOLLOW_UPS = """
SELECT c.id, c.full_name, c.company, a.id, a.kind, a.status, a.follow_up_on, a.asked_on,
       a.agreed_on, a.times_asked, count(*) OVER ()
FROM ask AS a JOIN contact AS c ON c.id = a.contact_id
WHERE a.status IN ({awaiting}) AND a.follow_up_on <= ? AND c.archived_at IS NULL
ORDER BY a.follow_up_on, a.id LIMIT ?
""".format(awaiting=", ".join(f"'{status}'" for status in AWAITING_STATUSES))

OWES_RECOMMENDATION = """
SELECT c.id, c.full_name, c.company, a.id, a.kind, a.status, a.agreed_on, a.platform,
       count(*) OVER ()
FROM ask AS a JOIN contact AS c ON c.id = a.contact_id
WHERE a.kind = 'recommendation' AND a.status = 'agreed' AND c.archived_at IS NULL
ORDER BY a.agreed_on, a.id LIMIT ?
"""

# An imported recommendation received before the cutoff (90 days) is history, not a to-do.
THANKS_OWED = """
SELECT c.id, c.full_name, c.company, a.id, a.kind, a.status, a.received_on, count(*) OVER ()
FROM ask AS a JOIN contact AS c ON c.id = a.contact_id
WHERE a.status = 'received' AND a.thanked_on IS NULL AND c.archived_at IS NULL
      AND (a.source_key IS NULL OR a.received_on >= ?)
ORDER BY a.received_on, a.id LIMIT ?
"""

REFERENCES_TO_BRIEF = """
SELECT c.id, c.full_name, c.company, a.id, a.kind, a.status, u.id, u.company, u.role,
       u.shared_on, count(*) OVER ()
FROM reference_use AS u
JOIN ask AS a ON a.id = u.ask_id
JOIN contact AS c ON c.id = a.contact_id
WHERE u.briefed_on IS NULL AND c.archived_at IS NULL
ORDER BY u.shared_on, u.id LIMIT ?
"""

ASKS_TO_MAKE = """
SELECT c.id, c.full_name, c.company, a.id, a.kind, a.status,
       substr(CAST(a.created_at AS TEXT), 1, 10),
       a.platform, a.purpose, count(*) OVER ()
FROM ask AS a JOIN contact AS c ON c.id = a.contact_id
WHERE a.status = 'planned' AND c.archived_at IS NULL
ORDER BY a.created_at, a.id LIMIT ?
"""

# The latest job change an import found for each contact, within the window.
CHANGED_JOBS = """
SELECT c.id, c.full_name, c.company, max(i.occurred_on), i.summary, count(*) OVER ()
FROM interaction AS i JOIN contact AS c ON c.id = i.contact_id
WHERE i.outcome = 'job_change' AND i.occurred_on > ? AND i.occurred_on <= ?
      AND c.archived_at IS NULL
GROUP BY c.id ORDER BY max(i.occurred_on) DESC, c.sort_key LIMIT ?
"""

# People the user recommended who have not recommended them back, nor been asked to.
RETURN_ASKS = """
SELECT c.id, c.full_name, c.company, c.civility, max(g.given_on), count(*) OVER ()
FROM recommendation_given AS g JOIN contact AS c ON c.id = g.contact_id
WHERE c.archived_at IS NULL AND NOT EXISTS (
    SELECT 1 FROM ask AS a WHERE a.contact_id = c.id AND a.kind = 'recommendation'
)
GROUP BY c.id ORDER BY max(g.given_on) DESC, c.sort_key LIMIT ?
"""

# PostgreSQL names no bare column beside an aggregate: the latest row per contact, by DISTINCT ON.
CHANGED_JOBS_PG = """
SELECT id, full_name, company, occurred_on, summary, count(*) OVER () FROM (
    SELECT DISTINCT ON (c.id) c.id, c.full_name, c.company, c.sort_key, i.occurred_on, i.summary
    FROM interaction AS i JOIN contact AS c ON c.id = i.contact_id
    WHERE i.outcome = 'job_change' AND i.occurred_on > ? AND i.occurred_on <= ?
          AND c.archived_at IS NULL
    ORDER BY c.id, i.occurred_on DESC, i.id DESC
) AS latest
ORDER BY occurred_on DESC, sort_key LIMIT ?
"""

HAS_OPEN_ASKS = """
SELECT 1 FROM ask AS a JOIN contact AS c ON c.id = a.contact_id
WHERE a.status IN ('planned', 'asked', 'agreed') AND c.archived_at IS NULL LIMIT 1
"""

# Julian day numbers keep this scan of every contact cheap. The cadence is the contact's own,
# else the configured default for its relationship (a CASE built from the settings).
GOING_COLD = """
SELECT id, full_name, company, last_contacted_on, cadence, date(since + cadence),
       count(*) OVER ()
FROM (
    SELECT id, full_name, company, last_contacted_on, sort_key,
           COALESCE(keep_in_touch_days, {default_cadence}) AS cadence,
           julianday(COALESCE(last_contacted_on, substr(created_at, 1, 10))) AS since
    FROM contact WHERE archived_at IS NULL{only}
)
WHERE cadence IS NOT NULL AND since + cadence <= julianday(?)
ORDER BY since + cadence, sort_key LIMIT ?
"""

# PostgreSQL's dates add days directly (no Julian day numbers); `date + integer` is a date.
GOING_COLD_PG = """
SELECT id, full_name, company, last_contacted_on, cadence, since + cadence, count(*) OVER ()
FROM (
    SELECT id, full_name, company, last_contacted_on, sort_key,
           COALESCE(keep_in_touch_days, {default_cadence}) AS cadence,
           COALESCE(last_contacted_on, CAST(created_at AS DATE)) AS since
    FROM contact WHERE archived_at IS NULL{only}
) AS due
WHERE cadence IS NOT NULL AND since + cadence <= CAST(? AS DATE)
ORDER BY since + cadence, sort_key LIMIT ?
"""

# Calls and messages, tries included; the notes an import writes (job changes) are not.
WEEKLY_ACTIVITY = """
SELECT occurred_on, count(*) FROM interaction
WHERE occurred_on >= ? AND occurred_on <= ? AND (outcome IS NULL OR outcome != 'job_change')
GROUP BY occurred_on
"""


def _rows(connection: Any, sql: str, parameters: Sequence[Any]) -> list[Row]:
    cursor = connection.cursor()
    try:
        cursor.execute(sql, tuple(parameters))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _on_postgres(connection: Any) -> bool:
    # db.postgres.QmarkConnection says so; a plain sqlite3 connection has no `dialect`.
    return getattr(connection, "dialect", None) == "postgresql"


def _limit(connection: Any, limit: int | None) -> int | None:
    if limit is not None:
        return limit
    # SQLite reads a negative LIMIT as "no limit", PostgreSQL a NULL one.
    return None if _on_postgres(connection) else -1


def follow_ups(connection: Any, today: date, limit: int | None) -> list[Row]:
    return _rows(connection, FOLLOW_UPS, (today.isoformat(), _limit(connection, limit)))


def owes_recommendation(connection: Any, limit: int | None) -> list[Row]:
    return _rows(connection, OWES_RECOMMENDATION, (_limit(connection, limit),))


def thanks_owed(connection: Any, cutoff: date, limit: int | None) -> list[Row]:
    """Received and not thanked; imported ones only when received on or after `cutoff`."""
    return _rows(connection, THANKS_OWED, (cutoff.isoformat(), _limit(connection, limit)))


def references_to_brief(connection: Any, limit: int | None) -> list[Row]:
    return _rows(connection, REFERENCES_TO_BRIEF, (_limit(connection, limit),))


def asks_to_make(connection: Any, limit: int | None) -> list[Row]:
    return _rows(connection, ASKS_TO_MAKE, (_limit(connection, limit),))


def changed_jobs(connection: Any, since: date, today: date, limit: int | None) -> list[Row]:
    """Contacts whose latest job change falls after `since`, up to today, newest first."""
    sql = CHANGED_JOBS_PG if _on_postgres(connection) else CHANGED_JOBS
    return _rows(connection, sql, (since.isoformat(), today.isoformat(), _limit(connection, limit)))


def return_asks(connection: Any, limit: int | None) -> list[Row]:
    """Contacts the user recommended with no recommendation ask of them, latest given first."""
    return _rows(connection, RETURN_ASKS, (_limit(connection, limit),))


def has_open_asks(connection: Any) -> bool:
    return bool(_rows(connection, HAS_OPEN_ASKS, ()))


def going_cold(
    connection: Any,
    today: date,
    cadence_days: dict[str, int],
    limit: int | None,
    among: Sequence[int] | None = None,
    excluding: Sequence[int] = (),
) -> list[Row]:
    """Contacts whose last contact (else creation) plus their cadence is on or before today.

    A contact with no relationship takes the cadence of 'other'. `among` limits the scan to
    those ids, `excluding` leaves those out (each sent as one JSON array, whatever its length).
    """
    if cadence_days:
        whens = " ".join("WHEN ? THEN ?" for _ in cadence_days)
        default_cadence = f"CASE COALESCE(relationship, 'other') {whens} END"  # untranslated: SQL
        parameters: list[Any] = [value for pair in cadence_days.items() for value in pair]
    else:
        default_cadence, parameters = "NULL", []
    only = ""
    postgres = _on_postgres(connection)
    if among is not None:
        only += " AND id = ANY(?)" if postgres else " AND id IN (SELECT value FROM json_each(?))"
        parameters.append(list(among) if postgres else json.dumps(list(among)))
    if excluding:
        only += (
            " AND NOT id = ANY(?)"
            if postgres
            else " AND id NOT IN (SELECT value FROM json_each(?))"
        )
        parameters.append(list(excluding) if postgres else json.dumps(list(excluding)))
    sql = (GOING_COLD_PG if postgres else GOING_COLD).format(
        default_cadence=default_cadence, only=only
    )
    return _rows(connection, sql, [*parameters, today.isoformat(), _limit(connection, limit)])


def weekly_activity(connection: Any, start: date, end: date) -> list[Row]:
    return _rows(connection, WEEKLY_ACTIVITY, (start.isoformat(), end.isoformat()))


def has_contacts(connection: Any) -> bool:
    return bool(_rows(connection, "SELECT 1 FROM contact LIMIT 1", ()))


def profile_name(connection: Any) -> str | None:
    rows = _rows(connection, "SELECT name FROM profile ORDER BY id LIMIT 1", ())
    return str(rows[0][0]) if rows and rows[0][0] else None


# What changes whenever anyone anywhere writes: rows added or removed (counts) and rows edited
# (every edit of these tables bumps its `version`). Cheap enough to ask every few seconds.
# Every write but the demo load goes through the change journal (db.journal), and an undo
# removes its change: the journal's last id, size and time move with each one (the time too, as
# a change after an undo may take the undone one's id), and the contacts' last id with the demo.
# Reading them costs the same at 100,000 contacts as at 10, unlike a scan of the tables.
CHANGE_MARK = """
SELECT (SELECT coalesce(max(id), 0) FROM change), (SELECT count(*) FROM change),
       (SELECT max(made_at) FROM change), (SELECT coalesce(max(id), 0) FROM contact)
"""


def change_mark(connection: Any) -> tuple[str, ...]:
    """A mark that moves with every write refterm makes, from whichever process."""
    return tuple(str(value) for value in _rows(connection, CHANGE_MARK, ())[0])
