"""Reading the files users import: bounded, regular files only, decoded from what they hold."""

from __future__ import annotations

from pathlib import Path

from refterm.errors import ImportRefused
from refterm.files import read_regular
from refterm.model.i18n import _

MAX_IMPORT_BYTES = 256 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """The whole file, or ImportRefused saying why it cannot be read."""
    if not path.exists():
        raise ImportRefused(_("{path}: no such file").format(path=path))
    if path.is_dir():
        raise ImportRefused(_("{path} is a folder, not a file").format(path=path))
    try:
        return read_regular(path, MAX_IMPORT_BYTES, _("file to import"))
    except ValueError as error:
        raise ImportRefused(
            _("{path}: {error}; nothing was imported").format(path=path, error=error)
        ) from None
    except OSError as error:
        raise ImportRefused(
            _("{path}: cannot read the file ({error})").format(path=path, error=error.strerror)
        ) from None


def decode_text(path: Path, raw: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 (Excel, Outlook); never binary."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Some Windows address books save UTF-16 with a byte-order mark.
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise ImportRefused(
                _("{path}: the file claims UTF-16 but is not").format(path=path)
            ) from None
    if not raw.strip():
        raise ImportRefused(_("{path}: the file is empty").format(path=path))
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ImportRefused(
            _("{path}: line {line}: this is a binary file, not text").format(path=path, line=line)
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 decodes everything else the same way.
        return raw.decode("cp1252", errors="replace")


def read_text(path: Path) -> str:
    return decode_text(path, read_bytes(path))
