"""Contacts: add, edit, validate, filter, sort, archive — through the keyboard."""

from __future__ import annotations

import asyncio
from datetime import date

from textual.widgets import Input

from refterm.core.contacts import list_all
from refterm.db.database import Database
from refterm.model.vocab import ContactSort
from refterm.screens.contact_form import ContactDialog
from refterm.screens.contacts import ContactsScreen
from refterm.widgets.contact_table import ContactTable
from tests.ui.helpers import (
    SIZE,
    build_app,
    highlight_row,
    open_mode,
    screen_text,
    send_at_once,
    settle,
)


def names(database: Database, search: str | None = None) -> list[str]:
    return [contact.full_name for contact, _ in list_all(database, search)]


async def test_add_a_contact_with_the_keyboard(database: Database, today: date) -> None:
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ContactDialog)
        assert app.focused is not None and app.focused.id == "full_name"
        await pilot.press(*"Ann Example")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert names(database) == ["Ann Example"]
        assert "Ann Example" in screen_text(app)
        assert "Added Ann Example" in screen_text(app)
        await pilot.press("n", *"Zoe Last", "ctrl+s")
        await settle(pilot)
        table = app.screen.query_one(ContactTable)
        assert table.highlighted is not None and table.highlighted.full_name == "Zoe Last"


async def test_a_bad_field_is_refused_beside_it(database: Database, today: date) -> None:
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#full_name", Input).value = "Ann"
        dialog.query_one("#email", Input).value = "not-an-address"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        error = dialog.query_one("#error-email")
        assert "is not an e-mail address" in str(error.render())
        assert app.focused is dialog.query_one("#email")
        assert names(database) == []
        await pilot.press("escape")  # something was typed: it asks before discarding
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)


async def test_edit_a_contact(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#full_name", Input).value == "Omar Tazi"
        dialog.query_one("#company", Input).value = "Royal Air Maroc"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Royal Air Maroc" in screen_text(app)
        assert "Saved Omar Tazi" in screen_text(app)


async def test_filter_narrows_then_enter_selects_the_first_match(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        table = app.screen.query_one(ContactTable)
        assert table.row_count == 18
        await pilot.press("slash", *"mar")
        await settle(pilot)
        assert table.row_count == 2
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is table
        assert table.highlighted is not None and table.highlighted.full_name == "Lucas Martin"
        await pilot.press("escape")
        await settle(pilot)
        assert table.row_count == 18
        assert app.screen.query_one("#contact-filter", Input).value == ""


async def test_filter_matches_tags_and_ignores_accents(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("slash", *"emilie")
        await settle(pilot)
        table = app.screen.query_one(ContactTable)
        assert table.row_count == 1
        assert "Émilie Rousseau" in screen_text(app)
        app.screen.query_one("#contact-filter", Input).value = "casablanca"
        await settle(pilot)
        assert table.row_count == len(names(demo_database, "casablanca")) > 0


async def test_s_cycles_the_sort(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        table = screen.query_one(ContactTable)
        first_by_name = table.highlighted
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort is ContactSort.LAST_CONTACT
        # Émilie wrote her recommendation six days ago: the latest contact of the demo.
        assert table.highlighted is not None and table.highlighted.full_name == "Émilie Rousseau"
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort is ContactSort.COMPANY
        await pilot.press("s")
        await settle(pilot)
        assert table.highlighted == first_by_name


async def test_archive_asks_first_then_hides(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Sophie Laurent")
        await pilot.press("x")
        await settle(pilot)
        assert "Archive Sophie Laurent?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert "Sophie Laurent" in names(demo_database)
        await pilot.press("x", "y")
        await settle(pilot)
        assert "Sophie Laurent" not in names(demo_database)
        assert "Sophie Laurent" not in screen_text(app).split("Archived")[0]
        assert app.screen.query_one(ContactTable).row_count == 17


async def test_keys_move_with_j_and_k(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        table = app.screen.query_one(ContactTable)
        await pilot.press("j", "j")
        assert table.cursor == 2
        await pilot.press("k")
        assert table.cursor == 1
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor == 17


async def test_enter_opens_the_detail(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Lucas Martin")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Classmates at INSA Lyon" in text
        assert "Timeline" in text
        assert "ExeKutive profile" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)


async def test_keys_typed_faster_than_the_app_reads_them_land_in_the_filter(
    demo_database: Database, today: date
) -> None:
    """`/mar` typed while the app is busy reaches it in one read: each key still goes where the
    one before it sent the focus (`m`, `a`, `r` used to reach the table, not the filter)."""
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_mode(pilot, "2")
        send_at_once(app, "/mar")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.filter_input.value == "mar"
        assert screen.query_one(ContactTable).search == "mar"
        await pilot.press("slash")  # in the filter, `/` is text
        assert screen.filter_input.value == "mar/"


async def test_keys_typed_while_contacts_is_put_up_filter_it(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        send_at_once(app, "2")
        while app.current_mode != "contacts":  # the switch is under way, the screen not up
            await asyncio.sleep(0)
        send_at_once(app, "/mar")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.filter_input.value == "mar"  # not "/mar": the table had the keys first
