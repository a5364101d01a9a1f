"""The `refterm` group: global options, error handling, and the TUI as the default."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from refterm import paths
from refterm.cli.state import CliState, pass_state
from refterm.clock import TODAY_ENV, resolve_today
from refterm.errors import RefTermError


class RefTermGroup(click.Group):
    """Turns RefTermError into one line on stderr and its exit code; no traceback unless --debug."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RefTermError as error:
            if _debug(ctx):
                raise
            click.echo(f"refterm: {error.message}", err=True)
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
        raise click.BadParameter(error.message, param_hint="--today") from None
    ctx.obj = CliState(db_path=paths.default_db_path(db_option), today=today, debug=debug)
    if ctx.invoked_subcommand is None:
        _open_tui(ctx.obj)


def _open_tui(state: CliState) -> None:
    from refterm.app import make_app
    from refterm.db.database import Database

    # Not `state.engine`: the first screen is read without SQLAlchemy, which loads afterwards.
    database = Database.open(state.db_path)
    try:
        make_app(state.settings, database, state.today).run()
    finally:
        database.dispose()


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

    state.engine  # noqa: B018  (opening checks and migrates the file first)
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
