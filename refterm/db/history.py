"""A contact's history: interactions written with the one rule for "last contact"."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import text
from sqlmodel import Session

from refterm.db.interactions import insert_interaction
from refterm.db.models import Contact, Interaction
from refterm.model.contact_rule import REACHED_SQL, reached

LAST_CONTACT = f"SELECT max(occurred_on) FROM interaction WHERE contact_id = :id AND {REACHED_SQL}"


def last_contact_on(session: Session, contact_id: int) -> date | None:
    """The latest interaction that reached the contact: the one definition of "last contact"."""
    value = session.connection().execute(text(LAST_CONTACT), {"id": contact_id}).scalar()
    if value is None:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def refresh_last_contact(session: Session, contact: Contact) -> None:
    """Store `last_contact_on` on the contact (the column every list and the review read).

    A date brought by an import with no interaction behind it is kept when it is later.
    """
    session.flush()
    latest = last_contact_on(session, contact.id or 0)
    if latest is not None and (
        contact.last_contacted_on is None or latest > contact.last_contacted_on
    ):
        contact.last_contacted_on = latest
        session.add(contact)


def record_interaction(
    session: Session,
    contact: Contact,
    occurred_on: date,
    channel: str,
    summary: str | None,
    now: datetime,
    outcome: str | None = None,
    ask_id: int | None = None,
) -> Interaction:
    """Add one entry to the contact's history and move "last contact" when it reached them."""
    interaction = Interaction(
        contact_id=contact.id or 0,
        ask_id=ask_id,
        occurred_on=occurred_on,
        channel=channel,
        outcome=outcome,
        summary=summary,
        created_at=now,
    )
    insert_interaction(session, interaction)
    if reached(outcome):
        refresh_last_contact(session, contact)
    return interaction
