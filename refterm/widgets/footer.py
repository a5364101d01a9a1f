"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer as TextualFooter

if TYPE_CHECKING:
    from textual.screen import Screen


class Footer(TextualFooter):
    """Textual's `Footer` rebuilds all its key widgets on every bindings signal (each focus
    change, each `refresh_bindings`), most of which change nothing: a third of the CPU time of
    opening a contact went there. This one rebuilds when the keys shown, or whether they are
    enabled, differ."""

    _shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = (
                self.compact,
                self.show_command_palette,
                tuple(
                    (key, active.binding, active.enabled, active.tooltip)
                    for key, active in screen.active_bindings.items()
                ),
            )
            if self._bindings_ready and shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
