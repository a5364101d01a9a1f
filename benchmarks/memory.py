"""Peak memory of a real refterm process that shows Today, opens Contacts and filters it."""

from __future__ import annotations

from pathlib import Path

from benchmarks.databases import refterm_argv
from benchmarks.scaling import FILTER
from benchmarks.startup import TODAY_READY
from benchmarks.terminal import Step, run_in_terminal


def peak_rss_kib(db: Path) -> int:
    """ru_maxrss of the process after the same session as the scaling benchmark."""
    session = run_in_terminal(
        refterm_argv(db),
        [
            Step(TODAY_READY),
            Step(b"contacts \xc2\xb7 by name", keys=b"2"),
            # Once the filter has the focus (the footer offers to clear it), type in one go.
            Step(b"esc Clear filter", keys=b"/"),
            Step(f"matching \u201c{FILTER}\u201d".encode(), keys=FILTER.encode()),
        ],
    )
    return session.peak_rss_kib
