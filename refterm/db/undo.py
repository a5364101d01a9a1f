"""Undoing a journaled change: check that nothing later depends on it, then put rows back.

A row the change touched must still be as the change left it (its digest), and a row it
added must not be used by any other row since; otherwise the undo is refused in one line,
naming the later change to undo first. Rows come back parents first, and the ones it added
go children first, so foreign keys hold throughout.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from refterm.db.journal import (
    UNREAD,
    Image,
    RowKey,
    _references,
    decode_key,
    digest,
    encode_key,
    journaled_tables,
    key_columns,
    read_images,
)
from refterm.errors import CannotUndo
from refterm.model.i18n import _, pgettext
from refterm.model.vocab import AskKind, Channel, label


@dataclass(frozen=True)
class ChangeEntry:
    """One change in the journal, as `refterm undo --list` shows it."""

    id: int
    label: str
    made_at: datetime
    source: str
    rows: int


@dataclass
class _Row:
    table: str
    key: RowKey
    before: Image | None
    after_digest: str | None
    now: Image | None = None


def _entry(row: Any) -> ChangeEntry:
    made_at = row[2] if isinstance(row[2], datetime) else datetime.fromisoformat(str(row[2]))
    return ChangeEntry(int(row[0]), str(row[1]), made_at, str(row[3]), int(row[4]))


_CHANGES = (
    "SELECT change.id, label, made_at, source, count(change_row.id) FROM change"
    " LEFT JOIN change_row ON change_row.change_id = change.id"
)


def changes(session: Session, limit: int = 50, source: str | None = None) -> list[ChangeEntry]:
    """The newest changes first (of one source when given)."""
    where = " WHERE source = :source" if source else ""
    sql = (
        f"{_CHANGES}{where} GROUP BY change.id"  # untranslated: SQL
        " ORDER BY change.id DESC LIMIT :limit"
    )
    found = session.connection().execute(text(sql), {"source": source, "limit": limit})
    return [_entry(row) for row in found]


def change(session: Session, change_id: int) -> ChangeEntry | None:
    sql = f"{_CHANGES} WHERE change.id = :id GROUP BY change.id"  # untranslated: SQL
    row = session.connection().execute(text(sql), {"id": change_id}).first()
    return None if row is None else _entry(row)


def _rows(session: Session, change_id: int) -> list[_Row]:
    found = session.connection().execute(
        text(
            "SELECT table_name, row_key, before_image, after_digest FROM change_row"
            " WHERE change_id = :id ORDER BY id"
        ),
        {"id": change_id},
    )
    rows = [
        _Row(table, decode_key(key), None if before is None else json.loads(before), after)
        for table, key, before, after in found
    ]
    by_table: dict[str, list[_Row]] = {}
    for row in rows:
        by_table.setdefault(row.table, []).append(row)
    for table, group in by_table.items():
        now = read_images(session, table, [row.key for row in group])
        for row in group:
            row.now = now.get(row.key)
    return rows


def _later_changes(session: Session, change_id: int) -> dict[tuple[str, RowKey], str]:
    """For each row of this change that a later change touched, the newest such change's label."""
    found = session.connection().execute(
        text(
            "SELECT later.table_name, later.row_key, change.label FROM change_row AS mine"
            " JOIN change_row AS later ON later.table_name = mine.table_name"
            " AND later.row_key = mine.row_key AND later.change_id > mine.change_id"
            " JOIN change ON change.id = later.change_id"
            " WHERE mine.change_id = :id ORDER BY change.id"
        ),
        {"id": change_id},
    )
    return {(table, decode_key(key)): str(label) for table, key, label in found}


def _users(session: Session, table: str, keys: list[RowKey]) -> list[tuple[str, RowKey, Any]]:
    """The rows of other tables that refer to these rows: (table, key, the value referred to)."""
    found: list[tuple[str, RowKey, Any]] = []
    connection = session.connection()
    values = [key[0] for key in keys]
    for child, column, _kind in _references(table):
        names = key_columns(child)
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            marks = ", ".join(f":v{index}" for index in range(len(chunk)))
            sql = f"SELECT {', '.join(names)}, {column} FROM {child} WHERE {column} IN ({marks})"
            params = {f"v{index}": value for index, value in enumerate(chunk)}
            for row in connection.execute(text(sql), params):
                found.append((child, tuple(row[:-1]), row[-1]))
    return found


def _what(session: Session, row: _Row) -> str:
    """The row in the user's words: a name, an ask, an interaction."""
    image = row.now or row.before or {}
    if row.table == "contact":
        return str(image.get("full_name") or _("the contact"))
    contact_id = image.get("contact_id")
    if contact_id is None and row.table == "reference_use":
        return _("the reference given to {company}").format(company=image.get("company"))
    name = (
        session.connection()
        .execute(text("SELECT full_name FROM contact WHERE id = :id"), {"id": contact_id})
        .scalar()
    )
    if row.table == "ask":
        kind = label(AskKind, image.get("kind"))
        if name and kind:
            return _("{name}'s {kind} ask").format(name=name, kind=kind)
        if name:
            return _("{name}'s ask").format(name=name)
        return _("{kind} ask").format(kind=kind) if kind else pgettext("ask kind", "ask")
    if row.table == "interaction":
        channel = label(Channel, image.get("channel")) or pgettext("channel", "interaction")
        day = image.get("occurred_on")
        if name:
            return _("{name}'s {channel} of {day}").format(name=name, channel=channel, day=day)
        return _("{channel} of {day}").format(channel=channel, day=day)
    if row.table == "tag":
        return _("the tag {tag}").format(tag=repr(image.get("name")))
    if row.table == "contact_tag":
        return _("{name}'s tags").format(name=name) if name else _("tags")
    return _("the {table}").format(table=row.table)


