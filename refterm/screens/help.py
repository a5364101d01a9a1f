"""The help screen: every key binding, screen by screen, built from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

from refterm.model.i18n import N_, _
from refterm.widgets.key_footer import KeyFooter
from refterm.widgets.section_list import Column, render_row

# Section titles are N_-marked, translated when shown.
HelpSections = list[tuple[str, list[Binding]]]


def _bindings(*sources: Iterable[BindingType]) -> list[Binding]:
    found: list[Binding] = []
    seen: set[tuple[str, str]] = set()
    for source in sources:
        for binding in Binding.make_bindings(source):
            if (binding.key, binding.action) not in seen:
                seen.add((binding.key, binding.action))
                found.append(binding)
    return found


def binding_sections(app_class: type[App[None]]) -> HelpSections:
    """Every screen's bindings, read from the classes so the help never goes stale."""
    from refterm.screens.dialogs import FormDialog
    from refterm.screens.modes import MODES, load_screen
    from refterm.screens.script_preview import ScriptPreview
    from refterm.widgets.contact_table import ContactTable

    palette = Binding("ctrl+p", "command_palette", N_("Command palette"),
                      tooltip=N_("Jump to a contact or run any action"))  # fmt: skip
    sections = [
        (N_("Everywhere"), _bindings(app_class.BINDINGS, [palette])),
        (N_("Lists"), _bindings(ContactTable.BINDINGS)),
    ]
    for mode in MODES:
        sections.append((mode.title, _bindings(mode.screen_class().BINDINGS)))
        for title, screen in mode.opens:
            sections.append((title, _bindings(load_screen(screen).BINDINGS)))
    sections.append((N_("Forms"), _bindings(FormDialog.BINDINGS)))
    sections.append((N_("Script preview"), _bindings(ScriptPreview.BINDINGS)))
    return sections


def _merge_keys(bindings: Sequence[Binding], app: App[object]) -> list[tuple[str, Binding]]:
    """One line per action: `j, down` rather than two lines saying the same thing."""
    merged: dict[tuple[str, str], list[str]] = {}
    first: dict[tuple[str, str], Binding] = {}
    for binding in bindings:
        key = (binding.action, binding.description)
        merged.setdefault(key, []).append(app.get_key_display(binding))
        first.setdefault(key, binding)
    return [(", ".join(keys), first[key]) for key, keys in merged.items()]


class KeyLines(Static):
    """Key, name and what it does; the last wraps under itself, never back to column 0."""

    def __init__(self, rows: Sequence[tuple[Column, ...]], classes: str = "") -> None:
        super().__init__(classes=classes)
        self.rows = rows

    def lines(self, width: int) -> Content:
        return Content("\n").join(render_row(row, width, indent=2) for row in self.rows)

    def render(self) -> Content:
        return self.lines(self.content_region.width or 100)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width).plain.split("\n"))


class HelpScreen(ModalScreen[None]):
    """Lists every binding; escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", N_("Close"), tooltip=N_("Close the help"),
                id="help.close"),
        Binding("j", "scroll('down')", N_("Down"), show=False, tooltip=N_("Scroll down"),
                id="help.down"),
        Binding("k", "scroll('up')", N_("Up"), show=False, tooltip=N_("Scroll up"), id="help.up"),
    ]  # fmt: skip

    def __init__(self, sections: HelpSections) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog") as body:
            body.border_title = _("Keys")
            body.border_subtitle = _("escape closes")
            merged = [(title, _merge_keys(bindings, self.app)) for title, bindings in self.sections]
            named = [
                (keys, _(binding.description)) for _t, rows in merged for keys, binding in rows
            ]
            # As wide as the longest keys and names (in this language), the same in every
            # section: a fixed 16 cut « Palette de commandes » while the keys left room.
            keys_width = max((cell_len(keys) for keys, _name in named), default=8)
            names_width = min(max((cell_len(name) for _keys, name in named), default=16), 24)
            for title, rows in merged:
                yield Static(Content.styled(_(title), "bold $accent"), classes="help-title")
                lines = [
                    (Column(keys, keys_width, "bold"), Column(_(binding.description), names_width),
                     Column(_(binding.tooltip) if binding.tooltip else "", style="dim"))
                    for keys, binding in rows
                ]  # fmt: skip
                yield KeyLines(lines, classes="help-keys")
        yield KeyFooter()

    def retranslate(self) -> None:
        """Every line again in the interface language (switched from the palette)."""
        self.refresh_bindings()
        self.call_later(self.recompose)

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
