"""Plain file safety for every floor: regular files only, bounded reads, atomic writes.

No refterm imports above `errors`, so that db/ (backups), config, io/, screens and the CLI
share this one writer and this one reader.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from refterm.errors import InvalidInput, RefTermError
from refterm.model.i18n import N_, _, number

PARTIAL = ".partial"
_KINDS = (
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISCHR, N_("a device")),
    (stat.S_ISBLK, N_("a device")),
    (stat.S_ISFIFO, N_("a pipe (FIFO)")),
    (stat.S_ISSOCK, N_("a socket")),
)


def not_a_regular_file(mode: int) -> str | None:
    """What a path is when it is not a regular file ('a device', 'a FIFO'...), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((_(name) for test, name in _KINDS if test(mode)), _("not a regular file"))


def read_regular(path: Path, limit: int, what: str | None = None) -> bytes:
    """A regular file's bytes, counted while reading and refused past `limit` (never stat()).

    Opened without blocking so that a FIFO cannot hang refterm, then checked on the open handle
    (no race between the check and the read). Raises OSError, or ValueError saying why.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        what = what or _("file")
        kind = not_a_regular_file(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise ValueError(_("this is {kind}, not a {what}").format(kind=kind, what=what))
        os.set_blocking(descriptor, True)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(descriptor, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise ValueError(
                    _("the {what} is larger than {megabytes} MB").format(
                        what=what, megabytes=number(limit // 2**20)
                    )
                )
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(path: Path) -> None:
    """Remove the temporary files a killed writer of `path` left (their process is gone)."""
    prefix = f".{path.name}."
    try:
        found = list(path.parent.iterdir())
    except OSError:
        return
    for item in found:
        name = item.name
        if not (name.startswith(prefix) and name.endswith(PARTIAL)):
            continue
        pid = name.removeprefix(prefix).removesuffix(PARTIAL).split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{item}{suffix}").unlink(missing_ok=True)


def _why(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full; free some space and try again")
    return str(error.strerror or error)


@contextmanager
def atomic_file(path: Path, private: bool = True) -> Iterator[Path]:
    """A temporary file beside `path` (0600) to fill; renamed over `path` only when complete.

    Whatever happens (an error, ctrl+c, a full disk) no partial file is left; a killed run's
    leftover is removed by the next write to the same name.
    """
    clean_leftovers(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{PARTIAL}")
    try:
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        yield temporary
        descriptor = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if not private:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        raise RefTermError(
            _("cannot write {path}: {reason}").format(path=path, reason=_why(error))
        ) from None
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)


def write_output(path: Path, text: str, private: bool = True) -> Path:
    """Write `text` to `path` atomically (a temporary file renamed over it), 0600 if private."""
    return write_with(path, lambda target: target.write_text(text, "utf-8", newline=""), private)


def write_with(path: Path, fill: Callable[[Path], object], private: bool = True) -> Path:
    """Check the destination, then let `fill` write the temporary file that replaces it."""
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InvalidInput(_("{path} is a folder; give a file name").format(path=path))
    if not folder.is_dir():
        raise InvalidInput(_("the folder {folder} does not exist").format(folder=folder))
    if path.exists() and not path.is_file():
        raise InvalidInput(_("{path} is not a regular file; give a file name").format(path=path))
    try:
        with atomic_file(path, private) as temporary:
            fill(temporary)
    except RefTermError as error:
        raise InvalidInput(error.message) from None
    return path
