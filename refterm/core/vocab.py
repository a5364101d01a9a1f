"""The closed vocabularies of the data model, as the user types them."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


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
    # Written by an import that finds a new company or title; never typed by the user.
    JOB_CHANGE = "job_change"


def logged_outcomes() -> list[str]:
    """The outcomes a user can log for a call or message."""
    return [outcome for outcome in choices(Outcome) if outcome != Outcome.JOB_CHANGE]


class Language(StrEnum):
    EN = "en"
    FR = "fr"


def choices(vocab: type[StrEnum]) -> list[str]:
    """The values of a vocabulary, for CLI choices and form selects."""
    return [member.value for member in vocab]


def parse_choice(vocab: type[E], value: str, what: str) -> E:
    """Map user text to a vocabulary member, or say which values are allowed."""
    from refterm.errors import InvalidInput

    cleaned = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return vocab(cleaned)
    except ValueError:
        allowed = ", ".join(choices(vocab))
        raise InvalidInput(f"{what} must be one of {allowed}; got {value!r}") from None


PLATFORM_NAMES = {
    Platform.LINKEDIN: "LinkedIn",
    Platform.VIADEO: "Viadeo",
    Platform.EXEKUTIVE: "Exekutive",
    Platform.LETTER: "letter",
    Platform.EMAIL: "e-mail",
    Platform.PHONE: "phone",
    Platform.OTHER: "other",
}
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
