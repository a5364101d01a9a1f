"""The command line in French: help, click's own words, errors and reports, chosen like the TUI.

Most tests run `python -m refterm` in a subprocess with its own environment: the language is
chosen from LANG, --ui-lang and config.toml before click parses, as a user's shell would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from refterm.cli import language
from refterm.cli.main import cli
from refterm.model import i18n

NBSP, NNBSP = "\u00a0", "\u202f"
GROUPS = ["contact", "ask", "import", "export", "templates", "interaction", "use"]
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Jean,Dupont,https://www.linkedin.com/in/jean-dupont,,Acme,CTO,15 Mar 2024\r\n"
    ",,,,Nobody Inc,,\r\n"
    "Anne,Leroy,https://www.linkedin.com/in/anne-leroy,anne@example.fr,Orange,,1 Feb 2021\r\n"
)


def refterm(
    tmp_path: Path, *args: str, lang: str = "fr_FR.UTF-8"
) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG")
    }
    env.update(
        LANG=lang,
        REFTERM_DB=str(tmp_path / "refterm.db"),
        REFTERM_CONFIG_DIR=str(tmp_path / "config"),
        REFTERM_TODAY="2026-11-26",
        PYTHONIOENCODING="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "refterm", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_the_main_help_is_french_with_a_french_locale(tmp_path: Path) -> None:
    result = refterm(tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Utilisation{NBSP}: refterm [OPTIONS] [COMMANDE] [ARGUMENTS]..."
    assert f"Options{NBSP}:" in lines
    assert f"Commandes{NBSP}:" in lines
    assert "Afficher ce message et quitter." in result.stdout  # click's own help option
    assert "Afficher la version et quitter." in result.stdout
    assert "--db CHEMIN|URL" in result.stdout
    assert "Langue de l’interface" in result.stdout
    for english in ("Usage:", "Show this message", "Database file", "Add, show, edit"):
        assert english not in result.stdout


@pytest.mark.parametrize("group", GROUPS)
def test_each_group_help_is_french(tmp_path: Path, group: str) -> None:
    result = refterm(tmp_path, group, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        f"Utilisation{NBSP}: refterm {group} [OPTIONS] COMMANDE [ARGUMENTS]..."
    )
    command = cli.commands[group]
    assert isinstance(command, click.Group)
    i18n.set_language("fr")
    french = click.unstyle(i18n._(language.english(command, "help")))
    assert french != language.english(command, "help")
    first_words = " ".join(french.split()[:5])
    assert first_words in " ".join(result.stdout.split())
    assert "Show this message" not in result.stdout


def test_every_help_text_of_the_tree_is_translated() -> None:
    """Each command's and option's help, in French, differs from its English (all are in the
    catalog); switching back gives the English again, unchanged."""
    before = _help_texts(cli)
    try:
        language.speak("fr")
        language.translate_commands(cli)
        french = _help_texts(cli)
    finally:
        language.speak("en")
        language.translate_commands(cli)
        os.environ.pop("LANGUAGE", None)
    assert _help_texts(cli) == before
    assert [where for where, text in french.items() if text == before[where]] == []


def _help_texts(command: click.Command, where: str = "refterm") -> dict[str, str]:
    found = {}
    if command.help:
        found[where] = command.help
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            found[f"{where} {param.opts[-1]}".strip()] = param.help
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found.update(_help_texts(sub, f"{where} {name}"))
    return found


def test_a_usage_error_is_one_french_line(tmp_path: Path) -> None:
    result = refterm(tmp_path, "contact", "add")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"refterm{NBSP}: Argument manquant 'NOM'. (voir «{NBSP}refterm contact add --help{NBSP}»)\n"
    )


def test_a_mistyped_command_is_suggested_in_french(tmp_path: Path) -> None:
    result = refterm(tmp_path, "contact", "lst")
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"refterm{NBSP}: Commande 'lst' inconnue. Vouliez-vous dire 'list'{NNBSP}?"
    )


def test_a_bad_choice_is_refused_in_french(tmp_path: Path) -> None:
    result = refterm(tmp_path, "ask", "add", "1", "--kind", "job")
    assert result.returncode == 2
    assert f"Valeur non valide pour '--kind'{NBSP}: 'job' n’est pas l’une des valeurs" in (
        result.stderr
    )


def test_an_import_report_is_french(tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(CONNECTIONS, encoding="utf-8")
    dry = refterm(tmp_path, "import", "linkedin", str(source), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout == (
        f"Simulation, rien n’est écrit. Ajouterait 2 nouveaux contacts. "
        f"1 ignorée{NBSP}: ligne 3{NBSP}: pas de nom.\n"
    )
    done = refterm(tmp_path, "import", "linkedin", str(source))
    assert done.stdout.startswith("2 nouveaux contacts ajoutés.")
    again = refterm(tmp_path, "import", "linkedin", str(source))
    assert again.stdout.startswith(
        "0 nouveau contact ajouté, 2 contacts laissés inchangés (déjà à jour)."
    )


def test_a_missing_file_is_refused_in_french(tmp_path: Path) -> None:
    result = refterm(tmp_path, "import", "vcard", str(tmp_path / "nope.vcf"))
    assert result.returncode != 0
    assert result.stderr == f"refterm{NBSP}: {tmp_path / 'nope.vcf'}{NBSP}: fichier introuvable\n"


def test_ui_lang_en_overrides_a_french_locale(tmp_path: Path) -> None:
    result = refterm(tmp_path, "--ui-lang", "en", "contact", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: refterm contact [OPTIONS] COMMAND [ARGS]...")
    assert "Add, show, edit, list, archive, delete and merge contacts." in result.stdout
    error = refterm(tmp_path, "--ui-lang=en", "contact", "add")
    assert error.stderr == "refterm: Missing argument 'NAME'. (see 'refterm contact add --help')\n"


def test_ui_language_in_config_speaks_french_under_lang_c(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('ui_language = "fr"\n', encoding="utf-8")
    result = refterm(tmp_path, "contact", "--help", lang="C.UTF-8")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Utilisation{NBSP}: refterm contact")


def test_ui_lang_fr_with_a_broken_config_is_one_clear_french_line(tmp_path: Path) -> None:
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    config.write_text("ui_language = [\n", encoding="utf-8")
    result = refterm(tmp_path, "--ui-lang", "fr", "today", lang="C.UTF-8")
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"refterm{NBSP}: {config}")
    assert "Traceback" not in result.stderr
    # The command line around it still speaks French.
    usage = refterm(tmp_path, "--ui-lang", "fr", "contact", "add", lang="C.UTF-8")
    assert usage.stderr.startswith(f"refterm{NBSP}: Argument manquant")


def test_english_stays_the_default_under_lang_c(tmp_path: Path) -> None:
    result = refterm(tmp_path, "--help", lang="C.UTF-8")
    assert result.stdout.startswith("Usage: refterm [OPTIONS] [COMMAND] [ARGS]...")
    assert "Options:\n" in result.stdout and "Commands:\n" in result.stdout


@pytest.fixture
def french_click(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LANGUAGE", "en")  # restored after the test
    language.speak("fr")
    yield
    language.speak("en")


def test_clicks_plural_words_are_in_the_catalog(french_click: None) -> None:
    english = [
        "Did you mean {possibility}?",
        "Got unexpected extra argument ({args})",
        "Option {name!r} requires an argument.",
        "{value!r} is not {choice}.",
    ]
    assert all(text not in english for text in language.click_plurals(1))
    plural = language.click_plurals(2)
    assert plural[1] == "Arguments en trop inattendus ({args})"


def test_click_itself_speaks_the_chosen_language(french_click: None) -> None:
    """click looks its words up through gettext's global domain, pointed at refterm's."""
    from click import exceptions

    assert exceptions._("Missing argument") == "Argument manquant"  # type: ignore[attr-defined]
    language.speak("en")
    assert exceptions._("Missing argument") == "Missing argument"  # type: ignore[attr-defined]
