"""What a script template sees: plain values only, so the sandbox never meets an ORM object.

`contact`, `me` (the profile) and, when there is one, `ask` and `use` are dicts; missing text is
'' and a missing ask or use is None. `today` is a date, `lang` the script's language, and
`familiar` says whether French speakers would say "tu" to this contact.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from refterm.model.records import AskRecord, ContactRecord, ProfileRecord, ReferenceUseRecord
from refterm.model.text import clean_line, first_name

# Relationships where French speakers would naturally say "tu".
FAMILIAR_RELATIONSHIPS = frozenset({"colleague", "classmate", "friend", "direct_report"})

_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")


def talking_points(text: str | None) -> list[str]:
    """Talking points as a list: one per line, bullets and blank lines dropped."""
    points = []
    for line in (text or "").splitlines():
        point = clean_line(_BULLET.sub("", line))
        if point:
            points.append(point)
    return points


def _text(value: str | None) -> str:
    return value or ""


def _contact(contact: ContactRecord) -> dict[str, Any]:
    return {
        "id": contact.id,
        "full_name": contact.full_name,
        "first_name": first_name(contact.full_name),
        "company": _text(contact.company),
        "title": _text(contact.title),
        "relationship": _text(contact.relationship),
        "how_we_met": _text(contact.how_we_met),
        "email": _text(contact.email),
        "phone": _text(contact.phone),
        "language": _text(contact.language),
    }


def _ask(ask: AskRecord | None) -> dict[str, Any] | None:
    if ask is None:
        return None
    return {
        "id": ask.id,
        "kind": ask.kind,
        "platform": _text(ask.platform),
        "purpose": _text(ask.purpose),
        "talking_points": _text(ask.talking_points),
        "points": talking_points(ask.talking_points),
        "status": ask.status,
        "asked_on": ask.asked_on,
        "times_asked": ask.times_asked,
        "follow_up_on": ask.follow_up_on,
        "agreed_on": ask.agreed_on,
        "received_on": ask.received_on,
        "thanked_on": ask.thanked_on,
    }


def _use(use: ReferenceUseRecord | None) -> dict[str, Any] | None:
    if use is None:
        return None
    return {
        "id": use.id,
        "company": use.company,
        "role": _text(use.role),
        "shared_on": use.shared_on,
        "briefed_on": use.briefed_on,
    }


def _me(profile: ProfileRecord) -> dict[str, Any]:
    roles = [clean_line(line) for line in _text(profile.target_roles).splitlines()]
    return {
        "name": _text(profile.name),
        "first_name": first_name(profile.name) if profile.name else "",
        "headline": _text(profile.headline),
        "email": _text(profile.email),
        "phone": _text(profile.phone),
        "city": _text(profile.city),
        "target_roles": ", ".join(role for role in roles if role),
    }


def script_context(
    contact: ContactRecord,
    ask: AskRecord | None,
    use: ReferenceUseRecord | None,
    profile: ProfileRecord,
    language: str,
    today: date,
) -> dict[str, Any]:
    """The variables of a script template."""
    return {
        "contact": _contact(contact),
        "ask": _ask(ask),
        "use": _use(use),
        "me": _me(profile),
        "today": today,
        "lang": language,
        "familiar": contact.relationship in FAMILIAR_RELATIONSHIPS,
    }


def sample_context(language: str, today: date) -> dict[str, Any]:
    """A full, made-up situation, to check a template the user has just edited."""
    stamp = datetime(today.year, today.month, today.day, 12)
    contact = ContactRecord(
        id=1,
        full_name="Claire Dubois",
        company="Capgemini",
        title="Engagement Manager",
        relationship="client",
        how_we_met="Client sponsor of the data-lake project",
        email="claire.dubois@example.fr",
        language=language,
        created_at=stamp,
        updated_at=stamp,
    )
    ask = AskRecord(
        id=1,
        contact_id=1,
        kind="reference",
        platform="phone",
        purpose="Head of Data roles",
        talking_points="Led the cloud migration\nGrew the data team from 3 to 12 people",
        status="agreed",
        asked_on=today,
        times_asked=1,
        agreed_on=today,
        created_at=stamp,
        updated_at=stamp,
    )
    use = ReferenceUseRecord(
        id=1, ask_id=1, company="Decathlon", role="Head of Data", shared_on=today, created_at=stamp
    )
    profile = ProfileRecord(
        name="Amine Kettani", headline="Data engineering lead", language=language
    )
    return script_context(contact, ask, use, profile, language, today)
