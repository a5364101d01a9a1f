"""What every refterm screen shares: the app's context, reloading, and how outcomes are told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Input, TextArea

from refterm.model.display import safe_text
from refterm.screens.messages import Refused, Saved

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
    """A notification shown as written but safe: user text is never markup nor a terminal escape."""
    node.app.notify(safe_text(message, multiline=True), title=title, markup=False)


def tell_error(node: DOMNode, error: RefTermError | str) -> None:
    message = safe_text(error if isinstance(error, str) else error.message, multiline=True)
    # Errors stay longer than notes: they say what to do next.
    timeout = max(8.0, node.app.NOTIFICATION_TIMEOUT)
    node.app.notify(message, title="Not done", severity="error", markup=False, timeout=timeout)


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

    def on_saved(self, message: Saved) -> None:
        """A list action's write went through (see `screens.writing`): say so, read again."""
        tell(self, message.note)
        self.reload()

    def on_refused(self, message: Refused) -> None:
        again = f"; press {message.retry} to try again" if message.locked and message.retry else ""
        tell_error(self, message.problem + again)

    def on_mount(self) -> None:
        steady_cursors(self)
