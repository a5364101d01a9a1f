"""Logging what happened (`l`): channel, date, outcome and the ask it concerns."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Select, Static

from refterm.errors import InvalidFields
from refterm.model.vocab import Channel, Outcome, choices, logged_outcomes
from refterm.screens.base import context_of
from refterm.screens.dialogs import (
    DATE_HINT,
    FormDialog,
    choice_list,
    picker,
    text_box,
    text_input,
)
from refterm.screens.writing import Written

if TYPE_CHECKING:
    from refterm.model.records import AskRecord

OUTCOME_EFFECTS = {
    "agreed": "the ask becomes agreed",
    "declined": "the ask becomes declined",
    "no_answer": "the follow-up moves to the retry date",
    "voicemail": "the follow-up moves to the retry date",
    "call_back": "the follow-up moves to the call-back date",
}


def _ask_label(ask: AskRecord) -> str:
    parts = (f"#{ask.id} {ask.kind}", ask.status, ask.platform, ask.purpose)
    return " · ".join(part for part in parts if part)


class LogDialog(FormDialog[int]):
    """Store an interaction and apply its outcome to the ask, in one transaction."""

    heading = "Log an interaction"
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
            Content.assemble("What happened with ", (self.contact_name, "bold"), "?"),
            classes="form-intro",
        )

    def compose_fields(self) -> ComposeResult:
        # The outcome first, each picked by its underlined letter: "agreed" is `a` then ctrl+s.
        outcomes = choice_list(logged_outcomes())
        outcome = picker(outcomes, None, keyed=True)
        letters = ", ".join(f"{label[0]} {label}" for label, _ in outcomes)
        yield from self.field("outcome", "Outcome", outcome,
                              hint=f"type its letter: {letters}; empty: just a note")  # fmt: skip
        channels = choice_list(choices(Channel))
        yield from self.field("channel", "Channel", picker(channels, "call", blank=False))
        yield from self.field("occurred_on", "On", text_input("today", DATE_HINT))
        current = str(self.ask_id) if self.ask_id is not None else None
        yield from self.field("ask", "About the ask", picker(self.asks, current))
        yield from self.field(
            "call_back_on", "Call back on", text_input(placeholder="tomorrow, +3d, 2026-12-01")
        )
        yield from self.field("summary", "Summary", text_box())

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
            raise InvalidFields({"ask": f"say which ask was {outcome}"})
        channel = Channel(self.value("channel") or "call")
        summary = self.optional("summary")
        effect = OUTCOME_EFFECTS.get(outcome or "", "") if ask else ""

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
            note = f"Logged a {channel.value} with {name}" + (f"; {effect}" if effect else "")
            return Written(interaction.id or 0, note)

        return save
