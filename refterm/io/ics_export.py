"""The calendar export: follow-ups, briefings and keep-in-touch dates as an iCalendar file.

Each event holds a title, a short description and its day, nothing more (no phone, no
e-mail, no notes): a calendar is often synced to places the database is not.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from refterm.config import Settings
from refterm.core.calendar import DEFAULT_WEEKS, calendar_events
from refterm.db.database import Database
from refterm.model.vocab import check_language

PRODUCT = "-//refterm//refterm calendar//EN"  # untranslated: the iCalendar product id
CALENDAR_NAMES = {"en": "refterm: follow-ups", "fr": "refterm\u00a0: relances"}


def export_ics(
    database: Database,
    settings: Settings,
    today: date,
    now: datetime,
    weeks: int = DEFAULT_WEEKS,
    language: str | None = None,
) -> tuple[str, int]:
    """(the .ics text, how many events) for `weeks` weeks from `today`, in the user's language."""
    from icalendar import Calendar, Event

    from refterm.core.profile import get_profile

    chosen = check_language(language or get_profile(database).language or settings.language)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAMES[chosen])
    events = calendar_events(database, today, settings, chosen, weeks)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now)
        event.add("dtstart", item.on)
        event.add("dtend", item.on + timedelta(days=1))
        event.add("summary", item.title)
        if item.description:
            event.add("description", item.description)
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: leaves the day free
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8"), len(events)
