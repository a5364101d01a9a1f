"""Contacts: the whole network in a table that stays fast at 100,000 rows."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, Input
from textual.worker import Worker, WorkerState

from refterm.core.contacts import ContactPage, ContactRow, contact_page
from refterm.model.i18n import N_, _, ngettext, number
from refterm.model.plural import counted
from refterm.model.vocab import ContactSort
from refterm.screens.base import RefTermScreen, tell
from refterm.screens.writing import Written, write
from refterm.widgets.contact_table import ContactTable
from refterm.widgets.filter_input import FilterInput
from refterm.widgets.key_footer import KeyFooter
from refterm.widgets.mode_bar import ModeBar

if TYPE_CHECKING:
    from refterm.db.database import Database

SORTS = (ContactSort.NAME, ContactSort.LAST_CONTACT, ContactSort.COMPANY)
ROW_ACTIONS = ("edit", "ask", "log", "script", "delete", "merge")
SORTED_BY = {
    ContactSort.NAME: N_("by name"),
    ContactSort.LAST_CONTACT: N_("by last contact"),
    ContactSort.COMPANY: N_("by company"),
}
SORT_NOTES = {
    ContactSort.NAME: N_("Sorted by name"),
    ContactSort.LAST_CONTACT: N_("Sorted by last contact"),
    ContactSort.COMPANY: N_("Sorted by company"),
}


def _fetch(database: Database, screen: ContactsScreen, search: str, sort: ContactSort,
           offset: int, limit: int, with_total: bool) -> ContactPage:  # fmt: skip
    """One window of rows, for the table's workers (paged and filtered in SQL)."""
    archived = screen.archived_view
    return contact_page(database, search, sort, offset, limit, with_total, archived=archived)


