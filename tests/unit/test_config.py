"""config.toml: defaults, accepted values, and refusals that name the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from refterm.config import Settings, load_settings
from refterm.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "absent.toml")
    assert settings == Settings()
    assert settings.cadence_for("manager") == 90
    assert settings.cadence_for("friend") is None


def test_values_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'language = "fr"\nphone_region = "ma"\nfollow_up_days = 10\nretry_days = 2\n'
        'clipboard = "osc52"\n[cadence]\nfriend = 30\nmanager = 0\n',
    )
    settings = load_settings(path)
    assert (settings.language, settings.phone_region) == ("fr", "MA")
    assert (settings.follow_up_days, settings.retry_days, settings.clipboard) == (10, 2, "osc52")
    assert settings.cadence_for("friend") == 30
    assert settings.cadence_for("manager") is None  # 0 switches a default off
    assert settings.source == path


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("language = 'de'", "language"),
        ("follow_up_days = 0", "follow_up_days"),
        ("follow_up_days = 'soon'", "follow_up_days"),
        ("retry_days = true", "retry_days"),
        ("phone_region = 'France'", "phone_region"),
        ("clipboard = 'magic'", "clipboard"),
        ("[cadence]\nboss = 30", "cadence.boss"),
        ("colour = 'red'", "colour"),
        ("language = ", "not valid TOML"),
    ],
)
def test_bad_values_name_the_key_and_the_file(tmp_path: Path, text: str, names: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert names in caught.value.message
    assert str(path) in caught.value.message
