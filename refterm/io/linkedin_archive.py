"""LinkedIn's "Get a copy of your data" archive (a ZIP or its folder): what refterm reads in it.

Connections.csv is read by `io.linkedin`; this module reads the recommendations received and
given, and messages.csv. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from refterm.config import Settings
from refterm.errors import ImportRefused
from refterm.io.files import MAX_IMPORT_BYTES, decode_text, read_bytes
from refterm.io.incoming import ParsedImport, Skipped, line_or_none
from refterm.io.linkedin import HEADER_SCAN_LINES, profile_url, read_linkedin
from refterm.model import ranges
from refterm.model.i18n import N_, _
from refterm.model.text import optional_multiline

CONNECTIONS = "Connections.csv"  # untranslated: LinkedIn's file name
RECEIVED = "Recommendations_Received.csv"  # untranslated: LinkedIn's file name
GIVEN = "Recommendations_Given.csv"  # untranslated: LinkedIn's file name
MESSAGES = "messages.csv"  # untranslated: LinkedIn's file name
INVITATIONS = "Invitations.csv"  # untranslated: LinkedIn's file name
# The files refterm looks for, in the order the report lists them.
ARCHIVE_FILES = (CONNECTIONS, RECEIVED, GIVEN, MESSAGES, INVITATIONS)
# Why Invitations.csv is listed but not imported (the report says it).
INVITATIONS_LEFT_OUT = N_(
    "not imported: it lists invitations still pending (an accepted one is in Connections.csv "
    "with its real date), so its dates are not connection dates, and its messages are "
    "LinkedIn's default text rather than how you met"
)
# LinkedIn's own column names, as its files spell them.
RECOMMENDATION_COLUMNS = (
    "first name",  # untranslated: LinkedIn's column name
    "last name",  # untranslated: LinkedIn's column name
    "company",
    "job title",  # untranslated: LinkedIn's column name
    "text",
    "creation date",  # untranslated: LinkedIn's column name
    "status",
)
MESSAGE_COLUMNS = (
    "conversation id",  # untranslated: LinkedIn's column name
    "conversation title",  # untranslated: LinkedIn's column name
    "from",
    "sender profile url",  # untranslated: LinkedIn's column name
    "to",
    "recipient profile urls",  # untranslated: LinkedIn's column name
    "date",
    "subject",
    "content",
    "folder",
)
_US_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True)
class Recommendation:
    """One row of Recommendations_Received.csv or Recommendations_Given.csv."""

    where: str
    full_name: str
    company: str | None
    title: str | None
    text: str | None
    on: date | None
    hidden: bool
    # The row's own words for when it was written ("07/21/09, 12:11 PM"): its stable key.
    stamp: str


@dataclass(frozen=True)
class Person:
    """Someone in a conversation: a name (repaired), a profile URL when LinkedIn gave one."""

    name: str | None
    url: str | None

    @property
    def key(self) -> str:
        return self.url or f"name:{(self.name or '').casefold()}"


@dataclass(frozen=True)
class Message:
    """One row of messages.csv; `content` is kept only when the user asked for it."""

    conversation: str
    on: date
    sender: Person
    recipients: tuple[Person, ...]
    content: str | None


@dataclass
class ArchiveFile:
    """One file of the archive: its name, whether it was there, and what could not be read."""

    name: str
    present: bool = False
    rows: int = 0
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class LinkedInArchive:
    """Everything read from the archive besides the connections."""

    source: Path
    files: dict[str, ArchiveFile] = field(default_factory=dict)
    received: list[Recommendation] = field(default_factory=list)
    given: list[Recommendation] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    with_content: bool = False


def is_archive(path: Path) -> bool:
    """A folder, a ZIP, or one of the archive's CSV files other than Connections.csv."""
    if path.is_dir():
        return True
    if path.suffix.lower() == ".zip" or (path.is_file() and zipfile.is_zipfile(path)):
        return True
    return _archive_name(path.name) not in (None, CONNECTIONS)


def _archive_name(name: str) -> str | None:
    folded = Path(name).name.casefold()
    return next((known for known in ARCHIVE_FILES if known.casefold() == folded), None)


