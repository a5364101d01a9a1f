"""Repository functions for interactions (calls, messages, meetings)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from refterm.db.models import Contact, Interaction
from refterm.model.vocab import Outcome


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


def latest_job_change(
    session: Session, contact_id: int, since: date, today: date
) -> Interaction | None:
    """The newest job change an import noted for the contact, after `since` and up to today."""
    statement = (
        select(Interaction)
        .where(
            Interaction.contact_id == contact_id,
            Interaction.outcome == Outcome.JOB_CHANGE,
            col(Interaction.occurred_on) > since,
            col(Interaction.occurred_on) <= today,
        )
        .order_by(col(Interaction.occurred_on).desc(), col(Interaction.id).desc())
    )
    return session.exec(statement).first()


def interactions_with_names(
    session: Session, contact_id: int | None = None, limit: int | None = None
) -> list[tuple[Interaction, str]]:
    """Interactions, newest first, with their contact's name (one contact's, or everyone's)."""
    statement = select(Interaction, Contact.full_name).join(
        Contact, col(Contact.id) == Interaction.contact_id
    )
    if contact_id is not None:
        statement = statement.where(Interaction.contact_id == contact_id)
    statement = statement.order_by(
        col(Interaction.occurred_on).desc(), col(Interaction.id).desc()
    ).limit(limit)
    return [(interaction, name) for interaction, name in session.exec(statement)]
