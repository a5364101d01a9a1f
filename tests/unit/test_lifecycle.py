"""Delete, archive, twins and merge: core functions on a real database file."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from refterm.config import Settings
from refterm.core.asks import AskForm, add_reference_use, create_ask, move_ask
from refterm.core.contacts import (
    ContactForm,
    contact_detail,
    contact_page,
    create_contact,
    get_contact,
    validate,
)
from refterm.core.interactions import log_interaction
from refterm.core.merging import KEEP_A, merge_contacts, merge_plan
from refterm.core.removal import (
    ask_removal,
    contact_removal,
    delete_ask,
    delete_contact,
    delete_interaction,
    delete_reference_use,
    set_archived,
)
from refterm.core.twins import find_twins
from refterm.db.database import Database
from refterm.errors import InvalidInput, NotFound
from refterm.model.vocab import AskStatus, Channel, Outcome
from tests.support import TODAY


def add(database: Database, settings: Settings, name: str, **fields: object) -> int:
    form = ContactForm(full_name=name, **fields)  # type: ignore[arg-type]
    return create_contact(database, validate(form, settings)).id


def busy_contact(database: Database, settings: Settings, name: str = "Omar Tazi") -> int:
    """A contact with 2 asks (one a reference given once), 3 interactions and a tag."""
    contact_id = add(database, settings, name, company="OCP Group", tags=["rabat"])
    reference = create_ask(database, contact_id, AskForm(kind="reference"), TODAY, settings)
    move_ask(database, reference.id, AskStatus.AGREED, date(2026, 11, 1), settings)
    add_reference_use(database, reference.id, "Datadog", "Head of Data", date(2026, 11, 5))
    create_ask(database, contact_id, AskForm(kind="recommendation"), TODAY, settings)
    log_interaction(database, contact_id, Channel.CALL, date(2026, 11, 20), settings,
                    outcome=Outcome.REACHED)  # fmt: skip
    log_interaction(database, contact_id, Channel.EMAIL, date(2026, 11, 22), settings)
    return contact_id


def test_a_contact_is_deleted_with_everything_about_it(
    database: Database, settings: Settings
) -> None:
    contact_id = busy_contact(database, settings)
    other = add(database, settings, "Sarah Mitchell")
    removal = contact_removal(database, contact_id)
    assert removal.question == ("Delete Omar Tazi, 2 asks, 3 interactions and 1 reference use?")
    delete_contact(database, contact_id)
    with pytest.raises(NotFound):
        get_contact(database, contact_id)
    with database.raw_reading() as connection:
        for table in ("ask", "interaction", "reference_use", "contact_tag"):
            assert connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    # The search index forgets the name too.
    assert contact_page(database, "tazi").total == 0
    assert contact_page(database, "mitchell").total == 1
    assert get_contact(database, other).full_name == "Sarah Mitchell"


def test_an_ask_goes_with_its_uses_and_leaves_its_history(
    database: Database, settings: Settings
) -> None:
    contact_id = busy_contact(database, settings)
    reference = contact_detail(database, contact_id).asks[-1]
    removal = ask_removal(database, reference.id)
    assert removal.question == (
        f"Delete the reference ask {reference.id} to Omar Tazi (agreed) and 1 reference use?"
    )
    assert removal.stays == "The interaction about it stays in Omar Tazi’s timeline."
    delete_ask(database, reference.id)
    detail = contact_detail(database, contact_id)
    assert [ask.kind for ask in detail.asks] == ["recommendation"]
    assert detail.uses == []
    assert len(detail.interactions) == 3
    assert all(entry.ask_id is None for entry in detail.interactions)


def test_deleting_the_last_contact_entry_moves_last_contact_back(
    database: Database, settings: Settings
) -> None:
    contact_id = busy_contact(database, settings)
    assert get_contact(database, contact_id).last_contacted_on == date(2026, 11, 22)
    newest = contact_detail(database, contact_id).interactions[0]
    delete_interaction(database, newest.id)
    assert get_contact(database, contact_id).last_contacted_on == date(2026, 11, 20)
    with pytest.raises(NotFound):
        delete_interaction(database, newest.id)


def test_a_reference_use_is_deleted_alone(database: Database, settings: Settings) -> None:
    contact_id = busy_contact(database, settings)
    use = contact_detail(database, contact_id).uses[0]
    assert delete_reference_use(database, use.id).done.startswith(
        f"Deleted the reference use {use.id}: Omar Tazi given to Datadog"
    )
    detail = contact_detail(database, contact_id)
    assert detail.uses == [] and len(detail.asks) == 2


def test_archive_and_unarchive(database: Database, settings: Settings) -> None:
    contact_id = add(database, settings, "Omar Tazi")
    assert set_archived(database, contact_id, True).archived_at is not None
    with pytest.raises(InvalidInput, match="already archived"):
        set_archived(database, contact_id, True)
    assert set_archived(database, contact_id, False).archived_at is None


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ({"full_name": "omar  TAZI"}, "same name"),
        ({"full_name": "Omar Tazzi"}, "a near-identical name"),
        ({"full_name": "TAZI Omar"}, "a near-identical name"),
        ({"full_name": "O. T.", "email": "OMAR@ocp.ma"}, "same e-mail"),
        (
            {"full_name": "Someone", "linkedin_url": "https://www.linkedin.com/in/omartazi"},
            "same LinkedIn URL",
        ),
    ],
)
def test_likely_twins_are_found(
    database: Database, settings: Settings, typed: dict[str, str], reason: str
) -> None:
    contact_id = add(database, settings, "Omar Tazi", email="omar@ocp.ma",
                     linkedin_url="https://www.linkedin.com/in/omartazi")  # fmt: skip
    add(database, settings, "Sarah Mitchell")
    twins = find_twins(database, validate(ContactForm(**typed), settings))
    assert [(twin.contact_id, twin.reason) for twin in twins] == [(contact_id, reason)]
    assert twins[0].label == f"contact {contact_id} Omar Tazi"


def test_names_with_other_numbers_are_no_twins(database: Database, settings: Settings) -> None:
    add(database, settings, "Load Writer 001")
    assert find_twins(database, validate(ContactForm(full_name="Load Writer 002"), settings)) == []
    assert len(find_twins(database, validate(ContactForm(full_name="Load Writr 001"), settings)))


def test_accents_make_no_new_person_and_strangers_are_no_twins(
    database: Database, settings: Settings
) -> None:
    contact_id = add(database, settings, "Élodie Martin")
    set_archived(database, contact_id, True)
    twins = find_twins(database, validate(ContactForm(full_name="Elodie Martin"), settings))
    assert twins[0].label == f"contact {contact_id} Élodie Martin (archived)"
    assert find_twins(database, validate(ContactForm(full_name="Elodie Marchand"), settings)) == []
    assert find_twins(database, validate(ContactForm(full_name="Élodie Martin"), settings),
                      exclude=contact_id) == []  # fmt: skip


def test_merge_moves_everything_and_unites_tags(database: Database, settings: Settings) -> None:
    kept = add(database, settings, "Omar Tazi", title="CTO", tags=["mentor"], notes="Met in Rabat")
    twin = busy_contact(database, settings, "Omar TAZI")
    plan = merge_plan(database, kept, twin)
    assert {choice.name: choice.default for choice in plan.fields} == {
        "full_name": "b",  # the twin was changed more recently
        "company": "b",  # only the twin has one
    }
    assert (plan.moving.asks, plan.moving.interactions, plan.moving.uses) == (2, 3, 1)
    result = merge_contacts(database, kept, twin, {"full_name": KEEP_A},
                            now=datetime(2026, 11, 26, 9, tzinfo=UTC))  # fmt: skip
    detail = contact_detail(database, kept)
    assert detail.contact.full_name == "Omar Tazi"
    assert detail.contact.company == "OCP Group" and detail.contact.title == "CTO"
    assert detail.contact.notes == "Met in Rabat"
    assert detail.contact.last_contacted_on == date(2026, 11, 22)
    assert detail.tags == ["mentor", "rabat"]
    assert (len(detail.asks), len(detail.interactions), len(detail.uses)) == (2, 3, 1)
    assert result.summary.startswith(
        f"Merged contact {twin} Omar TAZI into contact {kept} Omar Tazi: moved 2 asks, "
        "3 interactions, 1 reference use; took Company from"
    )
    with pytest.raises(NotFound):
        get_contact(database, twin)


def test_differing_notes_are_both_kept(database: Database, settings: Settings) -> None:
    first = add(database, settings, "Omar Tazi", notes="Met in Rabat")
    second = add(database, settings, "Omar Tazi", notes="Plays chess")
    merge_contacts(database, first, second)
    assert get_contact(database, first).notes == "Plays chess\n\nMet in Rabat"


def test_merge_refuses_itself_and_unknown_fields(database: Database, settings: Settings) -> None:
    first = add(database, settings, "Omar Tazi")
    second = add(database, settings, "Omar Tazi")
    with pytest.raises(InvalidInput, match="itself"):
        merge_contacts(database, first, first)
    with pytest.raises(InvalidInput, match="no field"):
        merge_contacts(database, first, second, {"age": "a"})
    with pytest.raises(InvalidInput, match="keep a or b"):
        merge_contacts(database, first, second, {"company": "both"})
    assert get_contact(database, second).full_name == "Omar Tazi"
