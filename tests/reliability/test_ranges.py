"""Issue 10 item 7: one range policy for dates and numbers, at every door."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from refterm.config import parse_settings
from refterm.core.dates import parse_user_date
from refterm.core.validate import check_cadence
from refterm.errors import ConfigError
from tests.reliability.helpers import TODAY, assert_refused, refterm, scalar


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
@pytest.mark.parametrize("command", [["today"], []], ids=["today", "the TUI"])
def test_today_out_of_range_is_one_clear_line(tmp_path: Path, day: str, command: list[str]) -> None:
    result = refterm("--db", str(tmp_path / "refterm.db"), "--today", day, *command, timeout=60)
    assert_refused(result, "--today", "1900-01-01", usage=True)


@pytest.fixture(scope="module")
def exported_backup(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real `refterm export json` of one contact and one ask, made once for the module."""
    db = str(tmp_path_factory.mktemp("ranges") / "source.db")
    for args in (
        ["contact", "add", "Ada Lovelace", "--cadence", "30"],
        ["ask", "add", "Ada Lovelace", "--kind", "reference", "--status", "asked"],
    ):
        done = refterm("--db", db, "--today", TODAY.isoformat(), *args)
        assert done.returncode == 0, done.stderr
    exported = refterm("--db", db, "--today", TODAY.isoformat(), "export", "json")
    assert exported.returncode == 0, exported.stderr
    return exported.stdout


@pytest.fixture
def backup(exported_backup: str) -> dict[str, Any]:
    """That backup as a fresh document each test may alter."""
    document: dict[str, Any] = json.loads(exported_backup)
    return document


def _set(table: str, column: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["tables"][table][0][column] = value

    return change


CHANGES = {
    "negative cadence": (_set("contact", "keep_in_touch_days", -5), "keep-in-touch days"),
    "huge cadence": (_set("contact", "keep_in_touch_days", 10**6), "keep-in-touch days"),
    "negative times asked": (_set("ask", "times_asked", -1), "times asked"),
    "year-1 instant with an offset": (
        _set("contact", "created_at", "0001-01-01T00:00:00+05:00"),
        "created_at",
    ),
    "year-1 date": (_set("contact", "last_contacted_on", "0001-01-01"), "1900-01-01"),
    "id past SQLite's integers": (_set("contact", "id", 2**70), "id"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_json_restore_refuses_out_of_range_values_in_one_line(
    backup: dict[str, Any], tmp_path: Path, change: str
) -> None:
    alter, phrase = CHANGES[change]
    alter(backup)
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(backup), encoding="utf-8")
    target = tmp_path / "target.db"
    result = refterm("--db", str(target), "--today", TODAY.isoformat(), "import", "json", str(path))
    assert_refused(result, phrase)
    assert result.returncode == 2
    assert not target.exists() or scalar(target, "SELECT COUNT(*) FROM sqlite_master") == 0


def test_forms_and_cli_hold_the_same_ranges(tmp_path: Path) -> None:
    for typed in ("0001-01-01", "1899-12-31"):
        with pytest.raises(ValueError, match="1900-01-01"):
            parse_user_date(typed, TODAY)
    for days in ("-5", "0", "3651"):
        with pytest.raises(ValueError, match="1 to 3650"):
            check_cadence(days)
    assert check_cadence("3650") == 3650
    db = str(tmp_path / "refterm.db")
    result = refterm(
        "--db", db, "--today", TODAY.isoformat(), "contact", "add", "Ada", "--cadence", "-5"
    )
    assert_refused(result, "--cadence", "1 to 3650")
    result = refterm(
        "--db",
        db,
        "--today",
        TODAY.isoformat(),
        "log",
        "Ada",
        "--channel",
        "call",
        "--on",
        "0001-01-01",
    )
    assert_refused(result)


@pytest.mark.parametrize(
    "data",
    [
        {"follow_up_days": -5},
        {"retry_days": 0},
        {"cadence": {"manager": -5}},
        {"retry_days": 10**9},
    ],
)
def test_config_holds_the_same_ranges(data: dict[str, Any]) -> None:
    with pytest.raises(ConfigError, match="1 to 3650"):
        parse_settings(data, "config.toml")
