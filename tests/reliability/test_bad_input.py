"""Bad input at every door: each rejection says what was wrong, exits non-zero, changes nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from refterm.cli.main import cli
from tests.reliability.helpers import assert_refused, refterm
from tests.support import TODAY, dump

# (arguments after `--db X`, expected exit code, words the message must contain)
BAD_COMMANDS: dict[str, tuple[list[str], int, tuple[str, ...]]] = {
    "--today not a date": (["--today", "26/11/2026", "today"], 2, ("--today", "26/11/2026")),
    "--today impossible day": (["--today", "2026-02-30", "today"], 2, ("--today",)),
    "--today past the calendar": (
        # The last "today" allowed (issue 10 item 7), and a date typed past the calendar's end.
        ["--today", "9989-12-31", "log", "1", "--channel", "call", "--on", "+999w"],
        2,
        ("--on", "calendar"),
    ),
    "ask --follow-up not a date": (
        ["ask", "add", "1", "--kind", "reference", "--follow-up", "next tuesday"],
        2,
        ("--follow-up", "next tuesday"),
    ),
    "log --on not a date": (["log", "1", "--channel", "call", "--on", "2026-13-01"], 2, ("--on",)),
    "unknown contact id": (["log", "99999", "--channel", "call"], 2, ("99999",)),
    "unknown contact name": (["log", "Nobody Atall", "--channel", "call"], 2, ("Nobody Atall",)),
    "ambiguous name": (["log", "sam martin", "--channel", "call"], 2, ("Sam Martin", "Sam Martín")),
    "ask for unknown contact": (["ask", "add", "Nobody", "--kind", "reference"], 2, ("Nobody",)),
    "log about another contact's ask": (
        ["log", "1", "--channel", "call", "--ask", "99999"],
        2,
        ("99999",),
    ),
    "bad email": (["contact", "add", "Ann Lee", "--email", "ann@"], 2, ("email", "ann@")),
    "bad phone": (["contact", "add", "Ann Lee", "--phone", "12"], 2, ("phone",)),
    "phone letters": (["contact", "add", "Ann Lee", "--phone", "call me"], 2, ("phone",)),
    "bad linkedin": (["contact", "add", "Ann Lee", "--linkedin", "not a url"], 2, ("linkedin",)),
    "unknown relationship": (
        ["contact", "add", "Ann Lee", "--relationship", "boss"],
        2,
        ("relationship", "boss"),
    ),
    "cadence zero": (["contact", "add", "Ann Lee", "--cadence", "0"], 2, ("3650",)),
    "cadence not a number": (["contact", "add", "Ann Lee", "--cadence", "often"], 2, ("often",)),
    "empty name": (["contact", "add", "   "], 2, ("name is required",)),
    "unknown kind": (["ask", "add", "1", "--kind", "job"], 2, ("kind", "job")),
    "unknown status": (
        ["ask", "add", "1", "--kind", "reference", "--status", "maybe"],
        2,
        ("maybe",),
    ),
    "received reference": (
        ["ask", "add", "1", "--kind", "reference", "--status", "received"],
        2,
        ("reference",),
    ),
    "unknown channel": (["log", "1", "--channel", "pigeon"], 2, ("pigeon",)),
    "unknown outcome": (["log", "1", "--channel", "call", "--outcome", "maybe"], 2, ("maybe",)),
    "call back without a date": (
        ["log", "1", "--channel", "call", "--outcome", "call_back"],
        2,
        ("call back",),
    ),
    "agreed without an ask": (
        ["log", "1", "--channel", "call", "--outcome", "agreed"],
        2,
        ("ask",),
    ),
    "profile bad email": (["profile", "--email", "me at home"], 2, ("email",)),
    "profile unknown language": (["profile", "--lang", "de"], 2, ("de",)),
    "demo into a full database": (["demo"], 2, ("already holds contacts",)),
    "unknown template": (["script", "1", "--template", "poem"], 2, ("poem",)),
    "unknown command": (["contacts", "list"], 2, ("contacts",)),
}


def run(db: Path, *args: str) -> Result:
    arguments = ["--db", str(db), *args]
    if not any(arg == "--today" for arg in args):
        arguments = ["--db", str(db), "--today", TODAY.isoformat(), *args]
    return CliRunner().invoke(cli, arguments)


def assert_rejected(result: Result, code: int, phrases: tuple[str, ...]) -> None:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stdout == ""
    message = " ".join(result.stderr.split())
    assert "unexpected error" not in message
    for phrase in phrases:
        assert phrase.lower() in message.lower(), message


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo network, plus two contacts whose names differ only by an accent."""
    db = tmp_path_factory.mktemp("bad-input") / "refterm.db"
    assert run(db, "demo").exit_code == 0
    assert run(db, "contact", "add", "Sam Martin", "--company", "Thales").exit_code == 0
    added = run(db, "contact", "add", "Sam Martín", "--company", "Airbus", "--anyway")
    assert added.exit_code == 0, added.output
    return db


