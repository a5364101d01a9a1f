"""Shared fixtures: a real SQLite file in tmp_path, default settings, a fixed today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from refterm.config import Settings
from refterm.db.engine import open_database

TODAY = date(2026, 11, 26)
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "refterm.db"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    engine = open_database(db_path)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_engine(engine: Engine) -> Engine:
    """The demo network loaded for TODAY."""
    from refterm.core.demo import load_demo

    load_demo(engine, TODAY)
    return engine


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read the developer's own config or templates, nor their database."""
    config = tmp_path / "config"
    monkeypatch.setenv("REFTERM_CONFIG_DIR", str(config))
    monkeypatch.setenv("REFTERM_DB", str(tmp_path / "default" / "refterm.db"))
    monkeypatch.delenv("REFTERM_TODAY", raising=False)
    return config
