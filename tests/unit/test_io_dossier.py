"""The dossier export: references sheet and recommendations, in md/html/txt, English and French."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.core.asks import AskForm, create_ask
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.core.dossier import build_dossier
from refterm.core.profile import ProfileForm, save_profile
from refterm.db.database import Database
from refterm.errors import InvalidInput, TemplateFailed
from refterm.io.dossier_export import references_sheet, render_dossier, unreachable_warnings

AGREED = ("Hannah Schmidt", "James O'Connor", "Yasmine Benali")
NOT_AGREED = ("Claire Dubois", "Karim Ouazzani")


@pytest.mark.parametrize("format", ["md", "html", "txt"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_format_and_language_renders_the_demo(
    demo_database: Database, settings: Settings, today: date, format: str, language: str
) -> None:
    text = render_dossier(demo_database, settings, format, language, today=today)
    assert "Amine Kettani" in text
    for name in AGREED:
        assert name.replace("'", "&#39;" if format == "html" else "'") in text
    for name in NOT_AGREED:
        assert name not in text
    assert "+212 6 61 23 45 67" in text  # phones shown the way people dial them
    assert "I had the pleasure of working with Amine" in text
    assert ("November 26, 2026" if language == "en" else "26 novembre 2026") in text


def test_english_and_french_wording_is_native(
    demo_database: Database, settings: Settings, today: date
) -> None:
    english = render_dossier(demo_database, settings, "md", "en", today=today)
    assert "## References" in english and "## Recommendations received" in english
    assert "- **Relationship:** former manager, known since 2019" in english
    assert "- **How we know each other:** My manager at OCP from 2019 to 2022" in english
    assert "*former member of my team · LinkedIn · October 17, 2026*" in english
    french = render_dossier(demo_database, settings, "md", "fr", today=today)
    assert "## Références" in french and "## Recommandations reçues" in french
    assert (
        "- **Relation\u00a0:** ancienne manager (N+1), nous nous connaissons depuis 2019" in french
    )
    assert "*membre de mon équipe · LinkedIn · 17 octobre 2026*" in french
    assert "ExeKutive" not in french or "eXeKutive" not in french
    assert "Préparé avec refterm le 26 novembre 2026." in french


def test_language_defaults_to_the_profile_then_the_settings(
    demo_database: Database, today: date, tmp_path: Path
) -> None:
    # The demo profile is French; a database without a profile follows config.toml.
    assert "## Références" in render_dossier(demo_database, Settings(language="en"), today=today)
    database = Database.open(tmp_path / "empty.db")
    save_profile(database, ProfileForm(name="Amine Kettani"), Settings())
    empty = render_dossier(database, Settings(language="en"), "md", today=today)
    database.dispose()
    # Empty sections are left out, not announced.
    assert "# Amine Kettani" in empty
    assert "## References" not in empty and "## Recommendations" not in empty


def test_html_is_a_standalone_printable_page_with_user_text_escaped(
    demo_database: Database, settings: Settings, today: date
) -> None:
    hostile = create_contact(
        demo_database,
        validate(ContactForm(full_name="<b>Eve</b> & Co", company='"Evil" <Corp>'), settings),
    )
    create_ask(
        demo_database,
        hostile.id or 0,
        AskForm(
            kind="recommendation",
            status="received",
            recommendation_text="Great work <script>alert('x')</script>\nSecond line",
        ),
        today,
        settings,
    )
    html = render_dossier(demo_database, settings, "html", "en", today=today)
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html and "@media print" in html
    assert "<link" not in html and "src=" not in html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp; Co" in html
    assert "&#34;Evil&#34; &lt;Corp&gt;" in html


def test_references_sheet_is_plain_text_with_references_only(
    demo_database: Database, settings: Settings, today: date
) -> None:
    sheet = references_sheet(demo_database, settings, "en", today=today)
    assert sheet.startswith("REFERENCES — Amine Kettani\n")
    assert "1. Hannah Schmidt\n   Program Manager, SAP\n" in sheet
    assert "   Phone: +212 6 61 23 45 67\n" in sheet
    assert "RECOMMENDATIONS" not in sheet
    assert "I had the pleasure" not in sheet
    french = references_sheet(demo_database, settings, today=today)
    assert french.startswith("RÉFÉRENCES — Amine Kettani\n")


def test_a_user_template_replaces_the_built_in(
    demo_database: Database, settings: Settings, today: date, tmp_path: Path
) -> None:
    user_dir = tmp_path / "templates"
    (user_dir / "en").mkdir(parents=True)
    (user_dir / "en" / "dossier.md.j2").write_text(
        "{% for r in references %}{{ r.name }} (since {{ r.known_since }})\n{% endfor %}"
    )
    text = render_dossier(demo_database, settings, "md", "en", user_dir, today)
    assert text.startswith("Hannah Schmidt (since January 2023)\n")
    (user_dir / "en" / "dossier.md.j2").write_text("{{ profile.nickname }}\n")
    with pytest.raises(TemplateFailed, match=r"dossier\.md\.j2.*nickname"):
        render_dossier(demo_database, settings, "md", "en", user_dir, today)


def test_bad_format_or_language_is_refused(
    demo_database: Database, settings: Settings, today: date
) -> None:
    with pytest.raises(InvalidInput, match="format must be one of md, html, txt"):
        render_dossier(demo_database, settings, "pdf", today=today)
    with pytest.raises(InvalidInput, match="language must be one of"):
        render_dossier(demo_database, settings, "md", "de", today=today)


def test_known_since_comes_only_from_what_the_user_entered(
    demo_database: Database, settings: Settings, today: date
) -> None:
    # The date a contact was typed into refterm is not when two people met.
    english = render_dossier(demo_database, settings, "txt", "en", today=today)
    assert "known for" not in english and "less than a month" not in english
    assert "Relationship: partner, known since January 2023" in english
    french = render_dossier(demo_database, settings, "txt", "fr", today=today)
    assert "depuis moins d’un mois" not in french
    assert "Relation\u00a0: partenaire, nous nous connaissons depuis janvier 2023" in french


def test_relationship_labels_agree_with_civility(
    database: Database, settings: Settings, today: date
) -> None:
    save_profile(database, ProfileForm(name="Amine Kettani"), settings)
    for name, relationship, civility in (
        ("Léa Fontaine", "friend", "madame"),
        ("Leïla Chraïbi", "client", "madame"),
        ("Nathalie Garnier", "mentor", "madame"),
        ("Hassan Berrada", "client", "monsieur"),
        ("Inès Belkacem", None, "none"),
    ):
        person = create_contact(
            database,
            validate(
                ContactForm(
                    full_name=name,
                    relationship=relationship,
                    civility=civility,
                    phone="+33 6 12 34 56 78",
                ),
                settings,
            ),
        )
        create_ask(
            database, person.id or 0, AskForm(kind="reference", status="agreed"), today, settings
        )
    french = render_dossier(database, settings, "md", "fr", today=today)
    for label in ("amie", "cliente", "mentore", "client"):
        assert f"- **Relation\u00a0:** {label}\n" in french, label
    inès = french.split("### Inès Belkacem")[1].split("###")[0]
    assert "Relation" not in inès and "connaissons" not in inès


def test_unreachable_references_are_flagged(
    demo_database: Database, settings: Settings, today: date
) -> None:
    person = create_contact(
        demo_database, validate(ContactForm(full_name="Nobody Known"), settings)
    )
    create_ask(
        demo_database, person.id or 0, AskForm(kind="reference", status="agreed"), today, settings
    )
    warnings = unreachable_warnings(build_dossier(demo_database).references)
    assert warnings == [
        "warning: Nobody Known has neither phone nor e-mail: a recruiter cannot reach them"
    ]


def test_no_name_no_export(database: Database, settings: Settings, today: date) -> None:
    with pytest.raises(InvalidInput, match="your name is not in your profile"):
        render_dossier(database, settings, "md", "en", today=today)
