"""The French catalog is complete, current, well-formed and typeset like the rest of refterm.

What `make messages` would extract from the code is compared with refterm/locale/fr: a string
without a translation, a translation whose English source is gone, a placeholder lost in
translation and English typography in French each fail here, naming the string.
"""

from __future__ import annotations

import gettext
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from refterm.model import i18n
from refterm.model.text import french_typography

PACKAGE = Path(i18n.__file__).resolve().parents[1]
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "counted": (2, 3),
}


def extracted() -> dict[str, tuple[str, ...]]:
    """msgid -> (msgid, msgid_plural) of every string the code marks, keyed like the catalog."""
    found: dict[str, tuple[str, ...]] = {}
    for _file, _line, message, _comments, context in extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("i18n:",),
    ):
        forms = (message,) if isinstance(message, str) else tuple(message)
        found[key_of(forms[0], context)] = forms
    return found


def key_of(msgid: str, context: str | None) -> str:
    return f"{context}\x04{msgid}" if context else msgid


def french() -> Catalog:
    with i18n.catalog_path("fr").open("rb") as po_file:
        return read_po(po_file, locale="fr")


def entries(catalog: Catalog) -> Iterator[Message]:
    for message in catalog:
        if message.id:
            yield message


def msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def translations(message: Message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def test_every_marked_string_has_a_french_translation() -> None:
    catalog = {key_of(msgid(m), m.context): m for m in entries(french())}
    missing = [
        key
        for key in extracted()
        if key not in catalog
        or catalog[key].fuzzy
        or not all(text.strip() for text in translations(catalog[key]))
    ]
    assert missing == [], "untranslated (run `make messages`, then translate):\n" + "\n".join(
        missing
    )


def test_the_catalog_keeps_no_string_the_code_no_longer_says() -> None:
    code = extracted()
    gone = [msgid(m) for m in entries(french()) if key_of(msgid(m), m.context) not in code]
    assert gone == [], "obsolete (run `make messages`):\n" + "\n".join(gone)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_translations_keep_the_placeholders_of_their_source() -> None:
    """Each form keeps its own source's: a plural form may say {choices} where the singular
    says {choice} (click's "{value!r} is not {choice}." / "... one of {choices}.")."""
    wrong = []
    for message in entries(french()):
        sources = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        for form, text in enumerate(translations(message)):
            wanted = fields(sources[min(form, len(sources) - 1)])
            try:
                if fields(text) != wanted:
                    wrong.append(f"{msgid(message)!r} -> {text!r}")
            except ValueError:
                wrong.append(f"{msgid(message)!r} -> {text!r} (a stray brace)")
    assert wrong == []


def test_translations_are_typeset_the_french_way() -> None:
    """No straight apostrophe, the right no-break spaces before ? ! ; : and inside « »."""
    wrong = [
        f"{msgid(m)!r}: {text!r}"
        for m in entries(french())
        for text in translations(m)
        if french_typography(text) != text
    ]
    assert wrong == []


def test_the_installed_catalog_is_compiled_from_the_current_po() -> None:
    """The .mo is a build product: stale after a .po edit until the package is reinstalled."""
    with i18n.catalog_path("fr", ".mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    stale = []
    for message in entries(french()):
        if isinstance(message.id, str):
            got = (
                compiled.pgettext(message.context, message.id)
                if message.context
                else (compiled.gettext(message.id))
            )
            if got != message.string:
                stale.append(message.id)
        else:
            for count, text in ((1, message.string[0]), (2, message.string[1])):
                got = (
                    compiled.npgettext(message.context, message.id[0], message.id[1], count)
                    if message.context
                    else compiled.ngettext(message.id[0], message.id[1], count)
                )
                if got != text:
                    stale.append(message.id[0])
    assert stale == [], "reinstall refterm (`make test` does) to compile the catalog"


@pytest.mark.parametrize("variable", ["LC_ALL", "LC_MESSAGES", "LANG"])
def test_the_locale_chooses_the_interface_language(variable: str) -> None:
    assert i18n.language_from_environment({variable: "fr_FR.UTF-8"}) == "fr"
    assert i18n.language_from_environment({variable: "fr_MA.UTF-8"}) == "fr"
    assert i18n.language_from_environment({variable: "en_GB.UTF-8"}) == "en"
    assert i18n.language_from_environment({}) == "en"


def test_lc_all_wins_over_lang() -> None:
    assert i18n.language_from_environment({"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR"}) == "en"
    assert i18n.language_from_environment({"LC_ALL": "", "LANG": "fr_FR"}) == "fr"


def test_numbers_are_grouped_the_way_each_language_writes_them(french: None) -> None:
    assert i18n.number(100_000) == "100\u202f000"
    i18n.set_language("en")
    assert i18n.number(100_000) == "100,000"


def test_an_unknown_interface_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown interface language"):
        i18n.set_language("de")


def test_french_plurals_treat_zero_as_singular(french: None) -> None:
    from refterm.model.plural import counted

    assert counted(0, "{count} day", "{count} days") == "0 jour"
    assert counted(1, "{count} day", "{count} days") == "1 jour"
    assert counted(2, "{count} day", "{count} days") == "2 jours"


def test_english_keeps_the_source_strings() -> None:
    from refterm.model.plural import counted

    assert counted(0, "{count} day", "{count} days") == "0 days"
    assert re.fullmatch(r"2,048 contacts", counted(2048, "contact", "contacts"))


def test_a_missing_catalog_is_one_line_and_english_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An install whose catalogs were never compiled: one line, then the command in English."""
    from click.testing import CliRunner

    from refterm.cli.main import cli

    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    result = CliRunner().invoke(cli, ["--ui-lang", "fr", "locate"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"refterm: {tmp_path}/fr/LC_MESSAGES/refterm.mo missing;"
        " reinstall refterm (pip install . or make run)"
    ]
    assert result.stdout.startswith("database:")
    assert i18n.language() == "en"
