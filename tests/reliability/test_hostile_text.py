"""Hostile text through the CLI and core: stored without control characters, otherwise as typed."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from refterm.config import Settings
from refterm.core.asks import AskForm, validate_ask
from refterm.core.contacts import ContactForm, create_contact, list_all, validate
from refterm.core.dates import parse_user_date
from refterm.core.profile import ProfileForm, save_profile
from refterm.core.records import contact_as_json
from refterm.core.script_files import SCRIPT_TEMPLATES
from refterm.db.database import Database
from refterm.errors import RefTermError
from refterm.model.text import clean_line, clean_multiline
from tests.reliability.helpers import refterm
from tests.support import TODAY, dump, run

EMOJI = "Dev 👩\u200d💻 👨\u200d👩\u200d👧\u200d👦 🏳️\u200d🌈"
LONG_NOTE = ("Une très longue note — " * 500)[:10_000]

# (raw text, what a one-line field must store) — the expectation written out by hand.
CORPUS: tuple[tuple[str, str], ...] = (
    ("[b]Bold[/b] Name", "[b]Bold[/b] Name"),
    ("Acme [/]", "Acme [/]"),
    ("Broken [/", "Broken [/"),
    ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),
    ("[link=https://x]y[/link]", "[link=https://x]y[/link]"),
    ("[red on white]Loud[/] ${x} {{ y }} {% z %}", "[red on white]Loud[/] ${x} {{ y }} {% z %}"),
    ("\x1b[31mRed\x1b[0m Corp", "Red Corp"),
    ("\x1b]8;;https://evil.example\x07click me\x1b]8;;\x07", "click me"),
    ("\x1b]0;stolen title\x1b\\Title", "Title"),
    ("\x1b[2J\x1b[HClear", "Clear"),
    ("\x9b31mEight-bit CSI", "Eight-bit CSI"),
    ("bell\x07 ring", "bell ring"),
    ("nul\x00byte", "nulbyte"),
    ("del\x7fete", "delete"),
    ("tab\there", "tab here"),
    ("line\r\nbreak", "line break"),
    ("محمد العلوي", "محمد العلوي"),
    ("שלום \u202eevil\u202c", "שלום \u202eevil\u202c"),
    # Decomposed accents are stored composed (NFC): one spelling per text (issue 10 item 9).
    ("Zoe\u0308 Cafe\u0301 Z̸̢̛a̴l̷g̶o̵", unicodedata.normalize("NFC", "Zoe\u0308 Cafe\u0301 Z̸̢̛a̴l̷g̶o̵")),
    (
        "Dev 👩\u200d💻 👨\u200d👩\u200d👧\u200d👦 🏳️\u200d🌈",
        "Dev 👩\u200d💻 👨\u200d👩\u200d👧\u200d👦 🏳️\u200d🌈",
    ),
    ("  \t spaced   out  ", "spaced out"),
    ("日本語の名前", "日本語の名前"),
)
EMPTY_AFTER_TRIM = ("", "   ", "\t\n  \r\n", "\x1b[0m", "\x00\x07\x1b]0;\x07", " \x7f ")
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def one_row(db: Path, sql: str, *parameters: object) -> tuple[object, ...]:
    connection = sqlite3.connect(db)
    try:
        found = connection.execute(sql, parameters).fetchone()
    finally:
        connection.close()
    assert found is not None
    return tuple(found)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "hostile.db"


@pytest.mark.parametrize(("raw", "stored"), CORPUS)
def test_cli_stores_hostile_text_cleanly_and_lists_it_as_stored(
    db: Path, raw: str, stored: str
) -> None:
    note = f"{raw}\nsecond line\t{raw}"
    added = run(
        db, "contact", "add", raw, "--company", raw, "--title", raw, "--how-we-met", raw,
        "--notes", note, "--tag", raw,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    contact_id = int(re.findall(r"added contact (\d+)", added.stdout)[0])
    listed = run(db, "contact", "list", "--json")
    assert listed.exit_code == 0, listed.output
    [item] = json.loads(listed.stdout)
    assert item["id"] == contact_id
    for field in ("full_name", "company", "title", "how_we_met"):
        assert item[field] == stored, field
    assert item["notes"] == clean_multiline(note)
    assert not CONTROLS.search(item["notes"].replace("\n", "").replace("\t", ""))
    assert item["tags"] == [stored.lower()]

    asked = run(
        db, "ask", "add", str(contact_id), "--kind", "recommendation", "--purpose", raw,
        "--talking-points", note, "--notes", raw, "--text", raw,
    )  # fmt: skip
    assert asked.exit_code == 0, asked.output
    purpose, notes, text = one_row(
        db, "SELECT purpose, notes, recommendation_text FROM ask WHERE contact_id = ?", contact_id
    )
    assert purpose == stored
    assert notes == text == clean_multiline(raw)

    logged = run(db, "log", str(contact_id), "--channel", "call", "--summary", note)
    assert logged.exit_code == 0, logged.output
    (summary,) = one_row(db, "SELECT summary FROM interaction WHERE contact_id = ?", contact_id)
    assert summary == clean_multiline(note)

    saved = run(
        db, "profile", "--name", raw, "--headline", raw, "--city", raw, "--target-roles", note
    )
    assert saved.exit_code == 0, saved.output
    shown = run(db, "profile", "--json")
    profile = json.loads(shown.stdout)
    assert profile["name"] == profile["headline"] == profile["city"] == stored
    assert profile["target_roles"] == clean_multiline(note)

    # The plain outputs print it without trouble, and without any escape sequence.
    for args in (("contact", "list"), ("today",), ("today", "--json"), ("profile",)):
        shown = run(db, *args)
        assert shown.exit_code == 0, shown.output
        assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout


def test_the_corpus_expectations_hold_for_clean_line() -> None:
    """The hand-written expectations above agree with the function every field goes through."""
    for raw, stored in CORPUS:
        assert clean_line(raw) == stored, raw


@pytest.mark.parametrize("blank", EMPTY_AFTER_TRIM)
def test_empty_after_trim_names_are_refused_and_nothing_is_written(db: Path, blank: str) -> None:
    assert run(db, "contact", "add", "Someone Real").exit_code == 0
    before = dump(db)
    result = run(db, "contact", "add", blank, "--company", "Acme")
    assert result.exit_code == 2
    assert "name is required" in result.stderr
    assert result.stderr.startswith("refterm: ")
    assert dump(db) == before


def test_long_note_is_kept_whole_and_long_name_refused(db: Path) -> None:
    added = run(db, "contact", "add", "Long Writer", "--notes", LONG_NOTE)
    assert added.exit_code == 0, added.output
    [item] = json.loads(run(db, "contact", "list", "--json").stdout)
    assert item["notes"] == LONG_NOTE.rstrip()
    assert len(item["notes"]) >= 9_990
    before = dump(db)
    refused = run(db, "contact", "add", LONG_NOTE)
    assert refused.exit_code == 2
    assert "at most 200 characters" in refused.stderr
    assert dump(db) == before


def test_real_process_output_carries_no_escape_sequences(tmp_path: Path) -> None:
    """Through a real process and pipe: what a terminal would receive is inert."""
    db = tmp_path / "hostile.db"
    name = "\x1b]52;c;ZXZpbA==\x07\x1b[31mMallory\x1b[0m [b]x[/b]"
    added = refterm("--db", str(db), "contact", "add", name, "--company", "\x1b[2JAcme")
    assert added.returncode == 0, added.stderr
    listed = refterm("--db", str(db), "contact", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Mallory [b]x[/b]" in listed.stdout
    assert "(Acme)" in listed.stdout
    assert "\x1b" not in listed.stdout + added.stdout


# Properties with arbitrary text.

NO_CONTROLS = st.text(st.characters(blacklist_categories=("Cc", "Cs")))


@given(NO_CONTROLS)
def test_clean_line_changes_nothing_but_whitespace_in_control_free_text(value: str) -> None:
    # Text is stored in NFC: a compatibility ideograph such as U+F900 becomes U+8C48.
    assert clean_line(value) == " ".join(unicodedata.normalize("NFC", value).split())


@given(st.lists(NO_CONTROLS.map(str.rstrip)))
@example(["\uf900"])  # a CJK compatibility ideograph: NFC changes it
def test_clean_multiline_keeps_control_free_lines_as_they_are(lines: list[str]) -> None:
    value = "\n".join(lines).strip("\n")
    assert clean_multiline(value) == unicodedata.normalize("NFC", value)


@given(st.text(), st.text(), st.text(max_size=3))
def test_clean_functions_keep_escape_free_text_around_controls(
    before: str, after: str, control: str
) -> None:
    """Removing controls never eats the characters around them (unless an escape starts)."""
    if "\x1b" in before + after + control or "\x9b" in before + after + control:
        return
    # Tab, CR and LF become spaces in a line; every other control character is dropped.
    junk = "".join(char for char in control if char in "\t\r\n" or not CONTROLS.match(char))
    assert clean_line(before + control + after) == clean_line(before + junk + after)


ARBITRARY_FORM = st.builds(
    ContactForm,
    full_name=st.text(),
    company=st.none() | st.text(),
    title=st.none() | st.text(),
    relationship=st.none() | st.text(max_size=15) | st.sampled_from(["Colleague", "direct-report"]),
    how_we_met=st.none() | st.text(),
    email=st.none() | st.text() | st.emails(),
    phone=st.none() | st.text() | st.from_regex(r"\+?[0-9 ().-]{0,20}", fullmatch=True),
    linkedin_url=st.none() | st.text(),
    language=st.none() | st.text(max_size=4),
    keep_in_touch_days=st.none() | st.integers() | st.text(max_size=6),
    notes=st.none() | st.text(),
    tags=st.lists(st.text(), max_size=3),
)


@given(ARBITRARY_FORM)
def test_contact_validation_fails_only_with_a_refterm_error(form: ContactForm) -> None:
    try:
        fields = validate(form, Settings())
    except RefTermError as error:
        assert error.message
        return
    for value in fields.column_values().values():
        if isinstance(value, str):
            assert not CONTROLS.search(value.replace("\n", "").replace("\t", ""))
    assert fields.full_name and fields.full_name == fields.full_name.strip()


@given(
    st.builds(
        AskForm,
        kind=st.text(max_size=16) | st.sampled_from(["reference", "Recommendation"]),
        platform=st.none() | st.text(max_size=10),
        purpose=st.none() | st.text(),
        talking_points=st.none() | st.text(),
        status=st.text(max_size=10) | st.sampled_from(["planned", "received"]),
        notes=st.none() | st.text(),
    )
)
def test_ask_validation_fails_only_with_a_refterm_error(form: AskForm) -> None:
    try:
        validate_ask(form)
    except RefTermError as error:
        assert error.message


TYPED_DATES = st.text() | st.sampled_from(["tomorrow", "hier", "+9999m", "+3j", " +2 w ", "today"])


@given(TYPED_DATES, st.dates() | st.sampled_from([date.min, date.max]))
def test_typed_dates_fail_only_with_a_value_error(value: str, today: date) -> None:
    try:
        parse_user_date(value, today)
    except ValueError as error:
        assert str(error)


@pytest.fixture(scope="module")
def shared_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database.open(tmp_path_factory.mktemp("hostile") / "refterm.db")
    yield database
    database.dispose()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=1), company=st.text(), notes=st.text())
def test_stored_text_reads_back_exactly_as_cleaned(
    shared_database: Database, name: str, company: str, notes: str
) -> None:
    try:
        fields = validate(ContactForm(full_name=name, company=company, notes=notes), Settings())
    except RefTermError:
        assert not clean_line(name) or len(clean_line(name)) > 200
        return
    created = create_contact(shared_database, fields)
    found = {item.id: item for item, _tags in list_all(shared_database)}
    stored = contact_as_json(found[created.id], [])
    assert stored["full_name"] == clean_line(name)
    assert stored["company"] == (clean_line(company) or None)
    assert stored["notes"] == (clean_multiline(notes) or None)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.builds(ProfileForm, *[st.none() | st.text()] * 7))
def test_profile_saves_or_refuses_with_a_refterm_error(
    shared_database: Database, form: ProfileForm
) -> None:
    try:
        saved = save_profile(shared_database, form, Settings())
    except RefTermError as error:
        assert error.message
        return
    for value in (saved.name, saved.headline, saved.city, saved.target_roles):
        assert value is None or not CONTROLS.search(value.replace("\n", "").replace("\t", ""))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(min_size=1, max_size=60).filter(lambda text: bool(clean_line(text))),
    other=st.text(max_size=60),
    kind=st.sampled_from(["reference", "recommendation"]),
    status=st.sampled_from(["planned", "asked", "agreed", "received", "declined"]),
    language=st.sampled_from(["en", "fr"]),
)
def test_scripts_render_any_text_or_refuse_with_a_refterm_error(
    shared_database: Database, name: str, other: str, kind: str, status: str, language: str
) -> None:
    """The template context takes arbitrary user text: every built-in template renders it."""
    from refterm.core.asks import add_reference_use, create_ask
    from refterm.core.scripts import render_script

    if kind == "reference" and status == "received":
        status = "agreed"
    today = TODAY
    form = ContactForm(
        full_name=name[:200], company=other, title=other, how_we_met=other, notes=other,
        language=language,
    )  # fmt: skip
    contact_id = create_contact(shared_database, validate(form, Settings())).id or 0
    ask = create_ask(
        shared_database,
        contact_id,
        AskForm(kind=kind, purpose=other, talking_points=other, status=status, notes=other,
                recommendation_text=other),
        today,
        Settings(),
    )  # fmt: skip
    if kind == "reference" and status == "agreed":
        add_reference_use(shared_database, ask.id or 0, clean_line(other) or "Acme", other, today)
    # Scripts need the user's name; the rest of the profile takes the arbitrary text.
    user = clean_line(other) or "Amine"
    save_profile(shared_database, ProfileForm(name=user, target_roles=other), Settings())
    rendered = render_script(shared_database, Settings(), today, contact_id)
    assert rendered.text.strip()
    for template in SCRIPT_TEMPLATES:
        try:
            script = render_script(
                shared_database, Settings(), today, contact_id, template=template
            )
        except RefTermError as error:
            assert error.message
            continue
        # Every script greets or names the contact: at least the name it greets them with
        # (French typography may have changed the spaces and apostrophes around it).
        from refterm.core.script_context import split_name

        def plain(text: str) -> str:
            return text.replace("\u202f", "").replace("\u00a0", "").replace("’", "'")

        greeted = split_name(clean_line(name))[0].split()[0]
        assert plain(greeted) in plain(script.text) or plain(name) in plain(script.text)