def _check(session: Session, entry: ChangeEntry, rows: list[_Row]) -> None:
    label_ = entry.label
    later = _later_changes(session, entry.id)
    for row in rows:
        if row.after_digest == UNREAD:
            changed = (row.table, row.key) in later  # added by a bulk insert: the journal knows
        else:
            changed = digest(row.now) != row.after_digest
        if changed:
            what = _what(session, row)
            if (row.table, row.key) not in later:
                raise CannotUndo(
                    _(
                        "cannot undo '{label}': {what} was changed since, outside the journal"
                    ).format(label=label_, what=what)
                )
            raise CannotUndo(
                _(
                    "cannot undo '{label}': {what} was changed after it ('{later}');"
                    " undo that first"
                ).format(label=label_, what=what, later=later[(row.table, row.key)])
            )
    own = {(row.table, row.key) for row in rows}
    added: dict[str, list[_Row]] = {}
    for row in rows:
        if row.before is None and row.now is not None:
            added.setdefault(row.table, []).append(row)
    for table, group in added.items():
        users = [user for user in _users(session, table, [row.key for row in group])
                 if user[:2] not in own]  # fmt: skip
        if users:
            parent = next(row for row in group if row.key[0] == users[0][2])
            what = _what(session, parent)
            newer = _newest_touching(session, entry.id, [user[:2] for user in users])
            if newer:
                raise CannotUndo(
                    _(
                        "cannot undo '{label}': {what} is used by a later change ('{later}');"
                        " undo that first"
                    ).format(label=label_, what=what, later=newer)
                )
            raise CannotUndo(
                _("cannot undo '{label}': {what} is used by a later change").format(
                    label=label_, what=what
                )
            )


def _newest_touching(
    session: Session, change_id: int, rows: list[tuple[str, RowKey]]
) -> str | None:
    for table, key in rows[:50]:
        label = (
            session.connection()
            .execute(
                text(
                    "SELECT change.label FROM change_row"
                    " JOIN change ON change.id = change_row.change_id"
                    " WHERE change_row.table_name = :table AND change_row.row_key = :key"
                    " AND change.id > :id ORDER BY change.id DESC LIMIT 1"
                ),
                {"table": table, "key": encode_key(key), "id": change_id},
            )
            .scalar()
        )
        if label is not None:
            return str(label)
    return None


def _put_back(session: Session, rows: list[_Row]) -> None:
    """Restore, then update, then delete: each as one executemany per table."""
    connection = session.connection()
    tables = list(journaled_tables())
    for table in tables:  # parents first: a restored row's parent is back before it
        restored = [row.before for row in rows if row.table == table and row.before is not None
                    and row.now is None]  # fmt: skip
        if restored:
            names = list(restored[0])
            sql = (
                f"INSERT INTO {table} ({', '.join(names)})"
                f" VALUES ({', '.join(f':{name}' for name in names)})"
            )
            connection.execute(text(sql), restored)
    for table in tables:
        updated = [row.before for row in rows if row.table == table and row.before is not None
                   and row.now is not None]  # fmt: skip
        if updated:
            keys = key_columns(table)
            names = [name for name in updated[0] if name not in keys]
            assignments = ", ".join(f"{name} = :{name}" for name in names)
            where = " AND ".join(f"{name} = :{name}" for name in keys)
            connection.execute(text(f"UPDATE {table} SET {assignments} WHERE {where}"), updated)
    for table in reversed(tables):  # children first: nothing is left pointing at a deleted row
        keys = key_columns(table)
        added = [dict(zip(keys, row.key, strict=True)) for row in rows
                 if row.table == table and row.before is None and row.now is not None]  # fmt: skip
        if added:
            where = " AND ".join(f"{name} = :{name}" for name in keys)
            connection.execute(text(f"DELETE FROM {table} WHERE {where}"), added)


def undo_change(session: Session, change_id: int) -> ChangeEntry:
    """Put back every row the change touched and forget it; refused when later ones depend on it."""
    entry = change(session, change_id)
    if entry is None:
        raise CannotUndo(
            _("no change has id {id} (refterm undo --list shows them)").format(id=change_id)
        )
    rows = _rows(session, change_id)
    _check(session, entry, rows)
    try:
        _put_back(session, rows)
    except IntegrityError as error:
        raise CannotUndo(
            _("cannot undo '{label}': the rows it touched no longer fit ({error})").format(
                label=entry.label, error=error.orig
            )
        ) from None
    forget(session, change_id)
    return entry


def forget(session: Session, change_id: int) -> None:
    connection = session.connection()
    connection.execute(text("DELETE FROM change_row WHERE change_id = :id"), {"id": change_id})
    connection.execute(text("DELETE FROM change WHERE id = :id"), {"id": change_id})
