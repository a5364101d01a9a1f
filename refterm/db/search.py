"""The contact filter on the FTS5 trigram index (`contact_fts`): its cost follows the matches.

A filter is folded and split into words; a contact matches when its folded search text holds
every word (the `LIKE '%word%'` rule). Words of three characters or more are looked up in the
trigram index first, and the LIKE check then runs on those candidates only, so the results are
exactly the LIKE results. A query with no word that long (one or two characters typed) has no
trigram to look up: it matches the names that start with it, a range on the name index.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer, column, text
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col
from sqlmodel.sql.expression import SelectOfScalar

from refterm.db.like import escape_like
from refterm.db.models import Contact
from refterm.model.text import fold

TRIGRAM = 3
FTS_TABLE = "contact_fts"
INSERT_TRIGGER = "contact_fts_after_insert"
# A name-sorted filter with more candidates than this walks the name index and stops at the
# page's last row, rather than fetching and sorting every match (4x faster for a name held by
# 4% of 100,000 contacts; a rare name is faster the other way).
WALK_FROM = 2000
# From this many rows on, a bulk insert indexes its rows in one statement (see below).
BULK_ROWS = 500

Statement = SelectOfScalar[Contact]


PG_INDEX = "ix_contact_search_text_trgm"


def is_search_index(name: str | None) -> bool:
    """The FTS5 table or one of its shadow tables, or PostgreSQL's trigram index (made by
    migration 0004, not by a model)."""
    return name is not None and (name in (FTS_TABLE, PG_INDEX) or name.startswith(FTS_TABLE + "_"))


def filter_words(search: str | None) -> list[str]:
    """The folded words of a filter, as the rows are matched against them."""
    return fold(search or "").split()


def is_short(words: list[str]) -> bool:
    """Too short for a trigram (nothing to look up): the name-prefix fallback applies."""
    return bool(words) and all(len(word) < TRIGRAM for word in words)


def uses_index(search: str | None) -> bool:
    """Whether the filter's candidates come from the trigram index (else from the name index)."""
    words = filter_words(search)
    return bool(words) and not is_short(words)


def trigram_query(words: list[str]) -> str | None:
    """An FTS5 query for rows holding every trigram of every word of three characters or more.

    The index keeps no positions, so this finds a superset of the rows holding each word; the
    LIKE check on those few rows then keeps exactly the rows that do.
    """
    trigrams: list[str] = []
    for word in words:
        for start in range(len(word) - TRIGRAM + 1):
            trigram = word[start : start + TRIGRAM]
            if trigram not in trigrams:
                trigrams.append(trigram)
    if not trigrams:
        return None
    return " AND ".join('"' + trigram.replace('"', '""') + '"' for trigram in trigrams)


def _fts_candidates(query: str, walk: bool = False) -> ColumnElement[bool]:
    rowids = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :trigrams")
    subquery = rowids.bindparams(trigrams=query).columns(column("rowid", Integer))
    if walk:
        # `id + 0` cannot drive rowid lookups, so SQLite walks the name index in order and
        # checks each row against the candidates.
        return (col(Contact.id) + 0).in_(subquery)
    return col(Contact.id).in_(subquery)


def many_candidates(connection: Any, search: str | None) -> bool:
    """Whether the index offers more than `WALK_FROM` candidates for this filter."""
    query = trigram_query(filter_words(search))
    if query is None or connection.dialect.name != "sqlite":
        return False
    count = connection.exec_driver_sql(
        f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", (query,)
    ).scalar()
    return int(count) > WALK_FROM


def _like(column: Any, pattern: str, postgres: bool) -> ColumnElement[bool]:
    # SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's ILIKE does the same (a
    # folded text can still hold capitals: NFKD spells U+2121 as "TEL"), on pg_trgm's index.
    if postgres:
        return column.ilike(pattern, escape="\\")  # type: ignore[no-any-return]
    return column.like(pattern, escape="\\")  # type: ignore[no-any-return]


def name_starts_with(prefix: str) -> ColumnElement[bool]:
    """`sort_key` starts with `prefix`, as a range the name index answers (LIKE would scan)."""
    following = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return (col(Contact.sort_key) >= prefix) & (col(Contact.sort_key) < following)


