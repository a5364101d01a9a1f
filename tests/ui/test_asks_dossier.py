"""Asks and the Dossier: moves gated by the state machine, received recommendations, profile."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Select

from refterm.core.asks import get_ask
from refterm.core.pipeline import build_pipeline
from refterm.core.profile import get_profile
from refterm.db.database import Database
from refterm.model.vocab import AskStatus
from refterm.screens.asks import AsksScreen
from refterm.screens.dialogs import ReceivedDialog
from tests.ui.helpers import (
    SIZE,
    build_app,
    highlight_row,
    open_mode,
    screen_text,
    send_at_once,
    settle,
    widget_text,
)


def ask_of(database: Database, name: str, status: str) -> int:
    rows = build_pipeline(database).group(AskStatus(status))
    return next(row.ask_id for row in rows if row.contact_name == name)


async def test_pipeline_groups_by_status_with_declined_folded(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        text = screen_text(app)
        headings = ("Planned  2", "Asked, waiting for an answer  3", "Agreed  5",
                    "Recommendations received  3", "▸ Declined  1", "▸ Withdrawn  1")  # fmt: skip
        for heading in headings:
            assert heading in text
        await highlight_row(pilot, "Declined")
        await pilot.press("enter")
        await settle(pilot)
        assert "▾ Declined  1" in screen_text(app)


async def test_only_allowed_moves_are_offered(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        screen = app.screen
        await highlight_row(pilot, "Karim Ouazzani")  # planned reference
        assert screen.check_action("move", ("asked",)) is True
        assert screen.check_action("received", ()) is False  # references are never "received"
        await highlight_row(pilot, "Priya Raman")  # received recommendation
        assert screen.check_action("move", ("asked",)) is False
        assert screen.check_action("move", ("agreed",)) is False
        assert screen.check_action("follow_up", ()) is False
        await highlight_row(pilot, "James O'Connor")  # agreed reference
        assert screen.check_action("use", ()) is True


async def test_mark_asked_sets_the_follow_up(demo_database: Database, today: date) -> None:
    ask_id = ask_of(demo_database, "Karim Ouazzani", "planned")
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        await highlight_row(pilot, "Karim Ouazzani")
        await pilot.press("m")
        await settle(pilot)
        assert "Karim Ouazzani: reference asked; follow up on 2026-12-03" in screen_text(app)
    ask = get_ask(demo_database, ask_id)
    assert ask.status == "asked" and ask.times_asked == 1


async def test_received_recommendation_shows_in_the_dossier(
    demo_database: Database, today: date
) -> None:
    ask_id = ask_of(demo_database, "Sarah Mitchell", "agreed")
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        await highlight_row(pilot, "Sarah Mitchell")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReceivedDialog)
        app.screen.query_one("#recommendation_text").insert("Amine is a rare engineer.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AsksScreen)
        assert "Recommendations received  4" in screen_text(app)
        await open_mode(pilot, "4")
        assert "4 recommendations" in screen_text(app)
        assert "Amine is a rare engineer." in widget_text(app)
    assert get_ask(demo_database, ask_id).status == "received"


async def test_kind_filter_and_text_filter(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        await pilot.press("t")
        await settle(pilot)
        text = screen_text(app)
        assert "references" in text and "Lucas Martin" not in text
        await pilot.press("t", "t", "slash", *"lucas")
        await settle(pilot)
        text = screen_text(app)
        assert "Lucas Martin" in text and "Karim Ouazzani" not in text


async def test_keys_typed_faster_than_the_app_reads_them_land_in_the_filter(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        send_at_once(app, "/lucas/")  # the first `/` moves to the filter, the second is text
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AsksScreen)
        assert screen.filter_input.value == "lucas/"


async def test_reference_use_then_brief(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        await highlight_row(pilot, "James O'Connor")
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "is required" in str(app.screen.query_one("#error-company").render())
        app.screen.query_one("#company", Input).value = "Intercom"
        app.screen.query_one("#role", Input).value = "Engineering Manager"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Noted: brief James O'Connor before Intercom calls" in screen_text(app)
        await open_mode(pilot, "1")
        assert "References to brief  3" in screen_text(app)


async def test_giving_a_reference_and_telling_them_is_contact(
    demo_database: Database, today: date
) -> None:
    from refterm.core.contacts import contact_detail

    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        await highlight_row(pilot, "James O'Connor")
        await pilot.press("u")
        await settle(pilot)
        app.screen.query_one("#company", Input).value = "Intercom"
        app.screen.query_one("#warned", Select).value = "yes"
        await pilot.press("ctrl+s")
        await settle(pilot)
        told = [note.message for note in app._notifications]
        assert (
            "Noted: James O'Connor knows; brief them before Intercom calls · ctrl+z to undo"
        ) in told
    james = ask_of(demo_database, "James O'Connor", "agreed")
    contact_id = get_ask(demo_database, james).contact_id
    detail = contact_detail(demo_database, contact_id)
    assert detail.contact.last_contacted_on == today
    assert detail.interactions[0].summary == (
        "Told them they were given as a reference to Intercom"
    )


async def test_edit_an_ask(demo_database: Database, today: date) -> None:
    ask_id = ask_of(demo_database, "Omar Tazi", "planned")
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        await highlight_row(pilot, "Omar Tazi")
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#platform", Select).value = "email"
        dialog.query_one("#purpose", Input).value = "CIO roles"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "CIO roles" in screen_text(app)
    ask = get_ask(demo_database, ask_id)
    assert ask.platform == "email" and ask.purpose == "CIO roles"


async def test_profile_edit_updates_the_header(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "4")
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#name", Input).value = "Amine K."
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "refterm · Amine K." in text
        assert "Profile saved" in text
    assert get_profile(demo_database).name == "Amine K."


async def test_export_writes_the_dossier(
    demo_database: Database, today: date, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "dossier.md"
    target.parent.mkdir()
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "4")
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Dossier written to" in screen_text(app)
    assert "Yasmine Benali" in target.read_text(encoding="utf-8")


async def test_copy_the_references_sheet(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "4")
        await pilot.press("c")
        await settle(pilot)
        assert "Hannah Schmidt" in app.clipboard
        assert "References sheet:" in screen_text(app)


async def test_an_unreachable_reference_is_flagged_on_screen_and_on_export(
    demo_database: Database, today: date, tmp_path: Path
) -> None:
    from refterm.config import Settings
    from refterm.core.asks import AskForm, create_ask
    from refterm.core.contacts import ContactForm, create_contact, validate

    person = create_contact(
        demo_database, validate(ContactForm(full_name="Nobody Known"), Settings())
    )
    create_ask(demo_database, person.id or 0, AskForm(kind="reference", status="agreed"), today,
               Settings())  # fmt: skip
    target = tmp_path / "dossier.md"
    app = build_app(demo_database, today)
    async with app.run_test(size=(120, 200), notifications=True) as pilot:
        await open_mode(pilot, "4")
        assert "no phone or e-mail: a recruiter cannot reach them" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Nobody Known has neither phone nor e-mail" in screen_text(app)
    assert "Nobody Known" in target.read_text(encoding="utf-8")
