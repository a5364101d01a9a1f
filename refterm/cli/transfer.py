"""Import and export commands: LinkedIn CSV, vCard, JSON backup, and the dossier."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from refterm.cli import asking
from refterm.cli.options import vocab_choice
from refterm.cli.state import CliState, pass_state
from refterm.io.formats import DOSSIER_SUFFIXES
from refterm.model.display import safe_text
from refterm.model.i18n import N_, _, number
from refterm.model.vocab import Language

# Files smaller than this import too fast for a progress bar to help.
PROGRESS_FROM = 5000
SKIPPED_LISTED = 200

FILE = click.Path(path_type=Path, dir_okay=True)
OUTPUT = click.option(
    "-o",
    "--output",
    metavar=N_("FILE"),
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("Write to this file instead of printing."),
)
FORCE = click.option(
    "--force",
    "--yes",
    "-f",
    "force",
    is_flag=True,
    help=N_("Overwrite the -o file if it exists, without asking."),
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
        label = _("importing")
        with click.progressbar(length=parsed.people, label=label, file=sys.stderr) as bar:

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
        click.echo(_("Skipped:"))
        for item in report.skipped[:SKIPPED_LISTED]:
            click.echo(f"  {safe_text(item)}")
        if len(report.skipped) > SKIPPED_LISTED:
            more = number(len(report.skipped) - SKIPPED_LISTED)
            click.echo(_("  ... and {count} more").format(count=more))


@click.group(
    "import",
    help=N_(
        "Import contacts: LinkedIn connections, vCard address books, a refterm backup.\n\n"
        "A file is imported whole or not at all. People already known (same LinkedIn profile, "
        "e-mail, or name and company) are merged: their empty fields are filled, nothing is "
        "overwritten, and importing the same file again adds nothing."
    ),
)
def import_group() -> None:
    pass


@import_group.command(
    "linkedin",
    help=N_(
        "Import FILE: a LinkedIn data export (its ZIP or folder), or one of its CSV files.\n\n"
        "Connections become contacts; recommendations received become received recommendation "
        "asks (a hidden one stays out of the dossier unless included); recommendations you "
        "wrote are noted on the contact; messages become history, one entry per conversation "
        'and day, so that "last contact" is true. Importing the same archive again adds nothing.'
    ),
)
@click.argument("file", metavar=N_("FILE"), type=FILE)
@click.option(
    "--dry-run", is_flag=True, help=N_("Show what would happen, file by file; write nothing.")
)
@click.option(
    "--with-content",
    is_flag=True,
    help=N_("Keep what the messages say in the history (by default only who, when, how many)."),
)
@pass_state
def import_linkedin(state: CliState, file: Path, dry_run: bool, with_content: bool) -> None:
    _run_import(state, file, "linkedin", dry_run, merge=False, with_content=with_content)


@import_group.command(
    "vcard", help=N_("Import FILE, a vCard address book (.vcf; versions 2.1, 3.0 and 4.0).")
)
@click.argument("file", metavar=N_("FILE"), type=FILE)
@click.option("--dry-run", is_flag=True, help=N_("Show what would happen; write nothing."))
@pass_state
def import_vcard(state: CliState, file: Path, dry_run: bool) -> None:
    _run_import(state, file, "vcard", dry_run, merge=False)


@import_group.command(
    "json",
    help=N_(
        "Restore FILE, a backup from `refterm export json`.\n\n"
        "Into an empty database the backup is restored exactly; into one in use only with "
        "--merge, which adds what is missing and fills empty fields."
    ),
)
@click.argument("file", metavar=N_("FILE"), type=FILE)
@click.option("--merge", is_flag=True, help=N_("Merge into a database already in use."))
@click.option("--dry-run", is_flag=True, help=N_("Show what would happen; write nothing."))
@pass_state
def import_json(state: CliState, file: Path, merge: bool, dry_run: bool) -> None:
    _run_import(state, file, "json", dry_run, merge=merge)


@click.group("export", help=N_("Export a backup, an address book, or the dossier."))
def export_group() -> None:
    pass


def may_overwrite(output: Path, force: bool) -> None:
    """Replace an existing file only when the user says so: asked on a terminal, else --force."""
    from refterm.errors import InvalidInput

    target = output.expanduser()
    if force or not target.exists() or target.is_dir():
        return  # a folder is refused with its own message when written
    shown = safe_text(str(target))
    if not asking.on_a_terminal():
        raise InvalidInput(
            _("{file} already exists; add --force to overwrite it").format(file=shown)
        )
    if not asking.yes_or_no(_("{file} already exists. Overwrite it?").format(file=shown)):
        raise InvalidInput(_("left {file} as it was; nothing written").format(file=shown))


def _deliver(
    text: str, output: Path | None, wrote: str, private: bool = True, force: bool = False
) -> None:
    """Print `text`, or write it to `output` and say so: `wrote` has a {file} placeholder."""
    from refterm.files import write_output

    if output is None:
        click.echo(text, nl=False)
        return
    may_overwrite(output, force)
    written = write_output(output, text, private=private)
    click.echo(safe_text(wrote.format(file=written)))


@export_group.command(
    "json",
    help=N_("A complete backup of the database as JSON (restore it with `refterm import json`)."),
)
@OUTPUT
@FORCE
@pass_state
def export_json(state: CliState, output: Path | None, force: bool) -> None:
    from refterm.io.json_backup import export_json as backup_text

    _deliver(backup_text(state.database), output, _("wrote the backup to {file}"), force=force)


@export_group.command(
    "vcard", help=N_("Every contact not archived, as vCard 4.0 (for khard, abook, phones).")
)
@OUTPUT
@FORCE
@pass_state
def export_vcard(state: CliState, output: Path | None, force: bool) -> None:
    from refterm.io.vcard_export import export_vcard as cards
    from refterm.model.i18n import ngettext

    text, count = cards(state.database)
    wrote = ngettext("wrote {count} contact to {file}", "wrote {count} contacts to {file}", count)
    _deliver(text, output, wrote.replace("{count}", number(count)), force=force)


@export_group.command(
    "dossier",
    help=N_("The dossier: your profile, the references sheet, and the recommendations received."),
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(DOSSIER_SUFFIXES, case_sensitive=False),
    default="md",
    show_default=True,
    help=N_("Markdown, a printable HTML page, or plain text."),
)
@click.option("--lang", "language", type=vocab_choice(Language), help=N_("Default: the profile's."))
@click.option(
    "--include-hidden",
    is_flag=True,
    help=N_("Also the recommendations you hid on LinkedIn (left out by default)."),
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
    _deliver(text, output, _("wrote the dossier to {file}"), private=False, force=force)
    for warning in unreachable_warnings(build_dossier(state.database).references):
        click.echo(warning, err=True)


@export_group.command(
    "ics",
    help=N_(
        "Follow-ups due, reference briefings and keep-in-touch dates, as an iCalendar file.\n\n"
        "Each event keeps its UID from one export to the next, so a calendar that imports or "
        "subscribes to the file again updates the events instead of duplicating them."
    ),
)
@OUTPUT
@click.option(
    "--weeks",
    type=click.IntRange(1, 52),
    default=4,
    show_default=True,
    help=N_("How far ahead to look (what is overdue is placed on today)."),
)
@click.option("--lang", "language", type=vocab_choice(Language), help=N_("Default: the profile's."))
@FORCE
@pass_state
def export_ics(
    state: CliState, output: Path | None, weeks: int, language: str | None, force: bool
) -> None:
    from refterm.clock import utc_now
    from refterm.io.ics_export import export_ics as calendar_text
    from refterm.model.i18n import ngettext

    text, count = calendar_text(
        state.database, state.settings, state.today, utc_now(), weeks, language
    )
    wrote = ngettext("wrote {count} event to {file}", "wrote {count} events to {file}", count)
    _deliver(text, output, wrote.replace("{count}", number(count)), force=force)


@click.command(
    "copy-to",
    help=N_(
        "Copy the whole database into TARGET, an empty one: a PostgreSQL URL, or a SQLite "
        "file.\n\n"
        "One transaction, the counts of every table checked: the copy is complete or not made."
    ),
)
@click.argument("target", metavar=N_("URL|PATH"))
@pass_state
def copy_to(state: CliState, target: str) -> None:
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
    from refterm.io.copy import table_count

    shown = ", ".join(table_count(name, count) for name, count in counts.items())
    copied = _("copied to {target}: {counts}")
    click.echo(safe_text(copied.format(target=paths.describe_target(where), counts=shown)))


COMMANDS: list[click.Command] = [import_group, export_group, copy_to]
