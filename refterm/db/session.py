"""Units of work: `reading` for queries, `writing` for one user action in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from refterm.db.engine import IMMEDIATE
from refterm.errors import ChangedElsewhere

if TYPE_CHECKING:
    from refterm.db.database import Database


@contextmanager
def reading(database: Database) -> Iterator[Session]:
    """A read-only unit of work (deferred transaction, rolled back at the end)."""
    with Session(database.engine, expire_on_commit=False, autoflush=False) as session:
        yield session


@contextmanager
def writing(database: Database) -> Iterator[Session]:
    """One write transaction, begun IMMEDIATE; committed on success, rolled back on error."""
    with database.engine.connect() as connection:
        connection.info[IMMEDIATE] = True
        try:
            with Session(bind=connection, expire_on_commit=False) as session:
                yield session
                session.commit()
        except StaleDataError:
            # Another writer bumped a record's version (db.models): refused, never overwritten.
            raise ChangedElsewhere() from None
        finally:
            connection.info.pop(IMMEDIATE, None)
