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
from typing import Any

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


def connect(socket: str, name: str) -> Any:
    """A superuser session on database `name`, each statement its own transaction."""
    import psycopg

    return psycopg.connect(dbname=name, user=SUPERUSER, host=socket, autocommit=True)


def execute(socket: str, *statements: str) -> None:
    """Run statements outside a transaction (CREATE DATABASE needs that) on `postgres`."""
    with connect(socket, "postgres") as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[arg-type]


# What a test could change beyond the rows: tables, columns, indexes, constraints, triggers,
# functions, schemas, extensions and the migration stamp. A copy that still has the template's
# shape is put back by its rows; any other is dropped.
SHAPE = """
SELECT md5(string_agg(item, ',' ORDER BY item)) FROM (
  SELECT 'r ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  UNION ALL
  SELECT 'c ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type
         || ' ' || is_nullable || ' ' || coalesce(column_default, '')
         || ' ' || coalesce(collation_name, '')
    FROM information_schema.columns
   WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
  UNION ALL
  SELECT 'k ' || conrelid::regclass::text || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'i ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL
  SELECT 't ' || tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text
    FROM pg_trigger WHERE NOT tgisinternal
  UNION ALL
  SELECT 'f ' || p.oid::regprocedure::text FROM pg_proc p
   WHERE p.pronamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
  UNION ALL
  SELECT 'n ' || nspname FROM pg_namespace
  UNION ALL
  SELECT 'e ' || extname || ' ' || extversion FROM pg_extension
  UNION ALL
  SELECT 'v ' || version_num FROM alembic_version
) AS shape(item)
"""


class Copies:
    """Databases copied from one template, each lent to one test at a time.

    A `CREATE DATABASE ... TEMPLATE` takes some 170 ms here (400-550 ms on a busy machine), for
    each of two hundred tests. A returned copy is put back as the template was instead: every
    table emptied and refilled with the template's rows, every sequence set where the template's
    was (some 35 ms), once its other sessions are ended. A copy whose shape a test changed
    (a migration, a dropped index) is dropped, never lent again.
    """

    def __init__(self, socket: str, template: str) -> None:
        self.socket = socket
        self.template = template
        self._free: list[str] = []
        self._made = 0
        with connect(socket, template) as connection:
            self._shape = connection.execute(SHAPE).fetchone()
            self._tables = [
                row[0]
                for row in connection.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    " AND tablename <> 'alembic_version' ORDER BY tablename"
                )
            ]
            self._rows: dict[str, bytes] = {}
            with connection.cursor() as cursor:
                for table in self._tables:
                    with cursor.copy(f'COPY "{table}" TO STDOUT (FORMAT BINARY)') as copy:
                        self._rows[table] = b"".join(bytes(block) for block in copy)
            self._sequences = connection.execute(
                "SELECT format('%I.%I', schemaname, sequencename), last_value"
                " FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall()

    def lend(self) -> str:
        """A database name holding exactly what the template holds."""
        if self._free:
            return self._free.pop()
        self._made += 1
        name = f"{self.template}_{self._made}"
        execute(self.socket, f"CREATE DATABASE {name} TEMPLATE {self.template}")
        return name

    def take_back(self, name: str) -> None:
        execute(
            self.socket,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{name}' AND pid <> pg_backend_pid()",
        )
        with connect(self.socket, name) as connection:
            same = connection.execute(SHAPE).fetchone() == self._shape
            if same:
                self._refill(connection)
        if same:
            self._free.append(name)
        else:
            execute(self.socket, f"DROP DATABASE {name} WITH (FORCE)")

    def _refill(self, connection: Any) -> None:
        with connection.transaction(), connection.cursor() as cursor:
            # The template's rows as they were: no trigger of the app's, no foreign-key check.
            cursor.execute("SET LOCAL session_replication_role = replica")
            tables = ", ".join(f'"{table}"' for table in self._tables)
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY")  # type: ignore[arg-type]
            for table, rows in self._rows.items():
                with cursor.copy(f'COPY "{table}" FROM STDIN (FORMAT BINARY)') as copy:
                    copy.write(rows)
            for sequence, last_value in self._sequences:
                cursor.execute(
                    "SELECT setval(%s, %s, %s)",
                    (sequence, last_value or 1, last_value is not None),
                )
