"""The clipboard module without a display: modes, messages, and failures told honestly."""

from __future__ import annotations

import base64
import shutil
import stat
from pathlib import Path

import pytest

from refterm.clipboard import (
    CLIPBOARD_OFF,
    OSC52_SENT,
    SYSTEM_COPIED,
    Mechanisms,
    copy_message,
    copy_to_system,
    mechanisms,
    osc52_sequence,
)
from refterm.errors import ClipboardUnavailable, ConfigError


@pytest.mark.parametrize(
    ("mode", "osc52", "system"),
    [("auto", True, True), ("system", False, True), ("osc52", True, False), ("none", False, False)],
)
def test_each_mode_says_which_mechanisms_to_use(mode: str, osc52: bool, system: bool) -> None:
    use_osc52, use_system = mechanisms(mode)
    assert (use_osc52, use_system) == (osc52, system)
    assert mechanisms(mode) == Mechanisms(osc52=osc52, system=system)


def test_unknown_mode_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="auto, system, osc52, none"):
        mechanisms("clipboard")


def test_message_claims_only_what_happened() -> None:
    assert copy_message(osc52_sent=True, system_copied=True) == SYSTEM_COPIED
    assert copy_message(osc52_sent=False, system_copied=True) == SYSTEM_COPIED
    assert copy_message(osc52_sent=True, system_copied=False, system_error="no xclip") == OSC52_SENT
    assert (
        copy_message(osc52_sent=False, system_copied=False, system_error="no xclip") == "no xclip"
    )
    assert copy_message(osc52_sent=False, system_copied=False) == CLIPBOARD_OFF


def test_osc52_sequence_carries_the_text_in_base64() -> None:
    sequence = osc52_sequence("Bonjour Zoé\nÀ bientôt")
    assert sequence.startswith("\x1b]52;c;") and sequence.endswith("\a")
    assert base64.b64decode(sequence[7:-1]).decode("utf-8") == "Bonjour Zoé\nÀ bientôt"


def test_no_display_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(ClipboardUnavailable) as failure:
        copy_to_system("hello")
    assert "xclip" in failure.value.message and "wl-clipboard" in failure.value.message


def _fake_xclip(folder: Path, body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An `xclip` first on PATH; the only one there, so xsel and wl-copy are not found."""
    folder.mkdir()
    program = folder / "xclip"
    program.write_text(f"#!/bin/sh\n{body}\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("DISPLAY", ":4242")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


def test_a_failing_clipboard_program_is_reported_not_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_xclip(
        tmp_path / "bin", 'echo "Error: Can\'t open display: :4242" >&2; exit 1', monkeypatch
    )
    with pytest.raises(ClipboardUnavailable, match="xclip could not copy .*Can't open display"):
        copy_to_system("hello")


def test_a_clipboard_program_that_hangs_is_given_up_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_xclip(tmp_path / "bin", "exec sleep 30", monkeypatch)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    with pytest.raises(ClipboardUnavailable, match="xclip did not answer within 0.3 seconds"):
        copy_to_system("hello", timeout=0.3)


@pytest.mark.skipif(shutil.which("xclip") is None, reason="xclip is not installed")
def test_real_xclip_with_an_unreachable_display_is_a_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pyperclip would report this as a success: it ignores xclip's exit status.
    monkeypatch.setenv("DISPLAY", ":4242")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    if Path("/tmp/.X11-unix/X4242").exists():
        pytest.skip("display :4242 exists on this machine")
    with pytest.raises(ClipboardUnavailable, match="xclip could not copy"):
        copy_to_system("hello")
