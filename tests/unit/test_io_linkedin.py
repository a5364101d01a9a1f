"""LinkedIn Connections.csv: the real export's shape, its quirks, and CSVs that are not one."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.db.database import Database
from refterm.errors import ImportRefused
from refterm.io.importer import detect_format, import_contacts, read_import
from refterm.io.linkedin import parse_connected_on
from tests.support import dump, stored_contacts

PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email."\r\n'
    "\r\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
ROWS = (
    'Jean,Dupont,https://www.linkedin.com/in/jean-dupont-123,,"Acme, Inc.","Head of ""Data""",'
    "15 Mar 2024\r\n"
    ",,,,,,\r\n"
    "Élodie,Núñez,https://fr.linkedin.com/in/ElodieN/,Elodie@Example.com,Doctolib,CTO,"
    "02 Feb 2019\r\n"
    ",,https://www.linkedin.com/in/nameless,,Hidden Co,,01 Jan 2020\r\n"
    "\r\n"
    'Jean,Dupont,https://www.linkedin.com/in/jean-dupont-123,,"Acme, Inc.","Head of ""Data""",'
    "15 Mar 2024\r\n"
    "Marc,Martin,https://www.linkedin.com/in/marc-martin,,BNP Paribas,Analyst,3 Jan 2023\r\n"
    "Marc,Martin,https://www.linkedin.com/in/marc-martin-2,,Société Générale,Trader,"
    "4 Jan 2023\r\n"
)
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def write(tmp_path: Path, text: str, name: str = "Connections.csv", bom: bool = True) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write(tmp_path, PREAMBLE + HEADER + ROWS)


def test_real_export_imports_exact_people_and_twice_adds_nothing(
    database: Database, db_path: Path, settings: Settings, export: Path
) -> None:
    assert detect_format(export) == "linkedin"
    parsed = read_import(export, settings)
    first = import_contacts(database, parsed, settings, now=NOW)
    # Jean (twice in the file), Élodie, Marc of BNP, Marc of SocGen: four people.
    assert (first.added, first.merged, first.unchanged, first.repeated) == (4, 0, 0, 1)
    assert [str(item) for item in first.skipped] == ["line 8: no name"]
    after_first = dump(database)
    second = import_contacts(database, read_import(export, settings), settings, now=NOW)
    assert (second.added, second.merged, second.unchanged) == (0, 0, 4)
    assert dump(database) == after_first
    assert len(stored_contacts(database)) == 4


def test_fields_are_mapped_by_name_and_kept_intact(
    database: Database, settings: Settings, export: Path
) -> None:
    import_contacts(database, read_import(export, settings), settings, now=NOW)
    contacts = {contact.full_name: contact for contact, _ in stored_contacts(database)}
    jean = contacts["Jean Dupont"]
    assert jean.company == "Acme, Inc."
    assert jean.title == 'Head of "Data"'
    assert jean.linkedin_url == "https://www.linkedin.com/in/jean-dupont-123"
    assert jean.email is None
    # The connection date is a date of its own, not an English sentence in how_we_met.
    assert jean.how_we_met is None
    assert jean.connected_on == date(2024, 3, 15)
    assert jean.created_at == datetime(2024, 3, 15, 12, 0, tzinfo=UTC)
    assert jean.updated_at == NOW
    elodie = contacts["Élodie Núñez"]
    assert elodie.email == "elodie@example.com"
    assert elodie.linkedin_url == "https://www.linkedin.com/in/elodien"
    assert elodie.sort_key == "elodie nunez"
    assert "doctolib" in elodie.search_text


def test_older_export_without_url_column_and_without_preamble(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Anne,Leroy,anne@example.fr,Orange,CTO,12 Dec 2012\n",
        bom=False,
    )
    parsed = read_import(path, settings)
    assert [(c.full_name, c.email, c.linkedin_url) for c in parsed.contacts] == [
        ("Anne Leroy", "anne@example.fr", None)
    ]


def test_columns_in_another_order_and_a_longer_preamble(settings: Settings, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'Notes:\n"Some text"\nMore notes\n\n\n'
        "Company,Connected On,Last Name,First Name,URL\n"
        "Orange,1 Feb 2021,Leroy,Anne,https://www.linkedin.com/in/anne-leroy\n",
    )
    (person,) = read_import(path, settings).contacts
    assert (person.full_name, person.company, person.linkedin_url) == (
        "Anne Leroy",
        "Orange",
        "https://www.linkedin.com/in/anne-leroy",
    )


