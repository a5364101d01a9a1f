"""Bad input in the TUI's forms: each refusal sits beside its field, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
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

# Each form is opened once and saved with bad values in rounds: every round's refusals must sit
# beside their fields at once. A round sets the fields an earlier round spoiled back to good values.
# (a round's {field: value typed}, then {field refused: words of its message})
Round = tuple[dict[str, str], dict[str, str]]
FORMS: dict[str, tuple[Callable[[], FormDialog[Any]], list[Round]]] = {
    "contact": (ContactDialog, [
        ({"full_name": "   ", "email": "ann@", "phone": "12", "linkedin_url": "not a url",
          "keep_in_touch_days": "often"},
         {"full_name": "name is required", "email": "not an e-mail", "phone": "phone",
          "linkedin_url": "web", "keep_in_touch_days": "days"}),
        ({"full_name": "x" * 201, "email": "", "phone": "call me", "linkedin_url": "",
          "keep_in_touch_days": "0"},
         {"full_name": "at most 200", "phone": "phone", "keep_in_touch_days": "3650"}),
    ]),
    "profile": (ProfileDialog, [
        ({"email": "me at home", "phone": "abc"}, {"email": "not an e-mail", "phone": "phone"}),
    ]),
    "log": (lambda: LogDialog(1), [
        ({"occurred_on": "someday"}, {"occurred_on": "not a date"}),
        ({"occurred_on": "2026-02-30"}, {"occurred_on": "not a date"}),
        ({"occurred_on": "2026-11-20", "outcome": "call_back"}, {"call_back_on": "call back"}),
    ]),
    "ask": (lambda: AskDialog(contact_id=1, contact_name="Yasmine Benali"), [
        ({"follow_up_on": "next week please", "asked_on": "+99999d"},
         {"follow_up_on": "not a date", "asked_on": "not a date"}),
    ]),
}  # fmt: skip


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
    return " ".join(
        str(widget.render()) for widget in dialog.query(f"#error-{field}") if widget.display
    )


@pytest.mark.parametrize("form", FORMS)
async def test_every_bad_form_field_is_refused_beside_it_and_writes_nothing(
    form: str, database: Database, db_path: Path, today: date
) -> None:
    make, rounds = FORMS[form]
    load_demo(database, today)
    before = dump(db_path)
    app: RefTermApp = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        dialog = make()
        app.push_screen(dialog)
        await settle(pilot)
        for values, refused in rounds:
            fill(dialog, values)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is dialog, values  # still open: nothing was saved
            for field, words in refused.items():
                message = error_beside(dialog, field)
                assert words.lower() in message.lower(), (field, values, message)
            assert dump(db_path) == before, values
        await pilot.press("escape")  # asks before throwing the typing away: yes
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert dialog not in app.screen_stack
        assert dump(db_path) == before
        assert app.is_running
