"""Shared fixtures: a real SQLite file in tmp_path, default settings, a fixed today.

Alembic runs once per test session (per xdist worker): each test gets a plain copy of a migrated
template file, opened as a `Database` the way the CLI and the app open theirs.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.db.database import Database
from tests.support import TODAY

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _template(path: Path, demo: bool) -> Path:
    """A migrated database file (with the demo network when asked), checkpointed to one file."""
    database = Database.open(path)
    if demo:
        from refterm.core.demo import load_demo

        load_demo(database, TODAY)
    database.dispose()
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return path


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _template(tmp_path_factory.mktemp("template") / "refterm.db", demo=False)


@pytest.fixture(scope="session")
def demo_template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _template(tmp_path_factory.mktemp("demo-template") / "refterm.db", demo=True)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "refterm.db"


def _opened_copy(template: Path, path: Path) -> Iterator[Database]:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(template, path)
    path.chmod(0o600)
    database = Database.open(path)
    yield database
    database.dispose()


@pytest.fixture
def database(template_db: Path, db_path: Path) -> Iterator[Database]:
    """An empty database at the schema's head (a copy of the session's migrated template)."""
    yield from _opened_copy(template_db, db_path)


@pytest.fixture
def demo_database(demo_template_db: Path, db_path: Path) -> Iterator[Database]:
    """The demo network loaded for TODAY (a copy of the session's demo template)."""
    yield from _opened_copy(demo_template_db, db_path)


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read the developer's own config or templates, nor their database."""
    config = tmp_path / "config"
    monkeypatch.setenv("REFTERM_CONFIG_DIR", str(config))
    monkeypatch.setenv("REFTERM_DB", str(tmp_path / "default" / "refterm.db"))
    monkeypatch.delenv("REFTERM_TODAY", raising=False)
    return config
