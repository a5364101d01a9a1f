"""Deleting from the TUI: read what goes with the row, ask, then delete through the write worker.

What a delete takes with it (asks, interactions, reference uses) is read in a thread, so the
question names it; the delete itself is one core write, like every other TUI write.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.content import Content
from textual.widget import Widget

from refterm.core.removal import Removal
from refterm.errors import RefTermError
from refterm.model.i18n import N_, _
from refterm.screens.base import tell_error
from refterm.screens.writing import Written, failure_text, write

AFTER = N_("It leaves every list and the review (ctrl+z undoes it).")


def question_text(removal: Removal) -> str:
    """'Delete Omar Tazi, 3 asks and 1 reference use?' as one sentence of the interface language."""
    parts = [removal.what, *removal.goes_with]
    if len(parts) == 1:
        return _("Delete {what}?").format(what=parts[0])
    return _("Delete {items} and {last}?").format(items=", ".join(parts[:-1]), last=parts[-1])


def removal_question(removal: Removal) -> Content:
    """'Delete Omar Tazi, 3 asks, 5 interactions and 1 reference use?' and what stays."""
    lines: list[tuple[str, str] | str] = [(question_text(removal), "bold"), "\n\n"]
    if removal.stays:
        lines += [removal.stays, "\n"]
    lines.append((_(AFTER), "dim"))
    return Content.assemble(*lines)


def ask_then_delete(
    node: Widget,
    key: str,
    describe: Callable[[], Removal],
    delete: Callable[[], Removal],
    retry: str = "d",
) -> None:
    """Read `describe` in a thread, ask with the Confirm dialog, then run `delete` as a write."""

    def read() -> None:
        try:
            removal = describe()
        except Exception as error:  # a message on the screen, never a traceback
            problem = error.message if isinstance(error, RefTermError) else failure_text(error)
            node.app.call_from_thread(tell_error, node, problem)
            return
        node.app.call_from_thread(_ask, node, key, removal, delete, retry)

    node.run_worker(read, name=f"removal:{key}", group="removal", thread=True,
                    exit_on_error=False)  # fmt: skip


def _ask(
    node: Widget, key: str, removal: Removal, delete: Callable[[], Removal], retry: str
) -> None:
    from refterm.screens.dialogs import ConfirmDialog

    dialog = ConfirmDialog(removal_question(removal), yes=_("Delete"))
    node.app.push_screen(dialog, partial(_answered, node, key, delete, retry))


def _answered(
    node: Widget, key: str, delete: Callable[[], Removal], retry: str, confirmed: bool | None
) -> None:
    if not confirmed:
        return

    def job() -> Written[int]:
        done = delete()
        return Written(done.id, done.done)

    write(node, key, job, retry=retry)
