"""Contacts: the whole network in a table that stays fast at 100,000 rows."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, Input

from refterm.core.contacts import ContactPage, ContactRow, contact_page
from refterm.model.plural import counted
from refterm.model.vocab import ContactSort
from refterm.screens.base import RefTermScreen, tell
from refterm.screens.writing import Written, write
from refterm.widgets.contact_table import ContactTable
from refterm.widgets.key_footer import KeyFooter
from refterm.widgets.mode_bar import ModeBar

if TYPE_CHECKING:
    from refterm.db.database import Database

SORTS = (ContactSort.NAME, ContactSort.LAST_CONTACT, ContactSort.COMPANY)
ROW_ACTIONS = ("edit", "ask", "log", "script", "archive")


def _fetch(database: Database, search: str, sort: ContactSort, offset: int, limit: int,
           with_total: bool) -> ContactPage:  # fmt: skip
    """One window of rows, for the table's workers (paged and filtered in SQL)."""
    return contact_page(database, search, sort, offset, limit, with_total)


class ContactsScreen(RefTermScreen):
    """The table, its filter and the actions on the highlighted contact."""

    BINDINGS = [
        Binding("slash", "filter", "Filter", tooltip="Filter by name, company, title, tags, notes",
                id="contacts.filter"),
        Binding("escape", "clear_filter", "Clear filter", tooltip="Show everyone again",
                id="contacts.clear"),
        Binding("s", "sort", "Sort", tooltip="Sort by name, last contact or company",
                id="contacts.sort"),
        Binding("n", "new", "New", tooltip="Add a contact", id="contacts.new"),
        Binding("e", "edit", "Edit", tooltip="Edit this contact", id="contacts.edit"),
        Binding("a", "ask", "Ask", tooltip="Plan a reference or recommendation ask",
                id="contacts.ask"),
        Binding("l", "log", "Log", tooltip="Log a call or message", id="contacts.log"),
        Binding("c", "script", "Script", tooltip="A script to call or write to them",
                id="contacts.script"),
        Binding("x", "archive", "Archive", tooltip="Hide from lists and the review",
                id="contacts.archive"),
        Binding("i", "import", "Import", tooltip="Import LinkedIn connections or vCards",
                id="contacts.import"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.sort = ContactSort.NAME
        self._started = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield ModeBar("contacts")
        yield Input(
            placeholder="/ to filter by name, company, title, tags or notes",
            id="contact-filter",
            compact=True,
        )
        yield ContactTable(partial(_fetch, self.context.database), self.context.today)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ContactTable).focus()

    @property
    def table(self) -> ContactTable:
        return self.query_one(ContactTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#contact-filter", Input)

    @property
    def current(self) -> ContactRow | None:
        return self.table.highlighted

    def reload(self) -> None:
        if not self._started:
            self._started = True
            self.table.set_query(self.filter_input.value, self.sort)
        else:
            self.table.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.focused is self.filter_input
        if action in ROW_ACTIONS:
            return not typing and self.current is not None
        if action == "clear_filter":
            return typing or bool(self.filter_input.value)
        if action in ("filter", "sort", "new", "import"):
            return not typing
        return True

    # -- filter and sort -------------------------------------------------------------------

    def action_filter(self) -> None:
        self.set_focus(self.filter_input)  # now, so the next keys land in it

    def action_clear_filter(self) -> None:
        if self.filter_input.value:
            self.filter_input.value = ""
        self.set_focus(self.table)

    @on(Input.Changed, "#contact-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.table.set_query(event.value, self.sort)

    @on(Input.Submitted, "#contact-filter")
    def _filter_done(self) -> None:
        self.table.cursor = 0
        self.set_focus(self.table)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.table.set_query(self.filter_input.value, self.sort)
        tell(self, f"Sorted by {self.sort.value}")

    @on(ContactTable.Counted)
    def _counted(self, message: ContactTable.Counted) -> None:
        bar = self.query_one(ModeBar)
        search = self.filter_input.value.strip()
        self.table.empty_text = (
            f"No contact matches “{search}” — escape clears the filter"
            if search
            else "No contacts yet — n adds one, i imports LinkedIn connections or vCards"
        )
        if message.total is None:
            bar.set_detail(f"counting… · by {self.sort.value}")
            return
        matching = f" matching “{search}”" if search else ""
        people = counted(message.total, "contact", "contacts")
        bar.set_detail(f"{people}{matching} · by {self.sort.value}")

    @on(ContactTable.RowHighlighted)
    def _moved(self) -> None:
        self.update_keys()

    def on_descendant_focus(self) -> None:
        self.update_keys()

    @on(ContactTable.RowChosen)
    def _chosen(self, message: ContactTable.RowChosen) -> None:
        from refterm.screens.contact_detail import ContactDetailScreen

        self.app.push_screen(ContactDetailScreen(message.row.id))

    # -- actions on the highlighted contact ------------------------------------------------

    def action_new(self) -> None:
        from refterm.screens.contact_form import ContactDialog

        self.app.push_screen(ContactDialog(), self._added)

    def _added(self, contact_id: int | None) -> None:
        if contact_id:
            self.table.select_contact(contact_id)

    def action_edit(self) -> None:
        if (row := self.current) is not None:
            from refterm.screens.contact_form import ContactDialog

            self.app.push_screen(ContactDialog(row.id))

    def action_ask(self) -> None:
        if (row := self.current) is not None:
            from refterm.screens.ask_form import AskDialog

            self.app.push_screen(AskDialog(contact_id=row.id, contact_name=row.full_name))

    def action_log(self) -> None:
        if (row := self.current) is not None:
            from refterm.screens.log_form import LogDialog

            self.app.push_screen(LogDialog(row.id))

    def action_script(self) -> None:
        if (row := self.current) is not None:
            from refterm.screens.script_preview import open_script

            open_script(self, row.id)

    def action_import(self) -> None:
        from refterm.screens.import_dialog import ImportDialog

        self.app.push_screen(ImportDialog())

    def action_archive(self) -> None:
        row = self.current
        if row is None:
            return
        from refterm.screens.dialogs import ConfirmDialog

        question = Content.assemble(
            "Archive ", (row.full_name, "bold"), "?\n\n",
            ("They leave the lists and the review; nothing is deleted.", "dim"),
        )  # fmt: skip
        self.app.push_screen(ConfirmDialog(question, yes="Archive"), partial(self._archive, row))

    def _archive(self, row: ContactRow, confirmed: bool | None) -> None:
        if not confirmed:
            return
        context, contact_id, name = self.context, row.id, row.full_name

        def save() -> Written[int]:
            from refterm.core.contacts import archive_contact

            archive_contact(context.database, contact_id)
            return Written(contact_id, f"Archived {name}")

        write(self, f"archive:{contact_id}", save, retry="x")
