"""A database at the first schema revision upgrades to head: every row kept, a backup beside it."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from alembic import command

from refterm.db.database import Database
from refterm.db.engine import make_engine
from refterm.db.migrate import alembic_config
from refterm.db.schema import HEAD, REVISIONS
from tests.reliability.helpers import TABLES, refterm, scalar
from tests.support import TODAY

FIRST = REVISIONS[0]
STAMP = "2025-03-01 12:00:00.000000"

# Text that the upgrade's derived columns must fold, and markup that must stay as typed.
CONTACTS = (
    (1, "Élodie Ñúñez", "Société Générale", "Directrice", "manager", "élodie@example.fr"),
    (2, "[b]Ann[/b] O'Neil", "Acme [/]", None, "colleague", None),
    (3, "محمد العلوي", "OCP", "مهندس", "client", None),
    (4, "Zoë ZWJ 👩\u200d💻", None, "Dev", None, None),
    (5, "archived person", "Old Co", None, "other", None),
)
TAGS = ((1, "paris"), (2, "données"))
CONTACT_TAGS = ((1, 1), (1, 2), (2, 2))
ASKS = (
    (1, 1, "recommendation", "linkedin", "Head of Data", None, "received", "2025-01-10", 2),
    (2, 1, "reference", "phone", "CTO", "call first", "agreed", "2025-02-01", 1),
    (3, 3, "recommendation", "viadeo", None, None, "asked", "2025-02-20", 1),
)
INTERACTIONS = (
    (1, 1, 1, "2025-01-10", "call", "reached", "asked"),
    (2, 1, None, "2025-02-15", "meeting", None, "coffee"),
    (3, 1, 2, "2025-02-01", "call", "agreed", None),
    (4, 3, 3, "2025-02-20", "email", None, "[@click=app.quit]x[/]"),
)
REFERENCE_USES = ((1, 2, "Decathlon", "Head of Data", "2025-02-10", None),)
PROFILE = (1, "Amine Kettani", "Data lead", "amine@example.com", "+33612345670", "Paris", "CTO")


def fold(value: str) -> str:
    """The expected sort/search key, written out here rather than imported from the code."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def make_first_revision_database(path: Path) -> None:
    """A file migrated only to the first revision, with rows in every table."""
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as migrating:
        config.attributes["connection"] = migrating  # type: ignore[attr-defined]
        command.upgrade(config, FIRST)  # type: ignore[arg-type]
    engine.dispose()
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO contact (id, full_name, company, title, relationship, email, notes,"
            " keep_in_touch_days, created_at, updated_at, archived_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'a note\nover two lines', 90, ?, ?, ?)",
            [(*row, STAMP, STAMP, STAMP if row[0] == 5 else None) for row in CONTACTS],
        )
        connection.executemany("INSERT INTO tag (id, name) VALUES (?, ?)", TAGS)
        connection.executemany(
            "INSERT INTO contact_tag (contact_id, tag_id) VALUES (?, ?)", CONTACT_TAGS
        )
        connection.executemany(
            "INSERT INTO ask (id, contact_id, kind, platform, purpose, talking_points, status,"
            " asked_on, times_asked, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            f" '{STAMP}', '{STAMP}')",
            ASKS,
        )
        connection.executemany(
            "INSERT INTO interaction (id, contact_id, ask_id, occurred_on, channel, outcome,"
            f" summary, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '{STAMP}')",
            INTERACTIONS,
        )
        connection.executemany(
            "INSERT INTO reference_use (id, ask_id, company, role, shared_on, briefed_on,"
            f" created_at) VALUES (?, ?, ?, ?, ?, ?, '{STAMP}')",
            REFERENCE_USES,
        )
        connection.execute(
            "INSERT INTO profile (id, name, headline, email, phone, city, target_roles)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            PROFILE,
        )
    connection.close()
    assert scalar(path, "SELECT version_num FROM alembic_version") == FIRST


