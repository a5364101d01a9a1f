"""Delete with confirmation, the archived view, twins and merges — through the keyboard."""

from __future__ import annotations

from datetime import date

from textual.widgets import OptionList, Select

from refterm.core.contacts import ContactForm, contact_detail, create_contact, list_all, validate
from refterm.core.removal import set_archived
from refterm.db.database import Database
from refterm.screens.contact_detail import ContactDetailScreen
from refterm.screens.contact_form import ContactDialog
from refterm.screens.contacts import ContactsScreen
from refterm.screens.dialogs import ConfirmDialog
from refterm.screens.merging import ContactPicker, MergeDialog, TwinDialog
from refterm.widgets.contact_table import ContactTable
from tests.ui.helpers import SIZE, build_app, highlight_row, open_mode, screen_text, settle

SARAH = 5  # the demo's Sarah Mitchell: ask 6, three interactions, tags mentor and remote


def names(database: Database) -> list[str]:
    return [contact.full_name for contact, _ in list_all(database)]


def table_names(app: object) -> list[str]:
    table = app.screen.query_one(ContactTable)  # type: ignore[attr-defined]
    return [table._rows[index].full_name for index in range(table.row_count)]


async def test_delete_a_contact_asks_what_goes_with_them(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Sarah Mitchell")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.question)
        assert question.startswith("Delete Sarah Mitchell, 1 ask and 3 interactions?")
        assert question.endswith("(ctrl+z undoes it).")
        await pilot.press("n")
        await settle(pilot)
        assert "Sarah Mitchell" in names(demo_database)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert "Sarah Mitchell" not in names(demo_database)
        assert "Sarah Mitchell" not in table_names(app)
        assert "Deleted Sarah Mitchell with 1 ask and 3 interactions" in screen_text(app)


async def test_delete_an_ask_on_asks(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "3")
        await highlight_row(pilot, "Sarah Mitchell")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.question)
        assert question.startswith("Delete the recommendation ask 6 to Sarah Mitchell (agreed)?")
        assert "The 2 interactions about it stay in Sarah Mitchell’s timeline." in question
        await pilot.press("y")
        await settle(pilot)
        detail = contact_detail(demo_database, SARAH)
        assert detail.asks == [] and len(detail.interactions) == 3
        assert "Sarah Mitchell" not in screen_text(app).split("Agreed")[1].split("\n")[1]


async def test_delete_an_interaction_from_the_detail(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(ContactDetailScreen(SARAH))
        await settle(pilot)
        # `d` waits for an entry: nothing happens while the page itself has the focus.
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        timeline = app.screen.query_one("#timeline", OptionList)
        timeline.focus()
        await pilot.press("down")  # the newest entry
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Delete the message of 2026-11-11 with Sarah Mitchell?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        detail = contact_detail(demo_database, SARAH)
        assert [entry.occurred_on.isoformat() for entry in detail.interactions] == [
            "2026-11-08", "2026-09-27",
        ]  # fmt: skip
        assert "Deleted the message of 2026-11-11 with Sarah Mitchell" in screen_text(app)
        assert len(app.screen.query_one("#timeline", OptionList).options) == 2


async def test_delete_a_reference_use_from_the_detail(demo_database: Database, today: date) -> None:
    yasmine = next(c.id for c, _ in list_all(demo_database) if c.full_name == "Yasmine Benali")
    before = len(contact_detail(demo_database, yasmine).uses)
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(ContactDetailScreen(yasmine))
        await settle(pilot)
        app.screen.query_one("#uses", OptionList).focus()
        await pilot.press("down", "d")
        await settle(pilot)
        assert "Delete the reference use" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert len(contact_detail(demo_database, yasmine).uses) == before - 1


async def test_archived_view_and_unarchive(demo_database: Database, today: date) -> None:
    set_archived(demo_database, SARAH, True)
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        assert "Sarah Mitchell" not in table_names(app)
        await pilot.press("A")
        await settle(pilot)
        assert table_names(app) == ["Sarah Mitchell"]
        text = screen_text(app)
        assert "Sarah Mitchell · archived" in text
        assert "1 archived contact" in text and "Archived contacts" in text
        assert "x Unarchive" in text and "x Archive" not in text
        await pilot.press("x")
        await settle(pilot)
        assert "Sarah Mitchell" in names(demo_database)
        assert table_names(app) == []
        assert "No archived contacts — A shows the others" in screen_text(app)
        await pilot.press("A")
        await settle(pilot)
        assert "Sarah Mitchell" in table_names(app)
        assert "x Archive" in screen_text(app)


async def test_a_twin_is_shown_before_saving_and_opened(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"sarah mitchel", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TwinDialog)
        text = screen_text(app)
        assert "sarah mitchel may already be here:" in text
        assert "contact 5 Sarah Mitchell (Datadog)" in text
        assert "a near-identical name" in text
        await pilot.press("escape")  # back to the form, nothing lost
        await settle(pilot)
        assert isinstance(app.screen, ContactDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == SARAH
        assert names(demo_database).count("Sarah Mitchell") == 1
        assert "sarah mitchel" not in names(demo_database)


async def test_add_anyway_saves_the_twin(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("n", *"Sarah Mitchell", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TwinDialog)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert names(demo_database).count("Sarah Mitchell") == 2
        assert "Added Sarah Mitchell" in screen_text(app)


async def test_no_twin_saves_at_once(database: Database, today: date) -> None:
    app = build_app(database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await pilot.press("n", *"Ann Example", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert names(database) == ["Ann Example"]


async def test_merge_moves_asks_history_uses_and_tags(
    demo_database: Database, today: date, settings: object
) -> None:
    from refterm.config import Settings

    twin = create_contact(
        demo_database,
        validate(ContactForm(full_name="S. Mitchell", title="Director", tags=["nyc"]), Settings()),
    ).id
    from refterm.core.asks import AskForm, add_reference_use, create_ask, move_ask
    from refterm.core.interactions import log_interaction
    from refterm.model.vocab import AskStatus, Channel

    reference = create_ask(demo_database, twin, AskForm(kind="reference"), today, Settings())
    move_ask(demo_database, reference.id, AskStatus.AGREED, today, Settings())
    add_reference_use(demo_database, reference.id, "Stripe", None, today)
    log_interaction(demo_database, twin, Channel.CALL, today, Settings())
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Sarah Mitchell")
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, ContactPicker)
        await pilot.press(*"mitchel")
        await settle(pilot)
        matches = app.screen.query_one("#picker-matches", OptionList)
        assert [str(option.id) for option in matches.options] == [str(twin)]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MergeDialog)
        text = screen_text(app)
        assert "B’s 1 ask, 2 interactions, 1 reference use move to A" in text
        assert "tags become mentor, nyc, remote" in text
        # The twin is newer: its title is the default; keep Sarah's own.
        title = app.screen.query_one("#title", Select)
        assert title.value == "b"
        title.value = "a"
        app.screen.query_one("#full_name", Select).value = "a"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        detail = contact_detail(demo_database, SARAH)
        assert (len(detail.asks), len(detail.interactions), len(detail.uses)) == (2, 5, 1)
        assert detail.tags == ["mentor", "nyc", "remote"]
        assert detail.contact.title == "Staff Engineer"
        assert "S. Mitchell" not in names(demo_database)
        notes = [note.message for note in app._notifications]
        assert (
            "Merged S. Mitchell into Sarah Mitchell: moved 1 ask, 2 interactions, 1 reference use"
            " · ctrl+z to undo"
        ) in notes
