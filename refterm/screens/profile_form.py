"""The profile form (`e` on the Dossier): who the scripts and the dossier speak for."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult

from refterm.core.profile import ProfileForm
from refterm.model.i18n import N_, _
from refterm.model.records import copy_as
from refterm.model.vocab import Language, SearchStatus
from refterm.screens.base import context_of
from refterm.screens.dialogs import FormDialog, choice_list, picker, text_box, text_input
from refterm.screens.messages import ProfileChanged
from refterm.screens.writing import Written


class ProfileDialog(FormDialog[bool]):
    """Edit the one profile; the header shows the new name at once."""

    heading = N_("Your profile")
    loads = True

    def __init__(self) -> None:
        super().__init__()
        self.profile = ProfileForm()

    def load(self) -> None:
        from refterm.core.profile import get_profile

        self.profile = copy_as(ProfileForm, get_profile(context_of(self).database))

    def compose_fields(self) -> ComposeResult:
        profile = self.profile
        yield from self.field(
            "name",
            _("Your name"),
            text_input(profile.name, _("needed before any script is shown")),
        )
        yield from self.field(
            "headline",
            _("Headline"),
            text_input(profile.headline, _("e.g. Data engineering lead")),
        )
        yield from self.field("email", _("E-mail"), text_input(profile.email))
        yield from self.field("phone", _("Phone"), text_input(profile.phone))
        yield from self.field("city", _("City"), text_input(profile.city))
        yield from self.field("target_roles", _("Target roles"), text_box(profile.target_roles))
        yield from self.field(
            "language",
            _("Language"),
            picker(choice_list(Language), profile.language),
            hint=_("the scripts' language when a contact has none"),
        )
        yield from self.field(
            "search_status", _("Search status"),
            picker(choice_list(SearchStatus), profile.search_status, blank=False),
            hint=_("employed: building your dossier · open: quietly · looking: actively"),
        )  # fmt: skip

    def submit(self) -> Callable[[], Written[bool]]:
        context = context_of(self)
        form = ProfileForm(
            name=self.optional("name"),
            headline=self.optional("headline"),
            email=self.optional("email"),
            phone=self.optional("phone"),
            city=self.optional("city"),
            target_roles=self.optional("target_roles"),
            language=self.optional("language"),
            search_status=self.optional("search_status"),
            version=self.profile.version,  # as loaded: a save over someone else's is refused
        )

        def save() -> Written[bool]:
            from refterm.core.profile import save_profile

            save_profile(context.database, form, context.settings)
            return Written(True, _("Profile saved"))

        return save

    def after_save(self, value: bool) -> None:
        self.app.post_message(ProfileChanged())
