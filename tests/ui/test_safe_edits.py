"""Safe edits and fast keys: moves from the edit form, x asks first, esc asks before losing
changes, an export asks before overwriting, one-key outcomes in the log form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Select

from refterm.core.asks import get_ask
from refterm.core.contacts import contact_detail
from refterm.core.pipeline import build_pipeline
from refterm.db.database import Database
from refterm.model.vocab import AskStatus
from refterm.screens.dialogs import ConfirmDialog, FormDialog
from refterm.widgets.quick_select import QuickSelect
from tests.ui.helpers import SIZE, build_app, highlight_row, open_mode, screen_text, settle


def ask_of(database: Database, name: str, status: str) -> tuple[int, int]:
    rows = build_pipeline(database).group(AskStatus(status))
    row = next(row for row in rows if row.contact_name == name)
    return row.ask_id, row.contact_id


async def test_edit_ask_offers_only_allowed_moves_and_records_the_move(
    demo_database: Database, today: date
) -> None:
    ask_id, contact_id = ask_of(demo_database, "Sarah Mitchell", "agreed")
    history_before = len(contact_detail(demo_database, contact_id).interactions)
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        await highlight_row(pilot, "Sarah Mitchell")
        await pilot.press("enter")
        await settle(pilot)
        status = app.screen.query_one("#status", QuickSelect)
        assert [value for _, value in status.labels] == [
            "agreed", "received", "declined", "withdrawn",
        ]  # fmt: skip
        status.focus()
        await pilot.press("d")  # type-ahead: declined
        assert status.value == "declined"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormDialog)
        assert "Saved the recommendation ask for Sarah Mitchell" in screen_text(app)
    assert get_ask(demo_database, ask_id).status == "declined"
    history = contact_detail(demo_database, contact_id).interactions
    assert len(history) == history_before + 1
    assert history[0].ask_id == ask_id and history[0].occurred_on == today


async def test_declined_asks_first_no_leaves_it_yes_declines(
    demo_database: Database, today: date
) -> None:
    ask_id, _ = ask_of(demo_database, "Lucas Martin", "asked")
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        await highlight_row(pilot, "Lucas Martin")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Mark the recommendation ask to Lucas Martin declined?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert get_ask(demo_database, ask_id).status == "asked"
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Lucas Martin: recommendation declined" in screen_text(app)
    assert get_ask(demo_database, ask_id).status == "declined"


async def test_escape_closes_an_unchanged_form_at_once(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (FormDialog, ConfirmDialog))


async def test_escape_on_a_changed_form_asks_before_discarding(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#purpose", Input).value = "CIO roles"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Discard your changes?" in screen_text(app)
        await pilot.press("n")  # keep the form and what was typed
        await settle(pilot)
        assert app.screen is form and form.query_one("#purpose", Input).value == "CIO roles"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, (FormDialog, ConfirmDialog))
    ask_id, _ = ask_of(demo_database, "Omar Tazi", "planned")
    assert get_ask(demo_database, ask_id).purpose != "CIO roles"


async def test_export_asks_before_overwriting(
    demo_database: Database, today: date, tmp_path: Path
) -> None:
    target = tmp_path / "dossier.md"
    target.write_text("mine, keep me\n", encoding="utf-8")
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "4")
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "already exists" in screen_text(app) and "Overwrite it?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert target.read_text(encoding="utf-8") == "mine, keep me\n"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Dossier written to" in screen_text(app)
    assert "Yasmine Benali" in target.read_text(encoding="utf-8")


async def test_one_key_outcome_in_the_log_form(demo_database: Database, today: date) -> None:
    ask_id, _ = ask_of(demo_database, "Lucas Martin", "asked")
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Lucas Martin")
        # Three keys: open the form, the outcome's letter (the first field has the focus), save.
        await pilot.press("l")
        await settle(pilot)
        outcome = app.screen.query_one("#outcome", Select)
        assert app.screen.focused is outcome
        await pilot.press("a")
        assert outcome.value == "agreed"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "the ask becomes agreed" in screen_text(app)
    assert get_ask(demo_database, ask_id).status == "agreed"


async def test_type_ahead_on_a_closed_select(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Lucas Martin")
        await pilot.press("l")
        await settle(pilot)
        channel = app.screen.query_one("#channel", QuickSelect)
        channel.focus()
        await pilot.press("m")
        assert channel.value == "message"
        await pilot.press("m")  # the same letter again: the next option starting with it
        assert channel.value == "meeting"
        await pilot.press("q")  # no option starts with q: nothing changes, nothing quits
        assert channel.value == "meeting"
        assert isinstance(app.screen, FormDialog)
