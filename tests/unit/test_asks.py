"""The ask state machine and its bookkeeping (times asked, follow-ups, dates)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refterm.config import Settings
from refterm.core.asks import (
    TRANSITIONS,
    AskForm,
    add_reference_use,
    can_move,
    create_ask,
    get_ask,
    mark_thanked,
    move_ask,
    set_follow_up,
)
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.db.database import Database
from refterm.db.models import Ask
from refterm.errors import InvalidFields, InvalidInput
from refterm.model.vocab import AskKind, AskStatus
from tests.support import TODAY


@pytest.fixture
def contact_id(database: Database, settings: Settings) -> int:
    contact = create_contact(database, validate(ContactForm(full_name="Ann Lee"), settings))
    assert contact.id is not None
    return contact.id


def new_ask(database: Database, contact_id: int, settings: Settings, **fields: object) -> Ask:
    return create_ask(database, contact_id, AskForm(**fields), TODAY, settings)  # type: ignore[arg-type]


def test_mark_asked_counts_and_schedules_follow_up(
    database: Database, settings: Settings, contact_id: int
) -> None:
    ask = new_ask(database, contact_id, settings, kind="recommendation")
    assert ask.id is not None
    move_ask(database, ask.id, AskStatus.ASKED, TODAY, settings)
    again = move_ask(database, ask.id, AskStatus.ASKED, TODAY + timedelta(days=8), settings)
    assert again.times_asked == 2
    assert again.asked_on == TODAY + timedelta(days=8)
    assert again.follow_up_on == TODAY + timedelta(days=8 + settings.follow_up_days)


def test_agreed_recommendation_is_followed_up_reference_is_done(
    database: Database, settings: Settings, contact_id: int
) -> None:
    recommendation = new_ask(database, contact_id, settings, kind="recommendation", status="asked")
    reference = new_ask(database, contact_id, settings, kind="reference", status="asked")
    assert recommendation.id and reference.id
    agreed = move_ask(database, recommendation.id, AskStatus.AGREED, TODAY, settings)
    assert agreed.agreed_on == TODAY and agreed.follow_up_on is not None
    assert move_ask(database, reference.id, AskStatus.AGREED, TODAY, settings).follow_up_on is None


def test_received_keeps_text_and_ends_follow_up(
    database: Database, settings: Settings, contact_id: int
) -> None:
    ask = new_ask(database, contact_id, settings, kind="recommendation", status="agreed")
    assert ask.id is not None
    done = move_ask(database, ask.id, AskStatus.RECEIVED, TODAY, settings, "Great\r\nwork\x1b[0m")
    assert (done.status, done.received_on, done.follow_up_on) == ("received", TODAY, None)
    assert done.recommendation_text == "Great\nwork"
    assert mark_thanked(database, ask.id, TODAY).thanked_on == TODAY


def test_forbidden_moves_are_refused_and_change_nothing(
    database: Database, settings: Settings, contact_id: int
) -> None:
    ask = new_ask(database, contact_id, settings, kind="reference", status="agreed")
    assert ask.id is not None
    with pytest.raises(InvalidInput, match="received.*recommendations"):
        move_ask(database, ask.id, AskStatus.RECEIVED, TODAY, settings)
    planned = new_ask(database, contact_id, settings, kind="recommendation")
    assert planned.id is not None
    with pytest.raises(InvalidInput, match="cannot become received"):
        move_ask(database, planned.id, AskStatus.RECEIVED, TODAY, settings)
    assert get_ask(database, planned.id).status == "planned"
    move_ask(database, planned.id, AskStatus.WITHDRAWN, TODAY, settings)
    with pytest.raises(InvalidInput, match="no follow-up"):
        set_follow_up(database, planned.id, TODAY)


def test_backfilled_ask_gets_consistent_dates(
    database: Database, settings: Settings, contact_id: int
) -> None:
    past = date(2025, 3, 1)
    ask = new_ask(
        database, contact_id, settings, kind="recommendation", status="received", asked_on=past
    )
    assert (ask.asked_on, ask.agreed_on, ask.received_on, ask.times_asked) == (past, past, TODAY, 1)


def test_create_reports_bad_fields(database: Database, settings: Settings, contact_id: int) -> None:
    with pytest.raises(InvalidFields) as caught:
        new_ask(database, contact_id, settings, kind="favour", platform="myspace")
    assert set(caught.value.errors) == {"kind", "platform"}


def test_reference_use_needs_an_agreed_reference(
    database: Database, settings: Settings, contact_id: int
) -> None:
    planned = new_ask(database, contact_id, settings, kind="reference")
    assert planned.id is not None
    with pytest.raises(InvalidInput, match="agreed"):
        add_reference_use(database, planned.id, "Globex", "CTO", TODAY)
    with pytest.raises(InvalidFields):
        add_reference_use(database, planned.id, "  ", None, TODAY)


@given(st.lists(st.sampled_from(list(AskStatus)), max_size=12), st.sampled_from(list(AskKind)))
def test_random_walks_only_take_allowed_edges(path: list[AskStatus], kind: AskKind) -> None:
    current = AskStatus.PLANNED
    for target in path:
        if can_move(kind, current, target):
            assert target in TRANSITIONS[current]
            current = target
    assert not (kind is AskKind.REFERENCE and current is AskStatus.RECEIVED)
    assert not TRANSITIONS[AskStatus.RECEIVED]


def test_follow_up_past_the_calendar_end_is_a_clear_refusal(
    database: Database, settings: Settings, contact_id: int
) -> None:
    last_day = date(9999, 12, 30)
    with pytest.raises(InvalidInput, match="outside the calendar"):
        create_ask(
            database, contact_id, AskForm(kind="reference", status="asked"), last_day, settings
        )
