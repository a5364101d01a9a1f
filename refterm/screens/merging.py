"""Twins and merges: pick a contact by name, merge it field by field, or stop before a twin.

`M` on Contacts: the picker finds the other contact as the palette does (part of a name, or a
close spelling); the merge dialog offers a choice for each field on which the two differ, the
default chosen by `core.merging` (what is filled, else the newer value). `n` on Contacts: a
likely twin is shown before saving, with "open it" or "add anyway".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from refterm.core.merging import KEEP_A, KEEP_B, KEEP_BOTH, MergePlan
from refterm.model.i18n import N_, _
from refterm.model.plural import counted
from refterm.model.vocab import Civility, Formality, Relationship, label
from refterm.screens.base import context_of, tell_error
from refterm.screens.dialogs import QUIET, FormDialog, picker, sentence
from refterm.screens.writing import Written
from refterm.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from refterm.core.close_names import PaletteMatch
    from refterm.core.twins import Twin

SHOWN_VALUE = 56
# The merged fields whose values are vocabulary codes.
VOCAB_FIELDS: dict[str, type[StrEnum]] = {
    "relationship": Relationship, "civility": Civility, "formality": Formality,
}  # fmt: skip


def _one_line(value: str) -> str:
    text = " ".join(value.split()) or "—"
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"


class ContactPicker(ModalScreen[int | None]):
    """Type part of a name (or a close spelling); enter picks the highlighted contact."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Cancel"), tooltip=N_("Pick no one"),
                id="picker.cancel"),
        Binding("down", "move(1)", N_("Next"), show=False, tooltip=N_("Next match"),
                id="picker.down"),
        Binding("up", "move(-1)", N_("Previous"), show=False, tooltip=N_("Previous match"),
                id="picker.up"),
    ]  # fmt: skip

    @dataclass
    class Matched(Message):
        query: str
        matches: list[PaletteMatch]

    def __init__(self, heading: str, intro: Content, exclude: int) -> None:
        super().__init__()
        self.heading = heading
        self.intro = intro
        self.exclude = exclude

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker") as box:
            box.border_title = self.heading
            box.border_subtitle = _("enter picks · escape cancels")
            yield Static(self.intro, classes="form-intro")
            yield Input(placeholder=_("part of a name, or a close spelling"), id="picker-query",
                        compact=True)  # fmt: skip
            yield OptionList(id="picker-matches", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#picker-matches", OptionList).can_focus = False
        self.query_one("#picker-query", Input).focus()

    @on(Input.Changed, "#picker-query")
    def _typed(self, event: Input.Changed) -> None:
        self._find(event.value)

    @work(thread=True, exclusive=True, group="picker")
    def _find(self, query: str) -> None:
        from refterm.core.close_names import CloseNames, palette_matches

        if not query.strip():
            self.post_message(self.Matched(query, []))
            return
        database = context_of(self).database
        names = getattr(self.app, "close_names", None)
        index = names() if callable(names) else CloseNames(database)
        matches = palette_matches(database, index, query, limit=10)
        self.post_message(self.Matched(query, [m for m in matches
                                               if m.contact_id != self.exclude]))  # fmt: skip

    def on_contact_picker_matched(self, message: Matched) -> None:
        if message.query != self.query_one("#picker-query", Input).value:
            return  # an older query's answer
        options = self.query_one("#picker-matches", OptionList)
        options.clear_options()
        for match in message.matches:
            where = " · ".join(part for part in (match.title, match.company) if part)
            label = Content.assemble(
                (_("contact {number}").format(number=match.contact_id) + "  ", "dim"),
                (match.full_name, "bold"),
                (f"  {where}" if where else "", "dim"),
            )
            options.add_option(Option(label, id=str(match.contact_id)))
        if message.matches:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-matches", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#picker-query")
    def _submitted(self) -> None:
        options = self.query_one("#picker-matches", OptionList)
        if options.highlighted is None:
            return
        self.dismiss(int(options.get_option_at_index(options.highlighted).id or 0))

    @on(OptionList.OptionSelected, "#picker-matches")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))


