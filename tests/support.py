"""Helpers shared by every test tier: TODAY, the CLI in-process, what a database holds."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from click.testing import CliRunner, Result

from refterm.cli.main import cli
from refterm.db.database import Database
from refterm.db.models import Contact
from refterm.model.vocab import ContactSort

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


def dump(target: Path | Database) -> list[str]:
    """The database's content as SQL (schema and rows), read through a plain connection.

    On PostgreSQL: every table's rows (and the schema revision), one line each, by table.
    """
    if isinstance(target, Database):
        if target.path is None:
            return _dump_postgres(target)
        target = target.path
    connection = sqlite3.connect(target)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _dump_postgres(database: Database) -> list[str]:
    from sqlalchemy import inspect

    lines = []
    with database.engine.connect() as connection:
        for name in sorted(inspect(connection).get_table_names()):
            rows = connection.exec_driver_sql(f"SELECT * FROM {name} ORDER BY 1")
            lines.extend(f"{name} {tuple(row)!r}" for row in rows)
    return lines