class ContactsScreen(RefTermScreen):
    """The table, its filter and the actions on the highlighted contact."""

    # The table has the keys from the first moment: `/mar` typed while the screen is put up
    # filters by "mar" (with the filter focused first, the `/` was typed into it).
    AUTO_FOCUS = "ContactTable"

    BINDINGS = [
        # Priority: handled as the app reads the key, so the keys after it (typed faster than
        # the app reads them) already go to the filter.
        Binding("slash", "filter", N_("Filter"), priority=True,
                tooltip=N_("Filter by name, company, title, tags, notes"), id="contacts.filter"),
        Binding("escape", "clear_filter", N_("Clear filter"), tooltip=N_("Show everyone again"),
                id="contacts.clear"),
        Binding("escape", "clear_marks", N_("Unmark"), tooltip=N_("Unmark every row"),
                id="contacts.unmark"),
        Binding("space", "toggle_mark", N_("Mark"), show=False,
                tooltip=N_("Mark or unmark this row for a bulk action"), id="contacts.mark"),
        Binding("asterisk", "mark_all", N_("Mark all"), show=False,
                tooltip=N_("Mark every contact the filter shows (not only those on screen)"),
                id="contacts.mark-all"),
        Binding("b", "bulk('marked')", N_("Bulk"),
                tooltip=N_("One change to every marked contact"), id="contacts.bulk"),
        Binding("b", "bulk('one')", N_("Bulk"), show=False,
                tooltip=N_("One change to the highlighted contact (none is marked)"),
                id="contacts.bulk-one"),
        Binding("s", "sort", N_("Sort"), tooltip=N_("Sort by name, last contact or company"),
                id="contacts.sort"),
        Binding("n", "new", N_("New"), tooltip=N_("Add a contact"), id="contacts.new"),
        Binding("e", "edit", N_("Edit"), tooltip=N_("Edit this contact"), id="contacts.edit"),
        Binding("a", "ask", N_("Ask"), tooltip=N_("Plan a reference or recommendation ask"),
                id="contacts.ask"),
        Binding("l", "log", N_("Log"), tooltip=N_("Log a call or message"), id="contacts.log"),
        Binding("c", "script", N_("Script"), tooltip=N_("A script to call or write to them"),
                id="contacts.script"),
        Binding("x", "archive", N_("Archive"), tooltip=N_("Hide from lists and the review"),
                id="contacts.archive"),
        Binding("x", "unarchive", N_("Unarchive"),
                tooltip=N_("Back into the lists and the review"), id="contacts.unarchive"),
        Binding("d", "delete", N_("Delete"),
                tooltip=N_("Delete this contact and their history (asks first)"),
                id="contacts.delete"),
        Binding("M", "merge", N_("Merge"), tooltip=N_("Merge another contact into this one"),
                id="contacts.merge"),
        Binding("A", "archived_view", N_("Archived"),
                tooltip=N_("Show the archived contacts, or the others again"),
                id="contacts.archived-view"),
        Binding("i", "import", N_("Import"), tooltip=N_("Import LinkedIn connections or vCards"),
                id="contacts.import"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.sort = ContactSort.NAME
        self._started = False
        # Read by the table's workers: the archived contacts only, or the others.
        self.archived_view = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield ModeBar("contacts")
        yield FilterInput(
            placeholder=_("/ to filter by name, company, title, tags or notes"),
            id="contact-filter",
            compact=True,
        )
        yield ContactTable(partial(_fetch, self.context.database, self), self.context.today)
        yield KeyFooter()

    def show_words(self) -> None:
        self.filter_input.placeholder = _("/ to filter by name, company, title, tags or notes")
        if self.archived_view:
            self.sub_title = _("Archived contacts")
        self.table.retranslate()

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

    def key_applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.focused is self.filter_input
        if action in ROW_ACTIONS:
            return not typing and self.current is not None
        if action in ("archive", "unarchive"):
            in_view = self.archived_view == (action == "unarchive")
            return in_view and not typing and self.current is not None
        if action == "archived_view":
            return not typing
        if action == "clear_filter":
            return typing or bool(self.filter_input.value)
        if action == "clear_marks":
            return bool(self.table.marked)
        if action in ("toggle_mark", "mark_all"):
            return not typing and self.table.row_count > 0
        if action == "bulk":
            marked = bool(self.table.marked)
            if parameters == ("marked",):
                return not typing and marked
            return not typing and not marked and self.current is not None
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
        tell(self, _(SORT_NOTES[self.sort]))

    @on(ContactTable.Counted)
    def _counted(self, message: ContactTable.Counted) -> None:
        self._show_detail(message.total)

    @on(ContactTable.MarksChanged)
    def _marks_changed(self) -> None:
        self._show_detail(self.table.total)
        self.update_keys()

    def _show_detail(self, total: int | None) -> None:
        bar = self.query_one(ModeBar)
        search = self.filter_input.value.strip()
        if search:
            self.table.empty_text = _(
                "No contact matches “{search}” — escape clears the filter"
            ).format(search=search)
        elif self.archived_view:
            self.table.empty_text = _("No archived contacts — A shows the others")
        else:
            self.table.empty_text = _(
                "No contacts yet — n adds one, i imports LinkedIn connections or vCards"
            )
        marks = len(self.table.marked)
        marked = " · " + counted(marks, "{count} marked", "{count} marked") if marks else ""
        by = _(SORTED_BY[self.sort])
        if total is None:
            bar.set_detail(f"{_('counting…')} · {by}{marked}")
            return
        if self.archived_view:
            people = counted(total, "archived contact", "archived contacts")
        else:
            people = counted(total, "contact", "contacts")
        if search:
            people = _("{people} matching “{search}”").format(people=people, search=search)
        bar.set_detail(f"{people} · {by}{marked}")

    @on(ContactTable.RowHighlighted)
    def _moved(self) -> None:
        self.update_keys()

    def on_descendant_focus(self) -> None:
        self.update_keys()

    @on(ContactTable.RowChosen)
    def _chosen(self, message: ContactTable.RowChosen) -> None:
        from refterm.screens.contact_detail import ContactDetailScreen

        self.app.push_screen(ContactDetailScreen(message.row.id))

    # -- marks and bulk actions ------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        self.table.toggle_mark()

    def action_clear_marks(self) -> None:
        self.table.clear_marks()

    def action_mark_all(self) -> None:
        search, database = self.filter_input.value, self.context.database

        def read() -> list[int]:
            from refterm.core.bulk_actions import matching_ids

            return matching_ids(database, search)

        self.run_worker(read, name="mark-all", group="mark-all", thread=True, exclusive=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.name == "mark-all" and worker.state is WorkerState.SUCCESS:
            found: list[int] = worker.result or []
            self.table.mark(found)
            search = self.filter_input.value.strip()
            if search:
                note = ngettext(
                    "Marked {count} contact matching “{search}” — b changes them all, "
                    "escape unmarks",
                    "Marked {count} contacts matching “{search}” — b changes them all, "
                    "escape unmarks",
                    len(found),
                )
            else:
                note = ngettext(
                    "Marked {count} contact — b changes them all, escape unmarks",
                    "Marked {count} contacts — b changes them all, escape unmarks",
                    len(found),
                )
            tell(self, note.format(count=number(len(found)), search=search))

    def action_bulk(self, which: str) -> None:
        from refterm.screens.bulk_dialog import BulkDialog

        if which == "marked" and self.table.marked:
            dialog = BulkDialog(sorted(self.table.marked))
        elif (row := self.current) is not None:
            dialog = BulkDialog([row.id], row.full_name)
        else:
            return
        self.app.push_screen(dialog, self._bulk_done)

    def _bulk_done(self, action: str | None) -> None:
        # Archived or deleted rows are gone from the list: their marks go with them.
        if action in ("archive", "delete"):
            self.table.clear_marks()

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

        before, _name, after = _("Archive {name}?").partition("{name}")
        question = Content.assemble(
            before, (row.full_name, "bold"), after, "\n\n",
            (_("They leave the lists and the review; nothing is deleted."), "dim"),
        )  # fmt: skip
        self.app.push_screen(ConfirmDialog(question, yes=_("Archive")),
                             partial(self._archive, row))  # fmt: skip

    def _archive(self, row: ContactRow, confirmed: bool | None) -> None:
        if not confirmed:
            return
        context, contact_id, name = self.context, row.id, row.full_name

        def save() -> Written[int]:
            from refterm.core.contacts import archive_contact

            archive_contact(context.database, contact_id)
            return Written(contact_id, _("Archived {name}").format(name=name))

        write(self, f"archive:{contact_id}", save, retry="x")

    def action_unarchive(self) -> None:
        row = self.current
        if row is None:
            return
        context, contact_id, name = self.context, row.id, row.full_name

        def save() -> Written[int]:
            from refterm.core.removal import set_archived

            set_archived(context.database, contact_id, False)
            return Written(
                contact_id, _("{name} is back in the lists and the review").format(name=name)
            )

        write(self, f"archive:{contact_id}", save, retry="x")

    def action_archived_view(self) -> None:
        """Show the archived contacts only (marked, `x` brings one back), or the others again."""
        self.archived_view = not self.archived_view
        self.sub_title = _("Archived contacts") if self.archived_view else None
        self.set_class(self.archived_view, "-archived-view")
        self.table.set_query(self.filter_input.value, self.sort)
        self.update_keys()
        self.set_focus(self.table)

    def action_delete(self) -> None:
        if (row := self.current) is None:
            return
        from refterm.core.removal import contact_removal, delete_contact
        from refterm.screens.removing import ask_then_delete

        database, contact_id = self.context.database, row.id
        ask_then_delete(self, f"delete-contact:{contact_id}",
                        partial(contact_removal, database, contact_id),
                        partial(delete_contact, database, contact_id))  # fmt: skip

    def action_merge(self) -> None:
        if (row := self.current) is None:
            return
        from refterm.screens.merging import start_merge

        start_merge(self, row.id, row.full_name)
