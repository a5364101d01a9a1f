"""Run a program in a real pseudo-terminal and time how long until given text is on screen.

The app is started as a user would start it (a new process, a 120x36 terminal). Its output is
fed to a small screen model (cursor moves and text; colours ignored), so "on screen" means
what a terminal would display, with no hook inside the app.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
import unicodedata
from dataclasses import dataclass, field

COLUMNS, LINES = 120, 36
_SEQUENCE = re.compile(
    r"\x1b\[([0-?]*)[ -/]*([@-~])"  # CSI: parameters and final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)


class ScreenModel:
    """The characters a terminal would show: absolute and relative cursor moves, text, erase."""

    def __init__(self) -> None:
        self.rows = [[" "] * COLUMNS for _ in range(LINES)]
        self.x = self.y = 0
        self._pending = ""

    def feed(self, data: str) -> None:
        text = self._pending + data
        self._pending = ""
        position = 0
        for match in _SEQUENCE.finditer(text):
            self._write(text[position : match.start()])
            position = match.end()
            if match.group(2):
                self._control(match.group(1), match.group(2))
        rest = text[position:]
        escape = rest.find("\x1b")
        if escape >= 0:  # an escape sequence cut by the read: keep it for the next chunk
            self._pending = rest[escape:]
            rest = rest[:escape]
        self._write(rest)

    def _control(self, parameters: str, final: str) -> None:
        numbers = [int(part) if part.isdigit() else 0 for part in parameters.split(";")]
        first = numbers[0] or 1
        if final in "Hf":
            row = numbers[0] or 1
            column = numbers[1] if len(numbers) > 1 and numbers[1] else 1
            self.y, self.x = min(row, LINES) - 1, min(column, COLUMNS) - 1
        elif final == "A":
            self.y = max(self.y - first, 0)
        elif final == "B":
            self.y = min(self.y + first, LINES - 1)
        elif final == "C":
            self.x = min(self.x + first, COLUMNS - 1)
        elif final == "D":
            self.x = max(self.x - first, 0)
        elif final == "G":
            self.x = min(first, COLUMNS) - 1
        elif final == "J" and numbers[0] == 2:
            self.rows = [[" "] * COLUMNS for _ in range(LINES)]
        elif final == "K":
            self.rows[self.y][self.x :] = [" "] * (COLUMNS - self.x)

    def _write(self, text: str) -> None:
        for char in text:
            if char == "\r":
                self.x = 0
            elif char == "\n":
                self.y = min(self.y + 1, LINES - 1)
            elif char >= " " and not unicodedata.combining(char):
                if self.x < COLUMNS:
                    self.rows[self.y][self.x] = char
                wide = unicodedata.east_asian_width(char) in "WF"
                self.x = min(self.x + (2 if wide else 1), COLUMNS)

    def text(self) -> str:
        return "\n".join("".join(row) for row in self.rows)


@dataclass
class Step:
    """Keys to type once the previous text appeared (none for the first), then text to wait for."""

    wait_for: bytes
    keys: bytes = b""


@dataclass
class Session:
    """Seconds from process start until each step's text appeared, and the peak memory."""

    reached: list[float] = field(default_factory=list)
    peak_rss_kib: int = 0
    screen: str = ""


class NotShown(RuntimeError):
    """The awaited text never appeared."""


def run_in_terminal(
    argv: list[str], steps: list[Step], env: dict[str, str] | None = None, timeout: float = 60
) -> Session:
    """Start `argv` in a pty and walk through `steps`; the process is killed at the end."""
    environment = dict(os.environ if env is None else env)
    environment.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
    environment.pop("TEXTUAL", None)
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
            os.execvpe(argv[0], argv, environment)
        finally:
            os._exit(127)
    session = Session()
    screen = ScreenModel()
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    try:
        for step in steps:
            if step.keys:
                os.write(fd, step.keys)
            deadline = time.perf_counter() + timeout
            wanted = step.wait_for.decode()
            while wanted not in screen.text():
                if time.perf_counter() > deadline:
                    raise NotShown(
                        f"{wanted!r} not shown within {timeout} s by {' '.join(argv)}; "
                        f"the screen:\n{screen.text()}"
                    )
                ready, _, _ = select.select([fd], [], [], 0.02)
                if ready:
                    try:
                        chunk = os.read(fd, 1 << 16)
                    except OSError:  # the program ended
                        raise NotShown(
                            f"{' '.join(argv)} ended before showing {wanted!r}:\n{screen.text()}"
                        ) from None
                    screen.feed(decoder.decode(chunk))
            session.reached.append(time.perf_counter() - started)
    finally:
        os.kill(pid, signal.SIGKILL)
        _pid, _status, usage = os.wait4(pid, 0)
        os.close(fd)
        session.peak_rss_kib = usage.ru_maxrss  # KiB on Linux
        session.screen = screen.text()
    return session


def python_module(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", module, *args]
