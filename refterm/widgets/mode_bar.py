"""The row of screen names under the header: where you are and which key goes where."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from refterm.model.i18n import _
from refterm.screens.modes import MODES


class ModeBar(Static):
    """Shows `1 Today  2 Contacts  3 Asks  4 Dossier` with the current one lit; clickable."""

    @dataclass
    class ModeClicked(Message):
        """A screen name was clicked."""

        mode: str

    def __init__(self, active: str, detail: str = "") -> None:
        super().__init__(classes="mode-bar")
        self.active = active
        self.detail = detail

    def on_mount(self) -> None:
        self.update(self._render_bar(), layout=False)

    def set_detail(self, detail: str) -> None:
        """Text shown at the right end of the bar (counts, sort order)."""
        if detail != self.detail:
            self.detail = detail
            # One line whatever the text: no layout pass needed (typing in a filter stays fast).
            self.update(self._render_bar(), layout=False)

    def retranslate(self) -> None:
        """Name the screens in the interface language (after a switch)."""
        self.update(self._render_bar(), layout=False)

    def _render_bar(self) -> Content:
        parts: list[tuple[str, str] | str] = []
        for mode in MODES:
            title = _(mode.title)
            if mode.name == self.active:
                lit = "bold reverse $accent"  # untranslated: a style
                parts.append((f" {mode.key} {title} ", lit))
            else:
                parts.append((f" {mode.key} ", "bold $accent"))
                parts.append((f"{title} ", ""))
            parts.append(" ")
        bar = Content.assemble(*parts)
        if self.detail:
            room = max(self.size.width - bar.cell_length - 1, 0)
            bar = Content.assemble(bar, Content.styled(self.detail, "dim").right(room, True))
        return bar

    def on_resize(self) -> None:
        self.update(self._render_bar(), layout=False)

    def on_click(self, event: Click) -> None:
        x = 0
        for mode in MODES:
            width = len(mode.key) + cell_len(_(mode.title)) + 3
            if x <= event.x < x + width:
                self.post_message(self.ModeClicked(mode.name))
                return
            x += width
