"""Pilot's waits end when the app has handled what it was sent, not after fixed naps.

Textual's Pilot waits after each key, each pause and before each screenshot by sleeping 20 ms
at a time until the process's CPU clock stands still (`textual._wait.wait_for_idle`): at least
40 ms per key, while the CPU idles. Measured on the 80-column snapshots: 17.4 s of wall time for
9.5 s of CPU. Here the wait ends as soon as every message queued in the app has been handled;
only while a worker runs does it nap as Textual does, since a worker's thread posts its result
when it ends, and a worker blocked on a lock (the locked-database tests) uses no CPU.
"""

from __future__ import annotations

import asyncio
from time import monotonic, process_time
from typing import Any

# The app a Pilot drives: keys are sent from the test's own task, where Textual's context
# variable names no app. One app runs at a time in a test process.
_driven: list[Any] = []


def _app() -> Any:
    from textual._context import active_app

    return active_app.get(None) or (_driven[-1] if _driven else None)


def messages_waiting(app: Any) -> bool:
    """Whether any node of the app has a message queued or in hand."""
    nodes = [app, *app._registry]
    return any(node._message_queue.qsize() or node._pending_message for node in nodes)


async def until_handled(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """Textual's `wait_for_idle`, measured by the app's own queues rather than the CPU clock."""
    from textual._wait import SLEEP_GRANULARITY, SLEEP_IDLE
    from textual.pilot import Pilot

    app = _app()
    deadline = monotonic() + max_sleep
    while monotonic() < deadline:
        await asyncio.sleep(0)
        if app is None or not app.is_running or app._driver is None:
            return
        await Pilot(app)._wait_for_screen()
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

    pilot_init = textual.pilot.Pilot.__init__

    def remembering_init(self: Any, app: Any) -> None:
        pilot_init(self, app)
        _driven[:] = [app]

    textual.pilot.Pilot.__init__ = remembering_init  # type: ignore[method-assign]
    textual.app.wait_for_idle = until_handled  # type: ignore[attr-defined]
    textual.pilot.wait_for_idle = until_handled  # type: ignore[attr-defined]
