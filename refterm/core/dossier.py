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
from refterm.model.records import ProfileRecord, ReferenceUseRecord, copy_as


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
    known_since: date | None
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
    received_on: date | None
    platform: str | None
    text: str | None
    thanked_on: date | None


@dataclass
class Dossier:
    profile: ProfileRecord
    references: list[ReferenceEntry] = field(default_factory=list)
    recommendations: list[RecommendationEntry] = field(default_factory=list)

    @property
    def by_company(self) -> list[tuple[str, int]]:
        """How many recommendations each employer is covered by, most first."""
        counts = Counter(entry.company or "(no company)" for entry in self.recommendations)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))

    @property
    def by_relationship(self) -> list[tuple[str, int]]:
        """How many recommendations come from managers, colleagues, clients..."""
        counts = Counter(entry.relationship or "other" for entry in self.recommendations)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def build_dossier(database: Database) -> Dossier:
    """Read the profile, agreed references (with their uses) and received recommendations."""
    with reading(database) as session:
        profile = copy_as(ProfileRecord, stored_profile(session))
        reference_rows = asks.agreed_references(session)
        uses_by_ask: dict[int, list[ReferenceUseRecord]] = {}
        for use in uses_of(session, [ask.id for ask, _ in reference_rows]):
            uses_by_ask.setdefault(use.ask_id, []).append(copy_as(ReferenceUseRecord, use))
        recommendation_rows = asks.received_recommendations(session)
    dossier = Dossier(profile=profile)
    for ask, contact in reference_rows:
        dossier.references.append(
            copy_as(
                ReferenceEntry,
                contact,
                ask_id=ask.id or 0,
                contact_id=contact.id or 0,
                known_since=contact.created_at.date() if contact.created_at else None,
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
            )
        )
    return dossier
