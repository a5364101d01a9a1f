"""User text is data: names holding markup show literally everywhere and never act."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from refterm.config import Settings
from refterm.core.asks import AskForm, create_ask
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.core.profile import ProfileForm, save_profile
from refterm.db.database import Database
from refterm.widgets.contact_table import ContactTable
from tests.ui.helpers import (
    SIZE,
    build_app,
    highlight_row,
    open_mode,
    screen_text,
    settle,
    widget_text,
)

TRICKY = ("[bold]Ann[/]", "[@click=app.quit]x[/]", "Bob [red]")


def add(database: Database, name: str, company: str | None = None) -> int:
    fields = validate(ContactForm(full_name=name, company=company), Settings())
    return create_contact(database, fields).id or 0


async def test_markup_in_names_is_shown_literally(database: Database, today: date) -> None:
    for name in TRICKY:
        add(database, name, company="Acme [/]")
    first = add(database, "Zoé [b]Z[/b]", company="Acme [/]")
    create_ask(database, first, AskForm(status="asked", purpose="[i]x[/i]"), today, Settings())
    save_profile(database, ProfileForm(name="[bold]Me[/bold]"), Settings())
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "refterm · [bold]Me[/bold]" in screen_text(app)
        await open_mode(pilot, "2")
        text = screen_text(app)
        for name in TRICKY:
            assert name in text
        assert "Acme [/]" in text
        for row in (1, 2, 3):  # clicks on the rows select them; none of them acts
            await pilot.click(ContactTable, offset=(4, row))
        assert app.is_running
        await highlight_row(pilot, "[@click=app.quit]x[/]")
        await pilot.press("enter")
        await settle(pilot)
        detail = widget_text(app)
        assert "[@click=app.quit]x[/]" in detail
        assert "[@click=app.quit]x[/]" in screen_text(app)  # the header's sub-title
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("end", *" [/]", "ctrl+s")
        await settle(pilot)
        assert "Saved [@click=app.quit]x[/] [/]" in screen_text(app)
        await pilot.press("escape")
        await open_mode(pilot, "3")
        assert "Zoé [b]Z[/b]" in screen_text(app)
        assert "[i]x[/i]" in screen_text(app)
        await open_mode(pilot, "1")
        assert app.is_running


async def test_ctrl_r_shows_a_row_written_by_another_process(
    database: Database, db_path: Path, today: date
) -> None:
    add(database, "Ann Example")
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        assert "Ann Example" in screen_text(app)
        other = Database.open(db_path)  # as the CLI would, with its own connections
        try:
            add(other, "Bruno Written Elsewhere")
        finally:
            other.dispose()
        assert "Bruno Written Elsewhere" not in screen_text(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "Bruno Written Elsewhere" in screen_text(app)
        # Today reads again when it is shown again.
        await open_mode(pilot, "1")
        assert app.screen.query_one("#welcome").display is False


async def test_hostile_text_in_the_palette_and_the_log_form(
    database: Database, today: date
) -> None:
    contact = add(database, "[link=https://x]y[/link]", company="[b]Bold")
    create_ask(database, contact, AskForm(status="asked", purpose="[link=https://x]p"), today,
               Settings())  # fmt: skip
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"[link")
        await settle(pilot)
        assert "[link=https://x]y[/link]" in screen_text(app)
        assert "[b]Bold" in screen_text(app)
        await pilot.press("escape")
        await open_mode(pilot, "2")
        await pilot.press("l")
        await settle(pilot)
        await pilot.click("#ask")
        await settle(pilot)
        assert app.is_running
        assert "[link=https://x]p" in screen_text(app)  # the ask picker shows the purpose
