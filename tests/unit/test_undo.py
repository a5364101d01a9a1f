"""The change journal and undo: one step per write, refused when later changes depend on it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.core.asks import AskForm, create_ask, move_ask
from refterm.core.contacts import (
    ContactForm,
    archive_contact,
    contact_detail,
    contact_form,
    contact_page,
    create_contact,
    get_contact,
    update_contact,
    validate,
)
from refterm.core.interactions import log_interaction
from refterm.core.removal import delete_contact
from refterm.core.undo import recent_changes, undo, undo_last
from refterm.db.database import Database
from refterm.db.journal import KEEP
from refterm.errors import CannotUndo, NotFound
from refterm.io.importer import import_contacts, read_import
from refterm.model.vocab import AskStatus, Channel, Outcome
from tests.support import TODAY, execute, query

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def add(database: Database, settings: Settings, name: str, **fields: object) -> int:
    form = ContactForm(full_name=name, **fields)  # type: ignore[arg-type]
    contact = create_contact(database, validate(form, settings), now=NOW)
    assert contact.id is not None
    return contact.id


USER_TABLES = ("profile", "contact", "tag", "contact_tag", "ask", "interaction", "reference_use")


def dump(database: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the user's tables as stored (the journal and the search index's own aside),
    on either engine."""
    return {
        table: sorted(query(database, f"SELECT * FROM {table}"), key=repr) for table in USER_TABLES
    }


def journal_size(database: Database) -> int:
    return int(query(database, "SELECT count(*) FROM change")[0][0])


def test_each_write_is_one_named_step(database: Database, settings: Settings) -> None:
    omar = add(database, settings, "Omar Tazi", tags=["alumni"])
    archive_contact(database, omar)
    labels = [change.label for change in recent_changes(database)]
    assert labels == ["Omar Tazi archived", "Omar Tazi added"]
    assert recent_changes(database)[0].source == "cli"


def test_undo_an_archive_then_the_add(database: Database, settings: Settings) -> None:
    omar = add(database, settings, "Omar Tazi", tags=["alumni"])
    before = dump(database)
    archive_contact(database, omar)
    assert undo_last(database).label == "Omar Tazi archived"
    assert get_contact(database, omar).archived_at is None
    assert dump(database) == before
    assert undo_last(database).label == "Omar Tazi added"
    with pytest.raises(NotFound):
        get_contact(database, omar)
    with pytest.raises(CannotUndo, match="nothing to undo"):
        undo_last(database)


def test_undo_an_edit_restores_fields_tags_and_the_filter(
    database: Database, settings: Settings
) -> None:
    omar = add(database, settings, "Omar Tazi", company="Acme", tags=["alumni"])
    form = contact_form(database, omar)
    form.company, form.tags = "Globex", ["paris"]
    update_contact(database, omar, validate(form, settings), now=NOW)
    assert [row.id for row in contact_page(database, "globex").rows] == [omar]
    undo_last(database)
    restored = contact_form(database, omar)
    assert (restored.company, list(restored.tags)) == ("Acme", ["alumni"])
    assert contact_page(database, "globex").rows == []
    assert [row.id for row in contact_page(database, "alumni").rows] == [omar]


def test_undo_a_delete_brings_back_everything_and_the_search_finds_it(
    database: Database, settings: Settings
) -> None:
    omar = add(database, settings, "Omar Tazi", tags=["alumni"])
    ask = create_ask(database, omar, AskForm(kind="reference"), TODAY, settings, now=NOW)
    move_ask(database, ask.id or 0, AskStatus.ASKED, TODAY, settings, now=NOW)
    before = dump(database)
    delete_contact(database, omar)
    assert contact_page(database, "omar").rows == []
    assert undo_last(database).label == "Omar Tazi deleted"
    assert dump(database) == before
    assert [row.id for row in contact_page(database, "omar").rows] == [omar]
    assert [row.id for row in contact_page(database, "alumni").rows] == [omar]
    assert len(contact_detail(database, omar).interactions) == 1


