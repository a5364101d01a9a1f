"""refterm on a PostgreSQL URL: the CLI, copy-to both ways, backups, and passwords never shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refterm.db.database import Database
from refterm.paths import database_target, is_database_url, mask_url
from tests import pg_cluster
from tests.support import dump, run


@pytest.fixture
def pg_url(database: Database) -> str:
    """The URL of an empty PostgreSQL database (this file's tests are on that engine only)."""
    if database.url is None:
        pytest.skip("a PostgreSQL test: its SQLite variant has nothing to check")
    database.dispose()
    return database.url


def test_urls_are_told_from_paths_and_passwords_masked() -> None:
    assert is_database_url("postgresql://ann@db.example/refterm")
    assert is_database_url("postgres://ann@db.example/refterm")
    assert not is_database_url("/home/ann/postgresql/refterm.db")
    assert database_target("postgresql://ann@db/refterm") == "postgresql://ann@db/refterm"
    assert isinstance(database_target("~/refterm.db"), Path)
    assert mask_url("postgresql://ann:s3cr%40t@db/refterm") == "postgresql://ann:***@db/refterm"
    assert mask_url("postgresql://db/refterm?password=s3cret&sslmode=require") == (
        "postgresql://db/refterm?password=***&sslmode=require"
    )
    assert mask_url("postgresql://ann@db/refterm") == "postgresql://ann@db/refterm"


def test_a_server_that_cannot_be_reached_is_one_line_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://ann:hunter2@/refterm?host={tmp_path}&port=1"
    result = run(url, "locate")
    assert result.exit_code == 0 and "hunter2" not in result.stdout
    assert "postgresql://ann:***@/refterm" in result.stdout
    result = run(url, "contact", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("refterm: postgresql://ann:***@/refterm")
    assert "cannot open the database" in result.stderr
    assert "hunter2" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_the_cli_works_on_a_postgresql_url(pg_url: str) -> None:
    assert run(pg_url, "contact", "add", "Élodie Martin", "--company", "Orange").exit_code == 0
    listed = run(pg_url, "contact", "list", "--json")
    assert [item["full_name"] for item in json.loads(listed.stdout)] == ["Élodie Martin"]
    assert "Élodie Martin" in run(pg_url, "contact", "list", "--search", "elod ORAN").stdout
    assert "0 people to look at" in run(pg_url, "today").stdout


def test_copy_to_postgresql_and_back_keeps_every_row(
    pg_url: str, demo_template_db: Path, tmp_path: Path
) -> None:
    source = tmp_path / "source.db"
    source.write_bytes(demo_template_db.read_bytes())
    result = run(source, "copy-to", pg_url)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"copied to {pg_url}: 1 profile, ")  # then "18 contacts"…
    before = json.loads(run(source, "export", "json").stdout)["tables"]
    after = json.loads(run(pg_url, "export", "json").stdout)["tables"]
    assert after == before and len(after["contact"]) == 18
    # And back into a new SQLite file: the same rows again.
    back = tmp_path / "back" / "refterm.db"
    back.parent.mkdir()
    assert run(pg_url, "copy-to", str(back)).exit_code == 0
    assert json.loads(run(back, "export", "json").stdout)["tables"] == before
    # The search index works on the copy (pg_trgm) as on the original (FTS5).
    assert run(pg_url, "contact", "list", "--search", "capgem").stdout == (
        run(source, "contact", "list", "--search", "capgem").stdout
    )


def test_copy_to_a_database_in_use_is_refused_and_writes_nothing(
    pg_url: str, demo_template_db: Path, tmp_path: Path
) -> None:
    assert run(pg_url, "contact", "add", "Already Here").exit_code == 0
    target = Database.open(pg_url)
    before = dump(target)
    target.dispose()
    source = tmp_path / "source.db"
    source.write_bytes(demo_template_db.read_bytes())
    result = run(source, "copy-to", pg_url)
    assert result.exit_code == 2
    assert "is not empty; copy-to writes only into an empty database" in result.stderr
    target = Database.open(pg_url)
    assert dump(target) == before
    target.dispose()
    # A new SQLite file it could not fill is not left behind.
    missing = tmp_path / "never.db"
    assert run(pg_url, "copy-to", str(source)).exit_code == 2
    assert run(source, "copy-to", str(source)).exit_code == 2
    assert not missing.exists()


def test_backup_on_postgresql_writes_the_json_backup(pg_url: str, tmp_path: Path) -> None:
    assert run(pg_url, "contact", "add", "Ada Lovelace").exit_code == 0
    result = run(pg_url, "backup", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = tmp_path / "refterm-2026-11-26.json"
    assert result.stdout == f"backup written to {written}\n"
    backup = json.loads(written.read_text(encoding="utf-8"))
    assert backup["format"] == "refterm-backup"
    assert [row["full_name"] for row in backup["tables"]["contact"]] == ["Ada Lovelace"]
    assert oct(written.stat().st_mode & 0o777) == "0o600"
    again = run(pg_url, "backup", str(written))
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_no_postgresql_installed_gives_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_cluster, "server_bin", lambda: None)
    assert pg_cluster.why_unavailable() == (
        "PostgreSQL is not installed (no initdb; apt-get install postgresql)"
    )
