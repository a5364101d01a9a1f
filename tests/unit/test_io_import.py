"""Importing people: de-duplication, merging empty fields, one transaction, dry run, progress."""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from refterm.config import Settings
from refterm.core.contacts import (
    ContactForm,
    archive_contact,
    clean_tags,
    create_contact,
    validate,
)
from refterm.db.contacts import search_text_for
from refterm.db.database import Database
from refterm.db.models import Contact
from refterm.errors import ImportRefused
from refterm.io.importer import detect_format, import_contacts, read_import
from refterm.io.incoming import ImportReport, IncomingContact, ParsedImport, Skipped
from refterm.model.text import clean_line, clean_multiline, fold
from tests.support import dump, stored_contacts

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def parsed(*people: IncomingContact) -> ParsedImport:
    return ParsedImport(path=Path("people.csv"), format="linkedin", contacts=list(people))


def person(name: str, **fields: object) -> IncomingContact:
    return IncomingContact(where="line 2", full_name=name, **fields)  # type: ignore[arg-type]


def add(database: Database, settings: Settings, name: str, **fields: object) -> int:
    form = ContactForm(full_name=name, **fields)  # type: ignore[arg-type]
    contact = create_contact(database, validate(form, settings), now=NOW)
    assert contact.id is not None
    return contact.id


def stored(database: Database) -> dict[str, Contact]:
    return {contact.full_name: contact for contact, _ in stored_contacts(database)}


def test_matches_by_linkedin_url_first(database: Database, settings: Settings) -> None:
    add(database, settings, "Jean Dupont", linkedin_url="https://www.linkedin.com/in/jd")
    report = import_contacts(
        database,
        parsed(person("Jean-Pierre Dupont", linkedin_url="https://www.linkedin.com/in/jd")),
        settings,
    )
    assert (report.added, report.unchanged) == (0, 1)


def test_matches_by_email_then_fills_empty_fields_only(
    database: Database, settings: Settings
) -> None:
    add(database, settings, "Anne Leroy", email="anne@example.fr", title="CTO")
    incoming = person(
        "Anne Leroy-Martin",
        email="anne@example.fr",
        title="cto",
        company="Orange",
        phone="+33612345678",
    )
    report = import_contacts(database, parsed(incoming), settings, now=NOW)
    assert (report.added, report.merged, report.changed_jobs) == (0, 1, 0)
    anne = stored(database)["Anne Leroy"]
    # The name stays as typed; the same title in other letters is no job change.
    assert (anne.title, anne.company, anne.phone) == ("CTO", "Orange", "+33612345678")
    assert "orange" in anne.search_text


def test_matches_by_folded_name_and_company(database: Database, settings: Settings) -> None:
    add(database, settings, "Élodie Núñez", company="Doctolib")
    report = import_contacts(
        database,
        parsed(
            person("ELODIE NUNEZ", company="doctolib"),
            person("Élodie Núñez", company="Alan"),
        ),
        settings,
    )
    assert (report.added, report.unchanged) == (1, 1)
    assert len(stored_contacts(database)) == 2


def test_two_different_profiles_are_never_merged(database: Database, settings: Settings) -> None:
    add(
        database,
        settings,
        "Marc Martin",
        email="team@example.com",
        linkedin_url="https://www.linkedin.com/in/marc-1",
    )
    report = import_contacts(
        database,
        parsed(
            person(
                "Marc Martin",
                email="team@example.com",
                linkedin_url="https://www.linkedin.com/in/m2",
            )
        ),
        settings,
    )
    assert report.added == 1


def test_repeats_within_the_file_become_one_contact(database: Database, settings: Settings) -> None:
    report = import_contacts(
        database,
        parsed(
            person("Anne Leroy", email="anne@example.fr"),
            person("Anne Leroy", email="anne@example.fr", company="Orange"),
            person("A. Leroy", email="anne@example.fr"),
        ),
        settings,
    )
    assert (report.added, report.repeated) == (1, 2)
    (anne,) = stored_contacts(database)
    assert anne[0].company == "Orange"


def test_archived_contacts_are_matched_not_duplicated(
    database: Database, settings: Settings
) -> None:
    contact_id = add(database, settings, "Anne Leroy", email="anne@example.fr")
    archive_contact(database, contact_id)
    report = import_contacts(
        database, parsed(person("Anne Leroy", email="anne@example.fr")), settings
    )
    # Reported apart from the unchanged ones: the user may be looking for them.
    assert (report.added, report.unchanged, report.archived) == (0, 0, 1)


