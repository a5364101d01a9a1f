"""The SQLModel tables. Vocabulary columns hold the values of `model.vocab`, checked on write."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Integer
from sqlmodel import Field, SQLModel


def _version_column() -> Column[int]:
    """Bumped by every UPDATE and checked in its WHERE (SQLAlchemy's version_id_col): a save
    based on a copy someone else has changed since touches no row and is refused."""
    return Column("version", Integer, nullable=False, server_default="1")


_VERSIONS = {
    name: _version_column()
    for name in ("contact", "ask", "interaction", "reference_use", "profile")
}


class Contact(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    full_name: str = Field(max_length=200)
    # Derived on every write: folded name for sorting, folded text for the filter.
    sort_key: str = Field(default="", index=True)
    search_text: str = ""
    company: str | None = None
    title: str | None = None
    relationship: str | None = None
    how_we_met: str | None = None
    email: str | None = Field(default=None, index=True)
    phone: str | None = None
    linkedin_url: str | None = Field(default=None, index=True)
    language: str | None = None
    keep_in_touch_days: int | None = None
    notes: str | None = None
    # Imports fill company..civility in this order (io.merge.FILLABLE).
    # "YYYY" or "YYYY-MM", as the user entered it: the dossier's "known since" comes only from here.
    known_since: str | None = None
    connected_on: date | None = None  # the LinkedIn connection date, from an import
    greeting_name: str | None = None  # what to call them; None: derived from full_name
    formality: str = "auto"  # auto (from the relationship), tu or vous
    civility: str = "none"  # none, madame or monsieur
    last_contacted_on: date | None = Field(default=None, index=True)
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None = None
    version: int = Field(default=1, sa_column=_VERSIONS["contact"])

    __mapper_args__ = {"version_id_col": _VERSIONS["contact"]}


# Every contact column in table order (bulk inserts), and the ones refterm derives on write.
# `version` is bookkeeping, not data: a new row starts at its server default, 1.
CONTACT_COLUMNS: tuple[str, ...] = tuple(
    name for name in SQLModel.metadata.tables["contact"].columns.keys() if name != "version"
)
DERIVED_CONTACT_COLUMNS = ("sort_key", "search_text")


class Tag(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"

    contact_id: int = Field(
        foreign_key="contact.id",  # untranslated: SQL
        primary_key=True,
        ondelete="CASCADE",
    )
    tag_id: int = Field(
        foreign_key="tag.id",  # untranslated: SQL
        primary_key=True,
        index=True,
        ondelete="CASCADE",
    )


class Ask(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(
        foreign_key="contact.id",  # untranslated: SQL
        index=True,
        ondelete="CASCADE",
    )
    kind: str
    platform: str | None = None
    purpose: str | None = None
    talking_points: str | None = None
    status: str = Field(default="planned", index=True)
    asked_on: date | None = None
    times_asked: int = 0
    follow_up_on: date | None = None
    agreed_on: date | None = None
    received_on: date | None = None
    thanked_on: date | None = None
    recommendation_text: str | None = None
    notes: str | None = None
    created_at: datetime
    updated_at: datetime
    # Shown on LinkedIn or not (an imported recommendation the user hid there): the dossier
    # leaves hidden ones out unless asked to include them.
    hidden: bool = False
    # Where an imported ask came from ("linkedin:recommendation:..."): re-imports add nothing.
    source_key: str | None = Field(default=None, unique=True, index=True)
    version: int = Field(default=1, sa_column=_VERSIONS["ask"])

    __mapper_args__ = {"version_id_col": _VERSIONS["ask"]}


class Interaction(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(
        foreign_key="contact.id",  # untranslated: SQL
        index=True,
        ondelete="CASCADE",
    )
    ask_id: int | None = Field(
        default=None,
        foreign_key="ask.id",  # untranslated: SQL
        index=True,
        ondelete="SET NULL",
    )
    occurred_on: date = Field(index=True)
    channel: str
    outcome: str | None = None
    summary: str | None = None
    created_at: datetime
    # sent, received or both (imported messages); None when not said.
    direction: str | None = None
    source_key: str | None = Field(default=None, unique=True, index=True)
    version: int = Field(default=1, sa_column=_VERSIONS["interaction"])

    __mapper_args__ = {"version_id_col": _VERSIONS["interaction"]}


class RecommendationGiven(SQLModel, table=True):
    """A recommendation the user wrote for a contact (LinkedIn's Recommendations_Given.csv)."""

    __tablename__ = "recommendation_given"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(
        foreign_key="contact.id",  # untranslated: SQL
        index=True,
        ondelete="CASCADE",
    )
    platform: str | None = None
    given_on: date | None = None
    text: str | None = None
    hidden: bool = False
    source_key: str | None = Field(default=None, unique=True, index=True)
    created_at: datetime


class ReferenceUse(SQLModel, table=True):
    __tablename__ = "reference_use"

    id: int | None = Field(default=None, primary_key=True)
    ask_id: int = Field(
        foreign_key="ask.id",  # untranslated: SQL
        index=True,
        ondelete="CASCADE",
    )
    company: str
    role: str | None = None
    shared_on: date
    briefed_on: date | None = None
    created_at: datetime
    version: int = Field(default=1, sa_column=_VERSIONS["reference_use"])

    __mapper_args__ = {"version_id_col": _VERSIONS["reference_use"]}


class Profile(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str | None = None
    headline: str | None = None
    email: str | None = None
    phone: str | None = None
    city: str | None = None
    target_roles: str | None = None
    language: str | None = None
    search_status: str = "open"  # employed, open or looking
    version: int = Field(default=1, sa_column=_VERSIONS["profile"])

    __mapper_args__ = {"version_id_col": _VERSIONS["profile"]}


# The change journal (db.journal, db.undo): written and read with SQL by table name, never
# journaled itself. Declared here so that the schema has one description.
JOURNAL_TABLES = ("change", "change_row")


class Change(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    label: str
    made_at: datetime
    source: str  # tui or cli


class ChangeRow(SQLModel, table=True):
    __tablename__ = "change_row"
    __table_args__ = (Index("ix_change_row_row", "table_name", "row_key"),)

    id: int | None = Field(default=None, primary_key=True)
    change_id: int = Field(
        foreign_key="change.id",  # untranslated: SQL
        index=True,
        ondelete="CASCADE",
    )
    table_name: str
    row_key: str  # the primary key as a JSON list
    before_image: str | None = None  # the row as JSON; None: the change added it
    # None: the change deleted it; "+": a bulk insert added it (not read back); "+N": a bulk
    # insert added the N rows with ids from row_key's on (db.journal).
    after_digest: str | None = None
