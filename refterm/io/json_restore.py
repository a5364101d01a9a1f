"""Putting a JSON backup back: exactly (ids kept) into an empty database, or merged."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from refterm.db import bulk
from refterm.db.contacts import search_text_of
from refterm.io.incoming import ImportReport, IncomingContact
from refterm.io.json_backup import TABLE_ORDER, Backup, Row, stored_columns, tables
from refterm.io.merge import FILLABLE, ContactPlan, Progress, db_datetime
from refterm.model.text import fold


def database_is_empty(session: Session) -> bool:
    return bulk.is_empty(session, TABLE_ORDER)


def _stored(value: Any) -> Any:
    """A Python value as the text SQLAlchemy would store."""
    if isinstance(value, datetime):
        return db_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _instant_key(value: Any) -> str:
    """Stored instants in one spelling, whichever writer stored them."""
    if isinstance(value, datetime):
        return db_datetime(value)
    try:
        return db_datetime(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _tags_by_contact(backup: Backup) -> dict[int, list[str]]:
    names = {row["id"]: row["name"] for row in backup.tables["tag"]}
    tags: dict[int, list[str]] = {}
    for link in backup.tables["contact_tag"]:
        tags.setdefault(link["contact_id"], []).append(names[link["tag_id"]])
    return {contact_id: sorted(found) for contact_id, found in tags.items()}


def _counts(backup: Backup, names: Iterable[str]) -> dict[str, int]:
    return {name: len(backup.tables[name]) for name in names if backup.tables[name]}


def restore_exact(session: Session, backup: Backup, dry_run: bool) -> ImportReport:
    """Every row with its own id, into an empty database; the contacts' keys recomputed."""
    report = ImportReport(
        format="json",
        added=len(backup.tables["contact"]),
        dry_run=dry_run,
        restored=_counts(
            backup,
            ("ask", "interaction", "reference_use", "recommendation_given", "tag", "profile"),
        ),
    )
    if dry_run:
        return report
    tags = _tags_by_contact(backup)
    for name, table in tables().items():
        columns = stored_columns(table)
        rows = [tuple(_stored(row[column]) for column in columns) for row in backup.tables[name]]
        if name == "contact":
            columns = [*columns, "sort_key", "search_text"]
            rows = [
                (*values, fold(row["full_name"]), _search_text(row, tags.get(row["id"], [])))
                for values, row in zip(rows, backup.tables[name], strict=True)
            ]
        bulk.insert_rows(session, name, columns, rows)
    return report


def _search_text(row: Row, tags: list[str]) -> str:
    return search_text_of(row["full_name"], row["company"], row["title"], row["notes"], tags)


class _Additions:
    """Rows of one child table to add, with ids after the stored ones, skipping known keys."""

    def __init__(self, session: Session, table: str, known: dict[tuple[Any, ...], int]) -> None:
        self.table = table
        self.known = known
        self.next_id = bulk.next_id(session, table)
        self.rows: list[Row] = []

    def place(self, key: tuple[Any, ...], row: Row) -> int:
        """The id of the stored row with this key, or of the row added for it."""
        if key in self.known:
            return self.known[key]
        added = {**row, "id": self.next_id}
        self.known[key] = self.next_id
        self.next_id += 1
        self.rows.append(added)
        return int(added["id"])

    def write(self, session: Session) -> None:
        columns = stored_columns(tables()[self.table])
        bulk.insert_rows(
            session,
            self.table,
            columns,
            [tuple(_stored(row[column]) for column in columns) for row in self.rows],
        )


def _source_of(row: Row) -> tuple[str, str] | None:
    """The key of an imported row (where it came from), or None for one the user made."""
    source = row.get("source_key")
    return ("source", str(source)) if source else None


def _by_source(session: Session, table: str) -> dict[tuple[Any, ...], int]:
    """Stored imported rows of `table` by their source key."""
    rows = bulk.select_rows(session, table, ("id", "source_key"))
    return {("source", str(source)): int(row_id) for row_id, source in rows if source}


def _fillable(row: Row) -> dict[str, Any]:
    """The fillable fields of a backup row (None for a field the backup predates)."""
    return {name: row.get(name) for name in FILLABLE}


