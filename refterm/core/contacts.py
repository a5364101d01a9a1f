"""Adding, editing, finding and archiving contacts: validation plus one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import col, select

from refterm.clock import utc_now
from refterm.config import Settings
from refterm.core.text import clean_line, optional_line, optional_multiline
from refterm.core.validate import (
    check_cadence,
    check_email,
    check_known_since,
    check_linkedin_url,
    check_name,
    check_phone,
)
from refterm.core.vocab import Civility, Formality, Language, Relationship, choices
from refterm.db import contacts as repo
from refterm.db.contacts import ContactSort
from refterm.db.models import Ask, Contact, Interaction, ReferenceUse
from refterm.db.session import reading, writing
from refterm.errors import Ambiguous, InvalidFields, NotFound


@dataclass
class ContactForm:
    """A contact as typed (CLI options, form fields, import rows); `validate` checks it."""

    full_name: str = ""
    company: str | None = None
    title: str | None = None
    relationship: str | None = None
    how_we_met: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin_url: str | None = None
    language: str | None = None
    keep_in_touch_days: str | int | None = None
    notes: str | None = None
    tags: Sequence[str] = field(default_factory=list)
    known_since: str | None = None
    greeting_name: str | None = None
    formality: str | None = None
    civility: str | None = None


@dataclass(frozen=True)
class ContactFields:
    """A validated, cleaned contact ready to store."""

    full_name: str
    company: str | None
    title: str | None
    relationship: str | None
    how_we_met: str | None
    email: str | None
    phone: str | None
    linkedin_url: str | None
    language: str | None
    keep_in_touch_days: int | None
    notes: str | None
    tags: tuple[str, ...]
    known_since: str | None = None
    greeting_name: str | None = None
    formality: str = Formality.AUTO.value
    civility: str = Civility.NONE.value

    def column_values(self) -> dict[str, Any]:
        values = dict(self.__dict__)
        values.pop("tags")
        return values


def _vocabulary(value: str | None, allowed: list[str], what: str) -> str | None:
    text = clean_line(value).lower().replace("-", "_").replace(" ", "_")
    if not text:
        return None
    if text not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}")
    return text


def clean_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """Tags are single cleaned words or phrases, lower-cased, without duplicates."""
    cleaned = {clean_line(tag).lower().lstrip("# ") for tag in tags}
    return tuple(sorted(tag for tag in cleaned if tag))


def validate(form: ContactForm, settings: Settings) -> ContactFields:
    """Check every field; collect all messages so a form can show each beside its field."""
    errors: dict[str, str] = {}
    checked: dict[str, Any] = {}
    rules: dict[str, Callable[[], Any]] = {
        "full_name": lambda: check_name(form.full_name),
        "email": lambda: check_email(form.email),
        "phone": lambda: check_phone(form.phone, settings.phone_region),
        "linkedin_url": lambda: check_linkedin_url(form.linkedin_url),
        "relationship": lambda: _vocabulary(
            form.relationship, choices(Relationship), "relationship"
        ),
        "language": lambda: _vocabulary(form.language, choices(Language), "language"),
        "keep_in_touch_days": lambda: check_cadence(form.keep_in_touch_days),
        "known_since": lambda: check_known_since(form.known_since),
        "formality": lambda: (
            _vocabulary(form.formality, choices(Formality), "formality") or Formality.AUTO.value
        ),
        "civility": lambda: (
            _vocabulary(form.civility, choices(Civility), "civility") or Civility.NONE.value
        ),
    }
    for name, rule in rules.items():
        try:
            checked[name] = rule()
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise InvalidFields(errors)
    return ContactFields(
        company=optional_line(form.company),
        title=optional_line(form.title),
        how_we_met=optional_line(form.how_we_met),
        greeting_name=optional_line(form.greeting_name),
        notes=optional_multiline(form.notes),
        tags=clean_tags(form.tags),
        **checked,
    )


def create_contact(engine: Engine, fields: ContactFields, now: datetime | None = None) -> Contact:
    """Store a new contact with its tags in one transaction."""
    stamp = now or utc_now()
    with writing(engine) as session:
        contact = Contact(**fields.column_values(), created_at=stamp, updated_at=stamp)
        return repo.insert_contact(session, contact, fields.tags)


def update_contact(
    engine: Engine, contact_id: int, fields: ContactFields, now: datetime | None = None
) -> Contact:
    """Replace a contact's fields and tags in one transaction."""
    with writing(engine) as session:
        contact = _must_get(session, contact_id)
        for name, value in fields.column_values().items():
            setattr(contact, name, value)
        contact.updated_at = now or utc_now()
        repo.set_tags(session, contact, fields.tags)
        session.add(contact)
        return contact


