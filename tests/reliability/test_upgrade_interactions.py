"""A database made by refterm 0.1.0 (revision 0002) with asks in every state upgrades with the
interactions its ask moves never recorded, and its review then tells the truth."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from refterm.config import Settings
from refterm.core.agenda import Section, build_agenda
from refterm.db.database import Database
from refterm.db.engine import make_engine
from refterm.db.migrate import alembic_config
from tests.reliability.helpers import refterm, scalar
from tests.support import TODAY

STAMP = "2026-01-05 12:00:00.000000"
# id, name, relationship, keep_in_touch_days, last_contacted_on as 0.1.0 stored it
CONTACTS = (
    (1, "Planned Paul", "manager", None, None),
    (2, "Asked Alice", "manager", None, None),
    (3, "Agreed Aziz", "client", None, None),
    (4, "Received Rita", "mentor", None, None),
    (5, "Declined Dan", "colleague", None, None),
    (6, "Withdrawn Wanda", "colleague", None, None),
    (7, "Voicemail Victor", "manager", None, "2026-11-20"),
)
# id, contact, kind, platform, status, asked, agreed, received, thanked, follow-up
ASKS = (
    (1, 1, "reference", "phone", "planned", None, None, None, None, None),
    (2, 2, "recommendation", "linkedin", "asked", "2026-11-10", None, None, None, "2026-11-17"),
    (3, 3, "reference", "phone", "agreed", "2026-11-01", "2026-11-03", None, None, None),
    (4, 4, "recommendation", "email", "received", "2026-10-01", "2026-10-02", "2026-11-20",
     None, None),
    (5, 4, "recommendation", "linkedin", "received", "2026-03-01", "2026-03-02", "2026-03-20",
     "2026-03-21", None),
    (6, 5, "reference", "phone", "declined", "2026-11-12", None, None, None, None),
    (7, 6, "reference", "phone", "withdrawn", "2026-06-01", None, None, None, None),
    (8, 7, "reference", "phone", "asked", "2026-08-01", None, None, None, "2026-11-23"),
)  # fmt: skip
# id, contact, ask, occurred_on, channel, outcome: the asking call of Alice was logged, and
# Victor's voicemail counted as contact in 0.1.0 (it set his last contact).
INTERACTIONS = (
    (1, 2, 2, "2026-11-10", "call", "reached"),
    (2, 7, 8, "2026-11-20", "call", "voicemail"),
)
# id, ask, company, shared, briefed
USES = (
    (1, 3, "Decathlon", "2026-11-05", "2026-11-06"),
    (2, 3, "Zalando", "2026-11-24", None),
)


def make_0_1_0_database(path: Path) -> None:
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as migrating:
        config.attributes["connection"] = migrating  # type: ignore[attr-defined]
        command.upgrade(config, "0002")  # type: ignore[arg-type]
    engine.dispose()
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO contact (id, full_name, sort_key, search_text, relationship,"
            " keep_in_touch_days, last_contacted_on, created_at, updated_at)"
            f" VALUES (?, ?, lower(?2), lower(?2), ?, ?, ?, '{STAMP}', '{STAMP}')",
            CONTACTS,
        )
        connection.executemany(
            "INSERT INTO ask (id, contact_id, kind, platform, status, asked_on, agreed_on,"
            " received_on, thanked_on, follow_up_on, times_asked, created_at, updated_at)"
            f" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, '{STAMP}', '{STAMP}')",
            ASKS,
        )
        connection.executemany(
            "INSERT INTO interaction (id, contact_id, ask_id, occurred_on, channel, outcome,"
            f" created_at) VALUES (?, ?, ?, ?, ?, ?, '{STAMP}')",
            INTERACTIONS,
        )
        connection.executemany(
            "INSERT INTO reference_use (id, ask_id, company, shared_on, briefed_on, created_at)"
            f" VALUES (?, ?, ?, ?, ?, '{STAMP}')",
            USES,
        )
    connection.close()
    assert scalar(path, "SELECT version_num FROM alembic_version") == "0002"


@pytest.fixture
def old_database(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "refterm.db"
    path.parent.mkdir()
    make_0_1_0_database(path)
    return path


def history(path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT contact_id, ask_id, occurred_on, channel, outcome, summary FROM interaction"
            " ORDER BY contact_id, occurred_on, id"
        ).fetchall()
    finally:
        connection.close()


def test_asks_in_every_state_gain_their_interactions(old_database: Path) -> None:
    Database.open(old_database).dispose()
    assert history(old_database) == [
        (2, 2, "2026-11-10", "call", "reached", None),  # already logged: not doubled
        (3, 3, "2026-11-01", "call", None, "Asked for a reference"),
        (3, 3, "2026-11-03", "call", None, "Agreed to be a reference"),
        (3, 3, "2026-11-06", "call", None, "Briefed them before Decathlon calls"),
        (4, 5, "2026-03-01", "message", None, "Asked for a recommendation"),
        (4, 5, "2026-03-02", "message", None, "Agreed to write a recommendation"),
        (4, 5, "2026-03-20", "message", None, "Wrote the recommendation"),
        (4, 5, "2026-03-21", "message", None, "Thanked them for the recommendation"),
        (4, 4, "2026-10-01", "email", None, "Asked for a recommendation"),
        (4, 4, "2026-10-02", "email", None, "Agreed to write a recommendation"),
        (4, 4, "2026-11-20", "email", None, "Wrote the recommendation"),
        (5, 6, "2026-11-12", "call", None, "Asked for a reference"),
        (6, 7, "2026-06-01", "call", None, "Asked for a reference"),
        (7, 8, "2026-08-01", "call", None, "Asked for a reference"),
        (7, 8, "2026-11-20", "call", "voicemail", None),
    ]
    last = dict(sqlite3.connect(old_database).execute("SELECT id, last_contacted_on FROM contact"))
    assert last == {
        1: None,
        2: "2026-11-10",
        3: "2026-11-06",
        4: "2026-11-20",
        5: "2026-11-12",
        6: "2026-06-01",
        7: "2026-08-01",  # the voicemail was an attempt, not contact
    }
    # Opening again derives nothing twice.
    Database.open(old_database).dispose()
    assert len(history(old_database)) == 15


def test_the_upgraded_review_is_true(old_database: Path) -> None:
    database = Database.open(old_database)
    try:
        agenda = build_agenda(database, TODAY, Settings())
    finally:
        database.dispose()
    rows = {section: [item.contact_name for item in agenda.section(section)] for section in Section}
    assert rows == {
        Section.REFERENCES_TO_BRIEF: ["Agreed Aziz"],
        Section.FOLLOW_UPS: ["Asked Alice", "Voicemail Victor"],
        Section.ASKS_TO_MAKE: ["Planned Paul"],
        Section.THANKS_OWED: ["Received Rita"],
        Section.OWES_RECOMMENDATION: [],
        Section.RETURN_ASKS: [],
        Section.CHANGED_JOBS: [],
        # Wanda (colleague, 120 days) was last reached in June; Paul (manager) never was.
        Section.GOING_COLD: ["Withdrawn Wanda"],
    }
    by_name = {item.contact_name: item for part in Section for item in agenda.section(part)}
    assert by_name["Planned Paul"].also == (Section.GOING_COLD,)
    assert by_name["Voicemail Victor"].also == (Section.GOING_COLD,)  # 117 days, cadence 90
    assert by_name["Agreed Aziz"].also == ()


def test_the_cli_reads_the_derived_last_contact(old_database: Path) -> None:
    result = refterm("--db", str(old_database), "--today", TODAY.isoformat(), "contact", "list",
                     "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = {item["full_name"]: item["last_contacted_on"] for item in json.loads(result.stdout)}
    assert found["Agreed Aziz"] == "2026-11-06"
    assert found["Voicemail Victor"] == "2026-08-01"
