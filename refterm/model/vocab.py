"""The closed vocabularies of the data model, as the user types them."""

from __future__ import annotations

from enum import StrEnum

from refterm.model.text import clean_line


class Relationship(StrEnum):
    COLLEAGUE = "colleague"
    MANAGER = "manager"
    DIRECT_REPORT = "direct_report"
    CLIENT = "client"
    PARTNER = "partner"
    MENTOR = "mentor"
    CLASSMATE = "classmate"
    FRIEND = "friend"
    OTHER = "other"


class AskKind(StrEnum):
    REFERENCE = "reference"
    RECOMMENDATION = "recommendation"


class Platform(StrEnum):
    LINKEDIN = "linkedin"
    VIADEO = "viadeo"
    EXEKUTIVE = "exekutive"
    LETTER = "letter"
    EMAIL = "email"
    PHONE = "phone"
    OTHER = "other"


class AskStatus(StrEnum):
    PLANNED = "planned"
    ASKED = "asked"
    AGREED = "agreed"
    RECEIVED = "received"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


# An ask still in play: the Asks screen, the contact list's counts and the review agree on these.
OPEN_ASK_STATUSES: tuple[AskStatus, ...] = (AskStatus.PLANNED, AskStatus.ASKED, AskStatus.AGREED)
# Asked and not yet answered for good: the ones a follow-up date applies to.
AWAITING_STATUSES: tuple[AskStatus, ...] = (AskStatus.ASKED, AskStatus.AGREED)


class Channel(StrEnum):
    CALL = "call"
    EMAIL = "email"
    MESSAGE = "message"
    MEETING = "meeting"
    OTHER = "other"


class Outcome(StrEnum):
    REACHED = "reached"
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no_answer"
    AGREED = "agreed"
    DECLINED = "declined"
    CALL_BACK = "call_back"


class Language(StrEnum):
    EN = "en"
    FR = "fr"


class ContactSort(StrEnum):
    """The orders the Contacts list offers."""

    NAME = "name"
    LAST_CONTACT = "last contact"
    COMPANY = "company"


def choices(vocab: type[StrEnum]) -> list[str]:
    """The values of a vocabulary, for CLI choices and form selects."""
    return [member.value for member in vocab]


def pick(vocab: type[StrEnum], value: str | None, what: str) -> str | None:
    """User text as a value of `vocab` (case, spaces and dashes forgiven); None when blank.

    The one validator of every vocabulary: forms, the CLI, imports and the profile call it.
    """
    text = clean_line(value).lower().replace("-", "_").replace(" ", "_")
    if not text:
        return None
    allowed = choices(vocab)
    if text not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}")
    return text


def check_language(value: str | None) -> str:
    """A language refterm speaks, exactly as given; ValueError names the others."""
    if value not in choices(Language):
        raise ValueError(f"language must be one of {', '.join(choices(Language))}; got {value!r}")
    return value


_PLATFORM_PHRASES = {
    Platform.LINKEDIN: "on LinkedIn",
    Platform.VIADEO: "on Viadeo",
    Platform.EXEKUTIVE: "on Exekutive",
    Platform.LETTER: "as a letter",
    Platform.EMAIL: "by e-mail",
    Platform.PHONE: "by phone",
}


def platform_phrase(platform: str | None) -> str:
    """'on LinkedIn', 'as a letter', 'by e-mail' — how English sentences name a platform."""
    try:
        return _PLATFORM_PHRASES.get(Platform(platform or ""), "")
    except ValueError:
        return ""
