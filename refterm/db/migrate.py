"""Alembic upgrades, loaded only when the stored revision is not the head (it costs ~0.3 s)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from refterm.db.backup import backup_file
from refterm.db.engine import IMMEDIATE


def alembic_config() -> object:
    """Alembic's config pointing at the migrations shipped in this package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "refterm.db:migrations")  # untranslated: a path
    return config


def _free_backup_name(path: Path, revision: str) -> Path:
    candidate = path.with_name(f"{path.name}.before-{revision}.bak")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.before-{revision}.{number}.bak")
    return candidate


def upgrade_to_head(engine: Engine, path: Path, backup: bool) -> Path | None:
    """Back up an existing file, then upgrade it in one transaction."""
    from alembic import command

    from refterm.db.schema import HEAD

    backup_path = _free_backup_name(path, HEAD) if backup else None
    if backup_path is not None:
        backup_file(path, backup_path)
    config = alembic_config()
    with engine.connect() as connection:
        # Foreign keys off while tables may be rebuilt; the pragma only works outside a transaction.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        connection.info[IMMEDIATE] = True
        try:
            with connection.begin():
                config.attributes["connection"] = connection  # type: ignore[attr-defined]
                command.upgrade(config, "head")  # type: ignore[arg-type]
        finally:
            connection.info.pop(IMMEDIATE, None)
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
    return backup_path


def upgrade_engine(engine: Engine) -> None:
    """Upgrade a PostgreSQL database in one transaction (its DDL is transactional too).

    No file copy beforehand: an administrator backs a server database up with pg_dump.
    """
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection  # type: ignore[attr-defined]
        command.upgrade(config, "head")  # type: ignore[arg-type]