def test_first_known_keeps_the_earlier_date(database: Database, settings: Settings) -> None:
    add(database, settings, "Anne Leroy", company="Orange")
    earlier = datetime(2015, 5, 1, 12, tzinfo=UTC)
    later = datetime(2030, 5, 1, 12, tzinfo=UTC)
    first = import_contacts(
        database, parsed(person("Anne Leroy", company="Orange", first_known_at=earlier)), settings
    )
    assert first.merged == 1
    second = import_contacts(
        database, parsed(person("Anne Leroy", company="Orange", first_known_at=later)), settings
    )
    assert second.unchanged == 1
    assert stored(database)["Anne Leroy"].created_at == earlier


def test_bulk_rows_follow_the_contact_table_and_the_declared_fields() -> None:
    """Bulk inserts write FILLABLE by position: it must sit in the table's column order, and
    match the contact fields as `ContactDetails` declares them (after the name)."""
    from dataclasses import fields

    from refterm.db.bulk import CONTACT_COLUMNS
    from refterm.io.merge import FILLABLE
    from refterm.model.records import ContactDetails

    assert CONTACT_COLUMNS == (
        "id", "full_name", "sort_key", "search_text", *FILLABLE,
        "last_contacted_on", "created_at", "updated_at", "archived_at",
    )  # fmt: skip
    assert tuple(item.name for item in fields(ContactDetails)) == ("full_name", *FILLABLE)


def test_derived_keys_match_what_the_repository_computes(
    database: Database, settings: Settings
) -> None:
    add(database, settings, "Anne Leroy", email="anne@example.fr", tags=["paris"])
    import_contacts(
        database,
        parsed(
            person("Anne Leroy", email="anne@example.fr", notes="Met in Lyon", tags=("lyon",)),
            person("Ñoño Ávila", company="Société Générale", tags=("madrid", "finance")),
        ),
        settings,
    )
    for contact, tags in stored_contacts(database):
        assert contact.sort_key == fold(contact.full_name)
        assert contact.search_text == search_text_for(contact, tags)
    assert {c.full_name: tags for c, tags in stored_contacts(database)} == {
        "Anne Leroy": ["lyon", "paris"],
        "Ñoño Ávila": ["finance", "madrid"],
    }


