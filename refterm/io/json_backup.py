"""The JSON backup: every table, versioned, readable; and reading one back with every value checked.

The file holds `format`, `format_version`, `schema_revision`, `exported_at` and `tables`
(table name -> rows as objects, in primary-key order). Derived columns (contact sort and search
keys) are left out and recomputed on import. Dates are ISO 8601, instants ISO 8601 in UTC.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Table

from refterm.clock import utc_now
from refterm.core.validate import check_email, check_known_since, check_linkedin_url, check_name
from refterm.db import bulk
from refterm.db.database import Database
from refterm.db.schema import HEAD, REVISIONS
from refterm.db.session import reading
from refterm.errors import ImportRefused
from refterm.model import ranges
from refterm.model.i18n import _
from refterm.model.text import clean_line, clean_multiline
from refterm.model.vocab import (
    AskKind,
    AskStatus,
    Channel,
    Civility,
    Formality,
    Language,
    Outcome,
    Platform,
    Relationship,
    SearchStatus,
)
from refterm.model.vocab import choices as vocab_choices

FORMAT = "refterm-backup"
FORMAT_VERSION = 1
# Parents before children, so a restore never breaks a foreign key.
TABLE_ORDER = (
    "profile",
    "tag",
    "contact",
    "contact_tag",
    "ask",
    "interaction",
    "reference_use",
    "recommendation_given",
)
DERIVED = {"contact": ("sort_key", "search_text")}
MULTILINE = {"notes", "talking_points", "recommendation_text", "summary", "target_roles", "text"}
VOCABULARIES = {
    ("contact", "relationship"): Relationship,
    ("contact", "language"): Language,
    ("profile", "language"): Language,
    ("ask", "kind"): AskKind,
    ("ask", "platform"): Platform,
    ("ask", "status"): AskStatus,
    ("interaction", "channel"): Channel,
    ("interaction", "outcome"): Outcome,
    ("contact", "formality"): Formality,
    ("contact", "civility"): Civility,
    ("profile", "search_status"): SearchStatus,
}
# Columns added since the first backups: an older backup without them gets these values.
DEFAULTS = {
    ("contact", "formality"): "auto",
    ("contact", "civility"): "none",
    ("profile", "search_status"): "open",
    ("ask", "hidden"): False,
    ("recommendation_given", "hidden"): False,
}
CHECKS: dict[tuple[str, str], Callable[[str], str | None]] = {
    ("contact", "full_name"): check_name,
    ("contact", "email"): check_email,
    ("contact", "linkedin_url"): check_linkedin_url,
    ("profile", "email"): check_email,
    ("contact", "known_since"): check_known_since,
}
# (table, column) -> the table it points into
REFERENCES = {
    ("contact_tag", "contact_id"): "contact",
    ("contact_tag", "tag_id"): "tag",
    ("ask", "contact_id"): "contact",
    ("interaction", "contact_id"): "contact",
    ("interaction", "ask_id"): "ask",
    ("reference_use", "ask_id"): "ask",
    ("recommendation_given", "contact_id"): "contact",
}

Row = dict[str, Any]


@dataclass
class Backup:
    """A backup file read and checked: typed values, ready to restore or merge."""

    format_version: int
    schema_revision: str
    exported_at: str
    tables: dict[str, list[Row]] = field(default_factory=dict)


def tables() -> dict[str, Table]:
    """The SQLModel tables by name, in restore order."""
    return {name: bulk.table(name) for name in TABLE_ORDER}


def stored_columns(table: Table) -> list[str]:
    """The columns a backup holds for `table` (all but the derived ones and the edit count)."""
    left_out = (*DERIVED.get(table.name, ()), "version")
    return [c.name for c in table.columns if c.name not in left_out]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_json(database: Database, now: datetime | None = None) -> str:
    """The whole database as one JSON document (stable apart from `exported_at`)."""
    data: dict[str, list[Row]] = {}
    with reading(database) as session:
        for name, table in tables().items():
            columns = stored_columns(table)
            data[name] = [
                {column: _plain(value) for column, value in zip(columns, row, strict=True)}
                for row in bulk.typed_rows(session, name, columns)
            ]
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": HEAD,
        "exported_at": _plain(now or utc_now()),
        "tables": data,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def backup_file_json(database: Database, destination: Path | None, today: date) -> Path:
    """`refterm backup` where there is no file to copy (PostgreSQL): the JSON backup, to
    `destination` (a file, or a folder for a dated one; none: the current folder)."""
    from refterm.errors import InvalidInput
    from refterm.files import write_output

    name = f"refterm-{today.isoformat()}.json"
    if destination is None:
        target = Path.cwd() / name
    else:
        target = destination / name if destination.is_dir() else destination
    if target.exists():
        raise InvalidInput(
            _("{file} already exists; choose another destination").format(file=target)
        )
    return write_output(target, export_json(database), private=True)


def read_backup(path: Path, text: str) -> Backup:
    """Parse and check a backup completely; anything wrong refuses it, naming where."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            _("{path}: line {line}, column {column}: not valid JSON ({error})").format(
                path=path, line=error.lineno, column=error.colno, error=error.msg
            )
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRefused(
            _('{path}: not a refterm backup (it has no "format": "{format}")').format(
                path=path, format=FORMAT
            )
        )
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(_("{path}: the backup has no valid format_version").format(path=path))
    if version > FORMAT_VERSION:
        raise ImportRefused(
            _(
                "{path}: backup format {version} was written by a newer refterm "
                "(this one reads up to {known}); upgrade refterm to import it"
            ).format(path=path, version=version, known=FORMAT_VERSION)
        )
    revision = document.get("schema_revision")
    if not isinstance(revision, str) or revision not in REVISIONS:
        raise ImportRefused(
            _(
                "{path}: the backup's schema revision {revision!r} is unknown to this refterm "
                "(it knows up to {known}); upgrade refterm to import it"
            ).format(path=path, revision=revision, known=HEAD)
        )
    raw_tables = document.get("tables")
    if not isinstance(raw_tables, dict):
        raise ImportRefused(_('{path}: the backup has no "tables" object').format(path=path))
    unknown = sorted(set(raw_tables) - set(TABLE_ORDER))
    if unknown:
        raise ImportRefused(
            _("{path}: the backup holds unknown tables: {tables}").format(
                path=path, tables=", ".join(unknown)
            )
        )
    backup = Backup(version, revision, str(document.get("exported_at", "")))
    for name, table in tables().items():
        rows = raw_tables.get(name, [])
        if not isinstance(rows, list):
            raise ImportRefused(
                _("{path}: tables.{table} must be a list of rows").format(path=path, table=name)
            )
        backup.tables[name] = [
            _checked_row(path, table, index, row) for index, row in enumerate(rows, start=1)
        ]
    _check_keys(path, backup)
    return backup


