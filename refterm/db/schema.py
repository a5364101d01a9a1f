"""The migration revisions this code knows, readable without importing Alembic."""

from __future__ import annotations

# Oldest first; the last is the head. A test checks this against Alembic's own view.
REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0008",
    "0009",
    "0010",
)
HEAD = REVISIONS[-1]
