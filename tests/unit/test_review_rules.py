"""The rules behind the review: what is contact, plurals, the "other" cadence, job changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from refterm.config import Settings, parse_settings
from refterm.core.agenda import Section, build_agenda
from refterm.core.asks import AskForm, create_ask, move_ask
from refterm.core.contacts import ContactForm, contact_detail, create_contact, validate
from refterm.core.interactions import log_interaction
from refterm.core.scripts import render_script
from refterm.db.database import Database
from refterm.io.importer import import_contacts, read_import
from refterm.model.plural import counted, ngettext
from refterm.model.vocab import AskStatus, Channel, Outcome
from tests.support import TODAY, dump

NOW = datetime(2026, 11, 26, 9, tzinfo=UTC)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def add(database: Database, settings: Settings, name: str, **fields: object) -> int:
    form = ContactForm(full_name=name, **fields)  # type: ignore[arg-type]
    created = create_contact(database, validate(form, settings), now=NOW - timedelta(days=400))
    assert created.id is not None
    return created.id


def test_each_ask_move_that_reached_them_is_history_in_the_users_language(
    database: Database, settings: Settings
) -> None:
    ann = add(database, settings, "Ann Lee")
    ask = create_ask(database, ann, AskForm(kind="reference", platform="phone"), TODAY, settings)
    move_ask(database, ask.id or 0, AskStatus.ASKED, TODAY, settings)
    french = replace(settings, language="fr")
    later = TODAY + timedelta(days=2)
    move_ask(database, ask.id or 0, AskStatus.AGREED, later, french, channel="meeting")
    history = contact_detail(database, ann).interactions
    assert [(i.occurred_on, i.channel, i.outcome, i.summary) for i in history] == [
        (later, "meeting", None, "Accord pour servir de référence"),
        (TODAY, "call", None, "Asked for a reference"),
    ]
    assert contact_detail(database, ann).contact.last_contacted_on == later
    withdrawn = create_ask(database, ann, AskForm(kind="recommendation"), TODAY, settings)
    move_ask(database, withdrawn.id or 0, AskStatus.WITHDRAWN, later + timedelta(days=1), settings)
    assert len(contact_detail(database, ann).interactions) == 2  # withdrawing is not talking


def test_no_answer_and_voicemail_are_attempts_not_contact(
    database: Database, settings: Settings
) -> None:
    bob = add(database, settings, "Bob Ray", relationship="manager")
    ask = create_ask(database, bob, AskForm(kind="reference", status="planned"), TODAY, settings)
    log_interaction(database, bob, Channel.CALL, TODAY, settings, Outcome.NO_ANSWER, ask_id=ask.id)
    log_interaction(database, bob, Channel.CALL, TODAY, settings, Outcome.VOICEMAIL, ask_id=ask.id)
    detail = contact_detail(database, bob)
    assert len(detail.interactions) == 2
    assert detail.contact.last_contacted_on is None
    assert detail.asks[0].follow_up_on == TODAY + timedelta(days=settings.retry_days)
    cold = build_agenda(database, TODAY, settings).section(Section.GOING_COLD)
    assert [(item.contact_id, item.reason[:15]) for item in cold] == [(bob, "never contacted")]


def test_plurals_go_through_one_ngettext_shaped_helper() -> None:
    assert ngettext("person", "people", 1) == "person"
    assert ngettext("person", "people", 0) == "people"
    assert counted(1, "person to look at", "people to look at") == "1 person to look at"
    assert counted(2048, "day", "days") == "2,048 days"
    assert counted(3, "{count} time", "{count} times") == "3 times"


def test_the_title_and_cli_count_people_in_the_singular_too(
    database: Database, db_path: Path, settings: Settings
) -> None:
    from tests.support import run

    ann = add(database, settings, "Ann Lee")
    create_ask(database, ann, AskForm(kind="reference"), TODAY, settings)
    out = run(database.location, "today").stdout
    assert "1 person to look at" in out
    assert "Asks to make (1)" in out


def test_other_cadence_covers_contacts_with_no_relationship(
    database: Database, settings: Settings
) -> None:
    nobody = add(database, settings, "No Relation")
    assert build_agenda(database, TODAY, settings).totals[Section.GOING_COLD] == 0
    with_other = parse_settings({"cadence": {"other": 45}}, "config.toml")
    assert with_other.cadence_for(None) == 45
    agenda = build_agenda(database, TODAY, with_other)
    assert [item.contact_id for item in agenda.section(Section.GOING_COLD)] == [nobody]
    assert "keep in touch every 45 days" in agenda.section(Section.GOING_COLD)[0].reason
    off = parse_settings({"cadence": {"other": 0}}, "config.toml")
    assert build_agenda(database, TODAY, off).totals[Section.GOING_COLD] == 0


def export(tmp_path: Path, company: str, title: str) -> Path:
    path = tmp_path / f"{company}.csv"
    row = (
        f"Karim,Idrissi,https://www.linkedin.com/in/karim-idrissi,,{company},{title},3 Jan 2023\r\n"
    )
    path.write_text(HEADER + row, encoding="utf-8")
    return path


def test_a_reimport_with_a_new_job_updates_notes_and_surfaces_it(
    database: Database, db_path: Path, settings: Settings, tmp_path: Path
) -> None:
    from refterm.core.profile import ProfileForm, save_profile

    save_profile(database, ProfileForm(name="Amine Kettani"), settings)  # scripts need it
    first = export(tmp_path, "OCP Group", "Head of Data")
    import_contacts(database, read_import(first, settings), settings, now=NOW, today=TODAY)
    newer = export(tmp_path, "Maroc Telecom", "CTO")
    before = dump(database)
    dry = import_contacts(
        database, read_import(newer, settings), settings, dry_run=True, now=NOW, today=TODAY
    )
    assert dump(database) == before
    assert dry.changed_jobs == 1
    assert "1 contact changed jobs (would be updated and noted in their history)" in dry.summary()
    later = TODAY + timedelta(days=3)
    report = import_contacts(database, read_import(newer, settings), settings, now=NOW, today=later)
    assert (report.changed_jobs, report.merged, report.unchanged) == (1, 0, 0)
    assert "1 contact changed jobs (updated and noted" in report.summary()
    agenda = build_agenda(database, later, settings)
    (row,) = agenda.section(Section.CHANGED_JOBS)
    assert row.company == "Maroc Telecom"
    assert row.reason == ("moved from OCP Group to Maroc Telecom as CTO; seen in an import today")
    karim = contact_detail(database, row.contact_id)
    assert (karim.contact.company, karim.contact.title) == ("Maroc Telecom", "CTO")
    assert [(i.occurred_on, i.outcome) for i in karim.interactions] == [(later, "job_change")]
    assert karim.contact.last_contacted_on is None  # news about them, not contact
    # The keep-in-touch script mentions the new role, in either language.
    script = render_script(database, settings, later, row.contact_id, template="keep_in_touch")
    assert "Congratulations on the new role as CTO!" in script.text
    french = render_script(
        database, settings, later, row.contact_id, template="keep_in_touch", language="fr"
    )
    assert "Félicitations pour votre nouveau poste de CTO\u202f!" in french.text
    # Thirty days on it is no longer news; the same file again changes nothing.
    assert (
        build_agenda(database, later + timedelta(days=30), settings).totals[Section.CHANGED_JOBS]
        == 0
    )
    gone = render_script(
        database, settings, later + timedelta(days=30), row.contact_id, template="keep_in_touch"
    )
    assert "Congratulations" not in gone.text
    again = import_contacts(database, read_import(newer, settings), settings, now=NOW, today=later)
    assert (again.changed_jobs, again.unchanged) == (0, 1)


def card(email: str, company: str, title: str) -> str:
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nadia Haddad\r\nN:Haddad;Nadia;;;\r\n"
        f"EMAIL:{email}\r\nORG:{company}\r\nTITLE:{title}\r\nEND:VCARD\r\n"
    )


def test_a_vcard_with_a_new_employer_is_a_job_change_in_french_too(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    french = replace(settings, language="fr")
    old = tmp_path / "old.vcf"
    old.write_text(card("nadia@example.fr", "Orange Business", "Architecte"), encoding="utf-8")
    new = tmp_path / "new.vcf"
    new.write_text(card("nadia@example.fr", "Thales", "Architecte"), encoding="utf-8")
    import_contacts(database, read_import(old, french), french, now=NOW, today=TODAY)
    report = import_contacts(database, read_import(new, french), french, now=NOW, today=TODAY)
    assert report.changed_jobs == 1
    (row,) = build_agenda(database, TODAY, french).section(Section.CHANGED_JOBS)
    detail = contact_detail(database, row.contact_id)
    assert detail.interactions[0].summary == "Départ d’Orange Business pour Thales"
    assert detail.contact.company == "Thales"


def test_the_bottom_floor_imports_nothing_else_of_refterm() -> None:
    import subprocess
    import sys

    code = (
        "import sys, refterm.model.plural, refterm.model.contact_rule; "
        "print(sorted(m for m in sys.modules if m.startswith('refterm.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == (
        "['refterm.model', 'refterm.model.contact_rule', 'refterm.model.i18n',"
        " 'refterm.model.plural']"
    )
