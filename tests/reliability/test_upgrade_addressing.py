"""Revision 0005 adds the addressing fields with safe defaults and moves the English sentence the
LinkedIn import once wrote in how_we_met into a date of its own."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from alembic import command

from refterm.core.contacts import get_contact
from refterm.core.profile import get_profile
from refterm.db.database import Database
from refterm.db.engine import make_engine
from refterm.db.migrate import alembic_config

STAMP = "2025-03-01 12:00:00.000000"
SENTENCES = (
    (1, "Connected on LinkedIn on March 15, 2024", date(2024, 3, 15), None),
    (2, "Relation LinkedIn depuis le 1er février 2021", date(2021, 2, 1), None),
    (3, "Connected on LinkedIn", None, None),
    (
        4,
        "Connected on LinkedIn at the Paris meetup",
        None,
        "Connected on LinkedIn at the Paris meetup",
    ),
    (5, "Collègues chez Thales, 2019-2022", None, "Collègues chez Thales, 2019-2022"),
)


def test_linkedin_sentences_become_dates_and_defaults_are_safe(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as migrating:
        config.attributes["connection"] = migrating  # type: ignore[attr-defined]
        command.upgrade(config, "0002")  # type: ignore[arg-type]
    engine.dispose()
    connection = sqlite3.connect(path)
    for contact_id, sentence, _, _ in SENTENCES:
        connection.execute(
            "INSERT INTO contact (id, full_name, sort_key, search_text, how_we_met, created_at,"
            " updated_at) VALUES (?, ?, '', '', ?, ?, ?)",
            (contact_id, f"Person {contact_id}", sentence, STAMP, STAMP),
        )
    connection.execute("INSERT INTO profile (id, name) VALUES (1, 'Amine Kettani')")
    connection.commit()
    connection.close()

    upgraded = Database.open(path)
    for contact_id, _, connected_on, how_we_met in SENTENCES:
        contact = get_contact(upgraded, contact_id)
        assert (contact.connected_on, contact.how_we_met) == (connected_on, how_we_met)
        assert (contact.formality, contact.civility, contact.known_since) == ("auto", "none", None)
    assert get_profile(upgraded).search_status == "open"
    upgraded.dispose()
