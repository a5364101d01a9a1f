"""Scripts in core: which template fits, the context it gets, the language, user copies."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from refterm.config import Settings
from refterm.core.agenda import Section, build_agenda
from refterm.core.asks import (
    AskForm,
    add_reference_use,
    create_ask,
    mark_briefed,
    mark_thanked,
)
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.core.profile import ProfileForm, save_profile
from refterm.core.script_context import talking_points
from refterm.core.scripts import (
    SCRIPT_TEMPLATES,
    check_template,
    ensure_user_copy,
    list_templates,
    render_script,
    script_language,
    suggest_template,
)
from refterm.core.templating import BUILTIN_DIR
from refterm.db.database import Database
from refterm.errors import InvalidInput, NotFound, RefTermError, ScriptRefused, TemplateFailed
from tests.support import TODAY


def add_contact(
    database: Database, settings: Settings, name: str = "Claire Dubois", **fields: str
) -> int:
    contact = create_contact(database, validate(ContactForm(full_name=name, **fields), settings))
    assert contact.id is not None
    return contact.id


def add_ask(database: Database, settings: Settings, contact_id: int, **fields: object) -> int:
    ask = create_ask(database, contact_id, AskForm(**fields), TODAY, settings)  # type: ignore[arg-type]
    assert ask.id is not None
    return ask.id


@pytest.fixture(autouse=True)
def named(request: pytest.FixtureRequest, settings: Settings) -> None:
    """Scripts are shown only once the user's name is known (the demo profile has one).

    Only for tests on the empty `database`: `demo_database` is a copy at the same path.
    """
    if "database" in request.fixturenames:
        database: Database = request.getfixturevalue("database")
        save_profile(database, ProfileForm(name="Amine Kettani"), settings)


@pytest.fixture
def claire(database: Database, settings: Settings) -> int:
    return add_contact(database, settings, company="Capgemini", relationship="client")


# Which template fits


def test_nothing_pending_means_keep_in_touch(database: Database, claire: int) -> None:
    suggestion = suggest_template(database, claire, TODAY)
    assert (suggestion.template, suggestion.ask_id, suggestion.use_id) == (
        "keep_in_touch",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("kind", "platform", "expected"),
    [
        ("reference", None, "call_reference"),
        ("recommendation", "linkedin", "call_recommendation"),
        ("recommendation", None, "call_recommendation"),
        ("recommendation", "email", "email_recommendation"),
        ("recommendation", "letter", "email_recommendation"),
    ],
)
def test_planned_ask_gets_its_call_script(
    database: Database,
    settings: Settings,
    claire: int,
    kind: str,
    platform: str | None,
    expected: str,
) -> None:
    ask_id = add_ask(database, settings, claire, kind=kind, platform=platform)
    suggestion = suggest_template(database, claire, TODAY)
    assert (suggestion.template, suggestion.ask_id) == (expected, ask_id)


def test_asked_and_follow_up_due_means_asking_again(
    database: Database, settings: Settings, claire: int
) -> None:
    asked_on = TODAY - timedelta(days=10)
    ask_id = add_ask(
        database, settings, claire, kind="reference", status="asked", asked_on=asked_on
    )
    assert suggest_template(database, claire, TODAY).template == "call_reference"
    script = render_script(database, settings, TODAY, claire, language="en")
    assert script.ask_id == ask_id
    assert "I'm following up on what I asked you on November 16:" in script.text


def test_agreed_recommendation_not_received_means_follow_up(
    database: Database, settings: Settings, claire: int
) -> None:
    ask_id = add_ask(database, settings, claire, kind="recommendation", status="agreed")
    assert suggest_template(database, claire, TODAY).template == "follow_up"
    assert suggest_template(database, claire, TODAY).ask_id == ask_id


def test_received_not_thanked_means_thank_you_until_thanked(
    database: Database, settings: Settings, claire: int
) -> None:
    ask_id = add_ask(database, settings, claire, kind="recommendation", status="received")
    assert suggest_template(database, claire, TODAY).template == "thank_you"
    mark_thanked(database, ask_id, TODAY)
    # Reached today: not "it's been a while", but the ask she has not been made yet.
    assert suggest_template(database, claire, TODAY).template == "call_reference"
    a_year_later = TODAY + timedelta(days=365)
    assert suggest_template(database, claire, a_year_later).template == "keep_in_touch"


def test_unbriefed_reference_use_means_brief_reference_until_briefed(
    database: Database, settings: Settings, claire: int
) -> None:
    ask_id = add_ask(database, settings, claire, kind="reference", status="agreed")
    use = add_reference_use(database, ask_id, "Decathlon", "Head of Data", TODAY)
    suggestion = suggest_template(database, claire, TODAY)
    assert (suggestion.template, suggestion.ask_id, suggestion.use_id) == (
        "brief_reference",
        ask_id,
        use.id,
    )
    assert use.id is not None
    mark_briefed(database, use.id, TODAY)
    # Briefed, not yet thanked for agreeing: thank them (never "it's been a while" today).
    assert suggest_template(database, claire, TODAY).template == "thank_you"
    a_year_later = TODAY + timedelta(days=365)
    assert suggest_template(database, claire, a_year_later).template == "thank_you"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_keep_in_touch_says_where_a_reference_was_given(
    database: Database, settings: Settings, claire: int, language: str
) -> None:
    """Never "nothing new on the reference front" once the reference was given to an employer,
    whichever way the template is reached (here by hand, from the ask)."""
    ask_id = add_ask(database, settings, claire, kind="reference", status="agreed")
    nothing_yet = {
        "en": "Nothing new on the reference front yet",
        "fr": "Rien de neuf côté références",
    }
    before = render_script(
        database, settings, TODAY, claire, "keep_in_touch", language, ask_id=ask_id
    )
    assert nothing_yet[language] in before.text
    use = add_reference_use(database, ask_id, "Decathlon", "Head of Data", TODAY)
    given = {
        "en": "I gave your name to Decathlon for the Head of Data role, so someone from their "
        "team may call you",
        "fr": "J\u2019ai donné votre nom comme référence à Decathlon pour le poste de Head of "
        "Data\u00a0: quelqu\u2019un de leur équipe pourrait donc vous appeler",
    }
    after = render_script(
        database, settings, TODAY, claire, "keep_in_touch", language, ask_id=ask_id
    )
    assert nothing_yet[language] not in after.text
    assert given[language] in after.text
    assert use.id is not None
    mark_briefed(database, use.id, TODAY)
    briefed = render_script(
        database, settings, TODAY, claire, "keep_in_touch", language, ask_id=ask_id
    )
    assert {"en": "role, as I told you;", "fr": "Head of Data, comme je vous l\u2019ai dit."}[
        language
    ] in briefed.text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_keep_in_touch_says_it_has_been_a_while_only_when_it_is_known(
    database: Database, settings: Settings, claire: int, language: str
) -> None:
    from refterm.core.interactions import log_interaction
    from refterm.model.vocab import Channel

    a_while = {"en": "It's been a while", "fr": "Cela fait un moment"}[language]
    never = render_script(database, settings, TODAY, claire, "keep_in_touch", language)
    assert a_while not in never.text.replace("\u2019", "'")  # unknown: maybe met yesterday
    log_interaction(database, claire, Channel.MEETING, TODAY - timedelta(days=12), settings)
    lately = render_script(database, settings, TODAY, claire, "keep_in_touch", language)
    assert a_while not in lately.text.replace("\u2019", "'")
    opening = {
        "en": "Hello Claire,\n\nI wanted to hear how you're doing",
        "fr": "Bonjour Claire,\n\nJ\u2019avais envie de prendre de vos nouvelles",
    }
    assert opening[language] in lately.text
    long_ago = render_script(
        database, settings, TODAY + timedelta(days=61), claire, "keep_in_touch", language
    )
    assert a_while in long_ago.text.replace("\u2019", "'")


def test_most_pressing_ask_wins(database: Database, settings: Settings, claire: int) -> None:
    add_ask(database, settings, claire, kind="recommendation")
    thanks = add_ask(database, settings, claire, kind="recommendation", status="received")
    assert suggest_template(database, claire, TODAY).ask_id == thanks
    reference = add_ask(database, settings, claire, kind="reference", status="agreed")
    add_reference_use(database, reference, "Decathlon", None, TODAY)
    assert suggest_template(database, claire, TODAY).template == "brief_reference"


def test_given_ask_decides_and_must_belong_to_the_contact(
    database: Database, settings: Settings, claire: int
) -> None:
    planned = add_ask(database, settings, claire, kind="reference")
    add_ask(database, settings, claire, kind="recommendation", status="received")
    assert suggest_template(database, claire, TODAY, ask_id=planned).template == "call_reference"
    other = add_contact(database, settings, "Omar Tazi")
    with pytest.raises(NotFound, match="Omar Tazi has no ask"):
        suggest_template(database, other, TODAY, ask_id=planned)
    with pytest.raises(NotFound, match="no contact has id 999"):
        suggest_template(database, 999, TODAY)


def test_each_review_row_opens_the_script_its_section_calls_for(
    demo_database: Database, settings: Settings
) -> None:
    agenda = build_agenda(demo_database, TODAY, settings)
    expected = {
        Section.OWES_RECOMMENDATION: {"follow_up"},
        Section.THANKS_OWED: {"thank_you"},
        Section.REFERENCES_TO_BRIEF: {"brief_reference"},
        Section.FOLLOW_UPS: {
            "call_reference",
            "call_recommendation",
            "email_recommendation",
            "follow_up",
        },
    }
    for section, templates in expected.items():
        assert agenda.section(section), section
        for item in agenda.section(section):
            suggestion = suggest_template(
                demo_database, item.contact_id, TODAY, ask_id=item.ask_id, use_id=item.use_id
            )
            assert suggestion.template in templates, (section, item.contact_name)
            if section is Section.REFERENCES_TO_BRIEF:
                assert suggestion.use_id == item.use_id


def test_hand_picked_template_finds_the_ask_it_is_about(
    database: Database, settings: Settings, claire: int
) -> None:
    reference = add_ask(database, settings, claire, kind="reference", purpose="CTO roles")
    recommendation = add_ask(
        database, settings, claire, kind="recommendation", platform="viadeo", status="agreed"
    )
    script = render_script(database, settings, TODAY, claire, "call_reference", "en")
    assert script.ask_id == reference
    assert "CTO roles" in script.text
    script = render_script(database, settings, TODAY, claire, "follow_up", "en")
    assert script.ask_id == recommendation
    assert "Viadeo" in script.text
    assert render_script(database, settings, TODAY, claire, "keep_in_touch", "en").ask_id is None


# Context and language


def test_talking_points_drop_bullets_and_blank_lines() -> None:
    assert talking_points("- Led the migration\n\n* Grew the team\n 3. Cut costs\n•  Hired") == [
        "Led the migration",
        "Grew the team",
        "Cut costs",
        "Hired",
    ]
    assert talking_points(None) == []


def test_language_is_override_then_contact_then_profile_then_config() -> None:
    french = Settings(language="fr")
    assert script_language("en", "fr", french, override="FR") == "fr"
    assert script_language("en", "fr", french) == "en"
    assert script_language(None, "en", french) == "en"
    assert script_language(None, None, french) == "fr"
    assert script_language("de", None, Settings()) == "en"
    with pytest.raises(InvalidInput, match="language must be one of en, fr"):
        script_language(None, None, french, override="de")


def test_script_follows_the_contact_language(database: Database, settings: Settings) -> None:
    contact = add_contact(database, settings, "Lucas Martin", language="fr", relationship="friend")
    script = render_script(database, settings, TODAY, contact, "keep_in_touch")
    assert script.language == "fr"
    assert script.text.startswith("Salut Lucas,")  # a friend is "tu"


def test_french_call_script_names_the_contact_and_the_user(
    database: Database, settings: Settings, claire: int
) -> None:
    save_profile(database, ProfileForm(name="Amine Kettani"), settings)
    add_ask(database, settings, claire, kind="reference", purpose="Postes de Head of Data")
    script = render_script(database, settings, TODAY, claire, language="fr")
    assert script.template == "call_reference"
    assert "Appel\u00a0: Claire Dubois (Capgemini)" in script.text
    assert "Bonjour Claire, c’est Amine Kettani. Vous avez cinq minutes\u202f?" in script.text
    assert "Postes de Head of Data" in script.text


def test_email_subject_is_split_out_and_kept_in_the_text(
    database: Database, settings: Settings, claire: int
) -> None:
    english = render_script(database, settings, TODAY, claire, "email_recommendation", "en")
    assert english.subject == "Request for a recommendation"
    assert english.text.startswith("Subject: Request for a recommendation\n")
    french = render_script(database, settings, TODAY, claire, "email_recommendation", "fr")
    assert french.subject == "Demande de recommandation"
    assert render_script(database, settings, TODAY, claire, "keep_in_touch", "en").subject is None


def test_user_text_is_data_not_template_code(database: Database, settings: Settings) -> None:
    contact = add_contact(database, settings, "{{ 7 * 7 }} {% if x %}", company="{{ me }}")
    script = render_script(database, settings, TODAY, contact, "keep_in_touch", "en")
    assert "Hello {{" in script.text
    assert "How are things at {{ me }}?" in script.text
    assert "49" not in script.text


# Errors


def test_unknown_or_malformed_template_names_are_refused(
    database: Database, settings: Settings, claire: int
) -> None:
    with pytest.raises(NotFound, match="no script template 'nope' in 'en'.*call_reference"):
        render_script(database, settings, TODAY, claire, "nope", "en")
    with pytest.raises(InvalidInput, match="not a script template name"):
        render_script(database, settings, TODAY, claire, "../en/thank_you", "en")
    with pytest.raises(InvalidInput, match="not a script template name"):
        render_script(database, settings, TODAY, claire, "dossier.md", "en")


def test_a_template_that_renders_nothing_is_refused(
    database: Database, settings: Settings, claire: int, tmp_path: Path
) -> None:
    user_dir = tmp_path / "templates"
    (user_dir / "en").mkdir(parents=True)
    (user_dir / "en" / "keep_in_touch.j2").write_text("{# nothing #}\n   \n")
    with pytest.raises(TemplateFailed, match="produced no text"):
        render_script(database, settings, TODAY, claire, "keep_in_touch", "en", user_dir=user_dir)


# The user's copies


def test_user_copy_starts_as_the_builtin_and_is_kept(tmp_path: Path) -> None:
    user_dir = tmp_path / "templates"
    path = ensure_user_copy("follow_up", "fr", user_dir)
    assert path == user_dir / "fr" / "follow_up.j2"
    assert path.read_text() == (BUILTIN_DIR / "fr" / "follow_up.j2").read_text()
    path.write_text("Relance {{ contact.first_name }}\n")
    assert ensure_user_copy("follow_up", "fr", user_dir) == path
    assert path.read_text() == "Relance {{ contact.first_name }}\n"


def test_user_copy_is_used_at_once_even_after_the_builtin_was_rendered(
    database: Database, settings: Settings, claire: int, tmp_path: Path
) -> None:
    user_dir = tmp_path / "templates"
    name = "keep_in_touch"
    before = render_script(database, settings, TODAY, claire, name, "fr", user_dir=user_dir)
    assert before.text.startswith("Bonjour Claire,")
    ensure_user_copy(name, "fr", user_dir).write_text("Merci {{ contact.first_name }} !\n")
    after = render_script(database, settings, TODAY, claire, name, "fr", user_dir=user_dir)
    assert after.text == "Merci Claire\u202f!"


def test_user_copy_refuses_unknown_names_and_languages(tmp_path: Path) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    with pytest.raises(NotFound, match="no built-in template 'nope'"):
        ensure_user_copy("nope", "en", folder)
    with pytest.raises(InvalidInput, match="not a template name"):
        ensure_user_copy("../../etc/passwd", "en", folder)
    with pytest.raises(InvalidInput, match="language must be one of"):
        ensure_user_copy("thank_you", "de", folder)
    assert not any(folder.iterdir())


@pytest.mark.parametrize(
    ("template", "missing"),
    [
        ("follow_up", "no recommendation asked of Claire Dubois to follow up on"),
        ("thank_you", "nothing received from Claire Dubois yet"),
        ("brief_reference", "no reference use of Claire Dubois waiting to be briefed"),
    ],
)
def test_a_template_whose_facts_do_not_hold_is_refused(
    database: Database, settings: Settings, claire: int, template: str, missing: str
) -> None:
    add_ask(database, settings, claire, kind="reference", status="asked")
    with pytest.raises(ScriptRefused) as refused:
        render_script(database, settings, TODAY, claire, template, "en")
    assert refused.value.message == f"cannot use {template}: {missing}"


def test_no_script_without_the_users_name(
    database: Database, settings: Settings, claire: int
) -> None:
    save_profile(database, ProfileForm(name=""), settings)
    with pytest.raises(ScriptRefused, match="your name is not in your profile yet"):
        render_script(database, settings, TODAY, claire, "keep_in_touch", "en")


def test_voicemail_is_only_for_call_scripts(
    database: Database, settings: Settings, claire: int
) -> None:
    with pytest.raises(ScriptRefused, match="only call scripts have a voicemail version"):
        render_script(database, settings, TODAY, claire, "keep_in_touch", "en", voicemail=True)
    voicemail = render_script(database, settings, TODAY, claire, "call_reference", "en",
                              voicemail=True)  # fmt: skip
    assert voicemail.text.startswith("Voicemail: Claire Dubois (20-30 seconds)\n\n")


def test_list_templates_shows_languages_overrides_and_the_users_own(tmp_path: Path) -> None:
    user_dir = tmp_path / "templates"
    (user_dir / "en").mkdir(parents=True)
    (user_dir / "en" / "my_note.j2").write_text("Hi {{ contact.first_name }}\n")
    ensure_user_copy("thank_you", "fr", user_dir)
    listed = {info.name: info for info in list_templates(user_dir)}
    scripts = [info.name for info in list_templates(user_dir) if info.is_script]
    assert scripts[: len(SCRIPT_TEMPLATES)] == list(SCRIPT_TEMPLATES)
    assert listed["call_reference"].languages == ("en", "fr")
    assert listed["call_reference"].overridden == ()
    assert listed["thank_you"].overridden == ("fr",)
    assert (listed["my_note"].builtin, listed["my_note"].languages) == (False, ("en",))
    assert {info.name for info in list_templates(None)} >= set(SCRIPT_TEMPLATES)


def test_check_template_reports_the_problem_of_an_edited_copy(tmp_path: Path) -> None:
    user_dir = tmp_path / "templates"
    for name in SCRIPT_TEMPLATES:
        for language in ("en", "fr"):
            assert check_template(name, language, user_dir, TODAY)
    ensure_user_copy("follow_up", "en", user_dir).write_text("Hi {{ contact.nick }}\n")
    with pytest.raises(TemplateFailed, match="nick"):
        check_template("follow_up", "en", user_dir, TODAY)


# Robustness and layering


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(max_size=60),
    company=st.text(max_size=40),
    how_we_met=st.text(max_size=80),
    purpose=st.text(max_size=40),
    points=st.text(max_size=120),
    template=st.sampled_from(SCRIPT_TEMPLATES),
    language=st.sampled_from(("en", "fr")),
)
def test_any_text_in_a_contact_renders_or_fails_with_a_message(
    database: Database,
    name: str,
    company: str,
    how_we_met: str,
    purpose: str,
    points: str,
    template: str,
    language: str,
) -> None:
    plain = Settings()
    try:
        contact = add_contact(database, plain, name, company=company, how_we_met=how_we_met)
        add_ask(
            database, plain, contact, kind="recommendation", purpose=purpose, talking_points=points
        )
        script = render_script(database, plain, TODAY, contact, template, language)
    except RefTermError:
        return
    assert script.text.strip()


def test_importing_scripts_and_clipboard_loads_no_heavy_library() -> None:
    check = (
        "import sys, refterm.core.scripts, refterm.clipboard, refterm.cli.scripts\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'jinja2', 'pyperclip', 'textual'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
