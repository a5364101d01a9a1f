"""`refterm import ...` and `refterm export ...`: reports, files, exit codes, no half-writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import dump, run

CONNECTIONS = (
    "\ufeffNotes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Jean,Dupont,https://www.linkedin.com/in/jean-dupont,,Acme,CTO,15 Mar 2024\r\n"
    ",,,,Nobody Inc,,\r\n"
    "Anne,Leroy,https://www.linkedin.com/in/anne-leroy,anne@example.fr,Orange,,1 Feb 2021\r\n"
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


@pytest.fixture
def connections(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    return path


def test_import_linkedin_dry_run_then_real_then_again(db: Path, connections: Path) -> None:
    assert run(db, "demo").exit_code == 0
    before = dump(db)
    dry = run(db, "import", "linkedin", str(connections), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.startswith("Dry run, nothing written. Would add 2 new contacts")
    assert "Skipped 1: line 6: no name." in dry.stdout
    assert dump(db) == before
    real = run(db, "import", "linkedin", str(connections))
    assert real.exit_code == 0
    assert real.stdout == "Added 2 new contacts. Skipped 1: line 6: no name.\n"
    again = run(db, "import", "linkedin", str(connections))
    assert "Added 0 new contacts" in again.stdout and "left 2 unchanged" in again.stdout
    listed = json.loads(run(db, "contact", "list", "--json").stdout)
    assert sum(1 for item in listed if item["full_name"] in ("Jean Dupont", "Anne Leroy")) == 2


def test_refused_files_exit_2_with_one_line_and_change_nothing(
    db: Path, connections: Path, tmp_path: Path
) -> None:
    run(db, "demo")
    before = dump(db)
    truncated = tmp_path / "truncated.vcf"
    truncated.write_text("BEGIN:VCARD\nVERSION:4.0\nFN:Half a card\n")
    result = run(db, "import", "vcard", str(truncated))
    assert result.exit_code == 2
    assert result.stderr.startswith("refterm: ")
    assert "line 1: the card that starts here has no END:VCARD" in result.stderr
    assert result.stderr.count("\n") == 1
    wrong_kind = run(db, "import", "vcard", str(connections))
    assert wrong_kind.exit_code == 2 and "not a vCard file" in wrong_kind.stderr
    other_csv = tmp_path / "people.csv"
    other_csv.write_text("Name,Phone\nJean,0612345678\n")
    refused = run(db, "import", "linkedin", str(other_csv))
    assert refused.exit_code == 2 and "not a LinkedIn connections export" in refused.stderr
    missing = run(db, "import", "linkedin", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    assert dump(db) == before


def test_import_vcard(db: Path, tmp_path: Path) -> None:
    cards = tmp_path / "phone.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Claire Dubois\nTEL;TYPE=CELL:06 12 34 56 78\n"
        "EMAIL:claire@example.fr\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:anon@example.fr\nEND:VCARD\n"
    )
    result = run(db, "import", "vcard", str(cards))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Added 1 new contact.")
    assert "Skipped 1: card 2 (line 7): no name." in result.stdout


def test_json_backup_round_trip_through_the_cli(db: Path, tmp_path: Path) -> None:
    run(db, "demo")
    backup = tmp_path / "backup.json"
    exported = run(db, "export", "json", "-o", str(backup))
    assert exported.exit_code == 0
    assert exported.stdout == f"wrote the backup to {backup}\n"
    assert backup.stat().st_mode & 0o077 == 0  # a backup holds personal data
    fresh = tmp_path / "fresh.db"
    restored = run(fresh, "import", "json", str(backup))
    assert restored.exit_code == 0, restored.output
    assert restored.stdout.startswith("Added 18 new contacts")
    again = run(fresh, "export", "json")
    first = json.loads(backup.read_text())
    second = json.loads(again.stdout)
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second
    refused = run(fresh, "import", "json", str(backup))
    assert refused.exit_code == 2 and "--merge" in refused.stderr
    merged = run(fresh, "import", "json", str(backup), "--merge")
    assert merged.exit_code == 0 and "Added 0 new contacts" in merged.stdout


def test_export_vcard_to_stdout_and_file(db: Path, tmp_path: Path) -> None:
    run(db, "demo")
    printed = run(db, "export", "vcard")
    assert printed.exit_code == 0
    assert printed.stdout_bytes.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    target = tmp_path / "contacts.vcf"
    written = run(db, "export", "vcard", "--output", str(target))
    assert written.stdout == f"wrote 18 contacts to {target}\n"
    assert target.read_bytes() == printed.stdout_bytes


def test_export_dossier_formats_languages_and_file(db: Path, tmp_path: Path) -> None:
    run(db, "demo")
    markdown = run(db, "export", "dossier")
    assert markdown.exit_code == 0
    assert markdown.stdout.startswith("# Amine Kettani\n")
    assert "## Références" in markdown.stdout  # the demo profile is French
    english = run(db, "export", "dossier", "--lang", "en", "--format", "txt")
    assert english.stdout.startswith("PROFESSIONAL DOSSIER — Amine Kettani\n")
    page = tmp_path / "dossier.html"
    result = run(db, "export", "dossier", "--format", "html", "--lang", "fr", "-o", str(page))
    assert result.stdout == f"wrote the dossier to {page}\n"
    assert page.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="fr">')


def test_export_into_a_missing_folder_is_refused(db: Path, tmp_path: Path) -> None:
    run(db, "demo")
    result = run(db, "export", "json", "-o", str(tmp_path / "no" / "such" / "backup.json"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    bad_format = run(db, "export", "dossier", "--format", "pdf")
    assert bad_format.exit_code == 2
