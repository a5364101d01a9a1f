"""PostgreSQL behind the same `Database` handle: the engine, its checks, and raw reads.

A URL such as `postgresql://user@host/dbname` names the database; the password comes from
PGPASSWORD or ~/.pgpass, as libpq finds it, and refterm never prints or stores it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from refterm.errors import DatabaseRefused
from refterm.model.i18n import _
from refterm.paths import mask_url

if TYPE_CHECKING:
    from sqlalchemy import Engine

CONNECT_TIMEOUT_S = 10
# Every table whose `id` comes from a sequence: rows copied with their ids move it on.
SERIAL_TABLES = ("contact", "tag", "ask", "interaction", "reference_use", "profile")


def _driver_url(url: str) -> Any:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.set(drivername="postgresql+psycopg")


def make_pg_engine(url: str) -> Engine:
    """An engine on psycopg 3; every transaction reads committed data, like SQLite's WAL."""
    from sqlalchemy import create_engine

    return create_engine(
        _driver_url(url),
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "refterm",
            # Instants are stored and read in UTC, whatever the server's own time zone.
            "options": "-c timezone=UTC",
        },
        pool_pre_ping=True,
    )


def refused(url: str, error: BaseException) -> DatabaseRefused:
    """One line naming the database (password masked) and libpq's first line of reason."""
    cause = getattr(error, "orig", None) or error
    reason = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
    return DatabaseRefused(
        _("{where}: cannot open the database ({reason})").format(
            where=mask_url(url), reason=mask_url(reason)
        )
    )


def libpq_url(url: str) -> str:
    """The URL as libpq reads it (it knows `postgresql://`, not SQLAlchemy's driver suffix)."""
    scheme, rest = url.split("://", 1)
    return "postgresql://" + rest if scheme.startswith("postgres") else url


def connect(url: str) -> Any:
    """A plain psycopg connection (no SQLAlchemy: the first screen does not wait for it)."""
    import psycopg

    return psycopg.connect(
        libpq_url(url),
        connect_timeout=CONNECT_TIMEOUT_S,
        application_name="refterm",
        options="-c timezone=UTC",
    )


_TABLES = (
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
)


def stored_pg_revision(url: str) -> str | None:
    """The schema revision in the database, None for an empty one; refuses foreign ones."""
    import psycopg

    from refterm.db.schema import HEAD, REVISIONS

    try:
        with connect(url) as connection:
            tables = {str(row[0]) for row in connection.execute(_TABLES)}
            rows = (
                connection.execute("SELECT version_num FROM alembic_version").fetchall()
                if {"alembic_version", "contact"} <= tables
                else []
            )
    except psycopg.Error as error:
        raise refused(url, error) from None
    if not tables:
        return None
    where = mask_url(url)
    if "alembic_version" not in tables or "contact" not in tables:
        raise DatabaseRefused(
            _("{where}: this database belongs to another application").format(where=where)
        )
    if len(rows) != 1:
        raise DatabaseRefused(
            _("{where}: the database has no single schema revision").format(where=where)
        )
    revision = str(rows[0][0])
    if revision not in REVISIONS:
        raise DatabaseRefused(
            _(
                "{where}: it was written by a newer refterm (schema {revision}; this version "
                "knows up to {head}); upgrade refterm to open it"
            ).format(where=where, revision=revision, head=HEAD)
        )
    return revision


def prepare_pg(url: str) -> str:
    """Check and migrate; SQLAlchemy is loaded only when a migration runs (as for SQLite)."""
    from refterm.db.schema import HEAD

    if stored_pg_revision(url) != HEAD:
        from sqlalchemy.exc import SQLAlchemyError

        from refterm.db.migrate import upgrade_engine

        engine = make_pg_engine(url)
        try:
            upgrade_engine(engine)
        except SQLAlchemyError as error:
            raise refused(url, error) from None
        finally:
            engine.dispose()
    return url


def sync_sequences(connection: Any) -> None:
    """After rows were written with their own ids, each sequence continues after the largest."""
    for table in SERIAL_TABLES:
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
        )


def as_stored(value: Any) -> Any:
    """A value as SQLite hands it back: dates as ISO text, instants as SQLAlchemy stores them
    there (UTC, naive, microseconds); what the hand-written reads and bulk code expect."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def qmark_to_format(sql: str) -> str:
    """`?` placeholders (SQLite's) as psycopg's `%s`; the hand-written SQL holds no literal `?`."""
    return sql.replace("%", "%%").replace("?", "%s")


class QmarkCursor:
    """A psycopg cursor that takes SQLite's `?` and returns dates as ISO text."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> QmarkCursor:
        self._cursor.execute(qmark_to_format(sql), tuple(parameters))
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        return [tuple(as_stored(value) for value in row) for row in self._cursor.fetchall()]

    def fetchone(self) -> tuple[Any, ...] | None:
        row = self._cursor.fetchone()
        return None if row is None else tuple(as_stored(value) for value in row)

    def close(self) -> None:
        self._cursor.close()


class QmarkConnection:
    """The few DB-API calls refterm's hand-written reads make, on a psycopg connection."""

    dialect = "postgresql"

    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def cursor(self) -> QmarkCursor:
        return QmarkCursor(self._connection.cursor())

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> QmarkCursor:
        return self.cursor().execute(sql, parameters)


@contextmanager
def qmark_reading(engine: Engine | None, url: str) -> Iterator[QmarkConnection]:
    """A connection for hand-written reads, rolled back when done: one of the engine's pooled
    ones, or a plain psycopg one until the engine exists."""
    if engine is None:
        with connect(url) as plain:
            yield QmarkConnection(plain)
            plain.rollback()
        return
    pooled = engine.raw_connection()
    try:
        yield QmarkConnection(pooled)
    finally:
        pooled.rollback()
        pooled.close()


def is_postgres(connection: Any) -> bool:
    """Whether a raw or SQLAlchemy connection talks to PostgreSQL."""
    if isinstance(connection, QmarkConnection):
        return True
    dialect = getattr(connection, "dialect", None)
    return getattr(dialect, "name", None) == "postgresql"
