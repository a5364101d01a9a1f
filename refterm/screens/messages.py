"""Messages several screens send to the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message


@dataclass
class ProfileChanged(Message):
    """The user's profile was saved: the header shows their name."""


@dataclass
class Saved(Message, bubble=False):
    """A write went through (`screens.writing`): `note` tells the user, `value` is its result."""

    key: str
    value: Any
    note: str


@dataclass
class Refused(Message, bubble=False):
    """A write was not done and nothing was written; what the user typed is still there.

    `fields` holds one message per form field; `locked` says the database stayed busy, and
    `retry` names the key that tries again.
    """

    key: str
    problem: str
    fields: dict[str, str] = field(default_factory=dict)
    locked: bool = False
    retry: str = ""
