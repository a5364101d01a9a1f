"""Marks and bulk actions on Contacts: space, *, escape, b; one step each for ctrl+z."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.widgets import Input, Select

from refterm.config import Settings
from refterm.core.contacts import ContactForm, create_contact, list_all, validate
from refterm.db.database import Database
from refterm.screens.bulk_dialog import BulkDialog
from refterm.screens.contacts import ContactsScreen
from refterm.screens.dialogs import ConfirmDialog
from refterm.widgets.contact_table import BLOCK, MARK, ContactTable
from refterm.widgets.mode_bar import ModeBar
from tests.ui.helpers import SIZE, build_app, highlight_row, open_mode, screen_text, settle
from tests.ui.writes import notes, until

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def tagged(database: Database, tag: str) -> list[str]:
    return [contact.full_name for contact, tags in list_all(database) if tag in tags]


def detail(app: object) -> str:
    return str(app.screen.query_one(ModeBar).render())  # type: ignore[attr-defined]


async def test_bulk_tag_every_contact_a_filter_matches_more_than_a_page(
    database: Database, today: date
) -> None:
    settings = Settings()
    many = BLOCK + 20
    for number in range(many):
        form = ContactForm(full_name=f"Alumnus {number:03d}", company="Centrale")
        create_contact(database, validate(form, settings), now=NOW)
    create_contact(database, validate(ContactForm(full_name="Someone Else"), settings), now=NOW)
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("slash", *"alumnus", "enter")
        await settle(pilot)
        await pilot.press("asterisk")
        await until(pilot, lambda: f"Marked {many} contacts matching “alumnus”" in notes(app),
                    "the marks")  # fmt: skip
        assert f"{many} marked" in detail(app)
        await pilot.press("b")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BulkDialog)
        assert f"Change {many} contacts" in screen_text(app)
        dialog.query_one("#tag", Input).value = "Alumni"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert f"{many} contacts tagged 'alumni' · ctrl+z to undo" in notes(app)
        assert len(tagged(database, "alumni")) == many
        assert "Someone Else" not in tagged(database, "alumni")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: f"Undone: {many} contacts tagged 'alumni'" in notes(app),
                    "the undo")  # fmt: skip
        assert tagged(database, "alumni") == []


async def test_space_marks_escape_clears_the_filter_then_the_marks(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        table = app.screen.query_one(ContactTable)
        await highlight_row(pilot, "Nadia Haddad")
        await pilot.press("space", "space")
        assert len(table.marked) == 2
        assert f"{MARK}Nadia Haddad" in screen_text(app)
        assert "2 marked" in detail(app)
        await pilot.press("slash", *"nadia", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#contact-filter", Input).value == ""
        assert len(table.marked) == 2
        await pilot.press("escape")
        await settle(pilot)
        assert table.marked == set()
        assert "marked" not in detail(app)


async def test_bulk_delete_says_what_goes_and_ctrl_z_brings_it_back(
    demo_database: Database, today: date
) -> None:
    before = sorted(contact.full_name for contact, _ in list_all(demo_database))
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("space")
        await highlight_row(pilot, "Nadia Haddad")
        await pilot.press("space", "b")
        await settle(pilot)
        app.screen.query_one("#action", Select).value = "delete"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        question = screen_text(app)
        assert "Delete 2 contacts?" in question
        assert "With them goes" in question and "interactions" in question
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert "2 contacts deleted · ctrl+z to undo" in notes(app)
        remaining = [contact.full_name for contact, _ in list_all(demo_database)]
        assert "Omar Tazi" not in remaining and "Nadia Haddad" not in remaining
        assert app.screen.query_one(ContactTable).marked == set()
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "Undone: 2 contacts deleted" in notes(app), "the undo")
    assert sorted(contact.full_name for contact, _ in list_all(demo_database)) == before


async def test_b_with_nothing_marked_changes_the_highlighted_contact(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("b")
        await settle(pilot)
        assert "Change Omar Tazi" in screen_text(app)
        app.screen.query_one("#action", Select).value = "cadence"
        await settle(pilot)
        app.screen.query_one("#cadence", Input).value = "often"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "'often' is not a number of days" in screen_text(app)
        app.screen.query_one("#cadence", Input).value = "45"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Omar Tazi set to keep in touch every 45 days · ctrl+z to undo" in notes(app)
