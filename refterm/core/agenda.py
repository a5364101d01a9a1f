"""The daily review for an injected `today`: each person once, under their most pressing reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from refterm.config import Settings
from refterm.db import review
from refterm.model.i18n import N_, _, pgettext
from refterm.model.plural import counted
from refterm.model.relative import days_text, since
from refterm.model.vocab import AskKind, label, platform_phrase

if TYPE_CHECKING:
    from refterm.db.database import Database


class Section(StrEnum):
    """The review's sections, most pressing first: a person appears under the first that fits."""

    REFERENCES_TO_BRIEF = "references_to_brief"
    FOLLOW_UPS = "follow_ups"
    ASKS_TO_MAKE = "asks_to_make"
    THANKS_OWED = "thanks_owed"
    OWES_RECOMMENDATION = "owes_recommendation"
    RETURN_ASKS = "return_asks"
    CHANGED_JOBS = "changed_jobs"
    GOING_COLD = "going_cold"


# Marked here, translated where shown: `section_title(section)`, `reason_name(section)`.
SECTION_TITLES = {
    Section.REFERENCES_TO_BRIEF: N_("References to brief"),
    Section.FOLLOW_UPS: N_("Follow up today"),
    Section.ASKS_TO_MAKE: N_("Asks to make"),
    Section.THANKS_OWED: N_("Thank-you owed"),
    Section.OWES_RECOMMENDATION: N_("Owes me a recommendation"),
    Section.RETURN_ASKS: N_("Ask in return"),
    Section.CHANGED_JOBS: N_("Changed jobs"),
    Section.GOING_COLD: N_("Going cold"),
}
# How a row names the other reasons a person is on the review ("also: thank-you owed").
REASON_NAMES = {
    Section.REFERENCES_TO_BRIEF: N_("reference to brief"),
    Section.FOLLOW_UPS: N_("follow-up due"),
    Section.ASKS_TO_MAKE: N_("ask to make"),
    Section.THANKS_OWED: N_("thank-you owed"),
    Section.OWES_RECOMMENDATION: N_("owes a recommendation"),
    Section.RETURN_ASKS: N_("you recommended them"),
    Section.CHANGED_JOBS: N_("changed jobs"),
    Section.GOING_COLD: N_("going cold"),
}


def section_title(section: Section) -> str:
    """'Going cold', 'Se refroidissent': a section's title in the interface language."""
    return _(SECTION_TITLES[section])


def reason_name(section: Section) -> str:
    """'going cold', 'se refroidit': how a row names another reason, in the interface language."""
    return _(REASON_NAMES[section])


# A recommendation imported from LinkedIn owes a thank-you only when this recent.
IMPORTED_THANKS_DAYS = 90
# Job changes found by an import stay on the review this long.
CHANGED_JOBS_DAYS = 30


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
    also: tuple[Section, ...] = ()

    @property
    def also_text(self) -> str:
        """'also: thank-you owed, going cold', or ''."""
        if not self.also:
            return ""
        reasons = ", ".join(reason_name(section) for section in self.also)
        return _("also: {reasons}").format(reasons=reasons)

    def reason_json(self) -> dict[str, object]:
        return {
            "section": self.section.value,
            "reason": self.reason,
            "ask_id": self.ask_id,
            "kind": self.kind,
            "status": self.status,
            "use_id": self.use_id,
            "due_on": self.due_on.isoformat() if self.due_on else None,
        }


Builder = Callable[[review.Row, date], AgendaItem]


