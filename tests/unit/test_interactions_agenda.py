"""Logging outcomes moves asks, and the agenda's five sections follow for an injected today."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.core.agenda import Section, build_agenda, weekly_activity
from refterm.core.asks import AskForm, add_reference_use, create_ask, get_ask, mark_briefed
from refterm.core.contacts import ContactForm, create_contact, get_contact, validate
from refterm.core.interactions import log_interaction
from refterm.db.database import Database
from refterm.errors import InvalidFields, InvalidInput
from refterm.model.vocab import Channel, Outcome
from tests.support import TODAY, query


def person(database: Database, settings: Settings, name: str, **fields: object) -> int:
    form = ContactForm(full_name=name, **fields)  # type: ignore[arg-type]
    contact = create_contact(database, validate(form, settings))
    assert contact.id is not None
    return contact.id


def ask(database: Database, settings: Settings, contact_id: int, **fields: object) -> int:
    created = create_ask(database, contact_id, AskForm(**fields), TODAY, settings)  # type: ignore[arg-type]
    assert created.id is not None
    return created.id


@pytest.mark.parametrize(
    ("outcome", "status", "follow_up"),
    [
        (Outcome.AGREED, "agreed", TODAY + timedelta(days=7)),
        (Outcome.DECLINED, "declined", None),
        (Outcome.NO_ANSWER, "asked", TODAY + timedelta(days=3)),
        (Outcome.VOICEMAIL, "asked", TODAY + timedelta(days=3)),
    ],
)
def test_outcomes_move_the_ask(
    database: Database, settings: Settings, outcome: Outcome, status: str, follow_up: date | None
) -> None:
    ann = person(database, settings, "Ann Lee")
    ask_id = ask(database, settings, ann, kind="recommendation", status="asked", asked_on=TODAY)
    log_interaction(database, ann, Channel.CALL, TODAY, settings, outcome=outcome, ask_id=ask_id)
    after = get_ask(database, ask_id)
    assert (after.status, after.follow_up_on) == (status, follow_up)
    assert get_contact(database, ann).last_contacted_on == TODAY


def test_call_back_needs_and_sets_a_date(database: Database, settings: Settings) -> None:
    ann = person(database, settings, "Ann Lee")
    ask_id = ask(database, settings, ann, kind="reference", status="asked")
    with pytest.raises(InvalidFields):
        log_interaction(
            database, ann, Channel.CALL, TODAY, settings, outcome=Outcome.CALL_BACK, ask_id=ask_id
        )
    later = TODAY + timedelta(days=5)
    log_interaction(
        database,
        ann,
        Channel.CALL,
        TODAY,
        settings,
        Outcome.CALL_BACK,
        ask_id=ask_id,
        call_back_on=later,
    )
    assert get_ask(database, ask_id).follow_up_on == later


def test_agreed_without_ask_is_refused_and_writes_nothing(
    database: Database, settings: Settings
) -> None:
    ann = person(database, settings, "Ann Lee")
    with pytest.raises(InvalidInput, match="which ask"):
        log_interaction(database, ann, Channel.CALL, TODAY, settings, outcome=Outcome.AGREED)
    assert get_contact(database, ann).last_contacted_on is None


def test_older_interaction_does_not_rewind_last_contact(
    database: Database, settings: Settings
) -> None:
    ann = person(database, settings, "Ann Lee")
    log_interaction(database, ann, Channel.EMAIL, TODAY, settings)
    log_interaction(database, ann, Channel.MEETING, TODAY - timedelta(days=30), settings)
    assert get_contact(database, ann).last_contacted_on == TODAY


def test_each_section_fills_and_empties(database: Database, settings: Settings) -> None:
    ann = person(database, settings, "Ann Lee", relationship="manager")
    follow = ask(
        database,
        settings,
        ann,
        kind="reference",
        status="asked",
        asked_on=TODAY - timedelta(days=10),
    )
    owes = ask(
        database,
        settings,
        ann,
        kind="recommendation",
        status="agreed",
        asked_on=TODAY - timedelta(days=20),
        follow_up_on=TODAY + timedelta(days=9),
    )
    thanks = ask(database, settings, ann, kind="recommendation", status="received")
    brief_ask = ask(database, settings, ann, kind="reference", status="agreed")
    use = add_reference_use(database, brief_ask, "Globex", "CTO", TODAY)
    later = TODAY + timedelta(days=120)  # manager cadence 90 days, last reached TODAY
    agenda = build_agenda(database, later, settings, every_reason=True)
    # One person, one row: under the most pressing reason, naming the others.
    (row,) = agenda.section(Section.REFERENCES_TO_BRIEF)
    assert (row.contact_id, row.use_id) == (ann, use.id)
    assert row.also == (
        Section.FOLLOW_UPS,
        Section.THANKS_OWED,
        Section.OWES_RECOMMENDATION,
        Section.GOING_COLD,
    )
    assert row.also_text == (
        "also: follow-up due, thank-you owed, owes a recommendation, going cold"
    )
    assert agenda.totals == {section: int(section is Section.REFERENCES_TO_BRIEF)
                             for section in Section}  # fmt: skip
    assert agenda.people == 1
    reasons = [section for section, _ in agenda.reasons[ann]]
    assert reasons == [Section.REFERENCES_TO_BRIEF, *row.also]
    people = agenda.as_json()["people"]
    assert isinstance(people, list) and len(people) == 1
    follow_ups = [r for r in people[0]["reasons"] if r["section"] == "follow_ups"]
    assert [r["ask_id"] for r in follow_ups] == [follow]
    owed = [r["ask_id"] for r in people[0]["reasons"] if r["section"] == "thanks_owed"]
    assert owed == [thanks]
    cold = next(r for r in people[0]["reasons"] if r["section"] == "going_cold")
    assert "last contact 120 days ago" in cold["reason"]

    log_interaction(database, ann, Channel.CALL, later, settings, Outcome.AGREED, ask_id=follow)
    mark_briefed(database, use.id or 0, later)
    agenda = build_agenda(database, later, settings)
    assert agenda.totals[Section.GOING_COLD] == 0
    assert agenda.totals[Section.REFERENCES_TO_BRIEF] == 0
    (row,) = agenda.section(Section.FOLLOW_UPS)
    assert row.ask_id == owes  # the agreed recommendation, due since TODAY + 9
    assert row.also == (Section.THANKS_OWED, Section.OWES_RECOMMENDATION)


def test_follow_ups_are_most_overdue_first(database: Database, settings: Settings) -> None:
    ann = person(database, settings, "Ann Lee")
    bob = person(database, settings, "Bob Ray")
    recent = ask(
        database,
        settings,
        ann,
        kind="reference",
        status="asked",
        follow_up_on=TODAY - timedelta(days=1),
    )
    oldest = ask(
        database,
        settings,
        bob,
        kind="reference",
        status="asked",
        follow_up_on=TODAY - timedelta(days=9),
    )
    ask(
        database,
        settings,
        bob,
        kind="reference",
        status="asked",
        follow_up_on=TODAY + timedelta(days=1),
    )
    items = build_agenda(database, TODAY, settings).section(Section.FOLLOW_UPS)
    assert [item.ask_id for item in items] == [oldest, recent]


def test_demo_fills_every_section(demo_database: Database, settings: Settings) -> None:
    agenda = build_agenda(demo_database, TODAY, settings)
    assert all(agenda.totals[section] > 0 for section in Section), agenda.totals


def test_the_demo_gives_only_agreed_references_to_employers(demo_database: Database) -> None:
    """What the demo shows a new user must be possible: a reference use belongs to a reference
    someone agreed to give (one was on a recommendation: "briefed before Intercom calls")."""
    rows = query(
        demo_database,
        "SELECT ask.kind, ask.status, reference_use.company FROM reference_use"
        " JOIN ask ON ask.id = reference_use.ask_id ORDER BY reference_use.id",
    )
    assert len(rows) == 3
    assert all((kind, status) == ("reference", "agreed") for kind, status, _company in rows), rows


def test_weekly_activity_buckets_by_week(database: Database, settings: Settings) -> None:
    ann = person(database, settings, "Ann Lee")
    for days_ago in (0, 1, 7, 83, 200):
        log_interaction(database, ann, Channel.CALL, TODAY - timedelta(days=days_ago), settings)
    counts = weekly_activity(database, TODAY)
    assert len(counts) == 12
    assert counts[-1] == 2 and counts[-2] == 1 and counts[0] == 1 and sum(counts) == 4


@pytest.mark.sqlite_only  # the plain-sqlite3 first path
def test_agenda_reads_the_same_without_sqlalchemy(
    demo_database: Database, settings: Settings, db_path: Path
) -> None:
    from refterm.core.agenda import has_contacts, profile_name
    from refterm.db.database import Database

    database = Database.open(db_path)
    assert build_agenda(database, TODAY, settings) == build_agenda(demo_database, TODAY, settings)
    assert weekly_activity(database, TODAY) == weekly_activity(demo_database, TODAY)
    assert has_contacts(database) and profile_name(database) == "Amine Kettani"
    assert not database.has_engine  # all of it through plain sqlite3
    assert database.engine is database.engine  # built once, on demand


def test_a_short_review_is_the_head_of_the_whole_one(
    database: Database, settings: Settings
) -> None:
    """Read a few rows a section (people with several asks, on several sections), the review
    shows the same first people, reasons and totals as when every row is read."""
    people = [
        person(database, settings, f"Person {n:02}", relationship="manager") for n in range(7)
    ]
    for n, someone in enumerate(people):
        # Three asks to follow up each, side by side in the section's order: few people a page.
        for days in (100 - 10 * n, 99 - 10 * n, 98 - 10 * n):
            ask(database, settings, someone, kind="reference", status="asked",
                asked_on=TODAY - timedelta(days=days + 7))  # fmt: skip
        if n % 2:
            ask(database, settings, someone, kind="recommendation", status="planned")
        if n % 3 == 0:
            ask(database, settings, someone, kind="recommendation", status="received")
    loner = person(database, settings, "Only Planned")
    ask(database, settings, loner, kind="reference", status="planned")
    later = TODAY + timedelta(days=120)
    whole = build_agenda(database, later, settings, limit=None)
    for limit in (1, 2, 3):
        short = build_agenda(database, later, settings, limit=limit)
        assert short.totals == whole.totals
        for section in Section:
            assert short.section(section) == whole.section(section)[:limit]
    assert whole.totals[Section.FOLLOW_UPS] == 7
    assert [item.contact_id for item in whole.section(Section.ASKS_TO_MAKE)] == [loner]
    first, second = whole.section(Section.FOLLOW_UPS)[:2]
    assert (first.contact_name, second.contact_name) == ("Person 00", "Person 01")
    assert first.also == (Section.THANKS_OWED, Section.GOING_COLD)
    assert second.also == (Section.ASKS_TO_MAKE, Section.GOING_COLD)
