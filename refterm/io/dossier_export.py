"""The dossier professionnel rendered for people: Markdown, printable HTML, plain text.

Templates are `<lang>/dossier.<format>.j2` (the user's copy first, like the scripts). They see:
`profile` (name, headline, email, phone, phone_display, city, target_roles), `references`
(agreed referees: name, title, company, relationship, how_we_met, phone, phone_display, email,
known_since, known_months, agreed_on, purpose), `recommendations` (author, title, company,
relationship, received_on, platform, text), `today`, `language`, and `only_references` (True
for the references sheet alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from refterm.clock import resolve_today
from refterm.config import Settings
from refterm.core.dossier import Dossier, RecommendationEntry, build_dossier
from refterm.core.templating import render
from refterm.db.database import Database
from refterm.errors import InvalidInput
from refterm.io.formats import DOSSIER_SUFFIXES
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
    how_we_met: str | None
    phone: str | None
    phone_display: str | None
    email: str | None
    known_since: date | None
    known_months: int | None
    agreed_on: date | None
    purpose: str | None


def phone_display(phone: str | None) -> str | None:
    """+33612345678 as +33 6 12 34 56 78; anything unparsable as stored."""
    if not phone:
        return None
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (0 when later is before)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


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
            how_we_met=entry.how_we_met,
            phone=entry.phone,
            phone_display=phone_display(entry.phone),
            email=entry.email,
            known_since=entry.known_since,
            known_months=(months_between(entry.known_since, today) if entry.known_since else None),
            agreed_on=entry.agreed_on,
            purpose=entry.purpose,
        )
        for entry in dossier.references
    ]
    recommendations: list[RecommendationEntry] = list(dossier.recommendations)
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
) -> str:
    """The dossier as `format` (md, html, txt) in `language` (else the profile's, else config)."""
    if format not in FORMATS:
        raise InvalidInput(f"format must be one of {', '.join(FORMATS)}; got {format!r}")
    dossier = build_dossier(database)
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
