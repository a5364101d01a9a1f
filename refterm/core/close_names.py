"""Close spellings of a name ("benjeloun" finds Benjelloun), ranked by closeness, for the palette.

The distinct folded words of every name are held in memory with a trigram index over them:
a query word picks the words sharing the most trigrams with it, RapidFuzz scores those few
(a typo, a missing letter, the start of a word), and each contact takes the mean of its best
score per query word. Nothing scans 100,000 names per key.
"""

from __future__ import annotations

import heapq
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from refterm.db import search
from refterm.model.text import fold

if TYPE_CHECKING:
    from refterm.db.database import Database

# Below this closeness (0-100) a word is not a spelling of the other.
CUTOFF = 75.0
# Shorter typed words are left to the exact matches.
MIN_TYPED = 3
# How many words sharing the most trigrams with a query word are scored.
CANDIDATES = 300
# A typed prefix of a word ("benj" for "benjelloun") counts a little less than the whole word.
PREFIX_WEIGHT = 0.92


@dataclass(frozen=True)
class CloseName:
    """A contact whose name is close to the query; `closeness` from 0 to 100."""

    contact_id: int
    full_name: str
    closeness: float


def _trigrams(word: str) -> set[str]:
    # One space each side: the first and last letters weigh more, and no trigram is shared by
    # every word starting with the same letter (which would make every query count them all).
    padded = f" {word} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


def word_closeness(typed: str, word: str) -> float:
    """0-100: the whole word, or its start when `typed` is shorter (someone still typing)."""
    whole = Indel.normalized_similarity(typed, word) * 100
    if len(word) > len(typed):
        start = Indel.normalized_similarity(typed, word[: len(typed)]) * 100 * PREFIX_WEIGHT
        return max(whole, start)
    return whole


class NameIndex:
    """Every active contact's name, split into distinct folded words with a trigram index."""

    def __init__(self, names: Sequence[tuple[int, str, str]]) -> None:
        self.ids = [contact_id for contact_id, _, _ in names]
        self.full_names = [full_name for _, full_name, _ in names]
        self.keys = [key for _, _, key in names]
        positions: dict[str, list[int]] = {}
        for position, key in enumerate(self.keys):
            for word in set(key.split()):
                positions.setdefault(word, []).append(position)
        self.words = list(positions)
        self.word_contacts = [positions[word] for word in self.words]
        trigrams: dict[str, list[int]] = {}
        for number, word in enumerate(self.words):
            for trigram in _trigrams(word):
                trigrams.setdefault(trigram, []).append(number)
        self.trigrams = trigrams

    def _close_words(self, typed: str) -> dict[int, float]:
        """Word number -> closeness, for the words close enough to `typed`."""
        shared: Counter[int] = Counter()
        for trigram in _trigrams(typed):
            shared.update(self.trigrams.get(trigram, ()))
        best = heapq.nlargest(CANDIDATES, shared.items(), key=lambda item: item[1])
        scores = {}
        for number, _ in best:
            closeness = word_closeness(typed, self.words[number])
            if closeness >= CUTOFF:
                scores[number] = closeness
        return scores

    def closest(self, query: str, limit: int = 12) -> list[CloseName]:
        """The contacts whose name is closest to `query`, closest first, then by name."""
        # One or two letters are no spelling to correct: the filter's own matches cover them.
        typed_words = [word for word in fold(query).split() if len(word) >= MIN_TYPED]
        if not typed_words:
            return []
        totals: dict[int, float] | None = None
        for typed in typed_words:
            best_here: dict[int, float] = {}
            for number, closeness in self._close_words(typed).items():
                for position in self.word_contacts[number]:
                    if closeness > best_here.get(position, -1.0):
                        best_here[position] = closeness
            if totals is None:
                totals = best_here
            else:
                totals = {p: totals[p] + s for p, s in best_here.items() if p in totals}
            if not totals:
                return []
        assert totals is not None
        count = len(typed_words)
        ranked = heapq.nsmallest(
            limit,
            totals.items(),
            key=lambda item: (-item[1], self.keys[item[0]], self.ids[item[0]]),
        )
        return [
            CloseName(self.ids[position], self.full_names[position], round(total / count, 1))
            for position, total in ranked
        ]


class CloseNames:
    """The name index of one database, read again only when the contacts have changed."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._lock = threading.Lock()
        self._fingerprint: tuple[object, ...] | None = None
        self._index: NameIndex | None = None

    def refresh(self) -> NameIndex:
        """Read the names again if any contact changed (in a worker: at 100,000 it takes a
        moment); the palette calls it when it opens, not on every key."""
        with self._lock:
            with self.database.raw_reading() as connection:
                fingerprint = search.names_fingerprint(connection)
                if self._index is None or fingerprint != self._fingerprint:
                    self._index = NameIndex(search.active_names(connection))
                    self._fingerprint = fingerprint
            return self._index

    def current(self) -> NameIndex:
        """The index as last read (read now if never)."""
        return self._index if self._index is not None else self.refresh()

    def closest(self, query: str, limit: int = 12) -> list[CloseName]:
        return self.current().closest(query, limit)


@dataclass(frozen=True)
class PaletteMatch:
    """A contact offered by the command palette; `closeness` is None for an exact match."""

    contact_id: int
    full_name: str
    title: str | None
    company: str | None
    closeness: float | None


def exact_matches(database: Database, query: str, limit: int = 12) -> list[PaletteMatch]:
    """Contacts holding the query, as the Contacts filter finds them, in name order."""
    from refterm.core.contacts import contact_page

    rows = contact_page(database, query, limit=limit, with_total=False).rows
    return [PaletteMatch(row.id, row.full_name, row.title, row.company, None) for row in rows]


def close_matches(
    database: Database,
    names: CloseNames,
    query: str,
    shown: set[int],
    limit: int = 12,
) -> list[PaletteMatch]:
    """Close spellings of names, closest first, leaving out the contacts already `shown`."""
    close = [name for name in names.closest(query, limit) if name.contact_id not in shown]
    with database.raw_reading() as connection:
        details = search.name_title_company(connection, [name.contact_id for name in close])
    found = []
    for name in close:
        if name.contact_id in details:  # not deleted since the names were read
            full_name, title, company = details[name.contact_id]
            found.append(PaletteMatch(name.contact_id, full_name, title, company, name.closeness))
    return found


def palette_matches(
    database: Database, names: CloseNames, query: str, limit: int = 12
) -> list[PaletteMatch]:
    """What the palette offers: exact matches, then close spellings; no contact twice."""
    exact = exact_matches(database, query, limit)
    shown = {match.contact_id for match in exact}
    return exact + close_matches(database, names, query, shown, limit)
