"""Helpers shared by every test tier: TODAY, the CLI in-process, what a database holds."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from refterm.cli.main import cli
from refterm.db.database import Database
from refterm.db.models import Contact
from refterm.model.vocab import ContactSort
from refterm.paths import is_database_url

# The one fixed day every test runs on.
TODAY = date(2026, 11, 26)


def run(db: Path | str, *args: str, env: dict[str, str | None] | None = None) -> Result:
    """`refterm --db DB --today TODAY ARGS...` through click's runner."""
    return CliRunner().invoke(cli, ["--db", str(db), "--today", TODAY.isoformat(), *args], env=env)


def stored_contacts(database: Database) -> list[tuple[Contact, list[str]]]:
    """Every active contact's stored row (derived sort and search keys included) with its tags."""
    from refterm.db import contacts as repo
    from refterm.db.session import reading

    with reading(database) as session:
        rows = repo.list_contacts(session, None, ContactSort.NAME, 0, None)
        return [(row, repo.tag_names(session, row.id)) for row in rows]


def _where(target: Path | str | Database) -> Path | str:
    """A PostgreSQL URL, or the SQLite file's path."""
    if isinstance(target, Database):
        if target.url is not None:
            return target.url
        assert target.path is not None
        return target.path
    if isinstance(target, str) and is_database_url(target):
        return target
    return Path(target)


@contextmanager
def _connected(target: Path | str | Database) -> Iterator[Any]:
    """A plain DB-API connection (`?` placeholders, dates as ISO text), committed on exit."""
    where = _where(target)
    if isinstance(where, str):
        from refterm.db.postgres import QmarkConnection, connect

        with connect(where) as plain:
            yield QmarkConnection(plain)
            plain.commit()
        return
    connection = sqlite3.connect(where)
    try:
        yield connection
        connection.commit()
    finally:
        connection.close()


def query(target: Path | str | Database, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
    """The rows of one SQL statement (`?` placeholders), on SQLite or PostgreSQL alike."""
    with _connected(target) as connection:
        return [tuple(row) for row in connection.execute(sql, parameters).fetchall()]


def execute(target: Path | str | Database, sql: str, *parameters: Any) -> None:
    """One SQL write behind the application's back, committed, on SQLite or PostgreSQL."""
    with _connected(target) as connection:
        connection.execute(sql, parameters)


def dump(target: Path | str | Database) -> list[str]:
    """The database's content as SQL (schema and rows), read through a plain connection.

    On PostgreSQL: every table's rows (and the schema revision), one line each, by table.
    """
    where = _where(target)
    if isinstance(where, str):
        return _dump_postgres(where)
    connection = sqlite3.connect(where)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _dump_postgres(url: str) -> list[str]:
    from refterm.db.postgres import connect

    lines = []
    with connect(url) as connection:
        names = connection.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        ).fetchall()
        for (name,) in sorted(names):
            rows = connection.execute(f"SELECT * FROM {name} ORDER BY 1")
            lines.extend(f"{name} {tuple(row)!r}" for row in rows)
    return lines
