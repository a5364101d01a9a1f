"""The floors of refterm: every import points down, never up; core/ and db/ never load Textual.

The floors, from the bottom:

0. `model`: plain vocabularies, text rules and records; imports nothing else of refterm.
1. `errors`, `clock`, `paths`, `files`, `config`: the basics every layer may use (settings, today,
   where files live, safe reads and atomic writes, the errors users see).
2. `db`: database, tables, migrations and every query (the repositories).
3. `core`: the rules of the domain, on top of the repositories.
4. `io`, `clipboard`: files and the outside world (imports, exports, the system clipboard).
5. `screens`, `widgets`: the Textual interface; they may use each other.
6. `app`, `screenshots`: the Textual application and what drives it.
7. `cli`, `__main__`: the command line, which may start anything.

Screens and widgets never reach into `db` either, though it lies below them: they get plain
records from `core`; only the handle's type (`refterm.db.database`) passes through them.

`templates/` holds Jinja2 files only (read by `core.templating`) and `locale/` the interface
catalogs (read by `model.i18n`), so they have no floor.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "refterm"

FLOORS: dict[str, int] = {
    "model": 0,
    "errors": 1,
    "clock": 1,
    "paths": 1,
    "files": 1,
    "config": 1,
    "db": 2,
    "core": 3,
    "io": 4,
    "clipboard": 4,
    "screens": 5,
    "widgets": 5,
    "app": 6,
    "screenshots": 6,
    "cli": 7,
    "__main__": 7,
}

# Floors a layer skips: the interface talks to core, never to the repositories.
SKIPPED = {"screens": {"db"}, "widgets": {"db"}}
PASSED_THROUGH = {"refterm.db.database"}


def area_of(module: str) -> str | None:
    """`refterm.db.contacts` -> `db`; None for the package itself and outside modules."""
    parts = module.split(".")
    if parts[0] != "refterm" or len(parts) < 2:
        return None
    return parts[1]


def module_name(path: Path, root: Path = PACKAGE) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every module `path` imports, wherever the import sits (functions, TYPE_CHECKING too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            found.append((node.lineno, stem))
            # `from refterm import clock` imports the module refterm.clock.
            if stem == "refterm":
                found.extend((node.lineno, f"refterm.{alias.name}") for alias in node.names)
    return found


def upward_imports(root: Path = PACKAGE) -> list[str]:
    """One line per import that points up the floors (or leaves `model` for anything else)."""
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        source = area_of(module_name(path, root))
        if source is None:
            continue
        floor = FLOORS[source]
        where = path.relative_to(root.parent)
        for line, target_module in imported_modules(path, root):
            target = area_of(target_module)
            if target is None or target == source:
                continue
            if target not in FLOORS:
                problems.append(
                    f"{path.relative_to(root.parent)}:{line}: {target_module} has no floor"
                )
            elif (
                FLOORS[target] > floor
                or (source == "model" and target != "model")
                or (target in SKIPPED.get(source, ()) and target_module not in PASSED_THROUGH)
            ):
                problems.append(
                    f"{where}:{line}: {source} (floor {floor}) imports "
                    f"{target_module} (floor {FLOORS[target]})"
                )
    return problems


def test_every_area_of_the_package_has_a_floor() -> None:
    areas = {path.name.removesuffix(".py") for path in PACKAGE.iterdir()}
    areas -= {"__init__", "__pycache__", "refterm.tcss", "templates", "locale", "py.typed"}
    assert sorted(areas - FLOORS.keys()) == []


def test_no_import_points_up_the_floors() -> None:
    assert upward_imports() == []


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    """The check itself can fail: db importing core (inside a function too), screens using db."""
    package = tmp_path / "refterm"
    (package / "db").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "db" / "__init__.py").write_text("")
    (package / "db" / "bad.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from refterm.screens.base import Context\n"
        "def f():\n    from ..core import text\n"
    )
    (package / "screens").mkdir()
    (package / "screens" / "ui.py").write_text(
        "from refterm.db.database import Database\nimport refterm.db.models\n"
    )
    assert upward_imports(package) == [
        "refterm/db/bad.py:3: db (floor 2) imports refterm.screens.base (floor 5)",
        "refterm/db/bad.py:5: db (floor 2) imports refterm.core (floor 3)",
        "refterm/screens/ui.py:2: screens (floor 5) imports refterm.db.models (floor 2)",
    ]


CHECK = """
import importlib, sys
for name in {IMPORTS}:
    importlib.import_module(name)
loaded = sorted(name for name in sys.modules if name.split('.')[0] in {MODULES})
print(','.join(loaded))
"""


def modules_of(*areas: str) -> list[str]:
    """Every module of these areas (migrations aside: Alembic runs them, nobody imports them)."""
    return [
        module_name(path)
        for area in areas
        for path in sorted((PACKAGE / area).rglob("*.py"))
        if "migrations" not in path.parts
    ]


# The modules the CLI and the first screen load at start-up.
STARTUP = [
    "refterm.core.agenda", "refterm.core.asks", "refterm.core.contacts", "refterm.core.demo",
    "refterm.core.dossier", "refterm.core.interactions", "refterm.core.profile",
    "refterm.db.database", "refterm.db.models", "refterm.db.session", "refterm.db.contacts",
]  # fmt: skip


def loaded_after_import(modules: set[str], imports: list[str]) -> str:
    check = CHECK.replace("{MODULES}", repr(modules)).replace("{IMPORTS}", repr(imports))
    result = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_core_and_db_do_not_import_textual() -> None:
    assert loaded_after_import({"textual"}, modules_of("model", "db", "core")) == ""


def test_core_and_db_leave_heavy_libraries_unloaded() -> None:
    assert loaded_after_import({"alembic", "jinja2", "vobject", "phonenumbers"}, STARTUP) == ""
