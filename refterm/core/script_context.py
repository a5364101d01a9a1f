"""What a script template sees: plain values only, so the sandbox never meets an ORM object.

`contact`, `me` (the profile) and, when there is one, `ask` and `use` are dicts; missing text is
'' and a missing ask or use is None. `today` is a date, `lang` the script's language,
`familiar` says whether to say "tu" (the contact's formality, else the relationship),
`voicemail` whether the call script is for an answering machine, and `job_change` is None or,
when an import saw them change jobs lately, {changed_on, summary}.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from refterm.core.templating import either, phone_display
from refterm.model.records import AskRecord, ContactRecord, ProfileRecord, ReferenceUseRecord
from refterm.model.text import clean_line

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


# Leading words that are a civility or a title, never a name to greet someone with.
CIVILITIES = frozenset(
    {"mme", "mme.", "m", "m.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mlle", "mlle.", "dr",
     "dr.", "pr", "pr.", "me", "me.", "madame", "monsieur", "mademoiselle", "docteur"}
)  # fmt: skip
# First words that usually open a compound first name ("Fatima Zahra", "Moulay Hafid").
COMPOUND_OPENERS = frozenset(
    {"fatima", "fatema", "fatim", "lalla", "moulay", "sidi", "mohamed", "mohammed", "abdel"}
)
COMPOUND_SECONDS = frozenset(
    {"zahra", "ezzahra", "zohra", "claude", "marie", "pierre", "paul", "louis", "luc", "michel",
     "françois", "baptiste", "christophe", "sophie", "laure", "hélène", "marc", "yves", "jacques",
     "philippe", "noël", "amine", "ali", "reda"}
)  # fmt: skip
FRENCH_COMPOUND_OPENERS = frozenset({"jean", "marie", "anne", "pierre", "paul", "louis"})


def _shouting(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def split_name(full_name: str) -> tuple[str, str]:
    """(given name, family name), read with care: civilities skipped, "EL AMRANI Mehdi" read as
    a family name in capitals first, compound first names such as "Fatima Zahra" kept."""
    words = full_name.split()
    while len(words) > 1 and words[0].casefold() in CIVILITIES:
        words = words[1:]
    if not words:
        return full_name.strip(), ""
    shouted = 0
    while shouted < len(words) and _shouting(words[shouted]):
        shouted += 1
    if 0 < shouted < len(words):
        return " ".join(words[shouted:]), " ".join(words[:shouted]).title()
    given = 1
    first, second = words[0].casefold(), words[1].casefold() if len(words) > 1 else ""
    if len(words) >= 3 and (
        first in COMPOUND_OPENERS
        or (first in FRENCH_COMPOUND_OPENERS and second in COMPOUND_SECONDS)
    ):
        given = 2
    family = " ".join(words[given:])
    return " ".join(words[:given]), family.title() if _shouting(family) else family


def greeting_name(contact: ContactRecord) -> str:
    """What to call a contact: their greeting name, else the given name read from full_name."""
    return clean_line(contact.greeting_name) or split_name(contact.full_name)[0]


def is_familiar(contact: ContactRecord) -> bool:
    """Whether French speakers say "tu": the contact's formality, else the relationship's."""
    if contact.formality in ("tu", "vous"):
        return contact.formality == "tu"
    return contact.relationship in FAMILIAR_RELATIONSHIPS


def _text(value: str | None) -> str:
    return value or ""


_CIVILITY_WORDS = {
    "fr": {"madame": "Madame", "monsieur": "Monsieur"},
    "en": {"madame": "Ms", "monsieur": "Mr"},
}


def _formal_greeting(contact: ContactRecord, language: str, familiar: bool) -> str:
    """'Monsieur Berrada' when saying vous to someone with a civility; else the greeting name."""
    word = _CIVILITY_WORDS.get(language, {}).get(contact.civility or "")
    family = split_name(contact.full_name)[1]
    explicit = contact.formality == "vous" or language == "fr"
    if familiar or word is None or not family or not explicit:
        return greeting_name(contact)
    return f"{word} {family}"


# Institutions one works *at* in French ("à l’Université Mohammed V"), not *chez*.
_AT_INSTITUTION = re.compile(
    r"^(?:universit[ée]|[ée]cole|institut|h[ôo]pital|acad[ée]mie|agence|assembl[ée]e)\b", re.I
)
_AU = re.compile(r"^(?:minist[èe]re|conseil|centre|cabinet)\b", re.I)


def at_company(company: str, language: str) -> str:
    """'chez Capgemini', 'à l’Université Mohammed V', 'au Ministère…'; 'at X' in English."""
    if not company:
        return ""
    if language != "fr":
        return f"at {company}"
    if _AT_INSTITUTION.match(company):
        return f"à l’{company}" if company[0] in _VOWELS else f"à la {company}"
    if _AU.match(company):
        return f"au {company}"
    return f"chez {company}"


def _contact(contact: ContactRecord, language: str, familiar: bool) -> dict[str, Any]:
    given, family = split_name(contact.full_name)
    return {
        "id": contact.id,
        "full_name": contact.full_name,
        "first_name": greeting_name(contact),
        "greeting_name": greeting_name(contact),
        "family_name": family,
        "greeting": _formal_greeting(contact, language, familiar),
        "civility": contact.civility or "none",
        "known_since": _text(contact.known_since),
        "company": _text(contact.company),
        "at_company": at_company(_text(contact.company), language),
        "title": _text(contact.title),
        "relationship": _text(contact.relationship),
        "how_we_met": _text(contact.how_we_met),
        "email": _text(contact.email),
        "phone": phone_display(contact.phone) or "",
        "language": _text(contact.language),
    }


_ROLE_WORDS = re.compile(
    r"\s+(?:roles?|positions?|postes?)$|^(?:postes?|poste)\s+(?:de|d['’])\s*", re.I
)


def _purpose(text: str | None) -> tuple[str, str]:
    """(purpose without its final dot, the role it names when it reads as a job title)."""
    purpose = clean_line(text).rstrip(". ")
    role = _ROLE_WORDS.sub("", purpose).strip()
    return purpose, role if role[:1].isupper() else ""


def _ask(ask: AskRecord | None) -> dict[str, Any] | None:
    if ask is None:
        return None
    purpose, role = _purpose(ask.purpose)
    return {
        "id": ask.id,
        "kind": ask.kind,
        "platform": _text(ask.platform),
        "purpose": purpose,
        "purpose_role": role,
        "purpose_role_after_de": _roles_after_de([role]) if role else "",
        "purpose_note": "" if role else purpose,
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


_VOWELS = "AEIOUYÂÉÈÊÎÔÛaeiouyâéèêîôû"


def _roles_after_de(roles: list[str]) -> str:
    """'de Head of Data ou d’Engineering Manager': each role with its own, elided, 'de'."""
    return either([("d’" if role[0] in _VOWELS else "de ") + role for role in roles], "fr")


def _me(profile: ProfileRecord, language: str) -> dict[str, Any]:
    roles = [clean_line(line).rstrip(".") for line in _text(profile.target_roles).splitlines()]
    roles = [role for part in roles for role in (p.strip() for p in part.split(",")) if role]
    name = clean_line(profile.name)
    return {
        "name": name,
        "first_name": split_name(name)[0] if name else "",
        "headline": _text(profile.headline),
        "email": _text(profile.email),
        "phone": phone_display(profile.phone) or "",
        "city": _text(profile.city),
        "target_roles": either(roles, language),
        "roles": roles,
        "roles_after_de": _roles_after_de(roles),
        "role_article": "an" if roles and roles[0][0] in _VOWELS else "a",
        "search_status": profile.search_status or "open",
    }


# Past this many days since the last contact, a script may open with "it's been a while".
LONG_SILENCE_DAYS = 60


def script_context(
    contact: ContactRecord,
    ask: AskRecord | None,
    use: ReferenceUseRecord | None,
    profile: ProfileRecord,
    language: str,
    today: date,
    voicemail: bool = False,
    job_change: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The variables of a script template; `job_change` is a recent new role, if any."""
    familiar = is_familiar(contact)
    last = contact.last_contacted_on
    return {
        "contact": {
            **_contact(contact, language, familiar),
            "last_contacted_on": last,
            # Said only when known: a contact never logged may have been met yesterday.
            "long_silence": last is not None and (today - last).days > LONG_SILENCE_DAYS,
        },
        "ask": _ask(ask),
        "use": _use(use),
        "me": _me(profile, language),
        "today": today,
        "lang": language,
        "familiar": familiar,
        "voicemail": voicemail,
        "job_change": job_change,
    }


