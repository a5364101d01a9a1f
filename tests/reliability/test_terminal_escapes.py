"""Issue 10 item 2: no byte from a file reaches the terminal; messages show escapes visibly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from refterm.db.database import Database
from refterm.errors import ImportRefused, TemplateFailed
from refterm.model.display import safe_text
from refterm.screens.import_dialog import ImportDialog
from tests.reliability.helpers import TODAY, refterm
from tests.ui.helpers import SIZE, build_app, open_mode, settle, widget_text

# Sets the terminal clipboard to a command, renames the window, clears the screen.
OSC52 = "\x1b]52;c;cm0gLXJmIH4K\x07"
TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
BIDI = "\u202e"
PAYLOAD = f"{OSC52}{TITLE}{CLEAR}{BIDI}\x9b31m"
RAW = ("\x1b", "\x07", "\x9b", BIDI)


def assert_no_raw_control(text: str) -> None:
    for char in RAW:
        assert char not in text, f"{char!r} reached the terminal: {text!r}"


def hostile_backup(path: Path) -> Path:
    from refterm.db.schema import HEAD

    document = {
        "format": "refterm-backup",
        "format_version": 1,
        "schema_revision": HEAD,
        "exported_at": "2026-11-26T12:00:00+00:00",
        "tables": {"contact": [{"id": 1, "full_name": "Ada", PAYLOAD: "x"}]},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_safe_text_shows_controls_as_visible_escapes_and_leaves_text_alone() -> None:
    assert safe_text(PAYLOAD) == (
        "\\x1b]52;c;cm0gLXJmIH4K\\x07\\x1b]0;pwned\\x07\\x1b[2J<U+202E>\\x9b31m"
    )
    ordinary = "Élodie Ñúñez — « bonjour » ✓ 日本 مرحبا"
    assert safe_text(ordinary) == ordinary
    assert safe_text("a\nb\tc") == "a\\nb\\tc"
    assert safe_text("a\r\nb\tc\x1b", multiline=True) == "a\nb\tc\\x1b"
    assert safe_text(safe_text(PAYLOAD)) == safe_text(PAYLOAD)


def test_every_refterm_error_message_is_safe_to_show() -> None:
    error = ImportRefused(f"backup.json: unknown columns {PAYLOAD}")
    assert_no_raw_control(error.message)
    assert_no_raw_control(str(error))
    assert "\\x1b]52" in error.message


def test_cli_import_of_a_crafted_backup_prints_no_escape(tmp_path: Path) -> None:
    backup = hostile_backup(tmp_path / "backup.json")
    result = refterm("--db", str(tmp_path / "refterm.db"), "import", "json", str(backup))
    assert result.returncode == 2
    assert_no_raw_control(result.stderr + result.stdout)
    assert "unknown columns \\x1b]52;c;" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_vcard_and_csv_errors_quote_lines_safely(tmp_path: Path) -> None:
    card = tmp_path / "book.vcf"
    card.write_text(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n{PAYLOAD} no colon here\nEND:VCARD\n", "utf-8"
    )
    csv = tmp_path / "Connections.csv"
    csv.write_text(f"First Name,Last Name,{PAYLOAD}\nAda,Lovelace,x\n", "utf-8")
    db = str(tmp_path / "refterm.db")
    for kind, path in (("vcard", card), ("linkedin", csv)):
        result = refterm("--db", db, "--today", TODAY.isoformat(), "import", kind, str(path))
        assert_no_raw_control(result.stderr + result.stdout)


def test_an_argument_holding_escapes_is_echoed_safely(tmp_path: Path) -> None:
    db = str(tmp_path / "refterm.db")
    result = refterm("--db", db, "--today", TODAY.isoformat(), "contact", "list", "--bogus" + OSC52)
    assert result.returncode == 2
    assert_no_raw_control(result.stderr)
    result = refterm("--db", db, "--today", TODAY.isoformat(), "script", "Nobody" + TITLE)
    assert_no_raw_control(result.stderr)


def test_a_user_template_cannot_print_escapes(tmp_path: Path) -> None:
    from refterm.core.templating import environment, render

    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "evil.j2").write_text(f"Hello {{{{ name }}}} {OSC52}\nbye", "utf-8")
    environment.cache_clear()
    text = render("en/evil.j2", {"name": "Ada"}, tmp_path)
    assert_no_raw_control(text)
    assert text == "Hello Ada \\x1b]52;c;cm0gLXJmIH4K\\x07\nbye"
    (tmp_path / "en" / "broken.j2").write_text("{{ 1 / 0 }}" + TITLE, "utf-8")
    with pytest.raises(TemplateFailed) as failed:
        render("en/broken.j2", {}, tmp_path)
    assert_no_raw_control(failed.value.message)


async def test_tui_import_dialog_shows_a_crafted_backup_error_safely(
    database: Database, today: date, tmp_path: Path
) -> None:
    backup = hostile_backup(tmp_path / "backup.json")
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#import-path", Input).value = str(backup)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        shown = widget_text(app)
        assert "unknown columns" in shown
        assert_no_raw_control(shown)
        for note in app._notifications:
            assert_no_raw_control(str(note.message))
