"""Damaged, foreign and newer files are refused and left exactly as they were; read-only is said."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from refterm.core.demo import add_synthetic_contacts, load_demo
from refterm.db.database import Database
from refterm.errors import DatabaseRefused
from tests.reliability.helpers import (
    TODAY,
    assert_refusal,
    assert_refused,
    folder_state,
    refterm,
    refterm_forked_as,
    side_files,
)

NOBODY = 65534


def make_refterm_database(path: Path, contacts: int = 1500) -> None:
    """A real refterm database with demo data, closed so no WAL is left beside it."""
    database = Database.open(path)
    load_demo(database, TODAY)
    add_synthetic_contacts(database, TODAY, contacts)
    database.dispose()
    assert side_files(path) == []


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(6).randbytes(16_384))


def truncated(path: Path) -> None:
    make_refterm_database(path)
    content = path.read_bytes()
    assert len(content) > 100_000
    path.write_bytes(content[: len(content) // 2])


def truncated_beside_a_wal(path: Path) -> None:
    """Short for good, though a WAL beside it makes refterm look again (a checkpoint's moment)."""
    truncated(path)
    path.with_name(path.name + "-wal").write_bytes(b"")


def text_file(path: Path) -> None:
    path.write_text("First Name,Last Name\nAda,Lovelace\n" * 50)


def other_application(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
        "INSERT INTO notes (body) VALUES ('groceries'), ('dentist');"
    )
    connection.close()


def other_application_in_wal_mode(path: Path) -> None:
    """Another app's file that, like ours, uses WAL: a read must not leave -wal/-shm beside it."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    # A table named like ours, but no alembic_version: still not a refterm database.
    connection.executescript(
        "CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT);"
        "INSERT INTO contact (name) VALUES ('someone');"
    )
    connection.close()


def newer_refterm(path: Path) -> None:
    make_refterm_database(path, contacts=50)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0999_from_the_future'")
    connection.commit()
    connection.close()


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "random bytes": (random_bytes, "not an SQLite file"),
    "truncated refterm database": (truncated, "damaged"),
    "truncated refterm database beside a WAL": (truncated_beside_a_wal, "damaged"),
    "csv text": (text_file, "not an SQLite file"),
    "other application": (other_application, "another application"),
    "other application in WAL mode": (other_application_in_wal_mode, "another application"),
    "newer refterm": (newer_refterm, "newer refterm"),
}


@pytest.fixture(params=sorted(BAD_FILES))
def bad_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    make, phrase = BAD_FILES[request.param]
    folder = tmp_path / "bad"
    folder.mkdir()
    path = folder / "refterm.db"
    make(path)
    return path, phrase


def test_open_database_refuses_and_touches_nothing(bad_file: tuple[Path, str]) -> None:
    path, phrase = bad_file
    before = folder_state(path.parent)
    with pytest.raises(DatabaseRefused, match=phrase) as refused:
        Database.open(path)
    assert str(path) in str(refused.value)
    assert "left untouched" in str(refused.value)
    # Byte-identical, and nothing new beside it: no -wal, -shm, backup or journal.
    assert folder_state(path.parent) == before


@pytest.mark.parametrize("command", [["today"], []], ids=["today", "the TUI"])
def test_cli_refuses_with_one_line_and_touches_nothing(
    bad_file: tuple[Path, str], command: list[str]
) -> None:
    path, phrase = bad_file
    before = folder_state(path.parent)
    result = refterm("--db", str(path), "--today", TODAY.isoformat(), *command)
    assert_refused(result, phrase, str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert folder_state(path.parent) == before


def test_write_command_on_a_refused_file_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    newer_refterm(path)
    before = folder_state(tmp_path)
    result = refterm("--db", str(path), "contact", "add", "Someone New")
    assert_refused(result, "newer refterm")
    assert folder_state(tmp_path) == before


def test_path_with_uri_characters_opens_that_very_file(tmp_path: Path) -> None:
    """'?', '#' and '%' in a folder name must not make SQLite or SQLAlchemy open another file."""
    folder = tmp_path / "odd?name#x%41 y"
    folder.mkdir()
    path = folder / "refterm.db"
    result = refterm("--db", str(path), "contact", "add", "Ada Lovelace")
    assert result.returncode == 0, result.stderr
    assert sorted(item.name for item in tmp_path.iterdir()) == [folder.name]
    assert sorted(item.name for item in folder.iterdir()) == ["refterm.db"]
    listed = refterm("--db", str(path), "contact", "list")
    assert "Ada Lovelace" in listed.stdout
    # And a refused file at such a path is still recognised as that file.
    other = folder / "other.db"
    other_application(other)
    assert_refused(refterm("--db", str(other), "today"), "another application")


def test_impossible_paths_are_refused_with_a_message(tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    assert_refused(
        refterm("--db", str(a_file / "refterm.db"), "today"),
        "cannot create the database",
    )
    assert_refused(refterm("--db", str(tmp_path), "today"), "is a folder")
    assert a_file.read_text() == "not a folder"


# Read-only files and folders. Root ignores permission bits, and CI runs as root: there the
# same command runs in a forked child that has switched to the unprivileged user `nobody`.


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder outside pytest's private (0700) tmp tree, so `nobody` can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="refterm-ro-"))
    folder.chmod(0o755)
    yield folder
    for item in [folder, *folder.rglob("*")]:
        if item.is_dir():
            item.chmod(0o755)
    shutil.rmtree(folder)


def _unprivileged_uid() -> int | None:
    """None when permission bits already apply to us, else the uid to switch to."""
    return NOBODY if os.geteuid() == 0 else None


def _run_unprivileged(folder: Path, *args: str) -> tuple[int, str]:
    env = dict(os.environ)
    env["REFTERM_CONFIG_DIR"] = str(folder / "config")
    env.pop("REFTERM_DB", None)
    uid = _unprivileged_uid()
    if uid is None:
        result = refterm(*args, env=env)
        return result.returncode, result.stderr
    code, _out, err = refterm_forked_as(uid, *args, env=env)
    return code, err


def _give(*paths: Path) -> None:
    uid = _unprivileged_uid()
    for path in paths:
        if uid is not None:
            os.chown(path, uid, uid)


def test_read_only_database_file_is_refused_clearly(shared_folder: Path) -> None:
    data = shared_folder / "data"
    data.mkdir(mode=0o755)
    path = data / "refterm.db"
    make_refterm_database(path, contacts=10)
    _give(data, path)
    # The control: the same user and command succeed while the file is writable.
    assert _run_unprivileged(shared_folder, "--db", str(path), "today") == (0, "")
    path.chmod(0o444)
    before = folder_state(data)
    if _unprivileged_uid() is None:
        with pytest.raises(DatabaseRefused, match="read-only"):
            Database.open(path)
    code, err = _run_unprivileged(shared_folder, "--db", str(path), "today")
    assert_refusal(code, err, "read-only", str(path))
    assert folder_state(data) == before


def test_read_only_folder_is_refused_clearly(shared_folder: Path) -> None:
    data = shared_folder / "data"
    data.mkdir(mode=0o755)
    path = data / "refterm.db"
    make_refterm_database(path, contacts=10)
    _give(data, path)
    assert _run_unprivileged(shared_folder, "--db", str(path), "today") == (0, "")
    # SQLite needs the folder writable for its -wal and -shm files.
    data.chmod(0o555)
    before = folder_state(data)
    if _unprivileged_uid() is None:
        with pytest.raises(DatabaseRefused, match="folder .* is read-only"):
            Database.open(path)
    code, err = _run_unprivileged(shared_folder, "--db", str(path), "today")
    assert_refusal(code, err, "read-only", str(data))
    assert folder_state(data) == before


def test_new_database_in_a_read_only_folder_is_refused_clearly(shared_folder: Path) -> None:
    data = shared_folder / "data"
    data.mkdir(mode=0o555)
    path = data / "refterm.db"
    code, err = _run_unprivileged(shared_folder, "--db", str(path), "contact", "add", "Ada")
    assert_refusal(code, err, "cannot create the database", "Permission denied")
    assert list(data.iterdir()) == []
