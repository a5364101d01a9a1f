"""The dossier export: references sheet and recommendations, in md/html/txt, English and French."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from refterm.config import Settings
from refterm.core.asks import AskForm, create_ask
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.db.database import Database
from refterm.errors import InvalidInput, TemplateFailed
from refterm.io.dossier_export import months_between, references_sheet, render_dossier

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
    assert "- **Relationship:** manager, known for 1 year (since October 2025)" in english
    assert "- **How we know each other:** My manager at OCP from 2019 to 2022" in english
    assert "*direct report · LinkedIn · October 17, 2026*" in english
    french = render_dossier(demo_database, settings, "md", "fr", today=today)
    assert "## Références" in french and "## Recommandations reçues" in french
    assert (
        "- **Relation\u00a0:** manager, nous nous connaissons depuis 1 an (octobre 2025)" in french
    )
    assert "*membre de mon équipe · LinkedIn · 17 octobre 2026*" in french
    assert "Préparé avec refterm le 26 novembre 2026." in french


def test_language_defaults_to_the_profile_then_the_settings(
    demo_database: Database, today: date, tmp_path: Path
) -> None:
    # The demo profile is French; a database without a profile follows config.toml.
    assert "## Références" in render_dossier(demo_database, Settings(language="en"), today=today)
    database = Database.open(tmp_path / "empty.db")
    empty = render_dossier(database, Settings(language="en"), "md", today=today)
    database.dispose()
    assert "No one has agreed to be a reference yet." in empty
    assert "No recommendation received yet." in empty


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
        "{% for r in references %}{{ r.name }} ({{ r.known_months }} months)\n{% endfor %}"
    )
    text = render_dossier(demo_database, settings, "md", "en", user_dir, today)
    assert text.startswith("Hannah Schmidt (13 months)\n")
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


def test_how_long_known_counts_whole_months() -> None:
    assert months_between(date(2019, 3, 15), date(2026, 11, 26)) == 92
    assert months_between(date(2026, 10, 27), date(2026, 11, 26)) == 0
    assert months_between(date(2026, 10, 26), date(2026, 11, 26)) == 1
    assert months_between(date(2027, 1, 1), date(2026, 11, 26)) == 0


def test_short_acquaintance_wording(
    demo_database: Database, settings: Settings, today: date
) -> None:
    english = render_dossier(demo_database, settings, "txt", "en", today=date(2025, 11, 20))
    assert "known for less than a month (since October 2025)" in english
    french = render_dossier(demo_database, settings, "txt", "fr", today=date(2026, 2, 20))
    assert "nous nous connaissons depuis 3 mois (octobre 2025)" in french
