"""Bulk actions: every marked contact in one transaction, one undo step, named."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from refterm.config import Settings
from refterm.core import bulk_actions
from refterm.core.asks import AskForm, create_ask
from refterm.core.bulk_actions import BulkAction, apply, belongings, check_value, matching_ids
from refterm.core.contacts import (
    ContactForm,
    contact_form,
    contact_page,
    create_contact,
    get_contact,
    list_all,
    validate,
)
from refterm.core.interactions import log_interaction
from refterm.core.undo import recent_changes, undo_last
from refterm.db.database import Database
from refterm.errors import InvalidFields, InvalidInput
from refterm.model.vocab import Channel
from tests.support import TODAY

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def add(database: Database, settings: Settings, name: str, **fields: object) -> int:
    form = ContactForm(full_name=name, **fields)  # type: ignore[arg-type]
    contact = create_contact(database, validate(form, settings), now=NOW)
    assert contact.id is not None
    return contact.id


def tags(database: Database) -> dict[str, list[str]]:
    return {contact.full_name: names for contact, names in list_all(database)}


def test_tag_then_untag_every_marked_contact(database: Database, settings: Settings) -> None:
    ann = add(database, settings, "Ann Lee", tags=["paris"])
    bob = add(database, settings, "Bob Ray", tags=["alumni"])
    add(database, settings, "Cy Unmarked")
    assert apply(database, [ann, bob], BulkAction.TAG, "alumni") == "2 contacts tagged 'alumni'"
    assert tags(database) == {"Ann Lee": ["alumni", "paris"], "Bob Ray": ["alumni"],
                              "Cy Unmarked": []}  # fmt: skip
    assert [row.id for row in contact_page(database, "alumni").rows] == [ann, bob]
    assert recent_changes(database, 1)[0].label == "2 contacts tagged 'alumni'"
    apply(database, [ann, bob], BulkAction.UNTAG, "alumni")
    assert tags(database)["Bob Ray"] == []
    assert undo_last(database).label == "2 contacts untagged 'alumni'"
    assert undo_last(database).label == "2 contacts tagged 'alumni'"
    assert tags(database) == {"Ann Lee": ["paris"], "Bob Ray": ["alumni"], "Cy Unmarked": []}


@pytest.mark.parametrize(
    ("action", "typed", "column", "stored", "label"),
    [
        (BulkAction.CADENCE, "30", "keep_in_touch_days", 30,
         "2 contacts set to keep in touch every 30 days"),
        (BulkAction.RELATIONSHIP, "Direct report", "relationship", "direct_report",
         "2 contacts: relationship set to direct report"),
        (BulkAction.LANGUAGE, "FR", "language", "fr", "2 contacts: language set to fr"),
    ],
)  # fmt: skip
def test_set_a_field_then_undo(
    database: Database,
    settings: Settings,
    action: BulkAction,
    typed: str,
    column: str,
    stored: object,
    label: str,
) -> None:
    ids = [add(database, settings, "Ann Lee"), add(database, settings, "Bob Ray")]
    assert apply(database, ids, action, check_value(action, typed)) == label
    assert [getattr(get_contact(database, one), column) for one in ids] == [stored, stored]
    undo_last(database)
    assert [getattr(get_contact(database, one), column) for one in ids] == [None, None]


def test_archive_and_delete_then_undo(database: Database, settings: Settings) -> None:
    ann = add(database, settings, "Ann Lee", tags=["alumni"])
    bob = add(database, settings, "Bob Ray")
    create_ask(database, ann, AskForm(kind="reference", status="asked"), TODAY, settings)
    log_interaction(database, bob, Channel.CALL, TODAY, settings)
    assert belongings(database, [ann, bob]).text() == (
        "1 ask and 2 interactions"  # the ask made already under way is in her history
    )
    assert apply(database, [ann, bob], BulkAction.ARCHIVE) == "2 contacts archived"
    assert list_all(database) == []
    undo_last(database)
    assert apply(database, [ann, bob], BulkAction.DELETE) == "2 contacts deleted"
    assert belongings(database, [ann, bob]).text() == (
        "nothing else: they have no asks and no history"
    )
    undo_last(database)
    assert tags(database) == {"Ann Lee": ["alumni"], "Bob Ray": []}
    assert [row.id for row in contact_page(database, "alumni").rows] == [ann]
    assert belongings(database, [ann, bob]).interactions == 2


def test_the_filter_marks_every_match_not_one_page(database: Database, settings: Settings) -> None:
    bulk_ids = [add(database, settings, f"Alumnus {number:03d}") for number in range(120)]
    add(database, settings, "Someone Else")
    assert matching_ids(database, "alumnus") == bulk_ids
    assert len(contact_page(database, "alumnus").rows) == 100


def test_bad_values_are_refused_beside_their_field() -> None:
    with pytest.raises(InvalidFields) as caught:
        check_value(BulkAction.CADENCE, "often")
    assert list(caught.value.errors) == ["cadence"]
    with pytest.raises(InvalidFields):
        check_value(BulkAction.TAG, "  # ")
    with pytest.raises(InvalidFields):
        check_value(BulkAction.RELATIONSHIP, "boss")
    assert check_value(BulkAction.RELATIONSHIP, "") is None


def test_nothing_marked_is_refused(database: Database) -> None:
    with pytest.raises(InvalidInput, match="no contact is marked"):
        bulk_actions.apply(database, [], BulkAction.ARCHIVE)


def test_a_value_already_there_changes_nothing(database: Database, settings: Settings) -> None:
    ann = add(database, settings, "Ann Lee", tags=["alumni"])
    before = contact_form(database, ann)
    apply(database, [ann], BulkAction.TAG, "alumni")
    assert contact_form(database, ann) == before
    assert recent_changes(database, 1)[0].label == "Ann Lee added"
