"""The baseline: a bare Textual app (header, label, footer), started like refterm is."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label

READY_TEXT = "bare app ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(READY_TEXT)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
