"""Several writers on one database (two refterms, two machines): never a silent overwrite.

Each writer reads a contact into a form, then saves the form with the version it read. On
both engines a save based on a copy someone else has changed since is refused, and the
writer that reads again and retries lands its change: no update is lost.
"""

from __future__ import annotations

import threading

import pytest

from refterm.config import Settings
from refterm.core.contacts import (
    ContactForm,
    contact_form,
    create_contact,
    get_contact,
    update_contact,
    validate,
)
from refterm.db.database import Database
from refterm.errors import ChangedElsewhere

WRITERS = 2
TAGS_EACH = 12


def _second_handle(database: Database) -> Database:
    """Another refterm on the same database: its own engine and connections."""
    return Database.open(database.url if database.url is not None else database.path)  # type: ignore[arg-type]


def test_a_save_over_someone_elses_change_is_refused_and_the_input_kept(
    database: Database, settings: Settings
) -> None:
    contact = create_contact(database, validate(ContactForm(full_name="Ada Lovelace"), settings))
    assert contact.id is not None
    other = _second_handle(database)
    try:
        mine, theirs = contact_form(database, contact.id), contact_form(other, contact.id)
        assert mine.version == theirs.version == 1
        theirs.company = "Analytical Engines"
        update_contact(other, contact.id, validate(theirs, settings), version=theirs.version)
        mine.title = "Countess"
        fields = validate(mine, settings)
        with pytest.raises(ChangedElsewhere, match="changed elsewhere since you opened it"):
            update_contact(database, contact.id, fields, version=mine.version)
        # Nothing of the refused save was written; the other change stands.
        stored = get_contact(database, contact.id)
        assert (stored.company, stored.title) == ("Analytical Engines", None)
        # The user's input is still in hand: read again, saved again, both changes kept.
        again = contact_form(database, contact.id)
        again.title = mine.title
        update_contact(database, contact.id, validate(again, settings), version=again.version)
        stored = get_contact(database, contact.id)
        assert (stored.company, stored.title) == ("Analytical Engines", "Countess")
    finally:
        other.dispose()


def test_two_writers_editing_the_same_contact_lose_no_update(
    database: Database, settings: Settings
) -> None:
    contact = create_contact(database, validate(ContactForm(full_name="Grace Hopper"), settings))
    contact_id = contact.id
    assert contact_id is not None
    handles = [_second_handle(database) for _ in range(WRITERS)]
    refusals = [0] * WRITERS
    failures: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(number: int) -> None:
        handle = handles[number]
        try:
            start.wait()
            for count in range(TAGS_EACH):
                while True:
                    form = contact_form(handle, contact_id)
                    form.tags = [*form.tags, f"w{number}-{count}"]
                    try:
                        update_contact(
                            handle, contact_id, validate(form, settings), version=form.version
                        )
                        break
                    except ChangedElsewhere:
                        refusals[number] += 1  # read again and retry, as the user would
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for handle in handles:
        handle.dispose()
    assert not failures, failures
    tags = set(contact_form(database, contact_id).tags)
    expected = {f"w{n}-{count}" for n in range(WRITERS) for count in range(TAGS_EACH)}
    assert tags == expected
    assert contact_form(database, contact_id).version > WRITERS * TAGS_EACH


def test_a_stale_orm_row_is_refused_by_the_version_column(database: Database) -> None:
    """Below the forms: SQLAlchemy's version check refuses an UPDATE whose row moved on."""
    from sqlmodel import Session

    from refterm.clock import utc_now
    from refterm.db.models import Contact
    from refterm.db.session import writing

    stamp = utc_now()
    with writing(database) as session:
        row = Contact(full_name="Alan Turing", created_at=stamp, updated_at=stamp)
        session.add(row)
    with Session(database.engine, expire_on_commit=False) as stale:
        copy = stale.get(Contact, row.id)
        assert copy is not None
        stale.commit()  # the read is over; the copy stays in hand, as in an open form
        with writing(database) as session:
            fresh = session.get(Contact, row.id)
            assert fresh is not None
            fresh.company = "Bletchley Park"
        copy.company = "Manchester"
        stale.add(copy)
        from sqlalchemy.orm.exc import StaleDataError

        with pytest.raises(StaleDataError):
            stale.commit()
    with writing(database) as session:
        assert session.get(Contact, row.id).company == "Bletchley Park"  # type: ignore[union-attr]


def test_asks_and_the_profile_refuse_a_save_over_someone_elses(
    database: Database, settings: Settings
) -> None:
    from dataclasses import replace

    from refterm.core.asks import AskForm, create_ask, get_ask, update_ask
    from refterm.core.profile import ProfileForm, get_profile, save_profile
    from refterm.model.records import copy_as
    from tests.support import TODAY

    contact = create_contact(database, validate(ContactForm(full_name="Ada Lovelace"), settings))
    ask = create_ask(database, contact.id or 0, AskForm(kind="reference"), TODAY, settings)
    mine = copy_as(AskForm, get_ask(database, ask.id or 0))
    theirs = copy_as(AskForm, get_ask(database, ask.id or 0))
    update_ask(database, ask.id or 0, replace(theirs, purpose="their purpose"))
    with pytest.raises(ChangedElsewhere, match="this ask was changed elsewhere"):
        update_ask(database, ask.id or 0, replace(mine, purpose="my purpose"))
    assert get_ask(database, ask.id or 0).purpose == "their purpose"

    save_profile(database, ProfileForm(name="Ada"), settings)
    mine_profile = copy_as(ProfileForm, get_profile(database))
    theirs_profile = copy_as(ProfileForm, get_profile(database))
    save_profile(database, replace(theirs_profile, city="London"), settings)
    with pytest.raises(ChangedElsewhere, match="your profile was changed elsewhere"):
        save_profile(database, replace(mine_profile, city="Paris"), settings)
    assert get_profile(database).city == "London"


def test_a_bulk_update_moves_the_version_too(database: Database, settings: Settings) -> None:
    """An import that updates rows in bulk is a change like any other for an open form."""
    from refterm.db import bulk
    from refterm.db.session import writing

    contact = create_contact(database, validate(ContactForm(full_name="Ada Lovelace"), settings))
    opened = contact_form(database, contact.id or 0)
    with writing(database) as session:
        bulk.update_rows(session, "contact", ["company"], [("Imported Co", contact.id)])
    with pytest.raises(ChangedElsewhere):
        update_contact(
            database, contact.id or 0, validate(opened, settings), version=opened.version
        )
    assert get_contact(database, contact.id or 0).company == "Imported Co"