@pytest.mark.sqlite_only  # the failure is a SQLite trigger
def test_a_failure_while_writing_rolls_everything_back(
    demo_database: Database, db_path: Path, settings: Settings
) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute(
        "CREATE TRIGGER refuse_tag BEFORE INSERT ON tag WHEN NEW.name = 'boom' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    connection.commit()
    connection.close()
    before = dump(demo_database)
    people = parsed(
        person("New Person", company="Acme"),
        person("Claire Dubois", company="Capgemini", notes="merged into the demo contact"),
        person("Tagged Person", tags=("boom",)),
    )
    with pytest.raises(ImportRefused, match="rolled back, nothing was written"):
        import_contacts(demo_database, people, settings)
    assert dump(demo_database) == before


def test_dry_run_writes_nothing_and_reports_the_same(
    demo_database: Database, db_path: Path, settings: Settings
) -> None:
    people = parsed(
        person("New Person", company="Acme"),
        person("Claire Dubois", company="Capgemini", notes="a note"),
    )
    before = dump(demo_database)
    dry = import_contacts(demo_database, people, settings, dry_run=True)
    assert dump(demo_database) == before
    real = import_contacts(demo_database, people, settings)
    assert (dry.added, dry.merged, dry.unchanged) == (real.added, real.merged, real.unchanged)
    assert (real.added, real.merged) == (1, 1)
    assert dump(demo_database) != before


def test_progress_reaches_the_total(database: Database, settings: Settings) -> None:
    seen: list[tuple[int, int]] = []
    people = parsed(*(person(f"Person {number}") for number in range(2500)))
    import_contacts(
        database, people, settings, progress=lambda done, total: seen.append((done, total))
    )
    assert seen == [(1000, 2500), (2000, 2500), (2500, 2500)]


def test_summary_reads_as_a_paragraph() -> None:
    report = ImportReport(
        format="linkedin",
        added=3,
        merged=1,
        unchanged=2,
        skipped=[Skipped(f"line {n}", "no name") for n in range(4, 11)],
        repeated=1,
    )
    assert report.summary() == (
        "Added 3 new contacts, merged 1 into existing contacts (filling their empty fields), "
        "left 2 unchanged (already up to date). 1 row repeated someone earlier in the file and "
        "counted once. Skipped 7: line 4: no name; line 5: no name; line 6: no name; "
        "line 7: no name; line 8: no name; and 2 more."
    )


def test_detect_format_by_content_then_name(tmp_path: Path) -> None:
    card = tmp_path / "export.txt"
    card.write_text("\n\nbegin:vcard\nFN:Ann\nend:vcard\n")
    assert detect_format(card) == "vcard"
    backup = tmp_path / "backup"
    backup.write_text('{"format": "refterm-backup"}')
    assert detect_format(backup) == "json"
    csv = tmp_path / "x"
    csv.write_text("Notes:\n\nFirst Name,Last Name\nA,B\n")
    assert detect_format(csv) == "linkedin"
    other = tmp_path / "notes.md"
    other.write_text("# my notes\n")
    with pytest.raises(ImportRefused, match="cannot tell what this file is"):
        detect_format(other)
    with pytest.raises(ImportRefused, match="folder"):
        detect_format(tmp_path)


def _reference_fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_import_keys_fold_exactly_as_defined(text: str) -> None:
    # Imports compare names through `fold`; its fast path must equal the definition.
    assert fold(text) == _reference_fold(text)


def test_read_import_with_an_unknown_format(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "a.csv"
    path.write_text("First Name,Last Name\n")
    with pytest.raises(ImportRefused, match="unknown import format"):
        read_import(path, settings, "excel")


IMPORT_CHECK = """
import sys
import refterm.io.importer, refterm.io.linkedin, refterm.io.vcard, refterm.io.vcard_lines
import refterm.io.merge, refterm.io.json_backup, refterm.io.json_restore
import refterm.io.vcard_export, refterm.io.dossier_export, refterm.io.files
heavy = {"textual", "vobject", "jinja2", "phonenumbers"}
print(",".join(sorted(name for name in sys.modules if name.split(".")[0] in heavy)))
"""


def test_io_never_imports_textual_and_loads_heavy_libraries_lazily() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", IMPORT_CHECK], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(company=TEXT, title=TEXT, notes=TEXT, tags=st.lists(TEXT, max_size=3))
def test_imported_search_text_equals_the_repository_rule(
    database: Database, settings: Settings, company: str, title: str, notes: str, tags: list[str]
) -> None:
    # Imports build the filter text from folded parts; it must be what refresh_keys computes.
    incoming = person(
        f"Person {len(stored_contacts(database))} Ñ",
        company=clean_line(company) or None,
        title=clean_line(title) or None,
        notes=clean_multiline(notes) or None,
        tags=clean_tags(tags),
    )
    import_contacts(database, parsed(incoming), settings)
    for contact, stored_tags in stored_contacts(database):
        assert contact.search_text == search_text_for(contact, stored_tags)


def test_a_reimport_reports_archived_matches_and_keeps_them_archived(
    database: Database, settings: Settings
) -> None:
    from refterm.core.contacts import get_contact
    from refterm.core.removal import set_archived

    archived = []
    for name in ("Jean Dupont", "Omar Tazi", "Sarah Mitchell"):
        contact_id = add(database, settings, name, email=f"{name.split()[0].lower()}@x.fr")
        if name != "Sarah Mitchell":
            set_archived(database, contact_id, True)
            archived.append(contact_id)
    people = [person(n, email=f"{n.split()[0].lower()}@x.fr")
              for n in ("Jean Dupont", "Omar Tazi", "Sarah Mitchell")]  # fmt: skip
    dry = import_contacts(database, parsed(*people), settings, dry_run=True)
    assert "2 match archived contacts: would stay archived" in dry.summary()
    report = import_contacts(database, parsed(*people), settings)
    assert (report.added, report.unchanged, report.archived) == (0, 1, 2)
    assert report.summary() == (
        "Added 0 new contacts, left 1 unchanged (already up to date). "
        "2 match archived contacts: kept archived (A on Contacts shows them)."
    )
    assert all(get_contact(database, one).archived_at is not None for one in archived)
    assert sorted(stored(database)) == ["Sarah Mitchell"]