def test_semicolon_separated_file_saved_by_a_french_spreadsheet(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        "First Name;Last Name;URL;Email Address;Company;Position;Connected On\r\n"
        "Hélène;Lefèvre;;;Société Générale;Directrice;5 May 2015\r\n".encode("cp1252")
    )
    (person,) = read_import(path, settings).contacts
    assert (person.full_name, person.company) == ("Hélène Lefèvre", "Société Générale")


def test_the_connection_date_is_stored_as_a_date_in_any_language(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "Anne,Leroy,,,,,1 Feb 2021\r\n")
    for language in ("fr", "en"):
        (person,) = read_import(path, Settings(language=language)).contacts
        assert person.connected_on == date(2021, 2, 1)
        assert person.how_we_met is None and person.known_since is None


def test_connected_on_formats() -> None:
    assert parse_connected_on("15 Mar 2024") is not None
    assert str(parse_connected_on("15 Mar 2024")) == "2024-03-15"
    assert str(parse_connected_on("5 September 2019")) == "2019-09-05"
    assert str(parse_connected_on("2020-01-02")) == "2020-01-02"
    assert parse_connected_on("31 Feb 2020") is None
    assert parse_connected_on("yesterday") is None


def test_unreadable_connection_date_keeps_the_row(settings: Settings, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "Anne,Leroy,,,,,sometime\r\n")
    (person,) = read_import(path, settings).contacts
    assert person.how_we_met is None
    assert person.connected_on is None and person.first_known_at is None


def test_bad_email_and_url_go_to_the_notes(settings: Settings, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "Anne,Leroy,not a url,not-an-email,,,\r\n")
    (person,) = read_import(path, settings).contacts
    assert person.email is None and person.linkedin_url is None
    assert person.notes == "E-mail: not-an-email LinkedIn: not a url"


def test_multiline_quoted_cell_keeps_line_numbers(settings: Settings, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + 'Anne,Leroy,,,"Big\r\nCompany",,\r\n,,,,Nobody Inc,,\r\n',
    )
    parsed = read_import(path, settings)
    assert parsed.contacts[0].company == "Big Company"
    assert [str(item) for item in parsed.skipped] == ["line 4: no name"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Name,Phone\nJean,0612345678\n", "line 1: not a LinkedIn connections export"),
        ("just some words\n", "line 1: not a LinkedIn connections export"),
    ],
)
def test_other_csv_is_refused_whole_and_changes_nothing(
    demo_database: Database,
    db_path: Path,
    settings: Settings,
    tmp_path: Path,
    content: str,
    expected: str,
) -> None:
    before = dump(demo_database)
    path = write(tmp_path, content, name="contacts.csv")
    with pytest.raises(ImportRefused, match=expected):
        read_import(path, settings, "linkedin")
    with pytest.raises(ImportRefused, match=expected):
        detect_format(path)
    assert dump(demo_database) == before


def test_broken_quoting_is_refused_naming_the_line(settings: Settings, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "Anne,Leroy,,,,,\r\n" + 'Bob,"Smi"th,,,,,\r\n')
    with pytest.raises(ImportRefused, match=r"line 3: not readable as CSV"):
        read_import(path, settings)


def test_binary_and_empty_files_are_refused(settings: Settings, tmp_path: Path) -> None:
    binary = tmp_path / "Connections.csv"
    binary.write_bytes(b"First Name,Last Name\n\x00\x01\x02")
    with pytest.raises(ImportRefused, match="line 2: this is a binary file"):
        read_import(binary, settings)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\n\n")
    with pytest.raises(ImportRefused, match="the file is empty"):
        read_import(empty, settings)
    with pytest.raises(ImportRefused, match="no such file"):
        read_import(tmp_path / "missing.csv", settings)


def test_dry_run_reports_and_writes_nothing(
    demo_database: Database, db_path: Path, settings: Settings, export: Path
) -> None:
    before = dump(demo_database)
    report = import_contacts(demo_database, read_import(export, settings), settings, dry_run=True)
    assert report.dry_run and report.added == 4
    assert report.summary().startswith("Dry run, nothing written. Would add 4 new contacts")
    assert dump(demo_database) == before
