"""Modal forms: fields with their messages beside them, `ctrl+s` saves, `escape` cancels.

A form that starts from stored data reads it in a worker once mounted (`load`). Saving reads
the fields on the event loop (`submit`) and hands back one core write (one transaction) that
runs through `screens.writing`: the form stays live while the database is busy, keeps what was
typed when the write is refused, tells the user once it is saved and returns it through
`dismiss`; the screen behind reads its data again when shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from refterm.errors import InvalidFields, RefTermError
from refterm.model.i18n import N_, _, joined, language
from refterm.model.relative import long_day
from refterm.model.vocab import choices, label
from refterm.screens.base import context_of, steady_cursors, tell
from refterm.screens.messages import Refused, Saved
from refterm.screens.writing import Written, failure_text, write
from refterm.widgets.key_footer import KeyFooter
from refterm.widgets.quick_select import QuickSelect

ResultT = TypeVar("ResultT")
QUIET = "dim italic"  # untranslated: a text style
# What the date fields accept (core.dates reads both languages' shorthands): say it in French too.
DATE_HINT = N_("2026-12-01, today, tomorrow, +3d, +2w, demain, +3j")


def date_hint() -> str:
    """The date fields' placeholder in the interface language."""
    return _(DATE_HINT)


def choice_list(
    vocabulary: type[StrEnum], values: Iterable[str] | None = None
) -> list[tuple[str, str]]:
    """(shown, stored) pairs for a Select: each code's label in the interface language, the code
    kept (`values`: a subset of the vocabulary, in that order; all of it by default)."""
    return [(label(vocabulary, value), value) for value in (values or choices(vocabulary))]


def text_input(value: str | None = None, placeholder: str = "", **options: object) -> Input:
    return Input(value or "", placeholder=placeholder, compact=True, **options)  # type: ignore[arg-type]


def picker(
    choices: Sequence[tuple[str, str]], value: str | None, blank: bool = True, keyed: bool = False
) -> Select[str]:
    """A Select that picks by typing its options' first letters (`keyed`: underlined)."""
    return QuickSelect(choices, value, blank=blank, keyed=keyed)


def text_box(value: str | None = None) -> TextArea:
    return TextArea(value or "", soft_wrap=True, compact=True, classes="form-text")


def day_text(on: date | None) -> str:
    return on.isoformat() if on else ""


def shown_day(on: date) -> str:
    """'Thu 03 Dec 2026' in English, 'jeudi 3 décembre 2026' in French (no abbreviations)."""
    return f"{on:%a %d %b %Y}" if language() == "en" else long_day(on)