def _zip_texts(path: Path) -> dict[str, str]:
    try:
        with zipfile.ZipFile(path) as archive:
            found: dict[str, str] = {}
            for info in archive.infolist():
                known = _archive_name(info.filename)
                if known is None or info.is_dir() or known in found:
                    continue
                too_big = ImportRefused(
                    _("{path}: {name} is larger than {size} MB; nothing was imported").format(
                        path=path, name=info.filename, size=MAX_IMPORT_BYTES // (1024 * 1024)
                    )
                )
                if info.file_size > MAX_IMPORT_BYTES:
                    raise too_big
                with archive.open(info) as member:
                    # The size in the ZIP's directory may lie: never read past the limit.
                    raw = member.read(MAX_IMPORT_BYTES + 1)
                if len(raw) > MAX_IMPORT_BYTES:
                    raise too_big
                found[known] = decode_text(Path(f"{path.name}/{info.filename}"), raw)
            return found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as error:
        raise ImportRefused(
            _("{path}: not a readable ZIP archive ({error})").format(path=path, error=error)
        ) from None
    except OSError as error:
        raise ImportRefused(
            _("{path}: cannot read the archive ({error})").format(path=path, error=error.strerror)
        ) from None


def _folder_texts(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    # LinkedIn puts the files at the top; some unzip tools add one folder level.
    for candidate in sorted([*path.iterdir(), *path.glob("*/*")]):
        known = _archive_name(candidate.name)
        if known is not None and known not in found and candidate.is_file():
            found[known] = decode_text(candidate, read_bytes(candidate))
    return found


def archive_texts(path: Path) -> dict[str, str]:
    """The known files of the archive at `path` (ZIP, folder or one CSV), decoded, by name."""
    if path.is_dir():
        texts = _folder_texts(path)
    elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        if not path.exists():
            raise ImportRefused(_("{path}: no such file").format(path=path))
        texts = _zip_texts(path)
    else:
        name = _archive_name(path.name) or CONNECTIONS
        texts = {name: decode_text(path, read_bytes(path))}
    if not texts:
        raise ImportRefused(
            _("{path}: no LinkedIn export file found (looked for {files})").format(
                path=path, files=", ".join(ARCHIVE_FILES)
            )
        )
    return texts


def read_archive(path: Path, settings: Settings, with_content: bool = False) -> ParsedImport:
    """Read the whole archive (connections, recommendations, messages); writes nothing."""
    texts = archive_texts(path)
    archive = LinkedInArchive(source=path, with_content=with_content)
    for name in ARCHIVE_FILES:
        archive.files[name] = ArchiveFile(name, present=name in texts)
    if CONNECTIONS in texts:
        parsed = read_linkedin(path / CONNECTIONS, texts[CONNECTIONS], settings)
        archive.files[CONNECTIONS].rows = len(parsed.contacts)
        archive.files[CONNECTIONS].skipped = list(parsed.skipped)
    else:
        parsed = ParsedImport(path=path, format="linkedin")
    parsed.path = path
    parsed.format = "linkedin-archive"
    for name, target in ((RECEIVED, archive.received), (GIVEN, archive.given)):
        if name in texts:
            target.extend(_recommendations(path / name, texts[name], archive.files[name]))
    if MESSAGES in texts:
        archive.messages = _messages(path / MESSAGES, texts[MESSAGES], archive, with_content)
    if INVITATIONS in texts:
        archive.files[INVITATIONS].skipped.append(Skipped(INVITATIONS, INVITATIONS_LEFT_OUT))
    parsed.archive = archive
    return parsed


def _header(path: Path, text: str, wanted: tuple[str, ...]) -> tuple[int, list[int]]:
    """(index of the header line, position of each wanted column or -1), past any preamble."""
    lines = text.split("\n", HEADER_SCAN_LINES)[:HEADER_SCAN_LINES]
    for index, line in enumerate(lines):
        try:
            cells = next(csv.reader([line.rstrip("\r")]))
        except (csv.Error, StopIteration):
            continue
        folded = [" ".join(cell.split()).casefold() for cell in cells]
        if all(name in folded for name in wanted[:2]):
            return index, [folded.index(name) if name in folded else -1 for name in wanted]
    raise ImportRefused(
        _(
            "{path}: not the LinkedIn file it is named after: none of the first {lines} lines "
            "has the columns {columns}; nothing was imported"
        ).format(path=path, lines=HEADER_SCAN_LINES, columns=", ".join(wanted[:2]))
    )


def _table(path: Path, text: str, wanted: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """(line, cells in `wanted`'s order) for each row after the header, wherever it starts."""
    index, positions = _header(path, text, wanted)
    offset = sum(len(part) + 1 for part in text.split("\n", index)[:index])
    reader = csv.reader(io.StringIO(text[offset:], newline=""), strict=True)
    line = index + 1
    try:
        next(reader)
        line = index + reader.line_num + 1
        for row in reader:
            start, line = line, index + reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            yield start, [row[at] if 0 <= at < len(row) else "" for at in positions]
    except csv.Error as error:
        raise ImportRefused(
            _("{path}: line {line}: not readable as CSV ({error}); nothing was imported").format(
                path=path, line=line, error=error
            )
        ) from None


def written_on(value: str) -> date | None:
    """'07/21/09, 12:11 PM' (month first, as LinkedIn writes), '2023-05-12 14:03:22 UTC'."""
    match = _US_DATE.match(value)
    try:
        if match:
            year = int(match.group(3))
            if year < 100:
                year += 2000 if year < 70 else 1900
            on = date(year, int(match.group(1)), int(match.group(2)))
        else:
            iso = _ISO_DATE.match(value)
            if iso is None:
                return None
            on = date.fromisoformat(iso.group(1))
    except ValueError:
        return None
    return on if ranges.FIRST_DAY <= on <= ranges.LAST_DAY else None


def repaired(value: str) -> str:
    """Text with LinkedIn's double encoding undone ("LÃ©a" -> "Léa"), by ftfy."""
    if value.isascii():
        return value
    import ftfy

    return ftfy.fix_text(value, normalization="NFC")


def _recommendations(path: Path, text: str, file: ArchiveFile) -> Iterator[Recommendation]:
    for line, cells in _table(path, text, RECOMMENDATION_COLUMNS):
        first, last, company, title, body, created, status = (repaired(c) for c in cells)
        file.rows += 1
        name = line_or_none(f"{first} {last}")
        where = _("{file} line {line}").format(file=path.name, line=line)
        if name is None:
            file.skipped.append(Skipped(where, _("no name")))
            continue
        yield Recommendation(
            where=where,
            full_name=name,
            company=line_or_none(company),
            title=line_or_none(title),
            text=optional_multiline(body),
            on=written_on(created),
            hidden=status.strip().upper() == "HIDDEN",
            stamp=" ".join(created.split()),
        )


def _people(names: str, urls: str) -> tuple[Person, ...]:
    """Recipients: URLs are comma-separated; names too, usable only when the counts agree."""
    url_list = [_url(part) for part in urls.split(",") if part.strip()]
    name_list = [line_or_none(part) for part in repaired(names).split(",") if part.strip()]
    if len(name_list) != len(url_list):
        if url_list:
            return tuple(Person(None, url) for url in url_list)
        return tuple(Person(name, None) for name in name_list)
    return tuple(Person(name, url) for name, url in zip(name_list, url_list, strict=True))


def _url(cell: str) -> str | None:
    try:
        return profile_url(cell.strip()) if cell.strip() else None
    except ValueError:
        return None


def _messages(path: Path, text: str, archive: LinkedInArchive, with_content: bool) -> list[Message]:
    file = archive.files[MESSAGES]
    messages = []
    # An archive names the same few people tens of thousands of times: each read once.
    senders: dict[tuple[str, str], Person] = {}
    recipients: dict[tuple[str, str], tuple[Person, ...]] = {}
    days: dict[str, date | None] = {}
    for line, cells in _table(path, text, MESSAGE_COLUMNS):
        conversation, _title, sender, sender_url, to, to_urls, sent, _subject, content = cells[:9]
        file.rows += 1
        day = sent.strip().split(" ", 1)[0]  # the time of day is not kept
        on = days[day] if day in days else days.setdefault(day, written_on(day))
        if not conversation.strip() or on is None:
            if not conversation.strip():
                reason = _("no conversation id")
            else:
                reason = _("no date ({given!r})").format(given=sent)
            where = _("{file} line {line}").format(file=path.name, line=line)
            file.skipped.append(Skipped(where, reason))
            continue
        sender_person = senders.get((sender, sender_url))
        if sender_person is None:
            sender_person = senders[sender, sender_url] = Person(
                line_or_none(repaired(sender)), _url(sender_url)
            )
        to_people = recipients.get((to, to_urls))
        if to_people is None:
            to_people = recipients[to, to_urls] = _people(to, to_urls)
        messages.append(
            Message(
                conversation=conversation.strip(),
                on=on,
                sender=sender_person,
                recipients=to_people,
                content=optional_multiline(repaired(content)) if with_content else None,
            )
        )
    return messages
