"""`b` on Contacts: one action on every marked contact (or the highlighted one), one undo step."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Button, Select, Static

from refterm.core.bulk_actions import (
    ACTION_FIELDS,
    ACTION_NAMES,
    Belongings,
    BulkAction,
    check_value,
)
from refterm.model.i18n import N_, _
from refterm.model.plural import counted
from refterm.model.vocab import Language, Relationship
from refterm.screens.base import context_of
from refterm.screens.dialogs import ConfirmDialog, FormDialog, choice_list, picker, text_input
from refterm.screens.writing import Written


class BulkDialog(FormDialog[str]):
    """Pick an action and its value; delete asks first, saying what goes with them."""

    save_label = N_("Apply")
    loads = True

    def __init__(self, contact_ids: Sequence[int], name: str | None = None) -> None:
        super().__init__()
        self.contact_ids = list(contact_ids)
        # The one contact's name when there is only one (the highlighted row).
        self.one_name = name if len(self.contact_ids) == 1 else None
        self.people = self.one_name or counted(len(self.contact_ids), "contact", "contacts")
        self.heading = _("Change {people}").format(people=self.people)
        self.belongings = Belongings(0, 0, 0)
        self.confirmed = False

    def load(self) -> None:
        from refterm.core.bulk_actions import belongings

        self.belongings = belongings(context_of(self).database, self.contact_ids)

    def compose_intro(self) -> ComposeResult:
        if self.one_name:
            template, who = (
                _("One change to {who}, in one step that ctrl+z takes back."),
                self.one_name,
            )
        else:
            template = _("One change to the {who}, in one step that ctrl+z takes back.")
            who = counted(len(self.contact_ids), "marked contact", "marked contacts")
        before, _who, after = template.partition("{who}")
        yield Static(Content.assemble(before, (who, "bold"), after), classes="form-intro")

    def compose_fields(self) -> ComposeResult:
        actions = [(_(name), action.value) for action, name in ACTION_NAMES.items()]
        yield from self.field("action", _("Action"), picker(actions, BulkAction.TAG, blank=False))
        yield from self.field("tag", _("Tag"), text_input(placeholder=_("e.g. alumni")))
        yield from self.field(
            "cadence", _("Every"), text_input(placeholder=_("days, e.g. 90")),
            hint=_("empty: the relationship's default"),
        )  # fmt: skip
        relationships = picker(choice_list(Relationship), None)
        yield from self.field(
            "relationship", _("Relationship"), relationships, hint=_("— clears it")
        )
        languages = picker(choice_list(Language), None)
        yield from self.field("language", _("Language"), languages, hint=_("— clears it"))

    @property
    def action(self) -> BulkAction:
        return BulkAction(self.value("action") or BulkAction.TAG)

    def fields_shown(self) -> None:
        self._show_value_field()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "action":
            self._show_value_field()

    def _show_value_field(self) -> None:
        wanted = ACTION_FIELDS[self.action]
        for name in ("tag", "cadence", "relationship", "language"):
            self.query_one(f"#field-{name}").display = name == wanted
        self.query_one("#form-save", Button).label = _("{action}  ^s").format(
            action=_(ACTION_NAMES[self.action])
        )

    def action_save(self) -> None:
        if self.ready and self.action is BulkAction.DELETE and not self.confirmed:
            goes = self.belongings.text()
            before, _people, after = _("Delete {people}?").partition("{people}")
            question = Content.assemble(
                before, (self.people, "bold"), after, "\n\n",
                (_("With them goes {belongings}. ctrl+z brings it all back.").format(
                    belongings=goes), "dim"),
            )  # fmt: skip
            self.app.push_screen(ConfirmDialog(question, yes=_("Delete")), self._delete_confirmed)
            return
        super().action_save()

    def _delete_confirmed(self, confirmed: bool | None) -> None:
        if confirmed:
            self.confirmed = True
            self.action_save()

    def submit(self) -> Callable[[], Written[str]]:
        context, ids, name, action = context_of(self), self.contact_ids, self.one_name, self.action
        field = ACTION_FIELDS[action]
        value = check_value(action, self.value(field) if field else None)

        def save() -> Written[str]:
            from refterm.core.bulk_actions import apply

            done = apply(context.database, ids, action, value, name=name)
            return Written(action.value, done[:1].upper() + done[1:])

        return save
