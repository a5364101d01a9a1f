"""Repository functions for interactions (calls, messages, meetings)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from refterm.db.models import Interaction


def interactions_of(session: Session, contact_id: int) -> list[Interaction]:
    """A contact's timeline, newest first."""
    statement = (
        select(Interaction)
        .where(Interaction.contact_id == contact_id)
        .order_by(col(Interaction.occurred_on).desc(), col(Interaction.id).desc())
    )
    return list(session.exec(statement))


def insert_interaction(session: Session, interaction: Interaction) -> Interaction:
    session.add(interaction)
    session.flush()
    return interaction
