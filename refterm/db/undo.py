"""Undoing a journaled change: check that nothing later depends on it, then put rows back.

A row the change touched must still be as the change left it (its digest), and a row it
added must not be used by any other row since; otherwise the undo is refused in one line,
naming the later change to undo first. Rows come back parents first, and the ones it added
go children first, so foreign keys hold throughout. A bulk insert's rows are runs of ids
(`_Span`): no later change may touch or refer to any id inside, and they go by range.
"""

from __future__ import annotations

import json
from bisect import bisect_right
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
    span_size,
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


@dataclass(frozen=True)
class _Span:
    """Rows a bulk insert added, ids `first` to `last`: not read back, deleted by range."""

    table: str
    first: int
    last: int


def _entry(row: Any) -> ChangeEntry:
    made_at = row[2] if isinstance(row[2], datetime) else datetime.fromisoformat(str(row[2]))
    return ChangeEntry(int(row[0]), str(row[1]), made_at, str(row[3]), int(row[4]))


_CHANGES = (
    "SELECT change.id, label, made_at, source, coalesce(sum(CASE"
    f" WHEN change_row.after_digest LIKE '{UNREAD}_%'"
    " THEN CAST(substr(change_row.after_digest, 2) AS INTEGER) ELSE 1 END), 0) FROM change"
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


def _rows(session: Session, change_id: int) -> tuple[list[_Row], list[_Span]]:
    found = session.connection().execute(
        text(
            "SELECT table_name, row_key, before_image, after_digest FROM change_row"
            " WHERE change_id = :id ORDER BY id"
        ),
        {"id": change_id},
    )
    rows: list[_Row] = []
    spans: list[_Span] = []
    for table, key, before, after in found:
        decoded = decode_key(key)
        if after is not None and after.startswith(UNREAD) and len(decoded) == 1:
            first = int(decoded[0])
            spans.append(_Span(table, first, first + span_size(after) - 1))
        else:
            rows.append(_Row(table, decoded, None if before is None else json.loads(before), after))
    by_table: dict[str, list[_Row]] = {}
    for row in rows:
        by_table.setdefault(row.table, []).append(row)
    for table, group in by_table.items():
        now = read_images(session, table, [row.key for row in group])
        for row in group:
            row.now = now.get(row.key)
    return rows, spans


class _SpanIndex:
    """Spans by table, to find the first id of a span inside a range of ids."""

    def __init__(self, spans: list[_Span]) -> None:
        self.by_table: dict[str, list[tuple[int, int]]] = {}
        for span in spans:
            self.by_table.setdefault(span.table, []).append((span.first, span.last))
        for runs in self.by_table.values():
            runs.sort()

    def first_within(self, table: str, low: int, high: int) -> int | None:
        """The smallest id held by a span of `table` between `low` and `high` (None: none)."""
        runs = self.by_table.get(table, [])
        at = max(bisect_right(runs, (low, float("inf"))) - 1, 0)
        for first, last in runs[at:]:
            if first > high:
                return None
            if last >= low:
                return max(first, low)
        return None

    def holds(self, table: str, key: RowKey) -> bool:
        if len(key) != 1 or not isinstance(key[0], int):
            return False
        return self.first_within(table, key[0], key[0]) is not None


def _later_changes(
    session: Session, change_id: int, rows: list[_Row], spans: list[_Span]
) -> dict[tuple[str, RowKey], str]:
    """For each row of this change that a later change touched, the newest such change's label.

    A row inside a span is named by its own id (the first one a later change touched).
    """
    tables = sorted({row.table for row in rows} | {span.table for span in spans})
    if not tables:
        return {}
    marks = ", ".join(f":t{index}" for index in range(len(tables)))
    found = session.connection().execute(
        text(
            "SELECT change_row.table_name, change_row.row_key, change_row.after_digest,"
            " change.label FROM change_row JOIN change ON change.id = change_row.change_id"
            f" WHERE change_row.change_id > :id AND change_row.table_name IN ({marks})"
            " ORDER BY change.id"
        ),
        {"id": change_id, **{f"t{index}": table for index, table in enumerate(tables)}},
    )
    mine = {(row.table, row.key) for row in rows}
    mine_by_id: dict[str, list[int]] = {}
    for row in rows:
        if len(row.key) == 1 and isinstance(row.key[0], int):
            mine_by_id.setdefault(row.table, []).append(row.key[0])
    index = _SpanIndex(spans)
    later: dict[tuple[str, RowKey], str] = {}
    for table, stored_key, after, change_label in found:
        key = decode_key(stored_key)
        if (table, key) in mine:
            later[(table, key)] = str(change_label)
        if len(key) != 1 or not isinstance(key[0], int):
            continue
        low, high = key[0], key[0] + span_size(after) - 1
        if high > low:  # a later bulk insert: any of my rows among its ids
            for value in mine_by_id.get(table, []):
                if low <= value <= high:
                    later[(table, (value,))] = str(change_label)
        inside = index.first_within(table, low, high)
        if inside is not None:
            later[(table, (inside,))] = str(change_label)
    return later


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


def _span_users(session: Session, span: _Span) -> list[tuple[str, RowKey, Any]]:
    """The rows of other tables that refer to a span's rows: (table, key, the value referred to)."""
    found: list[tuple[str, RowKey, Any]] = []
    connection = session.connection()
    for child, column, _parent in _references(span.table):
        names = key_columns(child)
        sql = (
            f"SELECT {', '.join(names)}, {column} FROM {child}"
            f" WHERE {column} BETWEEN :first AND :last"
        )
        for row in connection.execute(text(sql), {"first": span.first, "last": span.last}):
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


def _check(session: Session, entry: ChangeEntry, rows: list[_Row], spans: list[_Span]) -> None:
    label_ = entry.label
    later = _later_changes(session, entry.id, rows, spans)
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
    index = _SpanIndex(spans)
    for (table, key), later_label in later.items():
        if index.holds(table, key):  # added by a bulk insert, touched by a later change
            now = read_images(session, table, [key]).get(key)
            what = _what(session, _Row(table, key, None, UNREAD, now))
            raise CannotUndo(
                _(
                    "cannot undo '{label}': {what} was changed after it ('{later}');"
                    " undo that first"
                ).format(label=label_, what=what, later=later_label)
            )
    own = {(row.table, row.key) for row in rows}
    added: dict[str, list[_Row]] = {}
    for row in rows:
        if row.before is None and row.now is not None:
            added.setdefault(row.table, []).append(row)
    users_of: list[tuple[str, list[tuple[str, RowKey, Any]]]] = [
        (table, _users(session, table, [row.key for row in group]))
        for table, group in added.items()
    ] + [(span.table, _span_users(session, span)) for span in spans]
    for table, found in users_of:
        users = [user for user in found
                 if user[:2] not in own and not index.holds(user[0], user[1])]  # fmt: skip
        if users:
            parent_key = (users[0][2],)
            parent = next((row for row in added.get(table, []) if row.key == parent_key), None)
            if parent is None:
                now = read_images(session, table, [parent_key]).get(parent_key)
                parent = _Row(table, parent_key, None, UNREAD, now)
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


def _put_back(session: Session, rows: list[_Row], spans: list[_Span]) -> None:
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
        ranges = [{"first": span.first, "last": span.last} for span in spans
                  if span.table == table]  # fmt: skip
        if ranges:
            sql = f"DELETE FROM {table} WHERE {keys[0]} BETWEEN :first AND :last"
            connection.execute(text(sql), ranges)


def undo_change(session: Session, change_id: int) -> ChangeEntry:
    """Put back every row the change touched and forget it; refused when later ones depend on it."""
    entry = change(session, change_id)
    if entry is None:
        raise CannotUndo(
            _("no change has id {id} (refterm undo --list shows them)").format(id=change_id)
        )
    rows, spans = _rows(session, change_id)
    _check(session, entry, rows, spans)
    try:
        _put_back(session, rows, spans)
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
