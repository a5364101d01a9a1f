"""A refterm database that starts cheap: plain sqlite3 for the first screen, SQLAlchemy later.

Importing SQLAlchemy and SQLModel costs about half a second, more than the whole Today screen
needs. The first review is read with `read_connection`; the engine is built on first use (the
app builds it in a background thread once the first screen is painted).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refterm.db.engine import BUSY_TIMEOUT_MS, make_engine, prepare_database, set_pragmas

if TYPE_CHECKING:
    from sqlalchemy import Engine


class Database:
    """A checked, migrated database file, and its SQLAlchemy engine once something needs it."""

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        self.path = path
        self._engine = engine
        self._lock = threading.Lock()
        # Where changes are made from, as the journal records it: "cli" or "tui".
        self.change_source = "cli"

    @classmethod
    def open(cls, path: Path) -> Database:
        """Check, create and migrate the file, without loading SQLAlchemy when none is due."""
        return cls(prepare_database(path))

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, built once (thread-safe: a warm-up thread may race a click)."""
        with self._lock:
            if self._engine is None:
                self._engine = make_engine(self.path)
            return self._engine

    @property
    def has_engine(self) -> bool:
        return self._engine is not None

    @contextmanager
    def read_connection(self) -> Iterator[sqlite3.Connection]:
        """A plain sqlite3 connection for quick reads, with the engine's pragmas."""
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
        with closing(connection):
            set_pragmas(connection)
            yield connection

    @contextmanager
    def raw_reading(self) -> Iterator[Any]:
        """A DB-API connection for hand-written reads: plain sqlite3 until the engine exists."""
        if self._engine is None:
            with self.read_connection() as connection:
                yield connection
            return
        pooled = self._engine.raw_connection()
        try:
            yield pooled
        finally:
            pooled.close()

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
