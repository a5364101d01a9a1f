"""Deleting contacts, asks, history entries and reference uses; archiving and unarchiving.

Each action is one transaction, done row by row through the ORM session (`db.lifecycle`), and
each question asked first says what goes with the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from refterm.clock import utc_now
from refterm.db import lifecycle
from refterm.db.asks import get_ask
from refterm.db.contacts import get_contact
from refterm.db.database import Database
from refterm.db.models import Contact, Interaction
from refterm.db.reference_uses import get_use
from refterm.db.session import reading, writing
from refterm.errors import InvalidInput, NotFound
from refterm.model.i18n import _, number
from refterm.model.plural import counted
from refterm.model.records import ContactRecord, copy_as
from refterm.model.vocab import AskKind, AskStatus, Channel, label


@dataclass(frozen=True)
class Removal:
    """What a delete would take away, in words, before the user says yes."""

    id: int
    name: str  # the contact's name (for an ask, a history entry or a use: whose it is)
    what: str  # "Omar Tazi", "the recommendation ask 6 to Omar Tazi"...
    goes_with: tuple[str, ...] = ()  # "3 asks", "5 interactions", "1 reference use"
    stays: str = ""  # what is kept, when something is

    @property
    def question(self) -> str:
        """'Delete Omar Tazi, 3 asks, 5 interactions and 1 reference use?'"""
        parts = [self.what, *self.goes_with]
        return _("Delete {listed}?").format(listed=_joined(tuple(parts)))

    @property
    def done(self) -> str:
        """The notification once deleted."""
        if self.goes_with:
            return _("Deleted {what} with {listed}").format(
                what=self.what, listed=_joined(self.goes_with)
            )
        return _("Deleted {what}").format(what=self.what)


def _joined(parts: tuple[str, ...]) -> str:
    if len(parts) == 1:
        return parts[0]
    return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


def _footprint_words(footprint: lifecycle.Footprint, asks: bool = True) -> tuple[str, ...]:
    words = []
    if asks and footprint.asks:
        words.append(counted(footprint.asks, "ask", "asks"))
    if footprint.interactions:
        words.append(counted(footprint.interactions, "interaction", "interactions"))
    if footprint.uses:
        words.append(counted(footprint.uses, "reference use", "reference uses"))
    if footprint.given:
        words.append(
            counted(footprint.given, "recommendation you wrote", "recommendations you wrote")
        )
    return tuple(words)


def _must_contact(session: object, contact_id: int) -> Contact:
    contact = get_contact(session, contact_id)  # type: ignore[arg-type]
    if contact is None:
        raise NotFound(_("no contact has id {id}").format(id=contact_id))
    return contact


def contact_removal(database: Database, contact_id: int) -> Removal:
    """What deleting a contact takes with it: asks, history, reference uses, tags."""
    with reading(database) as session:
        contact = _must_contact(session, contact_id)
        footprint = lifecycle.contact_footprint(session, contact_id)
    return Removal(contact_id, contact.full_name, contact.full_name, _footprint_words(footprint))


def delete_contact(database: Database, contact_id: int) -> Removal:
    """Delete a contact and everything about them, in one transaction."""
    with writing(database) as session:
        contact = _must_contact(session, contact_id)
        footprint = lifecycle.contact_footprint(session, contact_id)
        removal = Removal(
            contact_id, contact.full_name, contact.full_name, _footprint_words(footprint)
        )
        lifecycle.delete_contact(session, contact)
    return removal


def _ask_removal(session: object, ask_id: int) -> Removal:
    ask = get_ask(session, ask_id)  # type: ignore[arg-type]
    if ask is None:
        raise NotFound(_("no ask has id {id}").format(id=ask_id))
    contact = _must_contact(session, ask.contact_id)
    footprint = lifecycle.ask_footprint(session, ask_id)  # type: ignore[arg-type]
    uses = (counted(footprint.uses, "reference use", "reference uses"),) if footprint.uses else ()
    kept = ""
    if footprint.interactions:
        if footprint.interactions == 1:
            kept = _("The interaction about it stays in {name}’s timeline.").format(
                name=contact.full_name
            )
        else:
            kept = _("The {count} interactions about it stay in {name}’s timeline.").format(
                count=number(footprint.interactions), name=contact.full_name
            )
    what = _("the {kind} ask {id} to {name} ({status})").format(
        kind=label(AskKind, ask.kind),
        id=ask.id,
        name=contact.full_name,
        status=label(AskStatus, ask.status),
    )
    return Removal(ask_id, contact.full_name, what, uses, kept)


def ask_removal(database: Database, ask_id: int) -> Removal:
    with reading(database) as session:
        return _ask_removal(session, ask_id)


def delete_ask(database: Database, ask_id: int) -> Removal:
    """Delete an ask and its reference uses; the history about it stays, unlinked."""
    with writing(database) as session:
        removal = _ask_removal(session, ask_id)
        ask = get_ask(session, ask_id)
        assert ask is not None
        lifecycle.delete_ask(session, ask)
    return removal


def _interaction_removal(session: object, interaction: Interaction, name: str) -> Removal:
    day = interaction.occurred_on.isoformat()
    if interaction.outcome == "job_change":
        what = _("the job change noted on {day} for {name}").format(day=day, name=name)
    else:
        channel = label(Channel, interaction.channel)
        what = _("the {channel} of {day} with {name}").format(channel=channel, day=day, name=name)
    return Removal(interaction.id or 0, name, what)


def _must_interaction(session: object, interaction_id: int) -> Interaction:
    from sqlmodel import Session

    assert isinstance(session, Session)
    interaction = session.get(Interaction, interaction_id)
    if interaction is None:
        raise NotFound(_("no interaction has id {id}").format(id=interaction_id))
    return interaction


def interaction_removal(database: Database, interaction_id: int) -> Removal:
    with reading(database) as session:
        interaction = _must_interaction(session, interaction_id)
        contact = _must_contact(session, interaction.contact_id)
        return _interaction_removal(session, interaction, contact.full_name)


def delete_interaction(database: Database, interaction_id: int) -> Removal:
    """Delete one history entry; "last contact" is read again from what is left."""
    with writing(database) as session:
        interaction = _must_interaction(session, interaction_id)
        contact = _must_contact(session, interaction.contact_id)
        removal = _interaction_removal(session, interaction, contact.full_name)
        lifecycle.delete_interaction(session, interaction, contact)
    return removal


def _use_removal(session: object, use_id: int) -> Removal:
    use = get_use(session, use_id)  # type: ignore[arg-type]
    if use is None:
        raise NotFound(_("no reference use has id {id}").format(id=use_id))
    ask = get_ask(session, use.ask_id)  # type: ignore[arg-type]
    assert ask is not None
    contact = _must_contact(session, ask.contact_id)
    what = _("the reference use {id}: {name} given to {company}").format(
        id=use.id, name=contact.full_name, company=use.company
    )
    return Removal(use_id, contact.full_name, what)


def use_removal(database: Database, use_id: int) -> Removal:
    with reading(database) as session:
        return _use_removal(session, use_id)


def delete_reference_use(database: Database, use_id: int) -> Removal:
    """Delete one record of a referee given to an employer."""
    with writing(database) as session:
        removal = _use_removal(session, use_id)
        use = get_use(session, use_id)
        session.delete(use)
    return removal


def set_archived(
    database: Database, contact_id: int, archived: bool, now: datetime | None = None
) -> ContactRecord:
    """Archive (hide from lists and the review; nothing is deleted) or bring back a contact."""
    with writing(database) as session:
        contact = _must_contact(session, contact_id)
        if (contact.archived_at is not None) == archived:
            if archived:
                already = _("contact {id} {name} is already archived")
            else:
                already = _("contact {id} {name} is already not archived")
            raise InvalidInput(already.format(id=contact_id, name=contact.full_name))
        stamp = now or utc_now()
        contact.archived_at = stamp if archived else None
        contact.updated_at = stamp
        session.add(contact)
        return copy_as(ContactRecord, contact)
