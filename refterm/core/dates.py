"""Dates as people type them in forms: 2026-12-01, today, tomorrow, +3d, +2w, demain, +3j."""

from __future__ import annotations

import re
from datetime import date, timedelta

from refterm.model.i18n import _
from refterm.model.ranges import check_date

_RELATIVE = re.compile(r"^\+?\s*(\d{1,4})\s*([dwjsm])$")
_UNITS = {"d": 1, "j": 1, "w": 7, "s": 7, "m": 30}
_WORDS = {
    "today": 0,
    "aujourd'hui": 0,  # untranslated: a word the user types
    "aujourd’hui": 0,  # untranslated: a word the user types
    "aujourdhui": 0,
    "tomorrow": 1,
    "demain": 1,
    "yesterday": -1,
    "hier": -1,
}


def parse_user_date(value: str, today: date) -> date:
    """Read a typed date relative to `today`, within refterm's range; ValueError says why not."""
    return check_date(_parse_user_date(value, today))


def _parse_user_date(value: str, today: date) -> date:
    text = value.strip().lower()
    try:
        if text in _WORDS:
            return today + timedelta(days=_WORDS[text])
        match = _RELATIVE.match(text)
        if match:
            return today + timedelta(days=int(match.group(1)) * _UNITS[match.group(2)])
    except OverflowError:
        raise ValueError(
            _("{value} falls outside the calendar (years 1 to 9999)").format(value=repr(value))
        ) from None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            _(
                "{value} is not a date: use 2026-12-01, today, tomorrow, +3d, +2w (or demain, +3j)"
            ).format(value=repr(value))
        ) from None


def parse_optional_date(value: str | None, today: date) -> date | None:
    if value is None or not value.strip():
        return None
    return parse_user_date(value, today)


def days_after(day: date, days: int) -> date:
    """`day` plus `days`, or a clear refusal past the calendar's end (year 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        from refterm.errors import InvalidInput

        raise InvalidInput(
            _("{days} days after {day} falls outside the calendar (years 1 to 9999)").format(
                days=days, day=day.isoformat()
            )
        ) from None
