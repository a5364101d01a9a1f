"""The one place that opens the database: checks the file, sets pragmas, migrates."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refterm.db.schema import HEAD, REVISIONS
from refterm.errors import DatabaseRefused

if TYPE_CHECKING:
    from sqlalchemy import Engine

BUSY_TIMEOUT_MS = 30_000
_SQLITE_MAGIC = b"SQLite format 3\x00"
IMMEDIATE = "refterm_begin_immediate"


def _refuse(path: Path, why: str) -> DatabaseRefused:
    return DatabaseRefused(f"{path}: {why}; the file was left untouched")


# How often, and how far apart, a file that looks truncated is looked at again while its WAL
# exists (see `_check_header`).
CHECKPOINT_LOOKS = 40
CHECKPOINT_PAUSE_SECONDS = 0.05


def _is_short(path: Path, header: bytes) -> bool:
    """The header counts more pages than the file holds."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter = header[24:28]
    valid_for = header[92:96]
    page_count = int.from_bytes(header[28:32], "big")
    return change_counter == valid_for and page_count * page_size > path.stat().st_size


def _read_header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(100)


def _check_header(path: Path) -> bytes:
    """Refuse files that are not SQLite, or shorter than their header says (truncated)."""
    header = _read_header(path)
    if not header:
        return header
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise _refuse(path, "not a refterm database (not an SQLite file)")
    # A checkpoint in another process writes page 1 (the new page count) before the pages that
    # lengthen the file, so a database in use can look short for a moment: while its WAL is
    # there, look again before calling it damaged. A truly truncated file stays short.
    wal = path.with_name(path.name + "-wal")
    looks = 0
    while _is_short(path, header):
        if looks == CHECKPOINT_LOOKS or not wal.exists():
            raise _refuse(path, "the database is damaged (the file is truncated)")
        looks += 1
        time.sleep(CHECKPOINT_PAUSE_SECONDS)
        header = _read_header(path)
    return header


def stored_revision(path: Path) -> str | None:
    """The schema revision in the file, None for a new one; refuses foreign or damaged files."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    header = _check_header(path)
    # Read-only, so that a refused file stays byte-identical. A quoted URI, so that a path
    # holding "?", "#" or "%" names this file and no other.
    uri = path.resolve().as_uri() + "?mode=ro"
    if header[18:20] == b"\x02\x02" and not path.with_name(path.name + "-wal").exists():
        # A WAL-mode file with no WAL beside it holds everything: read it alone, because a
        # read-only connection cannot delete the -wal and -shm files it would create.
        uri += "&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.Error as error:
        raise _refuse(path, f"cannot be opened ({error})") from None
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables:
            return None
        if "alembic_version" not in tables or "contact" not in tables:
            raise _refuse(path, "this SQLite file belongs to another application")
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as error:
        raise _refuse(path, f"the database is damaged ({error})") from None
    finally:
        connection.close()
    if len(rows) != 1:
        raise _refuse(path, "the database has no single schema revision")
    revision = str(rows[0][0])
    if revision not in REVISIONS:
        raise _refuse(
            path,
            f"it was written by a newer refterm (schema {revision}; this version knows up to "
            f"{HEAD}); upgrade refterm to open it",
        )
    return revision


def _prepare_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600); say clearly when that is impossible."""
    folder = path.parent
    try:
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as error:
        reason = error.strerror or str(error)
        raise DatabaseRefused(f"cannot create the database at {path}: {reason}") from None
    if not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseRefused(f"{path} is read-only: refterm needs to write to it")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseRefused(
            f"the folder {folder} is read-only: SQLite needs it writable for its journal"
        )
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)


def set_pragmas(dbapi_connection: Any) -> None:
    """refterm's rules for every connection, SQLAlchemy's or a plain sqlite3 one."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the sqlite3 module; `_on_begin` issues BEGIN itself.
    dbapi_connection.isolation_level = None
    set_pragmas(dbapi_connection)


def _on_begin(connection: Any) -> None:
    # Writers take the lock up front so a concurrent writer waits instead of failing.
    connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.info.get(IMMEDIATE) else "BEGIN")


def make_engine(path: Path) -> Engine:
    """An engine with refterm's pragmas and transaction rules, without any checks."""
    from sqlalchemy import URL, create_engine, event

    # URL.create, not an f-string: SQLAlchemy would read a "?" in the path as a query string
    # and open another file than the one checked.
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def prepare_database(path: Path) -> Path:
    """Check, create and migrate the file; SQLAlchemy is loaded only when a migration runs."""
    path = path.expanduser()
    if path.exists() and path.is_dir():
        raise DatabaseRefused(f"{path} is a folder, not a database file")
    revision = stored_revision(path) if path.exists() else None
    _prepare_file(path)
    if revision != HEAD:
        from refterm.db.migrate import upgrade_to_head

        engine = make_engine(path)
        try:
            upgrade_to_head(engine, path, backup=revision is not None)
        finally:
            engine.dispose()
    return path
