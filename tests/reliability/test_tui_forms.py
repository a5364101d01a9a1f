"""Bad input in the TUI's forms: each refusal sits beside its field, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.widgets import Input, Select

from refterm.app import RefTermApp
from refterm.core.demo import load_demo
from refterm.db.database import Database
from refterm.screens.ask_form import AskDialog
from refterm.screens.contact_form import ContactDialog
from refterm.screens.dialogs import FormDialog
from refterm.screens.log_form import LogDialog
from refterm.screens.profile_form import ProfileDialog
from tests.support import dump
from tests.ui.helpers import SIZE, build_app, settle

# (the dialog to open, {field: value typed}, the field refused, words of its message)
FormCase = tuple[Callable[[], FormDialog[Any]], dict[str, str], str, str]
CASES: list[FormCase] = [
    (ContactDialog, {"full_name": "   "}, "full_name", "name is required"),
    (ContactDialog, {"full_name": "x" * 201}, "full_name", "at most 200"),
    (ContactDialog, {"full_name": "Ann", "email": "ann@"}, "email", "not an e-mail"),
    (ContactDialog, {"full_name": "Ann", "phone": "12"}, "phone", "phone"),
    (ContactDialog, {"full_name": "Ann", "phone": "call me"}, "phone", "phone"),
    (ContactDialog, {"full_name": "Ann", "linkedin_url": "not a url"}, "linkedin_url", "web"),
    (ContactDialog, {"full_name": "Ann", "keep_in_touch_days": "often"}, "keep_in_touch_days",
     "days"),
    (ContactDialog, {"full_name": "Ann", "keep_in_touch_days": "0"}, "keep_in_touch_days",
     "3650"),
    (ProfileDialog, {"email": "me at home"}, "email", "not an e-mail"),
    (ProfileDialog, {"phone": "abc"}, "phone", "phone"),
    (lambda: LogDialog(1), {"occurred_on": "someday"}, "occurred_on", "not a date"),
    (lambda: LogDialog(1), {"occurred_on": "2026-02-30"}, "occurred_on", "not a date"),
    (lambda: LogDialog(1), {"outcome": "call_back"}, "call_back_on", "call back"),
    (lambda: AskDialog(contact_id=1, contact_name="Yasmine Benali"),
     {"follow_up_on": "next week please"}, "follow_up_on", "not a date"),
    (lambda: AskDialog(contact_id=1, contact_name="Yasmine Benali"),
     {"asked_on": "+99999d"}, "asked_on", "not a date"),
]  # fmt: skip


def fill(dialog: FormDialog[Any], values: dict[str, str]) -> None:
    for name, value in values.items():
        widget = dialog.query_one(f"#{name}")
        if isinstance(widget, Input):
            widget.value = value
        elif isinstance(widget, Select):
            widget.value = value
        else:
            raise TypeError(name)


def error_beside(dialog: FormDialog[Any], field: str) -> str:
    return " ".join(str(widget.render()) for widget in dialog.query(f"#error-{field}"))


async def test_every_bad_form_field_is_refused_beside_it_and_writes_nothing(
    database: Database, db_path: Path, today: date
) -> None:
    load_demo(database, today)
    app: RefTermApp = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        for make, values, field, words in CASES:
            before = dump(db_path)
            dialog = make()
            app.push_screen(dialog)
            await settle(pilot)
            fill(dialog, values)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is dialog, (field, values)  # still open: nothing was saved
            message = error_beside(dialog, field)
            assert words.lower() in message.lower(), (field, values, message)
            assert dump(db_path) == before, (field, values)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is not dialog
            assert dump(db_path) == before
        assert app.is_running
