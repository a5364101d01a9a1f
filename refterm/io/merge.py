"""Matching incoming people to stored contacts, then writing them in bulk, in one transaction.

Existing contacts' keys are read in one query into dicts; new contacts and updates go out with
executemany, their sort and search keys computed here (as `db.contacts.refresh_keys` would).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from operator import attrgetter, itemgetter
from typing import Any

from sqlmodel import Session

from refterm.db import bulk
from refterm.io.incoming import IncomingContact
from refterm.model.text import fold

# Columns an import may fill when the stored contact has nothing there; never overwritten.
FILLABLE = (
    "company",
    "title",
    "relationship",
    "how_we_met",
    "email",
    "phone",
    "linkedin_url",
    "language",
    "keep_in_touch_days",
    "notes",
    "known_since",
    "connected_on",
    "greeting_name",
    "formality",
    "civility",
)
# Stored defaults that mean "not said": an import may replace them.
UNSAID = {"formality": "auto", "civility": "none"}
# What a newer export may replace on a known contact: they changed jobs.
JOB_FIELDS = ("company", "title")
INSERT_COLUMNS = bulk.CONTACT_COLUMNS
JOB_NOTE_COLUMNS = (
    "contact_id",
    "ask_id",
    "occurred_on",
    "channel",
    "outcome",
    "summary",
    "created_at",
)
PROGRESS_EVERY = 1000
_fillable_of = attrgetter(*FILLABLE)
_fillable_in = itemgetter(*FILLABLE)

Progress = Callable[[int, int], None]


def db_datetime(value: datetime) -> str:
    """The text SQLAlchemy stores for a DateTime column (UTC, naive, microseconds)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _db_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _stored(name: str, value: Any) -> Any:
    """A value as the contact table holds it: dates as ISO text, unsaid vocabularies defaulted."""
    if value is None:
        return UNSAID.get(name)
    return value.isoformat() if isinstance(value, date) else value


@dataclass(eq=False, slots=True)
class Record:
    """A contact as the plan sees it: stored already, or to be added by this import."""

    id: int
    full_name: str
    sort_key: str
    values: dict[str, Any]
    tags: set[str]
    created_at: str
    last_contacted_on: str | None
    archived_at: str | None = None
    is_new: bool = False
    changed: bool = False
    seen: bool = False
    added_tags: set[str] = field(default_factory=set)
    # The company and title before this import, when it found them changed (a new job).
    job_before: tuple[str | None, str | None] | None = None


