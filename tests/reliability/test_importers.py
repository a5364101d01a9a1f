"""Import files, hostile or broken: refused whole naming why, or stored cleanly; nothing else."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.linkedin_file import HEADER, PREAMBLE
from refterm.config import Settings
from refterm.core.demo import load_demo
from refterm.db.database import Database
from refterm.errors import RefTermError
from refterm.io.importer import import_contacts, read_import
from refterm.model.text import clean_line, clean_multiline
from tests.reliability.test_hostile_text import CONTROLS, CORPUS
from tests.support import TODAY, dump, run

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n"


def linkedin_csv(rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    out.write(PREAMBLE)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def escape_vcard(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def vcard(full_name: str, company: str, note: str) -> str:
    body = (
        f"FN:{escape_vcard(full_name)}\r\n"
        f"N:{escape_vcard(full_name)};;;;\r\n"
        f"ORG:{escape_vcard(company)}\r\n"
        f"NOTE:{escape_vcard(note)}\r\n"
    )
    return CARD.format(body=body)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("import-demo") / "refterm.db"
    database = Database.open(path)
    load_demo(database, TODAY)
    database.dispose()
    return path


@pytest.fixture
def db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "refterm.db"
    shutil.copy(demo_template, path)
    return path


# Broken or foreign files: (command, file name, content, words the message must contain).
BAD_FILES: dict[str, tuple[str, str, bytes | None, tuple[str, ...]]] = {
    "missing file": ("linkedin", "Connections.csv", None, ("no such file",)),
    "empty file": ("linkedin", "Connections.csv", b"", ("empty",)),
    "blank file": ("vcard", "contacts.vcf", b" \r\n\r\n", ("empty",)),
    "binary file": ("linkedin", "Connections.csv", b"PK\x03\x04\x00\x00zip", ("binary",)),
    "another CSV": ("linkedin", "export.csv", b"Name,Phone\r\nAda,0612\r\n", ("not a LinkedIn",)),
    "header only far down": (
        "linkedin",
        "Connections.csv",
        b"x\n" * 40 + b"First Name,Last Name\nAda,Lovelace\n",
        ("not a LinkedIn",),
    ),
    "unclosed quote": (
        "linkedin",
        "Connections.csv",
        (PREAMBLE + ",".join(HEADER) + '\r\nAda,"Love\r\nBob,Smith,,,,,\r\n').encode(),
        ("line",),
    ),
    "truncated vCard": (
        "vcard",
        "contacts.vcf",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n",
        ("END:VCARD",),
    ),
    "vCard END without BEGIN": ("vcard", "contacts.vcf", b"FN:Ada\r\nEND:VCARD\r\n", ("line",)),
    "CSV given as vCard": ("vcard", "Connections.csv", b"First Name,Last Name\r\nA,B\r\n", ()),
    "not JSON": ("json", "backup.json", b"{not json", ("backup.json",)),
    "JSON of something else": ("json", "backup.json", b'{"hello": "world"}', ("not a refterm",)),
    "JSON list": ("json", "backup.json", b"[1, 2, 3]", ("backup.json",)),
    "false UTF-16": ("vcard", "contacts.vcf", b"\xff\xfeB\x00\xd8", ("UTF-16",)),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
@pytest.mark.parametrize("dry_run", [False, True])
def test_bad_import_file_is_refused_whole_and_changes_nothing(
    db: Path, tmp_path: Path, case: str, dry_run: bool
) -> None:
    command, name, content, phrases = BAD_FILES[case]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = dump(db)
    result = run(db, "import", command, str(path), *(["--dry-run"] if dry_run else []))
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    message = " ".join(result.stderr.split())
    assert message.startswith("refterm: "), message
    assert str(path) in message
    assert "unexpected error" not in message
    for phrase in phrases:
        assert phrase.lower() in message.lower(), message
    assert dump(db) == before


def test_import_of_a_folder_is_refused(db: Path, tmp_path: Path) -> None:
    before = dump(db)
    result = run(db, "import", "linkedin", str(tmp_path))
    assert result.exit_code == 2
    assert "folder" in result.stderr
    assert dump(db) == before


# The hostile corpus through each importer. NUL never reaches them: a file holding one is binary.
PRINTABLE_CORPUS = [(raw, stored) for raw, stored in CORPUS if "\x00" not in raw]


def test_linkedin_import_stores_hostile_text_cleanly(db: Path, tmp_path: Path) -> None:
    rows = [
        (raw, f"Zed {number:02d}", f"https://www.linkedin.com/in/hostile-{number}", "", raw, raw,
         "15 Mar 2024")
        for number, (raw, _stored) in enumerate(PRINTABLE_CORPUS)
    ]  # fmt: skip
    path = tmp_path / "Connections.csv"
    path.write_text(linkedin_csv(rows), encoding="utf-8-sig", newline="")
    result = run(db, "import", "linkedin", str(path))
    assert result.exit_code == 0, result.output
    found = {
        item["linkedin_url"]: item
        for item in json.loads(run(db, "contact", "list", "--json").stdout)
    }
    for number, (_raw, stored) in enumerate(PRINTABLE_CORPUS):
        item = found[f"https://www.linkedin.com/in/hostile-{number}"]
        assert item["full_name"] == " ".join(f"{stored} Zed {number:02d}".split())
        assert item["company"] == (stored or None)
        assert item["title"] == (stored or None)


def test_vcard_import_stores_hostile_text_cleanly(db: Path, tmp_path: Path) -> None:
    cards = "".join(
        vcard(f"{raw} Zed {number:02d}", raw, f"{raw}\nsecond line")
        for number, (raw, _stored) in enumerate(PRINTABLE_CORPUS)
    )
    path = tmp_path / "contacts.vcf"
    path.write_text(cards, encoding="utf-8", newline="")
    result = run(db, "import", "vcard", str(path))
    assert result.exit_code == 0, result.output
    listed = json.loads(run(db, "contact", "list", "--json").stdout)
    by_name = {item["full_name"]: item for item in listed}
    for number, (raw, stored) in enumerate(PRINTABLE_CORPUS):
        name = " ".join(f"{stored} Zed {number:02d}".split())
        assert name in by_name, (raw, sorted(by_name))
        item = by_name[name]
        assert item["company"] == (stored or None)
        assert item["notes"] == clean_multiline(f"{raw}\nsecond line")


# Any text, any bytes: the importers succeed or refuse with a RefTermError, nothing else.


@pytest.fixture(scope="module")
def throwaway_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database.open(tmp_path_factory.mktemp("import-hypothesis") / "refterm.db")
    yield database
    database.dispose()


def import_or_refuse(database: Database, path: Path, format: str | None = None) -> None:
    """Read and import `path`; a RefTermError (with a message) is the only allowed failure."""
    try:
        parsed = read_import(path, Settings(), format)
        report = import_contacts(database, parsed, Settings())
    except RefTermError as error:
        assert error.message
        return
    assert report.summary()


CELL = st.text(max_size=40) | st.sampled_from(["", " ", '"', "a,b", "x\r\ny", "=1+1", "\x1b[31m"])
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.lists(st.tuples(*[CELL] * len(HEADER)), max_size=6))
def test_linkedin_rows_of_any_text_import_or_refuse_cleanly(
    throwaway_database: Database,
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, ...]],
) -> None:
    path = tmp_path_factory.mktemp("csv") / "Connections.csv"
    path.write_text(linkedin_csv(rows), encoding="utf-8", newline="")
    import_or_refuse(throwaway_database, path, "linkedin")


@SETTINGS
@given(st.lists(st.tuples(CELL, CELL, CELL), min_size=1, max_size=4))
def test_vcards_of_any_text_import_or_refuse_cleanly(
    throwaway_database: Database,
    tmp_path_factory: pytest.TempPathFactory,
    cards: list[tuple[str, ...]],
) -> None:
    path = tmp_path_factory.mktemp("vcf") / "contacts.vcf"
    path.write_text("".join(vcard(*card) for card in cards), encoding="utf-8", newline="")
    import_or_refuse(throwaway_database, path, "vcard")


@SETTINGS
@given(
    st.binary(max_size=300)
    | st.text(max_size=300).map(str.encode)
    | st.builds(
        lambda cut: vcard("Ada Lovelace", "Acme", "note").encode()[:cut], st.integers(0, 90)
    )
)
def test_any_bytes_import_or_refuse_cleanly(
    throwaway_database: Database, tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "whatever.txt"
    path.write_bytes(content)
    import_or_refuse(throwaway_database, path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)


@SETTINGS
@given(
    JSON_VALUES
    | st.fixed_dictionaries(
        {"format": st.just("refterm-backup"), "format_version": JSON_VALUES, "tables": JSON_VALUES}
    )
)
def test_any_json_restores_or_refuses_cleanly(
    throwaway_database: Database, tmp_path_factory: pytest.TempPathFactory, document: object
) -> None:
    path = tmp_path_factory.mktemp("json") / "backup.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    import_or_refuse(throwaway_database, path, "json")


def test_imported_text_holds_no_control_characters(throwaway_database: Database) -> None:
    """Whatever the properties above imported is stored cleaned (checked once they ran)."""
    with throwaway_database.engine.connect() as connection:
        stored = connection.exec_driver_sql(
            "SELECT full_name, company, title, how_we_met, notes FROM contact"
        ).fetchall()
    for row in stored:
        for value in row:
            if value is not None:
                assert not CONTROLS.search(value.replace("\n", "").replace("\t", "")), value
        for value in row[:4]:  # the one-line fields: trimmed, spaces folded
            if value is not None:
                assert value == clean_line(value), value
                assert not re.search(r"\s{2,}", value), value
