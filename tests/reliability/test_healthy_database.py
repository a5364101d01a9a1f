"""Issue 10 item 1: a healthy database is never refused, whatever state its WAL is in."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import event

from refterm.core.demo import add_synthetic_contacts, load_demo
from refterm.db.database import Database
from refterm.db.engine import make_engine, prepare_database
from refterm.errors import DatabaseRefused
from tests.reliability.helpers import TODAY, refterm, scalar

WAL_HEADER = 32
FRAME_HEADER = 24


def last_frame_of_page_one(wal: bytes, page_size: int) -> bytes:
    """Page 1 as the last committed frame of the WAL holds it (what a checkpoint copies first)."""
    frame = FRAME_HEADER + page_size
    found = b""
    for offset in range(WAL_HEADER, len(wal) - frame + 1, frame):
        if int.from_bytes(wal[offset : offset + 4], "big") == 1:
            found = wal[offset + FRAME_HEADER : offset + frame]
    assert found, "the WAL should hold page 1"
    return found


def killed_during_checkpoint(tmp_path: Path) -> tuple[Path, int]:
    """A database whose checkpoint was killed after copying page 1: the header counts pages that
    still live only in the -wal file. Made from real files: a writer's db, -wal and -shm copied
    while it held them, then page 1 of the WAL written into the copy as the checkpoint does."""
    source = tmp_path / "live" / "refterm.db"
    database = Database.open(source)
    load_demo(database, TODAY)
    database.dispose()
    writer = make_engine(source)
    event.listen(writer, "connect", lambda con, _r: con.execute("PRAGMA wal_autocheckpoint=0"))
    add_synthetic_contacts(Database(source, writer), TODAY, 3000)
    with writer.connect() as connection:
        contacts = int(connection.exec_driver_sql("SELECT COUNT(*) FROM contact").scalar_one())
        copy = tmp_path / "copy" / "refterm.db"
        copy.parent.mkdir()
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(f"{source}{suffix}", f"{copy}{suffix}")
    writer.dispose()
    page_size = int.from_bytes(copy.read_bytes()[16:18], "big")
    page_one = last_frame_of_page_one(Path(f"{copy}-wal").read_bytes(), page_size)
    with copy.open("r+b") as handle:
        handle.write(page_one)
    header_pages = int.from_bytes(page_one[28:32], "big")
    assert header_pages * page_size > copy.stat().st_size, "the header should count WAL pages"
    return copy, contacts


def test_a_database_killed_during_a_checkpoint_opens_with_every_contact(tmp_path: Path) -> None:
    path, contacts = killed_during_checkpoint(tmp_path)
    database = Database.open(path)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT COUNT(*) FROM contact").scalar_one() == contacts
    database.dispose()
    # SQLite itself finds it whole: the file was healthy all along.
    assert scalar(path, "PRAGMA quick_check") == "ok"


def test_the_cli_and_backup_accept_a_database_killed_during_a_checkpoint(tmp_path: Path) -> None:
    path, contacts = killed_during_checkpoint(tmp_path)
    listed = refterm("--db", str(path), "--today", TODAY.isoformat(), "contact", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert "damaged" not in listed.stderr
    saved = refterm(
        "--db", str(path), "--today", TODAY.isoformat(), "backup", str(tmp_path / "saved.db")
    )
    assert saved.returncode == 0, saved.stderr
    assert scalar(tmp_path / "saved.db", "SELECT COUNT(*) FROM contact") == contacts


def test_a_truly_truncated_database_is_still_refused_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "refterm.db"
    database = Database.open(path)
    load_demo(database, TODAY)
    add_synthetic_contacts(database, TODAY, 1500)
    database.dispose()
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    try:
        prepare_database(path)
    except DatabaseRefused as refused:
        assert "damaged" in str(refused)
    else:
        raise AssertionError("a file cut in half must be refused")


# Writers that run until told to stop, each a real CLI process adding contacts one command at a
# time; each prints how many commands succeeded, so no write can be lost unseen.
WRITER = """
import sys, threading
import sqlmodel
from refterm.cli.main import cli

db, prefix = sys.argv[1], sys.argv[2]
print("ready", flush=True)
sys.stdin.readline()  # "go": every writer and the reader start together, imports done
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
done = 0
while not stop.is_set():
    code = cli.main(
        ["--db", db, "--today", "TODAY_ISO", "contact", "add", f"{prefix} {done:05d}",
         "--company", "Concurrent Co", "--notes", "x" * 2000],
        "refterm", standalone_mode=False,
    )
    if code not in (None, 0):
        sys.exit(f"contact add exited with {code}")
    done += 1
print(done)
""".replace("TODAY_ISO", TODAY.isoformat())

WRITERS = 4
# Short in the suite: at least 4 s and 500 opens (7,000 opens and 600 writes in 4 s on a quiet
# 2-core machine; a loaded one goes on until it has made 500), where 0.1.0 refused about one
# open in 80. REFTERM_STRESS_SECONDS=60 runs the full minute.
SECONDS = float(os.environ.get("REFTERM_STRESS_SECONDS", "4"))
OPENS = 500


def test_opening_while_four_cli_writers_write_never_refuses_or_loses(tmp_path: Path) -> None:
    """What the TUI does at start-up (the file check), over and over, beside four writers."""
    path = tmp_path / "refterm.db"
    Database.open(path).dispose()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), f"W{number}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(WRITERS)
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    opens = 0
    refusals: list[str] = []
    locked: list[str] = []
    started = time.monotonic()
    deadline = started + SECONDS
    while time.monotonic() < deadline or (opens < OPENS and time.monotonic() < deadline + 60):
        try:
            prepare_database(path)
            connection = sqlite3.connect(path, timeout=30)
            try:
                connection.execute("SELECT COUNT(*) FROM contact").fetchone()
            finally:
                connection.close()
        except DatabaseRefused as refused:
            refusals.append(str(refused))
        except sqlite3.OperationalError as error:
            locked.append(str(error))
        opens += 1
    elapsed = time.monotonic() - started
    outputs = [writer.communicate("stop\n", timeout=120) for writer in writers]
    written = 0
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err, err
        written += int(out.split()[-1])
    assert opens >= OPENS, "the reader should have opened the file many times"
    print(f"{opens} opens, {written} writes by {WRITERS} writers in {elapsed:.1f} s")  # noqa: T201
    assert refusals == []
    assert locked == []
    assert written > WRITERS, "the writers should have written"
    assert scalar(path, "SELECT COUNT(*) FROM contact") == written
    assert scalar(path, "PRAGMA integrity_check") == "ok"