class FormDialog(ModalScreen[ResultT]):
    """The frame every form shares; subclasses compose fields and implement `submit`."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), tooltip=N_("Check and save"), id="form.save"),
        Binding("escape", "cancel", N_("Cancel"),
                tooltip=N_("Close without saving (asks first when something was changed)"),
                id="form.cancel"),
    ]  # fmt: skip
    # Marked with N_ (class attributes): translated where shown.
    heading = N_("Form")
    save_label = N_("Save")
    # True in forms whose fields start from stored data: `load` reads it once mounted.
    loads = False

    @dataclass
    class Loaded(Message):
        """`load` is done; `problem` says why it failed ('' when it did not)."""

        problem: str = ""

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False
        self.saving = False
        # What the fields held once shown: escape asks before throwing changes away.
        self.opened_with: dict[str, str] | None = None

    @property
    def ready(self) -> bool:
        """The fields are there to be read: nothing to load, or loaded."""
        return self.loaded or not self.loads

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form") as box:
            box.border_title = _(self.heading)
            box.border_subtitle = _("ctrl+s saves · escape cancels")
            if self.ready:
                yield from self.compose_intro()
            # Not focusable itself: the first field takes the focus when the form opens.
            with VerticalScroll(classes="form-fields", can_focus=False):
                if self.ready:
                    yield from self.compose_fields()
                else:
                    yield Static(Content.styled(_("Reading…"), QUIET), classes="form-intro")
            yield Static(id="form-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button(_("{action}  ^s").format(action=_(self.save_label)), variant="primary",
                             id="form-save", compact=True)  # fmt: skip
                yield Button(_("Cancel  esc"), id="form-cancel", compact=True)
        yield KeyFooter()

    def compose_intro(self) -> ComposeResult:
        """Text above the fields (who this is about); none by default."""
        yield from ()

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def field(self, name: str, label: str, control: Widget, hint: str = "") -> Iterator[Widget]:
        """A labelled control with the place for its message underneath (use in compose)."""
        control.id = name
        row = Horizontal(classes="field", id=f"field-{name}")
        with row:
            yield Label(label, classes="field-label")
            with Vertical(classes="field-body"):
                yield control
                if hint:
                    yield Static(Content.styled(hint, "dim"), classes="field-hint")

    def on_mount(self) -> None:
        # The notes shown so far were about what came before (a script copied, a change saved);
        # left up, at 80x24 they hid the form's buttons until they timed out.
        self.app.clear_notifications()
        steady_cursors(self)
        if self.ready:
            self.fields_shown()
            self.call_after_refresh(self._remember_fields)
        else:
            self._load()

    def load(self) -> None:
        """Read what the fields start from (runs in a worker thread: set plain attributes only)."""

    def fields_shown(self) -> None:
        """The fields are on screen (after `load`, when there is one); nothing by default."""

    @work(thread=True, exclusive=True, group="form-load")
    def _load(self) -> None:
        try:
            self.load()
        except Exception as error:  # a message in the form, never a traceback
            self.post_message(self.Loaded(failure_text(error)))
            return
        self.post_message(self.Loaded())

    async def on_form_dialog_loaded(self, message: Loaded) -> None:
        if message.problem:
            self._show_general(message.problem)
            return
        self.loaded = True
        await self.recompose()
        steady_cursors(self)
        # As when a form opens with its fields: the first one takes the focus.
        fields = self.query_one(".form-fields")
        first = next((widget for widget in self.focus_chain if fields in widget.ancestors), None)
        if first is not None:
            self.set_focus(first, scroll_visible=False)
        self.fields_shown()
        self.call_after_refresh(self._remember_fields)

    def field_values(self) -> dict[str, str]:
        """Every field's value as it stands, by field id."""
        values: dict[str, str] = {}
        for widget in self.query(".form-fields Input, .form-fields TextArea, .form-fields Select"):
            if widget.id:
                values[widget.id] = self.value(widget.id)
        return values

    def _remember_fields(self) -> None:
        self.opened_with = self.field_values()

    @property
    def changed(self) -> bool:
        """Whether a field differs from what it held when the form opened."""
        return self.opened_with is not None and self.field_values() != self.opened_with

    def value(self, name: str) -> str:
        """The text of a field as typed ('' when empty)."""
        widget = self.query_one(f"#{name}")
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return "" if widget.value is Select.NULL else str(widget.value)
        raise TypeError(name)

    def optional(self, name: str) -> str | None:
        text = self.value(name).strip()
        return text or None

    def dates(self, *names: str) -> dict[str, date | None]:
        """Parse date fields; all bad ones are reported together."""
        from refterm.core.dates import parse_optional_date

        today = context_of(self).today
        found: dict[str, date | None] = {}
        errors: dict[str, str] = {}
        for name in names:
            try:
                # « aujourd’hui » as French typography writes it (and as the field starts).
                found[name] = parse_optional_date(self.value(name).replace("’", "'"), today)
            except ValueError as error:
                errors[name] = str(error)
        if errors:
            raise InvalidFields(errors)
        return found

    def submit(self) -> Callable[[], Written[ResultT]]:
        """Read the fields and return the core write to run in a thread.

        Raise InvalidFields (here or in the write) to refuse with a message beside each field.
        """
        raise NotImplementedError

    def after_save(self, value: ResultT) -> None:
        """What else happens once saved, on the event loop; nothing by default."""

    def action_save(self) -> None:
        if not self.ready or self.saving:
            return  # still reading, or already saving: one ctrl+s is one write
        self._clear_errors()
        try:
            job = self.submit()
        except InvalidFields as error:
            self.show_errors(error.errors)
            return
        except RefTermError as error:
            self._show_general(error.message)
            return
        self.saving = write(self, "form", job)
        self._show_saving()

    def on_saved(self, message: Saved) -> None:
        self.saving = False
        tell(self, message.note)
        self.after_save(message.value)
        self.dismiss(message.value)

    def on_refused(self, message: Refused) -> None:
        self.saving = False
        self._show_saving()
        if message.fields:
            self.show_errors(message.fields)
        elif message.locked:
            self._show_general(
                _("{problem}. What you typed is kept: ctrl+s tries again.").format(
                    problem=message.problem
                )
            )
        else:
            self._show_general(message.problem)

    def _show_saving(self) -> None:
        """The save button says the press was taken while the write is under way."""
        label = _("Saving…") if self.saving else _("{action}  ^s").format(action=_(self.save_label))
        self.query_one("#form-save", Button).label = label

    def action_cancel(self) -> None:
        if self.saving:
            # The write is already queued for the database: closing now would hide its outcome.
            tell(self, _("Still saving: the form closes once the database has it"))
            return
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = Content.assemble(
            (_("Discard your changes?"), "bold"),
            "\n",
            _("What you typed in this form is lost; no keeps the form open."),
        )
        self.app.push_screen(ConfirmDialog(question, yes=_("Discard")), answered)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        elif event.button.id == "form-cancel":
            self.action_cancel()

    def _clear_errors(self) -> None:
        # Hidden, not removed: a removal completes later, and a refusal of the same field right
        # after it (a date checked before any write) would mount a second `error-<field>`.
        for error in self.query(".field-error"):
            error.display = False
        self._show_general("")

    def _show_general(self, message: str) -> None:
        general = self.query_one("#form-error", Static)
        general.update(Content(message))
        general.set_class(bool(message), "-shown")

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message beside its field; messages for fields not on the form go at the bottom."""
        elsewhere = []
        first: Widget | None = None
        for name, message in errors.items():
            body = next(iter(self.query(f"#field-{name} > .field-body").results(Vertical)), None)
            if body is None:
                elsewhere.append(message)
                continue
            # Messages are mounted only when there is one: a form stays light to open.
            shown = next(iter(body.query(f"#error-{name}").results(Static)), None)
            if shown is None:
                body.mount(Static(Content(message), id=f"error-{name}", classes="field-error"))
            else:
                shown.update(Content(message))
                shown.display = True
            if first is None:
                first = self.query_one(f"#{name}")
        self._show_general(joined(elsewhere))
        if first is not None:
            first.focus()
            first.scroll_visible(animate=False)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; `y` (`o`, oui, in French) or enter says yes, `n` or escape says no."""

    BINDINGS = [
        Binding("y", "yes_in('en')", N_("Yes"), tooltip=N_("Go ahead"), id="confirm.yes"),
        Binding("o", "yes_in('fr')", N_("Yes"), tooltip=N_("Go ahead"), id="confirm.oui"),
        Binding("enter", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", N_("No"), tooltip=N_("Leave things as they are"),
                id="confirm.no"),
    ]  # fmt: skip

    def __init__(self, question: Content, yes: str | None = None) -> None:
        """`yes` labels the yes button, in the interface language (default: Yes)."""
        super().__init__()
        self.question = question
        self.yes = yes or _("Yes")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm") as box:
            box.border_title = _("Please confirm")
            yield Static(self.question, classes="confirm-question")
            with Horizontal(classes="form-buttons"):
                yes = _("{answer}  y").format(answer=self.yes)
                yield Button(yes, variant="error", id="confirm-yes", compact=True)
                yield Button(_("No  n"), id="confirm-no", compact=True)
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The yes key of the interface's language, shown and taken; the other one neither.
        if action == "yes_in":
            return parameters == (language(),)
        return True

    def action_yes_in(self, spoken: str) -> None:
        self.dismiss(True)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")


