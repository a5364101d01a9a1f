"""vCard import: khard's real-world cards in place, and built files with every quirk we know."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.db.database import Database
from refterm.errors import ImportRefused
from refterm.io.importer import detect_format, import_contacts, read_import
from refterm.io.incoming import IncomingContact
from tests.conftest import SHARED
from tests.support import dump, stored_contacts

KHARD = SHARED / "fixtures" / "vcard" / "khard"
needs_khard = pytest.mark.skipif(
    not KHARD.is_dir(), reason=f"khard's vCard fixtures are not at {KHARD} (outside the project)"
)

# What each of khard's cards must give: name plus the fields worth checking; None = skipped.
KHARD_EXPECTED: dict[str, dict[str, object] | None] = {
    "altid.vcf": {"full_name": "altid", "notes_start": "RFC6350 requires N"},
    "category.vcf": {
        "full_name": "contact with category",
        "email": "foo@example.org",
        "tags": ("bar",),
    },
    "contact1.vcf": {
        "full_name": "second contact",
        "email": "user@example.com",
        "phone": "+33123456789",
    },
    "contact2.vcf": {"full_name": "third contact"},
    "individual.vcf": {"full_name": "Wile E. Coyote", "company": "ACME Inc."},
    "issue249.vcf": {"full_name": "Foo Bar"},
    "joe.vcf": {"full_name": "Joe Citizen", "email": "jcitizen@foo.com"},
    "korean-c.vcf": {"full_name": "최유림"},
    "korean-j.vcf": {"full_name": "전도훈"},
    "labels.vcf": {"full_name": "labeled guy", "company": "Test Inc"},
    "minimal.vcf": {"full_name": "minimal contact"},
    "nickname.vcf": {"full_name": "Michael Smith", "email": "ms@example.org"},
    "no-nickname.vcf": {"full_name": "Mike Jones", "email": "mj@example.org"},
    "org.vcf": None,
    "photov3.vcf": {"full_name": "with photo v3", "notes_start": "From the RFC"},
    "photov4.vcf": {"full_name": "with photo v4", "notes_start": "The RFC6350"},
    "post.vcf": {"full_name": "With post address"},
    "tel-value-uri.vcf": {
        "full_name": "bug 195",
        "phone": None,
        "notes": "Unrecognised phone (cell): 67545678",
    },
    "text-bday.vcf": {"full_name": "text birthday"},
    "unparsable.vcf": None,
}

OUTLOOK_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n"
    "ORG:Bosch;R&D\r\n"
    "TITLE:Ingenieur\r\n"
    "TEL;WORK;VOICE:+49 711 400 40990\r\n"
    "TEL;CELL:+49 151 23456789\r\n"
    "TEL;HOME;VOICE:12\r\n"
    "EMAIL;PREF;INTERNET:Juergen.Mueller@example.de\r\n"
    "EMAIL;INTERNET:jm@privat.example.de\r\n"
    "URL;WORK:http://www.linkedin.com/in/juergenmueller\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Met at the conference in Lyon, =\r\n"
    "very helpful; a =\r\n"
    "long line th=\r\n"
    "at is broken=0D=0ASecond line: caf=C3=A9\r\n"
    "PHOTO;TYPE=JPEG;ENCODING=BASE64:\r\n"
    " /9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYHDAoM\r\n"
    " CwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/\r\n"
    "\r\n"
    "X-MS-OL-DEFAULT-POSTAL-ADDRESS:0\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=89milie;Rousseau=\r\n"
    ";;;\r\n"
    "TEL;CELL;PREF:06 11 22 33 44\r\n"
    "NOTE:Lunch, Thursday; bring the deck\r\n"
    "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQEAYABgAAD\r\n"
    "CwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT\r\n"
    "\r\n"
    "END:VCARD\r\n"
)

APPLE_30 = (
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "PRODID:-//Apple Inc.//macOS 14.0//EN\n"
    "N:Dubois;Claire;;;\n"
    "FN:Claire Dubois\n"
    "ORG:Capgemini;Invent;\n"
    "TITLE:Engagement Manager\n"
    "item1.EMAIL;type=INTERNET;type=pref:claire.dubois@example.fr\n"
    "item2.EMAIL;type=INTERNET:claire@perso.example.fr\n"
    "item2.X-ABLabel:_$!<Other>!$_\n"
    "TEL;type=CELL;type=VOICE;type=pref:+33 6 12 34 56 78\n"
    "item3.TEL:+33 1 40 20 50 50\n"
    "item3.X-ABLabel:Bureau\n"
    "item4.URL;type=pref:https\\://www.linkedin.com/in/claire-dubois\n"
    "item4.X-ABLabel:LinkedIn\n"
    "item5.URL:http\\://example.com/blog\n"
    "item5.X-ABLabel:_$!<HomePage>!$_\n"
    "X-SOCIALPROFILE;type=linkedin:http://www.linkedin.com/in/claire-dubois\n"
    "NOTE:Client sponsor\\, Renault data-lake\\nMet in 2019\\; great, direct\n"
    "CATEGORIES:paris,consulting\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\n"
    " /2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDA\n"
    "X-ABUID:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE:ABPerson\n"
    "END:VCARD\n"
)

VCARD_40 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "KIND:individual\r\n"
    "FN:Mehdi El Amrani\r\n"
    "N:El Amrani;Mehdi;;;\r\n"
    "ORG:Attijariwafa Bank\r\n"
    "TITLE:Lead Engineer\r\n"
    'TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+212-6-62-98-76-54\r\n'
    "TEL;VALUE=uri;TYPE=work:tel:+212-5-22-00-00-00;ext=12\r\n"
    "EMAIL;TYPE=work:mehdi@example.ma\r\n"
    "URL:https://ma.linkedin.com/in/MehdiElAmrani/\r\n"
    "NOTE:Same squad\\, payments platform.\\nLikes long calls\\; call after 6pm.\r\n"
    "  And a folded tail.\r\n"
    "CATEGORIES:casablanca,payments\r\n"
    "PHOTO:data:image/png;base64\\,iVBORw0KGgoAAAANSUhEUgAAAAsAAAALCAQAAAADpb+tAA\r\n"
    " AAQklEQVQI122PQQ4AMAjCKv//Mzs4M0zmRYKkamEwWQVoRJogk4PuRoOoMC/EK8nYb+l08\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "KIND:group\r\n"
    "FN:Casablanca friends\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "EMAIL:someone@example.com\r\n"
    "END:VCARD\r\n"
)


def read(tmp_path: Path, text: str, settings: Settings, encoding: str = "utf-8") -> list[object]:
    path = tmp_path / "cards.vcf"
    path.write_bytes(text.encode(encoding))
    parsed = read_import(path, settings)
    return [*parsed.contacts, *parsed.skipped]


@needs_khard
def test_every_khard_fixture_is_known() -> None:
    assert sorted(path.name for path in KHARD.glob("*.vcf")) == sorted(KHARD_EXPECTED)


@needs_khard
@pytest.mark.parametrize("name", sorted(KHARD_EXPECTED))
def test_khard_fixture(name: str, settings: Settings) -> None:
    path = KHARD / name
    if name == "unparsable.vcf":
        with pytest.raises(ImportRefused, match=r"line 1: .*no END:VCARD.*truncated"):
            read_import(path, settings)
        return
    assert detect_format(path) == "vcard"
    parsed = read_import(path, settings)
    expected = KHARD_EXPECTED[name]
    if expected is None:
        assert parsed.contacts == []
        assert [item.reason for item in parsed.skipped] == ["an organisation's card, not a person"]
        return
    (person,) = parsed.contacts
    for field, value in expected.items():
        if field == "notes_start":
            assert person.notes is not None and person.notes.startswith(str(value))
            assert "iVBOR" not in person.notes  # photos never leak into the notes
        else:
            assert getattr(person, field) == value, field


@needs_khard
def test_khard_cards_import_once(database: Database, settings: Settings) -> None:
    total = 0
    for path in sorted(KHARD.glob("*.vcf")):
        if path.name == "unparsable.vcf":
            continue
        report = import_contacts(database, read_import(path, settings), settings)
        total += report.added
    assert total == len([value for value in KHARD_EXPECTED.values() if value is not None])
    for path in sorted(KHARD.glob("*.vcf")):
        if path.name != "unparsable.vcf":
            assert import_contacts(database, read_import(path, settings), settings).added == 0


@needs_khard
def test_truncated_khard_card_changes_nothing(
    demo_database: Database, db_path: Path, settings: Settings
) -> None:
    before = dump(demo_database)
    with pytest.raises(ImportRefused):
        read_import(KHARD / "unparsable.vcf", settings)
    assert dump(demo_database) == before


def test_outlook_21_quoted_printable(tmp_path: Path, settings: Settings) -> None:
    juergen, emilie = read(tmp_path, OUTLOOK_21, settings)
    assert isinstance(juergen, IncomingContact) and isinstance(emilie, IncomingContact)
    assert juergen.full_name == "Jürgen Müller"
    assert (juergen.company, juergen.title) == ("Bosch", "Ingenieur")
    assert juergen.phone == "+4915123456789"  # no preferred number: the mobile one
    assert juergen.email == "juergen.mueller@example.de"  # the preferred address
    assert juergen.linkedin_url == "https://www.linkedin.com/in/juergenmueller"
    assert juergen.notes == (
        "Met at the conference in Lyon, very helpful; a long line that is broken\n"
        "Second line: café\n"
        "\n"
        "Department: R&D\n"
        "Other phone (work): +49 711 400 40990\n"
        "Unrecognised phone (home): 12\n"
        "Other e-mail: jm@privat.example.de"
    )
    # N with a soft line break, no FN: the name is built from N.
    assert emilie.full_name == "Rousseau Émilie"
    assert emilie.phone == "+33611223344"
    assert emilie.notes == "Lunch, Thursday; bring the deck"


def test_21_file_in_windows_1252(tmp_path: Path, settings: Settings) -> None:
    text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lefèvre;Hélène\r\nFN:Hélène Lefèvre\r\nEND:VCARD\r\n"
    (person,) = read(tmp_path, text, settings, encoding="cp1252")
    assert isinstance(person, IncomingContact)
    assert person.full_name == "Hélène Lefèvre"


def test_apple_30_labels_groups_and_escapes(tmp_path: Path, settings: Settings) -> None:
    (claire,) = read(tmp_path, APPLE_30, settings)
    assert isinstance(claire, IncomingContact)
    assert claire.full_name == "Claire Dubois"
    assert (claire.company, claire.title) == ("Capgemini", "Engagement Manager")
    assert claire.phone == "+33612345678"
    assert claire.email == "claire.dubois@example.fr"
    assert claire.linkedin_url == "https://www.linkedin.com/in/claire-dubois"
    assert claire.tags == ("consulting", "paris")
    assert claire.notes == (
        "Client sponsor, Renault data-lake\n"
        "Met in 2019; great, direct\n"
        "\n"
        "Department: Invent\n"
        "Other phone (Bureau): +33 1 40 20 50 50\n"
        "Other e-mail (Other): claire@perso.example.fr\n"
        "Web (HomePage): http://example.com/blog"
    )


def test_40_uri_phones_kinds_and_nameless_cards(tmp_path: Path, settings: Settings) -> None:
    mehdi, group, nameless = read(tmp_path, VCARD_40, settings)
    assert isinstance(mehdi, IncomingContact)
    assert mehdi.phone == "+212662987654"
    assert mehdi.email == "mehdi@example.ma"
    assert mehdi.linkedin_url == "https://www.linkedin.com/in/mehdielamrani"
    assert mehdi.tags == ("casablanca", "payments")
    assert mehdi.notes is not None
    assert mehdi.notes.startswith(
        "Same squad, payments platform.\nLikes long calls; call after 6pm. And a folded tail."
    )
    assert "+212-5-22-00-00-00" in mehdi.notes
    assert "iVBOR" not in mehdi.notes
    assert str(group) == "card 2 (line 18): a contact group, not a person"
    assert str(nameless) == "card 3 (line 23): no name"


def test_french_notes_wording(tmp_path: Path) -> None:
    (claire,) = read(tmp_path, APPLE_30, Settings(language="fr"))
    assert isinstance(claire, IncomingContact) and claire.notes is not None
    assert "Service: Invent" in claire.notes
    assert "Autre téléphone (Bureau): +33 1 40 20 50 50" in claire.notes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bob\n",
            r"line 5: the card that starts here has no END:VCARD",
        ),
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nthis line has no colon\nEND:VCARD\n",
            r"line 4: not a vCard property",
        ),
        ("FN:Ann\nBEGIN:VCARD\nFN:Bob\nEND:VCARD\n", r"line 1: not a vCard file"),
        ("BEGIN:VCARD\nFN:Ann\nEND:VCARD\nEND:VCARD\n", r"line 4: END:VCARD without BEGIN"),
    ],
)
def test_broken_files_are_refused_whole_and_change_nothing(
    demo_database: Database,
    db_path: Path,
    settings: Settings,
    tmp_path: Path,
    text: str,
    message: str,
) -> None:
    before = dump(demo_database)
    path = tmp_path / "broken.vcf"
    path.write_text(text)
    with pytest.raises(ImportRefused, match=message):
        read_import(path, settings, "vcard")
    assert dump(demo_database) == before


def test_built_files_import_and_reimport(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "all.vcf"
    path.write_text(OUTLOOK_21 + APPLE_30 + VCARD_40)
    first = import_contacts(database, read_import(path, settings), settings)
    assert (first.added, len(first.skipped)) == (4, 2)
    again = import_contacts(database, read_import(path, settings), settings)
    assert (again.added, again.merged, again.unchanged) == (0, 0, 4)
    stored = {contact.full_name: tags for contact, tags in stored_contacts(database)}
    assert stored["Claire Dubois"] == ["consulting", "paris"]


def test_linkedin_then_vcard_fills_the_same_person(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    csv_path = tmp_path / "Connections.csv"
    csv_path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Claire,Dubois,https://www.linkedin.com/in/claire-dubois,,Capgemini,,1 Feb 2019\n"
    )
    import_contacts(database, read_import(csv_path, settings), settings)
    vcf = tmp_path / "claire.vcf"
    vcf.write_text(APPLE_30)
    report = import_contacts(database, read_import(vcf, settings), settings)
    assert (report.added, report.merged) == (0, 1)
    ((claire, tags),) = stored_contacts(database)
    assert claire.phone == "+33612345678"
    assert claire.title == "Engagement Manager"
    assert claire.connected_on == date(2019, 2, 1)
    assert tags == ["consulting", "paris"]
    assert "consulting" in claire.search_text


def test_utf16_file_from_a_windows_address_book(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "windows.vcf"
    path.write_bytes(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEND:VCARD\r\n".encode("utf-16")
    )
    (person,) = read_import(path, settings).contacts
    assert person.full_name == "Zoë Ångström"
