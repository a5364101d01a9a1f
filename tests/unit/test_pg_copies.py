"""The PostgreSQL copies the tests share: a copy put back holds exactly what its template holds,
and one whose shape a test changed is never lent again."""

from __future__ import annotations

from typing import Any

import pytest

from refterm.config import Settings
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.db.database import Database
from tests import pg_cluster

pytestmark = pytest.mark.postgresql


def _contents(copies: pg_cluster.Copies, name: str) -> dict[str, Any]:
    """Every row of every table, in order, and where each sequence stands."""
    with pg_cluster.connect(copies.socket, name) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        found: dict[str, Any] = {
            table: connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
            for table in tables
        }
        found["sequences"] = connection.execute(
            "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
        ).fetchall()
    return found


def test_a_copy_comes_back_as_the_template_was(
    pg_copies: dict[str, pg_cluster.Copies],
) -> None:
    copies = pg_copies["refterm_demo"]
    template = _contents(copies, copies.template)
    assert template["contact"] and template["ask"]
    name = copies.lend()
    database = Database.open(pg_cluster.url(copies.socket, name))
    # The app's own write path: a new contact (its id from the sequence) and its journal entry.
    create_contact(database, validate(ContactForm(full_name="Zoé Martin"), Settings()))
    with pg_cluster.connect(copies.socket, name) as connection:
        connection.execute("DELETE FROM interaction")
        # A session left open with a transaction under way, as a test that fails midway leaves.
        lingering = pg_cluster.connect(copies.socket, name)
        lingering.autocommit = False
        lingering.execute("UPDATE contact SET notes = 'changed'")
    assert _contents(copies, name) != template
    database.dispose()

    copies.take_back(name)

    assert copies.lend() == name
    assert _contents(copies, name) == template
    copies.take_back(name)
    lingering.close()


def test_a_copy_whose_shape_changed_is_dropped(pg_copies: dict[str, pg_cluster.Copies]) -> None:
    copies = pg_copies["refterm_template"]
    name = copies.lend()
    with pg_cluster.connect(copies.socket, name) as connection:
        connection.execute("CREATE INDEX ix_test_only ON contact (notes)")

    copies.take_back(name)

    assert copies.lend() != name
    with pg_cluster.connect(copies.socket, "postgres") as connection:
        names = [row[0] for row in connection.execute("SELECT datname FROM pg_database")]
    assert name not in names
