"""core/ and db/ never import Textual; the CLI's start does not load heavy libraries."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import refterm.core.agenda, refterm.core.asks, refterm.core.contacts, refterm.core.demo
import refterm.core.dossier, refterm.core.interactions, refterm.core.profile
import refterm.db.engine, refterm.db.models, refterm.db.session, refterm.db.contacts
loaded = sorted(name for name in sys.modules if name.split('.')[0] in {MODULES})
print(','.join(loaded))
"""


def loaded_after_import(modules: set[str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", CHECK.replace("{MODULES}", repr(modules))],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_core_and_db_do_not_import_textual() -> None:
    assert loaded_after_import({"textual"}) == ""


def test_core_and_db_leave_heavy_libraries_unloaded() -> None:
    assert loaded_after_import({"alembic", "jinja2", "vobject", "phonenumbers"}) == ""
