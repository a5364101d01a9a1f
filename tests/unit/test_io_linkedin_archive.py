"""The whole LinkedIn archive: recommendations, messages, re-imports, the dossier, today."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.db.database import Database
from refterm.errors import ImportRefused
from refterm.io.dossier_export import render_dossier
from refterm.io.importer import import_contacts, read_import
from refterm.io.linkedin_archive import repaired, written_on
from tests.linkedin_archive import build_folder, build_zip
from tests.support import TODAY, query, run

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def rows(db: Path | Database, sql: str) -> list[tuple[object, ...]]:
    """The rows of SQL, on the SQLite file or the database (either engine)."""
    return query(db, sql)


def counts(db: Path | Database) -> tuple[int, ...]:
    return tuple(
        rows(db, f"SELECT count(*) FROM {table}")[0][0]  # type: ignore[misc]
        for table in ("contact", "ask", "interaction", "recommendation_given")
    )


@pytest.mark.parametrize("shape", ["zip", "folder"])
def test_archive_imports_recommendations_messages_and_people(
    database: Database, settings: Settings, tmp_path: Path, shape: str
) -> None:
    source = (
        build_zip(tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip")
        if shape == "zip"
        else build_folder(tmp_path / "export")
    )
    report = import_contacts(database, read_import(source, settings), settings, now=NOW)
    # Three connections and Paul Girard, who recommended the user but is not a connection.
    names = rows(database, "SELECT full_name, last_contacted_on FROM contact ORDER BY id")
    assert names == [
        ("Léa Martin", "2026-11-22"),
        ("Karim Ouazzani", "2026-10-01"),
        ("Sophie Bernard", "2009-07-21"),
        ("Paul Girard", "2021-03-02"),
    ]
    asks = rows(
        database,
        "SELECT c.full_name, a.kind, a.platform, a.status, a.received_on, a.hidden,"
        " a.recommendation_text FROM ask a JOIN contact c ON c.id = a.contact_id ORDER BY a.id",
    )
    assert asks[0][:6] == ("Léa Martin", "recommendation", "linkedin", "received", "2026-09-14", 0)
    # Multi-line quoted text with commas and doubled quotes, kept whole.
    assert asks[0][6] == (
        'Alex led our data platform, calmly.\n\nHe is, in one word, "dependable".'
    )
    assert asks[2][0] == "Sophie Bernard" and asks[2][5] == 1
    given = rows(
        database,
        "SELECT c.full_name, g.given_on, g.text FROM recommendation_given g"
        " JOIN contact c ON c.id = g.contact_id",
    )
    assert given == [("Karim Ouazzani", "2023-05-10", "Karim writes the tests first.")]
    # One interaction per conversation per day and contact; the group message reached both
    # contacts in it; no content without --with-content.
    history = rows(
        database,
        "SELECT c.full_name, i.occurred_on, i.channel, i.direction, i.summary FROM interaction i"
        " JOIN contact c ON c.id = i.contact_id WHERE i.ask_id IS NULL"
        " ORDER BY i.occurred_on, c.id",
    )
    assert history == [
        ("Léa Martin", "2026-10-01", "message", "sent", "LinkedIn messages: 1 sent"),
        ("Karim Ouazzani", "2026-10-01", "message", "sent", "LinkedIn messages: 1 sent"),
        ("Léa Martin", "2026-11-20", "message", "both", "LinkedIn messages: 1 sent, 1 received"),
        ("Léa Martin", "2026-11-22", "message", "sent", "LinkedIn messages: 1 sent"),
    ]
    text = report.summary()
    assert "Recommendations_Received.csv: added 3 recommendations (1 hidden on LinkedIn; " in text
    assert "1 person not among your contacts, added as a contact)" in text
    # Zoé wrote once and was in the group: two messages, one person, not a contact.
    assert "left out 2 messages with 1 person who is not a contact" in text
    assert "Invitations.csv: not imported" in text
    if shape == "folder":
        assert counts(database)[3] == 1


def test_missing_optional_file_is_said_and_the_rest_imported(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    source = build_folder(tmp_path / "export", given=False)
    report = import_contacts(database, read_import(source, settings), settings, now=NOW)
    assert "Recommendations_Given.csv: not in the archive" in report.summary()
    assert counts(database) == (4, 3, 7, 0)


def test_reimport_adds_nothing_and_a_newer_archive_only_what_is_new(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    source = build_zip(tmp_path / "a.zip")
    import_contacts(database, read_import(source, settings), settings, now=NOW)
    before = counts(database)
    again = import_contacts(database, read_import(source, settings), settings, now=NOW)
    assert counts(database) == before
    assert "added 0 recommendations, 3 already imported" in again.summary()
    assert "4 already imported" in again.summary()
    # The unzipped folder of the same export is the same archive.
    import_contacts(database, read_import(build_folder(tmp_path / "f"), settings), settings)
    assert counts(database) == before
    newer = build_zip(tmp_path / "b.zip", newer=True)
    dry = import_contacts(database, read_import(newer, settings), settings, dry_run=True)
    assert "messages.csv: would add 1 conversation day to the history of 1 contact" in (
        dry.summary()
    )
    assert counts(database) == before
    import_contacts(database, read_import(newer, settings), settings, now=NOW)
    assert counts(database) == (before[0], before[1], before[2] + 1, before[3])
    karim = rows(database, "SELECT last_contacted_on FROM contact WHERE full_name LIKE 'Karim%'")
    assert karim == [("2026-11-24",)]


def test_with_content_keeps_the_messages_and_repairs_names(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    source = build_zip(tmp_path / "a.zip")
    parsed = read_import(source, settings, with_content=True)
    import_contacts(database, parsed, settings, now=NOW)
    summary = rows(database, "SELECT summary FROM interaction WHERE occurred_on = '2026-11-20'")
    assert summary == [
        (
            "LinkedIn messages: 1 sent, 1 received\n"
            "Alex Moreau: Coffee next week?\nSay Tuesday, 10am.\n"
            "Léa Martin: Yes!",
        )
    ]
    assert repaired("ZoÃ© Inconnue") == "Zoé Inconnue"


def test_dry_run_writes_nothing_and_reports_each_file(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    before = counts(database)
    parsed = read_import(build_zip(tmp_path / "a.zip"), settings)
    report = import_contacts(database, parsed, settings, dry_run=True)
    assert counts(database) == before
    lines = report.summary().splitlines()
    assert lines[0].startswith("Dry run, nothing written. Would add 4 new contacts")
    assert [line.split(":")[0] for line in lines[1:]] == [
        "Connections.csv",
        "Recommendations_Received.csv",
        "Recommendations_Given.csv",
        "messages.csv",
        "Invitations.csv",
    ]


def test_a_broken_file_in_the_archive_refuses_the_whole_import(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    with zipfile.ZipFile(tmp_path / "bad.zip", "w") as archive:
        archive.writestr("Recommendations_Received.csv", "Who,When\r\nnobody,never\r\n")
    with pytest.raises(ImportRefused, match="not the LinkedIn file it is named after"):
        read_import(tmp_path / "bad.zip", settings)
    assert rows(database, "SELECT count(*) FROM ask") == [(0,)]
    (tmp_path / "notzip.zip").write_text("hello")
    with pytest.raises(ImportRefused, match="not a readable ZIP archive"):
        read_import(tmp_path / "notzip.zip", settings)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ImportRefused, match="no LinkedIn export file found"):
        read_import(empty, settings)


def test_linkedin_dates() -> None:
    assert str(written_on("07/21/09, 12:11 PM")) == "2009-07-21"
    assert str(written_on("2023-05-12 14:03:22 UTC")) == "2023-05-12"
    assert written_on("13/45/09, 12:11 PM") is None
    assert written_on("soon") is None


def test_old_imported_recommendations_owe_no_thanks_and_today_shows_last_contact(
    db_path: Path, tmp_path: Path, isolated_config: Path
) -> None:
    isolated_config.mkdir(parents=True, exist_ok=True)
    (isolated_config / "config.toml").write_text("[cadence]\nother = 60\n")
    assert run(db_path, "import", "linkedin", str(build_zip(tmp_path / "a.zip"))).exit_code == 0
    result = run(db_path, "today", "--json")
    assert result.exit_code == 0, result.output
    review = json.loads(result.output)
    reasons = {
        person["contact"]: [reason["reason"] for reason in person["reasons"]]
        for person in review["people"]
    }
    # Léa's recommendation (73 days old) owes a thank-you; Paul's (2021) and Sophie's do not.
    assert reasons["Léa Martin"][0].startswith("wrote the recommendation 73 days ago")
    assert not any("recommendation" in reason for reason in reasons.get("Paul Girard", []))
    # Last contact is the latest message or recommendation, not "never contacted": Paul's
    # recommendation (2021-03-02); Karim's group message 56 days ago keeps him off the review.
    paul_days = (TODAY - date(2021, 3, 2)).days
    assert reasons["Paul Girard"][0].startswith(f"last contact {paul_days:,} days ago")
    assert not any("last contact" in reason for reason in reasons["Karim Ouazzani"])
    assert review["totals"]["thanks_owed"] == 1
    assert TODAY.isoformat() == review["today"]


def test_dossier_shows_imported_recommendations_hidden_only_when_included(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    import_contacts(database, read_import(build_zip(tmp_path / "a.zip"), settings), settings)
    assert run(database.location, "profile", "--name", "Alex Moreau").exit_code == 0
    shown = render_dossier(database, settings, "md", "en", today=TODAY)
    assert "Léa Martin" in shown and "dependable" in shown and "Paul Girard" in shown
    assert "Sophie Bernard" not in shown and "hidden on LinkedIn" not in shown
    everything = render_dossier(database, settings, "md", "en", today=TODAY, include_hidden=True)
    assert "Sophie Bernard" in everything and "A private word, hidden on LinkedIn." in everything
    result = run(database.location, "export", "dossier", "--include-hidden")
    assert result.exit_code == 0 and "A private word" in result.output
    assert "A private word" not in run(database.location, "export", "dossier").output


def test_recommendation_given_shows_on_the_contact_and_today_suggests_the_return_ask(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    from refterm.core.agenda import Section, build_agenda
    from refterm.core.contacts import contact_detail

    import_contacts(database, read_import(build_zip(tmp_path / "a.zip"), settings), settings)
    agenda = build_agenda(database, TODAY, settings)
    suggested = agenda.section(Section.RETURN_ASKS)
    assert [item.contact_name for item in suggested] == ["Karim Ouazzani"]
    assert suggested[0].reason == (
        "you recommended Karim Ouazzani in 2023; they have not recommended you"
    )
    karim = contact_detail(database, suggested[0].contact_id)
    assert [(item.given_on, item.text) for item in karim.given] == [
        (date(2023, 5, 10), "Karim writes the tests first.")
    ]
    # Léa recommended the user: nothing to ask in return of her.
    assert all(item.contact_name != "Léa Martin" for item in suggested)


def test_one_csv_of_the_archive_imports_alone(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    folder = build_folder(tmp_path / "export")
    import_contacts(database, read_import(folder / "Connections.csv", settings), settings)
    single = read_import(folder / "Recommendations_Received.csv", settings)
    report = import_contacts(database, single, settings, now=NOW)
    assert "Connections.csv: not in the archive" in report.summary()
    assert counts(database) == (4, 3, 3, 0)
    # An author who edits the text on LinkedIn does not make a second recommendation.
    edited = (folder / "Recommendations_Received.csv").read_text(encoding="utf-8-sig")
    (folder / "Recommendations_Received.csv").write_text(
        edited.replace("every time", "every single time"), encoding="utf-8"
    )
    again = read_import(folder / "Recommendations_Received.csv", settings)
    import_contacts(database, again, settings, now=NOW)
    assert counts(database) == (4, 3, 3, 0)


def test_a_backup_merges_into_a_database_holding_the_same_archive(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    from refterm.io.json_backup import export_json

    import_contacts(database, read_import(build_zip(tmp_path / "a.zip"), settings), settings)
    backup = tmp_path / "backup.json"
    backup.write_text(export_json(database, NOW), encoding="utf-8")
    before = counts(database)
    parsed = read_import(backup, settings)
    report = import_contacts(database, parsed, settings, merge=True)
    assert counts(database) == before, report.summary()
    # Into a fresh database, the backup restores everything, given recommendations included.
    other = tmp_path / "other.db"
    fresh = Database.open(other)
    try:
        import_contacts(fresh, read_import(backup, settings), settings)
    finally:
        fresh.dispose()
    assert counts(other) == before
    assert rows(other, "SELECT hidden FROM ask ORDER BY id") == [(0,), (0,), (1,)]
    # Another database that imported the same archive on another day: the backup's imported
    # rows are the same rows (same source), not twins.
    third = tmp_path / "third.db"
    later = Database.open(third)
    try:
        archive = read_import(build_folder(tmp_path / "f"), settings)
        import_contacts(later, archive, settings, now=datetime(2026, 11, 28, tzinfo=UTC))
        import_contacts(later, read_import(backup, settings), settings, merge=True)
    finally:
        later.dispose()
    assert counts(third) == before


def test_history_is_written_in_the_profile_language(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    from refterm.core.history_words import message_summary

    assert message_summary(2, 1, "fr") == "Messages LinkedIn\u00a0: 2 envoyés, 1 reçu"
    assert message_summary(0, 3, "en") == "LinkedIn messages: 3 received"
    assert run(database.location, "profile", "--lang", "fr").exit_code == 0
    import_contacts(database, read_import(build_zip(tmp_path / "a.zip"), settings), settings)
    summaries = {summary for (summary,) in rows(database, "SELECT summary FROM interaction")}
    assert "Messages LinkedIn\u00a0: 1 envoyé, 1 reçu" in summaries
    assert "Recommandation reçue" in summaries
