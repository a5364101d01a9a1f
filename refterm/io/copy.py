"""`refterm copy-to`: one database copied whole into another, empty one (SQLite <-> PostgreSQL).

The rows travel as the JSON backup does (every value checked and typed on the way), are written
in one transaction on the target, and the target's counts are compared with the source's before
it commits: a copy is complete or absent.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from refterm.db import bulk
from refterm.db.database import Database
from refterm.db.session import reading, writing
from refterm.errors import InvalidInput, RefTermError
from refterm.io.json_backup import TABLE_ORDER, export_json, read_backup
from refterm.io.json_restore import database_is_empty, restore_exact
from refterm.model.i18n import _, npgettext, number, pgettext


def table_count(table: str, count: int) -> str:
    """'12 contacts', '1 reference use': how many rows a table holds, as `copy-to` reports them."""
    forms = {
        "profile": npgettext("table", "{count} profile", "{count} profiles", count),
        "tag": npgettext("table", "{count} tag", "{count} tags", count),
        "contact": npgettext("table", "{count} contact", "{count} contacts", count),
        "contact_tag": npgettext("table", "{count} contact tag", "{count} contact tags", count),
        "ask": npgettext("table", "{count} ask", "{count} asks", count),
        "interaction": npgettext("table", "{count} interaction", "{count} interactions", count),
        "reference_use": npgettext(
            "table", "{count} reference use", "{count} reference uses", count
        ),
        "recommendation_given": npgettext(
            "table", "{count} recommendation given", "{count} recommendations given", count
        ),
    }
    form = forms.get(table) or f"{{count}} {table_name(table)}"
    return form.format(count=number(count))


def table_name(table: str) -> str:
    """A table by the name of what one row is ('reference use'), in the interface language."""
    names = {
        "profile": pgettext("table", "profile"),
        "tag": pgettext("table", "tag"),
        "contact": pgettext("table", "contact"),
        "contact_tag": pgettext("table", "contact tag"),
        "ask": pgettext("table", "ask"),
        "interaction": pgettext("table", "interaction"),
        "reference_use": pgettext("table", "reference use"),
        "recommendation_given": pgettext("table", "recommendation given"),
    }
    return names.get(table, table.replace("_", " "))


def row_counts(session: Session) -> dict[str, int]:
    """Rows per table, in restore order."""
    return {
        name: int(session.execute(select(func.count()).select_from(bulk.table(name))).scalar_one())
        for name in TABLE_ORDER
    }


def copy_database(source: Database, target: Database) -> dict[str, int]:
    """Copy every row of `source` into `target`, which must be empty; returns the counts."""
    if source.location == target.location:
        raise InvalidInput(_("the copy cannot go into the database it comes from"))
    with reading(source) as session:
        expected = row_counts(session)
    backup = read_backup(Path(source.location), export_json(source))
    with writing(target) as session:
        if not database_is_empty(session):
            raise InvalidInput(
                _(
                    "{target} is not empty; copy-to writes only into an empty database "
                    "(nothing was written)"
                ).format(target=target.location)
            )
        restore_exact(session, backup, dry_run=False)
        session.flush()
        found = row_counts(session)
        if found != expected:
            differ = ", ".join(
                _("{table} {found} of {expected}").format(
                    table=table_name(name), found=found[name], expected=expected[name]
                )
                for name in TABLE_ORDER
                if found[name] != expected[name]
            )
            # Raised inside the transaction: it is rolled back, the target stays empty.
            raise RefTermError(
                _("the copy was rolled back: the counts differ ({tables})").format(tables=differ)
            )
    return found
