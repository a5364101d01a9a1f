"""The import dialog takes LinkedIn's whole archive: a dry-run report per file, then the import."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from textual.widgets import Input

from refterm.core.contacts import list_all
from refterm.db.database import Database
from refterm.screens.import_dialog import ImportDialog
from tests.linkedin_archive import build_zip
from tests.ui.helpers import SIZE, build_app, open_mode, screen_text, settle


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
