"""Plurals through one helper shaped like gettext's `ngettext`, ready for translation."""

from __future__ import annotations


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` by the English rule (only one is singular); a catalogue adds others."""
    return singular if count == 1 else plural


def counted(count: int, singular: str, plural: str) -> str:
    """'1 person', '2,048 people': `{count}` in either form is replaced by the grouped number."""
    form = ngettext(singular, plural, count)
    number = f"{count:,}"
    return form.replace("{count}", number) if "{count}" in form else f"{number} {form}"
