"""Between keys: the app's full garbage collections wait for a pause in the input."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from textual import events

from refterm.db.database import Database
from tests.ui.helpers import SIZE, build_app, settle


async def test_a_full_collection_waits_for_a_second_without_a_key(
    demo_database: Database, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    collections: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collections.append(generation) or 0)
    app = build_app(demo_database, today)
    # build_app keeps the app's own timer out of the way (QUIET_SECONDS): the test looks itself.
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app._collect_between_keys()  # nothing typed: nothing to collect
        assert collections == []
        for key in ("2", "slash", "m", "a"):
            await pilot.press(key)
            app._collect_between_keys()  # a key came within the last QUIET_SECONDS: not now
        assert collections == []
        await settle(pilot)
        app._collect_between_keys()  # a quiet second after the typing: now
        assert collections == [2]
        app._collect_between_keys()  # and not again until someone types
        assert collections == [2]
        app.post_message(events.Paste("Zoé Martin"))  # a paste is input too
        await settle(pilot)
        app._collect_between_keys()
        assert collections == [2]
        app._collect_between_keys()
        assert collections == [2, 2]
