"""vCard 2.1, 3.0 and 4.0 address books (phones, Outlook, Apple, Google) read with vobject."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refterm.config import Settings
from refterm.core.contacts import clean_tags
from refterm.core.validate import (
    NAME_MAX,
    check_email,
    check_known_since,
    check_linkedin_url,
    check_phone,
)
from refterm.errors import ImportRefused
from refterm.io.incoming import IncomingContact, ParsedImport, Skipped, line_or_none
from refterm.io.vcard_lines import CardText, split_cards
from refterm.model.i18n import N_, _
from refterm.model.text import optional_multiline
from refterm.model.vocab import Formality, Relationship, choices

NOT_PEOPLE = {
    "org": N_("an organisation's card, not a person"),
    "organization": N_("an organisation's card, not a person"),
    "group": N_("a contact group, not a person"),
    "location": N_("a place, not a person"),
}
MOBILE = {"cell", "mobile", "iphone", "portable", "handy", "móvil"}
# Type words that say nothing a reader of the notes needs.
QUIET_TYPES = {"pref", "voice", "internet", "x400", "text", "uri", "msg"}
HOW_WE_MET_PROPERTY = "X-REFTERM-HOW-WE-MET"
RELATIONSHIP_PROPERTY = "X-REFTERM-RELATIONSHIP"
KNOWN_SINCE_PROPERTY = "X-REFTERM-KNOWN-SINCE"
FORMALITY_PROPERTY = "X-REFTERM-FORMALITY"
# N's honorific prefix, as address books write it, to the civility it says.
CIVILITY_PREFIXES = {
    "mme": "madame", "mme.": "madame", "madame": "madame", "mrs": "madame", "mrs.": "madame",
    "ms": "madame", "ms.": "madame", "mlle": "madame", "m.": "monsieur", "m": "monsieur",
    "mr": "monsieur", "mr.": "monsieur", "monsieur": "monsieur",
}  # fmt: skip
NOTE_WORDS = {
    "en": {
        "phone": "Other phone",
        "bad_phone": "Unrecognised phone",
        "email": "Other e-mail",
        "bad_email": "Unrecognised e-mail",
        "web": "Web",
        "department": "Department",
    },
    "fr": {
        "phone": "Autre téléphone",
        "bad_phone": "Téléphone non reconnu",
        "email": "Autre e-mail",
        "bad_email": "E-mail non reconnu",
        "web": "Site web",
        "department": "Service",
    },
}


@dataclass(frozen=True)
class _Value:
    """One TEL, EMAIL or URL with what ranks it: preferred first, then mobile, then order."""

    text: str
    kind: str
    rank: tuple[int, int, int, int]


def read_vcard(path: Path, text: str, settings: Settings) -> ParsedImport:
    """Every card that names a person; the others are reported as skipped."""
    parsed = ParsedImport(path=path, format="vcard")
    words = NOTE_WORDS.get(settings.language, NOTE_WORDS["en"])
    for index, card in enumerate(split_cards(path, text), start=1):
        component = _parse(path, card)
        where = _("card {index} (line {line})").format(index=index, line=card.begins_on)
        person = _person(component, where, settings, words)
        if isinstance(person, Skipped):
            parsed.skipped.append(person)
        else:
            parsed.contacts.append(person)
    return parsed


def _parse(path: Path, card: CardText) -> Any:
    import vobject
    from vobject.base import VObjectError

    try:
        return vobject.readOne(card.text)
    except VObjectError as error:
        line = card.origin(getattr(error, "lineNumber", None))
        reason = getattr(error, "msg", str(error))
        raise ImportRefused(
            _(
                "{path}: line {line}: not a readable vCard line ({reason}); nothing was imported"
            ).format(path=path, line=line, reason=reason)
        ) from None
    except (ValueError, TypeError, UnicodeError, StopIteration) as error:
        raise ImportRefused(
            _(
                "{path}: line {line}: this card cannot be read ({error}); nothing was imported"
            ).format(path=path, line=card.begins_on, error=error)
        ) from None


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_text(item) for item in value if item)
    return "" if value is None else str(value)


def _types(child: Any) -> set[str]:
    found = {str(word).lower() for word in child.singletonparams}
    for key in ("TYPE",):
        for value in child.params.get(key, []):
            found.update(part.strip().lower() for part in str(value).split(",") if part.strip())
    return found


def _label(value: str) -> str:
    """Apple's `_$!<Mobile>!$_` as 'Mobile'; custom labels as written."""
    text = value.strip()
    if text.startswith("_$!<") and text.endswith(">!$_"):
        text = text[4:-4]
    return " ".join(text.split())


