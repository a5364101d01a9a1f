"""How long ago, and days and months by name: the one place dates are put into words."""

from __future__ import annotations

from datetime import date

MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ),
}  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
UNKNOWN = "at an unknown date"


def days_text(count: int) -> str:
    """'1 day', '12 days'."""
    return "1 day" if count == 1 else f"{count} days"


def ago(days: int) -> str:
    """'today', '1 d ago', '12 d ago', 'in 3 d' — the short form tables use."""
    if days == 0:
        return "today"
    if days > 0:
        return f"{days} d ago"
    return f"in {-days} d"


def short_since(on: date | None, today: date) -> str:
    """`ago` from a date: '12 d ago', or 'at an unknown date'."""
    return ago((today - on).days) if on else UNKNOWN


def since(on: date | None, today: date) -> str:
    """'today', '12 days ago', 'in 2 days' — the long form sentences use."""
    if on is None:
        return UNKNOWN
    days = (today - on).days
    if days == 0:
        return "today"
    if days < 0:
        return f"in {days_text(-days)}"
    return f"{days_text(days)} ago"


def age(on: date | None, today: date) -> str:
    """'today', '12 d', '3 y', 'never' — how long since, in a narrow column."""
    if on is None:
        return "never"
    days = (today - on).days
    if days <= 0:
        return "today" if days == 0 else "planned"
    if days < 730:
        return f"{days} d"
    return f"{days // 365} y"


def long_day(day: date) -> str:
    """'Thursday 26 November 2026', independent of the locale."""
    weekday, month = WEEKDAYS[day.weekday()], MONTHS["en"][day.month - 1]
    return f"{weekday} {day.day} {month} {day.year}"
