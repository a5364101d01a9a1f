"""Deleting and merging rows through the ORM session, one row at a time.

Every removal is `session.delete(row)` on each child row, never a database-level cascade or a
raw DELETE: the session then sees (and an undo journal can record) every row that goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from refterm.db.history import last_contact_on
from refterm.db.models import (
    Ask,
    Contact,
    ContactTag,
    Interaction,
    RecommendationGiven,
    ReferenceUse,
)


@dataclass(frozen=True)
class Footprint:
    """What goes with a contact (or an ask): its asks, history entries and reference uses."""

    asks: int = 0
    interactions: int = 0
    uses: int = 0
    given: int = 0  # recommendations the user wrote for them


def _count(session: Session, statement: object) -> int:
    return int(session.exec(statement).one())  # type: ignore[call-overload]


def contact_footprint(session: Session, contact_id: int) -> Footprint:
    ask_ids = select(Ask.id).where(Ask.contact_id == contact_id)
    return Footprint(
        asks=_count(session, select(func.count()).where(Ask.contact_id == contact_id)),
        interactions=_count(
            session, select(func.count()).where(Interaction.contact_id == contact_id)
        ),
        uses=_count(session, select(func.count()).where(col(ReferenceUse.ask_id).in_(ask_ids))),
        given=_count(
            session, select(func.count()).where(RecommendationGiven.contact_id == contact_id)
        ),
    )


def ask_footprint(session: Session, ask_id: int) -> Footprint:
    """An ask's reference uses (deleted with it) and history entries (kept, unlinked)."""
    return Footprint(
        asks=1,
        interactions=_count(session, select(func.count()).where(Interaction.ask_id == ask_id)),
        uses=_count(session, select(func.count()).where(ReferenceUse.ask_id == ask_id)),
    )


def _uses_of(session: Session, ask_ids: Sequence[int | None]) -> list[ReferenceUse]:
    return list(session.exec(select(ReferenceUse).where(col(ReferenceUse.ask_id).in_(ask_ids))))


def delete_ask(session: Session, ask: Ask) -> None:
    """The ask and its reference uses; its history entries stay, no longer linked to it."""
    for use in _uses_of(session, [ask.id]):
        session.delete(use)
    for interaction in session.exec(select(Interaction).where(Interaction.ask_id == ask.id)):
        interaction.ask_id = None
        session.add(interaction)
    session.flush()
    session.delete(ask)
    session.flush()


def delete_contact(session: Session, contact: Contact) -> None:
    """The contact, its tag links, asks, reference uses and history, row by row."""
    asks = list(session.exec(select(Ask).where(Ask.contact_id == contact.id)))
    for use in _uses_of(session, [ask.id for ask in asks]):
        session.delete(use)
    for interaction in session.exec(
        select(Interaction).where(Interaction.contact_id == contact.id)
    ):
        session.delete(interaction)
    session.flush()
    for ask in asks:
        session.delete(ask)
    for link in session.exec(select(ContactTag).where(ContactTag.contact_id == contact.id)):
        session.delete(link)
    for given in session.exec(
        select(RecommendationGiven).where(RecommendationGiven.contact_id == contact.id)
    ):
        session.delete(given)
    session.flush()
    session.delete(contact)
    session.flush()


def delete_interaction(session: Session, interaction: Interaction, contact: Contact) -> None:
    """One history entry; "last contact" is read again when it may have been that one."""
    removed_on = interaction.occurred_on
    session.delete(interaction)
    session.flush()
    if contact.last_contacted_on is not None and contact.last_contacted_on <= removed_on:
        contact.last_contacted_on = last_contact_on(session, contact.id or 0)
        session.add(contact)


def move_history(session: Session, source_id: int, target_id: int) -> tuple[int, int, int]:
    """Give `target_id` every ask and interaction of `source_id`; returns what moved.

    Reference uses hang on the asks and move with them.
    """
    asks = list(session.exec(select(Ask).where(Ask.contact_id == source_id)))
    for ask in asks:
        ask.contact_id = target_id
        session.add(ask)
    interactions = list(
        session.exec(select(Interaction).where(Interaction.contact_id == source_id))
    )
    for interaction in interactions:
        interaction.contact_id = target_id
        session.add(interaction)
    uses = _uses_of(session, [ask.id for ask in asks]) if asks else []
    for given in session.exec(
        select(RecommendationGiven).where(RecommendationGiven.contact_id == source_id)
    ):
        given.contact_id = target_id
        session.add(given)
    session.flush()
    return len(asks), len(interactions), len(uses)
