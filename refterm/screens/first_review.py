"""The first review, read while Textual starts: the database work overlaps the first paint.

`make_app` starts the thread; the Today screen's first load and the header's title take the
result (waiting if it is not ready yet). Every later load reads the database again as usual.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refterm.core.agenda import Agenda
    from refterm.screens.context import Context

# A daily review, not a database dump: the most pressing rows; the rest are counted.
ROWS_PER_SECTION = 50


@dataclass(frozen=True)
class Review:
    """What the Today screen shows, read in one go."""

    agenda: Agenda
    activity: list[int]
    has_contacts: bool
    profile_name: str | None
    # Where the database stood just before the read: a later write, from whichever process,
    # moves it, and the app shows that write.
    change_mark: tuple[str, ...]


def read_review(context: Context) -> Review:
    """The agenda, the weekly activity, whether anyone is there yet, and the user's name."""
    from refterm.core.agenda import (
        build_agenda,
        change_mark,
        has_contacts,
        profile_name,
        weekly_activity,
    )

    # Plain sqlite3 reads (no ORM) on one connection: what the user waits for at start-up.
    database, today = context.database, context.today
    with database.raw_reading():
        mark = change_mark(database)
        return Review(
            agenda=build_agenda(database, today, context.settings, limit=ROWS_PER_SECTION),
            activity=weekly_activity(database, today, weeks=12),
            has_contacts=has_contacts(database),
            profile_name=profile_name(database),
            change_mark=mark,
        )


class FirstReview:
    """A review read in a background thread from the moment the app is built."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self._review: Review | None = None
        self._taken = False
        self._thread = threading.Thread(target=self._read, name="refterm-first-review",
                                        daemon=True)  # fmt: skip
        self._thread.start()

    def _read(self) -> None:
        try:
            self._review = read_review(self.context)
        except Exception:  # the screen reads again itself and shows what goes wrong then
            self._review = None

    def wait(self) -> Review | None:
        self._thread.join()
        return self._review

    def take(self) -> Review | None:
        """The review, once: later loads must read fresh data."""
        review = self.wait()
        if self._taken:
            return None
        self._taken = True
        return review
