"""Units of work: `reading` for queries, `writing` for one user action in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from refterm.clock import utc_now
from refterm.db.engine import IMMEDIATE
from refterm.db.journal import JOURNAL, Journal
from refterm.errors import ChangedElsewhere

if TYPE_CHECKING:
    from refterm.db.database import Database


@contextmanager
def reading(database: Database) -> Iterator[Session]:
    """A read-only unit of work (deferred transaction, rolled back at the end)."""
    with Session(database.engine, expire_on_commit=False, autoflush=False) as session:
        yield session


@contextmanager
def writing(
    database: Database, label: str | None = None, journal: bool = True
) -> Iterator[Session]:
    """One write transaction, begun IMMEDIATE; committed on success, rolled back on error.

    Every row it changes is journaled in the same transaction (one undo step), named `label`
    or described from the rows; `journal=False` for writes that are not the user's (the demo,
    an undo itself).
    """
    with database.engine.connect() as connection:
        connection.info[IMMEDIATE] = True
        try:
            with Session(bind=connection, expire_on_commit=False) as session:
                if journal:
                    session.info[JOURNAL] = Journal(session, label, database.change_source)
                yield session
                if journal:
                    session.flush()
                    session.info[JOURNAL].record(utc_now())
                session.commit()
        except StaleDataError:
            # Another writer bumped a record's version (db.models): refused, never overwritten.
            raise ChangedElsewhere() from None
        finally:
            connection.info.pop(IMMEDIATE, None)
