"""The palette switches the interface language live and remembers it in config.toml."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from refterm.config import Settings, load_settings
from refterm.db.database import Database
from refterm.model import i18n
from tests.ui.helpers import SIZE, build_app, open_mode, screen_text, settle
from tests.ui.writes import until

CONFIG = """\
# my refterm settings
language = "fr"   # scripts in French

[cadence]
manager = 60
"""


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


async def run_command(pilot: Pilot[None], words: str) -> None:
    """Open the palette, type `words`, wait until the top hit names them and choose it.

    The providers answer one after the other: the first hit to arrive may be another one.
    """
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await pilot.press(*words)

    def top_hit() -> str:
        lists = pilot.app.screen.query(CommandList)
        if not lists or not lists.first().option_count:
            return ""
        command_list = lists.first()
        option = command_list.get_option_at_index(command_list.highlighted or 0)
        return str(option.prompt)

    await until(pilot, lambda: words in top_hit(), f"the palette's top hit to name {words!r}")
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.usefixtures("english_after")
async def test_the_palette_switches_to_french_and_back(
    demo_database: Database, today: date, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    app = build_app(demo_database, today, Settings(language="fr", source=config))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_mode(pilot, "3")  # Asks: the mode must be kept across the switch
        assert "Asked, waiting for an answer" in screen_text(app)

        await run_command(pilot, "français")
        text = screen_text(app)
        assert i18n.language() == "fr"
        assert app.current_mode == "asks"
        assert "Demandées, en attente de réponse" in text
        assert "1 Aujourd’hui" in text and "Filtrer" in text
        assert "Asked, waiting for an answer" not in text
        saved = config.read_text(encoding="utf-8")
        # One line added before the first table; every other line, comments included, kept.
        assert saved == CONFIG.replace("\n\n[cadence]", '\nui_language = "fr"\n\n[cadence]')
        assert load_settings(config).ui_language == "fr"
        told = [note.message for note in app._notifications]
        assert any("L’interface est maintenant en français" in note for note in told)

        # A mode shown after the switch speaks French too.
        await open_mode(pilot, "2")
        assert "Entreprise" in screen_text(app)

        await run_command(pilot, "English")
        text = screen_text(app)
        assert i18n.language() == "en"
        assert app.current_mode == "contacts"
        assert "Company" in text and "1 Today" in text
        assert "Entreprise" not in text
        await open_mode(pilot, "3")
        assert "Asked, waiting for an answer" in screen_text(app)
        assert load_settings(config).ui_language == "en"
        assert config.read_text(encoding="utf-8").count("ui_language") == 1


@pytest.mark.usefixtures("english_after")
async def test_a_config_that_cannot_be_written_still_switches(
    demo_database: Database, today: date, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    config = blocked / "config.toml"  # its folder is a file: it cannot be written
    app = build_app(demo_database, today, Settings(source=config))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_command(pilot, "français")
        assert i18n.language() == "fr"
        assert "Aujourd’hui" in screen_text(app)
        told = [note.message for note in app._notifications]
        assert len(told) == 1
        assert "enregistrer la langue" in told[0] and "\n" not in told[0]


@pytest.mark.parametrize(("language", "yes", "other"), [("fr", "o", "y"), ("en", "y", "o")])
async def test_the_question_takes_the_yes_key_of_the_interface_language(
    demo_database: Database, today: date, english_after: None, language: str, yes: str, other: str
) -> None:
    """« Archiver  o » in French: o (oui) says yes and the footer shows it; y does nothing."""
    from textual.binding import Binding
    from textual.widgets._footer import FooterKey

    from refterm.screens.dialogs import ConfirmDialog
    from tests.support import query

    i18n.set_language(language)
    archived = "SELECT count(*) FROM contact WHERE archived_at IS NOT NULL"
    before = query(demo_database, archived)[0][0]
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        keys = {key.key: key.key_display for key in app.screen.query(FooterKey)}
        assert yes in keys and other not in keys
        escape = app.get_key_display(Binding("escape", "close"))
        assert escape == ("Échap" if language == "fr" else "esc")
        assert f"  {yes}" in screen_text(app)
        await pilot.press(other)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # not this language's yes
        await pilot.press(yes)
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)
        assert query(demo_database, archived)[0][0] == before + 1
