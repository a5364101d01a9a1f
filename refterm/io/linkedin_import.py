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
from refterm.io.incoming import IncomingContact, Skipped
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
from refterm.model.i18n import _, ngettext, number
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
        lines = []
        for name, file in self.archive.files.items():
            if not file.present:
                lines.append(_("{file}: not in the archive").format(file=name))
                continue
            if name == INVITATIONS:
                lines.append(f"{name}: {_(INVITATIONS_LEFT_OUT)}")
                continue
            if name == CONNECTIONS:
                words = self._connections(dry_run)
            elif name == MESSAGES:
                words = self._messages_words(dry_run)
            else:
                words = self._recommendations_words(name, dry_run)
            skipped = connections_skipped if name == CONNECTIONS else file.skipped
            if skipped:
                reasons = Counter(item.reason for item in skipped)
                listed = ", ".join(f"{number(count)} {reason}" for reason, count in reasons.items())
                form = ngettext(
                    "; skipped {count} ({reasons})", "; skipped {count} ({reasons})", len(skipped)
                )
                words += form.format(count=number(len(skipped)), reasons=listed)
            lines.append(f"{name}: {words}")
        return lines

    def _connections(self, dry_run: bool) -> str:
        added, merged, unchanged, repeated = self.connections
        if dry_run:
            words = ngettext(
                "would add {count} new contact", "would add {count} new contacts", added
            )
        else:
            words = ngettext("added {count} new contact", "added {count} new contacts", added)
        words = _counted(words, added)
        if merged:
            if dry_run:
                form = ngettext(
                    ", would merge {count} into existing contacts",
                    ", would merge {count} into existing contacts",
                    merged,
                )
            else:
                form = ngettext(
                    ", merged {count} into existing contacts",
                    ", merged {count} into existing contacts",
                    merged,
                )
            words += _counted(form, merged)
        if unchanged:
            form = ngettext(
                ", {count} already up to date", ", {count} already up to date", unchanged
            )
            words += _counted(form, unchanged)
        if repeated:
            form = ngettext(
                ", {count} row repeating an earlier one",
                ", {count} rows repeating an earlier one",
                repeated,
            )
            words += _counted(form, repeated)
        return words

    def _recommendations_words(self, name: str, dry_run: bool) -> str:
        counts = self.counts[name]
        if name == RECEIVED and dry_run:
            words = ngettext(
                "would add {count} recommendation",
                "would add {count} recommendations",
                counts.added,
            )
        elif name == RECEIVED:
            words = ngettext(
                "added {count} recommendation", "added {count} recommendations", counts.added
            )
        elif dry_run:
            words = ngettext(
                "would add {count} recommendation you wrote",
                "would add {count} recommendations you wrote",
                counts.added,
            )
        else:
            words = ngettext(
                "added {count} recommendation you wrote",
                "added {count} recommendations you wrote",
                counts.added,
            )
        words = _counted(words, counts.added)
        details = []
        if counts.hidden:
            form = ngettext(
                "{count} hidden on LinkedIn", "{count} hidden on LinkedIn", counts.hidden
            )
            details.append(_counted(form, counts.hidden))
        if counts.new_contacts:
            form = ngettext(
                "{count} person not among your contacts, added as a contact",
                "{count} people not among your contacts, added as contacts",
                counts.new_contacts,
            )
            details.append(_counted(form, counts.new_contacts))
        if details:
            words += f" ({'; '.join(details)})"
        if counts.known:
            form = ngettext(
                ", {count} already imported", ", {count} already imported", counts.known
            )
            words += _counted(form, counts.known)
        return words

    def _messages_words(self, dry_run: bool) -> str:
        people = len({day.record.id for day in self.days.values()})
        days = len(self.days)
        if dry_run:
            form = ngettext(
                "would add {count} conversation day to the history of {people}",
                "would add {count} conversation days to the history of {people}",
                days,
            )
        else:
            form = ngettext(
                "added {count} conversation day to the history of {people}",
                "added {count} conversation days to the history of {people}",
                days,
            )
        contacts = _counted(ngettext("{count} contact", "{count} contacts", people), people)
        words = _counted(form, days).format(people=contacts)
        if self.known_days:
            known = len(self.known_days)
            form = ngettext(", {count} already imported", ", {count} already imported", known)
            words += _counted(form, known)
        if self.stranger_messages:
            strangers = len(self.strangers)
            form = ngettext(
                "; left out {messages} with {count} person who is not a contact",
                "; left out {messages} with {count} people who are not contacts",
                strangers,
            )
            messages = _counted(
                ngettext("{count} message", "{count} messages", self.stranger_messages),
                self.stranger_messages,
            )
            words += _counted(form, strangers).format(messages=messages)
        return words


def _counted(form: str, count: int) -> str:
    """An ngettext form with its {count} filled (other placeholders are left for the caller)."""
    return form.replace("{count}", number(count))
