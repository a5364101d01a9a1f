"""The main screens in French (the `french` fixture): demo data, fixed today, 120x36 and 80x24.

Regenerate with `pytest tests/ui/test_snapshots_fr.py --snapshot-update` and look at each SVG:
French words, and columns and footer that still fit.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import pytest
from textual.pilot import Pilot

from refterm.db.database import Database
from tests.ui.helpers import SIZE, build_app, settle
from tests.ui.test_snapshots import Compare, steps
from tests.ui.writes import until

SMALL = (80, 24)

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture
def shoot(
    snap_compare: Compare, french_demo_database: Database, today: date
) -> Callable[..., bool]:
    def take(run_before: Callable[[Pilot[None]], Awaitable[None]], size: tuple[int, int]) -> bool:
        return snap_compare(
            build_app(french_demo_database, today), terminal_size=size, run_before=run_before
        )

    return take


def palette_listing(query: str = "dossier") -> Callable[[Pilot[None]], Awaitable[None]]:
    """Open the palette, type `query` and wait until every provider has answered.

    With a query the hits are ranked by score; an empty palette lists them in the order the
    providers happen to answer, which varies from run to run.
    """

    async def run_before(pilot: Pilot[Any]) -> None:
        from textual.command import CommandList

        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*query)

        def listed() -> int:
            lists = pilot.app.screen.query(CommandList)
            return lists.first().option_count if lists else 0

        await until(pilot, lambda: listed() >= 2, "the palette's hits")
        await settle(pilot)

    return run_before


class TestFrenchAt120:
    def test_today(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(), SIZE)

    def test_contacts(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2"), SIZE)

    def test_asks(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3"), SIZE)

    def test_dossier(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("4"), SIZE)

    def test_contact_page(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Claire Dubois", then=["enter"]), SIZE)

    def test_help(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("question_mark"), SIZE)

    def test_palette(self, shoot: Callable[..., bool]) -> None:
        assert shoot(palette_listing(), SIZE)


class TestFrenchAt80:
    def test_today(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(), SMALL)

    def test_contacts(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2"), SMALL)
