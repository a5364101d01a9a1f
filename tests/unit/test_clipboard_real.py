"""Against a real X clipboard: the test starts its own Xvfb and reads the clipboard with xclip."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from refterm.clipboard import copy_to_system
from tests.support import TODAY

pytestmark = [
    pytest.mark.clipboard,
    pytest.mark.skipif(
        shutil.which("Xvfb") is None or shutil.which("xclip") is None,
        reason="needs Xvfb and xclip (apt-get install xvfb xclip); CI installs both",
    ),
]


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private Xvfb on a free display number (Xvfb picks it and reports it with -displayfd)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "320x200x24"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        number = b""
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], 10)
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:
                pytest.fail("Xvfb did not start (no display number within 10 seconds)")
            number += chunk
        yield f":{number.decode().strip()}"
    finally:
        os.close(read_end)
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def read_clipboard(display: str) -> str:
    result = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        timeout=10,
        check=True,
    )
    return result.stdout.decode("utf-8")


def test_script_copy_puts_exactly_the_printed_script_on_the_x_clipboard(
    x_display: str, tmp_path: Path
) -> None:
    db = tmp_path / "clip.db"
    env = {**os.environ, "DISPLAY": x_display, "REFTERM_TODAY": TODAY.isoformat()}
    env.pop("WAYLAND_DISPLAY", None)
    refterm = [sys.executable, "-m", "refterm", "--db", str(db)]
    subprocess.run([*refterm, "demo"], env=env, check=True, capture_output=True, timeout=60)
    # stdout is a pipe, as in `refterm script ... --copy | less`: it must still reach its end
    # although xclip stays behind to serve the selection.
    copied = subprocess.run(
        [*refterm, "script", "Claire Dubois", "--lang", "fr", "--copy"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert copied.returncode == 0, copied.stderr.decode()
    assert copied.stderr.decode().strip() == "Copied to the system clipboard"
    printed = copied.stdout.decode("utf-8")
    assert printed.startswith("Appel : Claire Dubois")
    assert read_clipboard(x_display) == printed.removesuffix("\n")


def test_copy_to_system_round_trips_unicode(
    x_display: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", x_display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    text = "Objet : Une petite recommandation ?\n\nBonjour Zoé, à très vite — Amine ✓"
    copy_to_system(text)
    assert read_clipboard(x_display) == text
