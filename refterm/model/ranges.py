"""The one range policy for dates and numbers, held by the CLI, forms, config and restores."""

from __future__ import annotations

from datetime import date, datetime

from refterm.model.i18n import _

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(9999, 12, 31)
# "Today" leaves room for what refterm computes from it (a cadence of up to ten years ahead,
# weeks back for the activity chart), so no date arithmetic can leave the calendar.
LAST_TODAY = date(9989, 12, 31)
CADENCE_DAYS = (1, 3650)
TIMES_ASKED = (0, 1000)
SETTING_DAYS = (1, 3650)
ROW_IDS = (1, 2**63 - 1)  # SQLite's positive integers


class OutOfRange(ValueError):
    """A value outside refterm's ranges; the message says the range."""


def check_date(value: date, what: str | None = None, last: date = LAST_DAY) -> date:
    """`value` if it lies in 1900-01-01..9999-12-31 (or `last`), else OutOfRange naming `what`."""
    day = value.date() if isinstance(value, datetime) else value
    if not FIRST_DAY <= day <= last:
        raise OutOfRange(
            _("{what} must lie between {first} and {last}, not {day}").format(
                what=what or _("a date"),
                first=FIRST_DAY.isoformat(),
                last=last.isoformat(),
                day=day.isoformat(),
            )
        )
    return value


def check_today(value: date, what: str | None = None) -> date:
    """The day refterm runs for: 1900-01-01..9989-12-31."""
    return check_date(value, what or _("today"), LAST_TODAY)


def check_whole(value: object, bounds: tuple[int, int], what: str) -> int:
    """A whole number within `bounds` (inclusive), else OutOfRange naming `what`."""
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise OutOfRange(
            _("{what} must be a whole number from {low} to {high}, not {value}").format(
                what=what, low=low, high=high, value=repr(value)
            )
        )
    return value


def check_cadence(days: object) -> int:
    """Keep-in-touch days: 1 to 3650."""
    return check_whole(days, CADENCE_DAYS, _("keep-in-touch days"))


def check_times_asked(count: object) -> int:
    """How many times an ask was made: 0 to 1000."""
    return check_whole(count, TIMES_ASKED, _("times asked"))
