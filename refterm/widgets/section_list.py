"""A keyboard list of rows grouped under section headings (the review, the asks pipeline)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from rich.cells import cell_len, set_cell_size
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from refterm.model.i18n import N_, _, ngettext, number

QUIET = "dim italic"  # untranslated: a style (empty states, more rows)


@dataclass(frozen=True)
class Column:
    """A fixed-width cell of a row; the last column of a row takes the remaining width.

    On a narrow line a column gives up room before the last one gets less than `LAST_ROOM`:
    first each shrinks to `least` (when set), then those with a `drop` rank go, highest first.
    """

    text: str
    width: int = 0
    style: str = ""
    least: int = 0
    drop: int = 0


# The room the last column (the reason, the situation) keeps before other columns give way.
LAST_ROOM = 40


def fit_widths(columns: Sequence[Column], width: int, indent: int = 0) -> list[int]:
    """The width of each column but the last on a line this wide (0: dropped)."""
    fixed = list(columns[:-1])
    widths = [column.width for column in fixed]

    def used() -> int:
        return indent + sum(w + 2 for w in widths if w)

    # The columns that would be dropped shrink first.
    for at in sorted(range(len(fixed)), key=lambda at: -fixed[at].drop):
        column = fixed[at]
        if used() + LAST_ROOM <= width:
            break
        if column.least:
            widths[at] = max(column.least, widths[at] - (used() + LAST_ROOM - width))
    for rank in sorted({c.drop for c in fixed if c.drop}, reverse=True):
        if used() + LAST_ROOM <= width:
            break
        widths = [0 if c.drop == rank else w for c, w in zip(fixed, widths, strict=True)]
    return widths


@dataclass(frozen=True)
class Row:
    """One selectable line; `key` identifies it across reloads."""

    key: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Section:
    """A heading with its rows; a foldable section can be opened and closed with enter."""

    key: str
    title: str
    total: int
    rows: Sequence[Row] = ()
    empty_text: str = ""  # "" says "nothing here"
    foldable: bool = False
    folded: bool = False
    # The line under a cut section, for the number of rows left out ({count} in it).
    more_text: Callable[[int], str] = field(default=lambda count: ngettext(
        "and {count} more", "and {count} more", count))  # fmt: skip
    hint: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def cell(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells, with an ellipsis when cut."""
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + "…" if width else ""
    return set_cell_size(text, width)


def _laid_out(columns: Sequence[Column], width: int, indent: int) -> list[tuple[Column, int]]:
    """Each shown column but the last, with its width on a line this wide."""
    shown = []
    used = indent
    for column, room in zip(columns[:-1], fit_widths(columns, width, indent), strict=True):
        room = min(room, width - used - 2)  # never-dropped columns on a very narrow line
        if room > 0:
            shown.append((column, room))
            used += room + 2
    return shown


def last_room(columns: Sequence[Column], width: int, indent: int = 0) -> int:
    """The cells left for the last column on a line this wide."""
    used = indent + sum(room + 2 for _column, room in _laid_out(columns, width, indent))
    return max(width - used, 0)


def render_row(
    columns: Sequence[Column], width: int, indent: int = 0, wrap: bool = True
) -> Content:
    """Lay out the columns on one line; the last one wraps under itself, or is cut short.

    Nothing is ever wider than `width`: narrow lines shrink or drop columns (see `Column`).
    """
    parts: list[tuple[str, str] | str] = [" " * indent]
    laid = _laid_out(columns, width, indent)
    for column, room in laid:
        parts.append((cell(column.text, room), column.style))
        parts.append("  ")
    used = indent + sum(room + 2 for _column, room in laid)
    last = columns[-1] if columns else Column("")
    room = max(width - used, 0)
    if not wrap:
        return Content.assemble(*parts, (cell(last.text, room).rstrip(), last.style))
    lines = textwrap.wrap(last.text, max(room, 1), break_long_words=True) or [""]
    parts.append((lines[0], last.style))
    for line in lines[1:]:
        parts.append("\n" + " " * used)
        parts.append((line, last.style))
    return Content.assemble(*parts)


