"""Consistent copies of a live database (before upgrades, and `refterm backup`)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from refterm.errors import InvalidInput, RefTermError
from refterm.files import atomic_file
from refterm.model.i18n import _


def backup_file(path: Path, destination: Path) -> Path:
    """Copy a live database with SQLite's online backup API (safe while others write).

    Into a 0600 temporary file beside `destination`, renamed when complete: a killed or failed
    backup leaves no partial, readable copy, and no name taken.
    """
    with atomic_file(destination) as temporary:
        _copy(path, temporary)
    return destination


def _copy(path: Path, temporary: Path) -> None:
    source = sqlite3.connect(path)
    try:
        target = sqlite3.connect(temporary)
        try:
            source.backup(target)
        except sqlite3.OperationalError as error:
            if "full" in str(error):
                raise RefTermError(
                    _(
                        "cannot write the backup {folder}: the disk is full; "
                        "free some space and try again"
                    ).format(folder=temporary.parent)
                ) from None
            raise
        finally:
            target.close()
    finally:
        source.close()


def backup_database(source: Path, destination: Path | None, today: date) -> Path:
    """Copy `source` to `destination` (a file, or a folder to put a dated copy in)."""
    name = f"{source.stem}-{today.isoformat()}.db"
    if destination is None:
        target = source.with_name(name)
    elif destination.is_dir():
        target = destination / name
    else:
        target = destination
    if target.resolve() == source.resolve():
        raise InvalidInput(_("the backup cannot overwrite the database itself"))
    if target.exists():
        raise InvalidInput(
            _("{path} already exists; choose another destination").format(path=target)
        )
    if not target.parent.is_dir():
        raise InvalidInput(_("the folder {folder} does not exist").format(folder=target.parent))
    return backup_file(source, target)
