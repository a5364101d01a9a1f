"""Contacts: validation, one-transaction writes, lookup by name, paging and filtering in SQL."""

from __future__ import annotations

import pytest

from refterm.config import Settings
from refterm.core.contacts import (
    ContactForm,
    archive_contact,
    contact_form,
    contact_page,
    create_contact,
    resolve_contact,
    update_contact,
    validate,
)
from refterm.db.database import Database
from refterm.errors import Ambiguous, InvalidFields, NotFound
from refterm.model.vocab import ContactSort


def add(database: Database, settings: Settings, name: str, **fields: object) -> int:
    form = ContactForm(full_name=name, **fields)  # type: ignore[arg-type]
    contact = create_contact(database, validate(form, settings))
    assert contact.id is not None
    return contact.id


def test_validate_reports_every_bad_field_at_once(settings: Settings) -> None:
    form = ContactForm(full_name=" ", email="nope", phone="12", relationship="boss", language="de")
    with pytest.raises(InvalidFields) as caught:
        validate(form, settings)
    assert set(caught.value.errors) == {"full_name", "email", "phone", "relationship", "language"}


def test_create_cleans_and_round_trips(database: Database, settings: Settings) -> None:
    contact_id = add(
        database,
        settings,
        "  [bold]Ann[/]\x1b[31m  Lee ",
        company="Acme [/]",
        phone="06 12 34 56 78",
        relationship="Direct Report",
        tags=["#Paris", "paris", " data "],
        notes="line one\r\nline two\x07",
    )
    form = contact_form(database, contact_id)
    assert form.full_name == "[bold]Ann[/] Lee"
    assert form.company == "Acme [/]"
    assert form.phone == "+33612345678"
    assert form.relationship == "direct_report"
    assert list(form.tags) == ["data", "paris"]
    assert form.notes == "line one\nline two"


def test_update_replaces_fields_and_tags(database: Database, settings: Settings) -> None:
    contact_id = add(database, settings, "Ann Lee", tags=["old"])
    form = contact_form(database, contact_id)
    form.company, form.tags = "Globex", ["new"]
    update_contact(database, contact_id, validate(form, settings))
    assert contact_form(database, contact_id).tags == ["new"]
    page = contact_page(database, search="globex new")
    assert [row.id for row in page.rows] == [contact_id]


def test_resolve_by_id_and_accent_insensitive_name(database: Database, settings: Settings) -> None:
    elodie = add(database, settings, "Élodie Martin")
    add(database, settings, "Martin Durand")
    assert resolve_contact(database, str(elodie)).id == elodie
    assert resolve_contact(database, "ELODIE martin").id == elodie
    assert resolve_contact(database, "elodie").id == elodie
    with pytest.raises(Ambiguous, match="Élodie Martin.*Martin Durand|Martin Durand.*Élodie"):
        resolve_contact(database, "martin")
    with pytest.raises(NotFound):
        resolve_contact(database, "nobody")
    with pytest.raises(NotFound):
        resolve_contact(database, "999")


def test_exact_name_wins_over_partial_matches(database: Database, settings: Settings) -> None:
    ann = add(database, settings, "Ann Lee")
    add(database, settings, "Ann Leeds")
    assert resolve_contact(database, "ann lee").id == ann


def test_page_sorts_case_and_accent_insensitively(database: Database, settings: Settings) -> None:
    for name in ("zoe Smith", "Émile Roux", "anna Berg", "Eric Blanc"):
        add(database, settings, name)
    names = [row.full_name for row in contact_page(database).rows]
    assert names == ["anna Berg", "Émile Roux", "Eric Blanc", "zoe Smith"]


def test_page_windows_and_totals(database: Database, settings: Settings) -> None:
    for number in range(30):
        add(database, settings, f"Person {number:02d}", company="Acme" if number % 2 else "Other")
    page = contact_page(database, search="acme", offset=5, limit=5)
    assert page.total == 15
    assert [row.full_name for row in page.rows] == [f"Person {n:02d}" for n in (11, 13, 15, 17, 19)]


def test_sort_by_company_puts_blank_companies_last(database: Database, settings: Settings) -> None:
    add(database, settings, "No Company")
    add(database, settings, "B Person", company="beta")
    add(database, settings, "A Person", company="Alpha")
    rows = contact_page(database, sort=ContactSort.COMPANY).rows
    assert [row.company for row in rows] == ["Alpha", "beta", None]


def test_filter_treats_like_wildcards_literally(database: Database, settings: Settings) -> None:
    add(database, settings, "Percent 100%")
    add(database, settings, "Plain 1000")
    assert [row.full_name for row in contact_page(database, search="100%").rows] == ["Percent 100%"]


def test_archived_contacts_leave_lists(database: Database, settings: Settings) -> None:
    contact_id = add(database, settings, "Gone Soon")
    archive_contact(database, contact_id)
    assert contact_page(database).total == 0
    with pytest.raises(NotFound):
        resolve_contact(database, "gone soon")