def apply_filter(
    statement: Statement, search: str | None, walk: bool = False, postgres: bool = False
) -> Statement:
    """Narrow a select on `contact` to the rows matching the filter text (`walk`: see
    `WALK_FROM`). On PostgreSQL the LIKE checks alone use pg_trgm's GIN index (0004)."""
    words = filter_words(search)
    if not words:
        return statement
    if is_short(words):
        return statement.where(name_starts_with(" ".join(words)))
    query = trigram_query(words)
    assert query is not None
    if not postgres:
        statement = statement.where(_fts_candidates(query, walk))
    for word in words:
        pattern = "%" + escape_like(word) + "%"
        statement = statement.where(_like(col(Contact.search_text), pattern, postgres))
    return statement


def apply_name_match(statement: Statement, key: str, postgres: bool = False) -> Statement:
    """Narrow to contacts whose folded name holds `key` (a folded name or part of one)."""
    if len(key) < TRIGRAM:
        return statement.where(name_starts_with(key))
    pattern = "%" + escape_like(key) + "%"
    if postgres:
        # The name is part of the search text, which pg_trgm's index answers.
        statement = statement.where(_like(col(Contact.search_text), pattern, postgres))
        return statement.where(_like(col(Contact.sort_key), pattern, postgres))
    # The name is part of the search text, so the index finds every candidate.
    query = trigram_query([key])
    assert query is not None
    return statement.where(_fts_candidates(query)).where(
        col(Contact.sort_key).like(pattern, escape="\\")
    )


def names_fingerprint(connection: Any) -> tuple[object, ...]:
    """Changes whenever a contact is added, renamed, archived or deleted (every write stamps
    `updated_at`), so a cached list of names knows when to be read again."""
    row = connection.execute(
        "SELECT count(*), coalesce(max(id), 0), coalesce(CAST(max(updated_at) AS TEXT), '') "
        "FROM contact"
    ).fetchone()
    return tuple(row)


def active_names(connection: Any) -> list[tuple[int, str, str]]:
    """(id, full name, folded name) of every contact not archived, on a DB-API connection."""
    rows = connection.execute(
        "SELECT id, full_name, sort_key FROM contact WHERE archived_at IS NULL"
    ).fetchall()
    return [(int(row[0]), str(row[1]), str(row[2])) for row in rows]


def name_title_company(
    connection: Any, ids: list[int]
) -> dict[int, tuple[str, str | None, str | None]]:
    """Full name, title and company of these contacts, by id."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = connection.execute(
        f"SELECT id, full_name, title, company FROM contact WHERE id IN ({marks})", ids
    ).fetchall()
    return {int(row[0]): (str(row[1]), row[2], row[3]) for row in rows}


def insert_contacts_indexed(
    connection: Any, insert_sql: str, rows: Sequence[Sequence[Any]], ids: Sequence[int]
) -> None:
    """executemany into `contact` (rows with these ids), the index updated in one statement.

    The per-row insert trigger makes FTS5 write out its pending terms after every row: 8.7x a
    plain insert at 50,000 rows, against 2x for one INSERT ... SELECT once the rows are in. So
    for many rows the trigger is dropped and recreated from its own stored SQL around the
    insert, inside the caller's transaction: no other connection ever sees it missing, and a
    failure rolls both back.
    """
    if connection.dialect.name != "sqlite":
        # pg_trgm's index is kept by PostgreSQL itself, with no trigger to set aside.
        connection.exec_driver_sql(insert_sql, list(rows))
        return
    trigger = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (INSERT_TRIGGER,)
    ).scalar()
    if trigger is None or len(rows) < BULK_ROWS:
        connection.exec_driver_sql(insert_sql, list(rows))
        return
    connection.exec_driver_sql(f"DROP TRIGGER {INSERT_TRIGGER}")
    connection.exec_driver_sql(insert_sql, list(rows))
    connection.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE} (rowid, search_text) SELECT id, search_text FROM contact "
        "WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),),
    )
    connection.exec_driver_sql(trigger)


def names_starting(connection: Any, key: str, limit: int = 50) -> list[str]:
    """Full names of active contacts whose folded name starts with `key` (shell completion)."""
    rows = connection.execute(
        "SELECT full_name FROM contact WHERE archived_at IS NULL AND sort_key >= ? "
        "AND sort_key < ? ORDER BY sort_key LIMIT ?",
        (key, key + "\U0010ffff", limit),
    ).fetchall()
    return [str(row[0]) for row in rows]
