"""Bulk reads and writes by table name with executemany, for backups and large imports.

Hand-written SQL for whole tables lives here (the review's in `db.review`, the search index's
in `db.search`), so that a second engine has three modules to check, not every importer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session, SQLModel

from refterm.db import search
from refterm.db.journal import id_spans, journal_of, key_columns
from refterm.db.models import CONTACT_COLUMNS


def _mark(session_or_connection: Any) -> str:
    """The driver's placeholder: `?` for sqlite3, `%s` for psycopg."""
    connection = (
        session_or_connection.connection()
        if isinstance(session_or_connection, Session)
        else session_or_connection
    )
    return "%s" if connection.dialect.name == "postgresql" else "?"


def _insert_sql(table: str, columns: Sequence[str], mark: str = "?") -> str:
    names = ", ".join(columns)
    marks = ", ".join(mark for _ in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"


def next_id(session: Session, table: str) -> int:
    cursor = session.connection().exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    return int(cursor.scalar_one())


def is_empty(session: Session, tables: Sequence[str]) -> bool:
    """True when none of these tables holds a row."""
    connection = session.connection()
    return all(
        connection.exec_driver_sql(f"SELECT 1 FROM {name} LIMIT 1").first() is None
        for name in tables
    )


def select_rows(
    session: Session, table: str, columns: Sequence[str], first_only: bool = False
) -> list[tuple[Any, ...]]:
    """These columns of every row (or of the first by id), as stored (dates as ISO text)."""
    sql = f"SELECT {', '.join(columns)} FROM {table}"
    if first_only:
        sql += " ORDER BY id LIMIT 1"
    connection = session.connection()
    rows = connection.exec_driver_sql(sql)
    if connection.dialect.name == "postgresql":
        from refterm.db.postgres import as_stored

        return [tuple(as_stored(value) for value in row) for row in rows]
    return [tuple(row) for row in rows]


def update_rows(
    session: Session, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """executemany of UPDATEs: each row holds these columns' new values, then the row's id."""
    if rows:
        journal = journal_of(session)
        if journal is not None:
            journal.touch(table, [(row[-1],) for row in rows])
        mark = _mark(session)
        assignments = ", ".join(f"{column} = {mark}" for column in columns)
        if "version" in table_columns(table):
            # An edit like any other: a form opened before it must not overwrite it (0010).
            assignments += ", version = version + 1"
        sql = f"UPDATE {table} SET {assignments} WHERE id = {mark}"
        session.connection().exec_driver_sql(sql, [tuple(row) for row in rows])


def tag_links(session: Session) -> list[tuple[int, str]]:
    """(contact id, tag name) for every tag of every contact."""
    cursor = session.connection().exec_driver_sql(
        "SELECT contact_tag.contact_id, tag.name FROM contact_tag "
        "JOIN tag ON tag.id = contact_tag.tag_id ORDER BY tag.name"
    )
    return [(int(contact_id), str(name)) for contact_id, name in cursor]


def source_keys(session: Session, table: str, prefix: str) -> set[str]:
    """The source keys already stored in `table` that start with `prefix` (imported rows)."""
    cursor = session.connection().exec_driver_sql(
        f"SELECT source_key FROM {table} WHERE source_key LIKE {_mark(session)}",
        (prefix + "%",),
    )
    return {str(key) for (key,) in cursor}


def raise_last_contacted(session: Session, rows: Sequence[tuple[str, int]]) -> None:
    """(ISO day, contact id): move each contact's last contact to that day when it is later."""
    if rows:
        journal = journal_of(session)
        if journal is not None:
            journal.touch("contact", [(contact_id,) for _, contact_id in rows])
        mark = _mark(session)
        session.connection().exec_driver_sql(
            f"UPDATE contact SET last_contacted_on = {mark}, version = version + 1 "
            f"WHERE id = {mark} AND (last_contacted_on IS NULL OR last_contacted_on < {mark})",
            [(day, contact_id, day) for day, contact_id in rows],
        )


def table_columns(name: str) -> list[str]:
    return [column.name for column in SQLModel.metadata.tables[name].columns]


def table(name: str) -> Table:
    """The SQLModel table called `name`."""
    return SQLModel.metadata.tables[name]


def typed_rows(session: Session, name: str, columns: Sequence[str]) -> list[tuple[Any, ...]]:
    """These columns of every row of a table, by primary key, as Python values (dates typed)."""
    stored = table(name)
    statement = select(*(stored.c[column] for column in columns))
    rows = session.connection().execute(statement.order_by(*stored.primary_key.columns))
    return [tuple(row) for row in rows]


def insert_rows(
    session: Session, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """executemany of plain tuples; values must already be SQLite-ready (dates as ISO text)."""
    if not rows:
        return
    connection = session.connection()
    journal = journal_of(session)
    keys = key_columns(table)
    given = all(name in columns for name in keys)
    first_new = 0 if given or journal is None else next_id(session, table)
    sql = _insert_sql(table, columns, _mark(connection))
    if table == "contact" and "id" in columns:
        # Contacts also go into the search index, in one statement when there are many.
        position = list(columns).index("id")
        ids = [int(row[position]) for row in rows]
        search.insert_contacts_indexed(connection, sql, rows, ids)
    else:
        connection.exec_driver_sql(sql, list(rows))
    if "id" in columns and connection.dialect.name == "postgresql":
        from refterm.db.postgres import sync_sequences

        sync_sequences(connection)
    if journal is not None:
        if given and keys != ["id"]:
            places = [list(columns).index(name) for name in keys]
            journal.inserted(
                table, [tuple(row[place] for place in places) for row in rows], read_after=False
            )
        elif given:
            position = list(columns).index("id")
            journal.inserted_ids(table, id_spans(int(row[position]) for row in rows))
        else:
            # Ids the database gave: past the largest before (the write lock is held), and
            # consecutive unless another id was given in between.
            mark = _mark(connection)
            first, last, count = connection.exec_driver_sql(
                f"SELECT min(id), max(id), count(*) FROM {table} WHERE id >= {mark}", (first_new,)
            ).one()
            if count and last - first + 1 == count:
                journal.inserted_ids(table, [(int(first), int(last))])
            elif count:
                added = connection.exec_driver_sql(
                    f"SELECT id FROM {table} WHERE id >= {mark}", (first_new,)
                )
                journal.inserted_ids(table, id_spans(int(found[0]) for found in added))


__all__ = [
    "ASK_COLUMNS",
    "CONTACT_COLUMNS",
    "INTERACTION_COLUMNS",
    "insert_rows",
    "is_empty",
    "next_id",
    "raise_last_contacted",
    "select_rows",
    "source_keys",
    "table",
    "tag_links",
    "typed_rows",
    "update_rows",
]

ASK_COLUMNS = (
    "id",
    "contact_id",
    "kind",
    "platform",
    "purpose",
    "status",
    "asked_on",
    "times_asked",
    "follow_up_on",
    "agreed_on",
    "received_on",
    "created_at",
    "updated_at",
)
INTERACTION_COLUMNS = ("contact_id", "ask_id", "occurred_on", "channel", "outcome", "created_at")
# What a LinkedIn archive writes besides contacts.
IMPORTED_ASK_COLUMNS = (
    *ASK_COLUMNS,
    "recommendation_text",
    "hidden",
    "source_key",
)
IMPORTED_INTERACTION_COLUMNS = (
    "contact_id",
    "ask_id",
    "occurred_on",
    "channel",
    "outcome",
    "summary",
    "direction",
    "source_key",
    "created_at",
)
GIVEN_COLUMNS = ("contact_id", "platform", "given_on", "text", "hidden", "source_key",
                 "created_at")  # fmt: skip
