"""Undo: the journal of changes, the last one taken back, one transaction each.

An undo is not itself a change: it takes its change out of the journal, so pressing ctrl+z
again takes back the one before (there is no redo).
"""

from __future__ import annotations

from refterm.db import undo as repo
from refterm.db.database import Database
from refterm.db.journal import take_recorded
from refterm.db.session import reading, writing
from refterm.errors import CannotUndo
from refterm.model.i18n import N_, _

ChangeEntry = repo.ChangeEntry
# Marked here, translated where shown: `undo_hint()` (or `_(UNDO_HINT)`).
UNDO_HINT = N_("ctrl+z to undo")


def undo_hint() -> str:
    """'ctrl+z to undo', 'ctrl+z pour annuler': the hint after a note of a write."""
    return _(UNDO_HINT)


def recent_changes(database: Database, limit: int = 50) -> list[ChangeEntry]:
    """The journal, newest first."""
    with reading(database) as session:
        return repo.changes(session, limit)


def undo_last(database: Database, source: str | None = None) -> ChangeEntry:
    """Take back the newest change (made from `source` when given: "tui" or "cli")."""
    with writing(database, journal=False) as session:
        latest = repo.changes(session, 1, source)
        if not latest:
            if source == "tui":
                raise CannotUndo(_("nothing to undo made in refterm"))
            if source == "cli":
                raise CannotUndo(_("nothing to undo made from the command line"))
            raise CannotUndo(_("nothing to undo"))
        return repo.undo_change(session, latest[0].id)


def undo(database: Database, change_id: int) -> ChangeEntry:
    """Take back one change by its id (`refterm undo --list`)."""
    with writing(database, journal=False) as session:
        return repo.undo_change(session, change_id)


def left_undo_step() -> bool:
    """Whether the write just run in this thread was journaled (so ctrl+z takes it back)."""
    return take_recorded() is not None


__all__ = ["UNDO_HINT", "CannotUndo", "ChangeEntry", "left_undo_step", "recent_changes", "undo",
           "undo_hint", "undo_last"]  # fmt: skip
