"""Counts in words: the plural form and the grouped number, both in the interface language."""

from __future__ import annotations

from refterm.model.i18n import ngettext, number

__all__ = ["counted", "ngettext"]


def counted(count: int, singular: str, plural: str) -> str:
    """'1 person', '2,048 people' ('2 048 personnes'): `{count}` is replaced by the number.

    The two forms are English msgids (extracted as `counted:2,3`); a form without `{count}`
    gets the number in front.
    """
    form = ngettext(singular, plural, count)
    shown = number(count)
    return form.replace("{count}", shown) if "{count}" in form else f"{shown} {form}"
