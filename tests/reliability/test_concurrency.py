"""A process holds the database while others write through the CLI: every write lands, no locks."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.core.agenda import build_agenda
from refterm.core.contacts import contact_page
from refterm.core.demo import load_demo
from refterm.core.interactions import log_interaction
from refterm.db.database import Database
from refterm.db.session import reading
from refterm.model.vocab import Channel, Outcome
from tests.reliability.helpers import WRITER
from tests.support import TODAY

WRITERS = {"Alpha": 30, "Beta": 20}  # 50 contacts in all, from two processes at once


@pytest.fixture
def held_database(tmp_path: Path) -> Database:
    database = Database.open(tmp_path / "refterm.db")
    load_demo(database, TODAY)
    return database


class Holder(threading.Thread):
    """What an open TUI does: reads in a loop, keeps read transactions open, writes sometimes."""

    def __init__(self, database: Database) -> None:
        super().__init__(daemon=True)
        self.database = database
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.seen: list[int] = []
        self.writes = 0

    def run(self) -> None:
        today = TODAY
        settings = Settings()
        try:
            while not self.stop.is_set():
                page = contact_page(self.database, search="concurrent", limit=20)
                self.seen.append(page.total)
                build_agenda(self.database, today, settings, limit=20)
                with reading(self.database) as session:  # a read transaction held a while
                    session.connection().exec_driver_sql("SELECT COUNT(*) FROM interaction").one()
                    time.sleep(0.02)
                    session.connection().exec_driver_sql("SELECT COUNT(*) FROM contact").one()
                if len(self.seen) % 5 == 0:
                    log_interaction(
                        self.database, 1, Channel.EMAIL, today, settings, outcome=Outcome.REACHED
                    )
                    self.writes += 1
        except BaseException as error:  # reported by the test, not lost in the thread
            self.errors.append(error)


def test_cli_writes_land_while_another_process_holds_the_database(
    held_database: Database, tmp_path: Path
) -> None:
    db = tmp_path / "refterm.db"
    holder_logged_before = count(held_database, HOLDER_LOGGED)
    holder = Holder(held_database)
    holder.start()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), prefix, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for prefix, count in WRITERS.items()
    ]
    outputs = [writer.communicate(timeout=300) for writer in writers]
    holder.stop.set()
    holder.join(timeout=60)
    assert not holder.is_alive()
    assert holder.errors == []
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
        assert "Traceback" not in err
    assert holder.writes > 0, "the holder should have written while the writers ran"
    # Counts only grow: a reader never sees a half-applied command.
    assert holder.seen == sorted(holder.seen)

    # After a refresh (a new unit of work), the holder sees every write.
    total = sum(WRITERS.values())
    assert contact_page(held_database, search="concurrent").total == total
    logged = count(
        held_database,
        "SELECT COUNT(*) FROM interaction JOIN contact ON contact.id = contact_id"
        " WHERE contact.company = 'Concurrent Co' AND summary LIKE 'call %'",
    )
    touched = count(
        held_database,
        "SELECT COUNT(*) FROM contact WHERE company = 'Concurrent Co'"
        f" AND last_contacted_on = '{TODAY}'",
    )
    assert logged == total
    assert touched == total
    assert count(held_database, HOLDER_LOGGED) == holder_logged_before + holder.writes
    with held_database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    held_database.dispose()


HOLDER_LOGGED = "SELECT COUNT(*) FROM interaction WHERE contact_id = 1 AND channel = 'email'"


def count(database: Database, sql: str) -> int:
    with reading(database) as session:
        return int(session.connection().exec_driver_sql(sql).scalar_one())
