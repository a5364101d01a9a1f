"""80x24 is first class: the footer keeps ? and q, columns fit their content, rows stay on one
line, the least useful column goes first."""

from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.widgets._footer import FooterKey

from refterm.db.database import Database
from refterm.widgets.contact_table import COLUMNS, ContactTable, fit_columns
from refterm.widgets.key_footer import FooterItem, keep_fitting
from refterm.widgets.section_list import Column, SectionList, render_row
from tests.ui.helpers import build_app, open_mode, settle

SMALL = (80, 24)


def footer_keys(app: object) -> list[str]:
    return [key.key for key in app.screen.query(FooterKey)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("mode", "wanted"), [
    ("1", {"c", "l"}), ("2", {"i", "n", "slash"}), ("3", set()), ("4", {"x"}),
])  # fmt: skip
async def test_the_footer_at_80_columns_keeps_help_and_quit(
    demo_database: Database, today: date, mode: str, wanted: set[str]
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SMALL) as pilot:
        await open_mode(pilot, mode)
        await settle(pilot)
        keys = footer_keys(app)
        assert {"question_mark", "q"} <= set(keys), keys
        assert wanted <= set(keys), keys
        shown = sum(key.region.width for key in app.screen.query(FooterKey))
        assert shown <= SMALL[0]


async def test_the_footer_keeps_every_key_when_there_is_room(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=(200, 36)) as pilot:
        await open_mode(pilot, "2")
        await settle(pilot)
        assert {"n", "e", "l", "c", "a", "x", "s", "i", "question_mark", "q"} <= set(
            footer_keys(app)
        )


@pytest.mark.parametrize(("size", "classes"), [
    ((80, 24), {"-narrow", "-short"}), ((120, 36), {"-wide", "-tall"}),
    ((100, 32), {"-wide", "-tall"}), ((99, 31), {"-narrow", "-short"}),
])  # fmt: skip
async def test_a_screen_has_its_size_classes_before_it_is_shown(
    demo_database: Database, today: date, size: tuple[int, int], classes: set[str]
) -> None:
    """As Textual gives them on a resize, but from the start: no second styling of the screen."""
    from textual.screen import Screen

    from refterm.screens.contacts import ContactsScreen
    from refterm.screens.dialogs import ConfirmDialog

    app = build_app(demo_database, today)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        names = {"-narrow", "-wide", "-short", "-tall"}
        for screen in (ConfirmDialog(Content("Sure?")), ContactsScreen()):
            app.push_screen(screen)
            assert screen.classes & names == classes  # before its first turn
            await settle(pilot)
            expected: set[str] = set()
            for points, dimension in ((app.HORIZONTAL_BREAKPOINTS, size[0]),
                                      (app.VERTICAL_BREAKPOINTS, size[1])):  # fmt: skip
                expected |= Screen._get_breakpoint_classes(screen, dimension, points or [])
            assert screen.classes & names == expected == classes  # as Textual would have it
            app.pop_screen()
            await settle(pilot)


@pytest.mark.parametrize("mode", ["1", "3"])
async def test_rows_stay_on_one_line_at_80_columns(
    demo_database: Database, today: date, mode: str
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SMALL) as pilot:
        await open_mode(pilot, mode)
        section_list = app.screen.query_one(SectionList)
        rows = [option for option in section_list.options if option.id]
        assert rows
        for option in rows:
            prompt = option.prompt
            assert isinstance(prompt, Content)
            assert "\n" not in prompt.plain
            assert cell_len(prompt.plain) <= section_list.content_region.width


async def test_contacts_at_80_columns_show_whole_names(
    demo_database: Database, today: date
) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SMALL) as pilot:
        await open_mode(pilot, "2")
        table = app.screen.query_one(ContactTable)
        widths = table.column_widths(table.scrollable_content_region.width)
        assert widths[0] >= len("Fatima Zahra Alaoui")  # the longest demo name, whole
        assert sum(width + 1 for width in widths if width) + 1 <= SMALL[0]


def test_empty_columns_take_no_room_and_names_are_not_cut() -> None:
    long_name = "Marie-Hélène de La Rochefoucauld"  # 32 cells
    longest = [len(long_name), 12, 0, 0, 5, 0]
    widths = fit_columns(COLUMNS, longest, 78)
    assert widths[0] == len(long_name)
    assert widths[2] == widths[3] == widths[5] == 0  # empty title, relationship, asks


def test_the_least_useful_column_goes_first() -> None:
    longest = [19, 21, 35, 14, 5, 1]
    assert all(fit_columns(COLUMNS, longest, 120))  # room for all
    narrow = fit_columns(COLUMNS, longest, 78)
    assert narrow[2] == 0 and all(narrow[at] for at in (0, 1, 3, 4, 5))  # the title went
    tiny = fit_columns(COLUMNS, longest, 40)
    assert tiny[0] == 19 and tiny[2] == tiny[3] == 0


@pytest.mark.parametrize("width", [20, 40, 60, 74, 80, 118])
def test_a_row_is_never_wider_than_its_line(width: int) -> None:
    columns = (
        Column("Mehdi El Amrani", 20, least=16),
        Column("Attijariwafa Bank", 15, least=10, drop=2),
        Column("recommendation", 14),
        Column("linkedin", 9, drop=3),
        Column("asked 12 d ago · follow-up 2 d late · Lead Engineer roles"),
    )
    row = render_row(columns, width, indent=2, wrap=False)
    assert "\n" not in row.plain and cell_len(row.plain) <= width


def test_help_and_quit_are_kept_however_narrow() -> None:
    def item(key: str, id: str, rank: int, width: int = 10) -> FooterItem:
        return FooterItem(Binding(key, key, key, id=id), True, "", width, rank)

    items = [item("n", "contacts.new", 20), item("question_mark", "help", 50),
             item("i", "contacts.import", 20), item("x", "contacts.archive", 40),
             item("q", "quit", 50)]  # fmt: skip
    assert [i.binding.key for i in keep_fitting(items, 20)] == ["question_mark", "q"]
    assert [i.binding.key for i in keep_fitting(items, 40)] == ["n", "question_mark", "i", "q"]
