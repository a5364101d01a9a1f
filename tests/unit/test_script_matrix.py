"""Every script × language × formality × search status × (full, bare contact) reads as a native
speaker would write it, and states nothing false."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.core.asks import AskForm, add_reference_use, create_ask
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.core.profile import ProfileForm, save_profile
from refterm.core.scripts import Script, render_script
from refterm.db.database import Database

TODAY = date(2026, 11, 30)
PLAIN = Settings()
POINTS = "- Data platform migration, 2021\n- Team grown from 3 to 12 people"
STATUSES = ("employed", "open", "looking")
CALLS = ("call_reference", "call_recommendation")


@dataclass(frozen=True)
class Person:
    """A contact and the ask (or use) each template is about."""

    contact_id: int
    greeting: dict[str, str]
    about: dict[str, tuple[int | None, int | None]]


def _ask(database: Database, contact_id: int, **fields: object) -> int:
    ask = create_ask(database, contact_id, AskForm(**fields), TODAY, PLAIN)  # type: ignore[arg-type]
    assert ask.id is not None
    return ask.id


def _person(database: Database, form: ContactForm, full: bool) -> int:
    contact = create_contact(database, validate(form, PLAIN))
    assert contact.id is not None
    return contact.id


def _asks(
    database: Database, contact_id: int, full: bool
) -> dict[str, tuple[int | None, int | None]]:
    extra: dict[str, object] = {"purpose": "Head of Data", "talking_points": POINTS} if full else {}
    asked_on = TODAY - timedelta(days=29) if full else None
    reference = _ask(database, contact_id, kind="reference", **extra)
    asked = _ask(
        database,
        contact_id,
        kind="recommendation",
        status="asked",
        platform="viadeo" if full else None,
        asked_on=asked_on,
        **extra,
    )
    written = _ask(
        database,
        contact_id,
        kind="recommendation",
        platform="exekutive" if full else None,
        **({"purpose": "dossier de candidature pour l'OCP."} if full else {}),
    )
    agreed = _ask(
        database,
        contact_id,
        kind="recommendation",
        status="agreed",
        platform="letter" if full else None,
        agreed_on=TODAY - timedelta(days=27),
    )
    received = _ask(
        database,
        contact_id,
        kind="recommendation",
        status="received",
        platform="linkedin" if full else None,
    )
    vouched = _ask(
        database,
        contact_id,
        kind="reference",
        status="agreed",
        agreed_on=TODAY - timedelta(days=40),
        **extra,
    )
    use = add_reference_use(
        database, vouched, "Decathlon Digital", "Head of Data" if full else None, TODAY
    )
    return {
        "call_reference": (reference, None),
        "call_recommendation": (asked, None),
        "email_recommendation": (written, None),
        "follow_up": (agreed, None),
        "follow_up/unanswered": (asked, None),
        "brief_reference": (None, use.id),
        "thank_you": (received, None),
        "thank_you/reference": (vouched, None),
        "keep_in_touch": (None, None),
    }


def network(path: Path, status: str, formality: str) -> tuple[Database, dict[str, Person]]:
    """A full profile with `status`, a full contact and a bare one, both with `formality`."""
    database = Database.open(path)
    save_profile(
        database,
        ProfileForm(
            name="Amine Kettani",
            headline="Data engineering lead",
            email="amine.kettani@example.com",
            phone="+33612345670",
            city="Paris",
            target_roles="Head of Data\nEngineering Manager",
            search_status=status,
        ),
        PLAIN,
    )
    full = _person(
        database,
        ContactForm(
            full_name="BERRADA Hassan",
            company="Université Mohammed V",
            title="Directeur financier",
            relationship="client",
            how_we_met="Thales, 2019-2022",
            email="hassan@example.ma",
            phone="+212 6 61 23 45 67",
            formality=formality,
            civility="monsieur",
            known_since="2019-03",
        ),
        True,
    )
    bare = _person(database, ContactForm(full_name="Inès", formality=formality), False)
    vous = {"fr": "Monsieur Berrada", "en": "Mr Berrada"}
    greeting = vous if formality == "vous" else {"fr": "Hassan", "en": "Hassan"}
    return database, {
        "full": Person(full, greeting, _asks(database, full, True)),
        "bare": Person(bare, {"fr": "Inès", "en": "Inès"}, _asks(database, bare, False)),
    }


@pytest.fixture(scope="module")
def networks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], object]]:
    folder = tmp_path_factory.mktemp("matrix")
    built = {
        (status, formality): network(folder / f"{status}-{formality}.db", status, formality)
        for status in STATUSES
        for formality in ("tu", "vous")
    }
    yield built  # type: ignore[misc]
    for database, _ in built.values():
        database.dispose()


def render(database: Database, person: Person, case: str, language: str, voicemail: bool) -> Script:
    template = case.split("/")[0]
    ask_id, use_id = person.about[case]
    return render_script(
        database,
        PLAIN,
        TODAY,
        person.contact_id,
        template,
        language,
        ask_id=ask_id,
        use_id=use_id,
        voicemail=voicemail,
    )


EMPTY_SLOTS = re.compile(
    r"\(\s*\)|«\s*»|\s[,.)]|\(\s|[,:;]\s*[.,]|\.\.|,,|^[,.;:]|[ \t\u00a0\u202f]$", re.M
)
SQUASHED = re.compile(r"[.?!:)][A-ZÀ-ÖØ-Ý]")
# French typography: no plain or missing space before ? ! ; :, no straight apostrophe.
FRENCH_FAULTS = re.compile(r"'|[^\u202f][?!;](?=\s|$)|[^\u00a0]:(?=\s|$)| [?!;:]", re.M)
ENGLISH_TELLS = ("Connected on", " and ", " with ", "Hello", " the ", "Thank")
FRENCH_TELLS = (" et ", " avec ", "Bonjour", "Salut", "merci", "Merci", " je ", "c'est", "vous")
SEEKING = re.compile(r"cherch|looking for|job search|recherche", re.I)


def check(script: Script, person: Person, status: str, voicemail: bool) -> None:
    text, where = script.text, f"{script.language}/{script.template} {status} vm={voicemail}"
    for leftover in ("{{", "}}", "{%", "%}", "None"):
        assert leftover not in text, (where, leftover)
    assert "  " not in text and "\n\n\n" not in text, where
    assert not EMPTY_SLOTS.search(text), (where, EMPTY_SLOTS.search(text))
    assert not SQUASHED.search(text), (where, SQUASHED.search(text))
    if script.language == "fr":
        fault = FRENCH_FAULTS.search(text.replace("https://", ""))
        assert fault is None, (where, fault)
        assert not [tell for tell in ENGLISH_TELLS if tell in text], where
    else:
        assert not [tell for tell in FRENCH_TELLS if tell in text], where
    if status == "employed":
        assert not SEEKING.search(text), (where, SEEKING.search(text))
    assert person.greeting[script.language] in text, where
    if script.template in CALLS:
        caller = "Amine" if "Salut" in text or "Hi " in text else "Amine Kettani"
        assert f", c’est {caller}" in text or f", it's {caller}" in text, where
    else:  # every message is signed
        assert {"Amine", "Amine Kettani"} & set(text.splitlines()[-5:]), where
    assert "+33 6 12 34 56 70" in text or "+33612345670" not in text, where


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("formality", ["tu", "vous"])
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("who", ["full", "bare"])
def test_every_script_reads_right(
    networks: dict[tuple[str, str], tuple[Database, dict[str, Person]]],
    status: str,
    formality: str,
    language: str,
    who: str,
) -> None:
    database, people = networks[(status, formality)]
    person = people[who]
    for case in person.about:
        for voicemail in (False, True) if case in CALLS else (False,):
            script = render(database, person, case, language, voicemail)
            check(script, person, status, voicemail)


def test_the_french_reads_as_written(
    networks: dict[tuple[str, str], tuple[Database, dict[str, Person]]],
) -> None:
    database, people = networks[("looking", "vous")]
    full = people["full"]
    call = render(database, full, "call_reference", "fr", False).text
    assert "Bonjour Monsieur Berrada, c’est Amine Kettani. Vous avez cinq minutes\u202f?" in call
    assert "un poste de Head of Data ou d’Engineering Manager" in call
    assert "ni pour un poste ni pour des contacts" in call
    relance = render(database, full, "call_recommendation", "fr", False).text
    assert "ma demande du 1er novembre\u00a0:" in relance  # no year: this year's date
    assert "Sinon, accepteriez-vous simplement que je donne votre nom comme référence\u202f?" in (
        relance
    )
    email = render(database, full, "email_recommendation", "fr", False).text
    assert email.startswith("Objet\u00a0: Demande de recommandation sur ExeKutive")
    assert "Pour situer le contexte\u00a0: dossier de candidature pour l’OCP." in email
    assert email.endswith(
        "Amine Kettani\nData engineering lead\n+33 6 12 34 56 70\namine.kettani@example.com"
    )
    news = render(database, full, "keep_in_touch", "fr", False).text
    assert "Comment les choses se passent-elles à l’Université Mohammed V\u202f?" in news
    employed = network_text(networks, "employed", "email_recommendation")
    assert "je prends le temps de constituer mon dossier professionnel" in employed


def network_text(
    networks: dict[tuple[str, str], tuple[Database, dict[str, Person]]], status: str, case: str
) -> str:
    database, people = networks[(status, "tu")]
    return render(database, people["bare"], case, "fr", False).text


def test_voicemail_is_short_and_says_who_calls(
    networks: dict[tuple[str, str], tuple[Database, dict[str, Person]]],
) -> None:
    database, people = networks[("open", "tu")]
    for language in ("en", "fr"):
        for case in CALLS:
            text = render(database, people["full"], case, language, True).text
            spoken = text.split("\n\n", 1)[1]
            assert 40 <= len(spoken.split()) <= 90, (case, language, len(spoken.split()))
            assert "+33 6 12 34 56 70" in spoken
