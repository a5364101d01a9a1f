"""Bulk inserts in one transaction with executemany, for synthetic data and large imports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from refterm.db import search
from refterm.db.models import CONTACT_COLUMNS


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"


def next_id(session: Session, table: str) -> int:
    cursor = session.connection().exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    return int(cursor.scalar_one())


def insert_rows(
    session: Session, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """executemany of plain tuples; values must already be SQLite-ready (dates as ISO text)."""
    if not rows:
        return
    connection = session.connection()
    if table == "contact" and "id" in columns:
        # Contacts also go into the search index, in one statement when there are many.
        position = list(columns).index("id")
        ids = [int(row[position]) for row in rows]
        search.insert_contacts_indexed(connection, _insert_sql(table, columns), rows, ids)
    else:
        connection.exec_driver_sql(_insert_sql(table, columns), list(rows))


__all__ = ["ASK_COLUMNS", "CONTACT_COLUMNS", "INTERACTION_COLUMNS", "insert_rows", "next_id"]

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
