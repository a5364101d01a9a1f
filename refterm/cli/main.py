"""The `refterm` group: global options, error handling, and the TUI as the default."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from refterm import paths
from refterm.cli.language import speak, translate_commands
from refterm.cli.state import CliState, pass_state
from refterm.clock import TODAY_ENV, resolve_today
from refterm.db.engine import BUSY_TIMEOUT_MS
from refterm.errors import InvalidFields, RefTermError
from refterm.model.display import safe_text
from refterm.model.i18n import N_, UI_LANGUAGES, _, joined


class RefTermGroup(click.Group):
    """Turns RefTermError into one line on stderr and its exit code; no traceback unless --debug."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RefTermError as error:
            if _debug(ctx):
                raise
            click.echo(_said(_for_the_command_line(error)), err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # Output piped into `head` and closed early: not an error worth a message.
            sys.stderr.close()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo(_("refterm: interrupted"), err=True)
            ctx.exit(130)
        except Exception as error:  # the last guard: a message, never a traceback
            if _debug(ctx):
                raise
            known = known_failure(error)
            if known is not None:
                click.echo(_said(known), err=True)
                ctx.exit(1)
            click.echo(
                _(
                    "refterm: unexpected error: {kind}: {error} (run with --debug for the details)"
                ).format(kind=type(error).__name__, error=safe_text(paths.mask_url(str(error)))),
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
            translate_commands(self)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        if undecodable is not None:
            click.echo(_said(undecodable), err=True)
            sys.exit(2)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.format_message())  # a group given no command: its help
            sys.exit(0)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "refterm"
            message = safe_text(error.format_message())
            line = _("refterm: {message} (see '{command} --help')")
            click.echo(line.format(message=message, command=safe_text(where)), err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(_said(error.format_message()), err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo(_("refterm: aborted"), err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def _said(message: str) -> str:
    """One line on stderr: 'refterm: <message>' ('refterm : …' in French)."""
    return _("refterm: {message}").format(message=safe_text(message))


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
    try:
        speak(ui_language(option, settings, os.environ))
    except i18n.CatalogMissing as error:  # a broken install: say so once, go on in English
        click.echo(f"refterm: {safe_text(str(error))}", err=True)
        speak("en")


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
    for position, argument in enumerate(args, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            shown = safe_text(
                argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            )
            return _(
                "argument {number} ({shown}) is not UTF-8 text; "
                "type it again in UTF-8 (check the terminal's encoding)"
            ).format(number=position, shown=shown)
    return None


# What sqlite3 says (in English, whatever the locale), and what refterm tells the user.
_SQLITE_FAILURES = (
    (
        "locked",
        N_(
            "the database is locked: another refterm has been writing to it for more than "
            "{seconds} s; nothing was written; let it finish or close it, then try again"
        ),
    ),
    (
        "disk i/o error",
        N_(
            "a disk I/O error stopped refterm; nothing was written; check the disk "
            "(free space, a removed drive) and try again"
        ),
    ),
    ("full", N_("the disk is full; nothing was written; free some space and try again")),
    (
        "readonly",
        N_("the database cannot be written (read-only file, folder or disk); nothing was written"),
    ),
    (
        "unable to open",  # untranslated: what sqlite3 says
        N_("the database file cannot be opened (check the permissions of the file and its folder)"),
    ),
)


def known_failure(error: BaseException) -> str | None:
    """One line for failures that are not refterm's fault (a lock, the disk), else None."""
    import sqlite3

    cause = getattr(error, "orig", None) or error  # SQLAlchemy wraps sqlite3's errors
    if type(cause).__module__.startswith("psycopg"):
        lines = str(cause).strip().splitlines() or [type(cause).__name__]
        return _("the PostgreSQL server refused: {reason}; nothing was written").format(
            reason=paths.mask_url(lines[0])
        )
    if isinstance(cause, sqlite3.Error):
        text = str(cause).lower()
        for phrase, message in _SQLITE_FAILURES:
            if phrase in text:
                return _(message).format(seconds=BUSY_TIMEOUT_MS // 1000)
        return None
    if isinstance(cause, PermissionError):
        if cause.filename:
            return _("permission denied for {file}; check who owns it and its folder").format(
                file=cause.filename
            )
        return _("permission denied; check who owns it and its folder")
    if isinstance(cause, OSError) and cause.errno is not None:
        reason = cause.strerror or str(cause)
        if cause.filename:
            return _("{reason} ({file}); nothing more was written").format(
                reason=reason, file=cause.filename
            )
        return _("{reason}; nothing more was written").format(reason=reason)
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
    return joined(
        _("{option}: {message}").format(
            option=_OPTION_NAMES.get(name, "--" + name.replace("_", "-")), message=message
        )
        for name, message in error.errors.items()
    )


def _debug(ctx: click.Context) -> bool:
    state = ctx.find_object(CliState)
    return bool(state and state.debug) or "--debug" in sys.argv


@click.group(
    cls=RefTermGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_(
        "refterm: ask your network for references and recommendations, not jobs.\n\n"
        "With no command, opens the daily review in the terminal."
    ),
)
@click.option(
    "--db",
    "db_option",
    metavar=N_("PATH|URL"),
    envvar=paths.DB_ENV,
    help=N_(
        "Database file, or a PostgreSQL URL postgresql://user@host/dbname (password from "
        "PGPASSWORD or ~/.pgpass) (default: the platform data folder; env REFTERM_DB)."
    ),
)
@click.option(
    "--today",
    "today_option",
    metavar=N_("YYYY-MM-DD"),
    envvar=TODAY_ENV,
    help=N_("Run as if today were this date (env REFTERM_TODAY)."),
)
@click.option(
    "--ui-lang",
    "ui_lang",
    type=click.Choice(UI_LANGUAGES),
    help=N_("Language of the interface (default: ui_language in config.toml, else the locale)."),
)
@click.option("--debug", is_flag=True, help=N_("Show tracebacks for unexpected errors."))
@click.version_option(package_name="refterm")
@click.pass_context
def cli(
    ctx: click.Context,
    db_option: str | None,
    today_option: str | None,
    ui_lang: str | None,
    debug: bool,
) -> None:
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
    from refterm.screens.context import Context
    from refterm.screens.first_review import FirstReview

    try:
        # The first screen is read without SQLAlchemy, and from now on: the reads overlap the
        # loading of Textual and the screens. The handle builds its engine afterwards.
        first_review = FirstReview(Context(state.settings, state.database, state.today))
        from refterm.app import make_app

        make_app(state.settings, state.database, state.today, first_review).run()
    finally:
        state.close()


@cli.command(help=N_("Show where the database, configuration and templates live."))
@pass_state
def locate(state: CliState) -> None:
    click.echo(_("database:  {where}").format(where=paths.describe_target(state.db_path)))
    click.echo(_("config:    {where}").format(where=paths.config_file()))
    click.echo(_("templates: {where}").format(where=paths.user_templates_dir()))


@cli.command(
    help=N_(
        "Copy the database with SQLite's online backup (safe while refterm is open).\n\n"
        "On PostgreSQL, write the JSON backup instead (an administrator uses pg_dump)."
    )
)
@click.argument(
    "destination", metavar=N_("[DESTINATION]"), required=False, type=click.Path(dir_okay=True)
)
@pass_state
def backup(state: CliState, destination: str | None) -> None:
    from pathlib import Path

    from refterm.db.backup import backup_database
    from refterm.io.json_backup import backup_file_json

    database = state.database  # opening checks and migrates it first
    target = Path(destination) if destination else None
    if database.path is None:
        written = backup_file_json(database, target, state.today)
    else:
        written = backup_database(database.path, target, state.today)
    click.echo(safe_text(_("backup written to {file}").format(file=written)))


@cli.command(help=N_("Undo the last change (made here or in the TUI), or CHANGE from --list."))
@click.argument("change_id", metavar=N_("[CHANGE]"), required=False, type=click.IntRange(min=1))
@click.option("--list", "listing", is_flag=True, help=N_("Show the last changes, newest first."))
@pass_state
def undo(state: CliState, change_id: int | None, listing: bool) -> None:
    from refterm.core.undo import recent_changes, undo_last
    from refterm.core.undo import undo as undo_change

    if listing:
        changes = recent_changes(state.database)
        if not changes:
            click.echo(_("no changes to undo"))
        for entry in changes:
            when = entry.made_at.strftime("%Y-%m-%d %H:%M")
            where = "tui" if entry.source == "tui" else "cli"
            click.echo(safe_text(f"{entry.id:>6}  {when} UTC  {where}  {entry.label}"))
        return
    if change_id is None:
        done = undo_last(state.database)
    else:
        done = undo_change(state.database, change_id)
    click.echo(safe_text(_("undone: {change}").format(change=done.label)))


def _register() -> None:
    from refterm.cli import lifecycle, records, scripts, transfer

    for module in (records, scripts, transfer, lifecycle):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main(argv: Sequence[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="refterm")
