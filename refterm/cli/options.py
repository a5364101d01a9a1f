"""Option parsing shared by commands: dates, vocabularies, contact references."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

import click

from refterm.core.dates import parse_user_date
from refterm.model.vocab import choices

E = TypeVar("E", bound=StrEnum)


def date_option(value: str | None, today: date, option: str) -> date | None:
    """A typed date (2026-12-01, today, +3d, demain...) or None; bad input exits 2."""
    if value is None:
        return None
    try:
        return parse_user_date(value, today)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=option) from None


def vocab_choice(vocab: type[StrEnum]) -> click.Choice[str]:
    return click.Choice(choices(vocab), case_sensitive=False)