def _where(path: Path, table: str, index: int, row: object) -> str:
    ident = row.get("id") if isinstance(row, dict) else None
    if ident is None:
        return _("{path}: {table} row {index}").format(path=path, table=table, index=index)
    return _("{path}: {table} row {index} (id {id})").format(
        path=path, table=table, index=index, id=ident
    )


def _checked_row(path: Path, table: Table, index: int, row: object) -> Row:
    where = _where(path, table.name, index, row)
    if not isinstance(row, dict):
        raise ImportRefused(_("{where}: a row must be an object").format(where=where))
    columns = stored_columns(table)
    unknown = sorted(set(row) - set(columns))
    if unknown:
        raise ImportRefused(
            _("{where}: unknown columns {columns}").format(where=where, columns=", ".join(unknown))
        )
    checked: Row = {}
    for name in columns:
        column = table.c[name]
        try:
            value = _typed(_python_type(column), row.get(name), table.name, name)
        except ValueError as error:
            raise ImportRefused(f"{where}: {name}: {error}") from None
        if value is None:
            value = DEFAULTS.get((table.name, name))
        if value is None and not column.nullable:
            raise ImportRefused(_("{where}: {column} is required").format(where=where, column=name))
        checked[name] = value
    return checked


def _python_type(column: Column[Any]) -> type:
    """int, date, datetime or str: what a column holds, seen through type decorators."""
    from sqlalchemy import Boolean, Date, DateTime, Integer, TypeDecorator

    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if isinstance(kind, Boolean):
        return bool
    if isinstance(kind, DateTime):
        return datetime
    if isinstance(kind, Date):
        return date
    if isinstance(kind, Integer):
        return int
    return str


