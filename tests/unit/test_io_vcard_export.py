"""vCard 4.0 export: well-formed cards that our own importer (and vobject) read back whole."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from refterm.config import Settings
from refterm.core.contacts import archive_contact, clean_tags, list_all
from refterm.db.database import Database
from refterm.io.vcard import read_vcard
from refterm.io.vcard_export import contact_card, export_vcard, fold_line
from refterm.model.records import ContactRecord
from refterm.model.text import clean_line, clean_multiline

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
FIELDS = ("company", "title", "email", "phone", "linkedin_url", "notes", "relationship")


def test_demo_network_round_trips(demo_database: Database, settings: Settings) -> None:
    text, count = export_vcard(demo_database)
    assert count == len(list_all(demo_database)) == text.count("BEGIN:VCARD")
    parsed = read_vcard(Path("export.vcf"), text, settings)
    assert parsed.skipped == []
    stored = {contact.full_name: (contact, tags) for contact, tags in list_all(demo_database)}
    assert len(parsed.contacts) == len(stored)
    for person in parsed.contacts:
        contact, tags = stored[person.full_name]
        for field in (*FIELDS, "how_we_met"):
            assert getattr(person, field) == getattr(contact, field), (person.full_name, field)
        assert list(person.tags) == tags


def test_cards_are_crlf_and_folded_at_75_octets(demo_database: Database) -> None:
    text, _ = export_vcard(demo_database)
    assert text.endswith("END:VCARD\r\n")
    for line in text.split("\r\n"):
        assert "\n" not in line
        assert len(line.encode("utf-8")) <= 75
    first = text.split("END:VCARD")[0]
    assert first.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:")
    assert "\r\nFN:" in first and "\r\nN:" in first


def test_archived_contacts_are_left_out(demo_database: Database) -> None:
    (first, _), *_ = list_all(demo_database)
    archive_contact(demo_database, first.id or 0)
    text, count = export_vcard(demo_database)
    assert count == len(list_all(demo_database))
    assert f"FN:{first.full_name}\r\n" not in text


def test_folding_never_splits_a_character() -> None:
    line = "NOTE:" + "é" * 100
    folded = fold_line(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert pieces[0] + "".join(piece[1:] for piece in pieces[1:]) == line


def test_a_card_reads_back_in_vobject(settings: Settings) -> None:
    import vobject

    contact = ContactRecord(
        id=7,
        full_name="Anne-Marie de La Tour",
        company="Acme; Sons, Ltd",
        notes="first line\nsecond, with comma; and semicolon \\ backslash",
        phone="+33612345678",
        created_at=NOW,
        updated_at=NOW,
    )
    card = vobject.readOne(contact_card(contact, ["paris", "a,b"]))
    assert card.fn.value == "Anne-Marie de La Tour"
    assert card.n.value.given == "Anne-Marie" and card.n.value.family == "de La Tour"
    assert card.org.value == ["Acme; Sons, Ltd"]
    assert card.note.value == contact.notes
    assert card.categories.value == ["paris", "a,b"]
    assert card.version.value == "4.0"


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@hypothesis_settings(max_examples=150, deadline=None)
@given(name=TEXT, company=TEXT, title=TEXT, notes=TEXT, how=TEXT, tags=st.lists(TEXT, max_size=3))
def test_any_text_survives_the_vcard_round_trip(
    name: str, company: str, title: str, notes: str, how: str, tags: list[str]
) -> None:
    # What the forms store (the documented cleaning), exported and read back unchanged.
    full_name = clean_line(name)[:200].strip() or "x"
    contact = ContactRecord(
        id=1,
        full_name=full_name,
        company=clean_line(company) or None,
        title=clean_line(title) or None,
        notes=clean_multiline(notes) or None,
        how_we_met=clean_line(how) or None,
        created_at=NOW,
        updated_at=NOW,
    )
    cleaned_tags = list(clean_tags(tags))
    parsed = read_vcard(Path("one.vcf"), contact_card(contact, cleaned_tags), Settings())
    (person,) = parsed.contacts
    assert person.full_name == contact.full_name
    assert person.company == contact.company
    assert person.title == contact.title
    assert person.notes == contact.notes
    assert person.how_we_met == contact.how_we_met
    assert list(person.tags) == cleaned_tags
