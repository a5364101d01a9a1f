"""The daily review: five sections computed for an injected `today`, in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from refterm.config import Settings
from refterm.db import review
from refterm.db.database import Database
from refterm.model.relative import days_text, since
from refterm.model.vocab import platform_phrase

if TYPE_CHECKING:
    from refterm.db.database import Database


class Section(StrEnum):
    FOLLOW_UPS = "follow_ups"
    OWES_RECOMMENDATION = "owes_recommendation"
    GOING_COLD = "going_cold"
    THANKS_OWED = "thanks_owed"
    REFERENCES_TO_BRIEF = "references_to_brief"


SECTION_TITLES = {
    Section.FOLLOW_UPS: "Follow up today",
    Section.OWES_RECOMMENDATION: "Owes me a recommendation",
    Section.GOING_COLD: "Going cold",
    Section.THANKS_OWED: "Thank-you owed",
    Section.REFERENCES_TO_BRIEF: "References to brief",
}


@dataclass(frozen=True)
class AgendaItem:
    """One row of the review, with the sentence that says why it is there."""

    section: Section
    contact_id: int
    contact_name: str
    company: str | None
    reason: str
    ask_id: int | None = None
    kind: str | None = None
    status: str | None = None
    use_id: int | None = None
    due_on: date | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "contact_id": self.contact_id,
            "contact": self.contact_name,
            "company": self.company,
            "ask_id": self.ask_id,
            "kind": self.kind,
            "status": self.status,
            "use_id": self.use_id,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "reason": self.reason,
        }


@dataclass
class Agenda:
    today: date
    items: dict[Section, list[AgendaItem]] = field(default_factory=dict)
    totals: dict[Section, int] = field(default_factory=dict)

    def section(self, section: Section) -> list[AgendaItem]:
        return self.items.get(section, [])

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"today": self.today.isoformat()}
        for section in Section:
            data[section.value] = [item.as_json() for item in self.section(section)]
        return data


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _total(rows: list[review.Row]) -> int:
    """Each query's last column is its full count (`count(*) OVER ()`), the same on every row."""
    return int(rows[0][-1]) if rows else 0


def _follow_ups(connection: Any, today: date, limit: int | None) -> tuple[list[AgendaItem], int]:
    rows = review.follow_ups(connection, today, limit)
    items = []
    for row in rows:
        contact_id, name, company, ask_id, kind, status, follow_up, asked, agreed, times = row[:10]
        follow_up_on = _day(follow_up)
        overdue = (today - follow_up_on).days if follow_up_on else 0
        due = (
            "follow-up due today" if overdue == 0 else f"follow-up was due {days_text(overdue)} ago"
        )
        if status == "agreed":
            reason = f"agreed to a {kind} {since(_day(agreed), today)}, {due}"
        else:
            repeated = f" ({times} times)" if times > 1 else ""
            reason = f"asked for a {kind} {since(_day(asked), today)}{repeated}, {due}"
        item = AgendaItem(Section.FOLLOW_UPS, contact_id, name, company, reason)
        items.append(replace(item, ask_id=ask_id, kind=kind, status=status, due_on=follow_up_on))
    return items, _total(rows)


def _owes(connection: Any, today: date, limit: int | None) -> tuple[list[AgendaItem], int]:
    rows = review.owes_recommendation(connection, limit)
    items = []
    for row in rows:
        contact_id, name, company, ask_id, kind, status, agreed, platform = row[:8]
        phrase = platform_phrase(platform)
        where_to = f" {phrase}" if phrase else ""
        agreed_on = _day(agreed)
        reason = f"agreed {since(agreed_on, today)} to write a recommendation{where_to}"
        item = AgendaItem(Section.OWES_RECOMMENDATION, contact_id, name, company, reason)
        items.append(replace(item, ask_id=ask_id, kind=kind, status=status, due_on=agreed_on))
    return items, _total(rows)


def _going_cold(
    connection: Any, today: date, settings: Settings, limit: int | None
) -> tuple[list[AgendaItem], int]:
    rows = review.going_cold(connection, today, settings.cadence_days, limit)
    items = []
    for row in rows:
        contact_id, name, company, last, days, due = row[:6]
        due_on = date.fromisoformat(due)
        last_on = _day(last)
        said = f"last contact {since(last_on, today)}" if last_on else "never contacted"
        late = (today - due_on).days
        lateness = "due today" if late == 0 else f"{days_text(late)} overdue"
        reason = f"{said}; keep in touch every {days_text(days)}, {lateness}"
        items.append(
            AgendaItem(Section.GOING_COLD, contact_id, name, company, reason, due_on=due_on)
        )
    return items, _total(rows)


def _thanks(connection: Any, today: date, limit: int | None) -> tuple[list[AgendaItem], int]:
    rows = review.thanks_owed(connection, limit)
    items = []
    for row in rows:
        contact_id, name, company, ask_id, kind, status, received = row[:7]
        received_on = _day(received)
        reason = f"wrote the recommendation {since(received_on, today)}; not thanked yet"
        item = AgendaItem(Section.THANKS_OWED, contact_id, name, company, reason)
        items.append(replace(item, ask_id=ask_id, kind=kind, status=status, due_on=received_on))
    return items, _total(rows)


def _to_brief(connection: Any, today: date, limit: int | None) -> tuple[list[AgendaItem], int]:
    rows = review.references_to_brief(connection, limit)
    items = []
    for row in rows:
        contact_id, name, company, ask_id, kind, status, use_id, employer, role, shared = row[:10]
        shared_on = _day(shared)
        for_role = f" for {role}" if role else ""
        reason = (
            f"given as a reference to {employer}{for_role} {since(shared_on, today)}; "
            "brief them before the recruiter calls"
        )
        item = AgendaItem(Section.REFERENCES_TO_BRIEF, contact_id, name, company, reason)
        items.append(
            replace(item, ask_id=ask_id, kind=kind, status=status, use_id=use_id, due_on=shared_on)
        )
    return items, _total(rows)


def build_agenda(
    database: Database, today: date, settings: Settings, limit: int | None = 200
) -> Agenda:
    """All five sections for `today`; each list holds at most `limit` rows, totals count all."""
    agenda = Agenda(today=today)
    with database.raw_reading() as connection:
        parts = {
            Section.FOLLOW_UPS: _follow_ups(connection, today, limit),
            Section.OWES_RECOMMENDATION: _owes(connection, today, limit),
            Section.GOING_COLD: _going_cold(connection, today, settings, limit),
            Section.THANKS_OWED: _thanks(connection, today, limit),
            Section.REFERENCES_TO_BRIEF: _to_brief(connection, today, limit),
        }
    for section, (items, total) in parts.items():
        agenda.items[section] = items
        agenda.totals[section] = total
    return agenda


def weekly_activity(database: Database, today: date, weeks: int = 12) -> list[int]:
    """Interactions per week over the last `weeks` weeks, oldest first (for the sparkline)."""
    start = today - timedelta(days=weeks * 7 - 1)
    with database.raw_reading() as connection:
        rows = review.weekly_activity(connection, start, today)
    counts = [0] * weeks
    for occurred_on, count in rows:
        counts[(date.fromisoformat(occurred_on) - start).days // 7] += int(count)
    return counts


def has_contacts(database: Database) -> bool:
    """Whether anyone is in the database yet (archived contacts count), for the welcome state."""
    with database.raw_reading() as connection:
        return review.has_contacts(connection)


def profile_name(database: Database) -> str | None:
    """The user's name for the header, read without the ORM."""
    with database.raw_reading() as connection:
        return review.profile_name(connection)
