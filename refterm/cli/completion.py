"""Shell completion of CONTACT arguments: the names of the contacts in the database used.

Completion runs before any command: the database is read as found (never created, migrated
or written), and any problem completes nothing rather than printing an error into the shell.
"""

from __future__ import annotations

from click import Context, Parameter
from click.shell_completion import CompletionItem

from refterm import paths


def complete_contact(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    """Names of active contacts starting with what was typed (accents and case ignored)."""
    if incomplete.strip().isdigit():
        return []
    from refterm.db.database import Database
    from refterm.db.search import names_starting
    from refterm.model.text import fold

    root = ctx.find_root()
    target = paths.default_db_path(root.params.get("db_option"))
    if isinstance(target, str):
        return []  # a PostgreSQL server: too slow to ask on every tab
    if not target.is_file():
        return []
    try:
        with Database(target).read_connection() as connection:
            names = names_starting(connection, fold(" ".join(incomplete.split())))
    except Exception:  # a shell completing must never print a traceback
        return []
    return [CompletionItem(name) for name in names]
