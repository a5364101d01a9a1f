"""Contacts as vCard 4.0 (RFC 6350), one card each, for khard, abook and phones.

Phones are written as plain text values (`TEL:+33612345678`), which 4.0 allows and every reader
understands. `X-REFTERM-*` properties keep what vCard has no place for, so a file exported
here and imported again loses nothing; other programs ignore them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from refterm.db import bulk
from refterm.db.contacts import active_contacts
from refterm.db.database import Database
from refterm.db.session import reading
from refterm.io.vcard import (
    FORMALITY_PROPERTY,
    HOW_WE_MET_PROPERTY,
    KNOWN_SINCE_PROPERTY,
    RELATIONSHIP_PROPERTY,
)
from refterm.model.records import ContactRecord, copy_as

LINE_OCTETS = 75
_NAMESPACE = uuid.UUID("5f1c3e52-8a4b-4d36-9d1e-2c6f0a7b9e10")


def escape(text: str) -> str:
    """A text value escaped as RFC 6350 says: backslash, comma, semicolon, newline."""
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str) -> str:
    """Lines longer than 75 octets folded with CRLF + space, never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # continuation lines start with a space
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def split_name(full_name: str) -> tuple[str, str]:
    """(family, given), read with care ("EL AMRANI Mehdi", "Fatima Zahra Alaoui")."""
    from refterm.core.script_context import split_name as given_and_family

    given, family = given_and_family(full_name)
    return family, given


# The honorific prefix of N, as address books show it.
PREFIXES = {"madame": "Mme", "monsieur": "M."}  # untranslated: the card's own French prefix


def contact_card(contact: ContactRecord, tags: list[str]) -> str:
    """One contact as a vCard 4.0, CRLF line ends."""
    family, given = split_name(contact.full_name)
    seed = f"refterm:contact:{contact.id}:{contact.created_at.isoformat()}"  # untranslated: a key
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"UID:urn:uuid:{uuid.uuid5(_NAMESPACE, seed)}",  # untranslated: vCard syntax
        f"FN:{escape(contact.full_name)}",
        f"N:{escape(family)};{escape(given)};;{escape(PREFIXES.get(contact.civility, ''))};",
    ]
    if contact.greeting_name:
        lines.append(f"NICKNAME:{escape(contact.greeting_name)}")
    if contact.company:
        lines.append(f"ORG:{escape(contact.company)}")
    if contact.title:
        lines.append(f"TITLE:{escape(contact.title)}")
    if contact.email:
        lines.append(f"EMAIL:{escape(contact.email)}")
    if contact.phone:
        lines.append(f"TEL:{escape(contact.phone)}")
    if contact.linkedin_url:
        lines.append(f"URL:{contact.linkedin_url}")
    if contact.notes:
        lines.append(f"NOTE:{escape(contact.notes)}")
    if tags:
        lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in tags))
    if contact.relationship:
        lines.append(f"{RELATIONSHIP_PROPERTY}:{escape(contact.relationship)}")
    if contact.how_we_met:
        lines.append(f"{HOW_WE_MET_PROPERTY}:{escape(contact.how_we_met)}")
    if contact.known_since:
        lines.append(f"{KNOWN_SINCE_PROPERTY}:{contact.known_since}")
    if contact.formality != "auto":
        lines.append(f"{FORMALITY_PROPERTY}:{contact.formality}")
    lines.append("END:VCARD")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def _cards(database: Database) -> Iterator[str]:
    with reading(database) as session:
        tags: dict[int, list[str]] = {}
        for contact_id, name in bulk.tag_links(session):
            tags.setdefault(contact_id, []).append(name)
        for contact in active_contacts(session):
            yield contact_card(copy_as(ContactRecord, contact), tags.get(contact.id or 0, []))


def export_vcard(database: Database) -> tuple[str, int]:
    """Every contact not archived, as one vCard file; and how many cards it holds."""
    cards = list(_cards(database))
    return "".join(cards), len(cards)
