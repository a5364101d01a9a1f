"""The daily review: five sections computed for an injected `today`, in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Engine, case, func
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, select

from refterm.config import Settings
from refterm.core.vocab import platform_phrase
from refterm.db.models import Ask, Contact, ReferenceUse
from refterm.db.session import reading


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

    @property
    def is_empty(self) -> bool:
        return not any(self.totals.values())

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"today": self.today.isoformat()}
        for section in Section:
            data[section.value] = [item.as_json() for item in self.section(section)]
        return data


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _since(on: date | None, today: date) -> str:
    if on is None:
        return "at an unknown date"
    days = (today - on).days
    if days == 0:
        return "today"
    if days < 0:
        return f"in {_days(-days)}"
    return f"{_days(days)} ago"


def _follow_up_reason(ask: Ask, today: date) -> str:
    overdue = (today - ask.follow_up_on).days if ask.follow_up_on else 0
    due = "follow-up due today" if overdue == 0 else f"follow-up was due {_days(overdue)} ago"
    if ask.status == "agreed":
        return f"agreed to a {ask.kind} {_since(ask.agreed_on, today)}, {due}"
    times = f" ({ask.times_asked} times)" if ask.times_asked > 1 else ""
    return f"asked for a {ask.kind} {_since(ask.asked_on, today)}{times}, {due}"


def _open_contacts() -> ColumnElement[bool]:
    return col(Contact.archived_at).is_(None)


def _follow_ups(session: Session, today: date, limit: int | None) -> tuple[list[AgendaItem], int]:
    where = (
        col(Ask.status).in_(("asked", "agreed")),
        col(Ask.follow_up_on) <= today,
        _open_contacts(),
    )
    base = select(Ask, Contact).join(Contact, col(Contact.id) == Ask.contact_id).where(*where)
    rows = session.exec(base.order_by(col(Ask.follow_up_on), col(Ask.id)).limit(limit)).all()
    total = _count(session, select(Ask.id).join(Contact).where(*where))
    items = [
        AgendaItem(
            Section.FOLLOW_UPS,
            contact.id or 0,
            contact.full_name,
            contact.company,
            _follow_up_reason(ask, today),
            ask_id=ask.id,
            kind=ask.kind,
            status=ask.status,
            due_on=ask.follow_up_on,
        )
        for ask, contact in rows
    ]
    return items, total


def _owes(session: Session, today: date, limit: int | None) -> tuple[list[AgendaItem], int]:
    where = (Ask.kind == "recommendation", Ask.status == "agreed", _open_contacts())
    base = select(Ask, Contact).join(Contact, col(Contact.id) == Ask.contact_id).where(*where)
    rows = session.exec(
        base.order_by(col(Ask.agreed_on).asc().nulls_first(), col(Ask.id)).limit(limit)
    ).all()
    total = _count(session, select(Ask.id).join(Contact).where(*where))
    items = []
    for ask, contact in rows:
        phrase = platform_phrase(ask.platform)
        where_to = f" {phrase}" if phrase else ""
        items.append(
            AgendaItem(
                Section.OWES_RECOMMENDATION,
                contact.id or 0,
                contact.full_name,
                contact.company,
                f"agreed {_since(ask.agreed_on, today)} to write a recommendation{where_to}",
                ask_id=ask.id,
                kind=ask.kind,
                status=ask.status,
                due_on=ask.agreed_on,
            )
        )
    return items, total


def _cadence_expression(settings: Settings) -> ColumnElement[Any]:
    """Contact's own cadence, else the configured default for its relationship."""
    defaults = [
        (col(Contact.relationship) == name, days) for name, days in settings.cadence_days.items()
    ]
    fallback = case(*defaults, else_=None) if defaults else None
    return func.coalesce(Contact.keep_in_touch_days, fallback)


def _going_cold(
    session: Session, today: date, settings: Settings, limit: int | None
) -> tuple[list[AgendaItem], int]:
    # Julian day numbers keep this one scan of every contact cheap (it runs at start-up).
    cadence = _cadence_expression(settings)
    since = func.coalesce(Contact.last_contacted_on, func.substr(Contact.created_at, 1, 10))
    due_day = func.julianday(since) + cadence
    statement = (
        sql_select(
            col(Contact.id),
            col(Contact.full_name),
            col(Contact.company),
            col(Contact.last_contacted_on),
            cadence,
            func.date(due_day),
            func.count().over(),
        )
        .where(_open_contacts(), cadence.is_not(None), due_day <= func.julianday(today.isoformat()))
        .order_by(due_day, col(Contact.sort_key))
        .limit(limit)
    )
    rows = session.execute(statement).all()
    items = []
    for contact_id, full_name, company, last, days, due_text, _total in rows:
        due_on = date.fromisoformat(due_text)
        said = f"last contact {_since(last, today)}" if last else "never contacted"
        late = (today - due_on).days
        lateness = "due today" if late == 0 else f"{_days(late)} overdue"
        items.append(
            AgendaItem(
                Section.GOING_COLD,
                contact_id,
                full_name,
                company,
                f"{said}; keep in touch every {_days(days)}, {lateness}",
                due_on=due_on,
            )
        )
    total = int(rows[0][-1]) if rows else 0
    if limit is not None and len(rows) < limit:
        total = len(rows)
    return items, total


