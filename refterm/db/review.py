"""Hand-written read queries for the daily review, on a plain DB-API connection.

The Today screen is the first thing a user sees; these run before SQLAlchemy is even imported.
Each section is one query; `count(*) OVER ()` gives its total alongside the first rows.
"""

from __future__ import annotations

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

THANKS_OWED = """
SELECT c.id, c.full_name, c.company, a.id, a.kind, a.status, a.received_on, count(*) OVER ()
FROM ask AS a JOIN contact AS c ON c.id = a.contact_id
WHERE a.status = 'received' AND a.thanked_on IS NULL AND c.archived_at IS NULL
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

# Julian day numbers keep this scan of every contact cheap. The cadence is the contact's own,
# else the configured default for its relationship (a CASE built from the settings).
GOING_COLD = """
SELECT id, full_name, company, last_contacted_on, cadence, date(since + cadence),
       count(*) OVER ()
FROM (
    SELECT id, full_name, company, last_contacted_on, sort_key,
           COALESCE(keep_in_touch_days, {default_cadence}) AS cadence,
           julianday(COALESCE(last_contacted_on, substr(created_at, 1, 10))) AS since
    FROM contact WHERE archived_at IS NULL
)
WHERE cadence IS NOT NULL AND since + cadence <= julianday(?)
ORDER BY since + cadence, sort_key LIMIT ?
"""

WEEKLY_ACTIVITY = """
SELECT occurred_on, count(*) FROM interaction
WHERE occurred_on >= ? AND occurred_on <= ? GROUP BY occurred_on
"""


def _rows(connection: Any, sql: str, parameters: Sequence[Any]) -> list[Row]:
    cursor = connection.cursor()
    try:
        cursor.execute(sql, tuple(parameters))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _limit(limit: int | None) -> int:
    return -1 if limit is None else limit  # SQLite reads a negative LIMIT as "no limit"


def follow_ups(connection: Any, today: date, limit: int | None) -> list[Row]:
    return _rows(connection, FOLLOW_UPS, (today.isoformat(), _limit(limit)))


def owes_recommendation(connection: Any, limit: int | None) -> list[Row]:
    return _rows(connection, OWES_RECOMMENDATION, (_limit(limit),))


def thanks_owed(connection: Any, limit: int | None) -> list[Row]:
    return _rows(connection, THANKS_OWED, (_limit(limit),))


def references_to_brief(connection: Any, limit: int | None) -> list[Row]:
    return _rows(connection, REFERENCES_TO_BRIEF, (_limit(limit),))


def going_cold(
    connection: Any, today: date, cadence_days: dict[str, int], limit: int | None
) -> list[Row]:
    """Contacts whose last contact (else creation) plus their cadence is on or before today."""
    if cadence_days:
        whens = " ".join("WHEN ? THEN ?" for _ in cadence_days)
        default_cadence = f"CASE relationship {whens} END"
        parameters: list[Any] = [value for pair in cadence_days.items() for value in pair]
    else:
        default_cadence, parameters = "NULL", []
    sql = GOING_COLD.format(default_cadence=default_cadence)
    return _rows(connection, sql, [*parameters, today.isoformat(), _limit(limit)])


def weekly_activity(connection: Any, start: date, end: date) -> list[Row]:
    return _rows(connection, WEEKLY_ACTIVITY, (start.isoformat(), end.isoformat()))


def has_contacts(connection: Any) -> bool:
    return bool(_rows(connection, "SELECT 1 FROM contact LIMIT 1", ()))


def profile_name(connection: Any) -> str | None:
    rows = _rows(connection, "SELECT name FROM profile ORDER BY id LIMIT 1", ())
    return str(rows[0][0]) if rows and rows[0][0] else None
