"""The footer, fitted to the terminal: the most useful keys first, `?` and `q` always.

Descriptions and tooltips are marked with N_ in BINDINGS and translated here, when shown.

Textual's Footer shows every key and lets the last ones fall off the right edge (at 80
columns: Import, Help and Quit). This one keeps, of the keys that apply, as many as fit in
the order of their rank, and shows them in their usual order. A binding's rank comes from its
id (`FOOTER_RANKS`); a new binding without one ranks after the listed ones, in screen order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from refterm.model.i18n import _, language

if TYPE_CHECKING:
    from textual.screen import Screen

# Shown whatever the width.
ALWAYS = frozenset({"help", "quit"})
# Lower ranks are kept first; unlisted ids rank `UNRANKED`.
FOOTER_RANKS: dict[str, int] = {
    **dict.fromkeys("""form.save form.cancel confirm.yes confirm.oui confirm.no script.copy
        script.close help.close import.go import.cancel
        detail.back""".split(), 10),  # untranslated: ids
    **dict.fromkeys("""today.script today.log asks.asked asks.agreed asks.received asks.declined
        contacts.new contacts.import contacts.filter contacts.clear asks.clear contacts.log
        contacts.script detail.log detail.script dossier.export
        script.log""".split(), 20),  # untranslated: ids
    **dict.fromkeys(("list.open", "table.open"), 25),  # untranslated: ids
    **dict.fromkeys("""today.snooze today.thank today.brief today.asked today.ask asks.follow-up
        asks.use asks.script asks.filter contacts.edit contacts.ask detail.edit detail.ask
        dossier.copy dossier.profile script.edit script.language script.voicemail
        script.template""".split(), 30),  # untranslated: ids
    **dict.fromkeys("""today.new contacts.sort asks.kind asks.contact
        contacts.archive""".split(), 40),  # untranslated: ids
}  # fmt: skip
UNRANKED = 50


@dataclass(frozen=True)
class FooterItem:
    """One key the footer may show."""

    binding: Binding
    enabled: bool
    tooltip: str
    width: int
    rank: int
    description: str = ""  # in the interface language


def keep_fitting(items: list[FooterItem], room: int) -> list[FooterItem]:
    """The items to show in `room` cells: `ALWAYS` ones, then by rank (enabled before dimmed)."""
    order = sorted(
        range(len(items)),
        key=lambda at: (
            items[at].binding.id not in ALWAYS,
            not items[at].enabled,
            items[at].rank,
            at,
        ),
    )
    kept: set[int] = set()
    used = 0
    for at in order:
        if used + items[at].width > room and items[at].binding.id not in ALWAYS:
            continue
        kept.add(at)
        used += items[at].width
    return [item for at, item in enumerate(items) if at in kept]


class KeyFooter(Footer):
    """A Footer that keeps the keys that matter most when the terminal is narrow."""

    # Textual's Footer rebuilds all its keys on every bindings signal (each focus change, each
    # `refresh_bindings`), most of which change nothing: a third of the CPU time of opening a
    # contact went there. This one rebuilds only when the keys that apply differ, once for
    # several signals in a row.
    _shown: tuple[object, ...] | None = None
    _fitted_to = 0

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = (
                language(),
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
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.refresh(recompose=True)  # (several asks before it runs: one rebuild)

    def _items(self) -> Iterable[FooterItem]:
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)  # one key per action, as Footer does
            shown = self.app.get_key_display(binding)
            description = _(binding.description) if binding.description else ""
            # key padded by one each side, then the description and one space
            width = cell_len(shown) + 2 + (cell_len(description) + 1 if description else 0)
            yield FooterItem(binding, enabled, _(tooltip) if tooltip else "", width,
                             FOOTER_RANKS.get(binding.id or "", UNRANKED),
                             description)  # fmt: skip

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        palette_binding = self.app.COMMAND_PALETTE_BINDING
        items = [item for item in self._items() if item.binding.key != palette_binding]
        palette = self._palette_key()
        room = self.size.width or self.app.size.width
        self._fitted_to = room
        kept = keep_fitting(items, room)
        used = sum(item.width for item in kept)
        for item in kept:
            key = FooterKey(
                item.binding.key,
                self.app.get_key_display(item.binding),
                item.description,
                item.binding.action,
                disabled=not item.enabled,
                tooltip=item.tooltip or item.description,
            )
            # Born in the footer's style: bound to a differing value, each key would style
            # itself again once mounted (a tenth of a form's opening).
            key.set_reactive(FooterKey.compact, self.compact)
            key.set_class(self.compact, "-compact", update=False)
            yield key.data_bind(compact=Footer.compact)
        if palette is not None and used + cell_len(palette.description) + 8 <= room:
            yield palette

    def _palette_key(self) -> FooterKey | None:
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return None
        found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if found is None:
            return None
        _node, binding, enabled, _tooltip = found
        return FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            _(binding.description),
            binding.action,
            classes="-command-palette",
            disabled=not enabled,
            tooltip=_(binding.tooltip or binding.description),
        )

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != self._fitted_to:
            self._fitted_to = event.size.width
            self.refresh(recompose=True)