def archive_contact(engine: Engine, contact_id: int, now: datetime | None = None) -> Contact:
    """Hide a contact from lists and the agenda; nothing is deleted."""
    with writing(engine) as session:
        contact = _must_get(session, contact_id)
        contact.archived_at = now or utc_now()
        contact.updated_at = contact.archived_at
        session.add(contact)
        return contact


def _must_get(session: Any, contact_id: int) -> Contact:
    contact = repo.get_contact(session, contact_id)
    if contact is None:
        raise NotFound(f"no contact has id {contact_id}")
    return contact


def get_contact(engine: Engine, contact_id: int) -> Contact:
    with reading(engine) as session:
        return _must_get(session, contact_id)


def contact_form(engine: Engine, contact_id: int) -> ContactForm:
    """The stored contact as a form, for editing."""
    with reading(engine) as session:
        contact = _must_get(session, contact_id)
        tags = repo.tag_names(session, contact_id)
    return ContactForm(
        full_name=contact.full_name,
        company=contact.company,
        title=contact.title,
        relationship=contact.relationship,
        how_we_met=contact.how_we_met,
        email=contact.email,
        phone=contact.phone,
        linkedin_url=contact.linkedin_url,
        language=contact.language,
        keep_in_touch_days=contact.keep_in_touch_days,
        notes=contact.notes,
        tags=tags,
        known_since=contact.known_since,
        greeting_name=contact.greeting_name,
        formality=contact.formality,
        civility=contact.civility,
    )


def resolve_contact(engine: Engine, reference: str) -> Contact:
    """A contact by id or by name (case- and accent-insensitive); ambiguity lists candidates."""
    text = reference.strip()
    with reading(engine) as session:
        if text.isdigit():
            contact = repo.get_contact(session, int(text))
            if contact is None:
                raise NotFound(f"no contact has id {text}")
            return contact
        matches = repo.contacts_named(session, text)
    if not matches:
        raise NotFound(f"no contact matches {reference!r}")
    if len(matches) > 1:
        listed = "; ".join(f"{c.id}: {c.full_name}" for c in matches[:10])
        more = f" and {len(matches) - 10} more" if len(matches) > 10 else ""
        raise Ambiguous(f"{reference!r} matches several contacts ({listed}{more}); use the id")
    return matches[0]


@dataclass(frozen=True)
class ContactRow:
    """One line of the Contacts table."""

    id: int
    full_name: str
    company: str | None
    title: str | None
    relationship: str | None
    last_contacted_on: date | None
    open_asks: int


@dataclass(frozen=True)
class ContactPage:
    rows: list[ContactRow]
    total: int


def contact_page(
    engine: Engine,
    search: str | None = None,
    sort: ContactSort = ContactSort.NAME,
    offset: int = 0,
    limit: int = 100,
    with_total: bool = True,
) -> ContactPage:
    """One window of the Contacts table; the total is counted in SQL too."""
    with reading(engine) as session:
        contacts = repo.list_contacts(session, search, sort, offset, limit)
        counts = repo.open_ask_counts(session, [c.id for c in contacts if c.id is not None])
        total = repo.count_contacts(session, search) if with_total else -1
    rows = [
        ContactRow(
            id=c.id or 0,
            full_name=c.full_name,
            company=c.company,
            title=c.title,
            relationship=c.relationship,
            last_contacted_on=c.last_contacted_on,
            open_asks=counts.get(c.id or 0, 0),
        )
        for c in contacts
    ]
    return ContactPage(rows=rows, total=total)


def list_all(engine: Engine, search: str | None = None) -> list[tuple[Contact, list[str]]]:
    """Every matching contact with its tags, for `contact list` and exports."""
    with reading(engine) as session:
        contacts = repo.list_contacts(session, search, ContactSort.NAME, 0, None)
        return [(c, repo.tag_names(session, c.id)) for c in contacts]


@dataclass(frozen=True)
class ContactDetail:
    contact: Contact
    tags: list[str]
    asks: list[Ask]
    interactions: list[Interaction]
    uses: list[ReferenceUse]


def contact_detail(engine: Engine, contact_id: int) -> ContactDetail:
    """Everything about one contact, newest history first."""
    with reading(engine) as session:
        contact = _must_get(session, contact_id)
        asks = list(
            session.exec(
                select(Ask).where(Ask.contact_id == contact_id).order_by(col(Ask.id).desc())
            )
        )
        interactions = list(
            session.exec(
                select(Interaction)
                .where(Interaction.contact_id == contact_id)
                .order_by(col(Interaction.occurred_on).desc(), col(Interaction.id).desc())
            )
        )
        ask_ids = [ask.id for ask in asks]
        uses = list(
            session.exec(
                select(ReferenceUse)
                .where(col(ReferenceUse.ask_id).in_(ask_ids))
                .order_by(col(ReferenceUse.shared_on).desc())
            )
        )
        tags = repo.tag_names(session, contact_id)
    return ContactDetail(contact, tags, asks, interactions, uses)
