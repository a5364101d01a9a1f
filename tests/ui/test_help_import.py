"""The help screen, the command palette and the import dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.binding import Binding
from textual.widgets import Input

from refterm.app import RefTermApp
from refterm.config import Settings
from refterm.core.contacts import list_all
from refterm.db.database import Database
from refterm.screens.contact_detail import ContactDetailScreen
from refterm.screens.help import HelpScreen, binding_sections
from refterm.screens.import_dialog import ImportDialog, PathSuggester
from tests.ui.helpers import SIZE, build_app, open_mode, screen_text, settle, widget_text

CONNECTIONS = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Ann,Example,https://www.linkedin.com/in/ann-example,,Acme,Engineer,15 Mar 2024\r\n"
    'Bruno,"Dupont, Jr",https://www.linkedin.com/in/bruno,,BuildCo,Manager,01 Jan 2023\r\n'
)


async def test_help_lists_every_binding(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = widget_text(app)
        for _title, bindings in binding_sections(RefTermApp):
            for binding in bindings:
                assert isinstance(binding, Binding)
                assert binding.description in text
        assert "Snooze" in text and "Archive" in text and "Command palette" in text
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_every_binding_has_a_tooltip_and_an_id() -> None:
    for _title, bindings in binding_sections(RefTermApp):
        for binding in bindings:
            if binding.action not in ("move", "command_palette"):
                assert binding.tooltip, binding
                assert binding.id, binding


async def test_palette_jumps_to_a_contact(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"yasmine")
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert "My manager at OCP from 2019 to 2022" in widget_text(app)


async def test_import_checks_then_imports(database: Database, today: date, tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_bytes(b"\xef\xbb\xbf" + CONNECTIONS.encode("utf-8"))
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        app.screen.query_one("#import-path", Input).value = str(source)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "LinkedIn connections" in text
        assert "Dry run, nothing written" in text
        assert list_all(database) == []
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ImportDialog)
        assert "Added 2 new contacts" in screen_text(app)
        assert "Dupont, Jr" in screen_text(app)
    assert len(list_all(database)) == 2


async def test_import_refuses_a_file_that_is_not_an_export(
    database: Database, today: date, tmp_path: Path
) -> None:
    source = tmp_path / "notes.csv"
    source.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#import-path", Input).value = str(tmp_path / "missing.csv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        assert app.screen.query_one("#error-path").display
        app.screen.query_one("#import-path", Input).value = str(source)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        assert app.screen.query_one("#error-path").display
        assert app.is_running
    assert list_all(database) == []


async def test_path_completion(tmp_path: Path) -> None:
    (tmp_path / "Connections.csv").write_text("x", encoding="utf-8")
    (tmp_path / "contacts").mkdir()
    (tmp_path / "Contrat.pdf").write_text("x", encoding="utf-8")
    suggester = PathSuggester()
    assert await suggester.get_suggestion(f"{tmp_path}/Conn") == f"{tmp_path}/Connections.csv"
    assert await suggester.get_suggestion(f"{tmp_path}/cont") == f"{tmp_path}/contacts/"
    assert await suggester.get_suggestion(f"{tmp_path}/zzz") is None


async def test_q_and_mode_keys_do_nothing_inside_a_form(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#relationship").focus()
        await pilot.press("q", "3")
        await settle(pilot)
        assert app.is_running
        assert app.screen is dialog
        assert app.current_mode == "contacts"


async def test_a_backup_merges_into_a_database_in_use_after_the_dry_run(
    demo_database: Database, today: date, tmp_path: Path
) -> None:
    from refterm.core.contacts import ContactForm, create_contact, validate
    from refterm.db.database import Database
    from refterm.io.json_backup import export_json

    other = Database.open(tmp_path / "other.db")
    create_contact(other, validate(ContactForm(full_name="Zoé Backup"), Settings()))
    backup = tmp_path / "backup.json"
    backup.write_text(export_json(other), encoding="utf-8")
    other.dispose()
    before = len(list_all(demo_database))
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#import-path", Input).value = str(backup)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Dry run, nothing written" in screen_text(app)
        assert len(list_all(demo_database)) == before
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ImportDialog)
    names = [contact.full_name for contact, _tags in list_all(demo_database)]
    assert len(names) == before + 1 and "Zoé Backup" in names


async def test_palette_finds_a_close_spelling_and_opens_it(database: Database, today: date) -> None:
    from refterm.core.contacts import ContactForm, create_contact, validate

    settings = Settings()
    for name, notes in (("Karim Benjelloun", "Met at Inwi"), ("Omar Bennani", "Neighbour")):
        create_contact(database, validate(ContactForm(full_name=name, notes=notes), settings))
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"benjeloun")
        await pilot.pause(0.5)
        await settle(pilot)
        text = screen_text(app)
        assert "Open Karim Benjelloun" in text and "close spelling" in text
        assert "Bennani" not in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert "Met at Inwi" in widget_text(app)
