"""The same screens, forms and dialogs at 80x24: refterm is meant to be used at that size.

Regenerate with `pytest tests/ui/test_snapshots_80.py --snapshot-update` and look at each SVG.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from refterm.db.database import Database
from tests.ui.helpers import build_app, settle
from tests.ui.test_snapshots import Compare, _edit_with_errors, steps

SMALL = (80, 24)


@pytest.fixture
def shoot(snap_compare: Compare, demo_database: Database, today: date) -> Callable[..., bool]:
    def take(run_before: Callable[[Pilot[None]], Awaitable[None]]) -> bool:
        return snap_compare(
            build_app(demo_database, today), terminal_size=SMALL, run_before=run_before
        )

    return take


def _changed_then_escape() -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await steps("2", "n")(pilot)
        pilot.app.screen.query_one("#full_name", Input).value = "Zoé Martin"
        await pilot.press("escape")
        await settle(pilot)

    return run_before


class TestTodayAt80:
    def test_today(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps())

    def test_welcome_on_a_new_database(
        self, snap_compare: Compare, database: Database, today: date
    ) -> None:
        assert snap_compare(build_app(database, today), terminal_size=SMALL, run_before=steps())

    def test_snooze_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Lucas Martin", then=["z"]))

    def test_log_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Claire Dubois", then=["l"]))

    def test_log_dialog_outcome_typed(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Claire Dubois", then=["l", "a"]))

    def test_log_dialog_outcomes_open(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Claire Dubois", then=["l", "enter", "down", "down"]))

    def test_log_dialog_in_the_light_theme(self, shoot: Callable[..., bool]) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            pilot.app.theme = "textual-light"
            await steps(row="Claire Dubois", then=["l", "a", "tab"])(pilot)

        assert shoot(run_before)


class TestContactsAt80:
    def test_contacts(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2"))

    def test_filtered(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", "slash", "c", "a", "p"))

    def test_new_contact_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", "n"))

    def test_contact_form_with_errors(self, shoot: Callable[..., bool]) -> None:
        assert shoot(_edit_with_errors())

    def test_discard_changes_question(self, shoot: Callable[..., bool]) -> None:
        assert shoot(_changed_then_escape())

    def test_archive_confirmation(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Sophie Laurent", then=["x"]))

    def test_new_ask_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Nadia Haddad", then=["a"]))

    def test_import_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", "i"))


class TestContactDetailAt80:
    def test_contact_detail(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Yasmine Benali", then=["enter"]))


class TestAsksAt80:
    def test_asks(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3"))

    def test_declined_confirmation(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3", row="Lucas Martin", then=["x"]))

    def test_received_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3", row="Sarah Mitchell", then=["r"]))

    def test_reference_use_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3", row="James O'Connor", then=["u"]))

    def test_edit_ask_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3", row="Émilie Rousseau", then=["enter"]))

    def test_edit_ask_status_open(self, shoot: Callable[..., bool]) -> None:
        # kind, platform, then the status: its list open on the moves allowed
        opened = ["enter", "tab", "tab", "enter", "down"]
        assert shoot(steps("3", row="Sarah Mitchell", then=opened))


class TestDossierAt80:
    def test_dossier(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("4"))

    def test_profile_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("4", "e"))

    def test_export_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("4", "x", fill={"#path": "~/dossier.md"}))


class TestHelpAt80:
    def test_help(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("question_mark"))


class TestScriptPreviewAt80:
    def test_script_in_french(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Claire Dubois", then=["c"]))

    def test_script_in_english(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Sarah Mitchell", then=["c"]))
