"""How long ago, and days and months by name: the one place dates are put into words."""

from __future__ import annotations

from datetime import date

from refterm.model.i18n import _, language, number
from refterm.model.plural import counted

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
WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}


def unknown() -> str:
    """What a sentence says instead of a date nobody recorded."""
    return _("at an unknown date")


def days_text(count: int) -> str:
    """'1 day', '12 days', '1,200 days'."""
    return counted(count, "{count} day", "{count} days")


def ago(days: int) -> str:
    """'today', '1 d ago', '12 d ago', 'in 3 d' — the short form tables use."""
    if days == 0:
        return _("today")
    if days > 0:
        return _("{days} d ago").format(days=number(days))
    return _("in {days} d").format(days=number(-days))


def short_since(on: date | None, today: date) -> str:
    """`ago` from a date: '12 d ago', or 'at an unknown date'."""
    return ago((today - on).days) if on else unknown()


def since(on: date | None, today: date) -> str:
    """'today', '12 days ago', 'in 2 days' — the long form sentences use."""
    if on is None:
        return unknown()
    days = (today - on).days
    if days == 0:
        return _("today")
    if days < 0:
        return counted(-days, "in {count} day", "in {count} days")
    return counted(days, "{count} day ago", "{count} days ago")


def age(on: date | None, today: date) -> str:
    """'today', '12 d', '3 y', 'never' — how long since, in a narrow column."""
    if on is None:
        return _("never")
    days = (today - on).days
    if days <= 0:
        return _("today") if days == 0 else _("planned")
    if days < 730:
        return _("{days} d").format(days=number(days))
    return _("{years} y").format(years=number(days // 365))


def long_day(day: date, in_language: str | None = None) -> str:
    """'Thursday 26 November 2026', 'jeudi 26 novembre 2026' (the interface's language); the
    first of the month is '1er' in French, as French writes it."""
    spoken = in_language or language()
    weekday, month = WEEKDAYS[spoken][day.weekday()], MONTHS[spoken][day.month - 1]
    number = "1er" if spoken == "fr" and day.day == 1 else str(day.day)
    return f"{weekday} {number} {month} {day.year}"
