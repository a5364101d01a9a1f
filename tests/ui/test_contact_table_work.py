"""The Contacts table's work per query: a count only when the rows cannot say how many match."""

from __future__ import annotations

from textual.app import App, ComposeResult

from refterm.core.contacts import ContactPage, ContactRow
from refterm.model.vocab import ContactSort
from refterm.widgets.contact_table import BLOCK, ContactTable
from tests.support import TODAY
from tests.ui.helpers import settle


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
