"""Before vobject: split a file into cards and repair what real address books write.

vobject stops on vCard 2.1 quoted-printable soft line breaks, cuts single-valued text at the
first unescaped comma, and keeps escapes like `\\:`. Each card is rewritten here into plain
3.0-style lines (one logical line per property, values escaped as 3.0 expects, photos
dropped), with the original line number of each, so errors can name the line of the file.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path

from refterm.errors import ImportRefused
from refterm.model.i18n import _

_PHYSICAL_LINE = re.compile(r"\r\n|\r|\n")
# Binary properties: never imported, and their long values are where files go wrong.
DROPPED = {"PHOTO", "LOGO", "SOUND", "KEY"}
STRUCTURED = {"N", "ADR", "ORG"}
LISTS = {"CATEGORIES", "NICKNAME"}


@dataclass
class CardText:
    """One card rewritten for vobject; `lines[i]` came from line `origins[i]` of the file."""

    begins_on: int
    lines: list[str] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\r\n".join(self.lines) + "\r\n"

    def origin(self, line_number: int | None) -> int:
        """The file line of a 1-based line of `text`."""
        if line_number is None or not 1 <= line_number <= len(self.origins):
            return self.begins_on
        return self.origins[line_number - 1]


@dataclass
class _Logical:
    text: str
    line: int
    quoted_printable: bool
    base64: bool


def _split_outside_quotes(text: str, separator: str, limit: int = -1) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted and limit != 0:
            parts.append("".join(current))
            current = []
            limit -= 1
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _head(text: str) -> str:
    """The `group.NAME;params` part before the value."""
    return _split_outside_quotes(text, ":", 1)[0]


def _params(head: str) -> list[str]:
    return [param.strip() for param in _split_outside_quotes(head, ";")[1:]]


def _is_quoted_printable(params: list[str]) -> bool:
    return any(p.upper() in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE") for p in params)


def _is_base64(params: list[str]) -> bool:
    return any(p.upper() in ("ENCODING=BASE64", "ENCODING=B", "BASE64") for p in params)


def logical_lines(text: str) -> list[_Logical]:
    """Unfold: whitespace continuations (all versions), quoted-printable soft breaks (2.1),
    and un-indented base64 lines (2.1 photos)."""
    result: list[_Logical] = []
    for number, physical in enumerate(_PHYSICAL_LINE.split(text), start=1):
        current = result[-1] if result else None
        if current is not None and current.quoted_printable and current.text.endswith("="):
            current.text = current.text[:-1] + physical
            continue
        if not physical.strip():
            continue
        if current is not None and physical[0] in " \t":
            current.text += physical[1:]
            continue
        if current is not None and current.base64 and ":" not in physical:
            current.text += physical.strip()
            continue
        params = _params(_head(physical))
        result.append(_Logical(physical, number, _is_quoted_printable(params), _is_base64(params)))
    return result


def split_cards(path: Path, text: str) -> list[CardText]:
    """Every BEGIN:VCARD ... END:VCARD, rewritten; a broken structure refuses the file."""
    cards: list[CardText] = []
    card: list[_Logical] | None = None
    depth = 0
    for line in logical_lines(text):
        word = line.text.strip().upper()
        if word == "BEGIN:VCARD":
            if card is None:
                card = [line]
                depth = 1
                continue
            depth += 1  # a card nested in a card (2.1 AGENT): not a person of its own
            continue
        if word == "END:VCARD":
            if card is None:
                raise ImportRefused(f"{path}: line {line.line}: END:VCARD without BEGIN:VCARD")
            depth -= 1
            if depth == 0:
                card.append(line)
                cards.append(_rewrite(path, card))
                card = None
            continue
        if card is None:
            raise ImportRefused(
                _(
                    "{path}: line {line}: not a vCard file (this line is outside any "
                    "BEGIN:VCARD ... END:VCARD: {text!r})"
                ).format(path=path, line=line.line, text=line.text.strip()[:40])
            )
        if depth == 1:
            card.append(line)
    if card is not None:
        raise ImportRefused(
            _(
                "{path}: line {line}: the card that starts here has no END:VCARD "
                "(the file looks truncated); nothing was imported"
            ).format(path=path, line=card[0].line)
        )
    if not cards:
        raise ImportRefused(_("{path}: the file holds no vCard").format(path=path))
    return cards


def _rewrite(path: Path, card: list[_Logical]) -> CardText:
    version = "3.0"
    for line in card:
        head, _sep, value = line.text.partition(":")
        if head.strip().upper() == "VERSION":
            version = value.strip()
            break
    raw_values = version.startswith("2")  # 2.1 escapes nothing but `\;` in structured values
    rewritten = CardText(begins_on=card[0].line)
    for line in card:
        if ":" not in line.text:
            raise ImportRefused(
                _("{path}: line {line}: not a vCard property ({text!r})").format(
                    path=path, line=line.line, text=line.text.strip()[:40]
                )
            )
        head, value = _split_outside_quotes(line.text, ":", 1)
        parts = _split_outside_quotes(head, ";")
        name = parts[0].strip().rsplit(".", 1)[-1].upper()
        params = [param.strip() for param in parts[1:]]
        if name in DROPPED or _is_base64(params):
            continue
        if name in ("BEGIN", "END"):
            rewritten.lines.append(f"{name}:VCARD")
        elif name == "VERSION":
            rewritten.lines.append("VERSION:3.0" if raw_values else f"VERSION:{value.strip()}")
        else:
            raw = raw_values or _is_quoted_printable(params)
            if _is_quoted_printable(params):
                value = _decode_quoted_printable(value, _charset(params))
            params = [p for p in params if not _is_transport(p)]
            value = _escape_raw(value, name) if raw else _repair_escapes(value, name)
            rewritten.lines.append(";".join([parts[0].strip(), *params]) + ":" + value)
        rewritten.origins.append(line.line)
    return rewritten


def _charset(params: list[str]) -> str:
    for param in params:
        key, _sep, value = param.partition("=")
        if key.strip().upper() == "CHARSET" and value.strip():
            return value.strip().strip('"')
    return "utf-8"


def _is_transport(param: str) -> bool:
    """Parameters about bytes on the wire, meaningless once the value is decoded text."""
    upper = param.upper()
    return (
        upper in ("QUOTED-PRINTABLE", "8BIT", "7BIT")
        or upper.startswith("CHARSET=")
        or upper in ("ENCODING=QUOTED-PRINTABLE", "ENCODING=8BIT", "ENCODING=7BIT")
    )


def _decode_quoted_printable(value: str, charset: str) -> str:
    data = quopri.decodestring(value.encode("utf-8", errors="replace"))
    for encoding in (charset, "utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def _escape_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _escape_raw(value: str, name: str) -> str:
    """A 2.1 (or decoded quoted-printable) value, escaped the 3.0 way."""
    if name in STRUCTURED:
        components = re.split(r"(?<!\\);", value)
        return ";".join(_escape_text(part.replace("\\;", ";")) for part in components)
    if name in LISTS:
        return ",".join(_escape_text(part) for part in re.split(r"[,;]", value))
    return _escape_text(value)


def _repair_escapes(value: str, name: str) -> str:
    """A 3.0/4.0 value with sloppy escaping made strict: bare commas in single values escaped,
    unknown escapes (`\\:`) reduced to the character."""
    out: list[str] = []
    index = 0
    keep_commas = name in LISTS
    keep_semicolons = name in STRUCTURED
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            following = value[index + 1]
            if following in "\\,;nN":
                out.append(char + following)
            else:
                out.append(_escape_text(following))
            index += 2
            continue
        if char == "\\":
            out.append("\\\\")
        elif char == "," and not keep_commas:
            out.append("\\,")
        elif char == ";" and not keep_semicolons:
            out.append("\\;")
        else:
            out.append(char)
        index += 1
    return "".join(out)
