"""Settings from config.toml: defaults a user can change, each value checked."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refterm.errors import ConfigError
from refterm.model.i18n import UI_LANGUAGES, _, language_from_environment
from refterm.model.ranges import SETTING_DAYS, OutOfRange, check_whole
from refterm.model.vocab import Language, Relationship, choices

CLIPBOARD_MODES = ("auto", "system", "osc52", "none")
MAX_CONFIG_BYTES = 1024 * 1024

DEFAULT_CADENCE: dict[str, int] = {
    "manager": 90,
    "mentor": 60,
    "client": 90,
    "colleague": 120,
    "direct_report": 120,
    "partner": 120,
}


@dataclass(frozen=True)
class Settings:
    """What config.toml can set; every field has a sensible default."""

    language: str = "en"
    # The interface's language; None: from the locale (LC_ALL, LC_MESSAGES, LANG).
    ui_language: str | None = None
    phone_region: str = "FR"
    follow_up_days: int = 7
    retry_days: int = 3
    cadence_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_CADENCE))
    clipboard: str = "auto"
    source: Path | None = None

    def cadence_for(self, relationship: str | None) -> int | None:
        """Default keep-in-touch days for a relationship (none given: 'other'), or None."""
        return self.cadence_days.get(relationship or "other")


def _positive_int(raw: Any, key: str, where: str) -> int:
    try:
        return check_whole(raw, SETTING_DAYS, key)
    except OutOfRange as error:
        raise ConfigError(_("{where}: {error}").format(where=where, error=error)) from None


def parse_settings(data: dict[str, Any], where: str) -> Settings:
    """Check each known key; an unknown key or bad value names the key and the file."""
    known = {
        "language",
        "ui_language",
        "phone_region",
        "follow_up_days",
        "retry_days",
        "cadence",
        "clipboard",
    }
    for key in data:
        if key not in known:
            raise ConfigError(
                _("{where}: unknown key {key} (known: {known})").format(
                    where=where, key=repr(key), known=", ".join(sorted(known))
                )
            )
    values: dict[str, Any] = {}
    if "language" in data:
        if data["language"] not in choices(Language):
            raise ConfigError(
                _("{where}: language must be 'en' or 'fr', not {value}").format(
                    where=where, value=repr(data["language"])
                )
            )
        values["language"] = data["language"]
    if "ui_language" in data:
        if data["ui_language"] not in UI_LANGUAGES:
            raise ConfigError(
                _("{where}: ui_language must be 'en' or 'fr', not {value}").format(
                    where=where, value=repr(data["ui_language"])
                )
            )
        values["ui_language"] = data["ui_language"]
    if "phone_region" in data:
        region = data["phone_region"]
        if not isinstance(region, str) or len(region) != 2 or not region.isalpha():
            raise ConfigError(
                _(
                    "{where}: phone_region must be a two-letter country code like 'FR', not {value}"
                ).format(where=where, value=repr(region))
            )
        values["phone_region"] = region.upper()
    for key in ("follow_up_days", "retry_days"):
        if key in data:
            values[key] = _positive_int(data[key], key, where)
    if "cadence" in data:
        table = data["cadence"]
        if not isinstance(table, dict):
            raise ConfigError(
                _("{where}: cadence must be a table like [cadence] manager = 90").format(
                    where=where
                )
            )
        cadence = dict(DEFAULT_CADENCE)
        for relationship, days in table.items():
            if relationship not in choices(Relationship):
                raise ConfigError(
                    _("{where}: cadence.{key} is not a relationship ({known})").format(
                        where=where, key=relationship, known=", ".join(choices(Relationship))
                    )
                )
            if days == 0:
                cadence.pop(relationship, None)
                continue
            cadence[relationship] = _positive_int(days, f"cadence.{relationship}", where)
        values["cadence_days"] = cadence
    if "clipboard" in data:
        if data["clipboard"] not in CLIPBOARD_MODES:
            raise ConfigError(
                _("{where}: clipboard must be one of {known}, not {value}").format(
                    where=where, known=", ".join(CLIPBOARD_MODES), value=repr(data["clipboard"])
                )
            )
        values["clipboard"] = data["clipboard"]
    return Settings(**values)


def ui_language(option: str | None, settings: Settings, environ: Mapping[str, str]) -> str:
    """The interface's language: --ui-lang, else config.toml's ui_language, else the locale."""
    return option or settings.ui_language or language_from_environment(environ)


def load_settings(path: Path) -> Settings:
    """Read config.toml; a missing file means defaults, a broken one is refused."""
    from refterm.files import read_regular

    try:
        raw = read_regular(path, MAX_CONFIG_BYTES, _("configuration file"))
    except FileNotFoundError:
        return Settings(source=None)
    except ValueError as error:
        raise ConfigError(_("{where}: {error}").format(where=path, error=error)) from None
    except OSError as error:
        raise ConfigError(
            _("{where}: cannot read the configuration ({reason})").format(
                where=path, reason=error.strerror
            )
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(
            _("{where}: the configuration is not UTF-8 text").format(where=path)
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            _("{where}: not valid TOML ({error})").format(where=path, error=error)
        ) from None
    except RecursionError:
        raise ConfigError(
            _("{where}: the configuration nests tables or lists too deeply to read").format(
                where=path
            )
        ) from None
    settings = parse_settings(data, str(path))
    return Settings(**{**settings.__dict__, "source": path})


def save_ui_language(path: Path, language: str) -> None:
    """Set `ui_language = "<language>"` in config.toml, keeping every other line and comment.

    The line is replaced where it is, or added before the first [table] (top-level keys must
    come first in TOML); the file is written atomically. Raises ConfigError saying why not.
    """
    import os
    import re
    import stat

    from refterm.errors import RefTermError
    from refterm.files import read_regular, write_output
    from refterm.model.i18n import _

    if language not in UI_LANGUAGES:
        raise ValueError(f"unknown interface language {language!r}")
    setting = f'ui_language = "{language}"'
    try:
        text = read_regular(path, MAX_CONFIG_BYTES, _("configuration file")).decode("utf-8")
        private = not stat.S_IMODE(os.stat(path).st_mode) & 0o044
    except FileNotFoundError:
        text, private = "", True
    except (OSError, ValueError) as error:  # UnicodeDecodeError is a ValueError
        raise ConfigError(
            _("{path}: cannot read the configuration to save the language ({why})").format(
                path=path, why=getattr(error, "strerror", None) or error
            )
        ) from None
    lines = text.splitlines(keepends=True)
    first_table = next(
        (at for at, line in enumerate(lines) if re.match(r"\s*\[", line)), len(lines)
    )
    for at in range(first_table):
        if re.match(r"\s*ui_language\s*=", lines[at]):
            ending = "\n" if lines[at].endswith("\n") else ""
            lines[at] = setting + ending
            break
    else:
        at = first_table
        while at and not lines[at - 1].strip():
            at -= 1  # with the other top-level keys, above the blank lines before [table]
        if at and not lines[at - 1].endswith("\n"):
            lines[at - 1] += "\n"
        lines.insert(at, setting + "\n")
        if at + 1 < len(lines) and lines[at + 1].lstrip().startswith("["):
            lines.insert(at + 1, "\n")  # a blank line before the first [table]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_output(path, "".join(lines), private=private)
    except OSError as error:
        raise ConfigError(
            _("{path}: cannot save the language ({why})").format(path=path, why=error.strerror)
        ) from None
    except RefTermError as error:
        raise ConfigError(
            _("{path}: cannot save the language ({why})").format(path=path, why=error.message)
        ) from None
