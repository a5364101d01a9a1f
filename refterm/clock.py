"""The injected "today": logic never reads the wall clock for dates."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from refterm.errors import InvalidInput
from refterm.model.i18n import _
from refterm.model.ranges import OutOfRange, check_today

TODAY_ENV = "REFTERM_TODAY"


def parse_iso_date(value: str, what: str = "date") -> date:
    """Parse YYYY-MM-DD, naming `what` in the error."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(
            _("{what} must be a date like 2026-11-26, not {value}").format(
                what=what, value=repr(value)
            )
        ) from None


def _today_in_range(day: date, what: str) -> date:
    try:
        return check_today(day, what)
    except OutOfRange as error:
        raise InvalidInput(str(error)) from None


def resolve_today(option: str | None, environ: dict[str, str] | None = None) -> date:
    """Today from --today, else REFTERM_TODAY, else the system date (read here only)."""
    env = os.environ if environ is None else environ
    if option:
        return _today_in_range(parse_iso_date(option, "--today"), "--today")
    if env.get(TODAY_ENV):
        return _today_in_range(parse_iso_date(env[TODAY_ENV], TODAY_ENV), TODAY_ENV)
    return date.today()


def utc_now() -> datetime:
    """The current instant in UTC, for audit columns (`*_at`) only, never for dates."""
    return datetime.now(UTC)


def noon_of(day: date) -> datetime:
    """A stable instant on `day`, for data created relative to an injected today."""
    return datetime(day.year, day.month, day.day, 12, 0, 0, tzinfo=UTC)
