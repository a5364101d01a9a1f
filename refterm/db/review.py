"""Hand-written read queries for the daily review, on a plain DB-API connection.

The Today screen is the first thing a user sees; these run before SQLAlchemy is even imported.
Each section is one query; `count(*) OVER ()` gives its total alongside the first rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from refterm.model.vocab import AWAITING_STATUSES

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Listing:
    """A section's query in parts: who is on it (`source`, where `c` is the contact), what a
    row shows (`columns`, the contact's id first) and in which order, with its parameters.

    The review asks a listing who is on it (one value, whatever their number) and then only
    for the rows it shows, so the first screen reads about the same few rows at 100,000
    contacts as at 1,000.
    """

    columns: str
    source: str
    order: str
    parameters: tuple[Any, ...] = ()


_FOLLOW_UPS = Listing(
    columns="c.id, c.full_name, c.company, a.id, a.kind, a.status, a.follow_up_on, a.asked_on, "
    "a.agreed_on, a.times_asked",
    source="FROM ask AS a JOIN contact AS c ON c.id = a.contact_id "
    "WHERE a.status IN ({awaiting}) AND a.follow_up_on <= ? AND c.archived_at IS NULL".format(
        awaiting=", ".join(f"'{status}'" for status in AWAITING_STATUSES)
    ),
    order="a.follow_up_on, a.id",
)

_OWES_RECOMMENDATION = Listing(
    columns="c.id, c.full_name, c.company, a.id, a.kind, a.status, a.agreed_on, a.platform",
    source="FROM ask AS a JOIN contact AS c ON c.id = a.contact_id "
    "WHERE a.kind = 'recommendation' AND a.status = 'agreed' AND c.archived_at IS NULL",
    order="a.agreed_on, a.id",
)

# An imported recommendation received before the cutoff (90 days) is history, not a to-do.
_THANKS_OWED = Listing(
    columns="c.id, c.full_name, c.company, a.id, a.kind, a.status, a.received_on",
    source="FROM ask AS a JOIN contact AS c ON c.id = a.contact_id "
    "WHERE a.status = 'received' AND a.thanked_on IS NULL AND c.archived_at IS NULL "
    "AND (a.source_key IS NULL OR a.received_on >= ?)",
    order="a.received_on, a.id",
)

_REFERENCES_TO_BRIEF = Listing(
    columns="c.id, c.full_name, c.company, a.id, a.kind, a.status, u.id, u.company, u.role, "
    "u.shared_on",
    source="FROM reference_use AS u JOIN ask AS a ON a.id = u.ask_id "
    "JOIN contact AS c ON c.id = a.contact_id "
    "WHERE u.briefed_on IS NULL AND c.archived_at IS NULL",
    order="u.shared_on, u.id",
)

_ASKS_TO_MAKE = Listing(
    columns="c.id, c.full_name, c.company, a.id, a.kind, a.status, "  # untranslated: SQL
    "substr(CAST(a.created_at AS TEXT), 1, 10), a.platform, a.purpose",
    source="FROM ask AS a JOIN contact AS c ON c.id = a.contact_id "
    "WHERE a.status = 'planned' AND c.archived_at IS NULL",
    order="a.created_at, a.id",
)

# The latest job change an import found for each contact within the window: one row a person,
# with no later change up to today (the same SQL on both engines).
_CHANGED_JOBS = Listing(
    columns="c.id, c.full_name, c.company, i.occurred_on, i.summary",
    source="FROM interaction AS i JOIN contact AS c ON c.id = i.contact_id "
    "WHERE i.outcome = 'job_change' AND i.occurred_on > ? AND i.occurred_on <= ? "
    "AND c.archived_at IS NULL AND NOT EXISTS ("
    "SELECT 1 FROM interaction AS later WHERE later.contact_id = i.contact_id "
    "AND later.outcome = 'job_change' AND later.occurred_on <= ? "
    "AND (later.occurred_on > i.occurred_on OR "
    "(later.occurred_on = i.occurred_on AND later.id > i.id)))",
    order="i.occurred_on DESC, c.sort_key",
)

# People the user recommended who have not recommended them back, nor been asked to: read
# from the recommendations given (a few), never by a scan of every contact.
_RETURN_ASKS = Listing(
    columns="c.id, c.full_name, c.company, c.civility, g.given_on",
    source="FROM (SELECT contact_id, max(given_on) AS given_on FROM recommendation_given "
    "GROUP BY contact_id) AS g JOIN contact AS c ON c.id = g.contact_id "
    "WHERE c.archived_at IS NULL AND NOT EXISTS ("
    "SELECT 1 FROM ask AS a WHERE a.contact_id = c.id AND a.kind = 'recommendation')",
    order="g.given_on DESC, c.sort_key",
)


def follow_ups(today: date) -> Listing:
    """Asks awaiting an answer whose follow-up falls on or before `today`."""
    return replace(_FOLLOW_UPS, parameters=(today.isoformat(),))


def owes_recommendation() -> Listing:
    return _OWES_RECOMMENDATION


def thanks_owed(cutoff: date) -> Listing:
    """Received and not thanked; imported ones only when received on or after `cutoff`."""
    return replace(_THANKS_OWED, parameters=(cutoff.isoformat(),))


def references_to_brief() -> Listing:
    return _REFERENCES_TO_BRIEF


def asks_to_make() -> Listing:
    return _ASKS_TO_MAKE


def changed_jobs(since: date, today: date) -> Listing:
    """Contacts whose latest job change falls after `since`, up to today, newest first."""
    return replace(_CHANGED_JOBS, parameters=(since.isoformat(), today.isoformat(),
                                              today.isoformat()))  # fmt: skip


def return_asks() -> Listing:
    """Contacts the user recommended with no recommendation ask of them, latest given first."""
    return _RETURN_ASKS


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
    FROM contact AS c WHERE archived_at IS NULL{only}
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
    FROM contact AS c WHERE archived_at IS NULL{only}
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


def _only(
    connection: Any, among: Sequence[int] | None, excluding: Sequence[int]
) -> tuple[str, list[Any]]:
    """`AND …` keeping the contacts `c.id` among some ids, or leaving some out: each list is
    sent as one parameter (a JSON array on SQLite, an array on PostgreSQL), whatever its length.
    """
    sql, parameters = "", []
    postgres = _on_postgres(connection)
    if among is not None:
        sql += " AND c.id = ANY(?)" if postgres else " AND c.id IN (SELECT value FROM json_each(?))"
        parameters.append(list(among) if postgres else json.dumps(list(among)))
    if excluding:
        sql += (
            " AND NOT c.id = ANY(?)"
            if postgres
            else " AND c.id NOT IN (SELECT value FROM json_each(?))"
        )
        parameters.append(list(excluding) if postgres else json.dumps(list(excluding)))
    return sql, parameters


def rows(
    connection: Any,
    listing: Listing,
    limit: int | None = None,
    offset: int = 0,
    among: Sequence[int] | None = None,
    excluding: Sequence[int] = (),
) -> list[Row]:
    """The listing's rows in its order: a page of them, for some contacts or all."""
    only, only_parameters = _only(connection, among, excluding)
    sql = (
        f"SELECT {listing.columns} {listing.source}{only} ORDER BY {listing.order} LIMIT ? OFFSET ?"
    )
    return _rows(
        connection, sql, [*listing.parameters, *only_parameters, _limit(connection, limit), offset]
    )


def people(connection: Any, listings: Sequence[Listing]) -> list[list[int]]:
    """Who is on each listing, each person once, in one query returning one row.

    One value a listing: a sqlite3 fetch gives up Python's lock on every row, and every query
    waits for it again, so thousands of rows, or many queries, crawl while the app's start-up
    runs beside them.
    """
    ids = (
        "string_agg(DISTINCT CAST(c.id AS TEXT), ',')"
        if _on_postgres(connection)
        else "group_concat(DISTINCT c.id)"
    )
    columns = ", ".join(f"(SELECT {ids} {listing.source})" for listing in listings)
    parameters = [value for listing in listings for value in listing.parameters]
    (found,) = _rows(connection, f"SELECT {columns}", parameters)
    return [[int(value) for value in str(text).split(",")] if text else [] for text in found]


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
    only, only_parameters = _only(connection, among, excluding)
    parameters += only_parameters
    postgres = _on_postgres(connection)
    sql = (GOING_COLD_PG if postgres else GOING_COLD).format(
        default_cadence=default_cadence, only=only
    )
    return _rows(connection, sql, [*parameters, today.isoformat(), _limit(connection, limit)])


def weekly_activity(connection: Any, start: date, end: date) -> list[Row]:
    return _rows(connection, WEEKLY_ACTIVITY, (start.isoformat(), end.isoformat()))


def has_contacts(connection: Any) -> bool:
    return bool(_rows(connection, "SELECT 1 FROM contact LIMIT 1", ()))


def profile_name(connection: Any) -> str | None:
    found = _rows(connection, "SELECT name FROM profile ORDER BY id LIMIT 1", ())
    return str(found[0][0]) if found and found[0][0] else None


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
