"""A refterm database that starts cheap: plain sqlite3 for the first screen, SQLAlchemy later.

Importing SQLAlchemy and SQLModel costs about half a second, more than the whole Today screen
needs. The first review is read with `read_connection`; the engine is built on first use (the
app builds it in a background thread once the first screen is painted).

On PostgreSQL (`Database.open("postgresql://...")`) it is the same: the schema is checked and
the first reads run on plain psycopg connections, the engine comes later.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refterm.db.engine import BUSY_TIMEOUT_MS, make_engine, prepare_database, set_pragmas
from refterm.paths import DatabaseTarget, describe_target, is_database_url

if TYPE_CHECKING:
    from sqlalchemy import Engine


class Database:
    """A checked, migrated database (a file, or a PostgreSQL URL), and its SQLAlchemy engine.

    `path` is the SQLite file; on PostgreSQL it is None and `url` names the database.
    """

    def __init__(
        self, path: Path | None, engine: Engine | None = None, url: str | None = None
    ) -> None:
        self.path = path
        self.url = url
        self._engine = engine
        self._lock = threading.Lock()
        # The hand-written reads a thread has open: a nested `raw_reading` shares it.
        self._reading = threading.local()
        # Where changes are made from, as the journal records it: "cli" or "tui".
        self.change_source = "cli"

    @classmethod
    def open(cls, target: DatabaseTarget) -> Database:
        """Check, create and migrate it, without loading SQLAlchemy when none is due (SQLite)."""
        if isinstance(target, str) and is_database_url(target):
            from refterm.db.postgres import prepare_pg

            return cls(None, url=prepare_pg(target))
        return cls(prepare_database(Path(target)))

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    @property
    def dialect(self) -> str:
        return "postgresql" if self.url is not None else "sqlite"

    @property
    def location(self) -> str:
        """The file's path or the URL with no password: what messages and `locate` show."""
        return describe_target(self.url if self.url is not None else self._file())

    def _file(self) -> Path:
        assert self.path is not None, "a PostgreSQL database has no file"  # untranslated: a bug
        return self.path

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, built once (thread-safe: a warm-up thread may race a click)."""
        with self._lock:
            if self._engine is None and self.url is not None:
                from refterm.db.postgres import make_pg_engine

                self._engine = make_pg_engine(self.url)
            elif self._engine is None:
                self._engine = make_engine(self._file())
            return self._engine

    @property
    def has_engine(self) -> bool:
        return self._engine is not None

    @contextmanager
    def read_connection(self) -> Iterator[sqlite3.Connection]:
        """A plain sqlite3 connection for quick reads, with the engine's pragmas (SQLite only)."""
        connection = sqlite3.connect(self._file(), timeout=BUSY_TIMEOUT_MS / 1000)
        with closing(connection):
            set_pragmas(connection)
            yield connection

    @contextmanager
    def raw_reading(self) -> Iterator[Any]:
        """A DB-API connection for hand-written reads (`?` placeholders, dates as ISO text):
        plain sqlite3 (psycopg on PostgreSQL) until the engine exists, then a pooled one.

        Inside another `raw_reading` of the same thread it is that one's connection, so a
        screen's several reads open one connection, not one each.
        """
        held = getattr(self._reading, "connection", None)
        if held is not None:
            yield held
            return
        with self._new_reading() as connection:
            self._reading.connection = connection
            try:
                yield connection
            finally:
                self._reading.connection = None

    @contextmanager
    def _new_reading(self) -> Iterator[Any]:
        if self.url is not None:
            from refterm.db.postgres import qmark_reading

            with qmark_reading(self._engine, self.url) as connection:
                yield connection
            return
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