class FollowUpDialog(FormDialog[date]):
    """Snooze or set an ask's follow-up: +1 d, +3 d, +1 w, or any date."""

    save_label = N_("Set")

    def __init__(self, ask_id: int, contact_name: str, snooze: bool = False) -> None:
        super().__init__()
        self.ask_id = ask_id
        self.contact_name = contact_name
        self.heading = N_("Snooze the follow-up") if snooze else N_("Set the follow-up date")

    def compose_intro(self) -> ComposeResult:
        yield Static(
            Content.assemble(*sentence(_("Follow up with {name} on:"), self.contact_name)),
            classes="form-intro",
        )
        today = context_of(self).today
        presets = OptionList(
            *(
                Option(f"{label:<10} {shown_day(today + timedelta(days=days))}", id=str(days))
                for label, days in ((_("+1 day"), 1), (_("+3 days"), 3), (_("+1 week"), 7))
            ),
            id="presets",
            markup=False,
        )
        yield presets

    def compose_fields(self) -> ComposeResult:
        yield from self.field("on", _("Or a date"), text_input(placeholder=date_hint()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        days = int(event.option.id or "1")
        self.query_one("#on", Input).value = f"+{days}d"
        self.action_save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def submit(self) -> Callable[[], Written[date]]:
        on = self.dates("on")["on"]
        if on is None:
            raise InvalidFields({"on": _("pick one above or type a date: {examples}").format(
                examples=date_hint())})  # fmt: skip
        context, ask_id, name = context_of(self), self.ask_id, self.contact_name

        def save() -> Written[date]:
            from refterm.core.asks import set_follow_up

            set_follow_up(context.database, ask_id, on)
            return Written(
                on, _("Follow up with {name} on {day}").format(name=name, day=shown_day(on))
            )

        return save


class ReceivedDialog(FormDialog[int]):
    """Mark a recommendation received, pasting its text."""

    heading = N_("Recommendation received")
    save_label = N_("Received")

    def __init__(self, ask_id: int, contact_name: str, text: str | None = None) -> None:
        super().__init__()
        self.ask_id = ask_id
        self.contact_name = contact_name
        self.text = text

    def compose_intro(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                *sentence(_("Paste what {name} wrote (you can leave it empty)."), self.contact_name)
            ),  # fmt: skip
            classes="form-intro",
        )

    def compose_fields(self) -> ComposeResult:
        yield from self.field("received_on", _("Received on"), text_input(_("today"), date_hint()))
        area = text_box(self.text)
        area.add_class("tall")
        yield from self.field("recommendation_text", _("Text"), area)

    def submit(self) -> Callable[[], Written[int]]:
        context, ask_id, name = context_of(self), self.ask_id, self.contact_name
        on = self.dates("received_on")["received_on"] or context.today
        text = self.value("recommendation_text")

        def save() -> Written[int]:
            from refterm.core.asks import move_ask
            from refterm.model.vocab import AskStatus

            move_ask(context.database, ask_id, AskStatus.RECEIVED, on, context.settings,
                     recommendation_text=text)  # fmt: skip
            return Written(
                ask_id,
                _("Recommendation from {name} received — remember to thank them").format(name=name),
            )

        return save


class ReferenceUseDialog(FormDialog[int]):
    """Record that a referee was given to an employer (company, role)."""

    heading = N_("Reference given to an employer")

    def __init__(self, ask_id: int, contact_name: str) -> None:
        super().__init__()
        self.ask_id = ask_id
        self.contact_name = contact_name

    def compose_intro(self) -> ComposeResult:
        yield Static(
            Content.assemble(*sentence(_("You gave {name} as a reference to:"), self.contact_name)),
            classes="form-intro",
        )

    def compose_fields(self) -> ComposeResult:
        yield from self.field("company", _("Company"), text_input(placeholder=_("required")))
        yield from self.field(
            "role", _("Role"), text_input(placeholder=_("the job you applied for"))
        )
        yield from self.field("shared_on", _("Given on"), text_input(_("today"), date_hint()))
        told = picker([(_("not yet"), "no"), (_("yes, I told them"), "yes")], "no", blank=False)
        yield from self.field("warned", _("Told them"), told, hint=_("yes: it counts as contact"))

    def submit(self) -> Callable[[], Written[int]]:
        context, ask_id, name = context_of(self), self.ask_id, self.contact_name
        on = self.dates("shared_on")["shared_on"] or context.today
        company, role = self.value("company"), self.optional("role")
        warned = self.value("warned") == "yes"

        def save() -> Written[int]:
            from refterm.core.asks import add_reference_use

            use = add_reference_use(
                context.database, ask_id, company, role, on,
                warned=warned, settings=context.settings,
            )  # fmt: skip
            note = (
                _("Noted: {name} knows; brief them before {company} calls")
                if warned
                else _("Noted: brief {name} before {company} calls")
            )
            return Written(use.id or 0, note.format(name=name, company=use.company))

        return save


def sentence(template: str, name: str) -> list[str | tuple[str, str]]:
    """A translated sentence with `{name}` in bold, wherever the language puts it."""
    before, _name, after = template.partition("{name}")
    return [before, (name, "bold"), after] if _name else [template]
