"""Units of work: `reading` for queries, `writing` for one user action in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlmodel import Session

from refterm.db.engine import IMMEDIATE


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A read-only unit of work (deferred transaction, rolled back at the end)."""
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        yield session


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """One write transaction, begun IMMEDIATE; committed on success, rolled back on error."""
    with engine.connect() as connection:
        connection.info[IMMEDIATE] = True
        try:
            with Session(bind=connection, expire_on_commit=False) as session:
                yield session
                session.commit()
        finally:
            connection.info.pop(IMMEDIATE, None)
