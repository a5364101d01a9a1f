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


def _run_import(state: CliState, path: Path, format: str, dry_run: bool, merge: bool) -> None:
    from refterm.io.importer import import_contacts, read_import
    from refterm.io.incoming import SKIPPED_SHOWN

    parsed = read_import(path, state.settings, format)
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
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@pass_state
def import_linkedin(state: CliState, file: Path, dry_run: bool) -> None:
    """Import FILE, the Connections.csv of a LinkedIn data export."""
    _run_import(state, file, "linkedin", dry_run, merge=False)


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


def _deliver(text: str, output: Path | None, what: str, private: bool = True) -> None:
    from refterm.files import write_output

    if output is None:
        click.echo(text, nl=False)
        return
    written = write_output(output, text, private=private)
    click.echo(safe_text(f"wrote {what} to {written}"))


@export_group.command("json")
@OUTPUT
@pass_state
def export_json(state: CliState, output: Path | None) -> None:
    """A complete backup of the database as JSON (restore it with `refterm import json`)."""
    from refterm.io.json_backup import export_json as backup_text

    _deliver(backup_text(state.database), output, "the backup")


@export_group.command("vcard")
@OUTPUT
@pass_state
def export_vcard(state: CliState, output: Path | None) -> None:
    """Every contact not archived, as vCard 4.0 (for khard, abook, phones)."""
    from refterm.io.incoming import plural
    from refterm.io.vcard_export import export_vcard as cards

    text, count = cards(state.database)
    _deliver(text, output, plural(count, "contact"))


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
@OUTPUT
@pass_state
def export_dossier(
    state: CliState, format_: str, language: str | None, output: Path | None
) -> None:
    """The dossier: your profile, the references sheet, and the recommendations received."""
    from refterm.core.dossier import build_dossier
    from refterm.io.dossier_export import render_dossier, unreachable_warnings

    text = render_dossier(
        state.database, state.settings, format_.lower(), language, today=state.today
    )
    _deliver(text, output, "the dossier", private=False)
    for warning in unreachable_warnings(build_dossier(state.database).references):
        click.echo(warning, err=True)


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
