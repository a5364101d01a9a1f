"""Field rules shared by the CLI, the forms and the importers."""

from __future__ import annotations

import re

from refterm.model.text import clean_line

NAME_MAX = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def check_name(value: str | None) -> str:
    """A trimmed name of 1-200 characters; raises ValueError with the reason."""
    name = clean_line(value)
    if not name:
        raise ValueError("a name is required")
    if len(name) > NAME_MAX:
        raise ValueError(f"a name has at most {NAME_MAX} characters ({len(name)} given)")
    return name


def check_email(value: str | None) -> str | None:
    """A plausible address (one @, a dotted domain), lower-cased; None when empty."""
    email = clean_line(value)
    if not email:
        return None
    if email.lower().startswith("mailto:"):
        email = email[7:]
    if len(email) > 254 or not _EMAIL.match(email) or ".." in email:
        raise ValueError(f"{email!r} is not an e-mail address (expected name@example.com)")
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
        raise ValueError(f"{raw!r} is not a phone number ({_parse_reason(error)})") from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError(f"{raw!r} has the wrong number of digits for a phone number")
    if not phonenumbers.is_valid_number(number):
        if raw.lstrip().startswith(("+", "00")):
            raise ValueError(f"{raw!r} is not a valid phone number in its country")
        raise ValueError(
            f"{raw!r} is not a valid number for region {region}; "
            "write it with its country code, e.g. +33 6 12 34 56 78"
        )
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _parse_reason(error: Exception) -> str:
    text = str(error)
    # phonenumbers prefixes its messages with "(n) "; keep the human part.
    return text.split(") ", 1)[-1] if text.startswith("(") else text


def check_cadence(value: str | int | None) -> int | None:
    """Keep-in-touch days: a whole number from 1 to 3650, or None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        days = int(str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a number of days") from None
    if not 1 <= days <= 3650:
        raise ValueError("keep-in-touch days must be from 1 to 3650")
    return days


_LINKEDIN = re.compile(r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(in|pub)/([^/?#\s]+)", re.I)


def check_linkedin_url(value: str | None) -> str | None:
    """A profile address in one canonical form, so the same person is recognised on import."""
    url = clean_line(value)
    if not url:
        return None
    match = _LINKEDIN.match(url)
    if match:
        return f"https://www.linkedin.com/{match.group(1).lower()}/{match.group(2).lower()}"
    if " " in url or "." not in url:
        raise ValueError(f"{url!r} is not a web address")
    if not re.match(r"^https?://", url, re.IGNORECASE):
        url = "https://" + url
    return url.rstrip("/")
