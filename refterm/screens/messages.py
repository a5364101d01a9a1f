"""Messages several screens send to the app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ProfileChanged(Message):
    """The user's profile was saved: the header shows their name."""
