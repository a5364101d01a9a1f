"""What every refterm screen shares: the app's context, reloading, and how outcomes are told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from refterm.config import Settings
    from refterm.db.database import Database
    from refterm.errors import RefTermError
    from refterm.screens.first_review import FirstReview


@dataclass(frozen=True)
class Context:
    """What the app was built with: settings, the database and the day it runs for."""

    settings: Settings
    database: Database
    today: date


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
    """A notification whose text is shown exactly as written (user text is never markup)."""
    node.app.notify(message, title=title, markup=False)


def tell_error(node: DOMNode, error: RefTermError | str) -> None:
    message = error if isinstance(error, str) else error.message
    node.app.notify(message, title="Not done", severity="error", markup=False, timeout=8)


class RefTermScreen(Screen[None]):
    """A base screen: reads its data again whenever it is shown (another process may write)."""

    _keys_shown: tuple[bool | None, ...] = ()

    def update_keys(self) -> None:
        """Refresh the footer when the keys that apply have changed (not on every move)."""
        from textual.actions import parse
        from textual.binding import Binding

        shown = []
        for binding in Binding.make_bindings(self.BINDINGS):
            _, name, parameters = parse(binding.action)
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

    def on_screen_resume(self) -> None:
        self.reload()

    def on_mount(self) -> None:
        steady_cursors(self)
