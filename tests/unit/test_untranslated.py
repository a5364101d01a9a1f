"""No English sentence reaches a French user: every literal that reads like words is marked.

A literal made of words (two words, or one capitalised word: 'Open', 'Company') anywhere in
refterm/ must sit inside `_()`, `N_()`, `ngettext()`, `pgettext()` or `counted()`, unless it is
plainly not for people (a docstring, SQL, CSS, a widget id, a programmer's error) or its line
says why with `# untranslated: <reason>` (a script's own language, a file format's keyword).
The catalogs test then makes sure each marked string has its French.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "refterm"

# Modules that speak the contact's or the export's language (their own French and English),
# or that people never read.
NOT_INTERFACE = {
    "refterm/db/migrations",
    "refterm/screenshots.py",
    "refterm/core/demo_data.py",
}
MARKERS = {"_", "N_", "ngettext", "pgettext", "npgettext", "counted"}
PROGRAMMER_ERRORS = {
    "ValueError", "TypeError", "KeyError", "RuntimeError", "AssertionError",
    "NotImplementedError", "AttributeError", "LookupError", "IndexError",
}  # fmt: skip
# Calls whose strings are CSS selectors or class names.
DOM_LOOKUPS = {
    "query", "query_one", "query_exactly_one", "get_widget_by_id", "remove_class", "add_class",
    "set_class", "has_class", "toggle_class",
}  # fmt: skip
WORDS = re.compile(r"[A-Za-z][a-z]+[ ,.:;!?'’]+[A-Za-z(][a-z]+|^[A-Z][a-z]{2,}[.:…]?$")
CODE = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|ALTER|DROP|PRAGMA|BEGIN|FROM)\b")
AREAS = [
    "model", "errors.py", "config.py", "paths.py", "files.py", "clock.py", "clipboard.py",
    "db", "core", "io", "screens", "widgets", "app.py", "cli",
]  # fmt: skip


def called_name(node: ast.Call) -> str:
    function = node.func
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return ""


def exempt_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes whose strings are not for people, or already marked."""
    exempt: set[int] = set()

    def take(node: ast.AST) -> None:
        exempt.update(id(child) for child in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                take(body[0])  # the docstring
        if isinstance(node, ast.Call):
            name = called_name(node)
            if name in MARKERS | {"text", "exec_driver_sql", "execute", "executemany", "getLogger"}:
                take(node)
            if name in DOM_LOOKUPS:
                take(node)
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            if called_name(node.exc) in PROGRAMMER_ERRORS:
                take(node.exc)
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in {"DEFAULT_CSS", "CSS"} for t in targets):
                take(node)
        if isinstance(node, ast.Subscript):
            take(node.slice)
        if isinstance(node, ast.Dict) and {"en", "fr"} <= {
            key.value for key in node.keys if isinstance(key, ast.Constant)
        }:
            take(node)  # a table in each language, for the scripts' and exports' own language
        if isinstance(node, ast.Compare):
            take(node)
        if isinstance(node, ast.keyword) and node.arg in {"id", "classes", "name", "group", "key"}:
            take(node.value)
    return exempt


def literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    return None


def unmarked(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    exempt = exempt_nodes(tree)
    found = []
    inside_fstring = {
        id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values
    }
    for node in ast.walk(tree):
        if id(node) in exempt or id(node) in inside_fstring:
            continue
        text = literal_text(node)
        if text is None or CODE.match(text) or not WORDS.search(text):
            continue
        line = node.lineno  # type: ignore[attr-defined]
        end = getattr(node, "end_lineno", line) or line
        if any("# untranslated:" in lines[number - 1] for number in range(line, end + 1)):
            continue
        found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {text[:70]!r}")
    return found


def files_of(area: str) -> list[Path]:
    root = PACKAGE / area
    paths = sorted(root.rglob("*.py")) if root.is_dir() else [root]
    return [
        path
        for path in paths
        if not any(str(path.relative_to(PACKAGE.parent)).startswith(n) for n in NOT_INTERFACE)
    ]


@pytest.mark.parametrize("area", AREAS)
def test_every_sentence_for_people_is_marked_for_translation(area: str) -> None:
    found = [problem for path in files_of(area) for problem in unmarked(path)]
    assert found == [], f"{len(found)} unmarked:\n" + "\n".join(found)


def translated_at_import(path: Path) -> list[str]:
    """`_()` outside any function runs once, at import: it would keep the start-up language."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            if (
                isinstance(child, ast.Call)
                and called_name(child) in MARKERS - {"N_"}
                and not in_function
            ):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{child.lineno}")
            visit(child, inside)

    visit(tree, False)
    return found


@pytest.mark.parametrize("area", AREAS)
def test_nothing_is_translated_at_import_time(area: str) -> None:
    """Module constants and class attributes are marked with N_ and translated where shown."""
    found = [problem for path in files_of(area) for problem in translated_at_import(path)]
    assert found == [], "use N_() here and _() where it is shown:\n" + "\n".join(found)


def test_the_check_finds_an_unmarked_sentence(tmp_path: Path) -> None:
    sample = PACKAGE / "model" / "zz_sample_for_test.py"
    try:
        sample.write_text(
            '"""Docstring is fine."""\n'
            "from refterm.model.i18n import _\n"
            'A = _("Marked sentence here")\n'
            'B = "An unmarked sentence"\n'
            'C = "Company"\n'
            'D = "widget-id"\n'
            'E = "Kept as is"  # untranslated: a format keyword\n'
            'raise ValueError("a programmer error")\n'
            'F = {"en": "In English", "fr": "En français"}\n'
            'G = _("At import")\n'
        )
        assert [p.split(": ", 1)[1] for p in unmarked(sample)] == [
            "'An unmarked sentence'",
            "'Company'",
        ]
        assert translated_at_import(sample) == [
            "refterm/model/zz_sample_for_test.py:3",
            "refterm/model/zz_sample_for_test.py:10",
        ]
    finally:
        sample.unlink()
