"""Opening the database: pragmas, file modes, schema revision, and refusals that touch nothing."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from refterm.db.database import Database
from refterm.db.schema import HEAD, REVISIONS
from refterm.errors import DatabaseRefused


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.sqlite_only
def test_new_database_is_wal_private_and_migrated(database: Database, db_path: Path) -> None:
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert revision == HEAD
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700


@pytest.mark.sqlite_only
def test_reopening_current_database_needs_no_upgrade(database: Database, db_path: Path) -> None:
    database.dispose()
    again = Database.open(db_path)
    again.dispose()
    assert not list(db_path.parent.glob("*.bak"))


def test_foreign_keys_are_enforced(database: Database) -> None:
    with database.engine.connect() as connection, pytest.raises(Exception, match="(?i)foreign key"):
        connection.execute(
            text(
                "INSERT INTO ask (contact_id, kind, status, times_asked, created_at, updated_at)"
                " VALUES (999, 'reference', 'planned', 0, '2026-01-01', '2026-01-01')"
            )
        )


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some notes\n" * 20)
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="not an SQLite file"):
        Database.open(path)
    assert digest(path) == before


def test_other_application_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="another application"):
        Database.open(path)
    assert digest(path) == before


@pytest.mark.sqlite_only
def test_newer_schema_is_refused_untouched(database: Database, db_path: Path) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.dispose()
    before = digest(db_path)
    with pytest.raises(DatabaseRefused, match="newer refterm"):
        Database.open(db_path)
    assert digest(db_path) == before


def test_impossible_path_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseRefused, match="cannot create the database"):
        Database.open(blocker / "sub" / "refterm.db")
    with pytest.raises(DatabaseRefused, match="is a folder"):
        Database.open(tmp_path)


def test_revisions_match_alembic_scripts() -> None:
    from alembic.script import ScriptDirectory

    from refterm.db.migrate import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    assert scripts.get_current_head() == HEAD
    walked = [revision.revision for revision in scripts.walk_revisions()]
    assert list(reversed(walked)) == list(REVISIONS)


def test_migrations_produce_exactly_the_models_schema(database: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from refterm.db.search import is_search_index

    def models_only(name: str | None, type_: str, _parent: object) -> bool:
        # The FTS5 tables (pg_trgm's index) are made by migration 0004, not by a model.
        return not (type_ in ("table", "index") and is_search_index(name))

    options = {"include_name": models_only}
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts=options)
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []
