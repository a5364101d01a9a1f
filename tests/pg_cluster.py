"""A throwaway PostgreSQL cluster for the tests: initdb in a temp folder, a unix socket, stopped
at the end. PostgreSQL refuses to run as root, so under root it runs as the `postgres` user
(made by Debian's package) or `nobody`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SUPERUSER = "postgres"


def server_bin() -> Path | None:
    """The newest installed PostgreSQL server's bin folder (Debian's layout, else the PATH)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def why_unavailable() -> str | None:
    """None when a cluster can be started here, else the reason the PostgreSQL tests skip."""
    if server_bin() is None:
        return "PostgreSQL is not installed (no initdb; apt-get install postgresql)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    return None


def _runner() -> list[str]:
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        return ["runuser", "-u", user, "--"]
    raise RuntimeError("PostgreSQL refuses root, and there is no postgres or nobody user")


def _owner() -> tuple[int, int] | None:
    if os.geteuid() != 0:
        return None
    runner = _runner()
    entry = pwd.getpwnam(runner[2])
    return entry.pw_uid, entry.pw_gid


@contextmanager
def running_cluster() -> Iterator[str]:
    """Start a cluster in a new temp folder; yields the socket folder, for `?host=` in URLs.

    Not under pytest's basetemp: its parent is 0700 (and reset so by every pytest session),
    which the unprivileged server user could not cross.
    """
    binaries = server_bin()
    assert binaries is not None
    folder = Path(tempfile.mkdtemp(prefix="refterm-pg-"))
    data, socket = folder / "data", folder / "socket"
    socket.mkdir(parents=True)
    owner = _owner()
    if owner is not None:
        for path in (folder, socket):
            os.chown(path, *owner)
    run = _runner()
    options = (
        f"-c listen_addresses='' -c unix_socket_directories='{socket}' -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    started = False
    try:
        _run([*run, str(binaries / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust",
              "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"])  # fmt: skip
        _run([*run, str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-s",
              "-l", str(folder / "server.log"), "start"])  # fmt: skip
        started = True
        yield str(socket)
    finally:
        if started:
            subprocess.run(
                [*run, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-s",
                 "stop"],
                check=False, capture_output=True,
            )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.strip()}")


def url(socket: str, name: str) -> str:
    return f"postgresql://{SUPERUSER}@/{name}?host={socket}"


def execute(socket: str, *statements: str) -> None:
    """Run statements outside a transaction (CREATE DATABASE needs that) on `postgres`."""
    import psycopg

    with psycopg.connect(
        dbname="postgres", user=SUPERUSER, host=socket, autocommit=True
    ) as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[arg-type]
