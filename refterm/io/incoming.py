"""What an import file holds once read, and what importing it did."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from refterm.model.plural import counted
from refterm.model.records import ContactDetails

if TYPE_CHECKING:
    from refterm.io.json_backup import Backup
    from refterm.io.linkedin_archive import LinkedInArchive

SKIPPED_SHOWN = 5


@dataclass(frozen=True)
class Skipped:
    """A row or card left out of an import, and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(kw_only=True)
class IncomingContact(ContactDetails):
    """One person read from a file, already cleaned and checked, ready to match and store."""

    where: str
    tags: tuple[str, ...] = ()
    # When the contact was first recorded (a backup's created_at, LinkedIn's "Connected On").
    first_known_at: datetime | None = None
    last_contacted_on: date | None = None
    archived_at: datetime | None = None


@dataclass
class ParsedImport:
    """A whole file read and checked, nothing written yet."""

    path: Path
    format: str
    contacts: list[IncomingContact] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    backup: Backup | None = None
    # A whole LinkedIn archive: recommendations and messages besides the connections.
    archive: LinkedInArchive | None = None

    @property
    def people(self) -> int:
        """How many people the file holds (rows or cards kept, or backup contacts)."""
        if self.backup is not None:
            return len(self.backup.tables.get("contact", []))
        return len(self.contacts)


def plural(count: int, singular: str, several: str | None = None) -> str:
    return counted(count, singular, several or singular + "s")


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    format: str
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    dry_run: bool = False
    # Rows that repeated an earlier row of the same file (counted once, in added or merged).
    repeated: int = 0
    # JSON backups: rows restored per table other than contacts ("ask": 12, ...).
    restored: dict[str, int] = field(default_factory=dict)
    # Known contacts the file shows with a new company or title.
    changed_jobs: int = 0
    # Known contacts the file shows that are archived (kept archived; their fields filled).
    archived: int = 0
    # A LinkedIn archive: one line per file, what it added, merged and skipped, and why.
    files: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One readable paragraph: what was (or would be) added, merged and skipped."""
        would = "would " if self.dry_run else ""
        parts = [f"{would}{'add' if would else 'added'} {plural(self.added, 'new contact')}"]
        if self.merged:
            parts.append(
                f"{'merge' if would else 'merged'} {self.merged} into existing contacts "
                "(filling their empty fields)"
            )
        if self.changed_jobs:
            moved = counted(self.changed_jobs, "contact changed jobs", "contacts changed jobs")
            noted = "would be updated and noted" if would else "updated and noted"
            parts.append(f"{moved} ({noted} in their history)")
        if self.unchanged:
            parts.append(
                f"{'leave' if would else 'left'} {self.unchanged} unchanged (already up to date)"
            )
        text = ", ".join(parts) + "."
        text = text[0].upper() + text[1:]
        if self.dry_run:
            text = "Dry run, nothing written. " + text
        if self.archived:
            match = (
                "match archived contacts" if self.archived > 1 else "matches an archived contact"
            )
            kept = "would stay archived" if would else "kept archived"
            text += f" {self.archived} {match}: {kept} (A on Contacts shows them)."
        if self.repeated:
            text += (
                f" {plural(self.repeated, 'row')} repeated someone earlier in the file "
                "and counted once."
            )
        if self.restored:
            listed = ", ".join(
                plural(count, *_TABLE_WORDS.get(table, (table, table + "s")))
                for table, count in self.restored.items()
            )
            text += f" {'Would also restore' if self.dry_run else 'Also restored'} {listed}."
        if self.skipped:
            shown = "; ".join(str(item) for item in self.skipped[:SKIPPED_SHOWN])
            more = len(self.skipped) - SKIPPED_SHOWN
            text += f" Skipped {len(self.skipped)}: {shown}"
            text += f"; and {more} more." if more > 0 else "."
        if self.files:
            text += "\n" + "\n".join(self.files)
        return text


_TABLE_WORDS = {
    "ask": ("ask", "asks"),
    "interaction": ("interaction", "interactions"),
    "reference_use": ("reference use", "reference uses"),
    "recommendation_given": ("recommendation you wrote", "recommendations you wrote"),
    "tag": ("tag", "tags"),
    "contact_tag": ("tag link", "tag links"),
    "profile": ("profile", "profiles"),
}


def line_or_none(value: str | None) -> str | None:
    """`model.text.optional_line`, with a shortcut for text that is already clean (most of it)."""
    if not value:
        return None
    if (
        value.isprintable()
        and "  " not in value
        and value[0] != " "
        and value[-1] != " "
        and (value.isascii() or unicodedata.is_normalized("NFC", value))
    ):
        # Printable NFC text holds no controls and no whitespace but the plain space, so
        # clean_line would return it unchanged.
        return value
    from refterm.model.text import optional_line

    return optional_line(value)
