"""Bulk actions on the marked contacts: tag, cadence, relationship, language, archive, delete.

Each is one transaction, so one undo step, named for the journal ("12 contacts tagged
'alumni'").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from refterm.clock import utc_now
from refterm.core.contacts import clean_tags
from refterm.core.validate import check_cadence
from refterm.db import contacts as repo
from refterm.db import lifecycle
from refterm.db.database import Database
from refterm.db.session import reading, writing
from refterm.errors import InvalidFields, InvalidInput
from refterm.model.i18n import N_, _
from refterm.model.plural import counted
from refterm.model.vocab import Language, Relationship, label, pick


class BulkAction(StrEnum):
    TAG = "tag"
    UNTAG = "untag"
    CADENCE = "cadence"
    RELATIONSHIP = "relationship"
    LANGUAGE = "language"
    ARCHIVE = "archive"
    DELETE = "delete"


# What the dialog offers, in this order, as the user reads it.
# Marked here, translated where shown: `action_name(action)`.
ACTION_NAMES = {
    BulkAction.TAG: N_("Add a tag"),
    BulkAction.UNTAG: N_("Remove a tag"),
    BulkAction.CADENCE: N_("Set the keep-in-touch cadence"),
    BulkAction.RELATIONSHIP: N_("Set the relationship"),
    BulkAction.LANGUAGE: N_("Set the language"),
    BulkAction.ARCHIVE: N_("Archive"),
    BulkAction.DELETE: N_("Delete"),
}
# The field each action reads its value from ('' for none).
ACTION_FIELDS = {
    BulkAction.TAG: "tag",
    BulkAction.UNTAG: "tag",
    BulkAction.CADENCE: "cadence",
    BulkAction.RELATIONSHIP: "relationship",
    BulkAction.LANGUAGE: "language",
    BulkAction.ARCHIVE: "",
    BulkAction.DELETE: "",
}


def action_name(action: BulkAction) -> str:
    """'Add a tag', 'Ajouter une étiquette': the action as the dialog offers it."""
    return _(ACTION_NAMES[action])


@dataclass(frozen=True)
class Belongings:
    """What goes with contacts when they are deleted."""

    asks: int
    uses: int
    interactions: int

    def text(self) -> str:
        parts = [
            counted(self.asks, "ask", "asks") if self.asks else "",
            counted(self.uses, "reference use", "reference uses") if self.uses else "",
            counted(self.interactions, "interaction", "interactions") if self.interactions else "",
        ]
        shown = [part for part in parts if part]
        if not shown:
            return _("nothing else: they have no asks and no history")
        if len(shown) == 1:
            return shown[0]
        return _("{items} and {last}").format(items=", ".join(shown[:-1]), last=shown[-1])


def matching_ids(database: Database, search: str | None) -> list[int]:
    """Every contact the filter shows, not only the rows loaded on screen."""
    with reading(database) as session:
        return repo.matching_ids(session, search)


def belongings(database: Database, contact_ids: Sequence[int]) -> Belongings:
    with reading(database) as session:
        return Belongings(*repo.belongings(session, contact_ids))


def check_value(action: BulkAction, value: str | None) -> str | int | None:
    """The action's value, checked; a message beside the field otherwise."""
    field = ACTION_FIELDS[action]
    try:
        if field == "tag":
            tags = clean_tags([value or ""])
            if not tags:
                raise ValueError(_("type the tag"))
            return tags[0]
        if field == "cadence":
            return check_cadence(value)
        if field == "relationship":
            return pick(Relationship, value, _("relationship"))
        if field == "language":
            return pick(Language, value, _("language"))
    except ValueError as error:
        raise InvalidFields({field: str(error)}) from None
    return None


def describe(
    action: BulkAction, count: int, value: str | int | None, name: str | None = None
) -> str:
    """What was done, as the note and the undo step say it (`name`: the one contact's)."""
    one = name if count == 1 and name else None
    people = one or counted(count, "contact", "contacts")
    shown = str(value).replace("_", " ") if value is not None else ""
    match action:
        case BulkAction.TAG:
            return _("{people} tagged '{tag}'").format(people=people, tag=shown)
        case BulkAction.UNTAG:
            return _("{people} untagged '{tag}'").format(people=people, tag=shown)
        case BulkAction.CADENCE:
            if value:
                return _("{people} set to keep in touch every {days} days").format(
                    people=people, days=value
                )
            return _("{people} set to keep in touch the relationship's default").format(
                people=people
            )
        case BulkAction.RELATIONSHIP:
            if shown:
                return _("{people}: relationship set to {value}").format(
                    people=people, value=label(Relationship, shown)
                )
            return _("{people}: relationship cleared").format(people=people)
        case BulkAction.LANGUAGE:
            if shown:
                return _("{people}: language set to {value}").format(
                    people=people, value=label(Language, shown)
                )
            return _("{people}: language cleared").format(people=people)
        case BulkAction.ARCHIVE:
            if one:
                return _("{name} archived").format(name=one)
            return counted(count, "{count} contact archived", "{count} contacts archived")
        case BulkAction.DELETE:
            if one:
                return _("{name} deleted").format(name=one)
            return counted(count, "{count} contact deleted", "{count} contacts deleted")


def _column_value(
    action: BulkAction, value: str | int | None, stamp: datetime
) -> tuple[str, object]:
    if action is BulkAction.ARCHIVE:
        return "archived_at", stamp
    if action is BulkAction.CADENCE:
        return "keep_in_touch_days", value if isinstance(value, int) else None
    return action.value, None if value is None else str(value)


def apply(
    database: Database,
    contact_ids: Sequence[int],
    action: BulkAction,
    value: str | int | None = None,
    now: datetime | None = None,
    name: str | None = None,
) -> str:
    """Do `action` to every one of these contacts in ONE transaction; returns what was done."""
    if not contact_ids:
        raise InvalidInput(_("no contact is marked"))
    stamp = now or utc_now()
    done = describe(action, len(contact_ids), value, name)
    with writing(database, label=done) as session:
        contacts = repo.contacts_by_id(session, contact_ids)
        for contact in contacts:
            if action is BulkAction.DELETE:
                lifecycle.delete_contact(session, contact)
                continue
            if action in (BulkAction.TAG, BulkAction.UNTAG):
                tags = set(repo.tag_names(session, contact.id))
                wanted = tags | {str(value)} if action is BulkAction.TAG else tags - {str(value)}
                if wanted == tags:
                    continue
                repo.set_tags(session, contact, sorted(wanted))
            else:
                column, new = _column_value(action, value, stamp)
                if getattr(contact, column) == new or (column == "archived_at"
                                                        and contact.archived_at):  # fmt: skip
                    continue
                setattr(contact, column, new)
            contact.updated_at = stamp
            session.add(contact)
    return done
