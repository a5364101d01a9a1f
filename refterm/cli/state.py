"""What every command shares: the database, settings and today, opened lazily."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from refterm import paths
from refterm.config import Settings, load_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass
class CliState:
    """Global options; the engine and settings are built on first use, once."""

    db_path: Path
    today: date
    debug: bool = False
    _settings: Settings | None = field(default=None, repr=False)
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(paths.config_file())
        return self._settings

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from refterm.db.engine import open_database

            self._engine = open_database(self.db_path)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


pass_state = click.make_pass_decorator(CliState)
