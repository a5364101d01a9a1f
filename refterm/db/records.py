"""Plain copies of ORM rows, made inside the unit of work that read them."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

R = TypeVar("R")


def record(kind: type[R], row: Any) -> R:
    """A frozen `model.records` copy of `row`: what leaves db/ and core/ for screens."""
    names = [item.name for item in fields(kind)]  # type: ignore[arg-type]
    return kind(**{name: getattr(row, name) for name in names})