@dataclass
class Agenda:
    """The review: one row per person, under the most pressing of their reasons."""

    today: date
    items: dict[Section, list[AgendaItem]] = field(default_factory=dict)
    totals: dict[Section, int] = field(default_factory=dict)
    # Whether any ask is planned or under way (the empty "Asks to make" offers to plan one).
    has_open_asks: bool = True
    # Every reason of every person listed, most pressing first, as read (built on demand).
    reasons: dict[int, list[tuple[Section, review.Row]]] = field(default_factory=dict)

    def section(self, section: Section) -> list[AgendaItem]:
        return self.items.get(section, [])

    @property
    def people(self) -> int:
        """How many people the review lists, each once."""
        return sum(self.totals.values())

    def as_json(self) -> dict[str, object]:
        """One entry per person listed, with every reason they are there (most pressing first)."""
        people = []
        for part in Section:
            for item in self.section(part):
                reasons = [
                    BUILDERS[section](row, self.today).reason_json()
                    for section, row in self.reasons.get(item.contact_id, [])
                ] or [item.reason_json()]
                people.append(
                    {
                        "contact_id": item.contact_id,
                        "contact": item.contact_name,
                        "company": item.company,
                        "section": part.value,
                        "reasons": reasons,
                    }
                )
        return {
            "today": self.today.isoformat(),
            "totals": {part.value: self.totals.get(part, 0) for part in Section},
            "people": people,
        }


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _follow_up(row: review.Row, today: date) -> AgendaItem:
    contact_id, name, company, ask_id, kind, status, follow_up, asked, agreed, times = row[:10]
    follow_up_on = _day(follow_up)
    overdue = (today - follow_up_on).days if follow_up_on else 0
    if overdue == 0:
        due = _("follow-up due today")
    elif overdue == 1:
        due = _("follow-up was due yesterday")
    else:
        due = _("follow-up was due {days} ago").format(days=days_text(overdue))
    if status == "agreed":
        when = since(_day(agreed), today)
        if kind == AskKind.REFERENCE:
            done = _("agreed to be a reference {when}").format(when=when)
        else:
            done = _("agreed to write a recommendation {when}").format(when=when)
    else:
        what = label(AskKind, kind)
        done = _("asked for a {kind} {when}").format(kind=what, when=since(_day(asked), today))
        if times > 1:
            if times == 2:
                repeated = pgettext("asked", "twice")
            else:
                repeated = counted(times, "{count} time", "{count} times")
            done += f" ({repeated})"
    reason = f"{done}, {due}"
    item = AgendaItem(Section.FOLLOW_UPS, contact_id, name, company, reason)
    return replace(item, ask_id=ask_id, kind=kind, status=status, due_on=follow_up_on)


def _to_make(row: review.Row, today: date) -> AgendaItem:
    contact_id, name, company, ask_id, kind, status, planned, platform, purpose = row[:9]
    planned_on = _day(planned)
    parts = [_("ask for a {kind}").format(kind=label(AskKind, kind)), platform_phrase(platform)]
    if purpose:
        parts.append(_("for {purpose}").format(purpose=purpose))
    to_do = " ".join(part for part in parts if part)
    reason = _("planned {when}: {to_do}").format(when=since(planned_on, today), to_do=to_do)
    item = AgendaItem(Section.ASKS_TO_MAKE, contact_id, name, company, reason)
    return replace(item, ask_id=ask_id, kind=kind, status=status, due_on=planned_on)


def _owes(row: review.Row, today: date) -> AgendaItem:
    contact_id, name, company, ask_id, kind, status, agreed, platform = row[:8]
    phrase = platform_phrase(platform)
    agreed_on = _day(agreed)
    when = since(agreed_on, today)
    if phrase:
        reason = _("agreed {when} to write a recommendation {where}").format(
            when=when, where=phrase
        )
    else:
        reason = _("agreed {when} to write a recommendation").format(when=when)
    item = AgendaItem(Section.OWES_RECOMMENDATION, contact_id, name, company, reason)
    return replace(item, ask_id=ask_id, kind=kind, status=status, due_on=agreed_on)


def _thanks(row: review.Row, today: date) -> AgendaItem:
    contact_id, name, company, ask_id, kind, status, received = row[:7]
    received_on = _day(received)
    reason = _("wrote the recommendation {when}; not thanked yet").format(
        when=since(received_on, today)
    )
    item = AgendaItem(Section.THANKS_OWED, contact_id, name, company, reason)
    return replace(item, ask_id=ask_id, kind=kind, status=status, due_on=received_on)


