"""save_ui_language: one line of config.toml changes; comments, order and tables are kept."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from refterm.config import load_settings, save_ui_language
from refterm.errors import ConfigError


def test_an_existing_setting_is_replaced_where_it_is(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '# mine\nui_language = "en"  # was English\nlanguage = "fr"\n\n[cadence]\nfriend = 30\n',
        encoding="utf-8",
    )
    save_ui_language(config, "fr")
    assert config.read_text(encoding="utf-8") == (
        '# mine\nui_language = "fr"\nlanguage = "fr"\n\n[cadence]\nfriend = 30\n'
    )


def test_a_new_setting_goes_before_the_first_table(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "en"\n[cadence]\nfriend = 30\n', encoding="utf-8")
    save_ui_language(config, "fr")
    text = config.read_text(encoding="utf-8")
    assert text == 'language = "en"\nui_language = "fr"\n\n[cadence]\nfriend = 30\n'
    data = tomllib.loads(text)
    assert data["ui_language"] == "fr" and data["cadence"] == {"friend": 30}


def test_a_setting_inside_a_table_is_not_the_top_level_one(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[other]\nui_language = 3\n", encoding="utf-8")
    save_ui_language(config, "fr")
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    assert data == {"ui_language": "fr", "other": {"ui_language": 3}}


def test_a_missing_file_and_folder_are_created(tmp_path: Path) -> None:
    config = tmp_path / "new" / "config.toml"
    save_ui_language(config, "fr")
    assert config.read_text(encoding="utf-8") == 'ui_language = "fr"\n'
    assert load_settings(config).ui_language == "fr"


def test_a_last_line_without_newline_is_kept(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "fr"', encoding="utf-8")
    save_ui_language(config, "en")
    assert config.read_text(encoding="utf-8") == 'language = "fr"\nui_language = "en"\n'


def test_a_place_that_cannot_be_written_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        save_ui_language(blocker / "config.toml", "fr")
    message = raised.value.message
    assert "save the language" in message and "\n" not in message


def test_an_unknown_language_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        save_ui_language(tmp_path / "config.toml", "de")
