"""Snapshots of every screen, form and the script preview: demo data, 120x36, fixed today.

Regenerate with `pytest tests/ui --snapshot-update` and look at each changed SVG.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import date
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from refterm.db.database import Database
from tests.ui.helpers import SIZE, build_app, highlight_row, settle

Compare = Callable[..., bool]


def steps(
    *keys: str, row: str | None = None, then: Iterable[str] = (), fill: dict[str, str] | None = None
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Wait for the data, press `keys`, pick `row`, press `then`, fill inputs; wait again."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if row is not None:
            await highlight_row(pilot, row)
        for key in then:
            await pilot.press(key)
            await settle(pilot)
        for selector, value in (fill or {}).items():
            pilot.app.screen.query_one(selector, Input).value = value
        await settle(pilot)

    return run_before


@pytest.fixture
def shoot(snap_compare: Compare, demo_database: Database, today: date) -> Callable[..., bool]:
    def take(run_before: Callable[[Pilot[None]], Awaitable[None]]) -> bool:
        return snap_compare(
            build_app(demo_database, today), terminal_size=SIZE, run_before=run_before
        )

    return take


class TestTodaySnapshots:
    def test_today(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps())

    def test_welcome_on_a_new_database(
        self, snap_compare: Compare, database: Database, today: date
    ) -> None:
        assert snap_compare(build_app(database, today), terminal_size=SIZE, run_before=steps())

    def test_snooze_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Lucas Martin", then=["z"]))

    def test_log_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Claire Dubois", then=["l"]))


class TestContactsSnapshots:
    def test_contacts(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2"))

    def test_filtered(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", "slash", "c", "a", "p"))

    def test_new_contact_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", "n"))

    def test_contact_form_with_errors(self, shoot: Callable[..., bool]) -> None:
        assert shoot(_edit_with_errors())

    def test_archive_confirmation(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Sophie Laurent", then=["x"]))

    def test_new_ask_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Nadia Haddad", then=["a"]))

    def test_import_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", "i"))

    def test_marked_rows(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Nadia Haddad", then=["space", "space"]))

    def test_bulk_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Nadia Haddad", then=["space", "space", "b"]))


def _edit_with_errors() -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await steps("2", row="Omar Tazi", then=["e"])(pilot)
        pilot.app.screen.query_one("#email", Input).value = "omar@"
        pilot.app.screen.query_one("#phone", Input).value = "12"
        await pilot.press("ctrl+s")
        await settle(pilot)

    return run_before


class TestContactDetailSnapshot:
    def test_contact_detail(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Yasmine Benali", then=["enter"]))


class TestAsksSnapshots:
    def test_asks(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3"))

    def test_received_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3", row="Sarah Mitchell", then=["r"]))

    def test_reference_use_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3", row="James O'Connor", then=["u"]))

    def test_edit_ask_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3", row="Émilie Rousseau", then=["enter"]))


class TestDossierSnapshots:
    def test_dossier(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("4"))

    def test_profile_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("4", "e"))

    def test_export_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("4", "x", fill={"#path": "~/dossier.md"}))


class TestHelpSnapshot:
    def test_help(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("question_mark"))


class TestScriptPreviewSnapshots:
    def test_script_in_french(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Claire Dubois", then=["c"]))

    def test_script_in_english(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Sarah Mitchell", then=["c"]))

    def test_voicemail(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Claire Dubois", then=["c", "v"]))
