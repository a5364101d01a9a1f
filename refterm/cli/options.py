"""Option parsing shared by commands: dates, vocabularies, contact references."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

import click

from refterm.core.dates import parse_user_date
from refterm.model.vocab import choices, label

E = TypeVar("E", bound=StrEnum)


def date_option(value: str | None, today: date, option: str) -> date | None:
    """A typed date (2026-12-01, today, +3d, demain...) or None; bad input exits 2."""
    if value is None:
        return None
    try:
        return parse_user_date(value, today)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=option) from None


class VocabChoice(click.Choice[str]):
    """A vocabulary's codes, also taken as the interface shows them (`acceptée` for `agreed`):
    what `ask list` or `contact show` printed can be typed back."""

    def __init__(self, vocab: type[StrEnum]) -> None:
        super().__init__(choices(vocab), case_sensitive=False)
        self.vocab = vocab

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        if isinstance(value, str):
            shown = {label(self.vocab, code).casefold(): code for code in choices(self.vocab)}
            value = shown.get(value.strip().casefold(), value)
        return str(super().convert(value, param, ctx))


def vocab_choice(vocab: type[StrEnum]) -> click.Choice[str]:
    return VocabChoice(vocab)
