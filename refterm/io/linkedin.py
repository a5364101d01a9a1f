"""LinkedIn's Connections.csv: a preamble of varying length, then one row per connection."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

from refterm.clock import noon_of
from refterm.config import Settings
from refterm.core.validate import NAME_MAX, check_email, check_linkedin_url
from refterm.errors import ImportRefused
from refterm.io.incoming import IncomingContact, ParsedImport, Skipped, line_or_none
from refterm.model import ranges
from refterm.model.i18n import _

HEADER_SCAN_LINES = 30
DELIMITERS = (",", ";", "\t")
# Column names as LinkedIn writes them, folded; older exports have no URL column.
COLUMNS = {
    "first name": "first",  # untranslated: LinkedIn's column name
    "last name": "last",  # untranslated: LinkedIn's column name
    "url": "url",
    "profile url": "url",  # untranslated: LinkedIn's column name
    "email address": "email",  # untranslated: LinkedIn's column name
    "email": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected",  # untranslated: LinkedIn's column name
}
# LinkedIn's own header (named in the refusal of a file that lacks it).
EXPECTED = ",".join(
    (
        "First Name",  # untranslated: LinkedIn's column
        "Last Name",  # untranslated: LinkedIn's column
        "URL",
        "Email Address",  # untranslated: LinkedIn's column
        "Company",  # untranslated: LinkedIn's column
        "Position",  # untranslated: LinkedIn's column
        "Connected On",  # untranslated: LinkedIn's column
    )
)
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_CANONICAL_PROFILE = re.compile(r"https://www\.linkedin\.com/in/[^/?#\s]+")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})$")


def profile_url(cell: str) -> str | None:
    """`check_linkedin_url`, with a shortcut for the canonical form LinkedIn exports."""
    if _CANONICAL_PROFILE.fullmatch(cell) and cell.isprintable() and cell == cell.lower():
        return cell  # exactly what check_linkedin_url would return
    return check_linkedin_url(cell)


def parse_connected_on(value: str) -> date | None:
    """'15 Mar 2024' (also '15 March 2024', 2024-03-15), or None: unreadable or out of range."""
    on = _connected_on(value)
    if on is None or not ranges.FIRST_DAY <= on <= ranges.LAST_DAY:
        return None
    return on


def _connected_on(value: str) -> date | None:
    text = value.strip()
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        month = MONTHS.get(match.group(2).lower())
        if month is not None:
            try:
                return date(int(match.group(3)), month, int(match.group(1)))
            except ValueError:
                return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _meeting(connected_on: str) -> tuple[date | None, datetime | None]:
    """(connected_on, first known) from a 'Connected On' cell: a date of its own, never a
    sentence in how_we_met (which is the user's words, in their language)."""
    on = parse_connected_on(connected_on)
    return on, noon_of(on) if on is not None else None


def find_header(path: Path, text: str) -> tuple[int, str, dict[str, int]]:
    """(index of the header line, delimiter, column -> position); refuses any other CSV."""
    head = text.split("\n", HEADER_SCAN_LINES)[:HEADER_SCAN_LINES]
    for index, line in enumerate(head):
        for delimiter in DELIMITERS:
            if delimiter not in line:
                continue
            try:
                cells = next(csv.reader([line.rstrip("\r")], delimiter=delimiter))
            except csv.Error:
                continue
            positions: dict[str, int] = {}
            for position, cell in enumerate(cells):
                key = COLUMNS.get(" ".join(cell.split()).lower())
                if key is not None and key not in positions:
                    positions[key] = position
            if "first" in positions and "last" in positions:
                return index, delimiter, positions
    first = next((line.strip() for line in head if line.strip()), "")
    raise ImportRefused(
        _(
            "{path}: line 1: not a LinkedIn connections export (Connections.csv): none of the "
            "first {lines} lines is the header {header} (the file starts {start!r})"
        ).format(path=path, lines=HEADER_SCAN_LINES, header=EXPECTED, start=first[:60])
    )


def read_linkedin(path: Path, text: str, settings: Settings) -> ParsedImport:
    """Every connection with a name; rows without one are reported as skipped."""
    header_index, delimiter, positions = find_header(path, text)
    offset = sum(len(line) + 1 for line in text.split("\n", header_index)[:header_index])
    reader = csv.reader(io.StringIO(text[offset:], newline=""), delimiter=delimiter, strict=True)
    parsed = ParsedImport(path=path, format="linkedin")
    meetings: dict[str, tuple[date | None, datetime | None]] = {}
    width = max(positions.values()) + 1
    first, last = positions["first"], positions["last"]
    url, email = positions.get("url"), positions.get("email")
    company, position = positions.get("company"), positions.get("position")
    connected = positions.get("connected")
    row_start = header_index + 1
    at_line, no_name = _("line {line}"), _("no name")
    too_long = _("the name is longer than {count} characters").format(count=NAME_MAX)
    try:
        next(reader)  # the header itself
        row_start = header_index + reader.line_num + 1
        for row in reader:
            line = row_start
            row_start = header_index + reader.line_num + 1
            if len(row) < width:
                row = row + [""] * (width - len(row))
            name = line_or_none(f"{row[first]} {row[last]}")
            if name is None:
                if any(cell.strip() for cell in row):
                    parsed.skipped.append(Skipped(at_line.format(line=line), no_name))
                continue
            if len(name) > NAME_MAX:
                parsed.skipped.append(Skipped(at_line.format(line=line), too_long))
                continue
            notes: list[str] = []
            incoming = IncomingContact(
                where=at_line.format(line=line),
                full_name=name,
                company=line_or_none(row[company]) if company is not None else None,
                title=line_or_none(row[position]) if position is not None else None,
            )
            if email is not None and row[email].strip():
                try:
                    incoming.email = check_email(row[email])
                except ValueError:
                    notes.append(f"E-mail: {row[email].strip()}")
            if url is not None and row[url].strip():
                try:
                    incoming.linkedin_url = profile_url(row[url])
                except ValueError:
                    notes.append(f"LinkedIn: {row[url].strip()}")
            if connected is not None and row[connected].strip():
                meeting = meetings.get(row[connected])
                if meeting is None:
                    meeting = meetings[row[connected]] = _meeting(row[connected])
                incoming.connected_on, incoming.first_known_at = meeting
            if notes:
                incoming.notes = line_or_none(" ".join(notes))
            parsed.contacts.append(incoming)
    except csv.Error as error:
        raise ImportRefused(
            _("{path}: line {line}: not readable as CSV ({error}); nothing was imported").format(
                path=path, line=row_start, error=error
            )
        ) from None
    return parsed
