"""The interface language: every string a user reads passes through `_` or `ngettext` here.

One gettext catalog per language (`refterm/locale/<lang>/LC_MESSAGES/refterm.po`, compiled to
`.mo` when the package is built or installed). The language is chosen once at start-up (config,
`--ui-lang`, or the locale) and may be switched from the palette: `_` looks it up at each call,
so a string translated at import time would stay in the start-up language. Strings that must be
named at import time (class attributes, module constants) are marked with `N_` and translated
where they are shown.

This is the interface's language only. Scripts and the dossier are written in the language of
the contact or of the export (`Settings.language`), whatever the interface speaks.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterable, Mapping
from pathlib import Path

DOMAIN = "refterm"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
UI_LANGUAGES = ("en", "fr")
SOURCE_LANGUAGE = "en"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


class CatalogMissing(Exception):
    """The compiled catalog of a language is not installed (the package was not built)."""


def set_language(language: str) -> None:
    """Speak `language` from now on ('en' or 'fr'); a missing catalog is an error, not English."""
    global _translation, _language
    if language not in UI_LANGUAGES:
        raise ValueError(f"unknown interface language {language!r}")
    if language == SOURCE_LANGUAGE:
        _translation = _gettext.NullTranslations()
    else:
        try:
            _translation = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
        except OSError:
            # No catalog, no translation: this one line stays in English.
            hint = "reinstall refterm (pip install . or make run)"  # untranslated: no catalog
            raise CatalogMissing(f"{catalog_path(language, '.mo')} missing; {hint}") from None
    _language = language


def language() -> str:
    """The language the interface speaks now."""
    return _language


def catalog_path(language: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def language_from_environment(environ: Mapping[str, str]) -> str:
    """'fr' when the locale says French (LC_ALL, then LC_MESSAGES, then LANG), else 'en'."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def _(message: str) -> str:
    """`message` in the interface language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` in the interface language (French: 0 and 1 are singular)."""
    return _translation.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` where the same English word needs different translations ('open' a file/ask)."""
    return _translation.pgettext(context, message)


def number(value: int) -> str:
    """'100,000' in English, '100 000' in French (a narrow no-break space between groups)."""
    grouped = f"{value:,}"
    return grouped.replace(",", "\u202f") if _language == "fr" else grouped


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """`ngettext` for a word that needs its own translation in this context ('table')."""
    return _translation.npgettext(context, singular, plural, count)


def joined(items: Iterable[str]) -> str:
    """Items in one line, separated the interface's way ('a; b', French « a ; b »)."""
    return pgettext("list separator", "; ").join(items)


def N_(message: str) -> str:
    """Marks `message` for the catalog without translating it: `_` it where it is shown."""
    return message
