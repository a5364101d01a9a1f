"""Copying from the TUI: OSC 52 through the terminal, and the system clipboard in a thread."""

from __future__ import annotations

from functools import partial

from textual.dom import DOMNode

from refterm.screens.base import context_of


def copy_text(node: DOMNode, text: str, what: str = "") -> None:
    """Copy as `clipboard` in config.toml allows, then say honestly what happened.

    OSC 52 is always sent when allowed (it also sets `app.clipboard`); the system clipboard is
    tried in a worker thread because xclip or pyperclip can block.
    """
    from refterm.clipboard import copy_message, mechanisms

    allowed = mechanisms(context_of(node).settings.clipboard)
    if allowed.osc52:
        node.app.copy_to_clipboard(text)
    if not allowed.system:
        node.app.notify(what + copy_message(allowed.osc52, False), markup=False)
        return
    node.run_worker(
        partial(_copy_to_system, node, text, allowed.osc52, what),
        thread=True,
        group="clipboard",
        exclusive=True,
        name="system clipboard",
    )


def _copy_to_system(node: DOMNode, text: str, osc52_sent: bool, what: str) -> None:
    from refterm.clipboard import copy_message, copy_to_system
    from refterm.errors import ClipboardUnavailable

    try:
        copy_to_system(text, timeout=2.0)
    except ClipboardUnavailable as error:
        message = copy_message(osc52_sent, False, error.message)
        severity = "information" if osc52_sent else "error"
    else:
        message = copy_message(osc52_sent, True)
        severity = "information"
    # notify is thread-safe.
    node.app.notify(what + message, markup=False, severity=severity)  # type: ignore[arg-type]
