"""The Contacts table's work per query: a count only when the rows cannot say how many match,
and a typed query drawn with its rows."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input

from refterm.core.contacts import ContactPage, ContactRow
from refterm.db.database import Database
from refterm.model.vocab import ContactSort
from refterm.screens.today import TodayScreen
from refterm.widgets import contact_table
from refterm.widgets.contact_table import BLOCK, ContactTable
from tests.support import TODAY
from tests.ui.helpers import SIZE, build_app, settle


class Network:
    """A page function over `size` people (`size_for_search` when filtered); records each call."""

    def __init__(self, size: int, size_for_search: int) -> None:
        self.size = size
        self.size_for_search = size_for_search
        self.calls: list[tuple[str, int, bool]] = []

    def fetch(
        self, search: str, sort: ContactSort, offset: int, limit: int, with_total: bool
    ) -> ContactPage:
        self.calls.append((search, offset, with_total))
        matching = self.size_for_search if search else self.size
        rows = [
            ContactRow(id=number, full_name=f"Person {number:05}", company=None, title=None,
                       relationship=None, last_contacted_on=None, open_asks=0)
            for number in range(offset, min(offset + limit, matching))
        ]  # fmt: skip
        return ContactPage(rows=rows, total=matching if with_total else -1)

    def counts(self) -> list[tuple[str, int, bool]]:
        return [call for call in self.calls if call[2]]


class TableApp(App[None]):
    def __init__(self, network: Network) -> None:
        super().__init__()
        self.network = network

    def compose(self) -> ComposeResult:
        yield ContactTable(self.network.fetch, TODAY)


async def test_a_filter_with_few_matches_takes_its_total_from_the_rows() -> None:
    network = Network(size=3 * BLOCK + 50, size_for_search=3)
    app = TableApp(network)
    async with app.run_test(size=(100, 20)) as pilot:
        table = app.query_one(ContactTable)
        table.set_query("", ContactSort.NAME)
        await settle(pilot)
        assert table.total == 3 * BLOCK + 50
        assert network.counts() == [("", 0, True)]  # a full first block: counted once
        network.calls.clear()
        table.set_query("person", ContactSort.NAME)
        await settle(pilot)
        assert table.total == table.row_count == 3
        assert [row.full_name for row in table._rows.values()] == [
            "Person 00000", "Person 00001", "Person 00002"
        ]  # fmt: skip
        assert network.counts() == []  # three rows said it all: no count query


async def test_a_reload_past_the_new_end_counts_and_moves_the_cursor_back() -> None:
    network = Network(size=3 * BLOCK + 50, size_for_search=0)
    app = TableApp(network)
    async with app.run_test(size=(100, 20)) as pilot:
        table = app.query_one(ContactTable)
        table.set_query("", ContactSort.NAME)
        await settle(pilot)
        table.action_last()
        await settle(pilot)
        assert table.highlighted is not None and table.highlighted.id == 3 * BLOCK + 49
        network.size = BLOCK + 20  # another process archived many contacts
        network.calls.clear()
        table.reload()
        await settle(pilot)
        # The cursor's block came back empty, which says nothing of the total: it was counted.
        assert network.counts() == [("", 0, True)]
        assert table.total == BLOCK + 20
        assert table.cursor == BLOCK + 19
        await settle(pilot)
        assert table.highlighted is not None and table.highlighted.id == BLOCK + 19


class Gated(Network):
    """A page function whose filtered reads wait for `gate` (a query still on its way)."""

    def __init__(self, size: int, size_for_search: int) -> None:
        super().__init__(size, size_for_search)
        self.gate = threading.Event()

    def fetch(
        self, search: str, sort: ContactSort, offset: int, limit: int, with_total: bool
    ) -> ContactPage:
        if search:
            self.gate.wait(timeout=60)
        return super().fetch(search, sort, offset, limit, with_total)


class FilterApp(App[None]):
    """A filter above the table, as on the Contacts screen."""

    def __init__(self, network: Network) -> None:
        super().__init__()
        self.network = network
        self.frames: list[tuple[str, bool]] = []  # (the filter, its rows shown) per frame

    def compose(self) -> ComposeResult:
        yield Input()
        yield ContactTable(self.network.fetch, TODAY)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(ContactTable).set_query(event.value, ContactSort.NAME)

    def _display(self, screen: Any, renderable: Any) -> None:
        super()._display(screen, renderable)
        if renderable is not None:
            table = self.query_one(ContactTable)
            self.frames.append((self.query_one(Input).value, table.showing_latest_query))


def gated_filter(monkeypatch: pytest.MonkeyPatch, hold: float) -> tuple[FilterApp, Gated]:
    """A filter over a table whose filtered rows wait for the gate, drawn after at most `hold`."""
    monkeypatch.setattr(contact_table, "HOLD_SECONDS", hold)
    network = Gated(size=BLOCK + 50, size_for_search=3)
    return FilterApp(network), network


async def test_a_typed_letter_is_drawn_with_its_rows_not_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, network = gated_filter(monkeypatch, hold=600.0)  # only the rows end the wait
    async with app.run_test(size=(100, 20)) as pilot:
        table = app.query_one(ContactTable)
        await settle(pilot)
        app.frames.clear()
        await pilot.press("p")  # the app goes round its loop while the rows are on their way
        await pilot.pause()
        assert table.search == "p" and not table.showing_latest_query
        network.gate.set()
        await settle(pilot)
        assert table.total == 3
        # Without the wait, the letter came first in a frame of its own, the rows a frame later.
        assert app.frames and all(shown for typed, shown in app.frames if typed == "p")


async def test_a_slow_query_still_shows_the_typed_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    app, network = gated_filter(monkeypatch, hold=0.01)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        app.frames.clear()
        try:
            await pilot.press("p")
            while ("p", False) not in app.frames:  # the rows never come: the letter does
                await pilot.pause()
        finally:
            network.gate.set()
        await settle(pilot)
        assert app.frames[-1] == ("p", True)


async def test_a_wait_ended_by_its_rows_leaves_the_next_one_its_whole_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, network = gated_filter(monkeypatch, hold=1.0)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        network.gate.set()
        first = time.monotonic()
        await pilot.press("p")
        await settle(pilot)  # its rows came: that wait ended with them
        network.gate.clear()
        apart = asyncio.Event()
        app.set_timer(0.3, apart.set)
        await apart.wait()
        try:
            await pilot.press("a")  # a second wait, for rows that do not come yet
            second = time.monotonic()
            # Past the end of the first wait's time, well before the end of the second's.
            past_first = asyncio.Event()
            app.set_timer(first + 1.0 - time.monotonic() + (second - first) / 2, past_first.set)
            await past_first.wait()
            assert ("pa", False) not in app.frames  # the first wait's timer did not end this one
        finally:
            network.gate.set()
        await settle(pilot)
        assert app.frames[-1] == ("pa", True)


async def test_a_screen_switched_to_while_the_rows_are_awaited_is_drawn(
    monkeypatch: pytest.MonkeyPatch, demo_database: Database
) -> None:
    monkeypatch.setattr(contact_table, "HOLD_SECONDS", 1.5)
    app = build_app(demo_database, TODAY)
    today_drawn = asyncio.Event()
    display = app._display

    def noting_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        # A frame goes out (the headless driver drops its bytes; a held one is not made).
        if renderable is not None and not app._batch_count and isinstance(screen, TodayScreen):
            today_drawn.set()

    app._display = noting_display  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one(ContactTable)
        gate = threading.Event()
        fetch = table.fetch
        table.fetch = lambda *query: (gate.wait(60), fetch(*query))[1]  # rows on their way
        try:
            await pilot.press("slash", "p")  # frames wait for the rows, at most HOLD_SECONDS
            today_drawn.clear()
            app.switch_mode("today")  # what a click on Today in the mode bar does
            # Not pilot.pause: it prompts the screen, which the end of the wait must do itself.
            await asyncio.wait_for(today_drawn.wait(), timeout=30)
        finally:
            gate.set()
        await settle(pilot)
