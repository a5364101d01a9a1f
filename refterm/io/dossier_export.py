"""The dossier professionnel rendered for people: Markdown, printable HTML, plain text.

Templates are `<lang>/dossier.<format>.j2` (the user's copy first, like the scripts). They see:
`profile` (name, headline, email, phone, phone_display, city, target_roles), `references`
(agreed referees: name, title, company, relationship, relation (the label, agreeing with the
civility), how_we_met, phone, phone_display, email, known_since ("mars 2019", only what the
user entered), agreed_on, purpose, reachable), `recommendations` (author, title, company,
relationship, relation, received_on, platform, text), `today`, `language`, and
`only_references` (True for the references sheet alone). The `md` filter makes user text inert
in Markdown. The French templates are typeset by hand; what people wrote (a recommendation in
English, a name) is quoted as written, so no typography filter rewrites it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from refterm.clock import resolve_today
from refterm.config import Settings
from refterm.core.dossier import (
    Dossier,
    ReferenceEntry,
    build_dossier,
    known_since_text,
    relationship_label,
)
from refterm.core.templating import phone_display, render
from refterm.db.database import Database
from refterm.errors import InvalidInput
from refterm.io.formats import DOSSIER_SUFFIXES
from refterm.model.i18n import _
from refterm.model.vocab import check_language
from refterm.paths import user_templates_dir

FORMATS = DOSSIER_SUFFIXES


@dataclass(frozen=True)
class ProfileView:
    name: str | None
    headline: str | None
    email: str | None
    phone: str | None
    phone_display: str | None
    city: str | None
    target_roles: str | None


@dataclass(frozen=True)
class Referee:
    """One line of the references sheet, with what a recruiter needs to call them."""

    name: str
    title: str | None
    company: str | None
    relationship: str | None
    relation: str
    how_we_met: str | None
    phone: str | None
    phone_display: str | None
    email: str | None
    known_since: str
    agreed_on: date | None
    purpose: str | None

    @property
    def reachable(self) -> bool:
        return bool(self.phone or self.email)


@dataclass(frozen=True)
class Recommendation:
    """A recommendation received, as the dossier shows it."""

    author: str
    title: str | None
    company: str | None
    relationship: str | None
    relation: str
    received_on: date | None
    platform: str | None
    text: str | None


__all__ = ["FORMATS", "phone_display", "render_dossier", "references_sheet", "unreachable_warnings"]


def unreachable_warnings(references: list[ReferenceEntry]) -> list[str]:
    """One line per reference a recruiter could not reach, for the export and the Dossier screen."""
    warning = _("warning: {name} has neither phone nor e-mail: a recruiter cannot reach them")
    return [
        warning.format(name=entry.full_name)
        for entry in references
        if not entry.phone and not entry.email
    ]


def _language(language: str | None, dossier: Dossier, settings: Settings) -> str:
    chosen = language or dossier.profile.language or settings.language
    try:
        return check_language(chosen)
    except ValueError as error:
        raise InvalidInput(str(error)) from None


def _context(
    dossier: Dossier, language: str, today: date, only_references: bool
) -> dict[str, object]:
    profile = dossier.profile
    referees = [
        Referee(
            name=entry.full_name,
            title=entry.title,
            company=entry.company,
            relationship=entry.relationship,
            relation=relationship_label(entry.relationship, entry.civility, language),
            how_we_met=entry.how_we_met,
            phone=entry.phone,
            phone_display=phone_display(entry.phone),
            email=entry.email,
            known_since=known_since_text(entry.known_since, language),
            agreed_on=entry.agreed_on,
            purpose=entry.purpose,
        )
        for entry in dossier.references
    ]
    recommendations = [
        Recommendation(
            author=entry.author,
            title=entry.title,
            company=entry.company,
            relationship=entry.relationship,
            relation=relationship_label(entry.relationship, entry.civility, language),
            received_on=entry.received_on,
            platform=entry.platform,
            text=entry.text,
        )
        for entry in dossier.recommendations
    ]
    return {
        "profile": ProfileView(
            name=profile.name,
            headline=profile.headline,
            email=profile.email,
            phone=profile.phone,
            phone_display=phone_display(profile.phone),
            city=profile.city,
            target_roles=profile.target_roles,
        ),
        "references": referees,
        "recommendations": recommendations,
        "today": today,
        "language": language,
        "only_references": only_references,
    }


def render_dossier(
    database: Database,
    settings: Settings,
    format: str = "md",
    language: str | None = None,
    user_dir: Path | None = None,
    today: date | None = None,
    only_references: bool = False,
    include_hidden: bool = False,
) -> str:
    """The dossier as `format` (md, html, txt) in `language` (else the profile's, else config).

    Recommendations hidden on LinkedIn are left out unless `include_hidden`.
    """
    if format not in FORMATS:
        raise InvalidInput(
            _("format must be one of {formats}; got {given!r}").format(
                formats=", ".join(FORMATS), given=format
            )
        )
    dossier = build_dossier(database, include_hidden)
    if not (dossier.profile.name or "").strip():
        raise InvalidInput(
            _(
                "your name is not in your profile, and a dossier without it is no use to a "
                "recruiter: set it with refterm profile --name, or e on the Dossier screen"
            )
        )
    if only_references and not dossier.references:
        raise InvalidInput(_("no reference has agreed yet: the references sheet would be empty"))
    lang = _language(language, dossier, settings)
    context = _context(dossier, lang, today or resolve_today(None), only_references)
    folder = user_dir if user_dir is not None else user_templates_dir()
    text = render(f"{lang}/dossier.{format}.j2", context, folder)
    return text.rstrip("\n") + "\n"


def references_sheet(
    database: Database,
    settings: Settings,
    language: str | None = None,
    today: date | None = None,
    user_dir: Path | None = None,
) -> str:
    """The references sheet alone, as plain text to paste in a mail to a recruiter."""
    return render_dossier(
        database, settings, "txt", language, user_dir, today, only_references=True
    )
