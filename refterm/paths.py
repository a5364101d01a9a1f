"""Where refterm keeps its files (platformdirs), with the overrides users can set."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "refterm"
DB_ENV = "REFTERM_DB"
CONFIG_ENV = "REFTERM_CONFIG_DIR"


def data_dir() -> Path:
    """Folder for the database (not created here)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME))


def config_dir() -> Path:
    """Folder for config.toml and user templates; REFTERM_CONFIG_DIR overrides it."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME))


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_templates_dir() -> Path:
    return config_dir() / "templates"


def default_db_path(option: str | None = None) -> Path:
    """--db, else REFTERM_DB, else the platform data folder."""
    if option:
        return Path(option).expanduser()
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    return data_dir() / "refterm.db"
