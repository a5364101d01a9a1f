"""The change journal: each unit of work's row images, kept so that it can be undone.

A `Journal` rides on a writing session (`session.info`). Before a row is first changed in the
transaction, its stored image is read (the ORM's flush events for ORM writes, `db.bulk` for
hand-written ones); at commit, each touched row is read again and one `change` is written with
a `change_row` per row that really changed: the image before (NULL: it did not exist) and a
digest of the image after (NULL: it no longer exists). Undo (`db.undo`) restores the images
before, once the digests show nothing changed those rows since.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, event, inspect, text
from sqlmodel import Session, SQLModel

from refterm.db import models

# The journal keeps at least this many changes; older ones are pruned as new ones come.
KEEP = 50
# The digest of a row a bulk insert added: not read back (an import of 50,000 rows would take
# three times as long); undo then relies on the journal to know whether it changed since.
UNREAD = "+"
# Rows a bulk insert added with consecutive ids are one `change_row`: the first id as its key and
# "+N" as its digest, for N rows (a row per key made a 50,000-row import 25% slower).
JOURNAL = "refterm_journal"
RowKey = tuple[Any, ...]
Image = dict[str, Any]
_CHUNK = 500
_recorded = threading.local()


@functools.cache
def journaled_tables() -> dict[str, Table]:
    """The user's tables, parents before children (the order rows are restored in)."""
    return {
        table.name: table
        for table in SQLModel.metadata.sorted_tables
        if table.name not in models.JOURNAL_TABLES
    }


def key_columns(table: str) -> list[str]:
    return list(_key_columns(table))


@functools.cache
def _key_columns(table: str) -> tuple[str, ...]:
    return tuple(column.name for column in journaled_tables()[table].primary_key.columns)


def encode_key(key: RowKey) -> str:
    return json.dumps(list(key), default=str)


def decode_key(stored: str) -> RowKey:
    return tuple(json.loads(stored))


