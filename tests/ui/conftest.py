"""UI fixtures: the demo network as a French user loads it (its history in French)."""

from __future__ import annotations

from datetime import date

import pytest

from refterm.db.database import Database


@pytest.fixture
def french_demo_database(database: Database, today: date, french: None) -> Database:
    """The demo loaded with the interface in French: what `refterm demo` gives a French user."""
    from refterm.core.demo import load_demo

    load_demo(database, today)
    return database
