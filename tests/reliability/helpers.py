"""What the reliability tests share: real `refterm` processes, file digests, scalar reads."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from tests.support import TODAY

SIDE_FILES = ("-wal", "-shm", "-journal")


def refterm(
    *args: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    user: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m refterm ARGS` in a real child process; its output is captured."""
    return subprocess.run(
        [sys.executable, "-m", "refterm", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ if env is None else env),
        check=False,
        user=user,
        group=user,
        extra_groups=[] if user is not None else None,
    )


def assert_refused(
    result: subprocess.CompletedProcess[str], *phrases: str, usage: bool = False
) -> None:
    """A refusal: non-zero exit, one `refterm:` line on stderr naming the cause, no traceback.

    With `usage` (an option click itself refuses), the exit code is 2 and the line ends by
    pointing at the command's --help.
    """
    assert_refusal(result.returncode, result.stderr, *phrases)
    if usage:
        assert result.returncode == 2, result
        assert result.stderr.rstrip().endswith("--help')"), result.stderr


def assert_refusal(code: int, stderr: str, *phrases: str) -> None:
    assert code != 0, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("refterm: "), stderr
    for phrase in phrases:
        assert phrase in lines[0], stderr
    assert "unexpected error" not in lines[0], stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file in `folder` with its digest: a refused file must leave this unchanged."""
    return {item.name: digest(item) for item in sorted(folder.iterdir()) if item.is_file()}


def side_files(path: Path) -> list[str]:
    return [suffix for suffix in SIDE_FILES if path.with_name(path.name + suffix).exists()]


def rows(path: Path, table: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
    finally:
        connection.close()


def scalar(path: Path, sql: str, parameters: Sequence[object] = ()) -> object:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, parameters).fetchone()[0]
    finally:
        connection.close()


# A writer: the real CLI entry point, called once per command inside one child process (starting
# a process per command would cost ~1 s each). Every command opens and closes its own database.
WRITER = """
import sys
from refterm.cli.main import cli

db, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])

def call(*args):
    code = cli.main(["--db", db, "--today", "TODAY_ISO", *args], "refterm", standalone_mode=False)
    if code not in (None, 0):
        sys.exit(f"refterm {' '.join(args)} exited with {code}")

for number in range(count):
    name = f"{prefix} Writer {number:03d}"
    call("contact", "add", name, "--company", "Concurrent Co", "--tag", "concurrency")
    call("log", name, "--channel", "call", "--outcome", "reached", "--summary", f"call {number}")
""".replace("TODAY_ISO", TODAY.isoformat())

TABLES = ("contact", "tag", "contact_tag", "ask", "interaction", "reference_use", "profile")


def refterm_forked_as(
    uid: int, *args: str, env: Mapping[str, str], timeout: float = 60
) -> tuple[int, str, str]:
    """Run the CLI in a forked child that first drops root for `uid`; (exit code, out, err).

    For commands with short output (the pipes are read once the child has exited).

    Forked, not exec'd: the interpreter may live where the unprivileged user cannot reach
    (e.g. under /root), while the code under test is already loaded in this process.
    """
    import signal
    import time
    import traceback

    # Loaded now, while the files are still readable: the child may not reach the interpreter's
    # own files, so it can run commands that open a database at head, not ones that migrate.
    import refterm.cli.main
    import refterm.core.agenda
    import refterm.core.contacts  # noqa: F401

    read_out, write_out = os.pipe()
    read_err, write_err = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 98
        try:
            os.close(read_out)
            os.close(read_err)
            sys.stdout = os.fdopen(write_out, "w")
            sys.stderr = os.fdopen(write_err, "w")
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            os.environ.clear()
            os.environ.update(env)
            try:
                refterm.cli.main.main(list(args))
                code = 0
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 99
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(write_out)
    os.close(write_err)
    deadline = time.monotonic() + timeout
    while True:
        finished, status = os.waitpid(pid, os.WNOHANG)
        if finished:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise TimeoutError(f"refterm {' '.join(args)} did not finish in {timeout} s")
        time.sleep(0.02)
    with os.fdopen(read_out) as out, os.fdopen(read_err) as err:
        return os.waitstatus_to_exitcode(status), out.read(), err.read()
