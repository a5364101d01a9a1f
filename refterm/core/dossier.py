"""The dossier professionnel: agreed references, received recommendations, and coverage."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from refterm.db import asks
from refterm.db.database import Database
from refterm.db.profile import stored_profile
from refterm.db.reference_uses import uses_of
from refterm.db.session import reading
from refterm.model.i18n import _
from refterm.model.records import ProfileRecord, ReferenceUseRecord, copy_as
from refterm.model.relative import MONTHS


@dataclass(frozen=True)
class ReferenceEntry:
    """A referee who agreed to be called, with what a recruiter needs."""

    ask_id: int
    contact_id: int
    full_name: str
    title: str | None
    company: str | None
    relationship: str | None
    how_we_met: str | None
    phone: str | None
    email: str | None
    known_since: str | None  # "2019" or "2019-03", as the user entered it; never guessed
    civility: str
    agreed_on: date | None
    purpose: str | None
    uses: tuple[ReferenceUseRecord, ...]


@dataclass(frozen=True)
class RecommendationEntry:
    """A recommendation actually written."""

    ask_id: int
    contact_id: int
    author: str
    title: str | None
    company: str | None
    relationship: str | None
    civility: str
    received_on: date | None
    platform: str | None
    text: str | None
    thanked_on: date | None
    hidden: bool = False  # hidden on LinkedIn: in the dossier only when the user includes it


@dataclass
class Dossier:
    profile: ProfileRecord
    references: list[ReferenceEntry] = field(default_factory=list)
    recommendations: list[RecommendationEntry] = field(default_factory=list)

    @property
    def by_company(self) -> list[tuple[str, int]]:
        """How many recommendations each employer is covered by, most first."""
        counts = Counter(entry.company or _("(no company)") for entry in self.recommendations)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))

    @property
    def by_relationship(self) -> list[tuple[str, int]]:
        """How many recommendations come from managers, colleagues, clients..."""
        counts = Counter(entry.relationship or "other" for entry in self.recommendations)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    @property
    def unreachable(self) -> list[ReferenceEntry]:
        """References a recruiter could not call or write to: neither phone nor e-mail."""
        return [entry for entry in self.references if not entry.phone and not entry.email]


# How the dossier names a relationship, agreeing with the contact's civility. Without one,
# French uses the form-style "ami(e)" rather than a masculine guess.
_RELATIONSHIPS: dict[str, dict[str, tuple[str, str, str]]] = {
    "fr": {
        "colleague": ("collègue", "collègue", "collègue"),
        "manager": ("ancien manager (N+1)", "ancienne manager (N+1)", "ancien(ne) manager (N+1)"),
        "direct_report": ("membre de mon équipe",) * 3,
        "client": ("client", "cliente", "client(e)"),
        "partner": ("partenaire",) * 3,
        "mentor": ("mentor", "mentore", "mentor(e)"),
        "classmate": ("camarade de promotion",) * 3,
        "friend": ("ami", "amie", "ami(e)"),
        "other": ("",) * 3,
    },
    "en": {
        "colleague": ("colleague",) * 3,
        "manager": ("former manager",) * 3,
        "direct_report": ("former member of my team",) * 3,
        "client": ("client",) * 3,
        "partner": ("partner",) * 3,
        "mentor": ("mentor",) * 3,
        "classmate": ("classmate",) * 3,
        "friend": ("friend",) * 3,
        "other": ("",) * 3,
    },
}
_FORM = {"monsieur": 0, "madame": 1}


def relationship_label(relationship: str | None, civility: str, language: str) -> str:
    """'cliente' for Madame, 'ancien manager (N+1)' for Monsieur, '' when nothing is known."""
    labels = _RELATIONSHIPS.get(language, _RELATIONSHIPS["en"]).get(relationship or "")
    if labels is None:
        return ""
    return labels[_FORM.get(civility, 2)]


def known_since_text(known_since: str | None, language: str) -> str:
    """'mars 2019' or '2019' from what the user entered; '' when they entered nothing."""
    if not known_since:
        return ""
    year, _dash, month = known_since.partition("-")
    if not month:
        return year
    try:
        name = MONTHS.get(language, MONTHS["en"])[int(month) - 1]
    except (ValueError, IndexError):
        return year
    return f"{name} {year}"


def build_dossier(database: Database, include_hidden: bool = False) -> Dossier:
    """Read the profile, agreed references (with their uses) and received recommendations
    (those hidden on LinkedIn only with `include_hidden`)."""
    with reading(database) as session:
        profile = copy_as(ProfileRecord, stored_profile(session))
        reference_rows = asks.agreed_references(session)
        uses_by_ask: dict[int, list[ReferenceUseRecord]] = {}
        for use in uses_of(session, [ask.id for ask, _ in reference_rows]):
            uses_by_ask.setdefault(use.ask_id, []).append(copy_as(ReferenceUseRecord, use))
        recommendation_rows = asks.received_recommendations(session, include_hidden)
    dossier = Dossier(profile=profile)
    for ask, contact in reference_rows:
        dossier.references.append(
            copy_as(
                ReferenceEntry,
                contact,
                ask_id=ask.id or 0,
                contact_id=contact.id or 0,
                agreed_on=ask.agreed_on,
                purpose=ask.purpose,
                uses=tuple(uses_by_ask.get(ask.id or 0, [])),
            )
        )
    for ask, contact in recommendation_rows:
        dossier.recommendations.append(
            copy_as(
                RecommendationEntry,
                contact,
                ask_id=ask.id or 0,
                contact_id=contact.id or 0,
                author=contact.full_name,
                received_on=ask.received_on,
                platform=ask.platform,
                text=ask.recommendation_text,
                thanked_on=ask.thanked_on,
                hidden=ask.hidden,
            )
        )
    return dossier
