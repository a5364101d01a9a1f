"""Logging what happened (`l`): channel, date, outcome and the ask it concerns."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Select, Static

from refterm.errors import InvalidFields
from refterm.model.i18n import N_, _, pgettext
from refterm.model.vocab import (
    AskKind,
    AskStatus,
    Channel,
    Outcome,
    Platform,
    label,
    logged_outcomes,
)
from refterm.screens.base import context_of
from refterm.screens.dialogs import (
    FormDialog,
    choice_list,
    date_hint,
    picker,
    sentence,
    text_box,
    text_input,
)
from refterm.screens.writing import Written

if TYPE_CHECKING:
    from refterm.model.records import AskRecord

OUTCOME_EFFECTS = {
    "agreed": N_("the ask becomes agreed"),
    "declined": N_("the ask becomes declined"),
    "no_answer": N_("the follow-up moves to the retry date"),
    "voicemail": N_("the follow-up moves to the retry date"),
    "call_back": N_("the follow-up moves to the call-back date"),
}
# "Logged a call with Omar Tazi": a whole sentence per channel (the noun's gender differs).
LOGGED = {
    "call": (N_("Logged a call with {name}"), N_("Logged a call with {name}; {effect}")),
    "email": (N_("Logged an email with {name}"), N_("Logged an email with {name}; {effect}")),
    "message": (
        N_("Logged a message with {name}"), N_("Logged a message with {name}; {effect}")
    ),
    "meeting": (
        N_("Logged a meeting with {name}"), N_("Logged a meeting with {name}; {effect}")
    ),
    "other": (N_("Logged an interaction with {name}"),
              N_("Logged an interaction with {name}; {effect}")),
}  # fmt: skip


def _ask_label(ask: AskRecord) -> str:
    number = _("#{number} {kind}").format(number=ask.id, kind=label(AskKind, ask.kind))
    parts = (number, label(AskStatus, ask.status), label(Platform, ask.platform), ask.purpose)
    return " · ".join(part for part in parts if part)


def outcome_choices() -> list[tuple[str, str]]:
    """The outcomes as the log form offers them, each picked by its first letter.

    Their own words (context 'outcome choice'): the timeline's « a accepté » and « a refusé »
    would share their first letter in French; here they are « accepte » and « décline ».
    """
    words = {
        "reached": pgettext("outcome choice", "reached"),
        "voicemail": pgettext("outcome choice", "voicemail"),
        "no_answer": pgettext("outcome choice", "no answer"),
        "agreed": pgettext("outcome choice", "agreed"),
        "declined": pgettext("outcome choice", "declined"),
        "call_back": pgettext("outcome choice", "call back"),
    }
    return [(words.get(code) or label(Outcome, code), code) for code in logged_outcomes()]


class LogDialog(FormDialog[int]):
    """Store an interaction and apply its outcome to the ask, in one transaction."""

    heading = N_("Log an interaction")
    loads = True

    def __init__(self, contact_id: int, ask_id: int | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.ask_id = ask_id
        self.contact_name = ""
        self.asks: list[tuple[str, str]] = []

    def load(self) -> None:
        from refterm.core.contacts import contact_detail

        detail = contact_detail(context_of(self).database, self.contact_id)
        self.contact_name = detail.contact.full_name
        self.asks = [(_ask_label(ask), str(ask.id)) for ask in detail.asks]

    def compose_intro(self) -> ComposeResult:
        yield Static(
            Content.assemble(*sentence(_("What happened with {name}?"), self.contact_name)),
            classes="form-intro",
        )

    def compose_fields(self) -> ComposeResult:
        # The outcome first, each picked by its underlined letter: "agreed" is `a` then ctrl+s.
        outcomes = outcome_choices()
        outcome = picker(outcomes, None, keyed=True)
        letters = ", ".join(f"{label[0]} {label}" for label, _code in outcomes)
        hint = _("type its letter: {letters}; empty: just a note").format(letters=letters)
        yield from self.field("outcome", _("Outcome"), outcome, hint=hint)
        channels = choice_list(Channel)
        yield from self.field("channel", _("Channel"), picker(channels, "call", blank=False))
        yield from self.field("occurred_on", _("On"), text_input(_("today"), date_hint()))
        current = str(self.ask_id) if self.ask_id is not None else None
        yield from self.field("ask", _("About the ask"), picker(self.asks, current))
        yield from self.field(
            "call_back_on", _("Call back on"),
            text_input(placeholder=_("tomorrow, +3d, 2026-12-01")),
        )  # fmt: skip
        yield from self.field("summary", _("Summary"), text_box())

    def fields_shown(self) -> None:
        self._show_call_back()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "outcome":
            self._show_call_back()

    def _show_call_back(self) -> None:
        self.query_one("#field-call_back_on").display = self.value("outcome") == "call_back"

    def submit(self) -> Callable[[], Written[int]]:
        context, contact_id, name = context_of(self), self.contact_id, self.contact_name
        when = self.dates("occurred_on", "call_back_on")
        outcome = self.optional("outcome")
        ask = self.optional("ask")
        if outcome in ("agreed", "declined") and ask is None:
            which = (_("say which ask was agreed") if outcome == "agreed"
                     else _("say which ask was declined"))  # fmt: skip
            raise InvalidFields({"ask": which})
        channel = Channel(self.value("channel") or "call")
        summary = self.optional("summary")
        effect = _(OUTCOME_EFFECTS[outcome]) if ask and outcome in OUTCOME_EFFECTS else ""

        def save() -> Written[int]:
            from refterm.core.interactions import log_interaction

            interaction = log_interaction(
                context.database,
                contact_id,
                channel,
                when["occurred_on"] or context.today,
                context.settings,
                outcome=Outcome(outcome) if outcome else None,
                summary=summary,
                ask_id=int(ask) if ask else None,
                call_back_on=when["call_back_on"],
            )
            plain, with_effect = LOGGED[channel.value]
            note = _(with_effect if effect else plain).format(name=name, effect=effect)
            return Written(interaction.id or 0, note)

        return save