def _fitted(sections: Sequence[Section]) -> Callable[[Sequence[Column]], list[Column]]:
    """Columns no wider than their longest cell across all the rows (an empty one: width 0)."""
    longest: dict[int, int] = {}
    for section in sections:
        for row in section.rows:
            for at, column in enumerate(row.columns[:-1]):
                longest[at] = max(longest.get(at, 0), cell_len(column.text))

    def fit(columns: Sequence[Column]) -> list[Column]:
        fitted = [
            replace(column, width=min(column.width, longest.get(at, 0)),
                    least=min(column.least, longest.get(at, 0)))
            for at, column in enumerate(columns[:-1])
        ]  # fmt: skip
        return [*fitted, *columns[-1:]]

    return fit


class SectionList(OptionList):
    """Rows under headings; arrows and j/k skip headings, enter opens the highlighted row."""

    BINDINGS = [
        Binding("j", "cursor_down", N_("Down"), show=False, tooltip=N_("Next row"), id="list.down"),
        Binding("k", "cursor_up", N_("Up"), show=False, tooltip=N_("Previous row"), id="list.up"),
        Binding(
            "enter",
            "select",
            N_("Open"),
            tooltip=N_("Open the highlighted row (or fold / unfold a heading)"),
            id="list.open",
        ),
    ]

    class LaidOut(Message):
        """The rows were laid out again: new rows, or a new width (what is cut may differ)."""

    def __init__(
        self, *, wrap: bool = True, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.wrap = wrap
        self._sections: list[Section] = []
        self._laid_width = 0

    @property
    def highlighted_key(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def show_sections(self, sections: Sequence[Section]) -> None:
        """Replace the rows, keeping the highlight on the same row (or the same place)."""
        self._sections = list(sections)
        self._rebuild()

    def _row_width(self) -> int:
        # Room for a scrollbar whether or not one shows: rows wrap the same either way.
        return max(self.content_region.width - self.styles.scrollbar_size_vertical - 1, 20)

    def cut_text(self, key: str | None) -> str | None:
        """The whole last column of row `key` when its one line cuts it short, else None."""
        if self.wrap or key is None:
            return None
        fitted = _fitted(self._sections)
        for section in self._sections:
            for row in section.rows:
                if row.key == key and row.columns:
                    columns = fitted(row.columns)
                    text = columns[-1].text
                    room = last_room(columns, self._row_width(), indent=2)
                    return text if cell_len(text) > room else None
        return None

    def _rebuild(self) -> None:
        kept_key = self.highlighted_key
        kept_index = self.highlighted
        width = self._laid_width = self._row_width()
        fitted = _fitted(self._sections)
        options: list[Option] = []
        for section in self._sections:
            options.append(self._heading(section))
            if section.folded:
                continue
            if not section.rows:
                options.append(
                    Option(
                        Content.styled("  " + (section.empty_text or _("nothing here")), QUIET),
                        disabled=True,
                    )  # fmt: skip
                )
            for row in section.rows:
                prompt = render_row(fitted(row.columns), width, indent=2, wrap=self.wrap)
                options.append(Option(prompt, id=row.key))
            hidden = section.total - len(section.rows)
            if hidden > 0:
                more = section.more_text(hidden).format(count=number(hidden))
                options.append(Option(Content.styled("  " + more, QUIET), disabled=True))
        self.set_options(options)
        if kept_key is not None and kept_key in {o.id for o in options}:
            self.highlighted = self.get_option_index(kept_key)
        elif options:
            self.highlighted = min(kept_index or 0, len(options) - 1)
            if self.highlighted_option is not None and self.highlighted_option.disabled:
                self.action_cursor_down()
        self.post_message(self.LaidOut())

    def _heading(self, section: Section) -> Option:
        marker = ("▸ " if section.folded else "▾ ") if section.foldable else ""
        title = Content.assemble(
            (f"{marker}{section.title}", "bold $accent"),
            (f"  {number(section.total)}", "bold"),
            (f"   {section.hint}" if section.hint else "", "dim"),
        )
        return Option(title, id=f"section:{section.key}", disabled=not section.foldable)

    def toggle_fold(self, section_key: str) -> None:
        """Open or close a foldable section."""
        self._sections = [
            Section(**{**s.__dict__, "folded": not s.folded}) if s.key == section_key else s
            for s in self._sections
        ]
        self._rebuild()

    def on_resize(self) -> None:
        # Only a new width lays the rows out differently. A new height (a line shown under the
        # list as the cursor moves) must not rebuild them: that scrolls back to the top.
        if self._sections and self._row_width() != self._laid_width:
            self._rebuild()
