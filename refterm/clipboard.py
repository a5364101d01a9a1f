"""The one clipboard module: the system clipboard, OSC 52, and honest messages about both.

The TUI always sends OSC 52 (Textual's `copy_to_clipboard`) and also calls `copy_to_system` in a
thread worker; `mechanisms(settings.clipboard)` says which of the two to use, and
`copy_message` says what happened. The CLI's `--copy` calls `copy_to_system`.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from typing import NamedTuple

from refterm.errors import ClipboardUnavailable, ConfigError
from refterm.model.i18n import N_, _

# Marked here, translated where shown: `_(SYSTEM_COPIED)`.
SYSTEM_COPIED = N_("Copied to the system clipboard")
OSC52_SENT = N_(
    "Sent to the terminal's clipboard (OSC 52); if pasting does not work, select the text on screen"
)
CLIPBOARD_OFF = N_(
    'Nothing copied: the clipboard is turned off (clipboard = "none" in config.toml)'
)
INSTALL_HINT = N_(
    "install xclip or xsel (X11) or wl-clipboard (Wayland), and run refterm where a display "
    "is available (DISPLAY or WAYLAND_DISPLAY set)"
)


class Mechanisms(NamedTuple):
    """Which ways of copying a `clipboard` setting allows."""

    osc52: bool
    system: bool


_MODES = {
    "auto": Mechanisms(osc52=True, system=True),
    "system": Mechanisms(osc52=False, system=True),
    "osc52": Mechanisms(osc52=True, system=False),
    "none": Mechanisms(osc52=False, system=False),
}


def mechanisms(mode: str) -> Mechanisms:
    """`auto` tries both, `system` only the system clipboard, `osc52` only the terminal."""
    try:
        return _MODES[mode]
    except KeyError:
        raise ConfigError(
            _("clipboard must be one of {known}, not {value}").format(
                known=", ".join(_MODES), value=repr(mode)
            )
        ) from None


def copy_message(osc52_sent: bool, system_copied: bool, system_error: str | None = None) -> str:
    """What to tell the user once the copy was attempted: only what is known to have happened."""
    if system_copied:
        return _(SYSTEM_COPIED)
    if osc52_sent:
        return _(OSC52_SENT)
    if system_error:
        return system_error
    return _(CLIPBOARD_OFF)


def osc52_sequence(text: str) -> str:
    """The escape sequence that asks the terminal to put `text` on the clipboard."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{encoded}\a"


def _display_tool() -> list[str] | None:
    """The X11/Wayland clipboard command to run, on Linux and BSD desktops."""
    if os.environ.get("WAYLAND_DISPLAY") and shutil.which("wl-copy"):
        return ["wl-copy"]
    if os.environ.get("DISPLAY"):
        if shutil.which("xclip"):
            return ["xclip", "-selection", "clipboard"]
        if shutil.which("xsel"):
            return ["xsel", "--clipboard", "--input"]
    return None


def _run_tool(command: list[str], text: str, timeout: float) -> None:
    """Run xclip, xsel or wl-copy and check it worked.

    pyperclip runs these too, but it ignores their exit status (a dead display would be reported
    as a success) and lets them inherit stdout: xclip stays in the background to serve the
    selection, so `refterm script --copy | less` would never see the end of its input.
    """
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                close_fds=True,
                start_new_session=True,  # the selection outlives refterm and its terminal
            )
        except OSError as error:
            raise ClipboardUnavailable(
                _("cannot run {program} ({reason}); {hint}").format(
                    program=command[0], reason=error.strerror or error, hint=_(INSTALL_HINT)
                )
            ) from None
        try:
            process.communicate(text.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise ClipboardUnavailable(
                _("{program} did not answer within {seconds} seconds; {hint}").format(
                    program=command[0], seconds=f"{timeout:g}", hint=_(INSTALL_HINT)
                )
            ) from None
        if process.returncode != 0:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip() or _("no message")
            raise ClipboardUnavailable(
                _("{program} could not copy ({detail}); {hint}").format(
                    program=command[0], detail=detail, hint=_(INSTALL_HINT)
                )
            )


def _run_pyperclip(text: str) -> None:
    """macOS, Windows, WSL, Qt or Klipper: whatever pyperclip finds on this machine."""
    import pyperclip

    # Chosen afresh on each copy: pyperclip's module-level choice is frozen at the first call.
    copy, _paste = pyperclip.determine_clipboard()
    try:
        copy(text)
    except pyperclip.PyperclipException:
        if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            raise ClipboardUnavailable(
                _("no display to hold a system clipboard; {hint}").format(hint=_(INSTALL_HINT))
            ) from None
        raise ClipboardUnavailable(
            _("no clipboard program found; {hint}").format(hint=_(INSTALL_HINT))
        ) from None


def _within(timeout: float, action: Callable[[], None], what: str) -> None:
    """Run `action` in a daemon thread; a clipboard that blocks must not hang refterm."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            action()
        except BaseException as error:  # handed to the caller's thread below
            outcome.append(error)
        else:
            outcome.append(None)

    thread = threading.Thread(target=run, name="refterm-clipboard", daemon=True)
    thread.start()
    thread.join(timeout + 0.5)  # the tool's own timeout fires first and kills it
    if not outcome:
        raise ClipboardUnavailable(
            _(
                "the system clipboard ({program}) did not answer within {seconds} seconds; {hint}"
            ).format(program=what, seconds=f"{timeout:g}", hint=_(INSTALL_HINT))
        )
    error = outcome[0]
    if isinstance(error, ClipboardUnavailable):
        raise error
    if error is not None:
        raise ClipboardUnavailable(
            _("the system clipboard ({program}) failed: {error_type}: {error}").format(
                program=what, error_type=type(error).__name__, error=error
            )
        )


def copy_to_system(text: str, timeout: float = 2.0) -> None:
    """Put `text` on the system clipboard, or raise ClipboardUnavailable saying what to install.

    Blocks for at most about `timeout` seconds; call it from a worker thread in the TUI.
    """
    command = _display_tool() if not sys.platform.startswith(("darwin", "win")) else None
    if command is not None:
        _within(timeout, lambda: _run_tool(command, text, timeout), command[0])
    else:
        _within(timeout, lambda: _run_pyperclip(text), "pyperclip")
