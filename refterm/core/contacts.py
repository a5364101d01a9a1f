"""Adding, editing, finding and archiving contacts: validation plus one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from refterm.clock import utc_now
from refterm.config import Settings
from refterm.core.validate import (
    check_cadence,
    check_email,
    check_known_since,
    check_linkedin_url,
    check_name,
    check_phone,
)
from refterm.db import contacts as repo
from refterm.db.asks import asks_of, recommendations_given_to
from refterm.db.database import Database
from refterm.db.interactions import interactions_of
from refterm.db.models import Contact
from refterm.db.reference_uses import uses_of
from refterm.db.session import reading, writing
from refterm.errors import Ambiguous, ChangedElsewhere, InvalidFields, NotFound
from refterm.model.i18n import _, joined, number
from refterm.model.records import (
    AskRecord,
    ContactDetail,
    ContactRecord,
    InteractionRecord,
    RecommendationGivenRecord,
    ReferenceUseRecord,
    copy_as,
)
from refterm.model.text import clean_line, optional_line, optional_multiline
from refterm.model.vocab import Civility, ContactSort, Formality, Language, Relationship, pick


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
    # The stored row's version when the form was filled from it (None: a new contact, or no
    # check wanted): saving is refused if someone else has changed the contact since.
    version: int | None = None


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
        "relationship": lambda: pick(Relationship, form.relationship, _("relationship")),
        "language": lambda: pick(Language, form.language, _("language")),
        "keep_in_touch_days": lambda: check_cadence(form.keep_in_touch_days),
        "known_since": lambda: check_known_since(form.known_since),
        "formality": lambda: (
            pick(Formality, form.formality, _("formality")) or Formality.AUTO.value
        ),
        "civility": lambda: pick(Civility, form.civility, _("civility")) or Civility.NONE.value,
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


def create_contact(
    database: Database, fields: ContactFields, now: datetime | None = None
) -> ContactRecord:
    """Store a new contact with its tags in one transaction."""
    stamp = now or utc_now()
    with writing(database) as session:
        contact = Contact(**fields.column_values(), created_at=stamp, updated_at=stamp)
        return copy_as(ContactRecord, repo.insert_contact(session, contact, fields.tags))


def update_contact(
    database: Database,
    contact_id: int,
    fields: ContactFields,
    now: datetime | None = None,
    version: int | None = None,
) -> ContactRecord:
    """Replace a contact's fields and tags in one transaction.

    `version` is the one the edit started from: a contact changed since is not overwritten.
    """
    with writing(database) as session:
        contact = _must_get(session, contact_id)
        if version is not None and contact.version != version:
            raise ChangedElsewhere(contact.full_name)
        for name, value in fields.column_values().items():
            setattr(contact, name, value)
        contact.updated_at = now or utc_now()
        repo.set_tags(session, contact, fields.tags)
        return copy_as(ContactRecord, contact)


def archive_contact(
    database: Database, contact_id: int, now: datetime | None = None
) -> ContactRecord:
    """Hide a contact from lists and the agenda; nothing is deleted."""
    with writing(database) as session:
        contact = _must_get(session, contact_id)
        contact.archived_at = now or utc_now()
        contact.updated_at = contact.archived_at
        return copy_as(ContactRecord, contact)


def _must_get(session: Any, contact_id: int) -> Contact:
    contact = repo.get_contact(session, contact_id)
    if contact is None:
        raise NotFound(_("no contact has id {id}").format(id=contact_id))
    return contact


def get_contact(database: Database, contact_id: int) -> ContactRecord:
    with reading(database) as session:
        return copy_as(ContactRecord, _must_get(session, contact_id))


def contact_form(database: Database, contact_id: int) -> ContactForm:
    """The stored contact as a form, for editing."""
    with reading(database) as session:
        contact = _must_get(session, contact_id)
        tags = repo.tag_names(session, contact_id)
    return copy_as(ContactForm, contact, tags=tags)


def resolve_contact(
    database: Database, reference: str, include_archived: bool = False
) -> ContactRecord:
    """A contact by id or by name (case- and accent-insensitive); ambiguity lists candidates.

    By name, archived contacts are found only with `include_archived`; by id, always.
    """
    text = reference.strip()
    with reading(database) as session:
        if text.isdigit():
            contact = repo.get_contact(session, int(text))
            if contact is None:
                raise NotFound(_("no contact has id {id}").format(id=text))
            return copy_as(ContactRecord, contact)
        matches = repo.contacts_named(session, text, include_archived)
    if not matches:
        raise NotFound(_("no contact matches {text}").format(text=repr(reference)))
    if len(matches) > 1:
        listed = joined(
            _("contact {id} {name}").format(id=c.id, name=c.full_name) for c in matches[:10]
        )
        if len(matches) > 10:
            listed = _("{listed} and {count} more").format(
                listed=listed, count=number(len(matches) - 10)
            )
        raise Ambiguous(
            _("{text} matches several contacts ({listed}); use the id").format(
                text=repr(reference), listed=listed
            )
        )
    return copy_as(ContactRecord, matches[0])


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
    archived: bool = False


@dataclass(frozen=True)
class ContactPage:
    rows: list[ContactRow]
    total: int


def contact_page(
    database: Database,
    search: str | None = None,
    sort: ContactSort = ContactSort.NAME,
    offset: int = 0,
    limit: int = 100,
    with_total: bool = True,
    archived: bool = False,
) -> ContactPage:
    """One window of the Contacts table (`archived`: of the archived contacts only)."""
    with reading(database) as session:
        found = repo.page_rows(session, search, sort, offset, limit, archived=archived)
        counts = repo.open_ask_counts(session, [row[0] for row in found])
        total = repo.count_contacts(session, search, archived=archived) if with_total else -1
    rows = [
        ContactRow(
            id=row[0],
            full_name=row[1],
            company=row[2],
            title=row[3],
            relationship=row[4],
            last_contacted_on=row[5],
            open_asks=counts.get(row[0], 0),
            archived=row[6] is not None,
        )
        for row in found  # repo.ROW_COLUMNS
    ]
    return ContactPage(rows=rows, total=total)


def list_all(
    database: Database, search: str | None = None
) -> list[tuple[ContactRecord, list[str]]]:
    """Every matching contact with its tags, for `contact list` and exports."""
    with reading(database) as session:
        contacts = repo.list_contacts(session, search, ContactSort.NAME, 0, None)
        return [(copy_as(ContactRecord, c), repo.tag_names(session, c.id)) for c in contacts]


def contact_detail(database: Database, contact_id: int) -> ContactDetail:
    """Everything about one contact, newest history first, as plain records."""
    with reading(database) as session:
        contact = _must_get(session, contact_id)
        asks = asks_of(session, contact_id)
        return ContactDetail(
            contact=copy_as(ContactRecord, contact),
            tags=repo.tag_names(session, contact_id),
            asks=[copy_as(AskRecord, ask) for ask in asks],
            interactions=[
                copy_as(InteractionRecord, row) for row in interactions_of(session, contact_id)
            ],
            uses=[
                copy_as(ReferenceUseRecord, use)
                for use in uses_of(session, [ask.id for ask in asks])
            ],
            given=[
                copy_as(RecommendationGivenRecord, row)
                for row in recommendations_given_to(session, contact_id)
            ],
        )