def sample_context(language: str, today: date, voicemail: bool = False) -> dict[str, Any]:
    """A full, made-up situation, to check a template the user has just edited."""
    stamp = datetime(today.year, today.month, today.day, 12)
    contact = ContactRecord(
        id=1,
        full_name="Claire Dubois",  # untranslated: sample data
        company="Capgemini",  # untranslated: sample data
        title="Engagement Manager",  # untranslated: sample data
        relationship="client",
        how_we_met="Client sponsor of the data-lake project",  # untranslated: sample data
        email="claire.dubois@example.fr",  # untranslated: sample data
        language=language,
        created_at=stamp,
        updated_at=stamp,
    )
    ask = AskRecord(
        id=1,
        contact_id=1,
        kind="reference",
        platform="phone",
        purpose="Head of Data roles",  # untranslated: sample data
        talking_points=(
            "Led the cloud migration\n"  # untranslated: sample data
            "Grew the data team from 3 to 12 people"
        ),
        status="agreed",
        asked_on=today,
        times_asked=1,
        agreed_on=today,
        created_at=stamp,
        updated_at=stamp,
    )
    use = ReferenceUseRecord(
        id=1,
        ask_id=1,
        company="Decathlon",  # untranslated: sample data
        role="Head of Data",  # untranslated: sample data
        shared_on=today,
        created_at=stamp,
    )
    profile = ProfileRecord(
        name="Amine Kettani",
        headline="Data engineering lead",  # untranslated: sample data
        phone="+33612345670",
        email="amine.kettani@example.com",  # untranslated: sample data
        target_roles="Head of Data\nEngineering Manager",  # untranslated: sample data
        language=language,
        search_status="open",
    )
    return script_context(contact, ask, use, profile, language, today, voicemail)