def test_undo_an_ask_move_and_a_log(database: Database, settings: Settings) -> None:
    omar = add(database, settings, "Omar Tazi")
    ask = create_ask(database, omar, AskForm(kind="reference"), TODAY, settings, now=NOW)
    before = dump(database)
    move_ask(database, ask.id or 0, AskStatus.ASKED, TODAY, settings, now=NOW)
    log_interaction(database, omar, Channel.CALL, TODAY, settings, outcome=Outcome.AGREED,
                    ask_id=ask.id)  # fmt: skip
    labels = [change.label for change in recent_changes(database, 2)]
    assert labels == ["Omar Tazi's reference ask marked agreed",
                      "Omar Tazi's reference ask marked asked"]  # fmt: skip
    undo_last(database)
    undo_last(database)
    assert dump(database) == before


def test_a_change_edited_later_is_refused_in_one_line(
    database: Database, settings: Settings
) -> None:
    omar = add(database, settings, "Omar Tazi")
    archive_contact(database, omar)
    archived = recent_changes(database, 1)[0]
    form = contact_form(database, omar)
    form.company = "Globex"
    update_contact(database, omar, validate(form, settings), now=NOW)
    before = dump(database)
    with pytest.raises(CannotUndo) as refused:
        undo(database, archived.id)
    assert refused.value.message == (
        "cannot undo 'Omar Tazi archived': Omar Tazi was changed after it "
        "('Omar Tazi edited'); undo that first"
    )
    assert dump(database) == before
    undo_last(database)
    assert undo(database, archived.id).label == "Omar Tazi archived"


def test_an_added_row_used_since_is_refused(database: Database, settings: Settings) -> None:
    omar = add(database, settings, "Omar Tazi")
    added = recent_changes(database, 1)[0]
    create_ask(database, omar, AskForm(kind="reference"), TODAY, settings, now=NOW)
    with pytest.raises(CannotUndo, match="Omar Tazi is used by a later change"):
        undo(database, added.id)


def test_a_change_made_outside_the_journal_is_refused(
    database: Database, settings: Settings
) -> None:
    omar = add(database, settings, "Omar Tazi")
    execute(database, "UPDATE contact SET company = 'Elsewhere' WHERE id = ?", omar)
    with pytest.raises(CannotUndo, match="changed since, outside the journal"):
        undo_last(database)


def test_an_import_is_one_step(database: Database, settings: Settings, tmp_path: Path) -> None:
    omar = add(database, settings, "Omar Tazi", email="omar@example.com")
    before = dump(database)
    cards = tmp_path / "people.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Omar Tazi\r\nEMAIL:omar@example.com\r\n"
        "ORG:Globex\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sara Ben\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    report = import_contacts(database, read_import(cards, settings), settings, today=TODAY)
    assert report.added == 2
    assert contact_form(database, omar).company == "Globex"
    assert undo_last(database).label == "import of people.vcf"
    assert dump(database) == before


def write_cards(path: Path, names: list[str]) -> Path:
    path.write_text(
        "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n" for name in names),
        encoding="utf-8",
    )
    return path


PEOPLE = [f"Person {number:02d}" for number in range(40)]


def imported(database: Database, settings: Settings, tmp_path: Path) -> tuple[int, list[int]]:
    """Import 40 people: the change's id and the new contacts' ids."""
    cards = write_cards(tmp_path / "people.vcf", PEOPLE)
    report = import_contacts(database, read_import(cards, settings), settings, today=TODAY)
    assert report.added == len(PEOPLE)
    ids = [row[0] for row in query(database, "SELECT id FROM contact WHERE full_name LIKE "
                                             "'Person %' ORDER BY id")]  # fmt: skip
    return recent_changes(database, 1)[0].id, [int(found) for found in ids]


