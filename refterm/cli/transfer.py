"""Import and export commands: LinkedIn CSV, vCard, JSON backup, and the dossier."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from refterm.cli.options import vocab_choice
from refterm.cli.state import CliState, pass_state
from refterm.io.formats import DOSSIER_FORMATS, DOSSIER_SUFFIXES
from refterm.model.display import safe_text
from refterm.model.vocab import Language

# Files smaller than this import too fast for a progress bar to help.
PROGRESS_FROM = 5000
_HELPS = [item.help for item in DOSSIER_FORMATS]
FORMAT_HELP = f"{', '.join(_HELPS[:-1])}, or {_HELPS[-1]}."
SKIPPED_LISTED = 200

FILE = click.Path(path_type=Path, dir_okay=True)
OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file instead of printing.",
)
FORCE = click.option(
    "--force",
    "--yes",
    "-f",
    "force",
    is_flag=True,
    help="Overwrite the -o file if it exists, without asking.",
)


def _run_import(
    state: CliState,
    path: Path,
    format: str,
    dry_run: bool,
    merge: bool,
    with_content: bool = False,
) -> None:
    from refterm.io.importer import import_contacts, read_import
    from refterm.io.incoming import SKIPPED_SHOWN

    parsed = read_import(path, state.settings, format, with_content=with_content)
    database = state.database
    if parsed.people >= PROGRESS_FROM and sys.stderr.isatty():
        with click.progressbar(length=parsed.people, label="importing", file=sys.stderr) as bar:

            def progress(done: int, total: int) -> None:
                bar.update(done - bar.pos)

            report = import_contacts(
                database,
                parsed,
                state.settings,
                dry_run,
                progress=progress,
                merge=merge,
                today=state.today,
            )
    else:
        report = import_contacts(
            database, parsed, state.settings, dry_run, merge=merge, today=state.today
        )
    click.echo(safe_text(report.summary(), multiline=True))
    if len(report.skipped) > SKIPPED_SHOWN:
        click.echo("Skipped:")
        for item in report.skipped[:SKIPPED_LISTED]:
            click.echo(f"  {safe_text(item)}")
        if len(report.skipped) > SKIPPED_LISTED:
            click.echo(f"  ... and {len(report.skipped) - SKIPPED_LISTED} more")


@click.group("import")
def import_group() -> None:
    """Import contacts: LinkedIn connections, vCard address books, a refterm backup.

    A file is imported whole or not at all. People already known (same LinkedIn profile,
    e-mail, or name and company) are merged: their empty fields are filled, nothing is
    overwritten, and importing the same file again adds nothing.
    """


@import_group.command("linkedin")
@click.argument("file", type=FILE)
@click.option(
    "--dry-run", is_flag=True, help="Show what would happen, file by file; write nothing."
)
@click.option(
    "--with-content",
    is_flag=True,
    help="Keep what the messages say in the history (by default only who, when, how many).",
)
@pass_state
def import_linkedin(state: CliState, file: Path, dry_run: bool, with_content: bool) -> None:
    """Import FILE: a LinkedIn data export (its ZIP or folder), or one of its CSV files.

    Connections become contacts; recommendations received become received recommendation
    asks (a hidden one stays out of the dossier unless included); recommendations you wrote
    are noted on the contact; messages become history, one entry per conversation and day,
    so that "last contact" is true. Importing the same archive again adds nothing.
    """
    _run_import(state, file, "linkedin", dry_run, merge=False, with_content=with_content)


@import_group.command("vcard")
@click.argument("file", type=FILE)
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@pass_state
def import_vcard(state: CliState, file: Path, dry_run: bool) -> None:
    """Import FILE, a vCard address book (.vcf; versions 2.1, 3.0 and 4.0)."""
    _run_import(state, file, "vcard", dry_run, merge=False)


@import_group.command("json")
@click.argument("file", type=FILE)
@click.option("--merge", is_flag=True, help="Merge into a database already in use.")
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@pass_state
def import_json(state: CliState, file: Path, merge: bool, dry_run: bool) -> None:
    """Restore FILE, a backup from `refterm export json`.

    Into an empty database the backup is restored exactly; into one in use only with
    --merge, which adds what is missing and fills empty fields.
    """
    _run_import(state, file, "json", dry_run, merge=merge)


@click.group("export")
def export_group() -> None:
    """Export a backup, an address book, or the dossier."""


def on_a_terminal() -> bool:
    """Whether someone is there to answer a question (not a script or a pipe)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def may_overwrite(output: Path, force: bool) -> None:
    """Replace an existing file only when the user says so: asked on a terminal, else --force."""
    from refterm.errors import InvalidInput

    target = output.expanduser()
    if force or not target.exists() or target.is_dir():
        return  # a folder is refused with its own message when written
    shown = safe_text(str(target))
    if not on_a_terminal():
        raise InvalidInput(f"{shown} already exists; add --force to overwrite it")
    if not click.confirm(f"{shown} already exists. Overwrite it?", default=False):
        raise InvalidInput(f"left {shown} as it was; nothing written")


