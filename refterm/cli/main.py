"""The `refterm` group: global options, error handling, and the TUI as the default."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from refterm import paths
from refterm.cli.state import CliState, pass_state
from refterm.clock import TODAY_ENV, resolve_today
from refterm.errors import InvalidFields, RefTermError


class RefTermGroup(click.Group):
    """Turns RefTermError into one line on stderr and its exit code; no traceback unless --debug."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RefTermError as error:
            if _debug(ctx):
                raise
            click.echo(f"refterm: {_for_the_command_line(error)}", err=True)
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
            click.echo(
                f"refterm: unexpected error: {type(error).__name__}: {error} "
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
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.format_message())  # a group given no command: its help
            sys.exit(0)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "refterm"
            click.echo(f"refterm: {error.format_message()} (see '{where} --help')", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"refterm: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("refterm: aborted", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


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


@click.group(cls=RefTermGroup, invoke_without_command=True)
@click.option(
    "--db",
    "db_option",
    metavar="PATH",
    envvar=paths.DB_ENV,
    help=f"Database file (default: the platform data folder; env {paths.DB_ENV}).",
)
@click.option(
    "--today",
    "today_option",
    metavar="YYYY-MM-DD",
    envvar=TODAY_ENV,
    help=f"Run as if today were this date (env {TODAY_ENV}).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.version_option(package_name="refterm")
@click.pass_context
def cli(ctx: click.Context, db_option: str | None, today_option: str | None, debug: bool) -> None:
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
    click.echo(f"database:  {state.db_path}")
    click.echo(f"config:    {paths.config_file()}")
    click.echo(f"templates: {paths.user_templates_dir()}")


@cli.command()
@click.argument("destination", required=False, type=click.Path(dir_okay=True))
@pass_state
def backup(state: CliState, destination: str | None) -> None:
    """Copy the database with SQLite's online backup (safe while refterm is open)."""
    from pathlib import Path

    from refterm.db.backup import backup_database

    state.database  # noqa: B018  (opening checks and migrates the file first)
    written = backup_database(
        state.db_path, Path(destination) if destination else None, state.today
    )
    click.echo(f"backup written to {written}")


def _register() -> None:
    from refterm.cli import records, scripts, transfer

    for module in (records, scripts, transfer):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main(argv: Sequence[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="refterm")
