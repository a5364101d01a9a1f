"""Holding the database's write lock from outside, and waiting for what the app shows."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from textual.pilot import Pilot

from refterm.app import RefTermApp
from refterm.db.database import Database


@contextmanager
def write_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's writer: holds SQLite's write lock until the block ends."""
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        yield holder
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()


def short_busy_timeout(database: Database, milliseconds: int) -> Database:
    """Writes give up waiting for the lock after `milliseconds` (production waits 30 s)."""

    def shorten(dbapi_connection: Any, _record: Any) -> None:
        # Runs after refterm's own connect hook, which sets the 30 s busy timeout.
        dbapi_connection.execute(f"PRAGMA busy_timeout={milliseconds}")

    engine = database.engine  # writes go through SQLAlchemy
    engine.dispose()  # connections made before keep their timeout
    event.listen(engine, "connect", shorten)
    return database


async def until(
    pilot: Pilot[None], condition: Callable[[], bool], what: str, timeout: float = 20.0
) -> None:
    """Let the app run until `condition` holds; fail naming `what` if it never does."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


def notes(app: RefTermApp) -> str:
    """Every notification shown so far, as one text."""
    return "\n".join(str(note.message) for note in app._notifications)


def running_writes(app: RefTermApp) -> list[str]:
    return [w.name for w in app.workers if w.name.startswith("write:") and not w.is_finished]
