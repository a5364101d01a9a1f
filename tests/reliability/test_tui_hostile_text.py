"""The hostile corpus through every screen, dialog and notification: shown literally, no crash."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Static

from refterm import paths
from refterm.app import RefTermApp
from refterm.config import Settings
from refterm.core.asks import AskForm, add_reference_use, create_ask
from refterm.core.contacts import ContactForm, contact_detail, create_contact, list_all, validate
from refterm.core.interactions import log_interaction
from refterm.core.profile import ProfileForm, save_profile
from refterm.core.scripts import render_script
from refterm.db.database import Database
from refterm.model.text import first_name
from refterm.model.vocab import Channel
from refterm.screens.contact_detail import ContactDetailScreen, detail_widgets
from tests.reliability.test_hostile_text import CORPUS, EMOJI, LONG_NOTE
from tests.support import TODAY
from tests.ui.helpers import SIZE, build_app, highlight_row, screen_text, settle, widget_text

STORED = [stored for _raw, stored in CORPUS]
# Plain enough to be found verbatim in a rendered row (one cell per character, short).
VERBATIM = [text for text in STORED if text.isascii() and len(text) <= 20]


def errors_shown(app: RefTermApp) -> list[str]:
    return [str(note.message) for note in app._notifications if note.severity == "error"]


def everything_shown(app: RefTermApp) -> str:
    return screen_text(app) + "\n" + widget_text(app)


@pytest.fixture(scope="module")
def hostile_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus entry as a contact with an ask, a call and (some) a reference use."""
    path = tmp_path_factory.mktemp("hostile-tui") / "refterm.db"
    database = Database.open(path)
    fill(database, TODAY)
    database.dispose()
    return path


@pytest.fixture
def hostile_database(hostile_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "refterm.db"
    shutil.copy(hostile_template, path)
    database = Database.open(path)
    yield database
    database.dispose()


def fill(database: Database, today: date) -> None:
    settings = Settings()
    for number, (raw, _stored) in enumerate(CORPUS):
        form = ContactForm(
            full_name=raw, company=raw, title=raw, how_we_met=raw,
            notes=f"{raw}\n{LONG_NOTE if number == 0 else raw}",
            tags=[raw],
        )  # fmt: skip
        contact_id = create_contact(database, validate(form, settings)).id or 0
        kind = "reference" if number % 2 else "recommendation"
        status = ("asked", "agreed", "received", "planned")[number % 4]
        if kind == "reference" and status == "received":
            status = "agreed"
        ask = create_ask(
            database,
            contact_id,
            AskForm(
                kind=kind,
                platform="linkedin",
                purpose=raw,
                talking_points=f"{raw}\n{raw}",
                status=status,
                asked_on=today - timedelta(days=10),
                follow_up_on=today - timedelta(days=1),
                recommendation_text=raw,
                notes=raw,
            ),  # fmt: skip
            today,
            settings,
        )
        log_interaction(
            database, contact_id, Channel.CALL, today - timedelta(days=2), settings, summary=raw
        )
        if kind == "reference" and status == "agreed":
            add_reference_use(database, ask.id or 0, raw, raw, today - timedelta(days=1))
    save_profile(database, ProfileForm(name="[b]Me[/b] \x1b[31m", headline=CORPUS[3][0]), settings)


async def test_every_screen_shows_hostile_text_literally(
    hostile_database: Database, today: date
) -> None:
    app = build_app(hostile_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "refterm · [b]Me[/b]" in screen_text(app)
        for key in ("1", "2", "3", "4"):
            await pilot.press(key)
            await settle(pilot)
            shown = everything_shown(app)
            assert app.is_running, key
            assert errors_shown(app) == [], key
            assert any(text in shown for text in VERBATIM), key
        await pilot.press("2")
        await settle(pilot)
        table_text = screen_text(app)
        for text in VERBATIM:
            assert text in table_text
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running


def static_text(widgets: Iterable[Widget]) -> str:
    """The text of every Static among widgets built but not mounted (children included)."""
    texts = []
    for widget in widgets:
        if isinstance(widget, Static):
            texts.append(str(widget.render()))
        texts.append(static_text(widget._pending_children))
    return "\n".join(texts)


# The entries the real screens show in the Pilot pass: markup, a click action, template syntax,
# a bidi override, joined emoji (and, on the first, the 10,000-character note).
ON_SCREEN = [STORED[number] for number in (0, 3, 4, 5, 17, 19)]


async def test_contact_detail_and_script_show_it_literally(
    hostile_database: Database, today: date
) -> None:
    ids = {contact.full_name: contact.id or 0 for contact, _tags in list_all(hostile_database)}
    # Every entry through what the screens show: the detail's widgets as the screen mounts them,
    # the script the `c` key renders (the preview shows it as plain text in a TextArea), which
    # greets the contact by first name.
    for stored in STORED:
        widgets = list(detail_widgets(contact_detail(hostile_database, ids[stored]), today))
        assert stored in static_text(widgets), stored
        # The title is the name exactly as stored: no markup read, no character lost.
        assert stored in [str(widget.render()) for widget in widgets if isinstance(widget, Static)]
        script = render_script(
            hostile_database, Settings(), today, ids[stored], user_dir=paths.user_templates_dir()
        )
        assert first_name(stored) in script.text, stored
    # Then the real screens, through Pilot, for the entries that stress them most.
    app = build_app(hostile_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        for stored in ON_SCREEN:
            app.open_contact(ids[stored])  # as the palette and every list's enter do
            await settle(pilot)
            assert isinstance(app.screen, ContactDetailScreen)
            assert stored in widget_text(app)
            assert errors_shown(app) == [], stored
            await pilot.press("c")  # the script for this situation: user text in a template
            await settle(pilot)
            assert app.is_running
            assert errors_shown(app) == [], stored
            assert stored in everything_shown(app)
            await pilot.press("escape")
            await settle(pilot)
        assert app.is_running


async def test_notifications_name_hostile_contacts_literally(
    hostile_database: Database, today: date
) -> None:
    app = build_app(hostile_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        for stored in [*VERBATIM[:4], "محمد العلوي", EMOJI]:
            await highlight_row(pilot, stored)
            await pilot.press("x", "y")  # archive: the notification names the contact
            await settle(pilot)
            shown = [str(note.message) for note in app._notifications]
            assert f"Archived {stored} · ctrl+z to undo" in shown
            assert stored in screen_text(app)  # the toast on screen
        assert app.is_running
        assert errors_shown(app) == []


async def test_filter_takes_hostile_text(hostile_database: Database, today: date) -> None:
    app = build_app(hostile_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        for typed in ("[/", "[@click=app.quit]", "%_\\", "'; DROP TABLE contact; --"):
            await pilot.press("slash", *typed)
            await settle(pilot)
            assert app.is_running
            await pilot.press("escape", "escape")
            await settle(pilot)
        await pilot.press("slash", *"[link")
        await settle(pilot)
        assert "[link=https://x]y[/link]" in screen_text(app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert app.is_running
        assert errors_shown(app) == []


async def test_palette_takes_hostile_text(hostile_database: Database, today: date) -> None:
    app = build_app(hostile_database, today)
    shown = []
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        for typed in ("[link", "[b]Bold", "Acme [/", "[@click"):
            await pilot.press("ctrl+p", *typed)
            await settle(pilot)
            assert app.is_running, typed
            shown.append(screen_text(app))
            await pilot.press("escape")
            await settle(pilot)
    assert "[link=https://x]y[/link]" in shown[0]
    assert "[b]Bold[/b] Name" in shown[1]
