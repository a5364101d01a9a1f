"""A bulk import killed with SIGKILL at any moment leaves the database whole: all of it or none."""

from __future__ import annotations

import queue
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.core.demo import load_demo
from refterm.db.engine import open_database
from tests.reliability.helpers import TABLES, TODAY

ROWS = 60_000
# The child imports in bulk, one transaction, as `refterm demo --contacts N` does; with "hold" it
# keeps the database open after committing, until killed.
CHILD = """
import sys
from datetime import date
from pathlib import Path
from refterm.core.demo import add_synthetic_contacts
from refterm.db.engine import open_database
engine = open_database(Path(sys.argv[1]))
print("opened", flush=True)
add_synthetic_contacts(engine, date.fromisoformat(sys.argv[3]), int(sys.argv[2]))
print("committed", flush=True)
if sys.argv[4] == "hold":
    sys.stdin.read()
"""
Snapshot = dict[str, list[tuple[object, ...]]]


def snapshot(path: Path) -> Snapshot:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            for table in TABLES
        }
    finally:
        connection.close()


@dataclass
class Run:
    """A child import, with the moments it reported and the largest WAL seen while it ran."""

    process: subprocess.Popen[str]
    lines: queue.Queue[tuple[float, str]]
    wal: Path
    started: float
    opened: float | None = None
    committed: float | None = None
    largest_wal: int = 0

    def poll(self) -> None:
        while True:
            try:
                moment, line = self.lines.get_nowait()
            except queue.Empty:
                break
            if line == "opened":
                self.opened = moment
            elif line == "committed":
                self.committed = moment
        try:
            self.largest_wal = max(self.largest_wal, self.wal.stat().st_size)
        except FileNotFoundError:
            pass


def start(path: Path, hold: bool) -> Run:
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(ROWS), TODAY, "hold" if hold else "exit"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put((time.monotonic(), line.strip()))

    threading.Thread(target=read, daemon=True).start()
    return Run(process, lines, path.with_name(path.name + "-wal"), time.monotonic())


def run_until(run: Run, reached: Callable[[Run], bool], limit: float) -> None:
    """Poll every few milliseconds until `reached`; the child must still be running then."""
    deadline = time.monotonic() + limit
    while True:
        run.poll()
        if reached(run):
            return
        if run.process.poll() is not None:
            _out, err = run.process.communicate()
            pytest.fail(f"the import ended (code {run.process.returncode}) first: {err}")
        if time.monotonic() > deadline:
            run.process.kill()
            run.process.communicate()
            pytest.fail(f"the moment to kill was not reached within {limit:.0f} s")
        time.sleep(0.003)


@dataclass(frozen=True)
class Baseline:
    seed: Snapshot
    added: dict[str, int]
    work: float  # seconds from "opened" to "committed"
    largest_wal: int
    limit: float  # generous bound for any wait


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user's existing network: the demo data plus contacts holding awkward text."""
    path = tmp_path_factory.mktemp("crash") / "seed.db"
    engine = open_database(path)
    today = date.fromisoformat(TODAY)
    load_demo(engine, today)
    for name in ("Zoë [b]Brûlé[/b]", "محمد العلوي", "Ann\u200dO'Neil"):
        form = ContactForm(full_name=name, company="Acme", notes="line one\nline two")
        create_contact(engine, validate(form, Settings()))
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def baseline(seeded: Path, tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    """One uninterrupted import: how long it works, how big its WAL grows, what it adds."""
    path = tmp_path_factory.mktemp("baseline") / "refterm.db"
    shutil.copy(seeded, path)
    run = start(path, hold=False)
    while run.process.poll() is None:
        run.poll()
        time.sleep(0.003)
    _out, err = run.process.communicate(timeout=60)
    run.poll()
    assert run.process.returncode == 0, err
    assert run.opened is not None and run.committed is not None
    seed = snapshot(seeded)
    after = snapshot(path)
    added = {table: len(after[table]) - len(seed[table]) for table in TABLES}
    assert added["contact"] == ROWS
    assert run.largest_wal > 1_000_000, "the import should spill pages into the WAL"
    work = run.committed - run.opened
    return Baseline(seed, added, work, run.largest_wal, limit=30 + 10 * work)


def check_whole(path: Path, baseline: Baseline) -> bool:
    """Integrity ok, every earlier row intact, the import all there or absent; True if there."""
    engine = open_database(path)  # opens as the app does, recovering the WAL
    engine.dispose()
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
    after = snapshot(path)
    for table in TABLES:
        assert after[table][: len(baseline.seed[table])] == baseline.seed[table], table
    added = {table: len(after[table]) - len(baseline.seed[table]) for table in TABLES}
    nothing = dict.fromkeys(TABLES, 0)
    assert added in (nothing, baseline.added), added
    return added == baseline.added


MOMENTS: dict[str, tuple[Callable[[Run, Baseline], bool], bool | None]] = {
    # name: (when to kill, whether the import must then be absent (False) or present (True))
    "while building rows": (
        lambda run, base: (
            run.opened is not None and time.monotonic() - run.opened > 0.15 * base.work
        ),
        False,
    ),
    "while writing pages": (lambda run, base: run.largest_wal > 0.3 * base.largest_wal, False),
    "near the end": (lambda run, base: run.largest_wal > 0.9 * base.largest_wal, None),
    "after the commit": (lambda run, base: run.committed is not None, True),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_sigkill_leaves_all_or_nothing(
    moment: str, seeded: Path, baseline: Baseline, tmp_path: Path
) -> None:
    reached, expected = MOMENTS[moment]
    path = tmp_path / "refterm.db"
    shutil.copy(seeded, path)
    run = start(path, hold=True)
    run_until(run, lambda current: reached(current, baseline), baseline.limit)
    run.process.kill()
    run.process.communicate(timeout=30)
    assert run.process.returncode == -9
    present = check_whole(path, baseline)
    if expected is not None:
        assert present is expected


def test_import_completes_after_a_crash(seeded: Path, baseline: Baseline, tmp_path: Path) -> None:
    path = tmp_path / "refterm.db"
    shutil.copy(seeded, path)
    run = start(path, hold=True)
    run_until(run, lambda current: current.largest_wal > 0.5 * baseline.largest_wal, baseline.limit)
    run.process.kill()
    run.process.communicate(timeout=30)
    assert check_whole(path, baseline) is False
    again = start(path, hold=False)
    _out, err = again.process.communicate(timeout=baseline.limit)
    assert again.process.returncode == 0, err
    assert check_whole(path, baseline) is True