ADDED_LATER = {"known_since", "connected_on", "greeting_name", "formality", "civility",
               "search_status", "hidden", "source_key", "direction", "version"}  # fmt: skip


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in the columns the first revision had."""
    connection = sqlite3.connect(path)
    try:
        result = {}
        for table in TABLES:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            if table == "contact":
                columns = [c for c in columns if c not in DERIVED]
            # Columns added by later revisions (0005, 0010) with their own defaults.
            columns = [c for c in columns if c not in ADDED_LATER]
            listed = ", ".join(columns)
            result[table] = connection.execute(
                f"SELECT {listed} FROM {table} ORDER BY rowid"
            ).fetchall()
        return result
    finally:
        connection.close()


DERIVED = ("sort_key", "search_text", "last_contacted_on")


@pytest.fixture
def old_database(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "refterm.db"
    path.parent.mkdir()
    make_first_revision_database(path)
    return path


def test_first_revision_upgrades_with_every_row_intact(old_database: Path) -> None:
    before = snapshot(old_database)
    assert all(before[table] for table in TABLES), "the fixture must fill every table"
    database = Database.open(old_database)
    database.dispose()
    assert scalar(old_database, "SELECT version_num FROM alembic_version") == HEAD
    assert snapshot(old_database) == before
    # 0009: asks kept are shown (not hidden) and not imported (no source key).
    assert scalar(old_database, "SELECT count(*) FROM ask WHERE hidden = 0") == len(before["ask"])
    assert scalar(old_database, "SELECT count(*) FROM ask WHERE source_key IS NULL") == len(
        before["ask"]
    )
    assert scalar(old_database, "PRAGMA integrity_check") == "ok"
    connection = sqlite3.connect(old_database)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        derived = {
            row[0]: row[1:]
            for row in connection.execute(
                "SELECT id, sort_key, search_text, last_contacted_on FROM contact"
            )
        }
    finally:
        connection.close()
    tags = {1: ["paris", "données"], 2: ["données"]}
    latest = {1: "2025-02-15", 3: "2025-02-20"}
    for contact_id, name, company, title, _relationship, _email in CONTACTS:
        sort_key, search_text, last_contacted_on = derived[contact_id]
        assert sort_key == fold(name)
        for part in (name, company, title, "a note", *tags.get(contact_id, [])):
            if part:
                assert fold(part) in search_text
        assert last_contacted_on == latest.get(contact_id)


def test_upgrade_writes_a_backup_of_the_old_file_first(old_database: Path) -> None:
    before = snapshot(old_database)
    Database.open(old_database).dispose()
    backups = sorted(old_database.parent.glob("*.bak"))
    assert [item.name for item in backups] == [f"refterm.db.before-{HEAD}.bak"]
    backup = backups[0]
    assert scalar(backup, "SELECT version_num FROM alembic_version") == FIRST
    assert scalar(backup, "PRAGMA integrity_check") == "ok"
    assert snapshot(backup) == before
    assert backup.stat().st_mode & 0o077 == 0
    # Opening again at head takes no further backup.
    Database.open(old_database).dispose()
    assert sorted(old_database.parent.glob("*.bak")) == backups


def test_cli_upgrades_and_finds_old_contacts_by_folded_name(old_database: Path) -> None:
    result = refterm(
        "--db",
        str(old_database),
        "--today",
        TODAY.isoformat(),
        "contact",
        "list",
        "--search",
        "ELODIE NUNEZ",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [item["full_name"] for item in found] == ["Élodie Ñúñez"]
    assert found[0]["tags"] == ["données", "paris"]
    assert found[0]["last_contacted_on"] == "2025-02-15"
    marked = refterm("--db", str(old_database), "contact", "list", "--json")
    names = {item["full_name"] for item in json.loads(marked.stdout)}
    assert "[b]Ann[/b] O'Neil" in names
