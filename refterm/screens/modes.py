"""The four modes, declared once: the app's MODES and keys, the mode bar and the help read them."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import cast

from textual.screen import Screen


@dataclass(frozen=True)
class Mode:
    """A top-level screen: its name, the key that shows it, its title and what it is for.

    `screen` and `opens` name classes as "module:Class", imported on first use, so that
    reading the registry (the mode bar, the help) does not load every screen.
    """

    name: str
    key: str
    title: str
    tooltip: str
    screen: str
    opens: tuple[tuple[str, str], ...] = ()  # (title, screen) pushed from it, for the help

    def screen_class(self) -> type[Screen[None]]:
        return load_screen(self.screen)

    def make_screen(self) -> Screen[None]:
        return self.screen_class()()


def load_screen(path: str) -> type[Screen[None]]:
    module, _, name = path.partition(":")
    return cast("type[Screen[None]]", getattr(import_module(module), name))


MODES = (
    Mode("today", "1", "Today", "The daily review", "refterm.screens.today:TodayScreen"),
    Mode("contacts", "2", "Contacts", "Everyone in your network",
         "refterm.screens.contacts:ContactsScreen",
         opens=(("Contact detail", "refterm.screens.contact_detail:ContactDetailScreen"),)),
    Mode("asks", "3", "Asks", "The pipeline of asks", "refterm.screens.asks:AsksScreen"),
    Mode("dossier", "4", "Dossier", "Your references and recommendations",
         "refterm.screens.dossier:DossierScreen"),
)  # fmt: skip