def _ranked(children: list[Any], labels: dict[str, str]) -> list[_Value]:
    values: list[_Value] = []
    for order, child in enumerate(children):
        text = _text(child.value).strip()
        if not text:
            continue
        types = _types(child)
        label = labels.get((child.group or "").lower(), "")
        pref_param = str((child.params.get("PREF") or [""])[0])
        preferred = "pref" in types or bool(pref_param)
        pref_number = int(pref_param) if pref_param.isdigit() else (1 if preferred else 101)
        mobile = bool(types & MOBILE) or label.lower() in MOBILE
        kind = label or ", ".join(sorted(types - QUIET_TYPES))
        rank = (0 if preferred else 1, pref_number, 0 if mobile else 1, order)
        values.append(_Value(text, kind, rank))
    return sorted(values, key=lambda value: value.rank)


def _noted(word: str, value: _Value) -> str:
    return f"{word} ({value.kind}): {value.text}" if value.kind else f"{word}: {value.text}"


def _name(by_name: dict[str, list[Any]]) -> str | None:
    for child in by_name.get("FN", []):
        name = line_or_none(_text(child.value))
        if name:
            return name
    for child in by_name.get("N", []):
        value = child.value
        order = ("prefix", "given", "additional", "family", "suffix")
        parts = [getattr(value, part, "") for part in order]
        name = line_or_none(" ".join(_text(part) for part in parts))
        if name:
            return name
    return None


def _person(
    component: Any, where: str, settings: Settings, words: dict[str, str]
) -> IncomingContact | Skipped:
    by_name: dict[str, list[Any]] = {}
    for child in component.getChildren():
        by_name.setdefault(child.name.upper(), []).append(child)
    kind = _text(by_name["KIND"][0].value).strip().lower() if "KIND" in by_name else ""
    if kind in NOT_PEOPLE:
        return Skipped(where, _(NOT_PEOPLE[kind]))
    show_as = by_name.get("X-ABSHOWAS", [])
    if show_as and _text(show_as[0].value).strip().upper() == "COMPANY":
        return Skipped(where, _(NOT_PEOPLE["org"]))
    name = _name(by_name)
    if name is None:
        return Skipped(where, _("no name"))
    if len(name) > NAME_MAX:
        return Skipped(
            where, _("the name is longer than {count} characters").format(count=NAME_MAX)
        )
    labels = {
        child.group.lower(): _label(_text(child.value))
        for child in by_name.get("X-ABLABEL", [])
        if child.group
    }
    person = IncomingContact(where=where, full_name=name)
    extra: list[str] = []
    _take_organisation(person, by_name, words, extra)
    phones = [_phone_text(phone) for phone in _ranked(by_name.get("TEL", []), labels)]
    emails = [(email.text, email) for email in _ranked(by_name.get("EMAIL", []), labels)]
    _take_first(
        person, "phone", phones, lambda text: check_phone(text, settings.phone_region), words, extra
    )
    _take_first(person, "email", emails, check_email, words, extra)
    urls = by_name.get("URL", []) + [
        child
        for child in by_name.get("X-SOCIALPROFILE", [])
        if "linkedin" in _text(child.value).lower()
    ]
    _take_urls(person, _ranked(urls, labels), words, extra)
    for child in by_name.get(HOW_WE_MET_PROPERTY, []):
        person.how_we_met = person.how_we_met or line_or_none(_text(child.value))
    for child in by_name.get(RELATIONSHIP_PROPERTY, []):
        relationship = _text(child.value).strip().lower()
        if relationship in choices(Relationship):
            person.relationship = relationship
    _take_addressing(person, by_name)
    person.tags = clean_tags(
        [_text(item) for child in by_name.get("CATEGORIES", []) for item in _items(child.value)]
    )
    notes = [_text(child.value) for child in by_name.get("NOTE", [])]
    if extra:
        notes.append("\n".join(extra))
    person.notes = optional_multiline("\n\n".join(note for note in notes if note.strip()))
    return person


