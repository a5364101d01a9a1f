"""The JSON backup: complete, versioned, exact round trip, refusals that change nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from refterm.config import Settings
from refterm.core.asks import AskForm, create_ask
from refterm.core.contacts import ContactForm, create_contact, list_all, validate
from refterm.core.demo import add_synthetic_contacts
from refterm.db.database import Database
from refterm.db.schema import HEAD
from refterm.errors import ImportRefused
from refterm.io.importer import import_contacts, read_import
from refterm.io.json_backup import TABLE_ORDER, export_json
from refterm.model.text import clean_line, clean_multiline
from tests.support import TODAY, dump

NOW = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 27, 8, 30, tzinfo=UTC)


@pytest.fixture
def second(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    path = tmp_path / "second" / "refterm.db"
    database = Database.open(path)
    yield database, path
    database.dispose()


def backup_file(database: Database, tmp_path: Path, name: str = "backup.json") -> Path:
    path = tmp_path / name
    path.write_text(export_json(database, NOW), encoding="utf-8")
    return path


def test_backup_is_versioned_and_holds_every_table(demo_database: Database) -> None:
    document = json.loads(export_json(demo_database, NOW))
    assert document["format"] == "refterm-backup"
    assert document["format_version"] == 1
    assert document["schema_revision"] == HEAD
    assert document["exported_at"] == "2026-11-26T13:00:00+00:00"
    assert list(document["tables"]) == list(TABLE_ORDER)
    assert all(document["tables"][name] for name in TABLE_ORDER)
    contact = document["tables"]["contact"][0]
    assert "sort_key" not in contact and "search_text" not in contact
    assert document["tables"]["profile"][0]["name"] == "Amine Kettani"


def test_export_import_export_is_identical(
    demo_database: Database,
    db_path: Path,
    settings: Settings,
    today: date,
    tmp_path: Path,
    second: tuple[Database, Path],
) -> None:
    add_synthetic_contacts(demo_database, today, 300)
    path = backup_file(demo_database, tmp_path)
    target, target_path = second
    report = import_contacts(target, read_import(path, settings), settings)
    assert report.added == 318
    assert report.restored["ask"] > 0 and report.restored["profile"] == 1
    assert export_json(target, NOW) == path.read_text(encoding="utf-8")
    # Ids, derived keys and every other column: the databases hold the same rows.
    assert _rows(target) == _rows(demo_database)


def _rows(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    found = {}
    with database.engine.connect() as connection:
        for name in TABLE_ORDER:
            result = connection.exec_driver_sql(f"SELECT * FROM {name} ORDER BY 1, 2")
            # `version` counts the edits a copy has seen: bookkeeping, not data (a restore
            # starts at 1).
            kept = [i for i, column in enumerate(result.keys()) if column != "version"]
            found[name] = [tuple(_normal(row[i]) for i in kept) for row in result]
    return found


def _normal(value: Any) -> Any:
    # Bulk-inserted demo rows spell instants '...+00:00'; a restore stores the ORM's spelling;
    # PostgreSQL hands back typed values.
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == " " and value[4] == "-":
        try:
            return datetime.fromisoformat(value).replace(tzinfo=None)
        except ValueError:
            return value
    return value


def test_non_empty_database_is_refused_without_merge(
    demo_database: Database, db_path: Path, settings: Settings, tmp_path: Path
) -> None:
    path = backup_file(demo_database, tmp_path)
    before = dump(demo_database)
    with pytest.raises(ImportRefused, match="not empty.*--merge"):
        import_contacts(demo_database, read_import(path, settings), settings)
    assert dump(demo_database) == before


def test_merging_the_same_backup_adds_nothing(
    demo_database: Database, db_path: Path, settings: Settings, tmp_path: Path
) -> None:
    path = backup_file(demo_database, tmp_path)
    before = dump(demo_database)
    report = import_contacts(demo_database, read_import(path, settings), settings, merge=True)
    assert (report.added, report.merged, report.restored) == (0, 0, {})
    assert report.unchanged == len(list_all(demo_database))
    assert dump(demo_database) == before


def test_merge_adds_what_is_missing_once(
    demo_database: Database,
    settings: Settings,
    tmp_path: Path,
    second: tuple[Database, Path],
) -> None:
    path = backup_file(demo_database, tmp_path)
    target, target_path = second
    claire = create_contact(
        target,
        validate(ContactForm(full_name="Claire Dubois", company="Capgemini"), settings),
        now=NOW,
    )
    own = create_contact(target, validate(ContactForm(full_name="Zoé Own"), settings), now=NOW)
    create_ask(target, own.id or 0, AskForm(kind="reference"), TODAY, settings)
    report = import_contacts(target, read_import(path, settings), settings, merge=True, now=LATER)
    assert (report.added, report.merged) == (17, 1)
    assert report.restored["ask"] == 15
    merged = {contact.full_name: contact for contact, _ in list_all(target)}
    assert merged["Claire Dubois"].id == claire.id
    assert merged["Claire Dubois"].email == "claire.dubois@example.fr"
    assert len(merged) == 19
    after = dump(target_path)
    again = import_contacts(target, read_import(path, settings), settings, merge=True, now=LATER)
    assert (again.added, again.merged, again.restored) == (0, 0, {})
    assert dump(target_path) == after


def test_dry_run_restore_writes_nothing(
    demo_database: Database, settings: Settings, tmp_path: Path, second: tuple[Database, Path]
) -> None:
    path = backup_file(demo_database, tmp_path)
    target, target_path = second
    before = dump(target_path)
    report = import_contacts(target, read_import(path, settings), settings, dry_run=True)
    assert report.dry_run and report.added == 18
    assert "Would also restore 15 asks" in report.summary()
    assert dump(target_path) == before


def _document(demo_database: Database) -> dict[str, Any]:
    return json.loads(export_json(demo_database, NOW))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="something else"), "not a refterm backup"),
        (lambda d: d.update(format_version=2), "format 2 was written by a newer refterm"),
        (lambda d: d.update(schema_revision="9999"), "schema revision '9999' is unknown"),
        (lambda d: d["tables"].update(secrets=[]), "unknown tables: secrets"),
        (lambda d: d["tables"]["contact"][0].update(age=3), r"contact row 1 \(id \d+\): unknown"),
        (
            lambda d: d["tables"]["contact"][1].update(relationship="boss"),
            r"contact row 2 \(id \d+\): relationship: 'boss' is not one of",
        ),
        (
            lambda d: d["tables"]["ask"][0].update(asked_on="yesterday"),
            r"ask row 1 \(id 1\): asked_on: 'yesterday' is not a date",
        ),
        (
            lambda d: d["tables"]["ask"][0].update(times_asked="2"),
            "times_asked: expected a whole number",
        ),
        (
            lambda d: d["tables"]["contact"][0].update(full_name=" "),
            "full_name: a name is required",
        ),
        (
            lambda d: d["tables"]["contact"][0].update(email="not-an-email"),
            "email: 'not-an-email' is not an e-mail address",
        ),
        (
            lambda d: d["tables"]["ask"][0].update(contact_id=9999),
            "contact_id 9999 is not a contact of this backup",
        ),
        (
            lambda d: d["tables"]["tag"].append(dict(d["tables"]["tag"][0])),
            "the id is used twice",
        ),
        (lambda d: d["tables"]["interaction"][0].pop("channel"), "channel is required"),
    ],
)
def test_bad_backups_are_refused_naming_the_row(
    demo_database: Database,
    db_path: Path,
    settings: Settings,
    tmp_path: Path,
    change: Any,
    message: str,
) -> None:
    document = _document(demo_database)
    change(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    before = dump(demo_database)
    with pytest.raises(ImportRefused, match=message):
        read_import(path, settings)
    assert dump(demo_database) == before


def test_invalid_json_names_line_and_column(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "refterm-backup",\n  "tables": {,}\n}\n')
    with pytest.raises(ImportRefused, match=r"line 3, column 14: not valid JSON"):
        read_import(path, settings)


@pytest.fixture
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Database]]:
    folder = tmp_path_factory.mktemp("roundtrip")
    source, target = Database.open(folder / "a.db"), Database.open(folder / "b.db")
    yield source, target
    source.dispose()
    target.dispose()


def _empty(database: Database) -> None:
    with database.engine.begin() as connection:
        for name in reversed(TABLE_ORDER):
            connection.exec_driver_sql(f"DELETE FROM {name}")


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=TEXT, notes=TEXT, how=TEXT, tag=TEXT, text=TEXT)
def test_any_text_survives_the_json_round_trip(
    pair: tuple[Database, Database], name: str, notes: str, how: str, tag: str, text: str
) -> None:
    source, target = pair
    _empty(source)
    _empty(target)
    settings = Settings()
    if not clean_line(name):
        name = "x" + name
    form = ContactForm(full_name=name[:200], notes=notes, how_we_met=how, tags=[tag])
    contact = create_contact(source, validate(form, settings), now=NOW)
    create_ask(
        source,
        contact.id or 0,
        AskForm(kind="recommendation", status="received", recommendation_text=text),
        TODAY,
        settings,
        now=NOW,
    )
    backup = export_json(source, NOW)
    folder = source.path.parent
    path = folder / "roundtrip.json"
    path.write_text(backup, encoding="utf-8")
    import_contacts(target, read_import(path, settings), settings)
    ((restored, tags),) = list_all(target)
    assert restored.full_name == clean_line(name[:200])
    assert restored.notes == (clean_multiline(notes) or None)
    assert restored.how_we_met == (clean_line(how) or None)
    assert export_json(target, NOW) == backup
