"""A one-line filter box whose typing never lays the screen out again."""

from __future__ import annotations

from typing import Self

from textual.geometry import Region
from textual.widgets import Input


class FilterInput(Input):
    """An `Input` of fixed size (set by the stylesheet), for a filter typed key by key.

    Textual's `Input` sets its virtual size on every character, which asks for a layout of the
    whole screen: ~10 ms per key at 120x36 for a box whose size never depends on its text.
    Its horizontal scrolling reads the widget's own virtual size, so a repaint is enough.
    """

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        return super().refresh(*regions, repaint=repaint or layout, layout=False,
                               recompose=recompose)  # fmt: skip