def merge_backup(
    session: Session,
    backup: Backup,
    now: datetime,
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportReport:
    """Add what the database lacks: new contacts, empty fields filled, asks and history added
    once (a second merge of the same backup adds nothing)."""
    plan = ContactPlan(session, now)
    tags = _tags_by_contact(backup)
    contact_ids: dict[int, int] = {}
    total = len(backup.tables["contact"])
    for done, row in enumerate(backup.tables["contact"], start=1):
        person = IncomingContact(
            where=f"contact {row['id']}",
            full_name=row["full_name"],
            tags=tuple(tags.get(row["id"], [])),
            first_known_at=row["created_at"],
            last_contacted_on=row["last_contacted_on"],
            archived_at=row["archived_at"],
            # A backup from before these fields existed has no such key.
            **_fillable(row),
        )
        contact_ids[row["id"]] = plan.take(person).id
        if progress is not None and done % 1000 == 0:
            progress(done, total)
    asks = _Additions(
        session,
        "ask",
        {
            (contact_id, kind, _instant_key(created)): ask_id
            for ask_id, contact_id, kind, created in bulk.select_rows(
                session, "ask", ("id", "contact_id", "kind", "created_at")
            )
        },
    )
    asks.known.update(_by_source(session, "ask"))
    ask_ids: dict[int, int] = {}
    for row in backup.tables["ask"]:
        contact_id = contact_ids[row["contact_id"]]
        # An imported row is the same row when it came from the same place (its source key).
        ask_key = _source_of(row) or (contact_id, row["kind"], db_datetime(row["created_at"]))
        ask_ids[row["id"]] = asks.place(ask_key, {**row, "contact_id": contact_id})
    interactions = _Additions(
        session,
        "interaction",
        {
            (contact_id, str(occurred), channel, _instant_key(created)): row_id
            for row_id, contact_id, occurred, channel, created in bulk.select_rows(
                session, "interaction", ("id", "contact_id", "occurred_on", "channel", "created_at")
            )
        },
    )
    interactions.known.update(_by_source(session, "interaction"))
    for row in backup.tables["interaction"]:
        contact_id = contact_ids[row["contact_id"]]
        ask_id = ask_ids[row["ask_id"]] if row["ask_id"] is not None else None
        interaction_key = _source_of(row) or (
            contact_id,
            row["occurred_on"].isoformat(),
            row["channel"],
            db_datetime(row["created_at"]),
        )
        interactions.place(interaction_key, {**row, "contact_id": contact_id, "ask_id": ask_id})
    uses = _Additions(
        session,
        "reference_use",
        {
            (ask_id, company, str(shared)): row_id
            for row_id, ask_id, company, shared in bulk.select_rows(
                session, "reference_use", ("id", "ask_id", "company", "shared_on")
            )
        },
    )
    for row in backup.tables["reference_use"]:
        ask_id = ask_ids[row["ask_id"]]
        key = (ask_id, row["company"], row["shared_on"].isoformat())
        uses.place(key, {**row, "ask_id": ask_id})
    given = _Additions(
        session,
        "recommendation_given",
        {
            (contact_id, str(on), text): row_id
            for row_id, contact_id, on, text in bulk.select_rows(
                session, "recommendation_given", ("id", "contact_id", "given_on", "text")
            )
        },
    )
    given.known.update(_by_source(session, "recommendation_given"))
    for row in backup.tables["recommendation_given"]:
        contact_id = contact_ids[row["contact_id"]]
        on = row["given_on"].isoformat() if row["given_on"] else "None"  # untranslated: a key
        given.place(_source_of(row) or (contact_id, on, row["text"]),
                    {**row, "contact_id": contact_id})  # fmt: skip
    profile_changed = _merge_profile(session, backup, dry_run)
    if not dry_run:
        plan.write()
        for additions in (asks, interactions, uses, given):
            additions.write(session)
    restored = {
        "ask": len(asks.rows),
        "interaction": len(interactions.rows),
        "reference_use": len(uses.rows),
        "recommendation_given": len(given.rows),
        "profile": int(profile_changed),
    }
    return ImportReport(
        format="json",
        added=plan.added,
        merged=plan.merged,
        unchanged=plan.unchanged,
        archived=plan.archived,
        dry_run=dry_run,
        repeated=plan.repeated,
        restored={name: count for name, count in restored.items() if count},
    )


def _merge_profile(session: Session, backup: Backup, dry_run: bool) -> bool:
    """Fill the stored profile's empty fields from the backup's (or add it when there is none)."""
    if not backup.tables["profile"]:
        return False
    incoming = backup.tables["profile"][0]
    columns = [column for column in stored_columns(tables()["profile"]) if column != "id"]
    found = bulk.select_rows(session, "profile", ["id", *columns], first_only=True)
    if not found:
        if not dry_run:
            values = tuple(incoming[column] for column in columns)
            bulk.insert_rows(session, "profile", columns, [values])
        return True
    stored = found[0]
    filled = {
        column: incoming[column]
        for column, value in zip(columns, stored[1:], strict=True)
        if value in (None, "") and incoming[column] is not None
    }
    if filled and not dry_run:
        bulk.update_rows(session, "profile", list(filled), [(*filled.values(), stored[0])])
    return bool(filled)