def _whole(value: Any, table: str, column: str) -> int:
    """A whole number within the range policy for its column (OutOfRange is a ValueError)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(_("expected a whole number, not {value!r}").format(value=value))
    if column == "id" or column.endswith("_id"):
        return ranges.check_whole(value, ranges.ROW_IDS, _("an id"))
    if column == "keep_in_touch_days":
        return ranges.check_cadence(value)
    if column == "times_asked":
        return ranges.check_times_asked(value)
    return value


def _typed(kind: type, value: Any, table: str, column: str) -> Any:
    """One JSON value as the column's Python type, cleaned and checked as the forms would."""
    if value is None:
        return None
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError(_("expected true or false, not {value!r}").format(value=value))
        return value
    if kind is int:
        return _whole(value, table, column)
    if not isinstance(value, str):
        raise ValueError(_("expected text, not {value!r}").format(value=value))
    if kind is datetime:
        try:
            instant = datetime.fromisoformat(value)
            # A year-1 instant with an offset leaves the calendar when moved to UTC.
            ranges.check_date(instant.replace(tzinfo=None), _("an instant"))
            instant = instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant
            return ranges.check_date(instant.astimezone(UTC), _("an instant"))
        except OverflowError:
            raise ValueError(
                _("{value!r} falls outside the calendar").format(value=value)
            ) from None
        except ranges.OutOfRange:
            raise
        except ValueError:
            raise ValueError(
                _("{value!r} is not a date and time (ISO 8601)").format(value=value)
            ) from None
    if kind is date:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError(
                _("{value!r} is not a date (YYYY-MM-DD)").format(value=value)
            ) from None
        return ranges.check_date(day)
    text = clean_multiline(value) if column in MULTILINE else clean_line(value)
    vocabulary = VOCABULARIES.get((table, column))
    if vocabulary is not None and text and text not in vocab_choices(vocabulary):
        raise ValueError(
            _("{value!r} is not one of {choices}").format(
                value=text, choices=", ".join(vocab_choices(vocabulary))
            )
        )
    check = CHECKS.get((table, column))
    if check is not None:
        return check(text)
    return text or None


def _check_keys(path: Path, backup: Backup) -> None:
    """Unique ids and tag names, and every reference pointing at a row of the backup."""
    ids: dict[str, set[int]] = {}
    for name, rows in backup.tables.items():
        if "id" not in tables()[name].c:
            continue
        seen: set[int] = set()
        for index, row in enumerate(rows, start=1):
            if row["id"] in seen:
                where = _where(path, name, index, row)
                raise ImportRefused(_("{where}: the id is used twice").format(where=where))
            seen.add(row["id"])
        ids[name] = seen
    names: set[str] = set()
    for index, row in enumerate(backup.tables["tag"], start=1):
        if row["name"] in names:
            where = _where(path, "tag", index, row)
            raise ImportRefused(_("{where}: the tag name is used twice").format(where=where))
        names.add(row["name"])
    pairs: set[tuple[int, int]] = set()
    for index, row in enumerate(backup.tables["contact_tag"], start=1):
        pair = (row["contact_id"], row["tag_id"])
        if pair in pairs:
            where = _where(path, "contact_tag", index, row)
            raise ImportRefused(_("{where}: a repeated tag link").format(where=where))
        pairs.add(pair)
    for (name, column), parent in REFERENCES.items():
        for index, row in enumerate(backup.tables[name], start=1):
            value = row[column]
            if value is not None and value not in ids[parent]:
                raise ImportRefused(
                    _("{where}: {column} {value} is not a {table} of this backup").format(
                        where=_where(path, name, index, row),
                        column=column,
                        value=value,
                        table=parent,
                    )
                )
