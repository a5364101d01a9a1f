"""Issue 10 items 3, 6 and 8: odd paths refused, backups atomic and private, clear refusals."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from refterm.cli.main import cli
from refterm.core.demo import add_synthetic_contacts, load_demo
from refterm.db import engine as engine_module
from refterm.db.database import Database
from refterm.errors import RefTermError
from refterm.files import write_output
from tests.reliability.helpers import TODAY, assert_refused, refterm, scalar

# --- item 3: paths that are not regular files ---------------------------------------------


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A character device like /dev/null (the same device numbers), made in tmp_path."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return node


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_a_device_as_database_is_refused_and_its_mode_kept(device: Path) -> None:
    device.chmod(0o666)
    result = refterm("--db", str(device), "--today", TODAY.isoformat(), "today", timeout=30)
    assert_refused(result, str(device), "not a regular file")
    assert stat.S_IMODE(device.stat().st_mode) == 0o666


def test_a_fifo_as_database_is_refused_without_hanging(fifo: Path) -> None:
    result = refterm("--db", str(fifo), "--today", TODAY.isoformat(), "today", timeout=30)
    assert_refused(result, str(fifo), "not a regular file")


def test_an_existing_database_keeps_the_mode_its_owner_chose(tmp_path: Path) -> None:
    path = tmp_path / "refterm.db"
    Database.open(path).dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # created by refterm: private
    path.chmod(0o640)
    Database.open(path).dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize("kind", ["fifo", "device", "zero"])
def test_importing_a_non_regular_file_is_refused_at_once(
    tmp_path: Path, kind: str, request: pytest.FixtureRequest
) -> None:
    source = Path("/dev/zero") if kind == "zero" else request.getfixturevalue(kind)
    db = str(tmp_path / "refterm.db")
    started = time.monotonic()
    result = refterm(
        "--db", db, "--today", TODAY.isoformat(), "import", "vcard", str(source), timeout=30
    )
    assert_refused(result, str(source), "not a file to import")
    assert time.monotonic() - started < 25


def test_imports_count_bytes_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from refterm.errors import ImportRefused
    from refterm.io import files

    big = tmp_path / "big.vcf"
    big.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n" * 1000)
    monkeypatch.setattr(files, "MAX_IMPORT_BYTES", 4096)
    with pytest.raises(ImportRefused, match="larger than"):
        files.read_bytes(big)


def test_a_fifo_or_device_config_is_refused_in_one_line(
    tmp_path: Path, isolated_config: Path
) -> None:
    isolated_config.mkdir(parents=True, exist_ok=True)
    os.mkfifo(isolated_config / "config.toml")
    result = refterm(
        "--db", str(tmp_path / "refterm.db"), "--today", TODAY.isoformat(), "today", timeout=30
    )
    assert_refused(result, "config.toml", "not a configuration file")


# --- item 6: backups and exports are written whole or not at all ---------------------------


@pytest.fixture
def big_database(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "refterm.db"
    database = Database.open(path)
    load_demo(database, TODAY)
    add_synthetic_contacts(database, TODAY, 20_000)
    database.dispose()
    return path


def test_a_killed_backup_leaves_nothing_readable_and_the_next_one_succeeds(
    big_database: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    target = folder / "copy.db"
    command = [sys.executable, "-m", "refterm", "--db", str(big_database), "backup", str(target)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(folder.iterdir()) and process.poll() is None:
        assert time.monotonic() < deadline, "the backup never started writing"
        time.sleep(0.001)
    os.kill(process.pid, signal.SIGSTOP)  # frozen mid-write, as a kill -9 would leave it
    try:
        for item in folder.iterdir():
            mode = stat.S_IMODE(item.stat().st_mode)
            assert mode & 0o077 == 0, f"{item.name} is readable by others ({oct(mode)})"
        if process.poll() is None:
            assert not target.exists(), "a partial backup must not take the destination's name"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    again = refterm("--db", str(big_database), "backup", str(target))
    assert again.returncode == 0, again.stderr
    assert [item.name for item in folder.iterdir()] == ["copy.db"]  # the leftover is gone
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert scalar(target, "SELECT COUNT(*) FROM contact") == scalar(
        big_database, "SELECT COUNT(*) FROM contact"
    )


def test_a_full_disk_is_one_clear_line_and_leaves_no_file(tmp_path: Path) -> None:
    from refterm.files import atomic_file

    target = tmp_path / "out.json"

    def fill_the_disk(path: Path) -> None:
        path.write_text("partial")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(RefTermError, match="the disk is full") as refused:
        with atomic_file(target) as temporary:
            fill_the_disk(temporary)
    assert "\n" not in refused.value.message
    assert list(tmp_path.iterdir()) == []


def test_exports_leave_no_hidden_file_even_after_a_killed_run(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    leftover = tmp_path / f".dossier.md.{dead.stdout.strip()}.0badcafe.partial"
    leftover.write_text("half a dossier")
    write_output(tmp_path / "dossier.md", "# Dossier\n", private=False)
    assert sorted(item.name for item in tmp_path.iterdir()) == ["dossier.md"]
    assert stat.S_IMODE((tmp_path / "dossier.md").stat().st_mode) == 0o644


async def test_the_tui_export_writes_through_the_atomic_writer(
    demo_database: Database, today: date, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from refterm import files
    from refterm.screens.export_dialog import ExportDialog
    from tests.ui.helpers import SIZE, build_app, open_mode, settle

    out = tmp_path / "out"
    out.mkdir()
    written: list[Path] = []

    real = files.atomic_file

    def spying(path: Path, private: bool = True):  # type: ignore[no-untyped-def]
        written.append(path)
        return real(path, private)

    monkeypatch.setattr(files, "atomic_file", spying)
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "4")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#path", Input).value = str(out / "dossier.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert written == [out / "dossier.md"]
    assert sorted(item.name for item in out.iterdir()) == ["dossier.md"]


# --- item 8: clear refusals instead of "unexpected error" ----------------------------------


def test_a_non_utf8_argument_is_one_clear_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "refterm", "--db", str(tmp_path / "r.db"), "contact", "add",
         b"Caf\xe9"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert_refused(result, "not UTF-8")


def test_a_deeply_nested_config_is_one_clear_line(tmp_path: Path, isolated_config: Path) -> None:
    isolated_config.mkdir(parents=True, exist_ok=True)
    (isolated_config / "config.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    result = refterm("--db", str(tmp_path / "refterm.db"), "--today", TODAY.isoformat(), "today")
    assert_refused(result, "config.toml", "too deeply")


def test_a_lock_held_past_the_timeout_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "refterm.db"
    Database.open(path).dispose()
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 300)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = CliRunner().invoke(
            cli, ["--db", str(path), "--today", TODAY.isoformat(), "contact", "add", "Ada"]
        )
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "database is locked" in lines[0], result.stderr
    assert "unexpected error" not in result.stderr
    assert scalar(path, "SELECT COUNT(*) FROM contact") == 0


@pytest.mark.parametrize(
    ("error", "phrase"),
    [
        (sqlite3.OperationalError("disk I/O error"), "disk I/O error"),
        (sqlite3.OperationalError("database or disk is full"), "disk is full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
        (PermissionError(errno.EACCES, "Permission denied", "/x/refterm.db"), "permission"),
    ],
)
def test_failures_of_the_machine_are_named(error: BaseException, phrase: str) -> None:
    from refterm.cli.main import known_failure

    message = known_failure(error)
    assert message is not None and phrase in message
