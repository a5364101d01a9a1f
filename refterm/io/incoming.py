"""What an import file holds once read, and what importing it did."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from refterm.model.i18n import _, joined, ngettext, number
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
        return _("{where}: {reason}").format(where=self.where, reason=self.reason)


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


def _count(form: str, count: int) -> str:
    """An ngettext form with its {count}, the number grouped the interface's way."""
    return form.replace("{count}", number(count))


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
        would = self.dry_run
        if would:
            added = ngettext(
                "would add {count} new contact", "would add {count} new contacts", self.added
            )
        else:
            added = ngettext("added {count} new contact", "added {count} new contacts", self.added)
        parts = [_count(added, self.added)]
        if self.merged:
            if would:
                merged = ngettext(
                    "merge {count} into existing contacts (filling their empty fields)",
                    "merge {count} into existing contacts (filling their empty fields)",
                    self.merged,
                )
            else:
                merged = ngettext(
                    "merged {count} into existing contacts (filling their empty fields)",
                    "merged {count} into existing contacts (filling their empty fields)",
                    self.merged,
                )
            parts.append(_count(merged, self.merged))
        if self.changed_jobs:
            if would:
                moved = ngettext(
                    "{count} contact changed jobs (would be updated and noted in their history)",
                    "{count} contacts changed jobs (would be updated and noted in their history)",
                    self.changed_jobs,
                )
            else:
                moved = ngettext(
                    "{count} contact changed jobs (updated and noted in their history)",
                    "{count} contacts changed jobs (updated and noted in their history)",
                    self.changed_jobs,
                )
            parts.append(_count(moved, self.changed_jobs))
        if self.unchanged:
            if would:
                left = ngettext(
                    "leave {count} unchanged (already up to date)",
                    "leave {count} unchanged (already up to date)",
                    self.unchanged,
                )
            else:
                left = ngettext(
                    "left {count} unchanged (already up to date)",
                    "left {count} unchanged (already up to date)",
                    self.unchanged,
                )
            parts.append(_count(left, self.unchanged))
        text = _("{items}.").format(items=", ".join(parts))
        text = text[0].upper() + text[1:]
        if self.dry_run:
            text = _("Dry run, nothing written.") + " " + text
        if self.archived:
            if would:
                kept = ngettext(
                    "{count} matches an archived contact: would stay archived "
                    "(A on Contacts shows them).",
                    "{count} match archived contacts: would stay archived "
                    "(A on Contacts shows them).",
                    self.archived,
                )
            else:
                kept = ngettext(
                    "{count} matches an archived contact: kept archived "
                    "(A on Contacts shows them).",
                    "{count} match archived contacts: kept archived (A on Contacts shows them).",
                    self.archived,
                )
            text += " " + _count(kept, self.archived)
        if self.repeated:
            repeated = ngettext(
                "{count} row repeated someone earlier in the file and counted once.",
                "{count} rows repeated someone earlier in the file and counted once.",
                self.repeated,
            )
            text += " " + _count(repeated, self.repeated)
        if self.restored:
            listed = ", ".join(
                restored_rows(table, count) for table, count in self.restored.items()
            )
            if self.dry_run:
                text += " " + _("Would also restore {rows}.").format(rows=listed)
            else:
                text += " " + _("Also restored {rows}.").format(rows=listed)
        if self.skipped:
            shown = joined(str(item) for item in self.skipped[:SKIPPED_SHOWN])
            more = len(self.skipped) - SKIPPED_SHOWN
            count = len(self.skipped)
            if more > 0:
                skipped = ngettext(
                    "Skipped {count}: {items}; and {more} more.",
                    "Skipped {count}: {items}; and {more} more.",
                    count,
                )
            else:
                skipped = ngettext("Skipped {count}: {items}.", "Skipped {count}: {items}.", count)
            text += " " + skipped.format(count=number(count), items=shown, more=number(more))
        if self.files:
            text += "\n" + "\n".join(self.files)
        return text


def restored_rows(table: str, count: int) -> str:
    """'12 asks': rows of a table a backup restores."""
    if table == "ask":
        return counted(count, "ask", "asks")
    if table == "interaction":
        return counted(count, "interaction", "interactions")
    if table == "reference_use":
        return counted(count, "reference use", "reference uses")
    if table == "recommendation_given":
        return counted(count, "recommendation you wrote", "recommendations you wrote")
    if table == "tag":
        return counted(count, "tag", "tags")
    if table == "contact_tag":
        return counted(count, "tag link", "tag links")
    if table == "profile":
        return counted(count, "profile", "profiles")
    return f"{number(count)} {table}"


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