class ContactPlan:
    """Decides, row by row, whether a person is new, fills a stored contact, or is known."""

    def __init__(self, session: Session, now: datetime, track_jobs: bool = False) -> None:
        """`track_jobs`: a new company or title replaces the stored one (a newer export)."""
        self.session = session
        self.track_jobs = track_jobs
        self.stamp = db_datetime(now)
        self.by_url: dict[str, Record] = {}
        self.by_email: dict[str, Record] = {}
        self.by_name: dict[tuple[str, str], Record] = {}
        self.by_sort_key: dict[str, list[Record]] = {}
        self.new: list[Record] = []
        self.existing: list[Record] = []
        self.repeated = 0
        self._tags_loaded = False
        self._instants: dict[datetime, str] = {}
        self._folds: dict[str, str] = {}
        self._next_id = bulk.next_id(session, "contact")
        self._load_existing()

    def _load_existing(self) -> None:
        columns = (
            "id", "full_name", "sort_key", *FILLABLE, "created_at", "last_contacted_on",
            "archived_at",
        )  # fmt: skip
        rows = bulk.select_rows(self.session, "contact", columns)
        width = len(FILLABLE)
        for row in rows:
            record = Record(
                id=row[0],
                full_name=row[1],
                sort_key=row[2],
                values=dict(zip(FILLABLE, row[3 : 3 + width], strict=True)),
                tags=set(),
                created_at=str(row[3 + width]),
                last_contacted_on=row[4 + width],
                archived_at=row[5 + width],
            )
            self.existing.append(record)
            self._register(record)

    def _load_tags(self) -> None:
        """Stored tags of every contact, read once and only when a stored contact is matched."""
        if self._tags_loaded:
            return
        self._tags_loaded = True
        by_id = {record.id: record for record in self.existing}
        for contact_id, name in bulk.tag_links(self.session):
            record = by_id.get(contact_id)
            if record is not None:
                record.tags.add(name)

    def _register(self, record: Record, name_key: tuple[str, str] | None = None) -> None:
        url = record.values["linkedin_url"]
        if url:
            self.by_url.setdefault(url, record)
        email = record.values["email"]
        if email:
            self.by_email.setdefault(email, record)
        if name_key is None:
            name_key = (record.sort_key, self._company_key(record.values["company"]))
        self.by_name.setdefault(name_key, record)
        namesakes = self.by_sort_key.setdefault(record.sort_key, [])
        if record not in namesakes:
            namesakes.append(record)

    def _company_key(self, company: str | None) -> str:
        return self._folded(company) if company else ""

    def _folded(self, text: str) -> str:
        """`fold`, remembered: a network holds many people per company, title or tag."""
        key = self._folds.get(text)
        if key is None:
            key = self._folds[text] = fold(text)
        return key

    def _match(self, person: IncomingContact, name_key: tuple[str, str]) -> Record | None:
        """LinkedIn URL, then e-mail, then folded name + company; never two different profiles."""
        url = person.linkedin_url
        if url:
            found = self.by_url.get(url)
            if found is not None:
                return found
        for candidate in (
            self.by_email.get(person.email) if person.email else None,
            self.by_name.get(name_key),
        ):
            if candidate is None:
                continue
            stored_url = candidate.values["linkedin_url"]
            if url and stored_url and stored_url != url:
                continue
            return candidate
        return None

    def find(self, full_name: str, company: str | None, url: str | None) -> Record | None:
        """The contact with this profile URL, else this name and company, else the only one
        with this name (and no other profile URL); None when unknown or ambiguous."""
        if url:
            found = self.by_url.get(url)
            if found is not None:
                return found
        sort_key = fold(full_name)
        candidate = self.by_name.get((sort_key, self._company_key(company)))
        if candidate is None:
            namesakes = self.by_sort_key.get(sort_key, [])
            candidate = namesakes[0] if len(namesakes) == 1 else None
        if candidate is not None and url and candidate.values["linkedin_url"] not in (None, url):
            return None
        return candidate

    def place(self, person: IncomingContact) -> tuple[Record, bool]:
        """The contact this person is, found as `find` does (nothing filled), or added: True."""
        found = self.find(person.full_name, person.company, person.linkedin_url)
        if found is not None:
            return found, False
        sort_key = fold(person.full_name)
        return self._add(person, sort_key, (sort_key, self._company_key(person.company))), True

    def take(self, person: IncomingContact) -> Record:
        """Place one incoming person; returns the record (new or stored) it went to."""
        sort_key = fold(person.full_name)
        name_key = (sort_key, self._company_key(person.company))
        record = self._match(person, name_key)
        if record is None:
            return self._add(person, sort_key, name_key)
        if record.seen or record.is_new:
            self.repeated += 1
        record.seen = True
        if not record.is_new:
            self._load_tags()
        if self._fill(record, person):
            record.changed = True
            self._register(record)
        return record

    def _add(self, person: IncomingContact, sort_key: str, name_key: tuple[str, str]) -> Record:
        tags = set(person.tags)
        record = Record(
            id=self._next_id,
            full_name=person.full_name,
            sort_key=sort_key,
            values={
                name: _stored(name, value)
                for name, value in zip(FILLABLE, _fillable_of(person), strict=True)
            },
            tags=tags,
            created_at=(
                self._instant(person.first_known_at) if person.first_known_at else self.stamp
            ),
            last_contacted_on=_db_date(person.last_contacted_on),
            archived_at=db_datetime(person.archived_at) if person.archived_at else None,
            is_new=True,
            seen=True,
            added_tags=set(tags),
        )
        self._next_id += 1
        self.new.append(record)
        self._register(record, name_key)
        return record

    def _new_job(self, record: Record, person: IncomingContact) -> bool:
        """Take a different company or title from the file, remembering what it was."""
        moved = False
        for name in JOB_FIELDS:
            incoming, stored = getattr(person, name), record.values[name]
            if incoming and stored and self._folded(incoming) != self._folded(stored):
                if record.job_before is None:
                    record.job_before = (record.values["company"], record.values["title"])
                record.values[name] = incoming
                moved = True
        return moved

    def _fill(self, record: Record, person: IncomingContact) -> bool:
        changed = self.track_jobs and not record.is_new and self._new_job(record, person)
        for name in FILLABLE:
            incoming = getattr(person, name)
            if incoming is None or incoming == UNSAID.get(name):
                continue
            if record.values[name] in (None, "", UNSAID.get(name)):
                record.values[name] = _stored(name, incoming)
                changed = True
        missing = set(person.tags) - record.tags
        if missing:
            record.tags |= missing
            record.added_tags |= missing
            changed = True
        if person.first_known_at is not None:
            # First recorded at the earlier of the two.
            since = self._instant(person.first_known_at)
            if since[:10] < record.created_at[:10]:
                record.created_at = since
                changed = True
        last = _db_date(person.last_contacted_on)
        if last is not None and last > (record.last_contacted_on or ""):
            record.last_contacted_on = last
            changed = True
        return changed

    def _instant(self, value: datetime) -> str:
        """`db_datetime`, remembered: a file's rows share few dates."""
        stored = self._instants.get(value)
        if stored is None:
            stored = self._instants[value] = db_datetime(value)
        return stored

    @property
    def added(self) -> int:
        return len(self.new)

    @property
    def merged(self) -> int:
        """Stored contacts whose empty fields this import fills (job changes counted apart)."""
        return sum(
            1
            for record in self.existing
            if record.seen
            and record.changed
            and record.job_before is None
            and not record.archived_at
        )

    @property
    def archived(self) -> int:
        """Stored contacts the file shows that are archived: they stay archived, and say so."""
        return sum(1 for record in self.existing if record.seen and record.archived_at)

    @property
    def job_changes(self) -> list[Record]:
        """Stored contacts with a new company or title, in the file's order of first sight."""
        return [
            record
            for record in self.existing
            if record.job_before is not None and record.job_before != self._job_now(record)
        ]

    def _job_now(self, record: Record) -> tuple[str | None, str | None]:
        return (record.values["company"], record.values["title"])

    @property
    def unchanged(self) -> int:
        return sum(
            1
            for record in self.existing
            if record.seen and not record.changed and not record.archived_at
        )

    def write(self) -> None:
        """Insert the new contacts, update the filled ones, then link their tags."""
        rows = [self._insert_row(record) for record in self.new]
        bulk.insert_rows(self.session, "contact", INSERT_COLUMNS, rows)
        changed = [record for record in self.existing if record.changed]
        if changed:
            bulk.update_rows(
                self.session,
                "contact",
                (*FILLABLE, "search_text", "created_at", "last_contacted_on", "updated_at"),
                [
                    (
                        *(record.values[name] for name in FILLABLE),
                        self._search_text(record),
                        record.created_at,
                        record.last_contacted_on,
                        self.stamp,
                        record.id,
                    )
                    for record in changed
                ],
            )
        self._write_tags()

    def write_job_changes(self, on: date, describe: Callable[[Record], str]) -> None:
        """One history note per job change, dated with the import (it is news, not contact)."""
        rows = [
            (record.id, None, on.isoformat(), "other", "job_change", describe(record), self.stamp)
            for record in self.job_changes
        ]
        bulk.insert_rows(self.session, "interaction", JOB_NOTE_COLUMNS, rows)

    def _insert_row(self, record: Record) -> tuple[Any, ...]:
        return (
            record.id,
            record.full_name,
            record.sort_key,
            self._search_text(record),
            *_fillable_in(record.values),
            record.last_contacted_on,
            record.created_at,
            self.stamp,
            record.archived_at,
        )

    def _search_text(self, record: Record) -> str:
        """`db.contacts.search_text_of`, built from folded parts.

        `fold` works character by character and a space separates the parts, so folding each
        part gives the same text; the name's fold is the sort key, the others are remembered
        (a network repeats companies, titles and tags).
        """
        values = record.values
        folded = [record.sort_key]
        for part in (values["company"], values["title"]):
            if part:
                folded.append(self._folded(part))
        if values["notes"]:
            folded.append(fold(values["notes"]))
        folded.extend(self._folded(tag) for tag in sorted(record.tags))
        return " ".join(folded)

    def _write_tags(self) -> None:
        wanted = {name for record in self._touched() for name in record.added_tags}
        if not wanted:
            return
        ids = {
            name: tag_id for tag_id, name in bulk.select_rows(self.session, "tag", ("id", "name"))
        }
        next_tag = bulk.next_id(self.session, "tag")
        new_tags = []
        for name in sorted(wanted - ids.keys()):
            ids[name] = next_tag
            new_tags.append((next_tag, name))
            next_tag += 1
        bulk.insert_rows(self.session, "tag", ("id", "name"), new_tags)
        links = [(record.id, ids[name]) for record in self._touched() for name in record.added_tags]
        bulk.insert_rows(self.session, "contact_tag", ("contact_id", "tag_id"), links)

    def _touched(self) -> Iterable[Record]:
        yield from self.new
        yield from (record for record in self.existing if record.added_tags)
