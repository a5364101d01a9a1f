"""Text cleaning: control characters and escape sequences never reach the database."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from refterm.model.text import clean_line, clean_multiline, first_name, fold

CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def test_clean_line_drops_escape_sequences_whole() -> None:
    assert clean_line("Ann\x1b[31m Red\x1b[0m") == "Ann Red"
    assert clean_line("x\x1b]8;;https://evil\x07link\x1b]8;;\x07") == "xlink"
    assert clean_line("bell\x07 and nul\x00") == "bell and nul"


def test_clean_line_folds_whitespace_and_keeps_markup_as_text() -> None:
    assert clean_line("  [bold]Ann[/]\n\t Lee  ") == "[bold]Ann[/] Lee"


def test_clean_multiline_keeps_lines_and_tabs() -> None:
    assert clean_multiline("one\r\ntwo\rthree\tfour\x1b[2J  \n\n") == "one\ntwo\nthree\tfour"


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Élodie ÑÚÑEZ") == "elodie nunez"
    assert fold("Straße") == "strasse"


def test_first_name() -> None:
    assert first_name("Fatima Zahra Alaoui") == "Fatima"
    assert first_name("") == ""


@given(st.text())
def test_clean_line_is_idempotent_and_control_free(value: str) -> None:
    cleaned = clean_line(value)
    assert clean_line(cleaned) == cleaned
    assert not CONTROLS.search(cleaned)
    assert cleaned == cleaned.strip()


@given(st.text())
def test_clean_multiline_is_idempotent_and_keeps_only_newline_and_tab(value: str) -> None:
    cleaned = clean_multiline(value)
    assert clean_multiline(cleaned) == cleaned
    assert not CONTROLS.search(cleaned.replace("\n", "").replace("\t", ""))
