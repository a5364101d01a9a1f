"""What every command shares: the database, settings and today, opened lazily."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import click

from refterm import paths
from refterm.config import Settings, load_settings

if TYPE_CHECKING:
    from refterm.db.database import Database


@dataclass
class CliState:
    """Global options; the database and settings are built on first use, once."""

    db_path: paths.DatabaseTarget  # a file, or a PostgreSQL URL
    today: date
    debug: bool = False
    _settings: Settings | None = field(default=None, repr=False)
    _database: Database | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(paths.config_file())
        return self._settings

    @property
    def database(self) -> Database:
        if self._database is None:
            from refterm.db.database import Database

            self._database = Database.open(self.db_path)
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None


pass_state = click.make_pass_decorator(CliState)