def _thanks(session: Session, today: date, limit: int | None) -> tuple[list[AgendaItem], int]:
    where = (Ask.status == "received", col(Ask.thanked_on).is_(None), _open_contacts())
    base = select(Ask, Contact).join(Contact, col(Contact.id) == Ask.contact_id).where(*where)
    rows = session.exec(base.order_by(col(Ask.received_on), col(Ask.id)).limit(limit)).all()
    total = _count(session, select(Ask.id).join(Contact).where(*where))
    items = [
        AgendaItem(
            Section.THANKS_OWED,
            contact.id or 0,
            contact.full_name,
            contact.company,
            f"wrote the recommendation {_since(ask.received_on, today)}; not thanked yet",
            ask_id=ask.id,
            kind=ask.kind,
            status=ask.status,
            due_on=ask.received_on,
        )
        for ask, contact in rows
    ]
    return items, total


def _to_brief(session: Session, today: date, limit: int | None) -> tuple[list[AgendaItem], int]:
    where = (col(ReferenceUse.briefed_on).is_(None), _open_contacts())
    base = (
        select(ReferenceUse, Ask, Contact)
        .join(Ask, col(Ask.id) == ReferenceUse.ask_id)
        .join(Contact, col(Contact.id) == Ask.contact_id)
        .where(*where)
    )
    rows = session.exec(
        base.order_by(col(ReferenceUse.shared_on), col(ReferenceUse.id)).limit(limit)
    )
    total = _count(
        session,
        select(ReferenceUse.id)
        .join(Ask, col(Ask.id) == ReferenceUse.ask_id)
        .join(Contact, col(Contact.id) == Ask.contact_id)
        .where(*where),
    )
    items = []
    for use, ask, contact in rows.all():
        role = f" for {use.role}" if use.role else ""
        items.append(
            AgendaItem(
                Section.REFERENCES_TO_BRIEF,
                contact.id or 0,
                contact.full_name,
                contact.company,
                f"given as a reference to {use.company}{role} {_since(use.shared_on, today)}; "
                "brief them before the recruiter calls",
                ask_id=ask.id,
                kind=ask.kind,
                status=ask.status,
                use_id=use.id,
                due_on=use.shared_on,
            )
        )
    return items, total


def _count(session: Session, statement) -> int:  # type: ignore[no-untyped-def]
    return int(session.exec(select(func.count()).select_from(statement.subquery())).one())


def build_agenda(
    engine: Engine, today: date, settings: Settings, limit: int | None = 200
) -> Agenda:
    """All five sections for `today`; each list holds at most `limit` rows, totals count all."""
    agenda = Agenda(today=today)
    with reading(engine) as session:
        parts = {
            Section.FOLLOW_UPS: _follow_ups(session, today, limit),
            Section.OWES_RECOMMENDATION: _owes(session, today, limit),
            Section.GOING_COLD: _going_cold(session, today, settings, limit),
            Section.THANKS_OWED: _thanks(session, today, limit),
            Section.REFERENCES_TO_BRIEF: _to_brief(session, today, limit),
        }
    for section, (items, total) in parts.items():
        agenda.items[section] = items
        agenda.totals[section] = total
    return agenda


def weekly_activity(engine: Engine, today: date, weeks: int = 12) -> list[int]:
    """Interactions per week over the last `weeks` weeks, oldest first (for the sparkline)."""
    from refterm.db.models import Interaction

    start = today - timedelta(days=weeks * 7 - 1)
    with reading(engine) as session:
        rows = session.exec(
            select(col(Interaction.occurred_on), func.count())
            .where(col(Interaction.occurred_on) >= start, col(Interaction.occurred_on) <= today)
            .group_by(col(Interaction.occurred_on))
        ).all()
    counts = [0] * weeks
    for occurred_on, count in rows:
        counts[(occurred_on - start).days // 7] += int(count)
    return counts