def digest(image: Image | None) -> str | None:
    if image is None:
        return None
    flat = json.dumps(image, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(flat.encode("utf-8"), usedforsecurity=False).hexdigest()


def read_images(session: Session, table: str, keys: Sequence[RowKey]) -> dict[RowKey, Image]:
    """The stored rows of `table` with these keys, as the driver returns them."""
    columns = key_columns(table)
    found: dict[RowKey, Image] = {}
    connection = session.connection()
    if len(columns) == 1:
        name = columns[0]
        for start in range(0, len(keys), _CHUNK):
            chunk = [key[0] for key in keys[start : start + _CHUNK]]
            marks = ", ".join(f":k{index}" for index in range(len(chunk)))
            params = {f"k{index}": value for index, value in enumerate(chunk)}
            sql = f"SELECT * FROM {table} WHERE {name} IN ({marks})"
            result = connection.execute(text(sql), params)
            names = list(result.keys())
            place = names.index(name)
            for row in result:
                found[(row[place],)] = dict(zip(names, row, strict=True))
        return found
    where = " AND ".join(f"{name} = :{name}" for name in columns)
    for key in keys:
        sql = f"SELECT * FROM {table} WHERE {where}"
        result = connection.execute(text(sql), dict(zip(columns, key, strict=True)))
        first = result.mappings().first()
        if first is not None:
            found[key] = dict(first)
    return found


def span_size(after_digest: str | None) -> int:
    """How many rows a `change_row` stands for: N for "+N" (consecutive ids added), else 1."""
    if after_digest and after_digest.startswith(UNREAD) and len(after_digest) > 1:
        return int(after_digest[1:])
    return 1


def id_spans(ids: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted ids as runs of consecutive ones: (first, last) each."""
    spans: list[tuple[int, int]] = []
    for value in sorted(set(ids)):
        if spans and spans[-1][1] == value - 1:
            spans[-1] = (spans[-1][0], value)
        else:
            spans.append((value, value))
    return spans


class Spans:
    """Ids added by bulk inserts, per table, as runs of consecutive ids."""

    def __init__(self) -> None:
        self.by_table: dict[str, list[tuple[int, int]]] = {}

    def add(self, table: str, spans: Iterable[tuple[int, int]]) -> None:
        known = self.by_table.setdefault(table, [])
        known.extend(spans)
        known.sort()
        merged: list[tuple[int, int]] = []
        for first, last in known:
            if merged and first <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
            else:
                merged.append((first, last))
        self.by_table[table] = merged

    def holds(self, table: str, key: RowKey) -> bool:
        spans = self.by_table.get(table)
        if not spans or len(key) != 1 or not isinstance(key[0], int):
            return False
        at = bisect_right(spans, (key[0], float("inf"))) - 1
        return at >= 0 and spans[at][0] <= key[0] <= spans[at][1]


def describe_key(table: str, key: RowKey) -> str:
    return f"{table} {'/'.join(str(part) for part in key)}"


@dataclass
class Touched:
    table: str
    key: RowKey
    before: Image | None
    read_after: bool = True


class Journal:
    """The rows one unit of work touched, with their images before it."""

    def __init__(self, session: Session, label: str | None, source: str) -> None:
        self.session = session
        self.label = label
        self.source = source
        self.touched: dict[tuple[str, RowKey], Touched] = {}
        self.added = Spans()

    def touch(self, table: str, keys: Iterable[RowKey]) -> None:
        """Rows about to be updated or deleted: keep their images as they are now."""
        fresh = [
            key
            for key in dict.fromkeys(keys)
            if (table, key) not in self.touched and not self.added.holds(table, key)
        ]
        if not fresh:
            return
        images = read_images(self.session, table, fresh)
        for key in fresh:
            self.touched[(table, key)] = Touched(table, key, images.get(key))

    def inserted(self, table: str, keys: Iterable[RowKey], read_after: bool = True) -> None:
        """Rows this unit of work added (unless it had already seen them).

        `read_after=False` (bulk inserts): only their keys are kept, not their digest.
        """
        for key in keys:
            self.touched.setdefault((table, key), Touched(table, key, None, read_after))

    def inserted_ids(self, table: str, spans: Iterable[tuple[int, int]]) -> None:
        """Rows a bulk insert added to a table keyed by one integer id: (first, last) runs."""
        self.added.add(table, spans)

    def touch_deleted(self, table: str, key: RowKey) -> None:
        """A row about to be deleted, and the rows the database deletes or clears with it."""
        if (table, key) in self.touched and self.touched[(table, key)].before is None:
            return
        if self.added.holds(table, key):
            return
        self.touch(table, [key])
        for child, column, cascade in _references(table):
            child_keys = _referencing(self.session, child, column, key[0])
            if cascade:
                for child_key in child_keys:
                    self.touch_deleted(child, child_key)
            else:
                self.touch(child, child_keys)

    def record(self, made_at: datetime) -> int | None:
        """Write the change and its rows (nothing when no row really changed); prune old ones."""
        by_table: dict[str, list[RowKey]] = {}
        for table, key in self.touched:
            by_table.setdefault(table, []).append(key)
        rows: list[tuple[Touched, Image | None]] = []
        unread: list[Touched] = []
        for table, keys in by_table.items():
            read = [key for key in keys if self.touched[(table, key)].read_after]
            after = read_images(self.session, table, read)
            for key in read:
                item = self.touched[(table, key)]
                now = after.get(key)
                if now != item.before:
                    rows.append((item, now))
            unread.extend(
                self.touched[(table, key)]
                for key in keys
                if not self.touched[(table, key)].read_after
            )
        if not rows and not unread and not self.added.by_table:
            return None
        from refterm.db.change_words import change_label

        label = self.label or change_label(self.session, [(i.table, i.before, a) for i, a in rows])
        connection = self.session.connection()
        change_id = connection.execute(
            text(
                "INSERT INTO change (label, made_at, source) VALUES (:label, :made_at, :source)"
                " RETURNING id"
            ),
            {"label": label, "made_at": _stored(made_at), "source": self.source},
        ).scalar_one()
        connection.execute(
            text(
                "INSERT INTO change_row"
                " (change_id, table_name, row_key, before_image, after_digest)"
                " VALUES (:change, :table, :key, :before, :after)"
            ),
            [
                {
                    "change": change_id,
                    "table": item.table,
                    "key": encode_key(item.key),
                    "before": None
                    if item.before is None
                    else json.dumps(item.before, default=str, ensure_ascii=False),
                    "after": digest(after),
                }
                for item, after in rows
            ]
            + [
                {"change": change_id, "table": item.table, "key": encode_key(item.key),
                 "before": None, "after": UNREAD}
                for item in unread
            ]
            + [
                {"change": change_id, "table": table, "key": encode_key((first,)),
                 "before": None, "after": f"{UNREAD}{last - first + 1}"}
                for table, spans in self.added.by_table.items()
                for first, last in spans
            ],
        )  # fmt: skip
        prune(self.session)
        _recorded.change_id = int(change_id)
        return int(change_id)


def _stored(instant: datetime) -> str:
    """An instant as SQLAlchemy stores a naive UTC DateTime in SQLite."""
    return instant.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def prune(session: Session, keep: int = KEEP) -> None:
    """Forget all but the newest `keep` changes."""
    connection = session.connection()
    oldest_kept = connection.execute(
        text("SELECT id FROM change ORDER BY id DESC LIMIT 1 OFFSET :skip"), {"skip": keep - 1}
    ).scalar()
    if oldest_kept is not None:
        old = "SELECT id FROM change WHERE id < :oldest"
        connection.execute(
            text(f"DELETE FROM change_row WHERE change_id IN ({old})"), {"oldest": oldest_kept}
        )
        connection.execute(text("DELETE FROM change WHERE id < :oldest"), {"oldest": oldest_kept})


def _references(table: str) -> list[tuple[str, str, bool]]:
    """(child table, its column, deleted with the parent) for each foreign key to `table`."""
    found = []
    for child in journaled_tables().values():
        for key in child.foreign_keys:
            if key.column.table.name == table:
                found.append((child.name, key.parent.name, key.ondelete == "CASCADE"))
    return found


def _referencing(session: Session, child: str, column: str, value: Any) -> list[RowKey]:
    names = key_columns(child)
    sql = f"SELECT {', '.join(names)} FROM {child} WHERE {column} = :value"
    return [tuple(row) for row in session.connection().execute(text(sql), {"value": value})]


def journal_of(session: Session) -> Journal | None:
    journal = session.info.get(JOURNAL)
    return journal if isinstance(journal, Journal) else None


def take_recorded() -> int | None:
    """The change this thread recorded last (and forget it): did the job leave an undo step?"""
    change_id: int | None = getattr(_recorded, "change_id", None)
    _recorded.change_id = None
    return change_id


def _table_and_key(instance: object) -> tuple[str, RowKey] | None:
    table = getattr(instance, "__tablename__", None)
    if not isinstance(table, str) or table not in journaled_tables():
        return None
    key = inspect(instance).mapper.primary_key_from_instance(instance)
    if any(part is None for part in key):
        return None
    return table, tuple(key)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    journal = journal_of(session)
    if journal is None:
        return
    for instance in session.deleted:
        found = _table_and_key(instance)
        if found is not None:
            journal.touch_deleted(*found)
    for instance in session.dirty:
        found = _table_and_key(instance)
        if found is not None:
            journal.touch(found[0], [found[1]])


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    journal = journal_of(session)
    if journal is None:
        return
    for instance in session.new:
        found = _table_and_key(instance)
        if found is not None:
            journal.inserted(found[0], [found[1]])
