"""The ask form: a new ask for a contact (`a`), or editing one (`enter` on Asks)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from refterm.core.asks import AskForm, allowed_statuses
from refterm.model.i18n import N_, _
from refterm.model.records import copy_as
from refterm.model.vocab import AskKind, AskStatus, Platform, label
from refterm.screens.base import context_of
from refterm.screens.dialogs import (
    FormDialog,
    choice_list,
    date_hint,
    day_text,
    picker,
    text_box,
    text_input,
)
from refterm.screens.writing import Written

NEW_STATUSES = ("planned", "asked", "agreed", "received")


def status_label(status: str) -> str:
    """An ask's status in the interface's words ('demandée')."""
    return label(AskStatus, status)


def saved_note(kind: str, name: str, status: str, status_before: str) -> str:
    """'Saved the reference ask for Omar Tazi — now agreed': whole sentences per kind."""
    reference = kind == AskKind.REFERENCE
    if status == status_before:
        note = (_("Saved the reference ask for {name}") if reference
                else _("Saved the recommendation ask for {name}"))  # fmt: skip
    else:
        note = (_("Saved the reference ask for {name} — now {status}") if reference
                else _("Saved the recommendation ask for {name} — now {status}"))  # fmt: skip
    return note.format(name=name, status=status_label(status))


class AskDialog(FormDialog[int]):
    """Create an ask for `contact_id`, or edit ask `ask_id`; returns the ask's id.

    The edit form's status offers only the moves the ask allows; a move made here does what the
    keys on Asks (m, g, r, x) do: the same dates, the same history entry.
    """

    def __init__(
        self, contact_id: int | None = None, ask_id: int | None = None, contact_name: str = ""
    ) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.ask_id = ask_id
        self.contact_name = contact_name
        self.heading = N_("New ask") if ask_id is None else N_("Edit ask")
        self.form = AskForm()

    @property
    def loads(self) -> bool:  # type: ignore[override]
        return self.ask_id is not None

    def load(self) -> None:
        from refterm.core.asks import get_ask
        from refterm.core.contacts import get_contact

        assert self.ask_id is not None
        database = context_of(self).database
        ask = get_ask(database, self.ask_id)
        self.contact_id = ask.contact_id
        self.contact_name = get_contact(database, ask.contact_id).full_name
        self.form = copy_as(AskForm, ask)

    def compose_intro(self) -> ComposeResult:
        if self.ask_id is None:
            sentence = _("Ask {name}")
            status = ""
        else:
            sentence = _("Ask #{number} to {name}").replace("{number}", str(self.ask_id))
            status = f"  ({status_label(self.form.status)})"
        before, _name, after = sentence.partition("{name}")
        yield Static(
            Content.assemble(before, (self.contact_name, "bold"), after, (status, "dim")),
            classes="form-intro",
        )

    def compose_fields(self) -> ComposeResult:
        form = self.form
        yield from self.field("kind", _("Kind"), picker(choice_list(AskKind), form.kind,
                                                     blank=False))  # fmt: skip
        yield from self.field(
            "platform", _("Platform"), picker(choice_list(Platform), form.platform)
        )
        if self.ask_id is None:
            yield from self.field(
                "status", _("Status"),
                picker(choice_list(AskStatus, NEW_STATUSES), "planned", blank=False),
                hint=_("already under way? pick where it stands; dates are filled in"),
            )  # fmt: skip
        else:
            statuses = allowed_statuses(form.kind, form.status)
            now = _("{status} (now)").format(status=status_label(form.status))
            shown = [(now, form.status), *choice_list(AskStatus, statuses[1:])]
            hint = (_("a move is dated today (or by its date below) and noted in their history")
                    if statuses[1:] else _("final: it can no longer move"))  # fmt: skip
            yield from self.field("status", _("Status"), picker(shown, form.status, blank=False),
                                  hint=hint)  # fmt: skip
        yield from self.field(
            "purpose", _("Purpose"), text_input(form.purpose, _("e.g. Head of Data roles"))
        )
        yield from self.field("talking_points", _("Talking points"), text_box(form.talking_points))
        yield from self.field(
            "asked_on", _("Asked on"), text_input(day_text(form.asked_on), date_hint())
        )
        yield from self.field(
            "follow_up_on",
            _("Follow up on"),
            text_input(day_text(form.follow_up_on), date_hint()),
        )
        if self.ask_id is not None:
            yield from self.field(
                "agreed_on", _("Agreed on"), text_input(day_text(form.agreed_on), date_hint())
            )
            if form.kind == AskKind.RECOMMENDATION:
                yield from self.field(
                    "received_on",
                    _("Received on"),
                    text_input(day_text(form.received_on), date_hint()),
                )
                yield from self.field(
                    "recommendation_text", _("Text received"), text_box(form.recommendation_text)
                )
        yield from self.field("notes", _("Notes"), text_box(form.notes))

    def _present(self, name: str) -> bool:
        return bool(self.query(f"#{name}"))

    def submit(self) -> Callable[[], Written[int]]:
        context = context_of(self)
        names = [n for n in ("asked_on", "follow_up_on", "agreed_on", "received_on")
                 if self._present(n)]  # fmt: skip
        dates = self.dates(*names)
        form = AskForm(
            kind=self.value("kind"),
            platform=self.optional("platform"),
            purpose=self.optional("purpose"),
            talking_points=self.optional("talking_points"),
            status=self.value("status") or self.form.status,
            asked_on=dates.get("asked_on"),
            follow_up_on=dates.get("follow_up_on"),
            agreed_on=dates.get("agreed_on", self.form.agreed_on),
            received_on=dates.get("received_on", self.form.received_on),
            recommendation_text=(
                self.optional("recommendation_text")
                if self._present("recommendation_text")
                else self.form.recommendation_text
            ),
            notes=self.optional("notes"),
            version=self.form.version,  # as loaded: a save over someone else's is refused
        )
        contact_id, ask_id, name = self.contact_id, self.ask_id, self.contact_name
        status_before = self.form.status

        def save() -> Written[int]:
            from refterm.core.asks import create_ask, update_ask

            if ask_id is None:
                assert contact_id is not None
                ask = create_ask(
                    context.database, contact_id, form, context.today, context.settings
                )
                note = (
                    _("New reference ask for {name} ({status})")
                    if ask.kind == AskKind.REFERENCE
                    else _("New recommendation ask for {name} ({status})")
                )
                return Written(ask.id or 0, note.format(name=name, status=status_label(ask.status)))
            ask = update_ask(context.database, ask_id, form, today=context.today,
                             settings=context.settings)  # fmt: skip
            return Written(ask.id or 0, saved_note(ask.kind, name, ask.status, status_before))

        return save
