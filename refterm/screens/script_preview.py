"""The script preview (`c`): the suggested script, other templates, the other language, copy."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Static, TextArea

from refterm.model.i18n import N_, _
from refterm.screens.base import context_of, steady_cursors, tell, tell_error
from refterm.screens.copying import copy_text
from refterm.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from refterm.core.scripts import Script

TEMPLATE_TITLES = {  # N_-marked: translated where shown
    "call_reference": N_("Call: ask for a reference"),
    "call_recommendation": N_("Call: ask for a recommendation"),
    "email_recommendation": N_("E-mail: ask for a recommendation"),
    "follow_up": N_("Follow up on a recommendation"),
    "brief_reference": N_("Brief a reference before the recruiter calls"),
    "thank_you": N_("Say thank you"),
    "keep_in_touch": N_("Keep in touch (no ask)"),
}
EDITORS = ("sensible-editor", "editor", "nano", "vim", "vi")


def open_script(screen: Screen[Any], contact_id: int, ask_id: int | None = None,
                use_id: int | None = None, template: str | None = None) -> None:  # fmt: skip
    """Show the script that fits this contact (and ask, or reference use), or `template`."""
    preview = ScriptPreview(contact_id, ask_id=ask_id, use_id=use_id)
    preview.template = template
    screen.app.push_screen(preview)


def editor_command() -> list[str] | None:
    """$VISUAL, else $EDITOR, else the first usual editor found."""
    for variable in ("VISUAL", "EDITOR"):
        if os.environ.get(variable, "").strip():
            return shlex.split(os.environ[variable])
    for name in EDITORS:
        if shutil.which(name):
            return [name]
    return None


class ScriptPreview(ModalScreen[None]):
    """The rendered script in a read-only text area (select with the mouse, or press c)."""

    BINDINGS = [
        Binding(
            "c",
            "copy",
            N_("Copy"),
            tooltip=N_("Copy the script to the clipboard"),
            id="script.copy",
        ),
        Binding(
            "t",
            "next_template",
            N_("Next template"),
            tooltip=N_("Try the next script template"),
            id="script.template",
        ),
        Binding(
            "L",
            "switch_language",
            N_("Language"),
            tooltip=N_("Switch between French and English"),
            key_display="L",
            id="script.language",
        ),
        Binding(
            "v",
            "voicemail",
            N_("Voicemail"),
            tooltip=N_("The voicemail version of a call script"),
            id="script.voicemail",
        ),
        Binding(
            "e",
            "edit_template",
            N_("Edit template"),
            tooltip=N_("Edit your own copy of this template in $EDITOR"),
            id="script.edit",
        ),
        Binding(
            "l", "log", N_("Log outcome"), tooltip=N_("Log how the call went"), id="script.log"
        ),
        Binding("escape", "close", N_("Close"), tooltip=N_("Back to the list"), id="script.close"),
    ]

    @dataclass
    class ScriptRendered(Message):
        """A script, or the reason none could be rendered."""

        script: Script | None
        problem: str = ""
        template: str | None = None
        language: str | None = None
        refused: bool = False

    def __init__(self, contact_id: int, ask_id: int | None = None,
                 use_id: int | None = None) -> None:  # fmt: skip
        super().__init__()
        self.contact_id = contact_id
        self.ask_id = ask_id
        self.use_id = use_id
        self.template: str | None = None
        self.language: str | None = None
        self.voicemail = False
        self.script: Script | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog script") as box:
            box.border_title = _("Script")
            box.border_subtitle = self._keys_line()
            yield Static(id="script-heading")
            yield TextArea("", read_only=True, soft_wrap=True, id="script-text",
                           show_cursor=False)  # fmt: skip
        yield KeyFooter()

    def on_mount(self) -> None:
        steady_cursors(self)
        self.query_one(TextArea).focus()
        self._render_script()

    @work(thread=True, exclusive=True, group="script")
    def _render_script(self) -> None:
        from refterm import paths
        from refterm.core.scripts import render_script
        from refterm.errors import RefTermError, ScriptRefused

        context = context_of(self)
        try:
            script = render_script(
                context.database,
                context.settings,
                context.today,
                self.contact_id,
                template=self.template,
                language=self.language,
                ask_id=self.ask_id,
                use_id=self.use_id,
                user_dir=paths.user_templates_dir(),
                voicemail=self.voicemail,
            )
        except ScriptRefused as error:
            # Its facts do not hold: say what is missing, and leave nothing on screen to copy.
            template, language = self._intended(self.template, self.language)
            self.post_message(self.ScriptRendered(None, error.message, template, language, True))
            return
        except RefTermError as error:
            template, language = self._intended(self.template, self.language)
            self.post_message(self.ScriptRendered(None, error.message, template, language))
            return
        self.post_message(self.ScriptRendered(script))

    def _intended(self, template: str | None, language: str | None) -> tuple[str | None, str]:
        """The template and language a failed render was for, so that `e` can open it."""
        from refterm.core.contacts import get_contact
        from refterm.core.profile import get_profile
        from refterm.core.scripts import script_language, suggest_template
        from refterm.errors import RefTermError

        context = context_of(self)
        try:
            if template is None:
                template = suggest_template(
                    context.database,
                    self.contact_id,
                    context.today,
                    self.ask_id,
                    self.use_id,
                    context.settings,
                ).template
            contact = get_contact(context.database, self.contact_id)
            profile = get_profile(context.database)
            return template, script_language(
                contact.language, profile.language, context.settings, language
            )
        except RefTermError:
            return template, language or context.settings.language

    def on_script_preview_script_rendered(self, message: ScriptRendered) -> None:
        self.call_after_refresh(self._show_keys)  # `v` follows the template shown
        area = self.query_one(TextArea)
        heading = self.query_one("#script-heading", Static)
        if message.script is None and message.refused:
            heading.update(Content.assemble((_("Not this script") + "\n", "bold $warning"),
                                            message.problem))  # fmt: skip
            self.script = None
            area.text = ""
            self.template = message.template or self.template
            self.language = message.language or self.language
            return
        if message.script is None:
            # A broken user template: say which file and why; keep the previous script if any.
            heading.update(Content.assemble((_("Cannot show this script") + "\n", "bold $error"),
                                            message.problem))  # fmt: skip
            if self.script is None:
                area.text = ""
            self.template = message.template or self.template
            self.language = message.language or self.language
            return
        script = message.script
        self.script = script
        self.template = script.template
        self.language = script.language
        title = TEMPLATE_TITLES.get(script.template)
        box = self.query_one(".script", Vertical)
        box.border_title = " · ".join(
            (_("Script"), _(title) if title else script.template, script.language)
        )
        parts: list[tuple[str, str] | str] = [
            (_("Template") + " ", "dim"), (script.template, "bold"),
            "   ", (_("language") + " ", "dim"), (script.language, "bold"),
        ]  # fmt: skip
        if self.voicemail:
            parts += ["   ", (_("voicemail"), "bold $accent")]
        if script.subject:
            parts += ["\n", (_("Subject") + "  ", "dim"), (script.subject, "bold")]
        heading.update(Content.assemble(*parts))
        area.text = script.text
        area.scroll_home(animate=False)

    # -- keys ------------------------------------------------------------------------------

    def action_next_template(self) -> None:
        from refterm.core.script_facts import CALL_SCRIPTS
        from refterm.core.script_files import SCRIPT_TEMPLATES

        current = self.template if self.template in SCRIPT_TEMPLATES else SCRIPT_TEMPLATES[-1]
        self.template = SCRIPT_TEMPLATES[
            (SCRIPT_TEMPLATES.index(current) + 1) % len(SCRIPT_TEMPLATES)
        ]
        self.voicemail = self.voicemail and self.template in CALL_SCRIPTS
        self._render_script()

    def _keys_line(self) -> str:
        """The keys under the script; `v` only for a call script (the others have no voicemail)."""
        from refterm.core.script_facts import CALL_SCRIPTS

        if self.template is None or self.template in CALL_SCRIPTS:
            return _("c copy · t next template · v voicemail · L language · e edit · l log")
        return _("c copy · t next template · L language · e edit · l log")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "voicemail":  # only a call script has a voicemail version
            from refterm.core.script_facts import CALL_SCRIPTS

            return self.template in CALL_SCRIPTS
        return True

    def _show_keys(self) -> None:
        self.query_one(".script", Vertical).border_subtitle = self._keys_line()
        self.refresh_bindings()

    def action_voicemail(self) -> None:
        self.voicemail = not self.voicemail
        self._render_script()

    def action_switch_language(self) -> None:
        self.language = "en" if self.language == "fr" else "fr"
        self._render_script()

    def action_copy(self) -> None:
        if self.script is not None:
            copy_text(self, self.script.text)

    def action_edit_template(self) -> None:
        if self.template is None or self.language is None:
            return
        from refterm import paths
        from refterm.core.scripts import ensure_user_copy
        from refterm.errors import RefTermError

        try:
            path = ensure_user_copy(self.template, self.language, paths.user_templates_dir())
        except RefTermError as error:
            tell_error(self, error)
            return
        command = editor_command()
        if command is None:
            tell_error(
                self, _("No editor found: set $EDITOR. Your copy is {path}").format(path=path)
            )
            return
        try:
            with self.app.suspend():
                subprocess.run([*command, str(path)], check=False)
        except Exception as error:  # no terminal to hand over, or the editor would not start
            editor = command[0]
            tell_error(
                self,
                _("Could not run {editor} ({error}). Your copy is {path}").format(
                    editor=editor, error=error, path=path
                ),
            )
            return
        self.app.refresh()
        tell(self, _("Using your template {path}").format(path=path))
        self._render_script()

    def retranslate(self) -> None:
        """The frame and keys in the interface language (the script keeps its own language)."""
        box = self.query_one(".script", Vertical)
        box.border_title = _("Script")
        box.border_subtitle = self._keys_line()
        self.refresh_bindings()
        self._render_script()

    def action_log(self) -> None:
        from refterm.screens.log_form import LogDialog

        ask_id = self.script.ask_id if self.script else self.ask_id
        self.dismiss(None)
        self.app.push_screen(LogDialog(self.contact_id, ask_id))

    def action_close(self) -> None:
        self.dismiss(None)
