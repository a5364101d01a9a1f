"""The databases a run measures: demo data plus N synthetic contacts, made once per run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TODAY = "2026-11-26"
SIZES = (1_000, 10_000, 100_000)


def make_databases(folder: Path, sizes: tuple[int, ...] = SIZES) -> dict[int, Path]:
    """`refterm demo --contacts N` into one file per size (the demo adds 18 more contacts)."""
    made = {}
    for size in sizes:
        path = folder / f"refterm-{size}.db"
        subprocess.run(
            [sys.executable, "-m", "refterm", "--db", str(path), "--today", TODAY, "demo",
             "--contacts", str(size)],
            check=True,
            capture_output=True,
            text=True,
        )  # fmt: skip
        made[size] = path
    return made


def refterm_argv(db: Path | str) -> list[str]:
    """How a user starts the TUI on `db`."""
    return [sys.executable, "-m", "refterm", "--db", str(db), "--today", TODAY]
