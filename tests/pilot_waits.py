"""Pilot's waits end when the app has handled what it was sent, not after fixed naps.

Textual's Pilot waits after each key, each pause and before each screenshot by sleeping 20 ms
at a time until the process's CPU clock stands still (`textual._wait.wait_for_idle`): at least
40 ms per key, while the CPU idles. Measured on the 80-column snapshots: 17.4 s of wall time for
9.5 s of CPU. Here the wait ends once no message waits in any node. Only while a worker runs
does it nap as Textual does: a worker's thread posts its result when it ends, and one blocked on
a lock (the locked-database tests) uses no CPU, so that nap ends the wait.

Timers are not waited for: the screen's own (layout, paint, `call_after_refresh`), which the
app may hold back on purpose (a typed query drawn with its rows), is run by `settle` in
`tests/ui/helpers.py`; others (a resize's, a debounce) by waiting for what they bring
(`tests/ui/writes.until`).
"""

from __future__ import annotations

import asyncio
from time import monotonic, process_time
from typing import Any


def messages_waiting(app: Any) -> bool:
    """Whether any node of the app has a message queued (or peeked, about to be handled)."""
    nodes = [app, *app._registry]
    return any(node._message_queue.qsize() or node._pending_message for node in nodes)


def screen_pending(app: Any) -> bool:
    """Whether the current screen has a layout, a paint or a callback still to do."""
    screen = app.screen
    return bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
        or screen._dirty_widgets
        or screen._callbacks
    )


async def until_handled(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """Textual's `wait_for_idle`, measured by the app's own queues rather than the CPU clock."""
    from textual._context import active_app
    from textual._wait import SLEEP_GRANULARITY, SLEEP_IDLE
    from textual.pilot import Pilot, WaitForScreenTimeout

    app = active_app.get(None)  # set in the task a Pilot runs in
    deadline = monotonic() + max_sleep
    while (left := deadline - monotonic()) > 0:
        await asyncio.sleep(0)
        if app is None or not app.is_running or app._driver is None:
            return
        try:
            await Pilot(app)._wait_for_screen(timeout=max(left, 0.05))
        except WaitForScreenTimeout:
            return
        if messages_waiting(app):
            continue
        if not any(not worker.is_finished for worker in app.workers):
            return
        # A worker is still at work: nap as Textual does; one that waits (on a lock, a
        # timer) uses no CPU, and the nap ends the wait as Textual's would.
        cpu = process_time()
        await asyncio.sleep(SLEEP_GRANULARITY)
        if process_time() - cpu < SLEEP_IDLE and not messages_waiting(app):
            return


def install() -> None:
    """Put `until_handled` where Pilot and the app's key sender call `wait_for_idle`."""
    import textual.app
    import textual.pilot

    textual.app.wait_for_idle = until_handled  # type: ignore[attr-defined]
    textual.pilot.wait_for_idle = until_handled  # type: ignore[attr-defined]
