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
    """One-line text in NFC: escape sequences and controls dropped, whitespace folded, trimmed."""
    if value is None:
        return ""
    text = _ESCAPE_SEQUENCE.sub("", _nfc(value))
    text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    text = _CONTROL.sub("", text)
    return " ".join(text.split())


def clean_multiline(value: str | None) -> str:
    """Multi-line text in NFC: newlines and tabs kept, CRLF made LF, other controls dropped."""
    if value is None:
        return ""
    text = _ESCAPE_SEQUENCE.sub("", _nfc(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def _nfc(value: str) -> str:
    """One spelling per text: 'É' typed precomposed or as E + accent is stored the same way."""
    return value if value.isascii() else unicodedata.normalize("NFC", value)


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


# French typography: U+202F before ? ! ; and U+00A0 before : and inside « », curly apostrophes.
_NARROW, _NBSP = "\u202f", "\u00a0"
_SPACED_HIGH = re.compile(r"[ \u00a0\u202f]+([?!;]+)")
_GLUED_HIGH = re.compile(r"(?<=[\w»)])([?!;]+)(?=\s|$)")
_SPACED_COLON = re.compile(r"[ \u00a0\u202f]+:")
_OPEN_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_QUOTE = re.compile(r"[ \u00a0\u202f]*»")


def french_typography(text: str) -> str:
    """Apply French typography to a text: the one rule every French output goes through.

    Only spaces already there before ':' are made no-break, so URLs and times are left alone.
    """
    text = text.replace("'", "’")
    text = _SPACED_HIGH.sub(lambda match: _NARROW + match.group(1), text)
    text = _GLUED_HIGH.sub(lambda match: _NARROW + match.group(1), text)
    text = _SPACED_COLON.sub(_NBSP + ":", text)
    text = _OPEN_QUOTE.sub("«" + _NBSP, text)
    return _CLOSE_QUOTE.sub(_NBSP + "»", text)
