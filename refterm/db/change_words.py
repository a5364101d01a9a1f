"""What a change was, in the user's words, read from the rows it touched ("Omar Tazi archived").

Writes that name themselves (bulk actions, imports) pass their own label; every other write
is described here, so a new kind of write is undoable, and named, without doing anything.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from refterm.model.i18n import _, pgettext
from refterm.model.plural import counted
from refterm.model.vocab import AskKind, AskStatus, Channel, label

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
            return str(image.get("full_name") or _("someone"))
    found = session.connection().execute(
        text("SELECT full_name FROM contact WHERE id = :id"), {"id": contact_id}
    )
    return str(found.scalar() or _("someone"))


# Columns other writes move on a contact (a logged call, an ask move): not a contact edit.
BOOKKEEPING = frozenset({"last_contacted_on", "updated_at", "version"})


def _meaningful(change: RowChange) -> bool:
    _table, before, after = change
    if before is None or after is None:
        return True
    return any(before.get(column) != after.get(column) for column in after.keys() - BOOKKEEPING)


def _contact_label(session: Session, changes: list[RowChange]) -> str:
    whats = []
    for _table, before, after in changes:
        what = _what(before, after)
        if what == "edited" and before is not None and after is not None:
            if before.get("archived_at") is None and after.get("archived_at") is not None:
                what = "archived"
            elif before.get("archived_at") is not None and after.get("archived_at") is None:
                what = "unarchived"
        whats.append(what)
    if len(changes) == 1:
        _table, before, after = changes[0]
        name = (after or before or {}).get("full_name") or _("someone")
        return _contact_sentence(whats[0], name)
    count = len(changes)
    if len(set(whats)) == 1:
        return _contacts_sentence(whats[0], count)
    return counted(count, "{count} contact changed", "{count} contacts changed")


def _contact_sentence(what: str, name: str) -> str:
    """'Omar Tazi archived'; each a whole sentence (French agrees with 'contact', not the name)."""
    sentences = {
        "added": _("{name} added"),
        "deleted": _("{name} deleted"),
        "edited": _("{name} edited"),
        "archived": _("{name} archived"),
        "unarchived": _("{name} unarchived"),
    }
    return sentences[what].format(name=name)


def _contacts_sentence(what: str, count: int) -> str:
    if what == "added":
        return counted(count, "{count} contact added", "{count} contacts added")
    if what == "deleted":
        return counted(count, "{count} contact deleted", "{count} contacts deleted")
    if what == "archived":
        return counted(count, "{count} contact archived", "{count} contacts archived")
    if what == "unarchived":
        return counted(count, "{count} contact unarchived", "{count} contacts unarchived")
    return counted(count, "{count} contact edited", "{count} contacts edited")


def _ask_label(session: Session, change: RowChange, everything: list[RowChange]) -> str:
    _table, before, after = change
    image = after or before or {}
    name = _name(session, image.get("contact_id"), everything)
    kind = label(AskKind, image.get("kind")) or pgettext("ask kind", "ask")
    if before is None:
        return _("{kind} ask added for {name}").format(kind=kind, name=name)
    if after is None:
        return _("{kind} ask deleted for {name}").format(kind=kind, name=name)
    if before.get("status") != after.get("status"):
        return _("{name}'s {kind} ask marked {status}").format(
            name=name, kind=kind, status=label(AskStatus, after.get("status"))
        )
    if before.get("thanked_on") != after.get("thanked_on") and after.get("thanked_on"):
        return _("{name} thanked").format(name=name)
    changed = {column for column in after if before.get(column) != after.get(column)}
    if changed <= {"follow_up_on", "updated_at", "version"}:
        when = after.get("follow_up_on")
        if when:
            return _("{name}'s follow-up moved to {day}").format(name=name, day=when)
        return _("{name}'s follow-up cleared").format(name=name)
    return _("{name}'s {kind} ask edited").format(name=name, kind=kind)


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
        return counted(len(asks), "{count} ask changed", "{count} asks changed")
    uses = by_table.get("reference_use", [])
    if uses:
        _table, before, after = uses[0]
        image = after or before or {}
        company = image.get("company") or _("an employer")
        if before is not None and after is not None and after.get("briefed_on"):
            return _("briefing before {company} noted").format(company=company)
        if before is None:
            return _("reference given to {company} added").format(company=company)
        if after is None:
            return _("reference given to {company} deleted").format(company=company)
        return _("reference given to {company} edited").format(company=company)
    interactions = by_table.get("interaction", [])
    if interactions:
        _table, before, after = interactions[0]
        image = after or before or {}
        name = _name(session, image.get("contact_id"), changes)
        if len(interactions) > 1:
            return counted(
                len(interactions),
                "{count} interaction with {name}",
                "{count} interactions with {name}",
            ).replace("{name}", name)
        channel = label(Channel, image.get("channel")) or pgettext("channel", "interaction")
        if before is None:
            return _("{channel} with {name} logged").format(channel=channel, name=name)
        if after is None:
            return _("{channel} with {name} deleted").format(channel=channel, name=name)
        return _("{channel} with {name} edited").format(channel=channel, name=name)
    if "profile" in by_table:
        return _("profile edited")
    return _("tags edited")
