"""The one place that opens the database: checks the file, sets pragmas, migrates."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refterm.db.schema import HEAD, REVISIONS
from refterm.errors import DatabaseRefused
from refterm.model.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Engine

BUSY_TIMEOUT_MS = 30_000
_SQLITE_MAGIC = b"SQLite format 3\x00"
IMMEDIATE = "refterm_begin_immediate"


def _refuse(path: Path, why: str) -> DatabaseRefused:
    return DatabaseRefused(
        _("{path}: {reason}; the file was left untouched").format(path=path, reason=why)
    )


def _check_header(path: Path) -> bytes:
    """Refuse files that are not SQLite at all; SQLite itself judges the rest."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        return header
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise _refuse(path, _("not a refterm database (not an SQLite file)"))
    return header


def _looks_short(path: Path, header: bytes) -> bool:
    """The header counts more pages than the file holds: truncated, or pages still in the WAL.

    In WAL mode the header is copied during a checkpoint before the file grows, so a killed or
    running checkpoint looks exactly like this while the file is healthy: a hint, never a verdict.
    """
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]
    return valid and page_count * page_size > path.stat().st_size


def _read_only_uri(path: Path, header: bytes) -> str:
    # Read-only, so that a refused file stays byte-identical. A quoted URI, so that a path
    # holding "?", "#" or "%" names this file and no other.
    uri = path.resolve().as_uri() + "?mode=ro"
    if header[18:20] == b"\x02\x02" and not path.with_name(path.name + "-wal").exists():
        # A WAL-mode file with no WAL beside it holds everything: read it alone, because a
        # read-only connection cannot delete the -wal and -shm files it would create.
        uri += "&immutable=1"
    return uri


def _damage(path: Path, header: bytes) -> str | None:
    """SQLite's own verdict (`PRAGMA quick_check`, through the WAL): None when the file is sound."""
    shm = path.with_name(path.name + "-shm")
    had_shm = shm.exists()
    verdict = _quick_check(path, header)
    if verdict is not None and not had_shm:
        # Reading through a WAL makes a -shm file; a refused file is left as it was found.
        shm.unlink(missing_ok=True)
    return verdict


def _quick_check(path: Path, header: bytes) -> str | None:
    try:
        connection = sqlite3.connect(_read_only_uri(path, header), uri=True, timeout=5)
        try:
            found = [str(row[0]) for row in connection.execute("PRAGMA quick_check(3)")]
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return None  # another refterm holds it: not damage; the busy timeout will wait
        return str(error)
    except sqlite3.DatabaseError as error:
        return str(error)
    return None if found == ["ok"] else "; ".join(found)


def stored_revision(path: Path, again: bool = True) -> str | None:
    """The schema revision in the file, None for a new one; refuses foreign or damaged files."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    header = _check_header(path)
    if _looks_short(path, header):
        damage = _damage(path, header)
        if damage is not None:
            raise _refuse(path, _("the database is damaged ({damage})").format(damage=damage))
    try:
        connection = sqlite3.connect(_read_only_uri(path, header), uri=True, timeout=5)
    except sqlite3.Error as error:
        raise _refuse(path, _("cannot be opened ({error})").format(error=error)) from None
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        rows = (
            connection.execute("SELECT version_num FROM alembic_version").fetchall()
            if "alembic_version" in tables and "contact" in tables
            else []
        )
    except sqlite3.DatabaseError as error:
        connection.close()
        # Perhaps a writer changed the file under an immutable read: let SQLite judge it anew.
        damage = _damage(path, _check_header(path))
        if damage is None and again:
            return stored_revision(path, again=False)
        raise _refuse(
            path, _("the database is damaged ({damage})").format(damage=damage or error)
        ) from None
    connection.close()
    if not tables:
        return None
    if "alembic_version" not in tables or "contact" not in tables:
        raise _refuse(path, _("this SQLite file belongs to another application"))
    if len(rows) != 1:
        raise _refuse(path, _("the database has no single schema revision"))
    revision = str(rows[0][0])
    if revision not in REVISIONS:
        raise _refuse(
            path,
            _(
                "it was written by a newer refterm (schema {revision}; this version knows up to "
                "{head}); upgrade refterm to open it"
            ).format(revision=revision, head=HEAD),
        )
    return revision


def _prepare_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600); say clearly when that is impossible.

    Modes are set only on what refterm creates: an existing file keeps the mode its owner chose.
    """
    folder = path.parent
    try:
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600))
    except FileExistsError:
        pass  # another refterm created it a moment ago
    except OSError as error:
        reason = error.strerror or str(error)
        raise DatabaseRefused(
            _("cannot create the database at {path}: {reason}").format(path=path, reason=reason)
        ) from None
    if not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseRefused(
            _(
                "{path}: permission denied (the file belongs to another user or is read-only); "
                "refterm needs to read and write it"
            ).format(path=path)
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseRefused(
            _("the folder {folder} is read-only: SQLite needs it writable for its journal").format(
                folder=folder
            )
        )


def _regular_or_absent(path: Path) -> None:
    """Refuse a database path that is a device, FIFO, socket or folder, in one line."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there yet: creating it says what is wrong
    except PermissionError:
        raise DatabaseRefused(
            _(
                "{path}: permission denied (the file or its folder belongs to another user); "
                "use a database of your own with --db"
            ).format(path=path)
        ) from None
    if stat.S_ISDIR(mode):
        raise DatabaseRefused(_("{path} is a folder, not a database file").format(path=path))
    if not stat.S_ISREG(mode):
        raise DatabaseRefused(
            _(
                "{path} is not a regular file (a device, pipe or socket); "
                "give the path of a database file"
            ).format(path=path)
        )


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
    _regular_or_absent(path)
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
