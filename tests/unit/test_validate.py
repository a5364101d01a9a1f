"""Field rules: names, e-mails, phones (E.164), LinkedIn URLs, cadence, typed dates."""

from __future__ import annotations

from datetime import date

import pytest

from refterm.core.dates import parse_user_date
from refterm.core.validate import (
    check_cadence,
    check_email,
    check_linkedin_url,
    check_name,
    check_phone,
)
from tests.support import TODAY


def test_name_is_trimmed_and_bounded() -> None:
    assert check_name("  Ann   Lee ") == "Ann Lee"
    with pytest.raises(ValueError, match="required"):
        check_name(" \t\x1b[0m ")
    with pytest.raises(ValueError, match="at most 200"):
        check_name("x" * 201)


@pytest.mark.parametrize("raw", ["ann@example.com", " Ann@Example.COM ", "mailto:ann@example.com"])
def test_email_accepted_and_lowered(raw: str) -> None:
    assert check_email(raw) == "ann@example.com"


@pytest.mark.parametrize("raw", ["ann", "ann@", "@x.com", "a b@x.com", "ann@x", "a@@x.com"])
def test_email_refused_with_reason(raw: str) -> None:
    with pytest.raises(ValueError, match="not an e-mail address"):
        check_email(raw)


def test_empty_email_is_none() -> None:
    assert check_email("  ") is None


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("+212 6 61 23 45 67", "FR", "+212661234567"),
        ("0661234567", "MA", "+212661234567"),
        ("tel:+1-212-555-0143", "FR", "+12125550143"),
        ("+33 0 12 34 56 78", "FR", None),
        ("099 99 99 99", "FR", None),
    ],
)
def test_phone_normalised_to_e164(raw: str, region: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(ValueError, match="not a valid"):
            check_phone(raw, region)
    else:
        assert check_phone(raw, region) == expected


def test_phone_refusals_say_why() -> None:
    with pytest.raises(ValueError, match="not a phone number"):
        check_phone("call me", "FR")
    with pytest.raises(ValueError, match="wrong number of digits"):
        check_phone("12", "FR")


def test_linkedin_urls_are_canonical() -> None:
    expected = "https://www.linkedin.com/in/jean-dupont"
    for raw in ("linkedin.com/in/Jean-Dupont/", "https://fr.linkedin.com/in/jean-dupont?trk=x"):
        assert check_linkedin_url(raw) == expected
    assert check_linkedin_url("example.com/me/") == "https://example.com/me"
    with pytest.raises(ValueError):
        check_linkedin_url("not a url")


def test_cadence() -> None:
    assert check_cadence("30") == 30
    assert check_cadence("") is None
    with pytest.raises(ValueError):
        check_cadence("0")
    with pytest.raises(ValueError):
        check_cadence("often")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("today", TODAY),
        ("tomorrow", date(2026, 11, 27)),
        ("demain", date(2026, 11, 27)),
        ("+3d", date(2026, 11, 29)),
        ("+3j", date(2026, 11, 29)),
        ("+2w", date(2026, 12, 10)),
        ("3d", date(2026, 11, 29)),
    ],
)
def test_typed_dates(typed: str, expected: date) -> None:
    assert parse_user_date(typed, TODAY) == expected


def test_bad_typed_date_lists_accepted_forms() -> None:
    with pytest.raises(ValueError, match=r"\+3d"):
        parse_user_date("next tuesday", TODAY)
