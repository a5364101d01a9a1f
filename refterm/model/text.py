"""Cleaning user text on the way in: control characters never reach the database."""

from __future__ import annotations

import functools
import re
import unicodedata

# C0 and C1 controls and DEL; newline and tab are handled separately for multi-line fields.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Escape sequences (CSI, OSC, other ESC-led) are removed whole, so no stray "[31m" survives.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, ended by BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)


def clean_line(value: str | None) -> str:
    """One-line text: escape sequences and controls dropped, whitespace folded, trimmed."""
    if value is None:
        return ""
    text = _ESCAPE_SEQUENCE.sub("", value)
    text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    text = _CONTROL.sub("", text)
    return " ".join(text.split())


def clean_multiline(value: str | None) -> str:
    """Multi-line text: newlines and tabs kept, CRLF made LF, other controls dropped."""
    if value is None:
        return ""
    text = _ESCAPE_SEQUENCE.sub("", value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def optional_line(value: str | None) -> str | None:
    """A cleaned one-line value, or None when nothing is left."""
    cleaned = clean_line(value)
    return cleaned or None


def optional_multiline(value: str | None) -> str | None:
    cleaned = clean_multiline(value)
    return cleaned or None


def fold(value: str) -> str:
    """Case- and accent-insensitive key: 'Élodie Ñúñez' -> 'elodie nunez'."""
    if value.isascii():
        # Imports fold tens of thousands of names; for ASCII, casefold is lower and NFKD a no-op.
        return value.lower()
    return unicodedata.normalize("NFKD", value.casefold()).translate(_combining_marks())


@functools.cache
def _combining_marks() -> dict[int, None]:
    """Every code point `unicodedata.combining` flags (none lies beyond U+1FFFF), to delete."""
    return {cp: None for cp in range(0x20000) if unicodedata.combining(chr(cp))}


def first_name(full_name: str) -> str:
    """The first word of a name, which scripts use to greet."""
    parts = full_name.split()
    return parts[0] if parts else full_name
