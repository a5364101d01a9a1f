"""The `refterm` group: global options, error handling, and the TUI as the default."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from refterm import paths
from refterm.cli.state import CliState, pass_state
from refterm.clock import TODAY_ENV, resolve_today
from refterm.db.engine import BUSY_TIMEOUT_MS
from refterm.errors import InvalidFields, RefTermError
from refterm.model.display import safe_text
from refterm.model.i18n import UI_LANGUAGES


class RefTermGroup(click.Group):
    """Turns RefTermError into one line on stderr and its exit code; no traceback unless --debug."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RefTermError as error:
            if _debug(ctx):
                raise
            click.echo(f"refterm: {safe_text(_for_the_command_line(error))}", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # Output piped into `head` and closed early: not an error worth a message.
            sys.stderr.close()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("refterm: interrupted", err=True)
            ctx.exit(130)
        except Exception as error:  # the last guard: a message, never a traceback
            if _debug(ctx):
                raise
            known = known_failure(error)
            if known is not None:
                click.echo(f"refterm: {safe_text(known)}", err=True)
                ctx.exit(1)
            click.echo(
                f"refterm: unexpected error: {type(error).__name__}: "
                f"{safe_text(paths.mask_url(str(error)))} "
                "(run with --debug for the details)",
                err=True,
            )
            ctx.exit(1)
        finally:
            state = ctx.find_object(CliState)
            if state is not None:
                state.close()

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Like click's, but a usage error is one line on stderr too (exit 2), not three."""
        arguments = sys.argv[1:] if args is None else list(args)
        undecodable = _undecodable_argument(arguments)
        if undecodable is None:
            choose_language(arguments)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        if undecodable is not None:
            click.echo(f"refterm: {undecodable}", err=True)
            sys.exit(2)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.format_message())  # a group given no command: its help
            sys.exit(0)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "refterm"
            message = safe_text(error.format_message())
            click.echo(f"refterm: {message} (see '{safe_text(where)} --help')", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"refterm: {safe_text(error.format_message())}", err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("refterm: aborted", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def choose_language(arguments: Sequence[str]) -> None:
    """Speak the user's language before click writes a word (help, errors, output).

    --ui-lang wins, then config.toml's ui_language, then the locale. A broken config.toml is
    reported later by the command that reads it; here it only means "ask the locale".
    """
    import os

    from refterm.config import Settings, load_settings, ui_language
    from refterm.errors import ConfigError
    from refterm.model import i18n

    option = _ui_lang_argument(arguments)
    try:
        settings = load_settings(paths.config_file()) if option is None else Settings()
    except ConfigError:
        settings = Settings()
    i18n.set_language(ui_language(option, settings, os.environ))


def _ui_lang_argument(arguments: Sequence[str]) -> str | None:
    """The value of --ui-lang among the global options, if it names a known language."""
    from refterm.model.i18n import UI_LANGUAGES

    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        value = None
        if argument == "--ui-lang" and index + 1 < len(arguments):
            value = arguments[index + 1]
        elif argument.startswith("--ui-lang="):
            value = argument.partition("=")[2]
        if value is not None:
            return value if value in UI_LANGUAGES else None
    return None


def _undecodable_argument(args: Sequence[str]) -> str | None:
    """Bytes that are not UTF-8 reach Python as surrogates; refuse them before anything runs."""
    for number, argument in enumerate(args, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            shown = safe_text(
                argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            )
            return (
                f"argument {number} ({shown}) is not UTF-8 text; "
                "type it again in UTF-8 (check the terminal's encoding)"
            )
    return None


_SQLITE_FAILURES = (
    (
        "locked",
        "the database is locked: another refterm has been writing to it for more than "
        f"{BUSY_TIMEOUT_MS // 1000} s; nothing was written; let it finish or close it, "
        "then try again",
    ),
    (
        "disk i/o error",
        "a disk I/O error stopped refterm; nothing was written; check the disk "
        "(free space, a removed drive) and try again",
    ),
    ("full", "the disk is full; nothing was written; free some space and try again"),
    (
        "readonly",
        "the database cannot be written (read-only file, folder or disk); nothing was written",
    ),
    (
        "unable to open",
        "the database file cannot be opened (check the permissions of the file and its folder)",
    ),
)


def known_failure(error: BaseException) -> str | None:
    """One line for failures that are not refterm's fault (a lock, the disk), else None."""
    import sqlite3

    cause = getattr(error, "orig", None) or error  # SQLAlchemy wraps sqlite3's errors
    if type(cause).__module__.startswith("psycopg"):
        lines = str(cause).strip().splitlines() or [type(cause).__name__]
        return f"the PostgreSQL server refused: {paths.mask_url(lines[0])}; nothing was written"
    if isinstance(cause, sqlite3.Error):
        text = str(cause).lower()
        for phrase, message in _SQLITE_FAILURES:
            if phrase in text:
                return message
        return None
    if isinstance(cause, PermissionError):
        where = f" for {cause.filename}" if cause.filename else ""
        return f"permission denied{where}; check who owns it and its folder"
    if isinstance(cause, OSError) and cause.errno is not None:
        where = f" ({cause.filename})" if cause.filename else ""
        return f"{cause.strerror or cause}{where}; nothing more was written"
    return None


# Form fields named as the options that set them.
_OPTION_NAMES = {
    "full_name": "NAME",
    "linkedin_url": "--linkedin",
    "language": "--lang",
    "keep_in_touch_days": "--cadence",
    "call_back_on": "--call-back",
}


def _for_the_command_line(error: RefTermError) -> str:
    if not isinstance(error, InvalidFields):
        return error.message
    return "; ".join(
        f"{_OPTION_NAMES.get(name, '--' + name.replace('_', '-'))}: {message}"
        for name, message in error.errors.items()
    )


def _debug(ctx: click.Context) -> bool:
    state = ctx.find_object(CliState)
    return bool(state and state.debug) or "--debug" in sys.argv


@click.group(
    cls=RefTermGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db_option",
    metavar="PATH|URL",
    envvar=paths.DB_ENV,
    help=(
        "Database file, or a PostgreSQL URL postgresql://user@host/dbname (password from "
        f"PGPASSWORD or ~/.pgpass) (default: the platform data folder; env {paths.DB_ENV})."
    ),
)
@click.option(
    "--today",
    "today_option",
    metavar="YYYY-MM-DD",
    envvar=TODAY_ENV,
    help=f"Run as if today were this date (env {TODAY_ENV}).",
)
@click.option(
    "--ui-lang",
    "ui_lang",
    type=click.Choice(UI_LANGUAGES),
    help="Language of the interface (default: ui_language in config.toml, else the locale).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.version_option(package_name="refterm")
@click.pass_context
def cli(
    ctx: click.Context,
    db_option: str | None,
    today_option: str | None,
    ui_lang: str | None,
    debug: bool,
) -> None:
    """refterm: ask your network for references and recommendations, not jobs.

    With no command, opens the daily review in the terminal.
    """
    try:
        today = resolve_today(today_option)
    except RefTermError as error:
        raise click.BadParameter(
            error.message.removeprefix("--today ").removeprefix(f"{TODAY_ENV} "),
            param_hint="--today",
        ) from None
    ctx.obj = CliState(db_path=paths.default_db_path(db_option), today=today, debug=debug)
    if ctx.invoked_subcommand is None:
        _open_tui(ctx.obj)


def _open_tui(state: CliState) -> None:
    from refterm.app import make_app

    # The first screen is read without SQLAlchemy; the handle builds its engine afterwards.
    try:
        make_app(state.settings, state.database, state.today).run()
    finally:
        state.close()


@cli.command()
@pass_state
def locate(state: CliState) -> None:
    """Show where the database, configuration and templates live."""
    click.echo(f"database:  {paths.describe_target(state.db_path)}")
    click.echo(f"config:    {paths.config_file()}")
    click.echo(f"templates: {paths.user_templates_dir()}")


@cli.command()
@click.argument("destination", required=False, type=click.Path(dir_okay=True))
@pass_state
def backup(state: CliState, destination: str | None) -> None:
    """Copy the database with SQLite's online backup (safe while refterm is open).

    On PostgreSQL, write the JSON backup instead (an administrator uses pg_dump).
    """
    from pathlib import Path

    from refterm.db.backup import backup_database
    from refterm.io.json_backup import backup_file_json

    database = state.database  # opening checks and migrates it first
    target = Path(destination) if destination else None
    if database.path is None:
        written = backup_file_json(database, target, state.today)
    else:
        written = backup_database(database.path, target, state.today)
    click.echo(safe_text(f"backup written to {written}"))


@cli.command()
@click.argument("change_id", metavar="[CHANGE]", required=False, type=click.IntRange(min=1))
@click.option("--list", "listing", is_flag=True, help="Show the last changes, newest first.")
@pass_state
def undo(state: CliState, change_id: int | None, listing: bool) -> None:
    """Undo the last change (made here or in the TUI), or CHANGE from --list."""
    from refterm.core.undo import recent_changes, undo_last
    from refterm.core.undo import undo as undo_change

    if listing:
        changes = recent_changes(state.database)
        if not changes:
            click.echo("no changes to undo")
        for entry in changes:
            when = entry.made_at.strftime("%Y-%m-%d %H:%M")
            where = "tui" if entry.source == "tui" else "cli"
            click.echo(safe_text(f"{entry.id:>6}  {when} UTC  {where}  {entry.label}"))
        return
    if change_id is None:
        done = undo_last(state.database)
    else:
        done = undo_change(state.database, change_id)
    click.echo(safe_text(f"undone: {done.label}"))


def _register() -> None:
    from refterm.cli import lifecycle, records, scripts, transfer

    for module in (records, scripts, transfer, lifecycle):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main(argv: Sequence[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="refterm")
