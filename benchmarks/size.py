"""The database file with and without the search index, both vacuumed (no free pages)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path


def _vacuumed_size(path: Path, drop_index: bool) -> int:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        if drop_index:
            for (trigger,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'contact'"
            ).fetchall():
                connection.execute(f"DROP TRIGGER {trigger}")
            connection.execute("DROP TABLE contact_fts")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return path.stat().st_size


def sizes(db: Path, folder: Path) -> dict[str, int]:
    """Bytes of copies of `db`: as refterm keeps it, and with the FTS5 index dropped."""
    measured = {}
    for label, drop in (("with_index", False), ("without_index", True)):
        copy = folder / f"size-{label}.db"
        shutil.copy(db, copy)
        measured[label] = _vacuumed_size(copy, drop)
        copy.unlink()
    return measured
