"""The asks pipeline (core.pipeline): grouped by status, filtered by kind and text, in SQL."""

from __future__ import annotations

from datetime import date

from refterm.config import Settings
from refterm.core.asks import AskForm, create_ask
from refterm.core.contacts import ContactForm, archive_contact, create_contact, validate
from refterm.core.pipeline import build_pipeline
from refterm.db.database import Database
from refterm.model.vocab import AskStatus


def test_demo_pipeline_counts_every_status(demo_database: Database) -> None:
    pipeline = build_pipeline(demo_database)
    assert sum(pipeline.totals.values()) == 15
    assert len(pipeline.group(AskStatus.AGREED)) == pipeline.totals[AskStatus.AGREED] == 5
    asked = pipeline.group(AskStatus.ASKED)
    follow_ups = [row.follow_up_on for row in asked]
    assert follow_ups == sorted(d for d in follow_ups if d is not None)


def test_kind_text_and_limit(demo_database: Database) -> None:
    references = build_pipeline(demo_database, kind="reference")
    assert all(row.kind == "reference" for s in AskStatus for row in references.group(s))
    lucas = build_pipeline(demo_database, search="lucas")
    assert sum(lucas.totals.values()) == 1
    capped = build_pipeline(demo_database, limit=1)
    assert len(capped.group(AskStatus.AGREED)) == 1
    assert capped.totals[AskStatus.AGREED] == 5


def test_reference_uses_are_counted_and_archived_contacts_left_out(
    database: Database, today: date
) -> None:
    settings = Settings()
    contact = create_contact(database, validate(ContactForm(full_name="Ann 50%_"), settings))
    assert contact.id is not None
    create_ask(database, contact.id, AskForm(kind="reference", status="agreed"), today, settings)
    assert build_pipeline(database, search="50%_").totals[AskStatus.AGREED] == 1
    assert build_pipeline(database, search="50%x").totals == {}
    row = build_pipeline(database).group(AskStatus.AGREED)[0]
    assert row.uses == 0 and row.contact_name == "Ann 50%_"
    archive_contact(database, contact.id)
    assert build_pipeline(database).totals == {}


def test_pipeline_does_not_import_textual() -> None:
    import subprocess
    import sys

    code = "import sys, refterm.core.pipeline; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"
