"""What the user's calendar should hold: follow-ups due, reference briefings, keep-in-touch dates.

The review's own queries decide who is due (one function owns each fact); this module only
places them on days over the coming weeks and words them in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from refterm.config import Settings
from refterm.core.templating import long_date
from refterm.db import review

if TYPE_CHECKING:
    from refterm.db.database import Database

DEFAULT_WEEKS = 4
_KINDS = {
    "en": {"reference": "reference", "recommendation": "recommendation"},
    "fr": {"reference": "référence", "recommendation": "recommandation"},
}


# The calendar's own words, in the language of the export (not the interface's).
_WORDS = {
    "en": {
        "follow_up": "Follow up with {name} ({what})",
        "agreed": "Agreed on {on}; nothing received since.",
        "asked": "Asked on {on}; no answer yet.",
        "brief": "Brief {name} before {company} calls",
        "given": "Given as a reference to {company} on {on}",
        "role": " ({role}).",
        "keep_in_touch": "Keep in touch with {name}",
        "last_contact": "Last contact: {on}.",
        "never": "Never contacted.",
    },
    "fr": {
        "follow_up": "Relancer {name} ({what})",
        "agreed": "Accord le {on}, rien de reçu depuis.",
        "asked": "Demande faite le {on}, sans réponse.",
        "brief": "Briefer {name} avant l’appel {de_company}",
        "given": "Référence transmise à {company} le {on}",
        "role": " (poste\u00a0: {role}).",
        "keep_in_touch": "Prendre des nouvelles {de_name}",
        "last_contact": "Dernier contact\u00a0: {on}.",
        "never": "Aucun contact noté jusqu’ici.",
    },
}


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event; `uid` stays the same for the same follow-up across exports."""

    uid: str
    on: date
    title: str
    description: str


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _de(name: str) -> str:
    """French 'de' before a name: elided before a vowel ("d’Orange", "de Thales")."""
    return f"d’{name}" if name[:1].lower() in "aeiouyàâéèêîôû" else f"de {name}"


def _follow_up(row: review.Row, today: date, language: str) -> CalendarEvent:
    _contact, name, _company, ask_id, kind, status, follow_up, asked, agreed = row[:9]
    due = max(_day(follow_up) or today, today)
    words = _WORDS.get(language, _WORDS["en"])
    what = _KINDS.get(language, _KINDS["en"]).get(kind, kind)
    title = words["follow_up"].format(name=name, what=what)
    if status == "agreed" and agreed:
        description = words["agreed"].format(on=long_date(_day(agreed), language))
    else:
        description = words["asked"].format(on=long_date(_day(asked), language))
    if not (asked or agreed):
        description = ""
    return CalendarEvent(f"follow-up-{ask_id}@refterm", due, title, description)


def _briefing(row: review.Row, today: date, language: str) -> CalendarEvent:
    _contact, name, _company, _ask, _kind, _status, use_id, company, role, shared = row[:10]
    words = _WORDS.get(language, _WORDS["en"])
    title = words["brief"].format(name=name, company=company, de_company=_de(company))
    description = words["given"].format(company=company, on=long_date(_day(shared), language))
    description += words["role"].format(role=role) if role else "."
    return CalendarEvent(f"briefing-{use_id}@refterm", today, title, description)


def _keep_in_touch(row: review.Row, today: date, language: str) -> CalendarEvent:
    contact_id, name, _company, last, _cadence, due = row[:6]
    on = max(_day(due) or today, today)
    last_on = _day(last)
    words = _WORDS.get(language, _WORDS["en"])
    title = words["keep_in_touch"].format(name=name, de_name=_de(name))
    if last_on:
        description = words["last_contact"].format(on=long_date(last_on, language))
    else:
        description = words["never"]
    return CalendarEvent(f"keep-in-touch-{contact_id}@refterm", on, title, description)


def calendar_events(
    database: Database, today: date, settings: Settings, language: str, weeks: int
) -> list[CalendarEvent]:
    """Everything due from today to `weeks` weeks ahead (what is overdue, on today), by day."""
    horizon = today + timedelta(days=7 * weeks)
    with database.raw_reading() as connection:
        follow_ups = review.rows(connection, review.follow_ups(horizon))
        briefings = review.rows(connection, review.references_to_brief())
        cold = review.going_cold(connection, horizon, settings.cadence_days, None)
    events = [_follow_up(row, today, language) for row in follow_ups]
    events += [_briefing(row, today, language) for row in briefings]
    events += [_keep_in_touch(row, today, language) for row in cold]
    return sorted(events, key=lambda event: (event.on, event.uid))
