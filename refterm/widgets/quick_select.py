"""A Select that picks by typing: letters jump to the first option starting with them.

Textual's Select searches as you type only once its list is open; here the closed control
does too, so an outcome or a channel is one letter away. The same letter again moves on to
the next option starting with it; letters typed within a second of each other spell a prefix.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.widgets import Select

# Letters further apart than this start a new prefix.
TYPED_WITHIN = 1.0


class QuickSelect(Select[str]):
    """A compact Select over (label, value) pairs; typing a letter picks an option."""

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        value: str | None = None,
        *,
        blank: bool = True,
        keyed: bool = False,
        id: str | None = None,
    ) -> None:
        # Prompts as rich Text: literal (user text is never markup), and searchable by the
        # open list's own type-ahead, which skips prompts of other kinds.
        prompts = [(self._prompt(label, keyed), stored) for label, stored in choices]
        super().__init__(
            prompts,
            value=value if value else Select.NULL,
            allow_blank=blank,
            prompt="—",
            compact=True,
            id=id,
        )
        self.labels = [(label.casefold(), stored) for label, stored in choices]
        self._typed = ""
        self._typed_at = 0.0

    @staticmethod
    def _prompt(label: str, keyed: bool) -> Text:
        if not keyed or not label:
            return Text(label)
        # The letter that picks it, underlined.
        return Text.assemble((label[0], "underline"), label[1:])

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return character is not None and character.isalnum()

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if self.expanded or character is None or not character.isalnum():
            return
        event.stop()
        event.prevent_default()
        self.pick_typed(character)

    def pick_typed(self, character: str) -> bool:
        """Move to the option the letters typed so far point at; False when none does."""
        now = time.monotonic()
        letter = character.casefold()
        prefix = self._typed + letter if now - self._typed_at <= TYPED_WITHIN else letter
        self._typed_at = now
        if not any(label.startswith(prefix) for label, _ in self.labels):
            prefix = letter  # a letter that spells nothing with the ones before starts afresh
        starting = [stored for label, stored in self.labels if label.startswith(prefix)]
        current = self.value if isinstance(self.value, str) else None
        if len(prefix) == 1 and current in starting:
            # The same first letter again: the next option starting with it, round and round.
            at = starting.index(current)
            starting = starting[at + 1 :] + starting[: at + 1]
        self._typed = prefix
        if not starting:
            self.app.bell()
            return False
        self.value = starting[0]
        return True