def _to_brief(row: review.Row, today: date) -> AgendaItem:
    contact_id, name, company, ask_id, kind, status, use_id, employer, role, shared = row[:10]
    shared_on = _day(shared)
    when = since(shared_on, today)
    if role:
        reason = _(
            "given as a reference to {employer} for {role} {when}; "
            "brief them before the recruiter calls"
        ).format(employer=employer, role=role, when=when)
    else:
        reason = _(
            "given as a reference to {employer} {when}; brief them before the recruiter calls"
        ).format(employer=employer, when=when)
    item = AgendaItem(Section.REFERENCES_TO_BRIEF, contact_id, name, company, reason)
    return replace(item, ask_id=ask_id, kind=kind, status=status, use_id=use_id, due_on=shared_on)


def _return_ask(row: review.Row, today: date) -> AgendaItem:
    contact_id, name, company, civility, given = row[:5]
    given_on = _day(given)
    reason = _not_returned(civility, given_on.year if given_on else None).format(
        name=name, year=given_on.year if given_on else ""
    )
    return AgendaItem(Section.RETURN_ASKS, contact_id, name, company, reason, due_on=given_on)


def _changed_job(row: review.Row, today: date) -> AgendaItem:
    contact_id, name, company, changed, summary = row[:5]
    changed_on = _day(changed)
    said = summary or _("changed jobs")
    reason = _("{news}; seen in an import {when}").format(
        news=f"{said[:1].lower()}{said[1:]}", when=since(changed_on, today)
    )
    return AgendaItem(Section.CHANGED_JOBS, contact_id, name, company, reason, due_on=changed_on)


def _going_cold(row: review.Row, today: date) -> AgendaItem:
    contact_id, name, company, last, days, due = row[:6]
    due_on = date.fromisoformat(due)
    last_on = _day(last)
    if last_on:
        said = _("last contact {when}").format(when=since(last_on, today))
    else:
        said = _("never contacted")
    late = (today - due_on).days
    if late == 0:
        lateness = _("due today")
    else:
        lateness = _("{days} overdue").format(days=days_text(late))
    reason = _("{last}; keep in touch every {days}, {lateness}").format(
        last=said, days=days_text(days), lateness=lateness
    )
    return AgendaItem(Section.GOING_COLD, contact_id, name, company, reason, due_on=due_on)


def _not_returned(civility: str | None, year: int | None) -> str:
    """'you recommended {name} in {year}; she has not recommended you', as a whole sentence."""
    if year is None:
        if civility == "monsieur":
            return _("you recommended {name}; he has not recommended you")
        if civility == "madame":
            return _("you recommended {name}; she has not recommended you")
        return _("you recommended {name}; they have not recommended you")
    if civility == "monsieur":
        return _("you recommended {name} in {year}; he has not recommended you")
    if civility == "madame":
        return _("you recommended {name} in {year}; she has not recommended you")
    return _("you recommended {name} in {year}; they have not recommended you")


BUILDERS: dict[Section, Builder] = {
    Section.REFERENCES_TO_BRIEF: _to_brief,
    Section.FOLLOW_UPS: _follow_up,
    Section.ASKS_TO_MAKE: _to_make,
    Section.THANKS_OWED: _thanks,
    Section.OWES_RECOMMENDATION: _owes,
    Section.RETURN_ASKS: _return_ask,
    Section.CHANGED_JOBS: _changed_job,
    Section.GOING_COLD: _going_cold,
}


def _listings(today: date) -> dict[Section, review.Listing]:
    """The sections tied to asks and imports, most pressing first: a few per person."""
    return {
        Section.REFERENCES_TO_BRIEF: review.references_to_brief(),
        Section.FOLLOW_UPS: review.follow_ups(today),
        Section.ASKS_TO_MAKE: review.asks_to_make(),
        Section.THANKS_OWED: review.thanks_owed(today - timedelta(days=IMPORTED_THANKS_DAYS)),
        Section.OWES_RECOMMENDATION: review.owes_recommendation(),
        Section.RETURN_ASKS: review.return_asks(),
        Section.CHANGED_JOBS: review.changed_jobs(today - timedelta(days=CHANGED_JOBS_DAYS), today),
    }


