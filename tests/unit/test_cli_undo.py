"""`refterm undo`: the last change, a change by number, the list; refusals in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import run


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "refterm.db"


def test_undo_the_last_change_then_the_one_before(db: Path) -> None:
    assert run(db, "contact", "add", "Omar Tazi").exit_code == 0
    assert run(db, "contact", "edit", "Omar Tazi", "--company", "Globex").exit_code == 0
    listed = run(db, "undo", "--list")
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    assert [line.split("  ")[-1] for line in lines] == ["Omar Tazi edited", "Omar Tazi added"]
    assert all(" UTC  cli  " in line for line in lines)
    undone = run(db, "undo")
    assert (undone.exit_code, undone.output) == (0, "undone: Omar Tazi edited\n")
    shown = run(db, "contact", "list")
    assert "Globex" not in shown.output and "Omar Tazi" in shown.output
    assert run(db, "undo").output == "undone: Omar Tazi added\n"
    nothing = run(db, "undo")
    assert (nothing.exit_code, nothing.stderr) == (1, "refterm: nothing to undo\n")
    assert run(db, "undo", "--list").output == "no changes to undo\n"


def test_undo_an_older_change_that_a_later_one_depends_on_is_refused(db: Path) -> None:
    run(db, "contact", "add", "Omar Tazi")
    run(db, "contact", "edit", "Omar Tazi", "--company", "Globex")
    added = run(db, "undo", "--list").output.splitlines()[-1].split()[0]
    refused = run(db, "undo", added)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "refterm: cannot undo 'Omar Tazi added': Omar Tazi was changed after it "
        "('Omar Tazi edited'); undo that first\n"
    )
    assert "Globex" in run(db, "contact", "list").output
    unknown = run(db, "undo", "999")
    assert unknown.stderr == "refterm: no change has id 999 (refterm undo --list shows them)\n"
