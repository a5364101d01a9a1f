"""The forms and dialogs in French: demo data, 120x36 (one at 80x24), fixed today.

The same steps as the English snapshots, with the interface switched to French (`french`).
Regenerate with `pytest tests/ui/test_snapshots_fr_dialogs.py --snapshot-update` and look at
each SVG. Also the behaviour French users meet in these forms: a bad date is refused in French,
the vocabularies show French words and store the same codes, « aujourd’hui » is read as today.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from refterm.db.database import Database
from tests.ui.helpers import SIZE, build_app, screen_text, settle
from tests.ui.test_snapshots import Compare, _edit_with_errors, steps
from tests.ui.test_snapshots_lifecycle import typed

SMALL = (80, 24)

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture
def shoot(
    snap_compare: Compare, french_demo_database: Database, today: date
) -> Callable[..., bool]:
    def take(
        run_before: Callable[[Pilot[None]], Awaitable[None]], size: tuple[int, int] = SIZE
    ) -> bool:
        return snap_compare(build_app(french_demo_database, today), terminal_size=size,
                            run_before=run_before)  # fmt: skip

    return take


def _known_since_refused() -> Callable[[Pilot[None]], Awaitable[None]]:
    """The contact form with a bad date in "Known since" and a bad e-mail, after ctrl+s."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await steps("2", row="Omar Tazi", then=["e"])(pilot)
        pilot.app.screen.query_one("#known_since", Input).value = "2019-13"
        pilot.app.screen.query_one("#email", Input).value = "omar@"
        await pilot.press("ctrl+s")
        await settle(pilot)

    return run_before


class TestFrenchForms:
    def test_contact_form_with_errors(self, shoot: Callable[..., bool]) -> None:
        assert shoot(_known_since_refused())

    def test_new_ask_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Nadia Haddad", then=["a"]))

    def test_edit_ask_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("3", row="Émilie Rousseau", then=["enter"]))

    def test_log_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Claire Dubois", then=["l"]))

    def test_profile_form(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("4", "e"))

    def test_contact_form_at_80(self, shoot: Callable[..., bool]) -> None:
        assert shoot(_edit_with_errors(), size=SMALL)


class TestFrenchDialogs:
    def test_delete_question(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Yasmine Benali", then=["d"]))

    def test_merge_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(
            typed("2", row="Karim Ouazzani", row_keys=("M",), text="tazi", then=("enter",))
        )

    def test_bulk_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", row="Nadia Haddad", then=["space", "space", "b"]))

    def test_export_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("4", "x", fill={"#path": "~/dossier.md"}))

    def test_import_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps("2", "i"))

    def test_snooze_dialog(self, shoot: Callable[..., bool]) -> None:
        assert shoot(steps(row="Lucas Martin", then=["z"]))


async def test_a_bad_date_is_refused_in_french(demo_database: Database, today: date) -> None:
    """« Connu depuis » 2019-13: the message beside the field is French, the form stays open."""
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE) as pilot:
        await steps("2", row="Omar Tazi", then=["e"])(pilot)
        form = app.screen
        form.query_one("#known_since", Input).value = "2019-13"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = str(form.query_one("#error-known_since", Static).render())
        assert error == "'2019-13'\u00a0: le mois doit être entre 01 et 12"


async def test_a_bad_follow_up_date_keeps_the_french_hint(
    demo_database: Database, today: date
) -> None:
    """The snooze dialog asks for a date with French examples the parser reads (+3j, demain)."""
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE) as pilot:
        await steps(row="Lucas Martin", then=["z"])(pilot)
        field = app.screen.query_one("#on", Input)
        assert field.placeholder == "2026-12-01, aujourd’hui, demain, +3j, +2s"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(app.screen.query_one("#error-on", Static).render())
        assert error.startswith("choisissez ci-dessus ou tapez une date\u00a0: 2026-12-01")


async def test_french_labels_store_the_same_codes(demo_database: Database, today: date) -> None:
    """The log form shows « appel » and « accepte » and stores call and agreed; « a » picks it."""
    from refterm.screens.log_form import LogDialog
    from refterm.widgets.quick_select import QuickSelect

    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE) as pilot:
        await steps(row="Claire Dubois", then=["l"])(pilot)
        form = app.screen
        assert isinstance(form, LogDialog)
        outcome = form.query_one("#outcome", QuickSelect)
        assert [label for label, _code in outcome.labels] == [
            "joint", "messagerie", "pas de réponse", "accepte", "décline", "rappeler",
        ]  # fmt: skip
        outcome.focus()
        await pilot.press("a")
        assert form.value("outcome") == "agreed"
        assert form.value("channel") == "call"
        assert "appel" in screen_text(app)
        assert "tapez sa lettre\u00a0: j joint, m messagerie" in screen_text(app)


async def test_aujourdhui_as_typed_in_french_is_today(demo_database: Database, today: date) -> None:
    """The log form starts at « aujourd’hui » (French apostrophe) and saves it as today."""
    from refterm.screens.log_form import LogDialog

    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE) as pilot:
        await steps(row="Claire Dubois", then=["l"])(pilot)
        form = app.screen
        assert isinstance(form, LogDialog)
        assert form.value("occurred_on") == "aujourd’hui"
        assert form.dates("occurred_on") == {"occurred_on": today}
        form.query_one("#occurred_on", Input).value = "+3j"
        assert form.dates("occurred_on")["occurred_on"] == today + timedelta(days=3)


def test_the_delete_question_is_one_sentence_in_each_language() -> None:
    """The dialog builds the question itself: English word for word as before, French whole."""
    from refterm.core.removal import Removal
    from refterm.model import i18n
    from refterm.screens.removing import question_text

    removal = Removal(1, "Omar Tazi", "Omar Tazi", ("3 asks", "5 interactions", "1 reference use"))
    alone = Removal(2, "Omar Tazi", "Omar Tazi")
    i18n.set_language("en")
    assert question_text(removal) == removal.question
    assert question_text(alone) == alone.question == "Delete Omar Tazi?"
    i18n.set_language("fr")
    assert question_text(alone) == "Supprimer Omar Tazi\u202f?"
    assert question_text(removal) == (
        "Supprimer Omar Tazi, 3 asks, 5 interactions et 1 reference use\u202f?"
    )
