"""Issue 10 item 9: text typed in NFC or NFD is one text; old rows are brought to NFC."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

from click.testing import CliRunner

from refterm.cli.main import cli
from refterm.db.database import Database
from refterm.db.schema import HEAD
from tests.reliability.helpers import TODAY, rows, scalar

NAME_NFC = unicodedata.normalize("NFC", "Élodie Martin")
NAME_NFD = unicodedata.normalize("NFD", "Élodie Martin")
TAG_NFC = unicodedata.normalize("NFC", "équipe")
TAG_NFD = unicodedata.normalize("NFD", "équipe")


def run(db: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), "--today", TODAY.isoformat(), *args])
    assert result.exit_code == 0, result.output + result.stderr


def test_twins_typed_in_nfc_and_nfd_are_stored_the_same(tmp_path: Path) -> None:
    assert NAME_NFC != NAME_NFD
    db = tmp_path / "refterm.db"
    run(db, "contact", "add", NAME_NFC, "--tag", TAG_NFC, "--company", "Société")
    # The same name typed another way is refused as a twin: --anyway stores it again.
    refused = CliRunner().invoke(cli, ["--db", str(db), "contact", "add", NAME_NFD])
    assert refused.exit_code == 2 and "(same name)" in refused.stderr
    run(db, "contact", "add", NAME_NFD, "--tag", TAG_NFD, "--company", "Socie\u0301te\u0301",
        "--anyway")  # fmt: skip
    assert rows(db, "tag") == [(1, TAG_NFC)]
    names = {row[0] for row in rows_of(db, "SELECT full_name FROM contact")}
    companies = {row[0] for row in rows_of(db, "SELECT company FROM contact")}
    assert names == {NAME_NFC}
    assert companies == {"Société"}
    found = CliRunner().invoke(cli, ["--db", str(db), "contact", "list", "--search", NAME_NFD])
    assert found.output.count(NAME_NFC) == 2


def rows_of(db: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_migration_brings_old_rows_to_nfc_and_merges_twin_tags(tmp_path: Path) -> None:
    from alembic import command

    from refterm.db.engine import make_engine
    from refterm.db.migrate import alembic_config

    db = tmp_path / "refterm.db"
    # A database as refterm 0.1.0 left it (revision 0002), with NFD spellings and twin tags.
    engine = make_engine(db)
    config = alembic_config()
    with engine.begin() as migrating:
        config.attributes["connection"] = migrating  # type: ignore[attr-defined]
        command.upgrade(config, "0002")  # type: ignore[arg-type]
    engine.dispose()
    stamp = "2026-01-01 00:00:00"
    connection = sqlite3.connect(db)
    with connection:
        connection.execute(
            "INSERT INTO contact (id, full_name, sort_key, search_text, notes, created_at,"
            " updated_at) VALUES (1, ?, 'elodie martin', 'elodie martin', ?, ?, ?),"
            " (2, 'Bob', 'bob', 'bob', NULL, ?, ?)",
            (NAME_NFD, f"{TAG_NFD}\nsecond line", stamp, stamp, stamp, stamp),
        )
        connection.execute(
            "INSERT INTO tag (id, name) VALUES (1, 'paris'), (2, ?), (3, ?)", (TAG_NFC, TAG_NFD)
        )
        connection.execute(
            "INSERT INTO contact_tag (contact_id, tag_id)"
            " VALUES (1, 1), (2, 1), (1, 2), (1, 3), (2, 3)"
        )
    connection.close()

    Database.open(db).dispose()

    assert scalar(db, "SELECT version_num FROM alembic_version") == HEAD
    assert rows(db, "tag") == [(1, "paris"), (2, TAG_NFC)]
    links = sorted(rows_of(db, "SELECT contact_id, tag_id FROM contact_tag"))
    assert links == [(1, 1), (1, 2), (2, 1), (2, 2)]
    assert rows_of(db, "SELECT full_name, notes FROM contact WHERE id = 1") == [
        (NAME_NFC, f"{TAG_NFC}\nsecond line")
    ]
    assert rows_of(db, "PRAGMA foreign_key_check") == []
    assert scalar(db, "PRAGMA integrity_check") == "ok"
