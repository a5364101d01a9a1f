"""Likely twins of a contact about to be added: same name, e-mail or LinkedIn, or a close name.

"Elodie Martin" beside "Élodie Martin" is the same folded name; "Omar Tazzi" beside "Omar
Tazi" and "TAZI Omar" beside "Omar Tazi" are near-identical names (RapidFuzz, on the folded
names, words in any order); names whose numbers differ ("Team 1", "Team 2") never are.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from refterm.core.contacts import ContactFields
from refterm.db import contacts as repo
from refterm.db.database import Database
from refterm.db.models import Contact
from refterm.db.session import reading
from refterm.model.i18n import _, pgettext
from refterm.model.text import fold

# Closeness (0-100) from which two folded names are taken for the same person's.
NEAR_NAME = 90.0
SHOWN = 5


@dataclass(frozen=True)
class Twin:
    """A stored contact that looks like the one being added, and why."""

    contact_id: int
    full_name: str
    company: str | None
    reason: str  # "same name", "same e-mail", "same LinkedIn URL", "a near-identical name"
    archived: bool = False

    @property
    def label(self) -> str:
        """'contact 7 Omar Tazi (OCP Group, archived)'."""
        archived = pgettext("contact", "archived") if self.archived else None
        extra = ", ".join(part for part in (self.company, archived) if part)
        named = _("contact {id} {name}").format(id=self.contact_id, name=self.full_name)
        return f"{named} ({extra})" if extra else named


def find_twins(database: Database, fields: ContactFields, exclude: int | None = None) -> list[Twin]:
    """Stored contacts that are likely the same person, the surest first."""
    key = fold(fields.full_name)
    found: dict[int, Twin] = {}
    with reading(database) as session:
        for contact in repo.same_person_candidates(session, key, fields.email,
                                                   fields.linkedin_url):  # fmt: skip
            if contact.id is None or contact.id == exclude:
                continue
            if fields.linkedin_url and contact.linkedin_url == fields.linkedin_url:
                reason = _("same LinkedIn URL")
            elif fields.email and (contact.email or "").lower() == fields.email.lower():
                reason = _("same e-mail")
            else:
                reason = _("same name")
            found[contact.id] = _twin(contact, reason)
        numbers = _numbers(key)
        if len(found) < SHOWN and len(key) >= 5:
            # A near-identical name keeps at least one word as it is (a typo in the other,
            # or the words swapped): the index gives those few, RapidFuzz scores them.
            names = repo.name_keys_sharing_a_word(session, key)
            close = process.extract(
                key,
                dict(names),
                scorer=fuzz.token_sort_ratio,
                score_cutoff=NEAR_NAME,
                limit=SHOWN,
            )
            for name, _score, contact_id in close:
                if contact_id in found or contact_id == exclude or _numbers(name) != numbers:
                    continue
                close_one = repo.get_contact(session, int(contact_id))
                if close_one is not None:
                    found[int(contact_id)] = _twin(close_one, _("a near-identical name"))
    return list(found.values())[:SHOWN]


def _numbers(name: str) -> str:
    """The digits of a name: "Writer 001" and "Writer 002" are two people, not a typo."""
    return "".join(character for character in name if character.isdigit())


def _twin(contact: Contact, reason: str) -> Twin:
    return Twin(
        contact_id=contact.id or 0,
        full_name=contact.full_name,
        company=contact.company,
        reason=reason,
        archived=contact.archived_at is not None,
    )
