"""Moving an ask from its edit form: only allowed moves, the same bookkeeping as the list keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from refterm.config import Settings
from refterm.core.asks import (
    AskForm,
    allowed_statuses,
    create_ask,
    get_ask,
    move_ask,
    update_ask,
)
from refterm.core.contacts import ContactForm, contact_detail, create_contact, validate
from refterm.db.database import Database
from refterm.errors import InvalidInput
from refterm.model.records import copy_as
from refterm.model.vocab import AskStatus
from tests.support import TODAY


@pytest.fixture
def contact_id(database: Database, settings: Settings) -> int:
    contact = create_contact(database, validate(ContactForm(full_name="Ann Lee"), settings))
    assert contact.id is not None
    return contact.id


def form_of(database: Database, ask_id: int) -> AskForm:
    return copy_as(AskForm, get_ask(database, ask_id))


def test_allowed_statuses_start_with_the_current_one() -> None:
    assert allowed_statuses("reference", "agreed") == ["agreed", "declined", "withdrawn"]
    assert allowed_statuses("recommendation", "agreed") == [
        "agreed", "received", "declined", "withdrawn",
    ]  # fmt: skip
    assert allowed_statuses("recommendation", "received") == ["received"]
    assert allowed_statuses("reference", "declined") == ["declined", "planned", "asked"]


def test_a_move_in_the_form_records_what_the_list_key_records(
    database: Database, settings: Settings, contact_id: int
) -> None:
    by_key = create_ask(database, contact_id, AskForm(status="asked"), TODAY, settings)
    by_form = create_ask(database, contact_id, AskForm(status="asked"), TODAY, settings)
    assert by_key.id and by_form.id
    day = TODAY + timedelta(days=3)
    keyed = move_ask(database, by_key.id, AskStatus.AGREED, day, settings)
    formed = update_ask(database, by_form.id, replace(form_of(database, by_form.id),
                        status="agreed"), today=day, settings=settings)  # fmt: skip
    assert (formed.status, formed.agreed_on, formed.follow_up_on) == (
        keyed.status, keyed.agreed_on, keyed.follow_up_on,
    )  # fmt: skip
    history = contact_detail(database, contact_id).interactions
    entries = [(item.ask_id, item.occurred_on, item.summary) for item in history]
    keyed_entry = next(entry for entry in entries if entry[0] == by_key.id and entry[1] == day)
    assert (by_form.id, day, keyed_entry[2]) in entries


def test_a_date_typed_for_the_move_dates_it(
    database: Database, settings: Settings, contact_id: int
) -> None:
    ask = create_ask(database, contact_id, AskForm(status="asked"), TODAY, settings)
    assert ask.id
    when = TODAY - timedelta(days=2)
    moved = update_ask(database, ask.id, replace(form_of(database, ask.id), status="agreed",
                       agreed_on=when), today=TODAY, settings=settings)  # fmt: skip
    assert moved.agreed_on == when
    assert any(item.occurred_on == when and item.ask_id == ask.id
               for item in contact_detail(database, contact_id).interactions)  # fmt: skip


def test_a_move_that_is_not_allowed_is_refused_and_changes_nothing(
    database: Database, settings: Settings, contact_id: int
) -> None:
    ask = create_ask(database, contact_id, AskForm(kind="reference", status="agreed"), TODAY,
                     settings)  # fmt: skip
    assert ask.id
    before = get_ask(database, ask.id)
    with pytest.raises(InvalidInput, match="cannot become received|received"):
        update_ask(database, ask.id, replace(form_of(database, ask.id), status="received",
                   purpose="changed"), today=TODAY, settings=settings)  # fmt: skip
    assert get_ask(database, ask.id) == before


def test_editing_details_without_a_move_writes_no_history(
    database: Database, settings: Settings, contact_id: int
) -> None:
    ask = create_ask(database, contact_id, AskForm(status="asked"), TODAY, settings)
    assert ask.id
    count = len(contact_detail(database, contact_id).interactions)
    update_ask(database, ask.id, replace(form_of(database, ask.id), purpose="CTO roles"),
               today=TODAY, settings=settings)  # fmt: skip
    assert len(contact_detail(database, contact_id).interactions) == count
    assert get_ask(database, ask.id).purpose == "CTO roles"
