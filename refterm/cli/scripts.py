"""Commands for call scripts and their templates: `script`, `templates list/show/edit`."""

from __future__ import annotations

import os
import shutil
import sys

import click

from refterm.cli.completion import complete_contact
from refterm.cli.language import filled
from refterm.cli.options import vocab_choice
from refterm.cli.state import CliState, pass_state
from refterm.core.script_files import SCRIPT_TEMPLATES
from refterm.model.display import safe_text
from refterm.model.i18n import N_, _
from refterm.model.vocab import Language

# Tried in order when neither $VISUAL nor $EDITOR is set and a person is at the terminal.
FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vim", "vi")


@click.command(
    help=N_(
        "Print a call or message script for CONTACT (an id or a name).\n\n"
        "Without -t, the script that fits the situation; a template whose facts do not hold "
        "(nothing received yet, no agreed recommendation...) is refused, naming what is missing."
    )
)
@click.argument("contact_ref", metavar=N_("CONTACT"), shell_complete=complete_contact)
@click.option(
    "--template",
    "-t",
    metavar=N_("NAME"),
    help=filled(
        N_("One of {templates} (default: the one that fits the situation)."),
        templates=", ".join(SCRIPT_TEMPLATES),
    ),
)
@click.option(
    "--lang",
    "language",
    type=vocab_choice(Language),
    help=N_("Language of the script (default: the contact's, else your profile's)."),
)
@click.option(
    "--ask", "ask_id", type=int, metavar=N_("ID"), help=N_("The ask the script is about.")
)
@click.option("--copy", is_flag=True, help=N_("Also put the script on the clipboard."))
@click.option(
    "--voicemail",
    is_flag=True,
    help=N_("The voicemail version of a call script (20-30 seconds)."),
)
@pass_state
def script(
    state: CliState,
    contact_ref: str,
    template: str | None,
    language: str | None,
    ask_id: int | None,
    copy: bool,
    voicemail: bool,
) -> None:
    from refterm import paths
    from refterm.core.contacts import resolve_contact
    from refterm.core.scripts import render_script

    person = resolve_contact(state.database, contact_ref)
    rendered = render_script(
        state.database,
        state.settings,
        state.today,
        person.id or 0,
        template=template,
        language=language,
        ask_id=ask_id,
        user_dir=paths.user_templates_dir(),
        voicemail=voicemail,
    )
    click.echo(rendered.text)
    if copy:
        _copy(rendered.text, state.settings.clipboard)


def _copy(text: str, mode: str) -> None:
    """Copy as `clipboard` in config.toml allows; failures exit 1 after the script was printed."""
    from refterm.clipboard import (
        CLIPBOARD_OFF,
        OSC52_SENT,
        SYSTEM_COPIED,
        copy_to_system,
        mechanisms,
        osc52_sequence,
    )
    from refterm.errors import ClipboardUnavailable

    allowed = mechanisms(mode)
    if allowed.system:
        copy_to_system(text)
        click.echo(_(SYSTEM_COPIED), err=True)
    elif allowed.osc52:
        if not sys.stderr.isatty():
            raise ClipboardUnavailable(
                _(
                    'clipboard = "osc52" sends the text to the terminal, and there is none here; '
                    'use clipboard = "system" (with xclip, xsel or wl-clipboard) to copy'
                )
            )
        sys.stderr.write(osc52_sequence(text))
        sys.stderr.flush()
        click.echo(_(OSC52_SENT), err=True)
    else:
        raise ClipboardUnavailable(_(CLIPBOARD_OFF))


@click.group(
    help=N_("List, show and edit script templates; your copies override the built-in ones.")
)
def templates() -> None:
    pass


@templates.command(
    "list",
    help=N_("Each template, its languages, and whether your copy overrides the built-in one."),
)
def templates_list() -> None:
    from refterm import paths
    from refterm.core.script_files import list_templates

    folder = paths.user_templates_dir()
    for info in list_templates(folder):
        if not info.builtin:
            source = _("yours")
        elif info.overridden:
            source = _("overridden by yours ({languages})").format(
                languages=", ".join(info.overridden)
            )
        else:
            source = _("built-in")
        click.echo(safe_text(f"{info.name:<22} {' '.join(info.languages):<6} {source}"))
    click.echo(_("your templates: {folder}").format(folder=folder), err=True)


@templates.command(
    "show", help=N_("Print the template NAME as it will be used (your copy if you have one).")
)
@click.argument("name", metavar=N_("NAME"))
@click.option(
    "--lang",
    "language",
    type=vocab_choice(Language),
    help=N_("Which language (default: the configured one)."),
)
@pass_state
def templates_show(state: CliState, name: str, language: str | None) -> None:
    from refterm import paths
    from refterm.core.script_files import template_file
    from refterm.errors import RefTermError

    source = template_file(name, language or state.settings.language, paths.user_templates_dir())
    try:
        text = source.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RefTermError(
            _("cannot read {file}: {error}").format(file=source.path, error=error)
        ) from None
    whose = _("your copy") if source.is_user else _("built-in")
    click.echo(f"# {source.path} ({whose})", err=True)
    click.echo(safe_text(text, multiline=True), nl=not text.endswith("\n"))


@templates.command(
    "edit", help=N_("Open your copy of NAME in $EDITOR, copying the built-in one first.")
)
@click.argument("name", metavar=N_("NAME"))
@click.option(
    "--lang",
    "language",
    type=vocab_choice(Language),
    help=N_("Which language (default: the configured one)."),
)
@pass_state
def templates_edit(state: CliState, name: str, language: str | None) -> None:
    from refterm import paths
    from refterm.core.scripts import check_template, ensure_user_copy
    from refterm.errors import TemplateFailed

    folder = paths.user_templates_dir()
    lang = language or state.settings.language
    path = ensure_user_copy(name, lang, folder)
    editor = _editor()
    if editor is None:
        click.echo(_("your copy is {file}").format(file=path))
        click.echo(_("edit it with any text editor (set $EDITOR to open it from here)"))
        return
    click.edit(filename=str(path), editor=editor)
    if "." not in name.strip():  # export templates need a dossier, not a sample contact
        try:
            check_template(name, lang, folder, state.today)
        except TemplateFailed as error:
            raise TemplateFailed(
                _("saved, but it cannot be used yet: {reason}").format(reason=error.message)
            ) from None
    click.echo(_("saved {file}").format(file=path))


def _editor() -> str | None:
    """$VISUAL or $EDITOR, else a usual editor when someone is at the terminal, else None."""
    for variable in ("VISUAL", "EDITOR"):
        if os.environ.get(variable, "").strip():
            return os.environ[variable]
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    return next((found for found in map(shutil.which, FALLBACK_EDITORS) if found), None)


COMMANDS: list[click.Command] = [script, templates]
