"""Snapshots of the delete questions, the archived view, the twin warning and the merge dialogs.

Demo data, 120x36, fixed today, as in test_snapshots.py.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from refterm.db.database import Database
from tests.ui.helpers import SIZE, build_app, settle
from tests.ui.test_snapshots import Compare, steps


@pytest.fixture
def shoot(snap_compare: Compare, demo_database: Database, today: date) -> Callable[..., bool]:
    def take(run_before: Callable[[Pilot[None]], Awaitable[None]]) -> bool:
        return snap_compare(
            build_app(demo_database, today), terminal_size=SIZE, run_before=run_before
        )

    return take


def typed(
    *keys: str,
    text: str,
    then: tuple[str, ...] = (),
    row: str | None = None,
    row_keys: tuple[str, ...] = (),
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Press `keys` (then pick `row` and press `row_keys`), type `text`, then press `then`."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await steps(*keys, row=row, then=row_keys)(pilot)
        await pilot.press(*text)
        await settle(pilot)
        for key in then:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def in_timeline() -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await steps("2", row="Sarah Mitchell", then=["enter"])(pilot)
        pilot.app.screen.query_one("#timeline", OptionList).focus()
        await pilot.press("down", "d")
        await settle(pilot)

    return run_before


class TestLifecycleSnapshots:
    def test_delete_contact_question(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Yasmine Benali", then=["d"]))

    def test_delete_ask_question(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3", row="Sarah Mitchell", then=["d"]))

    def test_delete_interaction_question(self, shoot: Callable[..., bool]) -> None:
        assert shoot(in_timeline())

    def test_archived_view(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Sophie Laurent", then=["x", "y", "A"]))

    def test_twin_warning(self, shoot: Callable[..., bool]) -> None:
        assert shoot(typed("2", "n", text="sarah mitchel", then=("ctrl+s",)))

    def test_merge_picker(self, shoot: Callable[..., bool]) -> None:
        assert shoot(typed("2", row="Karim Ouazzani", row_keys=("M",), text="tazi"))

    def test_merge_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(
            typed("2", row="Karim Ouazzani", row_keys=("M",), text="tazi", then=("enter",))
        )
