"""What a change was, in the user's words, read from the rows it touched ("Omar Tazi archived").

Writes that name themselves (bulk actions, imports) pass their own label; every other write
is described here, so a new kind of write is undoable, and named, without doing anything.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from refterm.model.plural import counted

Image = dict[str, Any]
RowChange = tuple[str, Image | None, Image | None]  # table, before, after


def _what(before: Image | None, after: Image | None) -> str:
    if before is None:
        return "added"
    if after is None:
        return "deleted"
    return "edited"


def _name(session: Session, contact_id: Any, images: list[RowChange]) -> str:
    for table, before, after in images:
        image = after or before
        if table == "contact" and image is not None and image.get("id") == contact_id:
            return str(image.get("full_name") or "someone")
    found = session.connection().execute(
        text("SELECT full_name FROM contact WHERE id = :id"), {"id": contact_id}
    )
    return str(found.scalar() or "someone")


# Columns other writes move on a contact (a logged call, an ask move): not a contact edit.
BOOKKEEPING = frozenset({"last_contacted_on", "updated_at", "version"})


def _meaningful(change: RowChange) -> bool:
    _, before, after = change
    if before is None or after is None:
        return True
    return any(before.get(column) != after.get(column) for column in after.keys() - BOOKKEEPING)


def _contact_label(session: Session, changes: list[RowChange]) -> str:
    whats = []
    for _, before, after in changes:
        what = _what(before, after)
        if what == "edited" and before is not None and after is not None:
            if before.get("archived_at") is None and after.get("archived_at") is not None:
                what = "archived"
            elif before.get("archived_at") is not None and after.get("archived_at") is None:
                what = "unarchived"
        whats.append(what)
    if len(changes) == 1:
        _, before, after = changes[0]
        image = after or before or {}
        return f"{image.get('full_name') or 'someone'} {whats[0]}"
    if len(set(whats)) == 1:
        return f"{counted(len(changes), 'contact', 'contacts')} {whats[0]}"
    return f"{counted(len(changes), 'contact', 'contacts')} changed"


def _ask_label(session: Session, change: RowChange, everything: list[RowChange]) -> str:
    _, before, after = change
    image = after or before or {}
    name = _name(session, image.get("contact_id"), everything)
    kind = image.get("kind") or "ask"
    if before is None or after is None:
        return f"{kind} ask {_what(before, after)} for {name}"
    if before.get("status") != after.get("status"):
        return f"{name}'s {kind} ask marked {after.get('status')}"
    if before.get("thanked_on") != after.get("thanked_on") and after.get("thanked_on"):
        return f"{name} thanked"
    changed = {column for column in after if before.get(column) != after.get(column)}
    if changed <= {"follow_up_on", "updated_at", "version"}:
        when = after.get("follow_up_on")
        return f"{name}'s follow-up moved to {when}" if when else f"{name}'s follow-up cleared"
    return f"{name}'s {kind} ask edited"


def change_label(session: Session, changes: list[RowChange]) -> str:
    """One short line for the change, from its most telling rows."""
    by_table: dict[str, list[RowChange]] = {}
    for change in changes:
        by_table.setdefault(change[0], []).append(change)
    contacts = [change for change in by_table.get("contact", []) if _meaningful(change)]
    if contacts or set(by_table) == {"contact"}:
        return _contact_label(session, contacts or by_table["contact"])
    asks = by_table.get("ask", [])
    if len(asks) == 1:
        return _ask_label(session, asks[0], changes)
    if asks:
        return f"{counted(len(asks), 'ask', 'asks')} changed"
    uses = by_table.get("reference_use", [])
    if uses:
        _, before, after = uses[0]
        image = after or before or {}
        company = image.get("company") or "an employer"
        if before is not None and after is not None and after.get("briefed_on"):
            return f"briefing before {company} noted"
        return f"reference given to {company} {_what(before, after)}"
    interactions = by_table.get("interaction", [])
    if interactions:
        _, before, after = interactions[0]
        image = after or before or {}
        name = _name(session, image.get("contact_id"), changes)
        if len(interactions) > 1:
            return f"{counted(len(interactions), 'interaction', 'interactions')} with {name}"
        what = "logged" if before is None else _what(before, after)
        return f"{image.get('channel') or 'interaction'} with {name} {what}"
    if "profile" in by_table:
        return "profile edited"
    return "tags edited"
