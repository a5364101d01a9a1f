"""Shared fixtures: a real SQLite file in tmp_path, default settings, a fixed today.

Alembic runs once per test session (per xdist worker): each test gets a plain copy of a migrated
template file, opened as a `Database` the way the CLI and the app open theirs.

The db, core, io and concurrency tests run on PostgreSQL too: their `database` and
`demo_database` fixtures take a second parameter, `postgresql` (marked `postgresql`: select it
with `-m postgresql`, leave it out with `-m "not postgresql"`), served by a throwaway cluster
per xdist worker, each test on a copy of a migrated template (`pg_cluster.Copies`: made by
`CREATE DATABASE ... TEMPLATE`, then put back as the template was for the next test). Where
PostgreSQL is not installed those variants skip with the reason.
"""

from __future__ import annotations

import gc
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.db.database import Database
from tests import pg_cluster, pilot_waits
from tests.support import TODAY

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _template(path: Path, demo: bool) -> Path:
    """A migrated database file (with the demo network when asked), checkpointed to one file."""
    database = Database.open(path)
    if demo:
        from refterm.core.demo import load_demo

        load_demo(database, TODAY)
    database.dispose()
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return path


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _template(tmp_path_factory.mktemp("template") / "refterm.db", demo=False)


@pytest.fixture(scope="session")
def demo_template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _template(tmp_path_factory.mktemp("demo-template") / "refterm.db", demo=True)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "refterm.db"


def _opened_copy(template: Path, path: Path) -> Iterator[Database]:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(template, path)
    path.chmod(0o600)
    database = Database.open(path)
    yield database
    database.dispose()


# Test folders whose database tests also run on PostgreSQL (not the Pilot UI tests).
BOTH_ENGINES = (
    "tests/unit/",
    "tests/reliability/test_concurrency.py",
    "tests/reliability/test_several_writers.py",
    "tests/reliability/test_postgres.py",
)
POSTGRESQL = pytest.param("postgresql", marks=pytest.mark.postgresql, id="postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if not {"database", "demo_database"} & set(metafunc.fixturenames):
        return
    where = Path(metafunc.definition.path).as_posix()
    both = any(
        part in where for part in BOTH_ENGINES
    ) and not metafunc.definition.get_closest_marker("sqlite_only")
    if both:
        metafunc.parametrize("engine_name", ["sqlite", POSTGRESQL], indirect=True)


@pytest.fixture
def engine_name(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_copies() -> Iterator[dict[str, pg_cluster.Copies]]:
    """This worker's throwaway PostgreSQL cluster: both templates migrated, and their copies."""
    reason = pg_cluster.why_unavailable()
    if reason is not None:
        pytest.skip(reason)
    with pg_cluster.running_cluster() as socket:
        pg_cluster.execute(
            socket, "CREATE DATABASE refterm_template", "CREATE DATABASE refterm_demo"
        )
        Database.open(pg_cluster.url(socket, "refterm_template")).dispose()
        demo = Database.open(pg_cluster.url(socket, "refterm_demo"))
        from refterm.core.demo import load_demo

        load_demo(demo, TODAY)
        demo.dispose()
        names = ("refterm_template", "refterm_demo")
        yield {name: pg_cluster.Copies(socket, name) for name in names}


def _pg_copy(copies: pg_cluster.Copies) -> Iterator[Database]:
    name = copies.lend()
    database = Database.open(pg_cluster.url(copies.socket, name))
    yield database
    database.dispose()
    copies.take_back(name)


@pytest.fixture
def database(request: pytest.FixtureRequest, engine_name: str, db_path: Path) -> Iterator[Database]:
    """An empty database at the schema's head (a copy of the session's migrated template)."""
    if engine_name == "postgresql":
        yield from _pg_copy(request.getfixturevalue("pg_copies")["refterm_template"])
        return
    yield from _opened_copy(request.getfixturevalue("template_db"), db_path)


@pytest.fixture
def demo_database(
    request: pytest.FixtureRequest, engine_name: str, db_path: Path
) -> Iterator[Database]:
    """The demo network loaded for TODAY (a copy of the session's demo template)."""
    if engine_name == "postgresql":
        yield from _pg_copy(request.getfixturevalue("pg_copies")["refterm_demo"])
        return
    yield from _opened_copy(request.getfixturevalue("demo_template_db"), db_path)


def _remember_parsed_css() -> None:
    """Parse each piece of Textual CSS once per worker, not once per app.

    Every app, and every screen an app shows first, parses all of its CSS again: a fresh
    stylesheet starts with an empty cache. The same text with the same theme variables parses to
    the same rules (Textual itself reuses them within one stylesheet), so a worker keeps them for
    every app it builds: a tenth of a Pilot test's time. The app, one per process, is unchanged.
    """
    from textual.css.model import RuleSet
    from textual.css.stylesheet import Stylesheet

    parse = Stylesheet._parse_rules
    parsed: dict[tuple[object, ...], list[RuleSet]] = {}

    def remembered(
        self: Stylesheet,
        css: str,
        read_from: tuple[str, str],
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope,
               tuple(sorted(self._variables.items())))  # fmt: skip
        if key not in parsed:
            parsed[key] = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        return parsed[key]

    Stylesheet._parse_rules = remembered  # type: ignore[method-assign]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Before the first test: CSS parsed once per worker, and what is loaded by now (the
    modules and the test code) out of the garbage collector's sight.

    A worker builds hundreds of apps in one process: opening a form spent a quarter of its time
    in the collector, each full pass walking some 180,000 objects. Frozen, and with larger
    generations, they are walked less often and fewer. (The app freezes what it has loaded once
    its first screen is up, `RefTermApp._warm_up`.) Pilot's waits end when the app has handled
    what it was sent (`pilot_waits`), not after naps that leave the CPU idle.
    """
    _remember_parsed_css()
    pilot_waits.install()
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read the developer's own config or templates, nor their database."""
    config = tmp_path / "config"
    monkeypatch.setenv("REFTERM_CONFIG_DIR", str(config))
    monkeypatch.setenv("REFTERM_DB", str(tmp_path / "default" / "refterm.db"))
    monkeypatch.delenv("REFTERM_TODAY", raising=False)
    return config


@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English whatever the machine's locale; French tests ask for it."""
    from refterm.model import i18n

    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def french() -> Iterator[None]:
    """The interface in French for one test (the catalog as built by the package)."""
    from refterm.model import i18n

    i18n.set_language("fr")
    yield
    i18n.set_language("en")
