"""The FTS5 trigram filter returns exactly what `LIKE '%word%'` returns, on hostile text too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from refterm.config import Settings
from refterm.core.contacts import (
    ContactForm,
    archive_contact,
    contact_form,
    create_contact,
    list_all,
    resolve_contact,
    update_contact,
    validate,
)
from refterm.db.contacts import count_contacts, list_contacts
from refterm.db.database import Database
from refterm.db.session import reading
from refterm.errors import NotFound
from refterm.io.importer import import_contacts, read_import
from refterm.model.text import fold
from refterm.model.vocab import ContactSort

# Accents, markup-looking text, CJK, emoji, LIKE wildcards, FTS5 syntax, quotes, long notes.
CORPUS: tuple[tuple[str, dict[str, object]], ...] = (
    ("Élodie Martin", {"company": "Société Générale", "title": "Directrice", "tags": ["paris"]}),
    ("Elodie Martins", {"company": "Capgemini", "notes": "Met at the INSA alumni dinner"}),
    ("Jürgen Müller", {"company": "SAP", "title": "Architekt"}),
    ("Ñúñez Ibáñez", {"company": "Telefónica", "tags": ["madrid", "telecom"]}),
    ("Ségolène Dœuf", {"company": "Œuvres & Cie", "title": "Cheffe de projet"}),
    ("[bold]Boss[/bold] Man", {"company": "[red]Acme[/]", "notes": "<script>alert(1)</script>"}),
    ("Markup [link=x]Lee[/link]", {"company": "Globex [/]", "title": "$var ${x}"}),
    ("王伟", {"company": "华为技术有限公司", "title": "工程师"}),
    ("田中 太郎", {"company": "株式会社トヨタ", "tags": ["東京"]}),
    ("김민준", {"company": "삼성전자", "title": "연구원"}),
    ("Anna 👩‍💻 Kowalska", {"company": "🚀 Rocket Labs", "tags": ["🎸"]}),
    ("Percent 100%", {"company": "Under_Score Ltd", "title": "a\\b back\\slash"}),
    ('Quote "The Boss" Near', {"company": "AND OR NOT", "title": "NEAR(a b) *star*"}),
    ("James O'Connor", {"company": "Stripe", "title": "Engineering Manager"}),
    ("Al Li", {"company": "Ng & Co", "title": "QA"}),
    ("Yasmine Benali", {"company": "OCP Group", "notes": "Line one\nLine two: références"}),
    ("Karim Benjelloun", {"company": "Inwi", "tags": ["casablanca"]}),
    ("Ｆｕｌｌｗｉｄｔｈ Ｎａｍｅ", {"company": "ﬁne ligatures ℡"}),
    # Every trigram of "martin" (mar, art, rti, tin) but not the word: the index alone would
    # offer this contact for "martin"; the LIKE check must not.
    ("Omar Artie", {"company": "Tintin Co"}),
)
QUERIES = (
    "martin", "MARTIN", "élodie", "elodie martin", "martin élodie", "muller", "Müller", "jürg",
    "nunez", "ñúñ", "dœuf", "oeuf", "oeuvres", "[bold]", "[/", "bold]boss", "<script>", "alert(1)",
    "[link=x]", "${x}", "王伟", "华为", "技术有", "トヨタ", "株式会社", "東京", "김민준", "삼성",
    "👩‍💻", "🚀 rocket", "rocket 🚀", "🎸", "100%", "%", "_", "under_score", "\\", "back\\sl",
    '"the boss"', '"', "and or", "near(a", "*star*", "o'connor", "'", "ng &", "qa", "benjel",
    "benjelloun inwi", "casa benj", "références", "line two", "fullwidth", "ｆｕｌｌ", "fine",
    "tel",
    "al li", "ali", "zzz", "mart xyz", "par", "pari", "paris soc", "en", "e", "é", "m", "ma",
    "al", "k", "王", "김", "👩", "🚀", "[", "1", "b m", "e m", "  ", "", "ANNA", "kowal",
)  # fmt: skip


def add(database: Database, settings: Settings, name: str, fields: dict[str, object]) -> int:
    contact = create_contact(database, validate(ContactForm(full_name=name, **fields), settings))  # type: ignore[arg-type]
    assert contact.id is not None
    return contact.id


def like_reference(database: Database, search: str) -> list[int]:
    """The rule the index must keep, in plain SQL: every folded word inside the search text;
    one- or two-character queries: the folded name starts with them."""
    words = fold(search).split()
    with database.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT id, sort_key, search_text FROM contact WHERE archived_at IS NULL "
                "ORDER BY sort_key, id"
            )
        ).fetchall()
        if words and all(len(word) < 3 for word in words):
            return [row[0] for row in rows if row[1].startswith(" ".join(words))]
        kept = {row[0] for row in rows}
        # SQLite's LIKE, ASCII letters in either case: PostgreSQL spells it ILIKE.
        like = "ILIKE" if database.is_postgres else "LIKE"
        for word in words:
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            matching = connection.execute(
                text(f"SELECT id FROM contact WHERE search_text {like} :pattern ESCAPE '\\'"),
                {"pattern": "%" + escaped + "%"},
            ).fetchall()
            kept &= {row[0] for row in matching}
        return [row[0] for row in rows if row[0] in kept]


def filtered_ids(database: Database, search: str) -> tuple[list[int], int]:
    with reading(database) as session:
        contacts = list_contacts(session, search, ContactSort.NAME, 0, None)
        total = count_contacts(session, search)
    return [contact.id for contact in contacts if contact.id is not None], total


@pytest.fixture
def corpus(database: Database, settings: Settings) -> dict[str, int]:
    return {name: add(database, settings, name, fields) for name, fields in CORPUS}


def check_every_query(database: Database, db_path: Path) -> None:
    for query in QUERIES:
        expected = like_reference(database, query)
        found, total = filtered_ids(database, query)
        assert found == expected, query
        assert total == len(expected), query


def test_index_results_equal_like_results(
    database: Database, db_path: Path, corpus: dict[str, int]
) -> None:
    check_every_query(database, db_path)
    # The corpus really exercises both paths and finds the hostile texts.
    assert filtered_ids(database, "[bold]")[0] == [corpus["[bold]Boss[/bold] Man"]]
    assert filtered_ids(database, "华为技术")[0] == [corpus["王伟"]]
    assert filtered_ids(database, "🚀 rocket")[0] == [corpus["Anna 👩‍💻 Kowalska"]]
    assert filtered_ids(database, "100%")[0] == [corpus["Percent 100%"]]
    assert filtered_ids(database, "muller")[0] == [corpus["Jürgen Müller"]]
    assert corpus["Omar Artie"] not in filtered_ids(database, "martin")[0]


def test_every_substring_of_every_contact_finds_it(
    database: Database, db_path: Path, corpus: dict[str, int]
) -> None:
    with database.engine.connect() as connection:
        texts = connection.execute(text("SELECT id, search_text FROM contact")).fetchall()
    for contact_id, search_text in texts:
        for start in range(0, len(search_text), 3):
            for length in (3, 4, 7):
                piece = search_text[start : start + length]
                if len(piece) == length and piece.strip() == piece and " " not in piece:
                    found, _ = filtered_ids(database, piece)
                    assert contact_id in found, piece
                    assert found == like_reference(database, piece), piece


def test_index_follows_edits_tags_and_archiving(
    database: Database, db_path: Path, settings: Settings, corpus: dict[str, int]
) -> None:
    contact_id = corpus["Karim Benjelloun"]
    form = contact_form(database, contact_id)
    form.full_name, form.company, form.tags = "Karim Bennani", "Maroc Telecom", ["rabat"]
    update_contact(database, contact_id, validate(form, settings))
    assert filtered_ids(database, "benjelloun")[0] == []
    assert filtered_ids(database, "casablanca")[0] == []
    assert filtered_ids(database, "bennani rabat")[0] == [contact_id]
    assert filtered_ids(database, "maroc tel")[0] == [contact_id]
    archive_contact(database, corpus["Jürgen Müller"])
    assert filtered_ids(database, "müller")[0] == []
    check_every_query(database, db_path)


def test_index_follows_bulk_imports_and_their_merges(
    database: Database, db_path: Path, settings: Settings, tmp_path: Path, corpus: dict[str, int]
) -> None:
    csv_file = tmp_path / "Connections.csv"
    csv_file.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Zoé,Quintrand,https://www.linkedin.com/in/zoe-q,,Ubisoft,Level Designer,01 Jan 2024\n"
        "Élodie,Martin,,,Société Générale,Directrice Data,02 Feb 2023\n",
        encoding="utf-8",
    )
    report = import_contacts(database, read_import(csv_file, settings), settings)
    # Élodie Martin's new title updates her row (counted as a job change, not a merge).
    assert (report.added, report.merged, report.changed_jobs) == (1, 0, 1)
    assert len(filtered_ids(database, "martin directrice data")[0]) == 1
    assert len(filtered_ids(database, "quintrand ubisoft")[0]) == 1
    assert len(filtered_ids(database, "zoe level")[0]) == 1
    check_every_query(database, db_path)


@pytest.mark.sqlite_only
def test_integrity_check_of_the_index_passes_after_writes(
    database: Database, settings: Settings, corpus: dict[str, int]
) -> None:
    form = contact_form(database, corpus["王伟"])
    form.notes = "新的备注"
    update_contact(database, corpus["王伟"], validate(form, settings))
    with database.engine.begin() as connection:
        # FTS5 compares its index with the contact table and raises on any difference.
        connection.execute(
            text("INSERT INTO contact_fts (contact_fts, rank) VALUES ('integrity-check', 1)")
        )


def test_short_query_lists_names_starting_with_it(
    database: Database, corpus: dict[str, int]
) -> None:
    names = [contact.full_name for contact, _ in list_all(database, "e")]
    assert names == ["Élodie Martin", "Elodie Martins"]
    assert [contact.full_name for contact, _ in list_all(database, "Ma")] == [
        "Markup [link=x]Lee[/link]"
    ]
    assert [contact.full_name for contact, _ in list_all(database, "王")] == ["王伟"]


def test_contact_lookup_by_part_of_a_name_uses_the_index(
    database: Database, corpus: dict[str, int]
) -> None:
    assert resolve_contact(database, "benjel").id == corpus["Karim Benjelloun"]
    assert resolve_contact(database, "KOWALSKA").id == corpus["Anna 👩‍💻 Kowalska"]
    assert resolve_contact(database, "ñunez").id == corpus["Ñúñez Ibáñez"]
    assert resolve_contact(database, "王").id == corpus["王伟"]
    # The index holds companies too, yet CONTACT matches names only.
    with pytest.raises(NotFound):
        resolve_contact(database, "capgemini")


def test_upgrade_indexes_the_contacts_already_there(tmp_path: Path) -> None:
    from alembic import command

    from refterm.db.engine import make_engine
    from refterm.db.migrate import alembic_config

    path = tmp_path / "old.db"
    path.touch()
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection  # type: ignore[attr-defined]
        command.upgrade(config, "0002")  # type: ignore[arg-type]
        connection.execute(
            text(
                "INSERT INTO contact (full_name, sort_key, search_text, created_at, updated_at) "
                "VALUES ('Élodie Martin', 'elodie martin', 'elodie martin capgemini', "
                "'2026-01-01', '2026-01-01')"
            )
        )
    engine.dispose()
    upgraded = Database.open(path)
    try:
        assert filtered_ids(upgraded, "capgem")[0] == [1]
        with upgraded.engine.connect() as connection:
            triggers = connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            ).scalars()
            assert list(triggers) == [
                "contact_fts_after_delete",
                "contact_fts_after_insert",
                "contact_fts_after_update",
            ]
    finally:
        upgraded.dispose()


@pytest.mark.sqlite_only
def test_a_large_import_is_indexed_in_one_statement_and_the_trigger_comes_back(
    database: Database, db_path: Path, settings: Settings, tmp_path: Path, corpus: dict[str, int]
) -> None:
    from benchmarks.linkedin_file import connection_rows, write_connections
    from refterm.db.search import BULK_ROWS

    csv_file = tmp_path / "Connections.csv"
    write_connections(csv_file, connection_rows(BULK_ROWS + 100))
    report = import_contacts(database, read_import(csv_file, settings), settings)
    assert report.added == BULK_ROWS + 100
    with database.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO contact_fts (contact_fts, rank) VALUES ('integrity-check', 1)")
        )
        triggers = connection.execute(
            text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
        ).scalar()
    assert triggers == 3
    for query in ("000123", "benjelloun 0001", "quoted", "orange, sa", "data scientist"):
        found, total = filtered_ids(database, query)
        assert found == like_reference(database, query) and total == len(found), query
        assert found, query
    later = add(database, settings, "Zacharie Quintrand", {})
    assert filtered_ids(database, "quintrand")[0] == [later]


@pytest.mark.sqlite_only
def test_walking_the_name_index_gives_the_same_rows(
    database: Database, db_path: Path, corpus: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from refterm.db import search

    # Every indexed filter takes the path of a common name (many candidates).
    monkeypatch.setattr(search, "WALK_FROM", 0)
    with reading(database) as session:
        assert search.many_candidates(session.connection(), "martin")
    check_every_query(database, db_path)
    with reading(database) as session:
        page = list_contacts(session, "martin", ContactSort.NAME, 1, 1)
    assert [contact.full_name for contact in page] == ["Elodie Martins"]


def test_a_database_migrated_to_head_keeps_the_index_triggers(tmp_path: Path) -> None:
    # A later migration that rebuilds the contact table (batch mode) drops its triggers.
    database = Database.open(tmp_path / "fresh.db")
    with sqlite3.connect(database.path) as connection:
        triggers = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'contact'"
            )
        }
    assert triggers == {
        "contact_fts_after_insert",
        "contact_fts_after_delete",
        "contact_fts_after_update",
    }
    added = create_contact(database, validate(ContactForm(full_name="Ada Lovelace"), Settings()))
    assert filtered_ids(database, "lovelace") == ([added.id], 1)
    database.dispose()
