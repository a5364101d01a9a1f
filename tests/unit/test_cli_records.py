"""The command line: happy paths, JSON shapes, and bad input (message, exit code, no write)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from refterm.cli.main import cli
from tests.support import TODAY, dump, run


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


def test_demo_then_today_json_has_every_section(db: Path) -> None:
    assert run(db, "demo").exit_code == 0
    result = run(db, "today", "--json")
    assert result.exit_code == 0, result.output
    agenda = json.loads(result.stdout)
    assert agenda["today"] == TODAY.isoformat()
    sections = [
        "references_to_brief",
        "follow_ups",
        "asks_to_make",
        "thanks_owed",
        "owes_recommendation",
        "return_asks",
        "changed_jobs",
        "going_cold",
    ]
    assert list(agenda["totals"]) == sections
    people = agenda["people"]
    ids = [person["contact_id"] for person in people]
    assert len(ids) == len(set(ids)), "each person appears once"
    for key in sections:
        listed = [person for person in people if person["section"] == key]
        assert listed, key
        assert agenda["totals"][key] == len(listed)
    for person in people:
        assert {"contact", "company", "contact_id", "section", "reasons"} <= set(person)
        assert person["reasons"][0]["section"] == person["section"]
        assert all({"section", "reason", "ask_id", "due_on"} <= set(r) for r in person["reasons"])
    # Sarah Mitchell is due a follow-up and owes a recommendation: one entry, both reasons.
    sarah = next(person for person in people if person["contact"] == "Sarah Mitchell")
    assert [r["section"] for r in sarah["reasons"]] == ["follow_ups", "owes_recommendation"]


def test_today_table_is_readable(db: Path) -> None:
    run(db, "demo")
    result = run(db, "today")
    assert "Follow up today (" in result.stdout
    assert "Owes me a recommendation (" in result.stdout


def test_demo_refuses_a_database_with_contacts(db: Path) -> None:
    run(db, "contact", "add", "Ann Lee")
    result = run(db, "demo")
    assert result.exit_code == 2
    assert "already holds contacts" in result.stderr


def test_contact_add_and_list_json(db: Path) -> None:
    result = run(
        db,
        "contact",
        "add",
        "[bold]Ann[/] Lee",
        "--company",
        "Acme",
        "--email",
        "Ann@X.io",
        "--phone",
        "06 12 34 56 78",
        "--relationship",
        "manager",
        "--lang",
        "fr",
        "--cadence",
        "30",
        "--tag",
        "paris",
        "--tag",
        "data",
    )
    assert result.exit_code == 0, result.output
    listed = json.loads(run(db, "contact", "list", "--json").stdout)
    assert len(listed) == 1
    ann = listed[0]
    assert ann["full_name"] == "[bold]Ann[/] Lee"
    assert (ann["email"], ann["phone"], ann["language"]) == ("ann@x.io", "+33612345678", "fr")
    assert (ann["relationship"], ann["keep_in_touch_days"]) == ("manager", 30)
    assert ann["tags"] == ["data", "paris"]
    assert json.loads(run(db, "contact", "list", "--search", "nobody", "--json").stdout) == []


def test_ask_and_log_by_name(db: Path) -> None:
    run(db, "contact", "add", "Élodie Martin")
    result = run(
        db,
        "ask",
        "add",
        "elodie",
        "--kind",
        "recommendation",
        "--status",
        "asked",
        "--asked-on",
        "2026-11-01",
        "--platform",
        "linkedin",
    )
    assert result.exit_code == 0, result.output
    result = run(
        db,
        "log",
        "ELODIE MARTIN",
        "--channel",
        "call",
        "--outcome",
        "agreed",
        "--ask",
        "1",
        "--summary",
        "Happy to",
    )
    assert result.exit_code == 0, result.output
    agenda = json.loads(run(db, "today", "--json").stdout)
    owing = [p["contact"] for p in agenda["people"] if p["section"] == "owes_recommendation"]
    assert owing == ["Élodie Martin"]


def test_profile_set_and_show(db: Path) -> None:
    assert run(db, "profile", "--name", "Amine K", "--lang", "fr").exit_code == 0
    shown = json.loads(run(db, "profile", "--json").stdout)
    assert (shown["name"], shown["language"]) == ("Amine K", "fr")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["contact", "add", "   "], "a name is required"),
        (["contact", "add", "Ann", "--email", "not-an-email"], "not an e-mail address"),
        (["contact", "add", "Ann", "--phone", "12"], "phone"),
        (["ask", "add", "Nobody Here", "--kind", "reference"], "no contact matches"),
        (["log", "Ann", "--channel", "call", "--on", "someday"], "is not a date"),
        (["log", "Ann", "--channel", "fax"], "fax"),
        (["ask", "add", "Ann", "--kind", "reference", "--status", "received"], "received"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_writes_nothing(
    db: Path, args: list[str], message: str
) -> None:
    run(db, "contact", "add", "Ann Lee")
    before = dump(db)
    result = run(db, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert dump(db) == before


def test_ambiguous_name_lists_the_candidates(db: Path) -> None:
    run(db, "contact", "add", "Ann Lee")
    run(db, "contact", "add", "Ann Smith")
    result = run(db, "log", "ann", "--channel", "call")
    assert result.exit_code == 2
    assert "Ann Lee" in result.stderr and "Ann Smith" in result.stderr


def test_bad_today_is_refused() -> None:
    result = CliRunner().invoke(cli, ["--today", "26/11/2026", "today"])
    assert result.exit_code == 2
    assert "--today" in result.stderr


def test_unusable_database_path_is_one_line_exit_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run(blocker / "refterm.db", "today")
    assert result.exit_code == 1
    assert result.stderr.startswith("refterm: cannot create the database")
    assert "Traceback" not in result.output


def test_env_variables_choose_database_and_today(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    env = {"REFTERM_DB": str(db), "REFTERM_TODAY": "2026-01-02"}
    result = CliRunner().invoke(cli, ["today", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["today"] == "2026-01-02"
    assert db.exists()


def test_backup_and_locate(db: Path, tmp_path: Path) -> None:
    run(db, "contact", "add", "Ann Lee")
    result = run(db, "backup", str(tmp_path))
    assert result.exit_code == 0, result.output
    copy = tmp_path / f"cli-{TODAY}.db"
    assert copy.exists()
    connection = sqlite3.connect(copy)
    assert connection.execute("SELECT full_name FROM contact").fetchall() == [("Ann Lee",)]
    connection.close()
    assert run(db, "backup", str(tmp_path)).exit_code == 2  # never overwrites
    located = run(db, "locate").stdout
    assert str(db) in located and "config.toml" in located


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "refterm", "--db", str(tmp_path / "x.db"), "contact", "add", ""],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "refterm: NAME: a name is required"
