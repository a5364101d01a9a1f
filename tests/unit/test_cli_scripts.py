"""`refterm script` and `refterm templates`: output, exit codes, messages not tracebacks."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from refterm.core.scripts import SCRIPT_TEMPLATES
from refterm.core.templating import BUILTIN_DIR
from tests.support import run


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "scripts.db"
    assert run(path, "demo").exit_code == 0
    return path


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("template", SCRIPT_TEMPLATES)
def test_script_prints_every_template_in_both_languages(
    db: Path, template: str, language: str
) -> None:
    result = run(db, "script", "Claire Dubois", "--template", template, "--lang", language)
    assert result.exit_code == 0, result.output
    assert "Claire" in result.stdout
    assert "None" not in result.stdout and "{{" not in result.stdout
    assert result.stderr == ""
    if template == "email_recommendation":
        assert result.stdout.startswith("Subject: " if language == "en" else "Objet : ")


def test_script_without_template_uses_the_one_that_fits(db: Path) -> None:
    # Claire Dubois was asked for a reference and the follow-up is due: call her again.
    result = run(db, "script", "claire dubois")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Appel : Claire Dubois (Engagement Manager, Capgemini)\n")
    assert "Bonjour Claire, c'est Amine." in result.stdout


def test_script_for_a_given_ask(db: Path) -> None:
    # Ask 5 is Thomas Lefèvre's agreed recommendation letter.
    result = run(db, "script", "Thomas", "--ask", "5", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Hello Thomas,")
    assert "letter of recommendation" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("script", "Nobody"), "no contact matches 'Nobody'"),
        (("script", "Claire", "-t", "nope"), "no script template 'nope'"),
        (("script", "Claire", "-t", "../../x"), "is not a script template name"),
        (("script", "Claire", "--ask", "1"), "Claire Dubois has no ask with id 1"),
    ],
)
def test_script_refuses_bad_input_with_a_message(
    db: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(db, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_script_with_a_broken_user_template_prints_nothing_and_says_where(
    db: Path, isolated_config: Path
) -> None:
    broken = isolated_config / "templates" / "fr" / "thank_you.j2"
    broken.parent.mkdir(parents=True)
    broken.write_text("Merci {{ contact.first_name }}\n{% if %}\n")
    result = run(db, "script", "Claire", "-t", "thank_you")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"refterm: {broken}, line 2: template syntax error" in result.stderr


def test_copy_without_a_display_prints_the_script_and_says_what_to_install(db: Path) -> None:
    result = run(db, "script", "Claire", "--copy", env={"DISPLAY": None, "WAYLAND_DISPLAY": None})
    assert result.exit_code == 1
    assert result.stdout.startswith("Appel : Claire Dubois")
    assert "xclip" in result.stderr and "wl-clipboard" in result.stderr


@pytest.mark.parametrize(
    ("mode", "message"),
    [("none", "the clipboard is turned off"), ("osc52", "sends the text to the terminal")],
)
def test_copy_respects_the_clipboard_setting(
    db: Path, isolated_config: Path, mode: str, message: str
) -> None:
    isolated_config.mkdir(parents=True, exist_ok=True)
    (isolated_config / "config.toml").write_text(f'clipboard = "{mode}"\n')
    result = run(db, "script", "Claire", "--copy")
    assert result.exit_code == 1
    assert result.stdout.startswith("Appel : Claire Dubois")
    assert message in result.stderr


def test_templates_list_shows_builtins_then_overrides(db: Path) -> None:
    result = run(db, "templates", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[: len(SCRIPT_TEMPLATES)]] == list(SCRIPT_TEMPLATES)
    assert lines[0].split() == ["call_reference", "en", "fr", "built-in"]
    assert run(db, "templates", "edit", "thank_you", "--lang", "fr").exit_code == 0
    listed = run(db, "templates", "list").stdout
    assert "thank_you              en fr  overridden by yours (fr)" in listed


def test_templates_show_prints_the_file_in_use(db: Path, isolated_config: Path) -> None:
    result = run(db, "templates", "show", "follow_up", "--lang", "fr")
    assert result.exit_code == 0
    assert result.stdout == (BUILTIN_DIR / "fr" / "follow_up.j2").read_text()
    assert "built-in" in result.stderr
    mine = isolated_config / "templates" / "en" / "follow_up.j2"
    mine.parent.mkdir(parents=True)
    mine.write_text("Hi {{ contact.first_name }}\n")
    result = run(db, "templates", "show", "follow_up", "--lang", "en")
    assert result.stdout == "Hi {{ contact.first_name }}\n"
    assert "your copy" in result.stderr
    assert run(db, "templates", "show", "nope").exit_code == 2


def test_templates_edit_without_an_editor_says_where_the_copy_is(
    db: Path, isolated_config: Path
) -> None:
    result = run(db, "templates", "edit", "keep_in_touch", "--lang", "en",
                 env={"EDITOR": None, "VISUAL": None})  # fmt: skip
    copy = isolated_config / "templates" / "en" / "keep_in_touch.j2"
    assert result.exit_code == 0, result.output
    assert f"your copy is {copy}" in result.stdout
    assert copy.read_text() == (BUILTIN_DIR / "en" / "keep_in_touch.j2").read_text()


def _editor(tmp_path: Path, content: str) -> str:
    """A stand-in for $EDITOR that writes `content` into the file it is given."""
    (tmp_path / "new.j2").write_text(content)
    script = tmp_path / "fake-editor"
    script.write_text(f'#!/bin/sh\ncp "{tmp_path / "new.j2"}" "$1"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_templates_edit_opens_the_editor_and_the_script_uses_the_result(
    db: Path, tmp_path: Path
) -> None:
    editor = _editor(tmp_path, "Merci {{ contact.first_name }}, vraiment.\n")
    result = run(db, "templates", "edit", "thank_you", "--lang", "fr", env={"EDITOR": editor})
    assert result.exit_code == 0, result.output
    assert "saved" in result.stdout
    script = run(db, "script", "Claire", "-t", "thank_you", "--lang", "fr")
    assert script.stdout == "Merci Claire, vraiment.\n"


def test_templates_edit_reports_a_template_left_broken(db: Path, tmp_path: Path) -> None:
    editor = _editor(tmp_path, "Hello {{ contact.first_name }}\n{{ contact.nickname }}\n")
    result = run(db, "templates", "edit", "follow_up", "--lang", "en", env={"EDITOR": editor})
    assert result.exit_code == 1
    assert "saved, but it cannot be used yet" in result.stderr
    assert "line 2" in result.stderr and "nickname" in result.stderr
