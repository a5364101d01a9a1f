"""The import entry points the CLI and the TUI share: detect, read (no database), import.

parsed = read_import(path, settings)                      # refuses a bad file as a whole
report = import_contacts(database, parsed, settings, dry_run=True)
report = import_contacts(database, parsed, settings)         # one transaction, all or nothing
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from refterm.clock import utc_now
from refterm.config import Settings
from refterm.db.database import Database
from refterm.db.session import reading, writing
from refterm.errors import ImportRefused
from refterm.io.files import decode_text, read_bytes
from refterm.io.incoming import ImportReport, ParsedImport, Skipped
from refterm.io.merge import PROGRESS_EVERY, ContactPlan, Record
from refterm.model.i18n import N_, _

if TYPE_CHECKING:
    from refterm.io.linkedin_import import ArchivePlan

FORMATS = ("linkedin", "vcard", "json")
# What each format is, for people (marked with N_: translate where shown).
FORMAT_NAMES = {
    "linkedin": N_("LinkedIn connections (CSV)"),
    "linkedin-archive": N_("LinkedIn data export (connections, recommendations, messages)"),
    "vcard": N_("vCard address book"),
    "json": N_("refterm JSON backup"),
}

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "ImportReport",
    "ParsedImport",
    "Skipped",  # untranslated: a Python name
    "detect_format",
    "import_contacts",
    "read_import",
]


def _sniff(path: Path, text: str) -> str:
    from refterm.io.linkedin import find_header

    head = text.lstrip()[:64]
    if head.upper().startswith("BEGIN:VCARD"):
        return "vcard"
    if head.startswith("{"):
        return "json"
    try:
        find_header(path, text)
        return "linkedin"
    except ImportRefused as not_linkedin:
        suffix = path.suffix.lower()
        if suffix in (".vcf", ".vcard"):
            return "vcard"
        if suffix == ".json":
            return "json"
        if suffix in (".csv", ".txt"):
            raise not_linkedin from None
    raise ImportRefused(
        _(
            "{path}: cannot tell what this file is; refterm imports LinkedIn's Connections.csv, "
            "vCard address books (.vcf) and its own JSON backups"
        ).format(path=path)
    )


@contextmanager
def _bulk_objects() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of rows become objects.

    Reading and planning create no reference cycles, yet each full collection walks every
    object created so far; pausing it makes a 50,000-row import markedly faster.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def detect_format(path: Path) -> str:
    """'linkedin', 'vcard' or 'json', from the content first and the name second."""
    return _sniff(path, decode_text(path, read_bytes(path)))


def read_import(
    path: Path, settings: Settings, format: str | None = None, with_content: bool = False
) -> ParsedImport:
    """Read and check a whole file without touching the database (`format` detected if None).

    A LinkedIn archive (its ZIP, its folder, or one of its CSV files besides Connections.csv)
    is read whole; message content is kept only `with_content`.
    """
    from refterm.io.linkedin_archive import is_archive, read_archive

    path = path.expanduser()
    if format in (None, "linkedin") and is_archive(path):
        with _bulk_objects():
            return read_archive(path, settings, with_content)
    text = decode_text(path, read_bytes(path))
    chosen = format or _sniff(path, text)
    with _bulk_objects():
        return _read(path, text, chosen, settings)


def _read(path: Path, text: str, chosen: str, settings: Settings) -> ParsedImport:
    if chosen == "linkedin":
        from refterm.io.linkedin import read_linkedin

        return read_linkedin(path, text, settings)
    if chosen == "vcard":
        from refterm.io.vcard import read_vcard

        return read_vcard(path, text, settings)
    if chosen == "json":
        from refterm.io.json_backup import read_backup

        return ParsedImport(path=path, format="json", backup=read_backup(path, text))
    raise ImportRefused(
        _("unknown import format {given!r} (known: {formats})").format(
            given=chosen, formats=", ".join(FORMATS)
        )
    )


def import_contacts(
    database: Database,
    parsed: ParsedImport,
    settings: Settings,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
    merge: bool = False,
    today: date | None = None,
) -> ImportReport:
    """Add and merge everyone in `parsed` in ONE transaction; `dry_run` reports, writes nothing.

    A JSON backup restores exactly into an empty database; into one in use only with `merge`.
    A LinkedIn or vCard file with a new company or title for a known contact updates it and
    notes the job change in their history, dated `today` (the day of the import).
    """
    stamp = now or utc_now()
    label = _("import of {file}").format(file=parsed.path.name)
    unit = reading if dry_run else partial(writing, label=label)
    try:
        with _bulk_objects(), unit(database) as session:
            if parsed.backup is not None:
                report = _import_backup(session, parsed, stamp, dry_run, merge, progress)
            else:
                plan = ContactPlan(session, stamp, track_jobs=True)
                total = len(parsed.contacts)
                for done, person in enumerate(parsed.contacts, start=1):
                    plan.take(person)
                    if progress is not None and done % PROGRESS_EVERY == 0:
                        progress(done, total)
                archive = _archive_plan(session, plan, parsed, settings)
                if not dry_run:
                    plan.write()
                    plan.write_job_changes(
                        today or stamp.date(), _job_words(plan, settings.language)
                    )
                    if archive is not None:
                        archive.write()
                report = ImportReport(
                    format=parsed.format,
                    added=plan.added,
                    merged=plan.merged,
                    unchanged=plan.unchanged,
                    archived=plan.archived,
                    dry_run=dry_run,
                    repeated=plan.repeated,
                    changed_jobs=len(plan.job_changes),
                )
                if archive is not None:
                    report.files = archive.report(dry_run, parsed.skipped)
    except DBAPIError as error:
        raise ImportRefused(
            _("{path}: the import was rolled back, nothing was written ({error})").format(
                path=parsed.path, error=error.orig or error
            )
        ) from None
    report.skipped = list(parsed.skipped)
    if progress is not None:
        progress(parsed.people, parsed.people)
    return report


def _archive_plan(
    session: object, plan: ContactPlan, parsed: ParsedImport, settings: Settings
) -> ArchivePlan | None:
    """The archive's recommendations and messages, matched (recommenders added to `plan`)."""
    from sqlmodel import Session

    from refterm.io.linkedin_import import ArchivePlan

    if parsed.archive is None:
        return None
    assert isinstance(session, Session)
    from refterm.db import bulk

    profile = bulk.select_rows(session, "profile", ("language",), first_only=True)
    language = (profile[0][0] if profile else None) or settings.language
    archive = ArchivePlan(session, plan, parsed.archive, language, plan.stamp)
    archive.place()
    return archive


def _job_words(plan: ContactPlan, language: str) -> Callable[[Record], str]:
    from refterm.core.history_words import job_change_summary

    def describe(record: Record) -> str:
        before = record.job_before or (None, None)
        return job_change_summary(before, plan._job_now(record), language)

    return describe


def _import_backup(
    session: object,
    parsed: ParsedImport,
    stamp: datetime,
    dry_run: bool,
    merge: bool,
    progress: Callable[[int, int], None] | None,
) -> ImportReport:
    from sqlmodel import Session

    from refterm.io.json_restore import database_is_empty, merge_backup, restore_exact

    assert isinstance(session, Session) and parsed.backup is not None
    if database_is_empty(session):
        return restore_exact(session, parsed.backup, dry_run)
    if not merge:
        raise ImportRefused(
            _(
                "{path}: this database is not empty; a backup restores only into an empty "
                "database, or merges into this one with --merge (nothing was written)"
            ).format(path=parsed.path)
        )
    return merge_backup(session, parsed.backup, stamp, dry_run, progress)
