"""The command line in the interface language: refterm's help texts and click's own words.

Help texts are given at import (decorators), so they are marked with `N_` and the whole command
tree is translated once the language is chosen, from the English kept on each object (so it can
be done again in another language). Click says "Usage:", "Options" and its errors through the
global gettext domain: it is pointed at refterm's catalog, in the chosen language.
"""

from __future__ import annotations

import gettext
import os

import click

from refterm.model import i18n
from refterm.model.i18n import N_, ngettext

# click 8.5's own words that a refterm user meets (help pages, usage errors, prompts), listed
# here so that `make messages` puts them in refterm's catalog; click looks them up itself.
CLICK_WORDS = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Aborted!"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("integer"),
    N_("integer range"),
    N_("text"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("Repeat for confirmation"),
    N_("Error: invalid input"),
    N_("Error: The two entered values do not match."),
    N_("Do you want to continue?"),
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("[COMMAND] [ARGS]..."),
)


def click_plurals(count: int) -> list[str]:
    """click's words that change with a number, as refterm's catalog has them for `count`.

    Listed here so that `make messages` extracts them as plurals (click calls
    `gettext.ngettext` with the same English); the catalog test reads them back.
    """
    return [
        ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", count),
        ngettext(
            "Got unexpected extra argument ({args})",
            "Got unexpected extra arguments ({args})",
            count,
        ),
        ngettext(
            "Option {name!r} requires an argument.",
            "Option {name!r} requires {nargs} arguments.",
            count,
        ),
        ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", count),
    ]


# The English of each translated attribute, kept on the object the first time.
_ENGLISH = "_refterm_english"
# Parameter types whose name appears in click's help and errors ("path 'x' does not exist").
_TYPE_NAMES = (click.Path, click.types.IntParamType, click.types.StringParamType)
# Help texts with a {placeholder} filled in (a list of names known at import): the English as
# shown -> (its msgid, the values).
_FILLED: dict[str, tuple[str, dict[str, str]]] = {}


def filled(message: str, **values: str) -> str:
    """`message` (marked with N_) with its {placeholders} filled: a help text that stays
    translatable (the French is filled with the same values)."""
    shown = message.format(**values)
    _FILLED[shown] = (message, values)
    return shown


def speak(language: str) -> None:
    """Speak `language` from now on: refterm's strings, click's words and the command tree."""
    i18n.set_language(language)
    gettext.bindtextdomain(i18n.DOMAIN, str(i18n.LOCALE_DIR))
    gettext.textdomain(i18n.DOMAIN)
    # gettext's global functions (which click calls) find the language in the environment;
    # LANGUAGE names it for messages only, and the editor refterm opens speaks it too.
    os.environ["LANGUAGE"] = language


def translate_commands(command: click.Command) -> None:
    """Every help text, metavar and usage word of `command` and its sub-commands, translated."""
    _translate(command, ("help", "short_help", "epilog", "options_metavar"))
    if isinstance(command, click.Group):
        _translate(command, ("subcommand_metavar",))
    params = list(command.params)
    cached_help = getattr(command, "_help_option", None)  # click builds it once, then keeps it
    if isinstance(cached_help, click.Parameter):
        params.append(cached_help)
    for param in params:
        _translate(param, ("help", "metavar"))
        if isinstance(param.type, _TYPE_NAMES):
            _translate(param.type, ("name",))
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            translate_commands(sub)


def english(thing: object, attribute: str) -> str:
    """The English of a translated attribute (a command's help...), as the code wrote it."""
    kept: dict[str, str] = thing.__dict__.get(_ENGLISH, {})
    return kept.get(attribute) or str(getattr(thing, attribute))


def _translate(thing: object, attributes: tuple[str, ...]) -> None:
    english: dict[str, str] = thing.__dict__.setdefault(_ENGLISH, {})
    for attribute in attributes:
        if attribute not in english:
            value = getattr(thing, attribute, None)
            if not isinstance(value, str) or not value:
                continue
            english[attribute] = value
        source = english[attribute]
        if source in _FILLED:
            message, values = _FILLED[source]
            setattr(thing, attribute, i18n._(message).format(**values))
        else:
            setattr(thing, attribute, i18n._(source))
