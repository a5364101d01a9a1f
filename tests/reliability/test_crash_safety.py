"""`refterm import linkedin` killed with SIGKILL at any moment leaves the database whole."""

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
from pathlib import Path

import pytest

from benchmarks.linkedin_file import connection_rows, write_connections
from refterm.config import Settings
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.core.demo import load_demo
from refterm.db.database import Database
from tests.reliability.helpers import TABLES
from tests.support import TODAY

# Near LinkedIn's cap of 30,000 connections: the import spills pages into the WAL for long
# enough to be killed at each moment below.
ROWS = 25_000


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
    """A child `refterm import linkedin`, what it printed, and its WAL as seen from outside."""

    process: subprocess.Popen[str]
    lines: queue.Queue[tuple[float, str]]
    wal: Path
    started: float
    opened: float | None = None  # when its WAL file appeared: the database is open
    writing: float | None = None  # when the WAL first grew: the import writes
    reported: float | None = None  # when it printed its report: committed
    largest_wal: int = 0
    reader: threading.Thread | None = None

    def finish(self, timeout: float) -> str:
        """Wait for the child to end; its stderr. (Its stdout goes to the reader thread.)"""
        self.process.wait(timeout=timeout)
        if self.reader is not None:
            self.reader.join(timeout=10)
        self.poll()
        assert self.process.stderr is not None
        return self.process.stderr.read()

    def poll(self) -> None:
        now = time.monotonic()
        while True:
            try:
                moment, line = self.lines.get_nowait()
            except queue.Empty:
                break
            if line.startswith("Added"):
                self.reported = moment
        try:
            size = self.wal.stat().st_size
        except FileNotFoundError:
            return
        self.opened = self.opened or now
        if size > 0:
            self.writing = self.writing or now
        self.largest_wal = max(self.largest_wal, size)


def start(path: Path, connections: Path) -> Run:
    process = subprocess.Popen(
        [sys.executable, "-m", "refterm", "--db", str(path), "--today", TODAY.isoformat()]
        + ["import", "linkedin", str(connections)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put((time.monotonic(), line.strip()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return Run(process, lines, path.with_name(path.name + "-wal"), time.monotonic(), reader=reader)


def run_until(run: Run, reached: Callable[[Run], bool], limit: float) -> None:
    """Poll every few milliseconds until `reached`; the child must still be running then."""
    deadline = time.monotonic() + limit
    while True:
        run.poll()
        if reached(run):
            return
        if run.process.poll() is not None:
            err = run.finish(timeout=10)
            pytest.fail(f"the import ended (code {run.process.returncode}) first: {err}")
        if time.monotonic() > deadline:
            run.process.kill()
            run.finish(timeout=30)
            pytest.fail(f"the moment to kill was not reached within {limit:.0f} s")
        time.sleep(0.003)


@dataclass(frozen=True)
class Baseline:
    seed: Snapshot
    added: dict[str, int]
    reading: float  # seconds from opening the database to the first write
    largest_wal: int
    limit: float  # generous bound for any wait


@pytest.fixture(scope="module")
def connections(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "Connections.csv"
    write_connections(path, connection_rows(ROWS))
    return path


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user's existing network: the demo data plus contacts holding awkward text."""
    path = tmp_path_factory.mktemp("crash") / "seed.db"
    database = Database.open(path)
    today = TODAY
    load_demo(database, today)
    for name in ("Zoë [b]Brûlé[/b]", "محمد العلوي", "Ann\u200dO'Neil"):
        form = ContactForm(full_name=name, company="Acme", notes="line one\nline two")
        create_contact(database, validate(form, Settings()))
    database.dispose()
    return path


@pytest.fixture(scope="module")
def baseline(seeded: Path, connections: Path, tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    """One uninterrupted import: when it starts writing, how big its WAL grows, what it adds."""
    path = tmp_path_factory.mktemp("baseline") / "refterm.db"
    shutil.copy(seeded, path)
    run = start(path, connections)
    while run.process.poll() is None:
        run.poll()
        time.sleep(0.003)
    err = run.finish(timeout=60)
    assert run.process.returncode == 0, err
    assert run.opened is not None and run.writing is not None
    seed = snapshot(seeded)
    after = snapshot(path)
    added = {table: len(after[table]) - len(seed[table]) for table in TABLES}
    assert added["contact"] == ROWS
    assert run.largest_wal > 1_000_000, "the import should spill pages into the WAL"
    total = time.monotonic() - run.started
    return Baseline(seed, added, run.writing - run.opened, run.largest_wal, limit=30 + 10 * total)


def check_whole(path: Path, baseline: Baseline) -> bool:
    """Integrity ok, every earlier row intact, the import all there or absent; True if there."""
    database = Database.open(path)  # opens as the app does, recovering the WAL
    database.dispose()
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
    "while reading the file": (
        lambda run, base: (
            run.opened is not None and time.monotonic() - run.opened > 0.5 * base.reading
        ),
        False,
    ),
    "while writing pages": (lambda run, base: run.largest_wal > 0.3 * base.largest_wal, False),
    "near the end": (lambda run, base: run.largest_wal > 0.9 * base.largest_wal, None),
    # Once the report is out the import is committed; the kill may land while it closes.
    "after the report": (lambda run, base: run.reported is not None, True),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_sigkill_leaves_all_or_nothing(
    moment: str, seeded: Path, connections: Path, baseline: Baseline, tmp_path: Path
) -> None:
    reached, expected = MOMENTS[moment]
    path = tmp_path / "refterm.db"
    shutil.copy(seeded, path)
    run = start(path, connections)
    run_until(run, lambda current: reached(current, baseline), baseline.limit)
    run.process.kill()
    wrote = run.writing is not None  # seen just before the kill
    run.finish(timeout=30)
    if moment != "after the report":
        assert run.process.returncode == -9
    present = check_whole(path, baseline)
    if expected is False and moment == "while reading the file" and wrote:
        expected = None  # a much faster run than the baseline was already writing: either
    if expected is not None:
        assert present is expected


def test_import_completes_after_a_crash(
    seeded: Path, connections: Path, baseline: Baseline, tmp_path: Path
) -> None:
    path = tmp_path / "refterm.db"
    shutil.copy(seeded, path)
    run = start(path, connections)
    run_until(run, lambda current: current.largest_wal > 0.5 * baseline.largest_wal, baseline.limit)
    run.process.kill()
    run.finish(timeout=30)
    assert check_whole(path, baseline) is False
    again = start(path, connections)
    err = again.finish(timeout=baseline.limit)
    assert again.process.returncode == 0, err
    assert again.reported is not None
    assert check_whole(path, baseline) is True
