"""Field rules shared by the CLI, the forms and the importers."""

from __future__ import annotations

import re

from refterm.model import ranges
from refterm.model.i18n import N_, _, number
from refterm.model.text import clean_line

NAME_MAX = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def check_name(value: str | None) -> str:
    """A trimmed name of 1-200 characters; raises ValueError with the reason."""
    name = clean_line(value)
    if not name:
        raise ValueError(_("a name is required"))
    if len(name) > NAME_MAX:
        raise ValueError(
            _("a name has at most {most} characters ({given} given)").format(
                most=number(NAME_MAX), given=number(len(name))
            )
        )
    return name


_KNOWN_SINCE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


def check_known_since(value: str | None, this_year: int | None = None) -> str | None:
    """A year or a year and month ("2019", "2019-03"), 1900 to this year; None when empty."""
    text = clean_line(value)
    if not text:
        return None
    match = _KNOWN_SINCE.match(text)
    if match is None:
        raise ValueError(
            _("{typed} is not a year or a year and month (expected 2019 or 2019-03)").format(
                typed=repr(text)
            )
        )
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    if not 1900 <= year <= (this_year or 9999):
        raise ValueError(
            _("{typed}: the year must be between 1900 and {last}").format(
                typed=repr(text), last=this_year or 9999
            )
        )
    if month is not None and not 1 <= month <= 12:
        raise ValueError(_("{typed}: the month must be between 01 and 12").format(typed=repr(text)))
    return f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"


def check_email(value: str | None) -> str | None:
    """A plausible address (one @, a dotted domain), lower-cased; None when empty."""
    email = clean_line(value)
    if not email:
        return None
    if email.lower().startswith("mailto:"):
        email = email[7:]
    if len(email) > 254 or not _EMAIL.match(email) or ".." in email:
        raise ValueError(
            _("{typed} is not an e-mail address (expected name@example.com)").format(
                typed=repr(email)
            )
        )
    # Lower-cased whole: in practice mailboxes ignore case, and de-duplication relies on it.
    return email.lower()


def check_phone(value: str | None, region: str) -> str | None:
    """Normalise to E.164 (+33612345678) with `region` for national numbers; None when empty."""
    raw = clean_line(value)
    if not raw:
        return None
    if raw.lower().startswith("tel:"):
        raw = raw[4:]
    import phonenumbers

    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as error:
        raise ValueError(
            _("{typed} is not a phone number ({reason})").format(
                typed=repr(raw), reason=_parse_reason(error)
            )
        ) from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError(
            _("{typed} has the wrong number of digits for a phone number").format(typed=repr(raw))
        )
    if not phonenumbers.is_valid_number(number):
        if raw.lstrip().startswith(("+", "00")):
            raise ValueError(
                _("{typed} is not a valid phone number in its country").format(typed=repr(raw))
            )
        raise ValueError(
            _(
                "{typed} is not a valid number for region {region}; "
                "write it with its country code, e.g. +33 6 12 34 56 78"
            ).format(typed=repr(raw), region=region)
        )
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


# phonenumbers' own reasons, word for word, so the interface can say them in its language.
PHONE_REASONS = (
    N_("Could not interpret numbers after plus-sign."),
    N_("Country calling code supplied was not recognised."),
    N_("Missing or invalid default region."),
    N_("Phone number had an IDD, but after this was not long enough to be a viable phone number."),
    N_("The phone number supplied was None."),
    N_("The phone-context value is invalid"),
    N_("The string supplied did not seem to be a phone number."),
    N_("The string supplied is too long to be a phone number."),
    N_("The string supplied is too short to be a phone number."),
    N_("The string supplied was too long to parse."),
)


def _parse_reason(error: Exception) -> str:
    text = str(error)
    # phonenumbers prefixes its messages with "(n) "; keep the human part.
    reason = text.split(") ", 1)[-1] if text.startswith("(") else text
    return _(reason) if reason in PHONE_REASONS else reason


def check_cadence(value: str | int | None) -> int | None:
    """Keep-in-touch days: a whole number from 1 to 3650, or None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        days = int(str(value).strip())
    except ValueError:
        raise ValueError(_("{typed} is not a number of days").format(typed=repr(value))) from None
    return ranges.check_cadence(days)


_LINKEDIN = re.compile(r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(in|pub)/([^/?#\s]+)", re.I)


def check_linkedin_url(value: str | None) -> str | None:
    """A profile address in one canonical form, so the same person is recognised on import."""
    url = clean_line(value)
    if not url:
        return None
    match = _LINKEDIN.match(url)
    if match:
        profile, name = match.group(1).lower(), match.group(2).lower()
        return f"https://www.linkedin.com/{profile}/{name}"  # untranslated: an address
    if " " in url or "." not in url:
        raise ValueError(_("{typed} is not a web address").format(typed=repr(url)))
    if not re.match(r"^https?://", url, re.IGNORECASE):
        url = "https://" + url
    return url.rstrip("/")
