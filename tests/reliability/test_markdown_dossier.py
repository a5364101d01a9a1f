"""The Markdown dossier quotes user text as text: rendered, it is never live HTML or a link."""

from __future__ import annotations

from datetime import date

import pytest
from markdown_it import MarkdownIt

from refterm.config import Settings
from refterm.core.asks import AskForm, create_ask
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.core.profile import ProfileForm, save_profile
from refterm.db.database import Database
from refterm.io.dossier_export import render_dossier

HOSTILE = (
    "Great work <script>alert('x')</script>\n"
    "<img src=x onerror=alert(1)>\n"
    "[click me](javascript:alert(1)) and <javascript:alert(2)>\n"
    "# not a heading\n"
    "- not a list"
)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_user_text_in_markdown_is_inert(
    database: Database, settings: Settings, today: date, language: str
) -> None:
    save_profile(database, ProfileForm(name="<b>Amine</b>", headline="[x](javascript:y)"), settings)
    person = create_contact(
        database,
        validate(
            ContactForm(full_name="Eve <img src=x onerror=alert(1)>",
                        company="[Evil](javascript:z)", how_we_met="<script>steal()</script>",
                        email="eve@example.com"),
            settings,
        ),
    )  # fmt: skip
    create_ask(
        database, person.id or 0, AskForm(kind="reference", status="agreed"), today, settings
    )
    create_ask(
        database,
        person.id or 0,
        AskForm(kind="recommendation", status="received", recommendation_text=HOSTILE),
        today,
        settings,
    )
    markdown = render_dossier(database, settings, "md", language, today=today)
    html = MarkdownIt("commonmark").render(markdown)
    for live in ("<script", "<img", "<b>", 'href="javascript:', "<a "):
        assert live not in html, (live, html)
    # Every word the user typed is still there, shown as text.
    for shown in ("&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "javascript:alert(1)",
                  "# not a heading", "- not a list", "&lt;b&gt;Amine&lt;/b&gt;"):  # fmt: skip
        assert shown in html, (shown, html)
    assert html.count("<h1>") == 1
