"""Every built-in script in both languages reads cleanly; bad user templates are refused cleanly."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.core.asks import AskForm, add_reference_use, create_ask
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.core.profile import ProfileForm, save_profile
from refterm.core.scripts import SCRIPT_TEMPLATES, Script, render_script
from refterm.db.database import Database
from refterm.errors import TemplateFailed
from tests.support import TODAY

PLAIN = Settings()
POINTS = "- Led the payments migration to the cloud\n- Grew the data team from 3 to 12 people"


@dataclass(frozen=True)
class Network:
    database: Database
    contact_id: int
    ask_ids: tuple[int, ...]


def _ask(database: Database, contact_id: int, **fields: object) -> int:
    ask = create_ask(database, contact_id, AskForm(**fields), TODAY, PLAIN)  # type: ignore[arg-type]
    assert ask.id is not None
    return ask.id


def _full_network(path: Path, relationship: str) -> Network:
    """A contact with every field known and an ask in every state, and a full profile."""
    database = Database.open(path)
    save_profile(
        database,
        ProfileForm(
            name="Amine Kettani",
            headline="Data engineering lead",
            email="amine@example.com",
            phone="+33 6 12 34 56 70",
            city="Paris",
            target_roles="Head of Data\nEngineering Manager",
        ),
        PLAIN,
    )
    form = ContactForm(
        full_name="Claire Dubois",
        company="Capgemini",
        title="Engagement Manager",
        relationship=relationship,
        how_we_met="Client sponsor of the data-lake project",
        email="claire@example.fr",
        phone="+33 6 11 22 33 44",
    )
    contact = create_contact(database, validate(form, PLAIN))
    assert contact.id is not None
    ten_days_ago = TODAY - timedelta(days=10)
    reference = _ask(database, contact.id, kind="reference", status="agreed", purpose="CTO roles",
                     talking_points=POINTS, agreed_on=ten_days_ago)  # fmt: skip
    add_reference_use(database, reference, "Decathlon Digital", "Head of Data", TODAY)
    asks = (
        reference,
        _ask(database, contact.id, kind="reference", purpose="Consulting roles"),
        _ask(
            database,
            contact.id,
            kind="recommendation",
            platform="linkedin",
            status="asked",
            purpose="LinkedIn profile",
            talking_points=POINTS,
            asked_on=ten_days_ago,
        ),  # fmt: skip
        _ask(
            database,
            contact.id,
            kind="recommendation",
            platform="letter",
            status="agreed",
            agreed_on=TODAY.replace(day=1),
        ),  # fmt: skip
        _ask(database, contact.id, kind="recommendation", platform="viadeo", status="received"),
        _ask(database, contact.id, kind="recommendation", platform="email", purpose="Application."),
    )
    return Network(database, contact.id, asks)


def _bare_network(path: Path) -> Network:
    """Only a name: no profile, no company, no ask."""
    database = Database.open(path)
    contact = create_contact(database, validate(ContactForm(full_name="Zoé"), PLAIN))
    assert contact.id is not None
    return Network(database, contact.id, ())


@pytest.fixture(scope="module")
def networks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Network]]:
    folder = tmp_path_factory.mktemp("networks")
    built = {
        "formal": _full_network(folder / "formal.db", "client"),
        "familiar": _full_network(folder / "familiar.db", "colleague"),
        "bare": _bare_network(folder / "bare.db"),
    }
    yield built
    for network in built.values():
        network.database.dispose()


SPACE_BEFORE = re.compile(r" [,.)]|\( ")
# A line break eaten by a block tag glues a sentence to the next: "Capgemini)How you know".
SQUASHED = re.compile(r"[.?!:)][A-ZÀ-ÖØ-Ý]")


def assert_reads_cleanly(script: Script, first_name: str) -> None:
    text = script.text
    where = f"{script.language}/{script.template}.j2 (ask {script.ask_id})"
    for leftover in ("{{", "}}", "{%", "%}", "{#", "#}"):
        assert leftover not in text, where
    assert "None" not in text, where
    assert "  " not in text, where
    assert "\n\n\n" not in text, where
    for empty in ('""', "''", "()", "« »", "..", ",,", ",."):
        assert empty not in text, (where, empty)
    assert not SPACE_BEFORE.search(text), (where, SPACE_BEFORE.search(text))
    assert not SQUASHED.search(text), (where, SQUASHED.search(text))
    assert text == text.strip(), where
    assert not any(line.startswith(" ") for line in text.splitlines()), where
    assert first_name in text, where


@pytest.mark.parametrize("case", ["formal", "familiar", "bare"])
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("template", SCRIPT_TEMPLATES)
def test_every_script_reads_cleanly(
    networks: dict[str, Network], case: str, language: str, template: str
) -> None:
    network = networks[case]
    first_name = "Zoé" if case == "bare" else "Claire"
    for ask_id in (None, *network.ask_ids):
        script = render_script(
            network.database, PLAIN, TODAY, network.contact_id, template, language, ask_id=ask_id
        )
        assert (script.template, script.language) == (template, language)
        assert_reads_cleanly(script, first_name)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_full_scripts_carry_the_known_details(networks: dict[str, Network], language: str) -> None:
    network = networks["formal"]
    reference, _planned, asked, agreed_letter, _received, _email = network.ask_ids

    def render(template: str, ask_id: int | None = None) -> str:
        return render_script(
            network.database, PLAIN, TODAY, network.contact_id, template, language, ask_id=ask_id
        ).text

    brief = render("brief_reference", reference)
    assert "Decathlon Digital" in brief and "Head of Data" in brief
    assert "- Grew the data team from 3 to 12 people" in brief
    call = render("call_recommendation", asked)
    assert "Client sponsor of the data-lake project" in call
    assert "LinkedIn" in call
    assert ("November 16, 2026" if language == "en" else "16 novembre 2026") in call
    follow_up = render("follow_up", agreed_letter)
    assert ("November 1, 2026" if language == "en" else "1er novembre 2026") in follow_up
    email = render("email_recommendation", asked)
    assert "Amine Kettani" in email and "+33612345670" in email
    news = render("keep_in_touch").split("\n\n")
    assert news[1].endswith("Capgemini?" if language == "en" else "Capgemini ?")
    assert news[2].startswith("On my side" if language == "en" else "De mon côté")


def test_french_register_follows_the_relationship(networks: dict[str, Network]) -> None:
    def opening(case: str) -> str:
        network = networks[case]
        text = render_script(
            network.database, PLAIN, TODAY, network.contact_id, "call_reference", "fr"
        ).text
        return text.split("\n\n")[1]

    assert opening("familiar") == "Salut Claire, c'est Amine ! Tu as cinq minutes ?"
    assert opening("formal") == "Bonjour Claire, c'est Amine. Vous avez cinq minutes ?"
    assert opening("bare") == "Bonjour Zoé. Vous avez cinq minutes ?"


# User templates: override, and the ways they can be wrong


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "user-templates"
    (folder / "en").mkdir(parents=True)
    (folder / "fr").mkdir(parents=True)
    return folder


def _render_with(networks: dict[str, Network], user_dir: Path, language: str = "en") -> Script:
    network = networks["formal"]
    return render_script(
        network.database, PLAIN, TODAY, network.contact_id, "keep_in_touch", language,
        user_dir=user_dir,
    )  # fmt: skip


def test_user_template_overrides_the_builtin_for_its_language_only(
    networks: dict[str, Network], user_dir: Path
) -> None:
    (user_dir / "fr" / "keep_in_touch.j2").write_text(
        "Coucou {{ contact.first_name }}, des nouvelles de {{ contact.company }} ?\n"
    )
    assert (
        _render_with(networks, user_dir, "fr").text == "Coucou Claire, des nouvelles de Capgemini ?"
    )
    assert _render_with(networks, user_dir, "en").text.startswith("Hello Claire,")


def test_syntax_error_names_the_file_and_line(networks: dict[str, Network], user_dir: Path) -> None:
    path = user_dir / "en" / "keep_in_touch.j2"
    path.write_text("Hello {{ contact.first_name }},\n\n{{ contact.company }\n")
    with pytest.raises(TemplateFailed) as failure:
        _render_with(networks, user_dir)
    assert f"{path}, line 3: template syntax error" in failure.value.message


def test_unknown_variable_names_the_file_line_and_variable(
    networks: dict[str, Network], user_dir: Path
) -> None:
    path = user_dir / "en" / "keep_in_touch.j2"
    path.write_text("Hello {{ contact.first_name }},\nSee you in {{ contact.hometown }}.\n")
    with pytest.raises(TemplateFailed) as failure:
        _render_with(networks, user_dir)
    message = failure.value.message
    assert message.startswith(f"{path}, line 2: unknown variable or attribute")
    assert "hometown" in message
    path.write_text("Hello {{ mood }}\n")
    with pytest.raises(TemplateFailed, match="'mood' is undefined"):
        _render_with(networks, user_dir)


@pytest.mark.parametrize(
    "escape",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ contact.__class__.__mro__[1].__subclasses__() }}",
        "{{ today.__class__.__init__.__globals__ }}",
        "{{ range.__call__.__self__ }}",
    ],
)
def test_sandbox_escape_is_refused_cleanly(
    networks: dict[str, Network], user_dir: Path, escape: str
) -> None:
    path = user_dir / "en" / "keep_in_touch.j2"
    path.write_text(f"Hello {{{{ contact.first_name }}}}\n{escape}\n")
    with pytest.raises(TemplateFailed) as failure:
        _render_with(networks, user_dir)
    assert failure.value.message.startswith(f"{path}, line 2: refused by the sandbox")


def test_runtime_error_in_a_template_is_a_message(
    networks: dict[str, Network], user_dir: Path
) -> None:
    (user_dir / "en" / "keep_in_touch.j2").write_text("Hello\n{{ 1 // 0 }}\n")
    with pytest.raises(TemplateFailed, match="line 2: ZeroDivisionError"):
        _render_with(networks, user_dir)


def test_user_template_created_while_running_replaces_the_cached_builtin(
    networks: dict[str, Network], user_dir: Path
) -> None:
    before = _render_with(networks, user_dir, "en").text  # caches the built-in
    (user_dir / "en" / "keep_in_touch.j2").write_text("Mine, {{ contact.first_name }}.\n")
    assert before.startswith("Hello Claire,")
    assert _render_with(networks, user_dir, "en").text == "Mine, Claire."
