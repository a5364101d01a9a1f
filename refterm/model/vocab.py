"""The closed vocabularies of the data model, as the user types them."""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from refterm.model.i18n import N_, _, language, pgettext
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
    # Written by an import that finds a new company or title; never typed by the user.
    JOB_CHANGE = "job_change"


def logged_outcomes() -> list[str]:
    """The outcomes a user can log for a call or message."""
    return [outcome for outcome in choices(Outcome) if outcome != Outcome.JOB_CHANGE]


class Formality(StrEnum):
    AUTO = "auto"
    TU = "tu"
    VOUS = "vous"


class Civility(StrEnum):
    NONE = "none"
    MADAME = "madame"
    MONSIEUR = "monsieur"


class SearchStatus(StrEnum):
    EMPLOYED = "employed"  # in post, building the dossier while nothing depends on it
    OPEN = "open"  # quietly open to the right role
    LOOKING = "looking"  # actively looking


class Language(StrEnum):
    EN = "en"
    FR = "fr"


class ContactSort(StrEnum):
    """The orders the Contacts list offers."""

    NAME = "name"
    LAST_CONTACT = "last contact"  # untranslated: the stored sort key; label() shows it
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
        raise ValueError(
            _("{what} must be one of {allowed}").format(what=what, allowed=", ".join(allowed))
        )
    return text


def check_language(value: str | None) -> str:
    """A language refterm speaks, exactly as given; ValueError names the others."""
    if value not in choices(Language):
        raise ValueError(
            _("language must be one of {known}; got {value}").format(
                known=", ".join(choices(Language)), value=repr(value)
            )
        )
    return value


_PLATFORM_PHRASES = {
    Platform.LINKEDIN: N_("on LinkedIn"),
    Platform.VIADEO: N_("on Viadeo"),
    Platform.EXEKUTIVE: N_("on ExeKutive"),
    Platform.LETTER: N_("as a letter"),
    Platform.EMAIL: N_("by e-mail"),
    Platform.PHONE: N_("by phone"),
}


def platform_phrase(platform: str | None) -> str:
    """'on LinkedIn', 'as a letter', 'by e-mail' — how the interface's sentences name a platform."""
    try:
        phrase = _PLATFORM_PHRASES.get(Platform(platform or ""), "")
    except ValueError:
        return ""
    return _(phrase) if phrase else ""


def label(vocab: type[StrEnum], value: str | None) -> str:
    """A stored code as the interface shows it: 'direct report', 'collaborateur' ('' for None).

    The code itself never changes; English shows it with spaces for underscores, as before.
    A code refterm does not know is shown as it is stored.
    """
    if not value:
        return ""
    return _labels(language()).get((vocab, value), value.replace("_", " "))


@cache
def _labels(spoken: str) -> dict[tuple[type[StrEnum], str], str]:
    """Every vocabulary's labels in the language `spoken` (pgettext: 'agreed' differs by vocab)."""
    del spoken  # the cache key: pgettext reads the language itself
    return {
        (Relationship, "colleague"): pgettext("relationship", "colleague"),
        (Relationship, "manager"): pgettext("relationship", "manager"),
        (Relationship, "direct_report"): pgettext("relationship", "direct report"),
        (Relationship, "client"): pgettext("relationship", "client"),
        (Relationship, "partner"): pgettext("relationship", "partner"),
        (Relationship, "mentor"): pgettext("relationship", "mentor"),
        (Relationship, "classmate"): pgettext("relationship", "classmate"),
        (Relationship, "friend"): pgettext("relationship", "friend"),
        (Relationship, "other"): pgettext("relationship", "other"),
        (AskKind, "reference"): pgettext("ask kind", "reference"),
        (AskKind, "recommendation"): pgettext("ask kind", "recommendation"),
        (Platform, "linkedin"): pgettext("platform", "linkedin"),
        (Platform, "viadeo"): pgettext("platform", "viadeo"),
        (Platform, "exekutive"): pgettext("platform", "exekutive"),
        (Platform, "letter"): pgettext("platform", "letter"),
        (Platform, "email"): pgettext("platform", "email"),
        (Platform, "phone"): pgettext("platform", "phone"),
        (Platform, "other"): pgettext("platform", "other"),
        (AskStatus, "planned"): pgettext("ask status", "planned"),
        (AskStatus, "asked"): pgettext("ask status", "asked"),
        (AskStatus, "agreed"): pgettext("ask status", "agreed"),
        (AskStatus, "received"): pgettext("ask status", "received"),
        (AskStatus, "declined"): pgettext("ask status", "declined"),
        (AskStatus, "withdrawn"): pgettext("ask status", "withdrawn"),
        (Channel, "call"): pgettext("channel", "call"),
        (Channel, "email"): pgettext("channel", "email"),
        (Channel, "message"): pgettext("channel", "message"),
        (Channel, "meeting"): pgettext("channel", "meeting"),
        (Channel, "other"): pgettext("channel", "other"),
        (Outcome, "reached"): pgettext("outcome", "reached"),
        (Outcome, "voicemail"): pgettext("outcome", "voicemail"),
        (Outcome, "no_answer"): pgettext("outcome", "no answer"),
        (Outcome, "agreed"): pgettext("outcome", "agreed"),
        (Outcome, "declined"): pgettext("outcome", "declined"),
        (Outcome, "call_back"): pgettext("outcome", "call back"),
        (Outcome, "job_change"): pgettext("outcome", "job change"),
        (Formality, "auto"): pgettext("formality", "auto"),
        (Formality, "tu"): pgettext("formality", "tu"),
        (Formality, "vous"): pgettext("formality", "vous"),
        (Civility, "none"): pgettext("civility", "none"),
        (Civility, "madame"): pgettext("civility", "madame"),
        (Civility, "monsieur"): pgettext("civility", "monsieur"),
        (SearchStatus, "employed"): pgettext("search status", "employed"),
        (SearchStatus, "open"): pgettext("search status", "open"),
        (SearchStatus, "looking"): pgettext("search status", "looking"),
        (Language, "en"): pgettext("language", "en"),
        (Language, "fr"): pgettext("language", "fr"),
        (ContactSort, "name"): pgettext("contact sort", "name"),
        (ContactSort, ContactSort.LAST_CONTACT): pgettext("contact sort", "last contact"),
        (ContactSort, "company"): pgettext("contact sort", "company"),
    }
