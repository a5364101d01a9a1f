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
    what = _KINDS.get(language, _KINDS["en"]).get(kind, kind)
    if language == "fr":
        title = f"Relancer {name} ({what})"
        if status == "agreed" and agreed:
            description = f"Accord le {long_date(_day(agreed), 'fr')}, rien de reçu depuis."
        else:
            description = f"Demande faite le {long_date(_day(asked), 'fr')}, sans réponse."
    else:
        title = f"Follow up with {name} ({what})"
        if status == "agreed" and agreed:
            description = f"Agreed on {long_date(_day(agreed))}; nothing received since."
        else:
            description = f"Asked on {long_date(_day(asked))}; no answer yet."
    if not (asked or agreed):
        description = ""
    return CalendarEvent(f"follow-up-{ask_id}@refterm", due, title, description)


def _briefing(row: review.Row, today: date, language: str) -> CalendarEvent:
    _contact, name, _company, _ask, _kind, _status, use_id, company, role, shared = row[:10]
    if language == "fr":
        title = f"Briefer {name} avant l’appel {_de(company)}"
        description = f"Référence transmise à {company} le {long_date(_day(shared), 'fr')}"
        description += f" (poste\u00a0: {role})." if role else "."
    else:
        title = f"Brief {name} before {company} calls"
        description = f"Given as a reference to {company} on {long_date(_day(shared))}"
        description += f" ({role})." if role else "."
    return CalendarEvent(f"briefing-{use_id}@refterm", today, title, description)


def _keep_in_touch(row: review.Row, today: date, language: str) -> CalendarEvent:
    contact_id, name, _company, last, _cadence, due = row[:6]
    on = max(_day(due) or today, today)
    last_on = _day(last)
    if language == "fr":
        title = f"Prendre des nouvelles {_de(name)}"
        description = (
            f"Dernier contact\u00a0: {long_date(last_on, 'fr')}."
            if last_on
            else "Aucun contact noté jusqu’ici."
        )
    else:
        title = f"Keep in touch with {name}"
        description = f"Last contact: {long_date(last_on)}." if last_on else "Never contacted."
    return CalendarEvent(f"keep-in-touch-{contact_id}@refterm", on, title, description)


def calendar_events(
    database: Database, today: date, settings: Settings, language: str, weeks: int
) -> list[CalendarEvent]:
    """Everything due from today to `weeks` weeks ahead (what is overdue, on today), by day."""
    horizon = today + timedelta(days=7 * weeks)
    with database.raw_reading() as connection:
        follow_ups = review.follow_ups(connection, horizon, None)
        briefings = review.references_to_brief(connection, None)
        cold = review.going_cold(connection, horizon, settings.cadence_days, None)
    events = [_follow_up(row, today, language) for row in follow_ups]
    events += [_briefing(row, today, language) for row in briefings]
    events += [_keep_in_touch(row, today, language) for row in cold]
    return sorted(events, key=lambda event: (event.on, event.uid))