@pytest.fixture
def db(seeded_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "refterm.db"
    shutil.copy(seeded_template, path)
    return path


@pytest.mark.parametrize("case", list(BAD_COMMANDS))
def test_bad_command_line_is_rejected_and_writes_nothing(db: Path, case: str) -> None:
    args, code, phrases = BAD_COMMANDS[case]
    before = dump(db)
    assert_rejected(run(db, *args), code, phrases)
    assert dump(db) == before


def test_ambiguous_name_lists_every_candidate_with_its_id(db: Path) -> None:
    result = run(db, "ask", "add", "sam", "--kind", "reference")
    assert result.exit_code == 2
    # Every line reads "contact 19  Sam Martin ...", as the ambiguity message names them.
    ids = [
        line.split()[1]
        for line in run(db, "contact", "list", "--search", "sam").stdout.splitlines()
    ]
    assert len(ids) >= 2
    for contact_id in ids:
        assert f"contact {contact_id} " in result.stderr


# The configuration file: (content, words the message must contain besides the file's path).
BAD_CONFIGS: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "not TOML": (b"language = \n", ("not valid TOML",)),
    "unclosed table": (b"[cadence\nmanager = 3\n", ("not valid TOML",)),
    "not UTF-8": (b"language = '\xff\xfe'\n", ("UTF-8",)),
    "unknown key": (b"langauge = 'fr'\n", ("langauge",)),
    "bad language": (b"language = 'de'\n", ("language", "'de'")),
    "bad region": (b"phone_region = 'France'\n", ("phone_region", "France")),
    "zero follow-up": (b"follow_up_days = 0\n", ("follow_up_days",)),
    "text follow-up": (b"follow_up_days = '7'\n", ("follow_up_days", "'7'")),
    "boolean retry": (b"retry_days = true\n", ("retry_days",)),
    "cadence not a table": (b"cadence = 90\n", ("cadence",)),
    "cadence bad relationship": (b"[cadence]\nboss = 30\n", ("cadence.boss",)),
    "cadence too long": (b"[cadence]\nmanager = 99999\n", ("cadence.manager",)),
    "bad clipboard": (b"clipboard = 'carrier pigeon'\n", ("clipboard",)),
}


@pytest.mark.parametrize("case", list(BAD_CONFIGS))
@pytest.mark.parametrize("command", [["today"], ["contact", "add", "Ann Lee"]])
def test_bad_config_is_refused_naming_key_and_file(
    db: Path, isolated_config: Path, case: str, command: list[str]
) -> None:
    content, phrases = BAD_CONFIGS[case]
    isolated_config.mkdir(parents=True, exist_ok=True)
    config = isolated_config / "config.toml"
    config.write_bytes(content)
    before = dump(db)
    assert_rejected(run(db, *command), 2, (str(config), *phrases))
    assert dump(db) == before


def test_config_that_is_a_folder_is_refused(db: Path, isolated_config: Path) -> None:
    (isolated_config / "config.toml").mkdir(parents=True)
    assert_rejected(run(db, "today"), 2, (str(isolated_config / "config.toml"),))


# User template files that cannot be used: (content, words the message must contain).
BAD_TEMPLATES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "syntax error": (b"Hello {{ contact.first_name }}\n{% if %}\n", ("syntax", "line 2")),
    "unclosed block": (b"{% for x in contact.tags %}\n{{ x }}\n", ("syntax",)),
    "unknown variable": (b"Hello {{ contact.nickname }}\n", ("nickname",)),
    "sandbox escape": (b"{{ contact.__class__.__mro__[1].__subclasses__() }}\n", ("__class__",)),
    "runtime error": (b"Hi\n{{ 1 // 0 }}\n", ("ZeroDivisionError",)),
    "empty output": (b"{# nothing at all #}\n", ("no text",)),
    "not UTF-8": (b"Bonjour \xe9\xff {{ contact.full_name }}\n", ("decode",)),
}


@pytest.mark.parametrize("case", list(BAD_TEMPLATES))
def test_bad_user_template_is_refused_naming_the_file(
    db: Path, isolated_config: Path, case: str
) -> None:
    content, phrases = BAD_TEMPLATES[case]
    folder = isolated_config / "templates" / "en"
    folder.mkdir(parents=True)
    (folder / "keep_in_touch.j2").write_bytes(content)
    before = dump(db)
    result = run(db, "script", "1", "--template", "keep_in_touch", "--lang", "en")
    assert result.exit_code == 1, result.output
    assert_rejected(result, 1, ("keep_in_touch.j2", *phrases))
    assert dump(db) == before


def test_good_user_template_is_used(db: Path, isolated_config: Path) -> None:
    """The control for the cases above: a valid user copy renders, with the user's text."""
    folder = isolated_config / "templates" / "en"
    folder.mkdir(parents=True)
    (folder / "keep_in_touch.j2").write_text("Coffee soon, {{ contact.first_name }}?\n")
    result = run(db, "script", "1", "--template", "keep_in_touch", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Coffee soon, Yasmine?"


# A few of the same through a real process: a message, exit 2, no traceback, nothing written.
# (arguments after `--db X`, whether click reports it as a usage error, words in the message)
REAL_PROCESS_CASES: dict[str, tuple[list[str], bool, tuple[str, ...]]] = {
    "bad --today": (["--today", "tomorrow", "today"], True, ("--today", "'tomorrow'")),
    "bad --on": (["log", "1", "--channel", "call", "--on", "someday"], True, ("--on",)),
    "unknown contact": (["log", "Nobody", "--channel", "call"], False, ("Nobody",)),
    "bad email": (["contact", "add", "X", "--email", "x@"], False, ("email",)),
}


@pytest.mark.parametrize("case", list(REAL_PROCESS_CASES))
def test_real_process_rejection_has_no_traceback(db: Path, case: str) -> None:
    args, usage, phrases = REAL_PROCESS_CASES[case]
    before = dump(db)
    result = refterm("--db", str(db), *args, env=os.environ)
    assert_refused(result, *phrases, usage=usage)
    assert result.returncode == 2
    assert result.stdout == ""
    assert dump(db) == before
