"""Commands for call scripts and their templates: `script`, `templates list/show/edit`."""

from __future__ import annotations

import os
import shutil
import sys

import click

from refterm.cli.completion import complete_contact
from refterm.cli.options import vocab_choice
from refterm.cli.state import CliState, pass_state
from refterm.core.script_files import SCRIPT_TEMPLATES
from refterm.model.display import safe_text
from refterm.model.vocab import Language

# Tried in order when neither $VISUAL nor $EDITOR is set and a person is at the terminal.
FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vim", "vi")


@click.command()
@click.argument("contact_ref", metavar="CONTACT", shell_complete=complete_contact)
@click.option(
    "--template",
    "-t",
    metavar="NAME",
    help=f"One of {', '.join(SCRIPT_TEMPLATES)} (default: the one that fits the situation).",
)
@click.option(
    "--lang",
    "language",
    type=vocab_choice(Language),
    help="Language of the script (default: the contact's, else your profile's).",
)
@click.option("--ask", "ask_id", type=int, metavar="ID", help="The ask the script is about.")
@click.option("--copy", is_flag=True, help="Also put the script on the clipboard.")
@click.option(
    "--voicemail", is_flag=True, help="The voicemail version of a call script (20-30 seconds)."
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
    """Print a call or message script for CONTACT (an id or a name).

    Without -t, the script that fits the situation; a template whose facts do not hold
    (nothing received yet, no agreed recommendation...) is refused, naming what is missing.
    """
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
        click.echo(SYSTEM_COPIED, err=True)
    elif allowed.osc52:
        if not sys.stderr.isatty():
            raise ClipboardUnavailable(
                'clipboard = "osc52" sends the text to the terminal, and there is none here; '
                'use clipboard = "system" (with xclip, xsel or wl-clipboard) to copy'
            )
        sys.stderr.write(osc52_sequence(text))
        sys.stderr.flush()
        click.echo(OSC52_SENT, err=True)
    else:
        raise ClipboardUnavailable(CLIPBOARD_OFF)


@click.group()
def templates() -> None:
    """List, show and edit script templates; your copies override the built-in ones."""


@templates.command("list")
def templates_list() -> None:
    """Each template, its languages, and whether your copy overrides the built-in one."""
    from refterm import paths
    from refterm.core.script_files import list_templates

    folder = paths.user_templates_dir()
    for info in list_templates(folder):
        if not info.builtin:
            source = "yours"
        elif info.overridden:
            source = f"overridden by yours ({', '.join(info.overridden)})"
        else:
            source = "built-in"
        click.echo(safe_text(f"{info.name:<22} {' '.join(info.languages):<6} {source}"))
    click.echo(f"your templates: {folder}", err=True)


@templates.command("show")
@click.argument("name")
@click.option(
    "--lang",
    "language",
    type=vocab_choice(Language),
    help="Which language (default: the configured one).",
)
@pass_state
def templates_show(state: CliState, name: str, language: str | None) -> None:
    """Print the template NAME as it will be used (your copy if you have one)."""
    from refterm import paths
    from refterm.core.script_files import template_file
    from refterm.errors import RefTermError

    source = template_file(name, language or state.settings.language, paths.user_templates_dir())
    try:
        text = source.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RefTermError(f"cannot read {source.path}: {error}") from None
    click.echo(f"# {source.path} ({'your copy' if source.is_user else 'built-in'})", err=True)
    click.echo(safe_text(text, multiline=True), nl=not text.endswith("\n"))


@templates.command("edit")
@click.argument("name")
@click.option(
    "--lang",
    "language",
    type=vocab_choice(Language),
    help="Which language (default: the configured one).",
)
@pass_state
def templates_edit(state: CliState, name: str, language: str | None) -> None:
    """Open your copy of NAME in $EDITOR, copying the built-in one first."""
    from refterm import paths
    from refterm.core.scripts import check_template, ensure_user_copy
    from refterm.errors import TemplateFailed

    folder = paths.user_templates_dir()
    lang = language or state.settings.language
    path = ensure_user_copy(name, lang, folder)
    editor = _editor()
    if editor is None:
        click.echo(f"your copy is {path}")
        click.echo("edit it with any text editor (set $EDITOR to open it from here)")
        return
    click.edit(filename=str(path), editor=editor)
    if "." not in name.strip():  # export templates need a dossier, not a sample contact
        try:
            check_template(name, lang, folder, state.today)
        except TemplateFailed as error:
            raise TemplateFailed(f"saved, but it cannot be used yet: {error.message}") from None
    click.echo(f"saved {path}")


def _editor() -> str | None:
    """$VISUAL or $EDITOR, else a usual editor when someone is at the terminal, else None."""
    for variable in ("VISUAL", "EDITOR"):
        if os.environ.get(variable, "").strip():
            return os.environ[variable]
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    return next((found for found in map(shutil.which, FALLBACK_EDITORS) if found), None)


COMMANDS: list[click.Command] = [script, templates]
