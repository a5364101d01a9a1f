"""A keyboard list of rows grouped under section headings (the review, the asks pipeline)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len, set_cell_size
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class Column:
    """A fixed-width cell of a row; the last column of a row takes the remaining width."""

    text: str
    width: int = 0
    style: str = ""


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
    empty_text: str = "nothing here"
    foldable: bool = False
    folded: bool = False
    more_text: str = "and {count} more"
    hint: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def cell(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells, with an ellipsis when cut."""
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + "…" if width else ""
    return set_cell_size(text, width)


def render_row(
    columns: Sequence[Column], width: int, indent: int = 0, wrap: bool = True
) -> Content:
    """Lay out the columns on one line; the last one wraps under itself, or is cut short."""
    parts: list[tuple[str, str] | str] = [" " * indent]
    used = indent
    for column in columns[:-1]:
        parts.append((cell(column.text, column.width), column.style))
        parts.append("  ")
        used += column.width + 2
    last = columns[-1] if columns else Column("")
    room = max(width - used, 12)
    if not wrap:
        return Content.assemble(*parts, (cell(last.text, room).rstrip(), last.style))
    lines = textwrap.wrap(last.text, room, break_long_words=True) or [""]
    parts.append((lines[0], last.style))
    for line in lines[1:]:
        parts.append("\n" + " " * used)
        parts.append((line, last.style))
    return Content.assemble(*parts)


class SectionList(OptionList):
    """Rows under headings; arrows and j/k skip headings, enter opens the highlighted row."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, tooltip="Next row", id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, tooltip="Previous row", id="list.up"),
        Binding(
            "enter",
            "select",
            "Open",
            tooltip="Open the highlighted row (or fold / unfold a heading)",
            id="list.open",
        ),
    ]

    def __init__(
        self, *, wrap: bool = True, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.wrap = wrap
        self._sections: list[Section] = []

    @property
    def highlighted_key(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def show_sections(self, sections: Sequence[Section]) -> None:
        """Replace the rows, keeping the highlight on the same row (or the same place)."""
        self._sections = list(sections)
        self._rebuild()

    def _rebuild(self) -> None:
        kept_key = self.highlighted_key
        kept_index = self.highlighted
        # Room for a scrollbar whether or not one shows: rows wrap the same either way.
        width = max(self.content_region.width - self.styles.scrollbar_size_vertical - 1, 40)
        options: list[Option] = []
        for section in self._sections:
            options.append(self._heading(section))
            if section.folded:
                continue
            if not section.rows:
                options.append(
                    Option(Content.styled("  " + section.empty_text, "dim italic"), disabled=True)
                )
            for row in section.rows:
                prompt = render_row(row.columns, width, indent=2, wrap=self.wrap)
                options.append(Option(prompt, id=row.key))
            hidden = section.total - len(section.rows)
            if hidden > 0:
                more = section.more_text.format(count=f"{hidden:,}")
                options.append(Option(Content.styled("  " + more, "dim italic"), disabled=True))
        self.set_options(options)
        if kept_key is not None and kept_key in {o.id for o in options}:
            self.highlighted = self.get_option_index(kept_key)
        elif options:
            self.highlighted = min(kept_index or 0, len(options) - 1)
            if self.highlighted_option is not None and self.highlighted_option.disabled:
                self.action_cursor_down()

    def _heading(self, section: Section) -> Option:
        marker = ("▸ " if section.folded else "▾ ") if section.foldable else ""
        title = Content.assemble(
            (f"{marker}{section.title}", "bold $accent"),
            (f"  {section.total:,}", "bold"),
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
        if self._sections:
            self._rebuild()
