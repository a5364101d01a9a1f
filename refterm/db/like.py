"""Word filters as LIKE patterns, escaped once for every repository."""

from __future__ import annotations

from typing import Any

from refterm.model.text import fold


def escape_like(text: str) -> str:
    """`text` as a literal inside a LIKE pattern whose escape character is a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains_every_word(column: Any, search: str | None) -> list[Any]:
    """One condition per folded word of `search`: the column holds it somewhere."""
    return [
        column.like("%" + escape_like(word) + "%", escape="\\")
        for word in fold(search or "").split()
    ]
