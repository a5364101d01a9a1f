"""The one way the TUI writes: a thread worker that tells its screen `Saved` or `Refused`.

A write waits for SQLite's write lock while another refterm (a CLI import, a suspended CLI)
holds it, up to the busy timeout. Run on the event loop, that wait froze the whole screen and,
past the timeout, crashed the app. Here the screen stays live, a line says what it waits for,
and a write that never gets the lock is refused with a message: nothing is lost, and the user
tries again with the same key.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker

from refterm.errors import InvalidFields, RefTermError
from refterm.model.i18n import N_, _
from refterm.screens.messages import Refused, Saved

ValueT = TypeVar("ValueT")

WAITING_TEXT = N_("Waiting for another refterm to finish writing… your change is kept")
LOCKED_TEXT = N_("Not saved: another refterm (or a CLI import) kept the database busy for too long")
# How long a write may wait silently before the screen says what it is waiting for.
NOTICE_AFTER = 1.0


@dataclass(frozen=True)
class Written(Generic[ValueT]):
    """What a write hands back: its value and the line that tells the user it is done."""

    value: ValueT
    note: str


def is_locked(error: BaseException) -> bool:
    """SQLite gave up waiting for the write lock (busy timeout), directly or via SQLAlchemy."""
    cause = getattr(error, "orig", None) or error
    return isinstance(cause, sqlite3.OperationalError) and (
        "locked" in str(cause) or "busy" in str(cause)
    )


def failure_text(error: BaseException) -> str:
    """One line for a write that failed; never a traceback."""
    if isinstance(error, RefTermError):
        return error.message
    if is_locked(error):
        return _(LOCKED_TEXT)
    from refterm.paths import mask_url

    # A database server's message may quote its URL: never with the password.
    return _("Not saved: unexpected error ({kind}: {error})").format(
        kind=type(error).__name__, error=mask_url(str(error))
    )


def writing(node: Widget, key: str) -> bool:
    """Whether the write `key` started by `node` is still under way."""
    return any(
        worker.node is node and worker.name == f"write:{key}" and not worker.is_finished
        for worker in node.app.workers
    )


def writes_waiting(app: App[Any]) -> bool:
    """Whether any write anywhere in the app is still under way."""
    return any(
        worker.name.startswith("write:") and not worker.is_finished for worker in app.workers
    )


def write(node: Widget, key: str, job: Callable[[], Written[Any]], retry: str = "") -> bool:
    """Run `job` (one core write, one transaction) in a thread; `node` gets Saved or Refused.

    `key` names the write (the same key while it is under way is ignored: no double save);
    `retry` is the key that tries again, quoted in the message when the database stayed busy.
    Returns False when that write was already under way.
    """
    if writing(node, key):
        return False
    worker = node.run_worker(
        partial(_run, node, key, job, retry),
        name=f"write:{key}",
        group="write",
        thread=True,
        exit_on_error=False,
    )
    show_waiting_later(node, worker)
    return True


def show_waiting_later(node: Widget, worker: Worker[Any]) -> None:
    """Say that `worker` waits for the database, should it still be running in a moment."""
    node.set_timer(NOTICE_AFTER, partial(_show_waiting, node, worker))


def _run(node: Widget, key: str, job: Callable[[], Written[Any]], retry: str) -> None:
    from refterm.core.undo import left_undo_step, undo_hint

    left_undo_step()  # forget what an earlier job on this pooled thread left
    try:
        written = job()
    except InvalidFields as error:
        node.post_message(Refused(key, error.message, fields=dict(error.errors)))
    except Exception as error:  # the last guard: a message on the screen, never a traceback
        node.post_message(Refused(key, failure_text(error), locked=is_locked(error),
                                  retry=retry))  # fmt: skip
    else:
        # Every journaled change says, once and here, how to take it back.
        note = (
            f"{written.note} · {undo_hint()}" if written.note and left_undo_step() else written.note
        )
        node.post_message(Saved(key, written.value, note))


def _show_waiting(node: Widget, worker: Worker[Any]) -> None:
    if worker.is_finished or not node.is_attached:
        return
    screen = node.screen
    lines = screen.query(WaitingLine)
    line = lines.first() if lines else None
    if line is None:
        line = WaitingLine()
        screen.mount(line)
    line.follow(worker)


class WaitingLine(Horizontal):
    """Above the footer while a write waits for the database; gone once every write is done."""

    def __init__(self) -> None:
        super().__init__(classes="write-waiting")
        self._workers: set[Worker[Any]] = set()

    def compose(self) -> ComposeResult:
        yield Static(_(WAITING_TEXT), markup=False)

    def on_mount(self) -> None:
        # Polled rather than told: a worker's messages go to the screen that started it.
        self.set_interval(0.2, self._check)

    def follow(self, worker: Worker[Any]) -> None:
        self._workers.add(worker)

    def _check(self) -> None:
        self._workers = {worker for worker in self._workers if not worker.is_finished}
        if not self._workers:
            self.remove()
