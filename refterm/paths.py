"""Where refterm keeps its files (platformdirs), with the overrides users can set."""

from __future__ import annotations

import os
import re
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
    return config_dir() / "config.toml"  # untranslated: a file name


def user_templates_dir() -> Path:
    return config_dir() / "templates"


# A database is a file path, or a PostgreSQL URL (kept as text).
DatabaseTarget = Path | str
_URL_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")
_PASSWORD_PARAMETER = re.compile(r"(password=)[^&\s]*", re.IGNORECASE)


def is_database_url(text: str) -> bool:
    """Whether --db / REFTERM_DB names a PostgreSQL database rather than a file."""
    return text.strip().lower().startswith(_URL_SCHEMES)


def mask_url(text: str) -> str:
    """`text` with any password in a URL (user:secret@ or password=secret) replaced by ***."""
    return _PASSWORD_PARAMETER.sub(r"\1***", _PASSWORD.sub(r"\1***@", text))


def describe_target(target: DatabaseTarget) -> str:
    """How messages name a database: its path, or its URL without the password."""
    return mask_url(target) if isinstance(target, str) else str(target)


def database_target(text: str) -> DatabaseTarget:
    return text.strip() if is_database_url(text) else Path(text).expanduser()


def default_db_path(option: str | None = None) -> DatabaseTarget:
    """--db, else REFTERM_DB, else the platform data folder (a path, or a PostgreSQL URL)."""
    if option:
        return database_target(option)
    if os.environ.get(DB_ENV):
        return database_target(os.environ[DB_ENV])
    return data_dir() / "refterm.db"  # untranslated: a file name
