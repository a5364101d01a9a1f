"""Asks: the pipeline by status (planned, asked, agreed, received; declined, withdrawn folded)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Input

from refterm.core.asks import can_move
from refterm.core.pipeline import Pipeline, PipelineRow
from refterm.model.i18n import N_, _, ngettext, number, pgettext
from refterm.model.plural import counted
from refterm.model.relative import ago, short_since
from refterm.model.vocab import OPEN_ASK_STATUSES, AskKind, AskStatus, Platform, label
from refterm.screens.base import RefTermScreen
from refterm.screens.writing import Written, write
from refterm.widgets.key_footer import KeyFooter
from refterm.widgets.mode_bar import ModeBar
from refterm.widgets.section_list import Column, Row, Section, SectionList

FOLDED = (AskStatus.DECLINED, AskStatus.WITHDRAWN)
KINDS: tuple[str | None, ...] = (None, AskKind.REFERENCE.value, AskKind.RECOMMENDATION.value)
MOVES = {"asked": AskStatus.ASKED, "agreed": AskStatus.AGREED, "received": AskStatus.RECEIVED,
         "declined": AskStatus.DECLINED}  # fmt: skip


def section_title(status: AskStatus) -> str:
    """The heading of a status's section (in French, a plural: 'Acceptées')."""
    titles = {
        AskStatus.PLANNED: pgettext("asks section", "Planned"),
        AskStatus.ASKED: pgettext("asks section", "Asked, waiting for an answer"),
        AskStatus.AGREED: pgettext("asks section", "Agreed"),
        AskStatus.RECEIVED: pgettext("asks section", "Recommendations received"),
        AskStatus.DECLINED: pgettext("asks section", "Declined"),
        AskStatus.WITHDRAWN: pgettext("asks section", "Withdrawn"),
    }
    return titles[status]


KIND_SHOWN = {  # the mode bar's words for the `t` filter
    None: N_("all kinds"),
    "reference": N_("references"),
    "recommendation": N_("recommendations"),
}


def situation(row: PipelineRow, today: date) -> str:
    """Where an ask stands, in a few words (one line of the pipeline)."""
    parts: list[str] = []
    if row.status == "planned":
        parts.append(_("not asked yet"))
    elif row.status == "received":
        parts.append(_("received {when}").format(when=short_since(row.received_on, today)))
        parts.append(_("thanked") if row.thanked_on else _("thank them"))
    elif row.status == "agreed":
        parts.append(_("agreed {when}").format(when=short_since(row.agreed_on, today)))
        if row.kind == "reference":
            if row.uses == 0:
                parts.append(_("not given yet"))
            elif row.uses == 1:
                parts.append(_("given once"))
            else:
                parts.append(_("given {count}×").format(count=number(row.uses)))
    elif row.asked_on:
        when = short_since(row.asked_on, today)
        if row.times_asked > 1:
            parts.append(_("asked {when} ×{times}").format(when=when, times=row.times_asked))
        else:
            parts.append(_("asked {when}").format(when=when))
    if row.follow_up_on and row.status in ("asked", "agreed"):
        days = (row.follow_up_on - today).days
        if days < 0:
            parts.append(_("follow-up {days} d late").format(days=number(-days)))
        else:
            parts.append(_("follow up {when}").format(when=ago(-days)))
    if row.purpose:
        parts.append(row.purpose)
    return " · ".join(parts)


def _more_asks(count: int) -> str:
    return ngettext(
        "and {count} more — filter with / or t", "and {count} more — filter with / or t", count
    )


def moved_note(name: str, kind: str, target: str) -> str:
    """'Sarah Mitchell: reference agreed', said once a move is saved."""
    notes = {
        ("reference", "asked"): _("{name}: reference asked"),
        ("reference", "agreed"): _("{name}: reference agreed"),
        ("reference", "received"): _("{name}: reference received"),
        ("reference", "declined"): _("{name}: reference declined"),
        ("recommendation", "asked"): _("{name}: recommendation asked"),
        ("recommendation", "agreed"): _("{name}: recommendation agreed"),
        ("recommendation", "received"): _("{name}: recommendation received"),
        ("recommendation", "declined"): _("{name}: recommendation declined"),
    }
    return notes.get((kind, target), f"{{name}}: {kind} {target}").format(name=name)


