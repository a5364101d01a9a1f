"""What every refterm screen shares: the app's context, reloading, and how outcomes are told."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

from refterm.model.display import safe_text
from refterm.model.i18n import _, language
from refterm.screens.context import Context
from refterm.screens.messages import Refused, Saved

if TYPE_CHECKING:
    from refterm.errors import RefTermError
    from refterm.screens.first_review import FirstReview


class _RefTermApp(Protocol):
    context: Context
    cursor_blink: bool
    first_review: FirstReview | None


def context_of(node: DOMNode) -> Context:
    return cast(_RefTermApp, node.app).context


def first_review_of(node: DOMNode) -> FirstReview | None:
    return cast(_RefTermApp, node.app).first_review


def steady_cursors(screen: Screen[Any]) -> None:
    """Apply the app's cursor-blink setting (off in tests, for stable snapshots)."""
    blink = cast(_RefTermApp, screen.app).cursor_blink
    for widget in screen.query(Input):
        widget.cursor_blink = blink
    for area in screen.query(TextArea):
        area.cursor_blink = blink


def tell(node: DOMNode, message: str, title: str = "") -> None:
    """A notification shown as written but safe: user text is never markup nor a terminal escape."""
    node.app.notify(safe_text(message, multiline=True), title=title, markup=False)


def tell_error(node: DOMNode, error: RefTermError | str) -> None:
    message = safe_text(error if isinstance(error, str) else error.message, multiline=True)
    # Errors stay longer than notes: they say what to do next.
    timeout = max(8.0, node.app.NOTIFICATION_TIMEOUT)
    node.app.notify(message, title=_("Not done"), severity="error", markup=False, timeout=timeout)


def size_classes(screen: Screen[Any], width: int, height: int) -> dict[str, bool]:
    """The breakpoint classes a screen of this size has, as Textual sets them on a resize."""
    app = screen.app
    classes: dict[str, bool] = {}
    for size, points in (
        (width, screen.HORIZONTAL_BREAKPOINTS or app.HORIZONTAL_BREAKPOINTS or []),
        (height, screen.VERTICAL_BREAKPOINTS or app.VERTICAL_BREAKPOINTS or []),
    ):
        reached = [(least, name) for least, name in points if size >= least]
        for _least, name in points:
            classes[name] = False
        if reached:
            classes[max(reached)[1]] = True
    return classes


class RefTermScreen(Screen[None]):
    """A base screen: reads its data again whenever it is shown (another process may write)."""

    _keys_shown: tuple[bool | None, ...] = ()
    # The interface language this screen's words were last written in.
    _language = ""
    # Whether the widgets of `compose` are in place (`key_applies` may look at them).
    _built = False

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        mounting = self.mount_all(widgets)  # in the DOM at once (none if the app is closing)
        self._built = bool(self.children) or not widgets
        await mounting

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No key of a screen applies before its widgets are there.

        A mode's screen is the app's current screen from the moment its key is pressed, before
        it is composed; the screen it replaces may still refresh its footer, which asks the
        current screen about the app's keys (`screen.copy_text`). Asked then, a screen that
        looked at its filter or its list crashed the app.
        """
        return self.key_applies(action, parameters) if self._built else False

    def key_applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether the key bound to `action` applies now (True shown, False hidden, None greyed)."""
        return True

    def update_keys(self) -> None:
        """Refresh the footer when the keys that apply have changed (not on every move)."""
        from textual.actions import parse
        from textual.binding import Binding

        shown = []
        for binding in Binding.make_bindings(self.BINDINGS):
            _namespace, name, parameters = parse(binding.action)
            shown.append(self.check_action(name, parameters))
        state = tuple(shown)
        if state != self._keys_shown:
            self._keys_shown = state
            self.refresh_bindings()

    @property
    def context(self) -> Context:
        return context_of(self)

    def reload(self) -> None:
        """Read this screen's data again, in a worker."""

    def retranslate(self) -> None:
        """Show this screen in the interface language now (switched from the palette)."""
        self._show_in_language()
        self.reload()

    def _show_in_language(self) -> None:
        from refterm.widgets.mode_bar import ModeBar

        self._language = language()
        for bar in self.query(ModeBar):
            bar.retranslate()
        self.show_words()
        self.refresh_bindings()

    def show_words(self) -> None:
        """Write the words set once (placeholders, titles) in the interface language."""

    def on_screen_resume(self) -> None:
        if self._language and self._language != language():
            self._show_in_language()  # the language changed while another mode was shown
        self._language = language()
        self.reload()

    def on_saved(self, message: Saved) -> None:
        """A list action's write went through (see `screens.writing`): say so, read again."""
        tell(self, message.note)
        self.reload()

    def on_refused(self, message: Refused) -> None:
        if message.locked and message.retry:
            tell_error(self, _("{problem}; press {key} to try again").format(
                problem=message.problem, key=message.retry))  # fmt: skip
        else:
            tell_error(self, message.problem)

    def on_mount(self) -> None:
        steady_cursors(self)
