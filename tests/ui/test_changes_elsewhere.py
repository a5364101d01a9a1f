"""Another refterm writes the same database: the form refuses to overwrite, the lists catch up."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from refterm.app import make_app
from refterm.config import Settings
from refterm.core.contacts import (
    ContactForm,
    contact_form,
    contact_page,
    create_contact,
    update_contact,
    validate,
)
from refterm.db.database import Database
from refterm.screens.contact_form import ContactDialog
from refterm.screens.context import Context
from refterm.screens.first_review import FirstReview
from refterm.widgets.contact_table import ContactTable
from tests.ui.helpers import SIZE, build_app, highlight_row, open_mode, screen_text, settle


def another_refterm(database: Database) -> Database:
    assert database.path is not None
    return Database.open(database.path)


async def test_saving_over_a_change_made_elsewhere_is_refused_and_the_input_kept(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ContactDialog)
        # Meanwhile, on another machine, someone saves Omar with a new title.
        other = another_refterm(demo_database)
        theirs = contact_form(other, dialog.contact_id or 0)
        theirs.title = "DSI adjoint"
        update_contact(
            other, dialog.contact_id or 0, validate(theirs, Settings()), version=theirs.version
        )
        other.dispose()
        dialog.query_one("#company", Input).value = "Royal Air Maroc"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog  # still open, with what the user typed
        assert dialog.query_one("#company", Input).value == "Royal Air Maroc"
        error = str(dialog.query_one("#form-error", Static).render())
        assert "changed elsewhere since you opened it" in error
        stored = contact_form(demo_database, dialog.contact_id or 0)
        assert (stored.title, stored.company) == ("DSI adjoint", "Maroc Telecom")


async def test_an_idle_app_shows_contacts_added_elsewhere(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    app.POLL_SECONDS = 0.05
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        table = app.screen.query_one(ContactTable)
        assert table.row_count == 18
        other = another_refterm(demo_database)
        create_contact(other, validate(ContactForm(full_name="Zoé Quintrand"), Settings()))
        other.dispose()
        # No key pressed: the next look at the database brings the new row.
        # (Not `settle`: the looks repeat, each cancelling the last, so workers never all end.)
        for _ in range(600):
            if table.row_count == 19:
                break
            await pilot.pause(0.05)
        assert table.row_count == 19
        assert "Zoé Quintrand" in screen_text(app)


async def test_a_change_seen_while_a_screen_is_put_up_is_read_once_it_is_there(
    demo_database: Database, today: date
) -> None:
    """A refresh (ctrl+r, or another process's write seen by the poll) between a screen's
    creation and its mount read it before its table existed, and the app crashed."""
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.switch_mode("contacts")  # what `2` does; the screen is mounted later
        elsewhere = validate(ContactForm(full_name="Nadia Elsewhere"), Settings())
        create_contact(another_refterm(demo_database), elsewhere)
        app.action_refresh()
        await settle(pilot)
        assert app.is_running
        assert "Nadia Elsewhere" in screen_text(app)


async def test_a_write_made_just_after_the_first_review_was_read_is_shown(
    demo_database: Database, today: date
) -> None:
    """The first review is read before Textual loads; a write landing before the app first
    looked at the database was taken as already shown, and stayed hidden until the next one."""
    first = FirstReview(Context(Settings(), demo_database, today))
    first.wait()  # read, as the command line starts it
    other = another_refterm(demo_database)
    claire = contact_page(other, "Claire Dubois").rows[0].id
    theirs = contact_form(other, claire)
    theirs.full_name = "Claire Rahmani"
    update_contact(other, claire, validate(theirs, Settings()), version=theirs.version)
    other.dispose()
    app = make_app(Settings(), demo_database, today, first)
    app.cursor_blink = False
    app.POLL_SECONDS = 0.05
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        # No key pressed: the next look at the database brings the new name.
        for _ in range(600):
            if "Claire Rahmani" in screen_text(app):
                break
            await pilot.pause(0.05)
        assert "Claire Rahmani" in screen_text(app)


async def test_a_look_that_comes_back_as_the_app_closes_does_nothing(
    demo_database: Database, today: date
) -> None:
    """The look runs in a thread: its answer can reach an app that has closed its screens."""
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = app._change_mark
        assert seen is not None
    app._changes_seen((*seen[:-1], "a write made meanwhile"))  # no screen left to reload