class AsksScreen(RefTermScreen):
    """Moves (m, g, r, x) show only when the state machine allows them."""

    AUTO_FOCUS = "SectionList"  # the list, not the filter, has the keys from the first moment

    BINDINGS = [
        Binding(
            "m",
            "move('asked')",
            N_("Asked"),
            tooltip=N_("Mark asked (sets the follow-up date)"),
            id="asks.asked",
        ),
        Binding("g", "move('agreed')", N_("Agreed"), tooltip=N_("They said yes"), id="asks.agreed"),
        Binding(
            "r",
            "received",
            N_("Received"),
            tooltip=N_("Paste the recommendation they wrote"),
            id="asks.received",
        ),
        Binding(
            "x",
            "move('declined')",
            N_("Declined"),
            tooltip=N_("They said no (asks first)"),
            id="asks.declined",
        ),
        Binding(
            "f",
            "follow_up",
            N_("Follow-up"),
            tooltip=N_("Set the follow-up date"),
            id="asks.follow-up",
        ),
        Binding(
            "u",
            "use",
            N_("Given to"),
            tooltip=N_("Record giving this reference to an employer"),
            id="asks.use",
        ),
        Binding(
            "c", "script", N_("Script"), tooltip=N_("The script for this ask"), id="asks.script"
        ),
        Binding(
            "o", "open_contact", N_("Contact"), tooltip=N_("Open the contact"), id="asks.contact"
        ),
        Binding(
            "d",
            "delete",
            N_("Delete"),
            tooltip=N_("Delete this ask (asks first)"),
            id="asks.delete",
        ),
        Binding(
            "t",
            "kind",
            N_("Kind"),
            tooltip=N_("Show all asks, references or recommendations"),
            id="asks.kind",
        ),
        Binding(
            "slash",
            "filter",
            N_("Filter"),
            tooltip=N_("Filter by contact name or company"),
            id="asks.filter",
            priority=True,  # as on Contacts: the keys typed right after it reach the filter
        ),
        Binding(
            "escape",
            "clear_filter",
            N_("Clear filter"),
            tooltip=N_("Show every ask again"),
            id="asks.clear",
        ),
    ]

    @dataclass
    class PipelineLoaded(Message):
        """The asks read in a worker, for one kind and filter."""

        pipeline: Pipeline

    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None
        self._rows: dict[str, PipelineRow] = {}
        self._folded = {status.value: True for status in FOLDED}

    def compose(self) -> ComposeResult:
        yield Header()
        yield ModeBar("asks")
        yield Input(placeholder=_("/ to filter by contact or company"), id="ask-filter",
                    compact=True)  # fmt: skip
        yield SectionList(id="pipeline", wrap=False)
        yield KeyFooter()

    def show_words(self) -> None:
        self.filter_input.placeholder = _("/ to filter by contact or company")

    @property
    def filter_input(self) -> Input:
        return self.query_one("#ask-filter", Input)

    def reload(self) -> None:
        self._load(self.kind, self.filter_input.value)

    @work(thread=True, exclusive=True, group="asks")
    def _load(self, kind: str | None, search: str) -> None:
        from refterm.core.pipeline import build_pipeline

        self.post_message(self.PipelineLoaded(build_pipeline(self.context.database, kind, search,
                                                             limit=200)))  # fmt: skip

    def on_asks_screen_pipeline_loaded(self, message: PipelineLoaded) -> None:
        today = self.context.today
        pipeline = message.pipeline
        self._rows = {}
        sections = []
        for status in AskStatus:
            rows = []
            for item in pipeline.group(status):
                key = f"ask:{item.ask_id}"
                self._rows[key] = item
                rows.append(
                    Row(
                        key,
                        (
                            Column(item.contact_name, 20, "bold", least=16),
                            Column(item.company or "", 15, "dim", least=10, drop=2),
                            Column(label(AskKind, item.kind), 14),
                            Column(label(Platform, item.platform), 9, "dim", drop=3),
                            Column(situation(item, today)),
                        ),
                    )
                )
            sections.append(
                Section(
                    key=status.value,
                    title=section_title(status),
                    total=pipeline.totals.get(status, 0),
                    rows=rows,
                    empty_text=_("none"),
                    foldable=status in FOLDED,
                    folded=self._folded.get(status.value, False),
                    more_text=_more_asks,
                )
            )
        self.query_one(SectionList).show_sections(sections)
        total = sum(pipeline.totals.values())
        shown_kind = _(KIND_SHOWN.get(self.kind, KIND_SHOWN[None]))
        self.query_one(ModeBar).set_detail(f"{counted(total, 'ask', 'asks')} · {shown_kind}")
        self.update_keys()

    @property
    def current(self) -> PipelineRow | None:
        key = self.query_one(SectionList).highlighted_key
        return self._rows.get(key) if key else None

    @on(SectionList.OptionHighlighted)
    def _moved(self) -> None:
        self.update_keys()

    def on_descendant_focus(self) -> None:
        self.update_keys()

    @on(SectionList.OptionSelected)
    def _chosen(self, event: SectionList.OptionSelected) -> None:
        key = event.option.id or ""
        if key.startswith("section:"):
            status = key.removeprefix("section:")
            self._folded[status] = not self._folded.get(status, False)
            self.query_one(SectionList).toggle_fold(status)
            return
        row = self._rows.get(key)
        if row is not None:
            from refterm.screens.ask_form import AskDialog

            self.app.push_screen(AskDialog(ask_id=row.ask_id))

    def key_applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.focused is self.filter_input
        if action == "clear_filter":
            return typing or bool(self.filter_input.value)
        if action in ("filter", "kind"):
            return not typing
        row = None if typing else self.current
        if action == "move":
            target = MOVES[str(parameters[0])]
            return row is not None and can_move(AskKind(row.kind), AskStatus(row.status), target)
        if action == "received":
            return row is not None and can_move(
                AskKind(row.kind), AskStatus(row.status), AskStatus.RECEIVED
            )
        if action == "follow_up":
            return row is not None and AskStatus(row.status) in OPEN_ASK_STATUSES
        if action == "use":
            return row is not None and row.kind == "reference" and row.status == "agreed"
        if action in ("script", "open_contact", "delete"):
            return row is not None
        return True

    # -- filter ----------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.set_focus(self.filter_input)  # now, so the next keys land in it

    def action_clear_filter(self) -> None:
        self.filter_input.value = ""
        self.set_focus(self.query_one(SectionList))

    @on(Input.Changed, "#ask-filter")
    def _filter_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#ask-filter")
    def _filter_done(self) -> None:
        pipeline = self.query_one(SectionList)
        self.set_focus(pipeline)
        pipeline.action_first()

    def action_kind(self) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self.reload()

    # -- moves -----------------------------------------------------------------------------

    def action_move(self, target: str) -> None:
        row = self.current
        if row is None:
            return
        if target == "declined":
            self._confirm_declined(row)
            return
        self._move(row, target)

    def _confirm_declined(self, row: PipelineRow) -> None:
        """Declined ends the ask: say so and wait for a yes."""
        from refterm.screens.dialogs import ConfirmDialog

        if row.kind == "reference":
            sentence = _("Mark the reference ask to {name} declined?")
        else:
            sentence = _("Mark the recommendation ask to {name} declined?")
        before, _name, after = sentence.partition("{name}")
        question = Content.assemble(
            before, (row.contact_name, "bold"), after, "\n",
            (_("It moves under Declined and is noted in their history."), "dim"),
        )  # fmt: skip

        def answered(yes: bool | None) -> None:
            if yes:
                self._move(row, "declined")

        self.app.push_screen(ConfirmDialog(question, yes=_("Declined")), answered)

    def _move(self, row: PipelineRow, target: str) -> None:
        context, ask_id, status = self.context, row.ask_id, MOVES[target]
        said = moved_note(row.contact_name, row.kind, target)

        def save() -> Written[int]:
            from refterm.core.asks import move_ask

            ask = move_ask(context.database, ask_id, status, context.today, context.settings)
            if ask.follow_up_on:
                return Written(ask_id, _("{moved}; follow up on {day}").format(
                    moved=said, day=ask.follow_up_on.isoformat()))  # fmt: skip
            return Written(ask_id, said)

        key = next(binding.key for binding in Binding.make_bindings(self.BINDINGS)
                   if binding.action == f"move('{target}')")  # fmt: skip
        write(self, f"move:{ask_id}", save, retry=key)

    def action_received(self) -> None:
        if (row := self.current) is not None:
            from refterm.screens.dialogs import ReceivedDialog

            self.app.push_screen(ReceivedDialog(row.ask_id, row.contact_name))

    def action_follow_up(self) -> None:
        if (row := self.current) is not None:
            from refterm.screens.dialogs import FollowUpDialog

            self.app.push_screen(FollowUpDialog(row.ask_id, row.contact_name))

    def action_use(self) -> None:
        if (row := self.current) is not None:
            from refterm.screens.dialogs import ReferenceUseDialog

            self.app.push_screen(ReferenceUseDialog(row.ask_id, row.contact_name))

    def action_script(self) -> None:
        if (row := self.current) is not None:
            from refterm.screens.script_preview import open_script

            open_script(self, row.contact_id, ask_id=row.ask_id)

    def action_open_contact(self) -> None:
        if (row := self.current) is not None:
            from refterm.screens.contact_detail import ContactDetailScreen

            self.app.push_screen(ContactDetailScreen(row.contact_id))

    def action_delete(self) -> None:
        if (row := self.current) is None:
            return
        from refterm.core.removal import ask_removal, delete_ask
        from refterm.screens.removing import ask_then_delete

        database, ask_id = self.context.database, row.ask_id
        ask_then_delete(self, f"delete-ask:{ask_id}", partial(ask_removal, database, ask_id),
                        partial(delete_ask, database, ask_id))  # fmt: skip
