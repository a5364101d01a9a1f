"""The profile form (`e` on the Dossier): who the scripts and the dossier speak for."""

from __future__ import annotations

from textual.app import ComposeResult

from refterm.core.profile import ProfileForm
from refterm.model.vocab import Language, choices
from refterm.screens.base import context_of, tell
from refterm.screens.dialogs import FormDialog, choice_list, picker, text_box, text_input
from refterm.screens.messages import ProfileChanged


class ProfileDialog(FormDialog[bool]):
    """Edit the one profile; the header shows the new name at once."""

    heading = "Your profile"

    def compose_fields(self) -> ComposeResult:
        from refterm.core.profile import get_profile

        profile = get_profile(context_of(self).database)
        yield from self.field("name", "Your name", text_input(profile.name, "used in the scripts"))
        yield from self.field(
            "headline", "Headline", text_input(profile.headline, "e.g. Data engineering lead")
        )
        yield from self.field("email", "E-mail", text_input(profile.email))
        yield from self.field("phone", "Phone", text_input(profile.phone))
        yield from self.field("city", "City", text_input(profile.city))
        yield from self.field("target_roles", "Target roles", text_box(profile.target_roles))
        yield from self.field(
            "language", "Language", picker(choice_list(choices(Language)), profile.language),
            hint="the scripts' language when a contact has none",
        )  # fmt: skip

    def submit(self) -> bool:
        from refterm.core.profile import save_profile

        context = context_of(self)
        form = ProfileForm(
            name=self.optional("name"),
            headline=self.optional("headline"),
            email=self.optional("email"),
            phone=self.optional("phone"),
            city=self.optional("city"),
            target_roles=self.optional("target_roles"),
            language=self.optional("language"),
        )
        save_profile(context.database, form, context.settings)
        self.app.post_message(ProfileChanged())
        tell(self, "Profile saved")
        return True
