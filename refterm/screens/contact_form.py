"""The contact form: new (`n`) and edit (`e`), name focused first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.message import Message

from refterm.core.contacts import ContactForm
from refterm.model.i18n import N_, _
from refterm.model.vocab import Civility, Formality, Language, Relationship
from refterm.screens.base import context_of
from refterm.screens.dialogs import FormDialog, choice_list, picker, text_box, text_input
from refterm.screens.writing import Written

if TYPE_CHECKING:
    from refterm.core.twins import Twin


class ContactDialog(FormDialog[int]):
    """Add or edit a contact; returns the contact's id."""

    def __init__(self, contact_id: int | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.heading = N_("New contact") if contact_id is None else N_("Edit contact")
        self.form = ContactForm()
        # Set once the user chose "add anyway" beside a likely twin.
        self.anyway = False
        self.twins: list[Twin] = []

    @dataclass
    class TwinsFound(Message):
        """Likely twins of the contact typed (none: save it)."""

        name: str
        twins: list[Twin]

    @property
    def loads(self) -> bool:  # type: ignore[override]
        return self.contact_id is not None

    def load(self) -> None:
        from refterm.core.contacts import contact_form

        assert self.contact_id is not None
        self.form = contact_form(context_of(self).database, self.contact_id)

    def compose_fields(self) -> ComposeResult:
        form = self.form
        cadence = "" if form.keep_in_touch_days is None else str(form.keep_in_touch_days)
        yield from self.field("full_name", _("Name"), text_input(form.full_name, _("required")))
        yield from self.field("company", _("Company"), text_input(form.company))
        yield from self.field("title", _("Title"), text_input(form.title))
        yield from self.field(
            "relationship", _("Relationship"), picker(choice_list(Relationship),
                                                   form.relationship)
        )  # fmt: skip
        yield from self.field(
            "how_we_met",
            _("How we met"),
            text_input(form.how_we_met, _("one line, for the scripts")),
        )
        yield from self.field(
            "known_since", _("Known since"),
            text_input(form.known_since,
                       _("2019 or 2019-03: the dossier says so only from this")),
        )  # fmt: skip
        yield from self.field(
            "greeting_name", _("Greeting name"),
            text_input(form.greeting_name, _("what to call them (empty: from the name)")),
        )  # fmt: skip
        yield from self.field(
            "formality", _("Tu or vous"),
            picker(choice_list(Formality), form.formality or "auto", blank=False),
        )  # fmt: skip
        yield from self.field(
            "civility", _("Civility"),
            picker(choice_list(Civility), form.civility or "none", blank=False),
        )  # fmt: skip
        yield from self.field("email", _("E-mail"), text_input(form.email))
        yield from self.field("phone", _("Phone"), text_input(form.phone, "+33 6 12 34 56 78"))
        yield from self.field(
            "linkedin_url",
            "LinkedIn",
            text_input(form.linkedin_url, "linkedin.com/in/…"),  # untranslated: an address
        )
        yield from self.field(
            "language", _("Language"), picker(choice_list(Language), form.language)
        )
        yield from self.field(
            "keep_in_touch_days",
            _("Keep in touch"),
            text_input(cadence, _("every N days (empty: the default for the relationship)")),
        )
        yield from self.field(
            "tags", _("Tags"), text_input(", ".join(form.tags), _("comma-separated: paris, data"))
        )
        yield from self.field("notes", _("Notes"), text_box(form.notes))

    def action_save(self) -> None:
        """A new contact is first checked for a likely twin (in a worker), then saved."""
        if self.contact_id is not None or self.anyway or not self.ready or self.saving:
            super().action_save()
            return
        self._check_twins(self.typed())

    @work(thread=True, exclusive=True, group="twins")
    def _check_twins(self, form: ContactForm) -> None:
        from refterm.core.contacts import validate
        from refterm.core.twins import find_twins

        context = context_of(self)
        try:
            twins = find_twins(context.database, validate(form, context.settings))
        except Exception:  # bad fields or a busy database: the save itself says what is wrong
            twins = []
        self.post_message(self.TwinsFound(form.full_name, twins))

    def on_contact_dialog_twins_found(self, message: TwinsFound) -> None:
        if not message.twins:
            super().action_save()
            return
        from refterm.screens.merging import TwinDialog

        self.twins = message.twins
        self.app.push_screen(TwinDialog(message.name, message.twins), self._twin_answer)

    def _twin_answer(self, answer: str | None) -> None:
        if answer == "add":
            self.anyway = True
            super().action_save()
        elif answer == "open":
            from refterm.screens.contact_detail import ContactDetailScreen

            app, twin_id = self.app, self.twins[0].contact_id
            self.dismiss(None)
            app.push_screen(ContactDetailScreen(twin_id))
        else:
            self.query_one("#full_name").focus()

    def typed(self) -> ContactForm:
        """The fields as typed."""
        return ContactForm(
            full_name=self.value("full_name"),
            company=self.optional("company"),
            title=self.optional("title"),
            relationship=self.optional("relationship"),
            how_we_met=self.optional("how_we_met"),
            known_since=self.optional("known_since"),
            greeting_name=self.optional("greeting_name"),
            formality=self.optional("formality"),
            civility=self.optional("civility"),
            email=self.optional("email"),
            phone=self.optional("phone"),
            linkedin_url=self.optional("linkedin_url"),
            language=self.optional("language"),
            keep_in_touch_days=self.optional("keep_in_touch_days"),
            notes=self.optional("notes"),
            tags=[tag for tag in self.value("tags").split(",") if tag.strip()],
        )

    def submit(self) -> Callable[[], Written[int]]:
        # The version read when the form opened: a save over someone else's change is refused.
        context, contact_id, form = context_of(self), self.contact_id, self.typed()
        version = self.form.version

        def save() -> Written[int]:
            from refterm.core.contacts import create_contact, update_contact, validate

            fields = validate(form, context.settings)
            if contact_id is None:
                contact = create_contact(context.database, fields)
                return Written(contact.id or 0, _("Added {name}").format(name=contact.full_name))
            contact = update_contact(context.database, contact_id, fields, version=version)
            return Written(contact.id or 0, _("Saved {name}").format(name=contact.full_name))

        return save
