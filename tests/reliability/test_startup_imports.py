"""What start-up loads: nothing the first screen or command does not need."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from refterm.db.database import Database
from tests.support import TODAY

# Loaded only when used: migrations, templates, vCards, phone numbers.
LATE = ("alembic", "jinja2", "vobject", "phonenumbers")
PROBE = """
import atexit, json, sys

@atexit.register
def report():
    sys.stderr.write("MODULES " + json.dumps(sorted(sys.modules)) + "\\n")

from refterm.cli.main import main
main(sys.argv[1:])
"""


def loaded_by(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    return {name.split(".")[0] for name in json.loads(line.removeprefix("MODULES "))}


@pytest.fixture
def current_db(tmp_path: Path) -> Path:
    path = tmp_path / "refterm.db"
    Database.open(path).dispose()
    return path


@pytest.mark.parametrize(
    "command", [["today"], ["today", "--json"], ["contact", "list", "--json"], ["locate"]]
)
def test_everyday_commands_load_no_late_modules(current_db: Path, command: list[str]) -> None:
    loaded = loaded_by("--db", str(current_db), "--today", TODAY.isoformat(), *command)
    assert "refterm" in loaded and "click" in loaded  # the probe saw the real work
    assert sorted(loaded & {*LATE, "textual"}) == []


def test_migrating_loads_alembic_only_then(tmp_path: Path) -> None:
    """The control: a new file is migrated, and that is when Alembic loads."""
    loaded = loaded_by("--db", str(tmp_path / "new.db"), "--today", TODAY.isoformat(), "today")
    assert "alembic" in loaded


def test_the_tui_and_its_first_screen_load_no_late_modules() -> None:
    statement = (
        "import json, sys, refterm.app, refterm.screens.today, refterm.core.agenda;"
        "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", statement], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = {name.split(".")[0] for name in json.loads(result.stdout)}
    assert "textual" in loaded
    assert sorted(loaded & set(LATE)) == []
    # The first screen is read with plain sqlite3; the ORM loads after it is painted.
    assert sorted(loaded & {"sqlalchemy", "sqlmodel", "pydantic"}) == []
