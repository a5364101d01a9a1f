"""Repository functions for reference uses (a referee given to an employer)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from refterm.db.models import ReferenceUse


def uses_of(
    session: Session, ask_ids: Sequence[int | None], newest_first: bool = True
) -> list[ReferenceUse]:
    """Where these asks were given as a reference, by date shared."""
    shared_on = col(ReferenceUse.shared_on)
    order = (shared_on.desc(),) if newest_first else (shared_on, col(ReferenceUse.id))
    statement = select(ReferenceUse).where(col(ReferenceUse.ask_id).in_(ask_ids)).order_by(*order)
    return list(session.exec(statement))


def get_use(session: Session, use_id: int) -> ReferenceUse | None:
    return session.get(ReferenceUse, use_id)


def insert_use(session: Session, use: ReferenceUse) -> ReferenceUse:
    session.add(use)
    session.flush()
    return use