class MergeDialog(FormDialog[int]):
    """A choice per differing field; A keeps its id, B's history and tags move to it."""

    heading = N_("Merge two contacts")
    save_label = N_("Merge")

    def __init__(self, plan: MergePlan) -> None:
        super().__init__()
        self.plan = plan

    def compose_intro(self) -> ComposeResult:
        plan = self.plan
        moving = ", ".join((
            counted(plan.moving.asks, "ask", "asks"),
            counted(plan.moving.interactions, "interaction", "interactions"),
            counted(plan.moving.uses, "reference use", "reference uses"),
        ))  # fmt: skip
        tags = ", ".join(plan.tags) or _("none")
        side = _("{side}: contact {number} {name}")
        a = side.format(side="A", number=plan.a.id, name=plan.a.full_name)
        b = side.format(side="B", number=plan.b.id, name=plan.b.full_name)
        before, _a, rest = _("Keep {a}; merge into it {b}.").partition("{a}")
        middle, _b, after = rest.partition("{b}")
        moves = _(
            "B’s {moving} move to A, tags become {tags}; then B is deleted (ctrl+z undoes it)."
        ).format(moving=moving, tags=tags)
        yield Static(
            Content.assemble(before, (a, "bold"), middle, (b, "bold"), after, "\n",
                             (moves, "dim")),
            classes="form-intro",
        )  # fmt: skip
        if not plan.fields:
            yield Static(Content.styled(_("Every field agrees: nothing to choose."), QUIET))

    def compose_fields(self) -> ComposeResult:
        for choice in self.plan.fields:
            # Vocabulary codes ('direct_report') in the interface's words; other values as typed.
            vocabulary = VOCAB_FIELDS.get(choice.name)
            a, b = (label(vocabulary, value) if vocabulary and value else value
                    for value in (choice.a, choice.b))  # fmt: skip
            options = [
                (_("A: {value}").format(value=_one_line(a)), KEEP_A),
                (_("B: {value}").format(value=_one_line(b)), KEEP_B),
            ]
            if choice.name == "notes":
                options.append((_("both, the newer first"), KEEP_BOTH))
            yield from self.field(choice.name, _(choice.label),
                                  picker(options, choice.default, blank=False))  # fmt: skip

    def submit(self) -> Callable[[], Written[int]]:
        context, plan = context_of(self), self.plan
        choices = {choice.name: self.value(choice.name) for choice in plan.fields}

        def save() -> Written[int]:
            from refterm.core.merging import merge_contacts

            result = merge_contacts(context.database, plan.a.id, plan.b.id, choices)
            moved = ", ".join((
                counted(result.moved.asks, "ask", "asks"),
                counted(result.moved.interactions, "interaction", "interactions"),
                counted(result.moved.uses, "reference use", "reference uses"),
            ))  # fmt: skip
            note = _("Merged {gone} into {kept}: moved {moved}").format(
                gone=result.gone_name, kept=result.kept.full_name, moved=moved
            )
            return Written(result.kept.id, note)

        return save


def start_merge(screen: Widget, kept_id: int, kept_name: str) -> None:
    """`M`: pick the contact to merge into `kept_id`, read the plan, show the merge dialog."""
    intro = Content.assemble(
        *sentence(_("Which contact is the same person as {name}?"), kept_name), "\n",
        (_("They are merged into this one, which keeps its id."), "dim"),
    )  # fmt: skip
    picker_screen = ContactPicker(_("Merge with…"), intro, exclude=kept_id)

    def picked(other_id: int | None) -> None:
        if other_id:
            _read_plan(screen, kept_id, other_id)

    screen.app.push_screen(picker_screen, picked)


def _read_plan(screen: Widget, kept_id: int, other_id: int) -> None:
    def read() -> None:
        from refterm.core.merging import merge_plan
        from refterm.errors import RefTermError

        try:
            plan = merge_plan(context_of(screen).database, kept_id, other_id)
        except RefTermError as error:
            screen.app.call_from_thread(tell_error, screen, error)
            return
        screen.app.call_from_thread(screen.app.push_screen, MergeDialog(plan))

    screen.run_worker(read, name="merge-plan", group="merge", thread=True, exit_on_error=False)


class TwinDialog(ModalScreen[str]):
    """A likely twin of the contact being added: "open it" or "add anyway" (or back)."""

    BINDINGS = [
        Binding("o", "answer('open')", N_("Open it"), tooltip=N_("Open the stored contact"),
                id="twin.open"),
        Binding("a", "answer('add')", N_("Add anyway"), tooltip=N_("They are someone else"),
                id="twin.add"),
        Binding("escape", "answer('back')", N_("Back to the form"),
                tooltip=N_("Change what you typed"), id="twin.back"),
    ]  # fmt: skip

    def __init__(self, name: str, twins: list[Twin]) -> None:
        super().__init__()
        self.name_typed = name
        self.twins = twins

    def compose(self) -> ComposeResult:
        first = self.twins[0]
        parts: list[Any] = [
            *sentence(_("{name} may already be here:"), self.name_typed), "\n\n",
            (f"  {first.label}", "bold"), (f"\n    {_(first.reason)}", "dim"), "\n",
        ]  # fmt: skip
        for twin in self.twins[1:]:
            parts += [f"  {twin.label}", (f"\n    {_(twin.reason)}", "dim"), "\n"]
        with Vertical(classes="dialog confirm") as box:
            box.border_title = _("A likely twin")
            yield Static(Content.assemble(*parts), classes="confirm-question")
            with Horizontal(classes="form-buttons"):
                yield Button(_("Open it  o"), variant="primary", id="twin-open", compact=True)
                yield Button(_("Add anyway  a"), id="twin-add", compact=True)
                yield Button(_("Back  esc"), id="twin-back", compact=True)
        yield KeyFooter()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "twin-back").removeprefix("twin-"))
