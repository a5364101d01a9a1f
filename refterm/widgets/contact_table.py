"""The Contacts table on Textual's Line API: only the rows on screen are ever fetched.

Rows come in blocks of `BLOCK` from a page function (SQL paging and filtering in `core`),
read in thread workers; a few blocks around the viewport are kept, the rest dropped. The row
count is taken separately, so the first rows of a filter show before everything is counted.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events, on, work
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from refterm.core.contacts import ContactPage, ContactRow
from refterm.model.i18n import N_, _, number
from refterm.model.relative import age
from refterm.model.vocab import ContactSort, Relationship, label
from refterm.widgets.section_list import cell

BLOCK = 100
KEEP_BLOCKS = 12
# How long a new query's first frame waits for its rows. Textual draws at most one frame per
# 1/60 s, and the frame after one drawn from idle comes 17 to 33 ms later: a frame that showed
# the typed letter alone would put the rows that far behind it. Rows usually come in ~20 ms.
HOLD_SECONDS = 0.05
MARK = "●"  # in the margin of a marked row
PageFetcher = Callable[[str, ContactSort, int, int, bool], ContactPage]


@dataclass(frozen=True)
class TableColumn:
    """One column of the table: what it shows and how it gives way on a narrow screen.

    A column is as wide as its longest cell among the rows read (within `least`..`most`); an
    empty one is not shown. When the table is too narrow, columns shrink to `least`, then drop,
    highest `drop` first (0: never dropped).
    """

    title: str  # title and short are N_-marked: `_` them where shown
    short: str
    text: Callable[[ContactRow, date], str]
    least: int
    most: int
    drop: int
    right: bool = False


COLUMNS: tuple[TableColumn, ...] = (
    TableColumn(N_("Name"), N_("Name"),
                lambda row, today: _("{name} · archived").format(name=row.full_name)
                if row.archived else row.full_name, 16, 32, 0),
    TableColumn(N_("Company"), N_("Company"), lambda row, today: row.company or "", 10, 28, 2),
    TableColumn(N_("Title"), N_("Title"), lambda row, today: row.title or "", 16, 40, 5),
    TableColumn(N_("Relationship"), N_("Relation"),
                lambda row, today: label(Relationship, row.relationship), 13, 17, 4),
    TableColumn(N_("Last contact"), N_("Last"),
                lambda row, today: age(row.last_contacted_on, today), 6, 13, 1, right=True),
    TableColumn(N_("Open asks"), N_("Asks"),
                lambda row, today: number(row.open_asks) if row.open_asks else "",
                4, 9, 3, right=True),
)  # fmt: skip


def fit_columns(columns: Sequence[TableColumn], longest: Sequence[int], width: int) -> list[int]:
    """Each column's width on a table `width` cells wide (0: not shown).

    `longest`: the longest cell of each column among the rows read (0: all empty).
    """
    wanted = [
        0 if not cells and column.drop else min(max(cells, cell_len(_(column.short))), column.most)
        for column, cells in zip(columns, longest, strict=True)
    ]
    widths = list(wanted)

    def total() -> int:
        return 1 + sum(w + 1 for w in widths if w)

    # The least useful column shrinks to its `least`; if that is not enough it goes, and the
    # next one is tried. Columns never dropped shrink last.
    for at in sorted(range(len(columns)), key=lambda at: -columns[at].drop):
        if total() <= width:
            break
        if not widths[at]:
            continue
        widths[at] = max(min(columns[at].least, widths[at]), widths[at] - (total() - width))
        if total() > width and columns[at].drop:
            widths[at] = 0
    return widths


@dataclass(frozen=True)
class _Looks:
    """What every line of one frame of the table is drawn with."""

    width: int
    base: Style
    header: Style
    muted: Style
    cursor: Style

    @functools.cached_property
    def base_muted(self) -> Style:
        return self.base + self.muted

    @functools.cached_property
    def base_cursor(self) -> Style:
        return self.base + self.cursor


class ContactTable(ScrollView, can_focus=True):
    """Name, company, title, relationship, last contact and open asks, for any number of rows."""

    DEFAULT_CSS = """
    ContactTable {
        height: 1fr;
        overflow-x: hidden;
        & > .contact-table--header { text-style: bold; color: $text-accent; }
        & > .contact-table--muted { color: $text-muted; }
        & > .contact-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .contact-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """
    COMPONENT_CLASSES = {"contact-table--header", "contact-table--cursor", "contact-table--muted"}
    BINDINGS = [
        Binding(
            "down,j", "cursor_down", N_("Down"), show=False, tooltip=N_("Next row"), id="table.down"
        ),
        Binding(
            "up,k", "cursor_up", N_("Up"), show=False, tooltip=N_("Previous row"), id="table.up"
        ),
        Binding(
            "pagedown",
            "page_down",
            N_("Page down"),
            show=False,
            tooltip=N_("One screen down"),
            id="table.page-down",
        ),
        Binding(
            "pageup",
            "page_up",
            N_("Page up"),
            show=False,
            tooltip=N_("One screen up"),
            id="table.page-up",
        ),
        Binding(
            "home", "first", N_("First"), show=False, tooltip=N_("First row"), id="table.first"
        ),
        Binding("end", "last", N_("Last"), show=False, tooltip=N_("Last row"), id="table.last"),
        Binding(
            "enter",
            "choose",
            N_("Open"),
            tooltip=N_("Open the highlighted row (on a heading: fold or unfold it)"),
            id="table.open",
        ),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    @dataclass
    class RowHighlighted(Message):
        """The cursor moved to `row` (None while its block is loading, or when empty)."""

        row: ContactRow | None

    @dataclass
    class RowChosen(Message):
        """Enter (or a double click) on a row."""

        row: ContactRow

    @dataclass
    class Counted(Message):
        """How many contacts match the current filter (None while counting)."""

        total: int | None

    @dataclass
    class MarksChanged(Message):
        """Rows were marked or unmarked; `count` are marked now."""

        count: int

    @dataclass
    class _BlockLoaded(Message):
        generation: int
        block: int
        rows: list[ContactRow]

    @dataclass
    class _TotalLoaded(Message):
        generation: int
        total: int

    def __init__(self, fetch: PageFetcher, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fetch = fetch
        self.today = today
        self.search = ""
        self.sort = ContactSort.NAME
        self.total: int | None = None
        self._generation = 0
        self._shown_generation = 0
        self._total_generation = 0
        self._rows: dict[int, ContactRow] = {}
        self._blocks: dict[int, int] = {}  # block -> generation it was loaded for
        self._pending: set[tuple[int, int]] = set()
        self._count_started = False
        self._wanted: int | None = None
        # Drawn rows, reused while neither the row, the cursor, the width nor the styles change.
        self._drawn: dict[tuple[object, ...], Strip] = {}
        self.empty_text = ""  # the screen says why it is empty
        self.marked: set[int] = set()  # contact ids, kept across filters and reloads
        # The longest cell of each column among the rows read for this query.
        self._longest = [0] * len(COLUMNS)
        self._widths: tuple[tuple[int, tuple[int, ...]], list[int]] | None = None
        self._looks: _Looks | None = None
        # The app's frames, held while a new query's rows are on their way.
        self._held: AbstractContextManager[None] | None = None
        self._hold_timer: Timer | None = None

    # -- reading ---------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        if self.total is not None:
            return self.total
        return max(self._rows, default=-1) + 1

    @property
    def showing_latest_query(self) -> bool:
        """Whether the rows on screen are those of the latest query (not the previous one's)."""
        return self._shown_generation == self._generation

    @property
    def highlighted(self) -> ContactRow | None:
        return self._rows.get(self.cursor) if self.row_count else None

    def set_query(self, search: str, sort: ContactSort, keep_position: bool = False) -> None:
        """Show the contacts matching `search` in `sort` order; rows load in the background."""
        self.search = search
        self.sort = sort
        self._generation += 1
        self._pending.clear()
        if not keep_position:
            self.cursor = 0
            if self.scroll_offset.y:
                self.scroll_to(y=0, animate=False, immediate=True)
        self._hold_frames()
        self._request(self.cursor // BLOCK)
        self._request_viewport()
        # No count query yet: a first block with room to spare already gives the total (most
        # filters), and a count beside the rows' query would slow the rows down on every key.
        # Nor "counting…" until the first rows say a count is needed: a frame of its own per key.
        self._count_started = False

    def _hold_frames(self) -> None:
        """Draw nothing until this query's rows come (at most HOLD_SECONDS): the typed letter
        and its rows then come in one frame, a frame sooner than the rows alone would."""
        if self._held is not None or not self.is_mounted or not self.screen.is_current:
            return
        self._held = self.app.batch_update()
        self._held.__enter__()
        # The app's timer, not the table's: frames come back even if the table goes away.
        self._hold_timer = self.app.set_timer(HOLD_SECONDS, self._hold_ran_out)

    def _hold_ran_out(self) -> None:
        self._hold_timer = None
        self._release_frames()

    def _release_frames(self) -> None:
        if self._hold_timer is not None:  # the rows came first: a later hold keeps its own time
            self._hold_timer.stop()
            self._hold_timer = None
        if self._held is not None:
            held, self._held = self._held, None
            held.__exit__(None, None, None)
            self.refresh()  # the screen, idle while held, draws what changed meanwhile
            # A screen put up meanwhile (a mode switched by a click) drew nothing either.
            stack = self.app.screen_stack
            if stack:
                stack[-1].check_idle()

    def on_unmount(self) -> None:
        self._release_frames()

    def reload(self) -> None:
        """Read the rows again (another process may have written), keeping the position."""
        self.set_query(self.search, self.sort, keep_position=True)

    def select_contact(self, contact_id: int) -> None:
        """Put the cursor on this contact once its row is loaded (e.g. one just added)."""
        self._wanted = contact_id
        self._find_wanted()

    # -- marks ---------------------------------------------------------------------------

    def toggle_mark(self) -> None:
        """Mark or unmark the highlighted row, then move down (space, space, space…)."""
        row = self.highlighted
        if row is None:
            return
        self.marked.symmetric_difference_update({row.id})
        self._marks_changed()
        self.action_cursor_down()

    def mark(self, contact_ids: list[int]) -> None:
        self.marked.update(contact_ids)
        self._marks_changed()

    def clear_marks(self) -> None:
        self.marked.clear()
        self._marks_changed()

    def _marks_changed(self) -> None:
        self.refresh()
        self.post_message(self.MarksChanged(len(self.marked)))

    def _find_wanted(self) -> None:
        if self._wanted is None:
            return
        for index, row in self._rows.items():
            if row.id == self._wanted:
                self._wanted = None
                self.cursor = index
                return

    def _request_viewport(self) -> None:
        top = int(self.scroll_offset.y)
        bottom = top + self.scrollable_content_region.height
        for block in range(top // BLOCK, bottom // BLOCK + 1):
            self._request(block)

    def _request(self, block: int) -> None:
        key = (self._generation, block)
        if key in self._pending or self._blocks.get(block) == self._generation:
            return
        self._pending.add(key)
        self._load_block(self._generation, block, self.search, self.sort)

    @work(thread=True, group="contact-blocks")
    def _load_block(self, generation: int, block: int, search: str, sort: ContactSort) -> None:
        page = self.fetch(search, sort, block * BLOCK, BLOCK, False)
        self.post_message(self._BlockLoaded(generation, block, page.rows))

    @work(thread=True, exclusive=True, group="contact-count")
    def _count(self, generation: int, search: str, sort: ContactSort) -> None:
        page = self.fetch(search, sort, 0, 0, True)
        self.post_message(self._TotalLoaded(generation, page.total))

    @on(_BlockLoaded)
    def _block_loaded(self, message: _BlockLoaded) -> None:
        message.stop()
        self._pending.discard((message.generation, message.block))
        if message.generation != self._generation:
            return
        self._release_frames()
        if self._shown_generation != self._generation:
            # First rows of a new query: drop the old ones now, not before (no flicker).
            self._rows.clear()
            self._blocks.clear()
            self._shown_generation = self._generation
            self._longest = [0] * len(COLUMNS)
            if self._total_generation != self._generation:
                self.total = None
        start = message.block * BLOCK
        for row in message.rows:
            for at, column in enumerate(COLUMNS):
                self._longest[at] = max(self._longest[at], cell_len(column.text(row, self.today)))
        for offset, row in enumerate(message.rows):
            self._rows[start + offset] = row
        self._blocks[message.block] = message.generation
        # A short block is the last one (an empty one past the end says nothing: count then).
        tail = len(message.rows) < BLOCK and (message.rows or message.block == 0)
        if tail and self.total is None:
            self.total = start + len(message.rows)
            self._total_generation = message.generation
            self.post_message(self.Counted(self.total))
        elif self.total is None and not self._count_started:
            self._count_started = True
            self.post_message(self.Counted(None))
            # Once these rows are painted: the count's query would compete with their frame.
            self.call_after_refresh(self._count, self._generation, self.search, self.sort)
        self._forget_far_blocks()
        if self.total is not None:
            self._update_size()
        elif message.rows:  # an empty block waits for the count
            # More rows follow: keep a taller size until the count comes (one layout, not two).
            self._update_size(at_least=True)
        self._find_wanted()
        self.refresh()
        if start <= self.cursor < start + BLOCK or self.cursor >= self.row_count:
            self._clamp_cursor()
            self.post_message(self.RowHighlighted(self.highlighted))

    @on(_TotalLoaded)
    def _total_loaded(self, message: _TotalLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        known = self.total == message.total and self._total_generation == message.generation
        self.total = message.total
        self._total_generation = message.generation
        self.post_message(self.Counted(message.total))
        if known:
            return  # the rows already said how many: nothing on screen changes
        self._update_size()
        self._clamp_cursor()
        self.refresh()

    def _forget_far_blocks(self) -> None:
        if len(self._blocks) <= KEEP_BLOCKS:
            return
        here = int(self.scroll_offset.y) // BLOCK
        for block in sorted(self._blocks, key=lambda b: abs(b - here))[KEEP_BLOCKS:]:
            del self._blocks[block]
            for index in range(block * BLOCK, (block + 1) * BLOCK):
                self._rows.pop(index, None)

    def _update_size(self, at_least: bool = False) -> None:
        height = self.row_count + 1
        if at_least:
            height = max(height, self.virtual_size.height)
        size = Size(self.scrollable_content_region.width, height)
        if size != self.virtual_size:  # a new virtual size lays out the whole screen again
            self.virtual_size = size

    def _clamp_cursor(self) -> None:
        if self.total is not None and self.cursor >= self.total:
            self.cursor = max(self.total - 1, 0)

    # -- drawing ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Draw the titles and rows again in the interface language (switched from the palette)."""
        self._drawn.clear()
        self._widths = None
        self.refresh()

    def column_widths(self, width: int) -> list[int]:
        """The columns' widths for this table width and the rows read (0: not shown)."""
        key = (width, tuple(self._longest))
        if self._widths is None or self._widths[0] != key:
            self._widths = (key, fit_columns(COLUMNS, self._longest, width))
        return self._widths[1]

    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles and the width once per frame, not once per line: `rich_style` walks every
        # ancestor's styles (a third of the table's drawing time). The same styles as the last
        # frame are kept as the same objects, so the drawn rows' keys match without comparing.
        looks = _Looks(
            self.scrollable_content_region.width,
            self.rich_style,
            self.get_component_rich_style("contact-table--header"),
            self.get_component_rich_style("contact-table--muted"),
            self.get_component_rich_style("contact-table--cursor"),
        )
        if looks != self._looks:
            self._looks = looks
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        looks = self._looks
        if looks is None:  # drawn outside a frame (Textual asks for a line at a point)
            self._looks = looks = _Looks(
                self.scrollable_content_region.width,
                self.rich_style,
                self.get_component_rich_style("contact-table--header"),
                self.get_component_rich_style("contact-table--muted"),
                self.get_component_rich_style("contact-table--cursor"),
            )
        width, base = looks.width, looks.base
        widths = self.column_widths(width)
        if y == 0:
            header = base + looks.header
            titles = tuple(
                _(column.title) if cell_len(_(column.title)) <= room else _(column.short)
                for column, room in zip(COLUMNS, widths, strict=True)
            )
            return self._strip(widths, titles, width, header, header)
        index = int(self.scroll_offset.y) + y - 1
        if index >= self.row_count:
            if self.total == 0 and y == 2:
                muted = base + looks.muted
                return self._strip(widths, (self.empty_text or _("No contacts"),), width, muted,
                                   muted, whole=True)  # fmt: skip
            return Strip.blank(width, base)
        row = self._rows.get(index)
        muted = looks.base_muted
        if row is None:
            self._request(index // BLOCK)
            return self._strip(widths, ("…",), width, muted, muted)
        on_cursor = index == self.cursor
        key = (row, row.id in self.marked, on_cursor, self.has_focus, width, tuple(widths), looks)
        drawn = self._drawn.get(key)
        if drawn is not None:
            return drawn
        style = base
        if on_cursor:
            style = muted = looks.base_cursor
        cells = tuple(column.text(row, self.today) for column in COLUMNS)
        mark = MARK if row.id in self.marked else " "
        if len(self._drawn) > 4 * BLOCK:
            self._drawn.clear()
        drawn = self._drawn[key] = self._strip(widths, cells, width, style, muted, mark=mark)
        return drawn

    @staticmethod
    def _strip(
        widths: Sequence[int],
        cells: tuple[str, ...],
        width: int,
        style: Style,
        muted: Style,
        whole: bool = False,
        mark: str = " ",
    ) -> Strip:
        if whole:  # one message across the table
            return Strip([Segment(" " + cell(cells[0], width - 1), muted)]).crop(0, width)
        segments = [Segment(mark, style)]
        for position, text in enumerate(cells):
            room = widths[position]
            if not room:
                continue
            cut = cell(text, room)
            if COLUMNS[position].right:
                cut = cut.strip().rjust(room)
            segments.append(Segment(cut, style if position == 0 else muted))
            segments.append(Segment(" ", style))
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

    def watch_cursor(self, old: int, new: int) -> None:
        top = int(self.scroll_offset.y)
        visible = max(self.scrollable_content_region.height - 1, 1)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + visible:
            self.scroll_to(y=new - visible + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.RowHighlighted(self.highlighted))

    def on_resize(self) -> None:
        self._update_size()
        self._request_viewport()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if int(old_value) != int(new_value):
            self._request_viewport()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- moving ----------------------------------------------------------------------------

    def _move_to(self, index: int) -> None:
        self.cursor = max(0, min(index, self.row_count - 1))

    def action_cursor_down(self) -> None:
        self._move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        self._move_to(self.cursor + max(self.scrollable_content_region.height - 2, 1))

    def action_page_up(self) -> None:
        self._move_to(self.cursor - max(self.scrollable_content_region.height - 2, 1))

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(self.row_count - 1)

    def action_choose(self) -> None:
        row = self.highlighted
        if row is not None:
            self.post_message(self.RowChosen(row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = int(self.scroll_offset.y) + offset.y - 1
        if index < self.row_count:
            self._move_to(index)
            if event.chain >= 2:
                self.action_choose()
