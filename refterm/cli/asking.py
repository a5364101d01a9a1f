"""Yes-or-no questions on the terminal, in the interface language.

click's own confirm prints `[y/N]` and takes only y/yes/n/no, whatever the language: a French
user would read « Supprimer Ada ? [y/N] ». Here the choices and the answers are the
catalog's (`[o/N]`, oui/non), and the English letters are taken in every language.
"""

from __future__ import annotations

import sys

import click

from refterm.model.display import safe_text
from refterm.model.i18n import pgettext

YES = ("y", "yes")
NO = ("n", "no")


def on_a_terminal() -> bool:
    """Whether someone is there to read a question and answer it (not a script or a pipe)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _words(translated: str, english: tuple[str, ...]) -> set[str]:
    return {word.strip().casefold() for word in translated.split(",")} | set(english)


def yes_or_no(question: str) -> bool:
    """Ask `question` until the answer is yes or no; an empty answer is no."""
    # i18n: the choices after a question, the first letter of yes then of no
    choices = pgettext("answer", "[y/N]")
    # i18n: the answers that mean yes, separated by commas
    yes = _words(pgettext("answer", "y, yes"), YES)
    # i18n: the answers that mean no, separated by commas
    no = _words(pgettext("answer", "n, no"), NO)
    while True:
        answer = click.prompt(
            f"{safe_text(question)} {choices}", default="", show_default=False, prompt_suffix=" "
        )
        said = answer.strip().casefold()
        if not said or said in no:
            return False
        if said in yes:
            return True
        click.echo(pgettext("answer", "Please answer yes or no."), err=True)
