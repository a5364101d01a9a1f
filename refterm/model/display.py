"""Making outside text safe to show: no byte from a file or a template drives the terminal."""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the bidi controls that can make text read differently from
# what it holds (Trojan Source). Tab and newline are matched too; multi-line text keeps them.
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_IN_LINES = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_CONTROLS_IN_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NAMED = {"\r": "\\r", "\t": "\\t", "\n": "\\n"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"<U+{code:04X}>"


def safe_text(value: object, multiline: bool = False, keep_bidi: bool = False) -> str:
    """`value` as text with every control shown as a visible escape (`\\x1b`, `<U+202E>`).

    Ordinary text, accents and emoji included, is unchanged. One-line text shows newlines and
    tabs as `\\n` and `\\t`; `multiline` text (reports, scripts) keeps them, and with
    `keep_bidi` its bidi marks too (a script is a text for a person, not a message about a file).
    """
    text = value if isinstance(value, str) else str(value)
    if multiline:
        unsafe = _CONTROLS_IN_LINES if keep_bidi else _UNSAFE_IN_LINES
        return unsafe.sub(_visible, text.replace("\r\n", "\n"))
    return _UNSAFE.sub(_visible, text)