def _first_row_each(
    connection: Any, listing: review.Listing, excluding: list[int], limit: int | None
) -> list[review.Row]:
    """The listing's first row of each person not excluded, up to `limit` people.

    A person may have several rows (two asks to follow up): pages are read until enough
    people are found, so the screen reads about `limit` rows, not the whole section.
    """
    page = limit or 0
    found: dict[int, review.Row] = {}
    offset = 0
    while True:
        rows = review.rows(connection, listing, page or None, offset, excluding=excluding)
        for row in rows:
            found.setdefault(int(row[0]), row)
        offset += len(rows)
        if not page or len(rows) < page or len(found) >= page:
            return list(found.values())[:limit]


def _every_reason(
    connection: Any,
    listings: dict[Section, review.Listing],
    sections_of: dict[int, list[Section]],
    shown: list[int],
) -> dict[int, list[tuple[Section, review.Row]]]:
    """Each shown person's row in every section they are on, most pressing first."""
    reasons: dict[int, list[tuple[Section, review.Row]]] = {}
    for section, listing in listings.items():
        on_it = [person for person in shown if section in sections_of.get(person, ())]
        if not on_it:
            continue
        for row in review.rows(connection, listing, among=on_it):
            entries = reasons.setdefault(int(row[0]), [])
            if all(seen is not section for seen, _ in entries):
                entries.append((section, row))
    return reasons


def build_agenda(
    database: Database,
    today: date,
    settings: Settings,
    limit: int | None = 200,
    every_reason: bool = False,
) -> Agenda:
    """The review for `today`: each person once, under their most pressing reason.

    Each section lists at most `limit` people; its total counts them all. First who is on
    each section (ids only), then only the rows shown: the first screen's cost hardly grows
    with the network. `every_reason` also reads each shown person's rows in their other
    sections (`Agenda.reasons`, for `--json`).
    """
    agenda = Agenda(today=today)
    listings = _listings(today)
    cadences = settings.cadence_days
    with database.raw_reading() as connection:
        sections_of: dict[int, list[Section]] = {}
        on_each = review.people(connection, list(listings.values()))
        for section, on_it in zip(listings, on_each, strict=True):
            for person in on_it:
                sections_of.setdefault(person, []).append(section)
        firsts: dict[Section, list[int]] = {section: [] for section in listings}
        for person, sections in sections_of.items():
            firsts[sections[0]].append(person)
        earlier: list[int] = []
        shown_rows: dict[Section, list[review.Row]] = {}
        for section, listing in listings.items():
            shown_rows[section] = _first_row_each(connection, listing, earlier, limit)
            agenda.totals[section] = len(firsts[section])
            earlier += firsts[section]
        shown = [int(row[0]) for rows in shown_rows.values() for row in rows]
        # Who of those shown is going cold too (named on their row), and the rest.
        cold_too = {
            int(row[0]): row
            for row in review.going_cold(connection, today, cadences, None, among=shown)
        }
        cold = review.going_cold(connection, today, cadences, limit, excluding=earlier)
        agenda.has_open_asks = review.has_open_asks(connection)
        if every_reason:
            agenda.reasons = _every_reason(connection, listings, sections_of, shown)
            for person, row in cold_too.items():
                agenda.reasons.setdefault(person, []).append((Section.GOING_COLD, row))
    shown_rows[Section.GOING_COLD] = cold
    # Going cold's last column is its full count (`count(*) OVER ()`), the same on every row.
    agenda.totals[Section.GOING_COLD] = int(cold[0][-1]) if cold else 0
    for section in Section:
        items = []
        for row in shown_rows[section]:
            item = BUILDERS[section](row, today)
            others = [other for other in sections_of.get(item.contact_id, []) if other != section]
            if item.contact_id in cold_too and section is not Section.GOING_COLD:
                others.append(Section.GOING_COLD)
            items.append(replace(item, also=tuple(others)))
        agenda.items[section] = items
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


def change_mark(database: Database) -> tuple[str, ...]:
    """Moves whenever anyone (this refterm, another one, another machine) writes."""
    with database.raw_reading() as connection:
        return review.change_mark(connection)


def profile_name(database: Database) -> str | None:
    """The user's name for the header, read without the ORM."""
    with database.raw_reading() as connection:
        return review.profile_name(connection)
