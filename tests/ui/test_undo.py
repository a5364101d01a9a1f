"""ctrl+z: each kind of change taken back, after a restart too, and refused when it must be."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from textual.widgets import Input

from refterm.core.asks import get_ask
from refterm.core.contacts import contact_detail, contact_form, list_all
from refterm.core.pipeline import build_pipeline
from refterm.core.removal import delete_contact
from refterm.db.database import Database
from refterm.model.vocab import AskStatus
from refterm.screens.contacts import ContactsScreen
from refterm.screens.import_dialog import ImportDialog
from refterm.screens.log_form import LogDialog
from refterm.widgets.contact_table import ContactTable
from tests.support import run
from tests.ui.helpers import SIZE, build_app, highlight_row, open_mode, screen_text, settle
from tests.ui.writes import notes, until

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Ann,Example,https://www.linkedin.com/in/ann-example,,Acme,Engineer,15 Mar 2024\r\n"
    "Bruno,Dupont,https://www.linkedin.com/in/bruno,,BuildCo,Manager,01 Jan 2023\r\n"
)


def user_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    tables = ("profile", "contact", "tag", "contact_tag", "ask", "interaction", "reference_use")
    with sqlite3.connect(path) as connection:
        return {
            table: sorted(connection.execute(f"SELECT * FROM {table}"), key=repr)
            for table in tables
        }


def contact_id(database: Database, name: str) -> int:
    return next(c.id or 0 for c, _ in list_all(database) if c.full_name == name)


async def undo(pilot: object, expected: str) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.press("ctrl+z")  # type: ignore[attr-defined]
    await until(pilot, lambda: f"Undone: {expected}" in notes(app), expected)  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]


async def test_undo_a_contact_save(demo_database: Database, db_path: Path, today: date) -> None:
    before = user_rows(db_path)
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#company", Input).value = "Royal Air Maroc"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved Omar Tazi · ctrl+z to undo" in notes(app)
        await undo(pilot, "Omar Tazi edited")
        assert "Royal Air Maroc" not in screen_text(app)
        assert "Maroc Telecom" in screen_text(app)
    assert user_rows(db_path) == before


async def test_undo_an_ask_move(demo_database: Database, db_path: Path, today: date) -> None:
    rows = build_pipeline(demo_database).group(AskStatus.PLANNED)
    ask_id = next(row.ask_id for row in rows if row.contact_name == "Karim Ouazzani")
    before = user_rows(db_path)
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        await highlight_row(pilot, "Karim Ouazzani")
        await pilot.press("m")
        await settle(pilot)
        assert get_ask(demo_database, ask_id).status == "asked"
        assert "ctrl+z to undo" in notes(app)
        await undo(pilot, "Karim Ouazzani's reference ask marked asked")
    assert get_ask(demo_database, ask_id).status == "planned"
    assert user_rows(db_path) == before


async def test_undo_an_archive(demo_database: Database, db_path: Path, today: date) -> None:
    before = user_rows(db_path)
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        table = app.screen.query_one(ContactTable)
        shown = table.row_count
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("x", "y")
        await settle(pilot)
        assert "Archived Omar Tazi · ctrl+z to undo" in notes(app)
        assert table.row_count == shown - 1
        await undo(pilot, "Omar Tazi archived")
        assert table.row_count == shown
        await highlight_row(pilot, "Omar Tazi")
    assert user_rows(db_path) == before


async def test_undo_a_log(demo_database: Database, db_path: Path, today: date) -> None:
    before = user_rows(db_path)
    omar = contact_id(demo_database, "Omar Tazi")
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Logged a call with Omar Tazi · ctrl+z to undo" in notes(app)
        assert contact_detail(demo_database, omar).contact.last_contacted_on == today
        await undo(pilot, "call with Omar Tazi logged")
    assert user_rows(db_path) == before


async def test_undo_an_import(database: Database, db_path: Path, today: date,
                              tmp_path: Path) -> None:  # fmt: skip
    source = tmp_path / "Connections.csv"
    source.write_text(CONNECTIONS, encoding="utf-8")
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        app.screen.query_one("#import-path", Input).value = str(source)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ctrl+z to undo (the whole import)" in notes(app)
        assert len(list_all(database)) == 2
        await undo(pilot, "import of Connections.csv")
        assert app.screen.query_one(ContactTable).row_count == 0
    assert list_all(database) == []


async def test_undo_a_delete_and_the_filter_finds_them_again(
    demo_database: Database, db_path: Path, today: date
) -> None:
    before = user_rows(db_path)
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        # The delete the lifecycle work puts on a key: the same core write, from this app.
        delete_contact(demo_database, contact_id(demo_database, "Omar Tazi"))
        await pilot.press("slash", *"omar", "enter")
        await settle(pilot)
        assert app.screen.query_one(ContactTable).row_count == 0
        await undo(pilot, "Omar Tazi deleted")
        table = app.screen.query_one(ContactTable)
        assert table.row_count == 1 and table.highlighted is not None
        assert table.highlighted.full_name == "Omar Tazi"
    assert user_rows(db_path) == before


async def test_undo_after_a_restart(demo_database: Database, db_path: Path, today: date) -> None:
    before = user_rows(db_path)
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("x", "y")
        await settle(pilot)
    demo_database.dispose()
    reopened = Database.open(db_path)
    try:
        app = build_app(reopened, today)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await open_mode(pilot, "2")
            await undo(pilot, "Omar Tazi archived")
            assert isinstance(app.screen, ContactsScreen)
            await highlight_row(pilot, "Omar Tazi")
            await pilot.press("ctrl+z")
            await until(pilot, lambda: "nothing to undo made in refterm" in notes(app), "refusal")
    finally:
        reopened.dispose()
    assert user_rows(db_path) == before


async def test_a_change_edited_after_it_is_refused(
    demo_database: Database, db_path: Path, today: date
) -> None:
    omar = contact_id(demo_database, "Omar Tazi")
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("x", "y")
        await settle(pilot)
        # Meanwhile, in another terminal:
        edited = run(db_path, "contact", "edit", str(omar), "--company", "Royal Air Maroc")
        assert edited.exit_code == 0, edited.output
        await pilot.press("ctrl+z")
        refusal = (
            "cannot undo 'Omar Tazi archived': Omar Tazi was changed after it "
            "('Omar Tazi edited'); undo that first"
        )
        await until(pilot, lambda: refusal in notes(app), "the refusal")
    assert contact_form(demo_database, omar).company == "Royal Air Maroc"