def _deliver(
    text: str, output: Path | None, what: str, private: bool = True, force: bool = False
) -> None:
    from refterm.files import write_output

    if output is None:
        click.echo(text, nl=False)
        return
    may_overwrite(output, force)
    written = write_output(output, text, private=private)
    click.echo(safe_text(f"wrote {what} to {written}"))


@export_group.command("json")
@OUTPUT
@FORCE
@pass_state
def export_json(state: CliState, output: Path | None, force: bool) -> None:
    """A complete backup of the database as JSON (restore it with `refterm import json`)."""
    from refterm.io.json_backup import export_json as backup_text

    _deliver(backup_text(state.database), output, "the backup", force=force)


@export_group.command("vcard")
@OUTPUT
@FORCE
@pass_state
def export_vcard(state: CliState, output: Path | None, force: bool) -> None:
    """Every contact not archived, as vCard 4.0 (for khard, abook, phones)."""
    from refterm.io.incoming import plural
    from refterm.io.vcard_export import export_vcard as cards

    text, count = cards(state.database)
    _deliver(text, output, plural(count, "contact"), force=force)


@export_group.command("dossier")
@click.option(
    "--format",
    "format_",
    type=click.Choice(DOSSIER_SUFFIXES, case_sensitive=False),
    default="md",
    show_default=True,
    help=FORMAT_HELP,
)
@click.option("--lang", "language", type=vocab_choice(Language), help="Default: the profile's.")
@click.option(
    "--include-hidden",
    is_flag=True,
    help="Also the recommendations you hid on LinkedIn (left out by default).",
)
@OUTPUT
@FORCE
@pass_state
def export_dossier(
    state: CliState,
    format_: str,
    language: str | None,
    include_hidden: bool,
    output: Path | None,
    force: bool,
) -> None:
    """The dossier: your profile, the references sheet, and the recommendations received."""
    from refterm.core.dossier import build_dossier
    from refterm.io.dossier_export import render_dossier, unreachable_warnings

    text = render_dossier(
        state.database,
        state.settings,
        format_.lower(),
        language,
        today=state.today,
        include_hidden=include_hidden,
    )
    _deliver(text, output, "the dossier", private=False, force=force)
    for warning in unreachable_warnings(build_dossier(state.database).references):
        click.echo(warning, err=True)


@export_group.command("ics")
@OUTPUT
@click.option(
    "--weeks",
    type=click.IntRange(1, 52),
    default=4,
    show_default=True,
    help="How far ahead to look (what is overdue is placed on today).",
)
@click.option("--lang", "language", type=vocab_choice(Language), help="Default: the profile's.")
@FORCE
@pass_state
def export_ics(
    state: CliState, output: Path | None, weeks: int, language: str | None, force: bool
) -> None:
    """Follow-ups due, reference briefings and keep-in-touch dates, as an iCalendar file.

    Each event keeps its UID from one export to the next, so a calendar that imports or
    subscribes to the file again updates the events instead of duplicating them.
    """
    from refterm.clock import utc_now
    from refterm.io.ics_export import export_ics as calendar_text
    from refterm.io.incoming import plural

    text, count = calendar_text(
        state.database, state.settings, state.today, utc_now(), weeks, language
    )
    _deliver(text, output, plural(count, "event"), force=force)


@click.command("copy-to")
@click.argument("target", metavar="URL|PATH")
@pass_state
def copy_to(state: CliState, target: str) -> None:
    """Copy the whole database into TARGET, an empty one: a PostgreSQL URL, or a SQLite file.

    One transaction, the counts of every table checked: the copy is complete or not made.
    """
    from refterm import paths
    from refterm.db.database import Database
    from refterm.io.copy import copy_database

    where = paths.database_target(target)
    created = isinstance(where, Path) and not where.exists()
    source = state.database
    try:
        destination = Database.open(where)
        try:
            counts = copy_database(source, destination)
        finally:
            destination.dispose()
    except BaseException:
        if created and isinstance(where, Path):
            for leftover in (where, where.with_name(where.name + "-wal"),
                             where.with_name(where.name + "-shm")):  # fmt: skip
                leftover.unlink(missing_ok=True)
        raise
    shown = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items())
    click.echo(safe_text(f"copied to {paths.describe_target(where)}: {shown}"))


COMMANDS: list[click.Command] = [import_group, export_group, copy_to]
