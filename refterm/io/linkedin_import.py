"""A LinkedIn archive into the database: recommendations become asks, messages history.

Runs inside the import's one transaction, after the connections are placed by the
`ContactPlan` and before it writes. Every imported row carries a source key (a digest of
what identifies it in the archive), so importing the same archive again adds nothing and a
newer archive adds only what is new.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from refterm.core.history_words import message_summary, move_summary
from refterm.db import bulk
from refterm.io.incoming import IncomingContact, Skipped, plural
from refterm.io.linkedin_archive import (
    CONNECTIONS,
    GIVEN,
    INVITATIONS,
    INVITATIONS_LEFT_OUT,
    MESSAGES,
    RECEIVED,
    LinkedInArchive,
    Message,
    Person,
    Recommendation,
)
from refterm.io.merge import ContactPlan, Record
from refterm.model.text import fold
from refterm.model.vocab import AskKind, AskStatus, Channel, Platform

SOURCE = "linkedin:"


def source_key(*parts: str) -> str:
    """'linkedin:<kind>:<digest>': stable for the same item in any later archive."""
    digest = hashlib.sha1("\x1f".join(parts[1:]).encode("utf-8")).hexdigest()[:24]
    return f"{SOURCE}{parts[0]}:{digest}"


@dataclass
class _Day:
    """One conversation on one day with one contact: what becomes one interaction."""

    record: Record
    on: date
    sent: int = 0
    received: int = 0
    lines: list[str] = field(default_factory=list)


@dataclass
class _Counts:
    added: int = 0
    known: int = 0
    hidden: int = 0
    new_contacts: int = 0


class ArchivePlan:
    """The recommendations and messages of an archive, matched to contacts, ready to write."""

    def __init__(
        self,
        session: Session,
        plan: ContactPlan,
        archive: LinkedInArchive,
        language: str,
        stamp: str,
    ) -> None:
        self.session = session
        self.plan = plan
        self.archive = archive
        self.language = language
        self.stamp = stamp
        self.received: list[tuple[Recommendation, Record, str]] = []
        self.given: list[tuple[Recommendation, Record, str]] = []
        self.days: dict[str, _Day] = {}
        self.counts = {RECEIVED: _Counts(), GIVEN: _Counts(), MESSAGES: _Counts()}
        self.strangers: set[str] = set()
        self.stranger_messages = 0
        self.owner: str | None = None
        self.known_days: set[str] = set()
        self.connections = (plan.added, plan.merged, plan.unchanged, plan.repeated)

    def place(self) -> None:
        """Match every recommendation and message to a contact (adding recommenders)."""
        asks = bulk.source_keys(self.session, "ask", SOURCE)
        given = bulk.source_keys(self.session, "recommendation_given", SOURCE)
        for item in self.archive.received:
            self._recommendation(item, "recommendation-received", asks, RECEIVED, self.received)
        for item in self.archive.given:
            self._recommendation(item, "recommendation-given", given, GIVEN, self.given)
        self._messages(bulk.source_keys(self.session, "interaction", SOURCE + "message:"))

    def _recommendation(
        self,
        item: Recommendation,
        kind: str,
        known: set[str],
        name: str,
        target: list[tuple[Recommendation, Record, str]],
    ) -> None:
        # Who and when (to the minute), not the text: an author may edit it on LinkedIn.
        key = source_key(kind, fold(item.full_name), item.stamp)
        counts = self.counts[name]
        if key in known:
            counts.known += 1
            return
        known.add(key)
        person = IncomingContact(
            where=item.where, full_name=item.full_name, company=item.company, title=item.title
        )
        record, is_new = self.plan.place(person)
        counts.added += 1
        counts.hidden += item.hidden
        counts.new_contacts += is_new
        target.append((item, record, key))

    def _owner(self) -> str | None:
        """The archive's owner: whoever takes part in the most conversations (they all do)."""
        seen: dict[str, set[str]] = {}
        for message in self.archive.messages:
            for person in (message.sender, *message.recipients):
                seen.setdefault(person.key, set()).add(message.conversation)
        if not seen:
            return None
        counts = Counter({key: len(conversations) for key, conversations in seen.items()})
        ranked = counts.most_common()
        best = [key for key, count in ranked if count == ranked[0][1]]
        # A tie (a single conversation): the owner is the one who is not a contact.
        strangers = [key for key in best if self._contact(self._person(key)) is None]
        return (strangers or best)[0]

    def _person(self, key: str) -> Person:
        if key.startswith("name:"):
            return Person(key[5:], None)
        return Person(None, key)

    def _contact(self, person: Person) -> Record | None:
        if person.url:
            found = self.plan.by_url.get(person.url)
            if found is not None or not person.name:
                return found
        return self.plan.find(person.name, None, person.url) if person.name else None

    def _messages(self, known: set[str]) -> None:
        self.owner = owner = self._owner()
        counts = self.counts[MESSAGES]
        matched: dict[str, Record | None] = {}
        for message in self.archive.messages:
            sent = message.sender.key == owner
            others = message.recipients if sent else (message.sender,)
            for person in others:
                if person.key == owner:
                    continue
                if person.key not in matched:
                    matched[person.key] = self._contact(person)
                record = matched[person.key]
                if record is None:
                    self.strangers.add(person.key)
                    self.stranger_messages += 1
                    continue
                self._count(message, person, record, sent, known, counts)

    def _count(
        self,
        message: Message,
        person: Person,
        record: Record,
        sent: bool,
        known: set[str],
        counts: _Counts,
    ) -> None:
        key = source_key("message", message.conversation, message.on.isoformat(), person.key)
        if key in known:
            self.known_days.add(key)
            return
        day = self.days.get(key)
        if day is None:
            day = self.days[key] = _Day(record, message.on)
        if sent:
            day.sent += 1
        else:
            day.received += 1
        if message.content:
            author = message.sender.name or "?"
            day.lines.append(f"{author}: {message.content}")
        counts.added = len(self.days)

    def write(self) -> None:
        """Insert the asks, the recommendations given and the history; move last contact."""
        latest: dict[int, str] = {}

        def contact(record: Record, on: date | None) -> None:
            if on is not None and on.isoformat() > latest.get(record.id, ""):
                latest[record.id] = on.isoformat()

        ask_rows: list[tuple[Any, ...]] = []
        history: list[tuple[Any, ...]] = []
        next_ask = bulk.next_id(self.session, "ask")
        received_words = move_summary("received", AskKind.RECOMMENDATION, self.language)
        for item, record, key in self.received:
            on = item.on.isoformat() if item.on else None
            ask_rows.append(
                (next_ask, record.id, AskKind.RECOMMENDATION.value, Platform.LINKEDIN.value,
                 None, AskStatus.RECEIVED.value, None, 0, None, None, on, self.stamp,
                 self.stamp, item.text, item.hidden, key)
            )  # fmt: skip
            if on is not None:
                history.append(
                    (record.id, next_ask, on, Channel.MESSAGE.value, None, received_words,
                     "received", f"{key}:received", self.stamp)
                )  # fmt: skip
                contact(record, item.on)
            next_ask += 1
        for key, day in self.days.items():
            summary = message_summary(day.sent, day.received, self.language)
            if day.lines:
                summary += "\n" + "\n".join(day.lines)
            direction = "both" if day.sent and day.received else "sent" if day.sent else "received"
            history.append(
                (day.record.id, None, day.on.isoformat(), Channel.MESSAGE.value, None, summary,
                 direction, key, self.stamp)
            )  # fmt: skip
            contact(day.record, day.on)
        given_rows = [
            (record.id, Platform.LINKEDIN.value, item.on.isoformat() if item.on else None,
             item.text, item.hidden, key, self.stamp)
            for item, record, key in self.given
        ]  # fmt: skip
        bulk.insert_rows(self.session, "ask", bulk.IMPORTED_ASK_COLUMNS, ask_rows)
        bulk.insert_rows(self.session, "recommendation_given", bulk.GIVEN_COLUMNS, given_rows)
        bulk.insert_rows(self.session, "interaction", bulk.IMPORTED_INTERACTION_COLUMNS, history)
        bulk.raise_last_contacted(self.session, [(on, cid) for cid, on in latest.items()])

    def report(self, dry_run: bool, connections_skipped: list[Skipped]) -> list[str]:
        """One line per file of the archive: what it adds, merges and skips, and why."""
        add = "would add" if dry_run else "added"
        lines = []
        for name, file in self.archive.files.items():
            if not file.present:
                lines.append(f"{name}: not in the archive")
                continue
            if name == INVITATIONS:
                lines.append(f"{name}: {INVITATIONS_LEFT_OUT}")
                continue
            if name == CONNECTIONS:
                words = self._connections(add, dry_run)
            elif name == MESSAGES:
                words = self._messages_words(add)
            else:
                words = self._recommendations_words(name, add)
            skipped = connections_skipped if name == CONNECTIONS else file.skipped
            if skipped:
                reasons = Counter(item.reason for item in skipped)
                listed = ", ".join(f"{count} {reason}" for reason, count in reasons.items())
                words += f"; skipped {len(skipped)} ({listed})"
            lines.append(f"{name}: {words}")
        return lines

    def _connections(self, add: str, dry_run: bool) -> str:
        added, merged, unchanged, repeated = self.connections
        words = f"{add} {plural(added, 'new contact')}"
        if merged:
            words += f", {'would merge' if dry_run else 'merged'} {merged} into existing contacts"
        if unchanged:
            words += f", {unchanged} already up to date"
        if repeated:
            words += f", {plural(repeated, 'row')} repeating an earlier one"
        return words

    def _recommendations_words(self, name: str, add: str) -> str:
        counts = self.counts[name]
        what = "recommendation" if name == RECEIVED else "recommendation you wrote"
        several = "recommendations" if name == RECEIVED else "recommendations you wrote"
        words = f"{add} {plural(counts.added, what, several)}"
        details = []
        if counts.hidden:
            details.append(f"{counts.hidden} hidden on LinkedIn")
        if counts.new_contacts:
            details.append(
                f"{plural(counts.new_contacts, 'person')} not among your contacts, added as "
                + ("a contact" if counts.new_contacts == 1 else "contacts")
            )
        if details:
            words += f" ({'; '.join(details)})"
        if counts.known:
            words += f", {counts.known} already imported"
        return words

    def _messages_words(self, add: str) -> str:
        people = len({day.record.id for day in self.days.values()})
        words = (
            f"{add} {plural(len(self.days), 'conversation day')} to the history of "
            f"{plural(people, 'contact')}"
        )
        if self.known_days:
            words += f", {len(self.known_days)} already imported"
        if self.stranger_messages:
            words += (
                f"; left out {plural(self.stranger_messages, 'message')} with "
                f"{plural(len(self.strangers), 'person', 'people')} "
                + ("who is not a contact" if len(self.strangers) == 1 else "who are not contacts")
            )
        return words
