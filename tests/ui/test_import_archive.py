"""The import dialog takes LinkedIn's whole archive: a dry-run report per file, then the import."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from textual.widgets import Input, Select

from refterm.config import Settings
from refterm.core.contacts import list_all
from refterm.db.database import Database
from refterm.screens.import_dialog import ImportDialog
from tests.linkedin_archive import build_zip
from tests.ui.helpers import SIZE, build_app, open_mode, screen_text, settle, widget_text


def _asks(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return int(connection.execute("SELECT count(*) FROM ask").fetchone()[0])
    finally:
        connection.close()


async def test_import_of_a_zip_reports_each_file_then_imports(
    database: Database, db_path: Path, today: date, tmp_path: Path
) -> None:
    source = build_zip(tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip")
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
        assert "LinkedIn data export" in text
        assert "Dry run, nothing written" in text
        assert "Recommendations_Received.csv: would add 3 recommendations" in text
        assert "messages.csv: would add 4 conversation days" in text
        assert list_all(database) == [] and _asks(db_path) == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ImportDialog)
        assert "Added 4 new contacts" in screen_text(app)
    assert len(list_all(database)) == 4
    assert _asks(db_path) == 3


async def test_export_dialog_includes_hidden_recommendations_only_when_chosen(
    database: Database, today: date, tmp_path: Path, settings: Settings
) -> None:
    from refterm.core.profile import ProfileForm, save_profile
    from refterm.io.importer import import_contacts, read_import
    from refterm.screens.export_dialog import ExportDialog

    import_contacts(database, read_import(build_zip(tmp_path / "a.zip"), settings), settings)
    save_profile(database, ProfileForm(name="Alex Moreau"), settings, only_given=True)
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for choice, name in (("leave", "without.md"), ("include", "with.md")):
            await open_mode(pilot, "4")
            await pilot.press("x")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            dialog.query_one("#hidden", Select).value = choice
            dialog.query_one("#path", Input).value = str(tmp_path / name)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, ExportDialog)
    without = (tmp_path / "without.md").read_text(encoding="utf-8")
    included = (tmp_path / "with.md").read_text(encoding="utf-8")
    assert "dependable" in without and "A private word" not in without
    assert "A private word, hidden on LinkedIn." in included


async def test_contact_detail_shows_the_recommendation_given(
    database: Database, today: date, tmp_path: Path, settings: Settings
) -> None:
    from refterm.io.importer import import_contacts, read_import
    from refterm.screens.contact_detail import ContactDetailScreen

    import_contacts(database, read_import(build_zip(tmp_path / "a.zip"), settings), settings)
    karim = next(c for c in list_all(database) if c[0].full_name == "Karim Ouazzani")[0]
    app = build_app(database, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(ContactDetailScreen(karim.id))
        await settle(pilot)
        text = widget_text(app)
        assert "You recommended them" in text
        assert "2023-05-10" in text and "Karim writes the tests first." in text
