"""Helpers shared by every test tier: the CLI in-process, and a database's content as SQL."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from click.testing import CliRunner, Result

from refterm.cli.main import cli

# The one fixed day every test runs on.
TODAY = date(2026, 11, 26)


def run(db: Path, *args: str, env: dict[str, str | None] | None = None) -> Result:
    """`refterm --db DB --today TODAY ARGS...` through click's runner."""
    return CliRunner().invoke(cli, ["--db", str(db), "--today", TODAY.isoformat(), *args], env=env)


def dump(path: Path) -> list[str]:
    """The database's content as SQL (schema and rows), read through a plain connection."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()
