"""Textual's command palette and its system commands, in the interface language.

Textual writes its own words in English: the palette's placeholder, "No matches found", the
system commands (Theme, Quit, Keys...) and the footer's `palette` key. They are marked here for
the catalog and translated where the palette shows them.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from refterm.model.i18n import N_, _

# Textual's words the user meets, for the catalog (translated with `_` where they are shown).
TEXTUAL_WORDS = (
    N_("Search for commands…"),
    N_("Search for themes…"),
    N_("No matches found"),
    N_("palette"),
    N_("Open the command palette"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)


class TranslatedPalette(CommandPalette):
    """The command palette with its placeholder and "no matches" line in the interface language."""

    def __init__(self, *, placeholder: str = N_("Search for commands…"), **kwargs: object) -> None:
        super().__init__(placeholder=_(placeholder), **kwargs)  # type: ignore[arg-type]

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own version writes "No matches found" in English; the same, translated.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                plain = "not bold"  # untranslated: a style
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No matches found"), style=plain)),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
