"""The four modes, declared once: the app's MODES and keys, the mode bar and the help read them."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import cast

from textual.screen import Screen

from refterm.model.i18n import N_


@dataclass(frozen=True)
class Mode:
    """A top-level screen: its name, the key that shows it, its title and what it is for.

    `screen` and `opens` name classes as "module:Class", imported on first use, so that
    reading the registry (the mode bar, the help) does not load every screen.
    """

    name: str
    key: str
    title: str  # N_-marked: `_` it where it is shown
    tooltip: str
    screen: str
    opens: tuple[tuple[str, str], ...] = ()  # (title, screen) pushed from it, for the help

    def screen_class(self) -> type[Screen[None]]:
        return load_screen(self.screen)

    def make_screen(self) -> Screen[None]:
        return self.screen_class()()


def load_screen(path: str) -> type[Screen[None]]:
    module, _colon, name = path.partition(":")
    return cast("type[Screen[None]]", getattr(import_module(module), name))


MODES = (
    Mode("today", "1", N_("Today"), N_("The daily review"),
         "refterm.screens.today:TodayScreen"),  # untranslated: a class path
    Mode("contacts", "2", N_("Contacts"), N_("Everyone in your network"),
         "refterm.screens.contacts:ContactsScreen",  # untranslated: a class path
         opens=((N_("Contact detail"),
                 "refterm.screens.contact_detail:ContactDetailScreen"),)),  # untranslated: a path
    Mode("asks", "3", N_("Asks"), N_("The pipeline of asks"),
         "refterm.screens.asks:AsksScreen"),  # untranslated: a class path
    Mode("dossier", "4", N_("Dossier"), N_("Your references and recommendations"),
         "refterm.screens.dossier:DossierScreen"),  # untranslated: a class path
)  # fmt: skip
