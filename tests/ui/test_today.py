"""Today: the review, its keys, and the welcome state of a new database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from tests.ui.helpers import SIZE, build_app, screen_text, settle


async def test_today_shows_the_five_sections(demo_engine: Engine, today: date) -> None:
    app = build_app(demo_engine, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Follow up today  4" in text
        assert "Owes me a recommendation  2" in text
        assert "Lucas Martin" in text
        assert "refterm · Amine Kettani" in text
        assert "2026-11-26" in text


async def test_new_database_opens_on_welcome(engine: Engine, today: date) -> None:
    app = build_app(engine, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Welcome to refterm" in text
        assert "refterm demo" in text
        assert "import your LinkedIn connections" in text