def test_an_import_is_journaled_as_id_runs_and_undone_exactly(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    add(database, settings, "Omar Tazi")
    before = dump(database)
    change_id, ids = imported(database, settings, tmp_path)
    stored = query(database, "SELECT row_key, after_digest FROM change_row WHERE change_id = ?",
                   change_id)  # fmt: skip
    assert stored == [(f"[{ids[0]}]", f"+{len(PEOPLE)}")]  # one row for 40 consecutive ids
    assert recent_changes(database, 1)[0].rows == len(PEOPLE)
    add(database, settings, "Sara Ben")  # a later change that does not touch the import
    sara = dump(database)
    assert undo(database, change_id).label == "import of people.vcf"
    assert [name for (name,) in query(database, "SELECT full_name FROM contact ORDER BY id")] == [
        "Omar Tazi",
        "Sara Ben",
    ]
    undo_last(database)
    assert dump(database) == before
    assert sara != before


def test_an_imported_contact_edited_since_is_refused_then_undone(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    before = dump(database)
    change_id, ids = imported(database, settings, tmp_path)
    middle = ids[len(ids) // 2]  # inside the run, not its first id
    form = contact_form(database, middle)
    form.company = "Globex"
    update_contact(database, middle, validate(form, settings), now=NOW)
    with pytest.raises(CannotUndo) as refused:
        undo(database, change_id)
    assert str(refused.value) == (
        f"cannot undo 'import of people.vcf': {PEOPLE[len(ids) // 2]} was changed after it "
        f"('{PEOPLE[len(ids) // 2]} edited'); undo that first"
    )
    undo_last(database)
    assert undo_last(database).label == "import of people.vcf"
    assert dump(database) == before


def test_an_imported_contact_used_since_is_refused(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    change_id, ids = imported(database, settings, tmp_path)
    last = ids[-1]
    create_ask(database, last, AskForm(kind="reference"), TODAY, settings, now=NOW)
    with pytest.raises(CannotUndo, match=f"{PEOPLE[-1]} is used by a later change"):
        undo(database, change_id)
    undo_last(database)
    undo(database, change_id)
    assert query(database, "SELECT count(*) FROM contact")[0][0] == 0


def test_a_journal_row_per_added_key_is_still_undone(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    """Journals written before id runs hold one "+" row per added contact."""
    before = dump(database)
    change_id, ids = imported(database, settings, tmp_path)
    execute(database, "DELETE FROM change_row WHERE change_id = ?", change_id)
    for contact_id in ids:
        execute(
            database,
            "INSERT INTO change_row (change_id, table_name, row_key, after_digest)"
            " VALUES (?, 'contact', ?, '+')",
            change_id,
            f"[{contact_id}]",
        )
    assert recent_changes(database, 1)[0].rows == len(PEOPLE)
    undo_last(database)
    assert dump(database) == before


def test_the_journal_keeps_the_last_fifty(database: Database, settings: Settings) -> None:
    omar = add(database, settings, "Omar Tazi")
    for number in range(KEEP + 5):
        form = contact_form(database, omar)
        form.company = f"Company {number}"
        update_contact(database, omar, validate(form, settings), now=NOW)
    assert journal_size(database) == KEEP
    orphans = query(
        database, "SELECT count(*) FROM change_row WHERE change_id NOT IN (SELECT id FROM change)"
    )[0][0]
    assert orphans == 0
    for _ in range(KEEP):
        undo_last(database)
    assert contact_form(database, omar).company == "Company 4"
    with pytest.raises(CannotUndo, match="nothing to undo"):
        undo_last(database)


def test_a_write_that_changes_nothing_leaves_no_step(
    database: Database, settings: Settings
) -> None:
    omar = add(database, settings, "Omar Tazi")
    form = contact_form(database, omar)
    update_contact(database, omar, validate(form, settings), now=NOW)
    assert [change.label for change in recent_changes(database)] == ["Omar Tazi added"]


def test_the_change_mark_moves_with_every_write_and_every_undo(
    database: Database, settings: Settings
) -> None:
    from refterm.core.agenda import change_mark

    marks = [change_mark(database)]
    omar = add(database, settings, "Omar Tazi")
    marks.append(change_mark(database))
    archive_contact(database, omar)
    marks.append(change_mark(database))
    undo_last(database)
    marks.append(change_mark(database))
    undo_last(database)
    marks.append(change_mark(database))
    assert all(one != two for one, two in zip(marks, marks[1:], strict=False))
    assert change_mark(database) == marks[-1]  # nothing written: the mark stays
    omar = add(database, settings, "Omar Tazi")
    archived = [change_mark(database)]
    archive_contact(database, omar)
    archived.append(change_mark(database))
    undo_last(database)
    archive_contact(database, omar)  # the new change takes the undone one's id
    assert change_mark(database) != archived[-1]
