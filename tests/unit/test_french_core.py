"""What core, db and the model say to a French user: whole French sentences, read aloud.

And what they write for a contact or an export stays in that contact's or export's language,
whatever language the interface speaks.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from refterm.clock import noon_of
from refterm.config import Settings, parse_settings
from refterm.core.agenda import Section, build_agenda, section_title
from refterm.core.asks import AskForm, create_ask, move_ask
from refterm.core.calendar import calendar_events
from refterm.core.contacts import ContactForm, create_contact, get_contact, validate
from refterm.core.removal import set_archived
from refterm.core.scripts import render_script
from refterm.core.undo import recent_changes, undo_hint, undo_last
from refterm.db.database import Database
from refterm.errors import ChangedElsewhere, ConfigError, NotFound
from refterm.model import i18n
from refterm.model.vocab import AskStatus, Relationship, label
from tests.support import TODAY


def person(database: Database, settings: Settings, name: str, **fields: object) -> int:
    form = ContactForm(full_name=name, **fields)  # type: ignore[arg-type]
    contact = create_contact(database, validate(form, settings))
    assert contact.id is not None
    return contact.id


def ask(database: Database, settings: Settings, contact_id: int, **fields: object) -> int:
    form = AskForm(**fields)  # type: ignore[arg-type]
    created = create_ask(database, contact_id, form, TODAY, settings, now=noon_of(TODAY))
    assert created.id is not None
    return created.id


def reasons(database: Database, settings: Settings) -> dict[Section, list[str]]:
    agenda = build_agenda(database, TODAY, settings)
    return {part: [item.reason for item in agenda.section(part)] for part in Section}


def test_the_review_gives_its_reasons_in_french(
    database: Database, settings: Settings, french: None
) -> None:
    ann = person(database, settings, "Ann Lee", relationship="manager")
    ask(database, settings, ann, kind="recommendation", status="asked",
        asked_on=TODAY - timedelta(days=12), follow_up_on=TODAY)  # fmt: skip
    omar = person(database, settings, "Omar Tazi")
    ask(database, settings, omar, kind="recommendation", status="received",
        received_on=TODAY - timedelta(days=3))  # fmt: skip
    sara = person(database, settings, "Sara Idrissi")
    ask(database, settings, sara, kind="reference", status="planned", platform="linkedin",
        purpose="le poste chez Decathlon")  # fmt: skip
    found = reasons(database, settings)
    assert found[Section.FOLLOW_UPS] == [
        "vous avez demandé une recommandation il y a 12 jours, relance prévue aujourd’hui"
    ]
    assert found[Section.THANKS_OWED] == [
        "a écrit la recommandation il y a 3 jours\u202f; remerciement à faire"
    ]
    assert found[Section.ASKS_TO_MAKE] == [
        "prévue aujourd’hui\u00a0: demander une référence sur LinkedIn pour le poste chez Decathlon"
    ]
    assert section_title(Section.GOING_COLD) == "Se refroidissent"
    assert section_title(Section.THANKS_OWED) == "Remerciements à faire"


def test_a_late_follow_up_and_the_other_reasons_of_a_row_in_french(
    database: Database, settings: Settings, french: None
) -> None:
    ann = person(database, settings, "Ann Lee", relationship="manager")
    ask(database, settings, ann, kind="reference", status="agreed",
        asked_on=TODAY - timedelta(days=20), agreed_on=TODAY - timedelta(days=10),
        follow_up_on=TODAY - timedelta(days=2))  # fmt: skip
    ask(database, settings, ann, kind="recommendation", status="received",
        received_on=TODAY - timedelta(days=1))  # fmt: skip
    agenda = build_agenda(database, TODAY, settings)
    (row,) = agenda.section(Section.FOLLOW_UPS)
    assert row.reason == (
        "a accepté de vous donner une référence il y a 10 jours, relance en retard de 2 jours"
    )
    assert row.also_text == "aussi\u00a0: remerciement à faire"


def test_english_reasons_are_unchanged(database: Database, settings: Settings) -> None:
    ann = person(database, settings, "Ann Lee", relationship="manager")
    ask(database, settings, ann, kind="recommendation", status="asked",
        asked_on=TODAY - timedelta(days=12), follow_up_on=TODAY)  # fmt: skip
    (reason,) = reasons(database, settings)[Section.FOLLOW_UPS]
    assert reason == "asked for a recommendation 12 days ago, follow-up due today"


def test_undo_labels_name_the_change_in_french(
    database: Database, settings: Settings, french: None
) -> None:
    omar = person(database, settings, "Omar Tazi")
    asked = ask(database, settings, omar, kind="reference", status="asked", asked_on=TODAY)
    move_ask(database, asked, AskStatus.AGREED, TODAY, settings=settings)
    set_archived(database, omar, True)
    assert [change.label for change in recent_changes(database)] == [
        "contact Omar Tazi archivé",
        "Omar Tazi\u00a0: demande de référence acceptée",
        "Omar Tazi\u00a0: demande de référence ajoutée",
        "contact Omar Tazi ajouté",
    ]
    assert undo_last(database).label == "contact Omar Tazi archivé"
    assert get_contact(database, omar).archived_at is None
    assert undo_hint() == "ctrl+z pour annuler"


def test_errors_speak_french(database: Database, settings: Settings, french: None) -> None:
    with pytest.raises(NotFound) as missing:
        get_contact(database, 99)
    assert missing.value.message == "aucun contact n’a l’identifiant 99"
    assert str(ChangedElsewhere("cette demande")) == (
        "Non enregistré\u00a0: cette demande a changé ailleurs depuis son ouverture\u202f; "
        "votre saisie est conservée (fermez puis rouvrez pour voir l’autre modification)"
    )
    with pytest.raises(ConfigError) as refused:
        parse_settings({"language": "de"}, "config.toml")
    assert refused.value.message == (
        "config.toml\u00a0: language doit valoir «\u00a0en\u00a0» ou «\u00a0fr\u00a0», pas 'de'"
    )


def test_stored_codes_are_labelled_in_the_interface_language(french: None) -> None:
    assert label(Relationship, "direct_report") == "collaborateur"
    assert label(AskStatus, "agreed") == "acceptée"
    assert label(Relationship, "someday") == "someday"  # unknown: shown as stored
    i18n.set_language("en")
    assert label(Relationship, "direct_report") == "direct report"
    assert label(AskStatus, "agreed") == "agreed"


@pytest.mark.parametrize("interface", ["en", "fr"])
def test_scripts_keep_the_contacts_language_whatever_the_interface(
    demo_database: Database, settings: Settings, interface: str
) -> None:
    """An English contact's script stays English under a French interface, and the reverse."""
    from refterm.core.contacts import resolve_contact
    from refterm.core.demo_data import PEOPLE

    english = next(p.name for p in PEOPLE if p.language == "en")
    french = next(p.name for p in PEOPLE if p.language == "fr")
    scripts = {}
    for name in (english, french):
        contact_id = resolve_contact(demo_database, name).id
        i18n.set_language("en" if interface == "fr" else "fr")
        before = render_script(demo_database, settings, TODAY, contact_id, "keep_in_touch")
        i18n.set_language(interface)
        try:
            after = render_script(demo_database, settings, TODAY, contact_id, "keep_in_touch")
        finally:
            i18n.set_language("en")
        assert after == before
        scripts[name] = after
    assert scripts[english].language == "en"
    assert scripts[french].language == "fr"


def test_calendar_events_keep_the_exports_language(
    demo_database: Database, settings: Settings, french: None
) -> None:
    english = calendar_events(demo_database, TODAY, settings, "en", 4)
    assert english and all("Relancer" not in event.title for event in english)
    assert any(
        event.title.startswith(("Follow up with", "Keep in touch with")) for event in english
    )
    french_events = calendar_events(demo_database, TODAY, settings, "fr", 4)
    assert any(
        event.title.startswith(("Relancer", "Prendre des nouvelles")) for event in french_events
    )


def test_the_first_of_the_month_is_1er_in_french(french: None) -> None:
    from datetime import date

    from refterm.model.relative import long_day

    assert long_day(date(2026, 12, 1)) == "mardi 1er décembre 2026"
    assert long_day(date(2026, 12, 2)) == "mercredi 2 décembre 2026"
    assert long_day(date(2026, 12, 1), "en") == "Tuesday 1 December 2026"