def _take_addressing(person: IncomingContact, by_name: dict[str, list[Any]]) -> None:
    """Civility from N's prefix, the greeting name from NICKNAME, refterm's own fields."""
    for child in by_name.get("N", []):
        prefix = _text(getattr(child.value, "prefix", "")).strip().lower()
        if person.civility == "none":  # the first prefix that says one wins
            person.civility = CIVILITY_PREFIXES.get(prefix, "none")
    for child in by_name.get("NICKNAME", []):
        person.greeting_name = person.greeting_name or line_or_none(
            ", ".join(_text(item) for item in _items(child.value))
        )
    for child in by_name.get(KNOWN_SINCE_PROPERTY, []):
        try:
            person.known_since = person.known_since or check_known_since(_text(child.value))
        except ValueError:
            continue  # an unreadable year is left out rather than guessed
    for child in by_name.get(FORMALITY_PROPERTY, []):
        formality = _text(child.value).strip().lower()
        if formality in choices(Formality):
            person.formality = formality


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _take_organisation(
    person: IncomingContact, by_name: dict[str, list[Any]], words: dict[str, str], extra: list[str]
) -> None:
    for child in by_name.get("ORG", []):
        cleaned = (line_or_none(_text(unit)) for unit in _items(child.value))
        units = [unit for unit in cleaned if unit]
        if units and person.company is None:
            person.company = units[0]
            if units[1:]:
                extra.append(f"{words['department']}: {', '.join(units[1:])}")
    for key in ("TITLE", "ROLE"):
        for child in by_name.get(key, []):
            person.title = person.title or line_or_none(_text(child.value))


def _phone_text(phone: _Value) -> tuple[str, _Value]:
    """The number as written (no `tel:`), and as the notes show it."""
    written = phone.text[4:] if phone.text.lower().startswith("tel:") else phone.text
    return written, _Value(" ".join(written.split()), phone.kind, phone.rank)


def _take_first(
    person: IncomingContact,
    field: str,
    values: list[tuple[str, _Value]],
    check: Callable[[str], str | None],
    words: dict[str, str],
    extra: list[str],
) -> None:
    """The first valid value fills `field`; other and invalid ones go to the notes."""
    for written, shown in values:
        try:
            value = check(written)
        except ValueError:
            # An odd value goes to the notes; one phone or e-mail never refuses a whole file.
            extra.append(_noted(words[f"bad_{field}"], shown))
            continue
        if getattr(person, field) is None:
            setattr(person, field, value)
        elif value != getattr(person, field):
            extra.append(_noted(words[field], shown))


def _take_urls(
    person: IncomingContact, urls: list[_Value], words: dict[str, str], extra: list[str]
) -> None:
    for url in urls:
        text = url.text.strip()
        try:
            canonical = check_linkedin_url(text)
        except ValueError:
            canonical = None
        linkedin = "https://www.linkedin.com/"  # untranslated: an address
        is_linkedin = canonical is not None and canonical.startswith(linkedin)
        if is_linkedin and person.linkedin_url is None:
            person.linkedin_url = canonical
        elif not (is_linkedin and canonical == person.linkedin_url):
            extra.append(_noted(words["web"], url))
