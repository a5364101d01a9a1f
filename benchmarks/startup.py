"""Time to content in a real terminal, and what start-up imports cost."""

from __future__ import annotations

import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from benchmarks.bare_app import READY_TEXT
from benchmarks.databases import refterm_argv
from benchmarks.terminal import Step, python_module, run_in_terminal

# Shown by the Today screen only once its data is painted (the title's summary line).
TODAY_READY = b"to look at"
# Loaded only when used; none of them is needed to show the Today screen.
LATE_MODULES = ("alembic", "jinja2", "vobject", "phonenumbers")


def time_to_content(databases: dict[int, Path | str], repeats: int) -> dict[str, list[float]]:
    """Seconds from process start to content, for the bare app and each size (interleaved)."""
    runs: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeats):
        bare = run_in_terminal(python_module("benchmarks.bare_app"), [Step(READY_TEXT.encode())])
        runs["bare"].append(bare.reached[0])
        for size, path in databases.items():
            shown = run_in_terminal(refterm_argv(path), [Step(TODAY_READY)])
            runs[str(size)].append(shown.reached[0])
    return dict(runs)


def median(values: list[float]) -> float:
    return statistics.median(values)


def import_costs(statement: str) -> tuple[float, dict[str, float], set[str]]:
    """`python -X importtime -c STATEMENT`: total seconds, seconds per top package, modules."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
    )
    per_package: dict[str, float] = defaultdict(float)
    modules: set[str] = set()
    total = 0.0
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
        module = name.strip()
        modules.add(module)
        per_package[module.split(".")[0]] += int(self_us) / 1e6
        if not name.startswith("  "):  # imported by the statement itself, not by a module
            total += int(cumulative_us) / 1e6
    return total, dict(per_package), modules


def late_modules_loaded(modules: set[str]) -> list[str]:
    return sorted({name.split(".")[0] for name in modules} & set(LATE_MODULES))
