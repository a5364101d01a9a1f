"""Merging two contacts into one: a choice per field, tags united, the history moved.

The first contact (A) is kept with its id; the second (B) gives it its asks, interactions
(reference uses follow their asks) and tags, then is deleted, all in one transaction. For each
field the default keeps what is filled and, when both are and differ, the value of the contact
changed more recently; notes that differ are both kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from refterm.clock import utc_now
from refterm.db import contacts as repo
from refterm.db import lifecycle
from refterm.db.database import Database
from refterm.db.models import Contact
from refterm.db.session import reading, writing
from refterm.errors import InvalidInput, NotFound
from refterm.model.i18n import N_, _, pgettext
from refterm.model.records import ContactRecord, copy_as

KEEP_A, KEEP_B, KEEP_BOTH = "a", "b", "both"
# Field name -> (label, command-line name), in the order of the contact form.
MERGED_FIELDS: dict[str, tuple[str, str]] = {
    "full_name": (N_("Name"), "name"),
    "company": (N_("Company"), "company"),
    "title": (N_("Title"), "title"),
    "relationship": (N_("Relationship"), "relationship"),
    "how_we_met": (N_("How we met"), "how-we-met"),
    "known_since": (N_("Known since"), "known-since"),
    "greeting_name": (N_("Greeting name"), "greeting-name"),
    "formality": (N_("Tu or vous"), "formality"),
    "civility": (N_("Civility"), "civility"),
    "email": (N_("E-mail"), "email"),
    "phone": (N_("Phone"), "phone"),
    "linkedin_url": (N_("LinkedIn"), "linkedin"),
    "language": (N_("Language"), "lang"),
    "keep_in_touch_days": (N_("Keep in touch"), "cadence"),
    "connected_on": (N_("Connected on"), "connected-on"),
    "notes": (N_("Notes"), "notes"),
}
# Stored values that mean "not said".
UNSAID: dict[str, Any] = {"formality": "auto", "civility": "none"}


def field_named(cli_name: str) -> str:
    """The field a command-line name stands for ('how-we-met' -> 'how_we_met')."""
    for name, (_label, option) in MERGED_FIELDS.items():
        if cli_name.strip().lower() in (option, name):
            return name
    listed = ", ".join(option for _label, option in MERGED_FIELDS.values())
    raise InvalidInput(
        _("no field is called {name}; the fields are {listed}").format(
            name=repr(cli_name), listed=listed
        )
    )


def _filled(name: str, value: Any) -> bool:
    return value not in (None, "") and value != UNSAID.get(name)


def shown(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


@dataclass(frozen=True)
class FieldChoice:
    """One field on which A and B differ, and which value the merge keeps by default."""

    name: str
    label: str
    a: str
    b: str
    default: str  # KEEP_A, KEEP_B or KEEP_BOTH (notes)


@dataclass(frozen=True)
class MergePlan:
    """What merging B into A would do: the fields to choose and what moves."""

    a: ContactRecord
    b: ContactRecord
    fields: tuple[FieldChoice, ...]
    moving: lifecycle.Footprint
    tags: tuple[str, ...]  # A's and B's together


@dataclass(frozen=True)
class MergeResult:
    kept: ContactRecord
    gone_id: int
    gone_name: str
    taken: tuple[str, ...]  # labels of the fields whose value came from B
    moved: lifecycle.Footprint
    tags: tuple[str, ...]

    @property
    def summary(self) -> str:
        """'Merged contact 9 Omar Tazi into contact 7 Omar Tazi: moved 2 asks, ...'."""
        from refterm.model.plural import counted

        moved = [
            counted(self.moved.asks, "ask", "asks"),
            counted(self.moved.interactions, "interaction", "interactions"),
            counted(self.moved.uses, "reference use", "reference uses"),
        ]
        taken = ", ".join(self.taken) if self.taken else _("nothing")
        return _(
            "Merged contact {gone_id} {gone_name} into contact {kept_id} {kept_name}: "
            "moved {moved}; took {taken} from contact {gone_id}; tags {tags}"
        ).format(
            gone_id=self.gone_id,
            gone_name=self.gone_name,
            kept_id=self.kept.id,
            kept_name=self.kept.full_name,
            moved=", ".join(moved),
            taken=taken,
            tags=", ".join(self.tags) or pgettext("tags", "none"),
        )


def _default(name: str, a: Contact, b: Contact) -> str | None:
    """None when A and B agree (nothing to choose), else the side kept by default."""
    value_a, value_b = getattr(a, name), getattr(b, name)
    if not _filled(name, value_b) or value_a == value_b:
        return None
    if not _filled(name, value_a):
        return KEEP_B
    if name == "notes":
        return KEEP_BOTH
    return KEEP_B if b.updated_at > a.updated_at else KEEP_A


def _choices(a: Contact, b: Contact) -> tuple[FieldChoice, ...]:
    found = []
    for name, (label, _option) in MERGED_FIELDS.items():
        default = _default(name, a, b)
        if default is not None:
            found.append(
                FieldChoice(
                    name, _(label), shown(getattr(a, name)), shown(getattr(b, name)), default
                )
            )
    return tuple(found)


def _pair(session: Any, a_id: int, b_id: int) -> tuple[Contact, Contact]:
    if a_id == b_id:
        raise InvalidInput(_("contact {id} cannot be merged with itself").format(id=a_id))
    a, b = repo.get_contact(session, a_id), repo.get_contact(session, b_id)
    for contact_id, contact in ((a_id, a), (b_id, b)):
        if contact is None:
            raise NotFound(_("no contact has id {id}").format(id=contact_id))
    assert a is not None and b is not None
    return a, b


def merge_plan(database: Database, a_id: int, b_id: int) -> MergePlan:
    """The fields where A and B differ (with the default choice) and what B brings."""
    with reading(database) as session:
        a, b = _pair(session, a_id, b_id)
        tags = set(repo.tag_names(session, a_id)) | set(repo.tag_names(session, b_id))
        footprint = lifecycle.contact_footprint(session, b_id)
        return MergePlan(
            copy_as(ContactRecord, a), copy_as(ContactRecord, b), _choices(a, b), footprint,
            tuple(sorted(tags)),
        )  # fmt: skip


def merge_contacts(
    database: Database,
    a_id: int,
    b_id: int,
    choices: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> MergeResult:
    """Merge B into A in one transaction; `choices` overrides the default of any field."""
    chosen = dict(choices or {})
    for name, side in chosen.items():
        if name not in MERGED_FIELDS:
            raise InvalidInput(_("no field is called {name}").format(name=repr(name)))
        if side not in (KEEP_A, KEEP_B) and not (side == KEEP_BOTH and name == "notes"):
            if name == "notes":
                raise InvalidInput(_("{field}: keep a or b (or both)").format(field=name))
            raise InvalidInput(_("{field}: keep a or b").format(field=name))
    stamp = now or utc_now()
    with writing(database) as session:
        a, b = _pair(session, a_id, b_id)
        taken = []
        for field in _choices(a, b):
            side = chosen.get(field.name, field.default)
            if side == KEEP_B:
                setattr(a, field.name, getattr(b, field.name))
                taken.append(field.label)
            elif side == KEEP_BOTH:
                newer, older = (b, a) if b.updated_at > a.updated_at else (a, b)
                setattr(a, field.name, f"{newer.notes}\n\n{older.notes}")
                taken.append(_("{field} (both)").format(field=field.label))
        if b.last_contacted_on and (a.last_contacted_on or date.min) < b.last_contacted_on:
            a.last_contacted_on = b.last_contacted_on
        a.created_at = min(a.created_at, b.created_at)
        if b.archived_at is None:
            a.archived_at = None  # one of the two was in use: so is the merged contact
        a.updated_at = stamp
        tags = set(repo.tag_names(session, a_id)) | set(repo.tag_names(session, b_id))
        asks, interactions, uses = lifecycle.move_history(session, b_id, a_id)
        gone_name = b.full_name
        lifecycle.delete_contact(session, b)
        stored = repo.set_tags(session, a, tags)
        session.add(a)
        return MergeResult(
            kept=copy_as(ContactRecord, a),
            gone_id=b_id,
            gone_name=gone_name,
            taken=tuple(taken),
            moved=lifecycle.Footprint(asks, interactions, uses),
            tags=tuple(stored),
        )
