"""Reading import files as text and writing export files safely."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from refterm.errors import ImportRefused, InvalidInput

MAX_IMPORT_BYTES = 256 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """The whole file, or ImportRefused saying why it cannot be read."""
    if not path.exists():
        raise ImportRefused(f"{path}: no such file")
    if path.is_dir():
        raise ImportRefused(f"{path} is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportRefused(f"{path}: the file is too large to import ({size // 2**20} MB)")
        return path.read_bytes()
    except OSError as error:
        raise ImportRefused(f"{path}: cannot read the file ({error.strerror})") from None


def decode_text(path: Path, raw: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 (Excel, Outlook); never binary."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Some Windows address books save UTF-16 with a byte-order mark.
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise ImportRefused(f"{path}: the file claims UTF-16 but is not") from None
    if not raw.strip():
        raise ImportRefused(f"{path}: the file is empty")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ImportRefused(f"{path}: line {line}: this is a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 decodes everything else the same way.
        return raw.decode("cp1252", errors="replace")


def read_text(path: Path) -> str:
    return decode_text(path, read_bytes(path))


def write_output(path: Path, text: str, private: bool = True) -> Path:
    """Write `text` to `path` atomically (a temporary file renamed over it), 0600 if private."""
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give a file name")
    if not folder.is_dir():
        raise InvalidInput(f"the folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
            os.chmod(temporary, 0o600 if private else 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise InvalidInput(f"cannot write {path}: {error.strerror or error}") from None
    return path
