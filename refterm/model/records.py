"""Plain, frozen copies of stored rows: what screens, scripts and exports get, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, TypeVar

R = TypeVar("R")


def copy_as(kind: type[R], source: Any, **given: Any) -> R:
    """A `kind` dataclass from the same-named attributes of `source`; `given` values win.

    How an ORM row becomes a record, a record a form, an ask a pipeline row: no field lists.
    """
    names = [item.name for item in fields(kind) if item.name not in given]  # type: ignore[arg-type]
    return kind(**{name: getattr(source, name) for name in names}, **given)


@dataclass(kw_only=True)
class ContactDetails:
    """What the user knows of a person, declared once: stored rows and imported ones share it."""

    full_name: str
    company: str | None = None
    title: str | None = None
    relationship: str | None = None
    how_we_met: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin_url: str | None = None
    language: str | None = None
    keep_in_touch_days: int | None = None
    notes: str | None = None
    # Right after `notes`, in the order of the contact table (io.merge.FILLABLE relies on it).
    known_since: str | None = None  # "YYYY" or "YYYY-MM", as the user entered it
    connected_on: date | None = None  # the LinkedIn connection date
    greeting_name: str | None = None  # what to call them; None: derived from full_name
    formality: str = "auto"  # auto (from the relationship), tu or vous
    civility: str = "none"  # none, madame or monsieur


# Not frozen, unlike the other records: a frozen class cannot extend a mutable one, and
# importers fill `ContactDetails` field by field.
@dataclass(kw_only=True)
class ContactRecord(ContactDetails):
    id: int
    created_at: datetime
    updated_at: datetime
    last_contacted_on: date | None = None
    archived_at: datetime | None = None


@dataclass(frozen=True)
class AskRecord:
    id: int
    contact_id: int
    kind: str
    created_at: datetime
    updated_at: datetime
    platform: str | None = None
    purpose: str | None = None
    talking_points: str | None = None
    status: str = "planned"
    asked_on: date | None = None
    times_asked: int = 0
    follow_up_on: date | None = None
    agreed_on: date | None = None
    received_on: date | None = None
    thanked_on: date | None = None
    recommendation_text: str | None = None
    notes: str | None = None
    hidden: bool = False  # hidden on LinkedIn (an imported recommendation)
    version: int = 1  # bumped by every save: an edit started from an older one is refused


@dataclass(frozen=True)
class RecommendationGivenRecord:
    """A recommendation the user wrote for the contact."""

    id: int
    contact_id: int
    created_at: datetime
    platform: str | None = None
    given_on: date | None = None
    text: str | None = None
    hidden: bool = False


@dataclass(frozen=True)
class InteractionRecord:
    id: int
    contact_id: int
    occurred_on: date
    channel: str
    created_at: datetime
    ask_id: int | None = None
    outcome: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class ReferenceUseRecord:
    id: int
    ask_id: int
    company: str
    shared_on: date
    created_at: datetime
    role: str | None = None
    briefed_on: date | None = None


@dataclass(frozen=True)
class ProfileRecord:
    """The user's own details; every field may still be blank."""

    name: str | None = None
    headline: str | None = None
    email: str | None = None
    phone: str | None = None
    city: str | None = None
    target_roles: str | None = None
    language: str | None = None
    search_status: str = "open"  # employed, open or looking
    version: int = 1  # bumped by every save: an edit started from an older one is refused


@dataclass(frozen=True)
class ContactDetail:
    """Everything about one contact, newest history first."""

    contact: ContactRecord
    tags: list[str] = field(default_factory=list)
    asks: list[AskRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    uses: list[ReferenceUseRecord] = field(default_factory=list)
    given: list[RecommendationGivenRecord] = field(default_factory=list)
