"""Close spellings for the palette: found, ranked by closeness, kept up to date."""

from __future__ import annotations

from refterm.config import Settings
from refterm.core.close_names import CloseNames, NameIndex, palette_matches, word_closeness
from refterm.core.contacts import (
    ContactForm,
    archive_contact,
    contact_form,
    create_contact,
    update_contact,
    validate,
)
from refterm.db.database import Database

NAMES = (
    (1, "Karim Benjelloun", "karim benjelloun"),
    (2, "Kenza Benjelloun", "kenza benjelloun"),
    (3, "Omar Bennani", "omar bennani"),
    (4, "Lucas Martin", "lucas martin"),
    (5, "Élodie Martins", "elodie martins"),
    (6, "Marc Martinez", "marc martinez"),
    (7, "王伟", "王伟"),
)


def add(database: Database, settings: Settings, name: str, **fields: object) -> int:
    form = ContactForm(full_name=name, **fields)  # type: ignore[arg-type]
    contact = create_contact(database, validate(form, settings))
    assert contact.id is not None
    return contact.id


def test_a_missing_letter_finds_the_name() -> None:
    found = NameIndex(NAMES).closest("benjeloun")
    assert [name.full_name for name in found] == ["Karim Benjelloun", "Kenza Benjelloun"]
    assert all(90 < name.closeness < 100 for name in found)


def test_closest_spelling_comes_first() -> None:
    found = NameIndex(NAMES).closest("martin")
    assert [name.full_name for name in found] == ["Lucas Martin", "Élodie Martins", "Marc Martinez"]
    assert found[0].closeness == 100
    assert found[0].closeness > found[1].closeness > found[2].closeness


def test_every_word_of_the_query_must_be_close() -> None:
    index = NameIndex(NAMES)
    assert [name.full_name for name in index.closest("kenza benjeloun")] == ["Kenza Benjelloun"]
    assert index.closest("kenza martin") == []


def test_the_start_of_a_word_counts_and_case_and_accents_do_not() -> None:
    index = NameIndex(NAMES)
    assert [name.contact_id for name in index.closest("ELODI")] == [5]
    assert word_closeness("benj", "benjelloun") > word_closeness("bnj", "benjelloun")
    assert [name.contact_id for name in index.closest("王伟")] == []  # two letters: exact only
    assert index.closest("zzzzzz") == []
    assert index.closest("  ") == []


def test_palette_lists_exact_matches_then_close_spellings(
    database: Database, settings: Settings
) -> None:
    karim = add(database, settings, "Karim Benjelloun", company="Inwi")
    kenza = add(database, settings, "Kenza Benjeloune", company="Capgemini")
    add(database, settings, "Omar Bennani")
    names = CloseNames(database)
    matches = palette_matches(database, names, "benjelloun")
    assert [(m.contact_id, m.closeness is None) for m in matches] == [(karim, True), (kenza, False)]
    assert matches[1].company == "Capgemini"
    by_company = palette_matches(database, names, "capgem")
    assert [m.contact_id for m in by_company] == [kenza]


def test_index_is_read_again_after_a_rename_or_an_archive_when_refreshed(
    database: Database, settings: Settings
) -> None:
    contact_id = add(database, settings, "Karim Benjelloun")
    names = CloseNames(database)
    assert [name.contact_id for name in names.closest("benjeloun")] == [contact_id]
    form = contact_form(database, contact_id)
    form.full_name = "Karim Ouazzani"
    update_contact(database, contact_id, validate(form, settings))
    assert [name.contact_id for name in names.closest("benjeloun")] == [contact_id]  # as read
    names.refresh()  # the palette opens again
    assert names.closest("benjeloun") == []
    assert [name.contact_id for name in names.closest("ouazani")] == [contact_id]
    archive_contact(database, contact_id)
    names.refresh()
    assert names.closest("ouazani") == []
