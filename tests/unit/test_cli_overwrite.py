"""`refterm export … -o FILE` never replaces a file silently: asked on a terminal, else --force."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import run


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    assert run(path, "demo").exit_code == 0
    return path


@pytest.mark.parametrize("what", ["json", "vcard", "dossier"])
def test_an_existing_file_is_refused_in_one_line_from_a_script(
    db: Path, tmp_path: Path, what: str
) -> None:
    target = tmp_path / f"out.{what}"
    target.write_text("mine\n", encoding="utf-8")
    refused = run(db, "export", what, "-o", str(target))
    assert refused.exit_code == 2
    assert refused.stderr == f"refterm: {target} already exists; add --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("flag", ["--force", "--yes", "-f"])
def test_force_overwrites(db: Path, tmp_path: Path, flag: str) -> None:
    target = tmp_path / "dossier.md"
    target.write_text("mine\n", encoding="utf-8")
    done = run(db, "export", "dossier", "-o", str(target), flag)
    assert done.exit_code == 0, done.output
    assert "Yasmine Benali" in target.read_text(encoding="utf-8")


def test_a_new_file_needs_no_question(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    assert run(db, "export", "json", "-o", str(target)).exit_code == 0
    assert target.exists()


@pytest.mark.parametrize(("answer", "kept"), [("n\n", True), ("y\n", False), ("\n", True)])
def test_on_a_terminal_the_user_is_asked(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, kept: bool
) -> None:
    from click.testing import CliRunner

    from refterm.cli import asking
    from refterm.cli.main import cli
    from tests.support import TODAY

    monkeypatch.setattr(asking, "on_a_terminal", lambda: True)
    target = tmp_path / "dossier.md"
    target.write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "--today", TODAY.isoformat(), "export", "dossier", "-o", str(target)],
        input=answer,
    )
    assert f"{target} already exists. Overwrite it? [y/N]" in result.output
    assert (target.read_text(encoding="utf-8") == "mine\n") is kept
    assert result.exit_code == (2 if kept else 0)
