"""The dossier professionnel: agreed references, received recommendations, and coverage."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlmodel import col, select

from refterm.db.models import Ask, Contact, Profile, ReferenceUse
from refterm.db.session import reading


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
    uses: tuple[ReferenceUse, ...]


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
    profile: Profile
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

    @property
    def is_empty(self) -> bool:
        return not self.references and not self.recommendations


def build_dossier(engine: Engine) -> Dossier:
    """Read the profile, agreed references (with their uses) and received recommendations."""
    with reading(engine) as session:
        profile = session.exec(select(Profile).order_by(col(Profile.id))).first() or Profile()
        active = col(Contact.archived_at).is_(None)
        reference_rows = session.exec(
            select(Ask, Contact)
            .join(Contact, col(Contact.id) == Ask.contact_id)
            .where(Ask.kind == "reference", Ask.status == "agreed", active)
            .order_by(Contact.sort_key, col(Ask.id))
        ).all()
        ask_ids = [ask.id for ask, _ in reference_rows]
        uses_by_ask: dict[int, list[ReferenceUse]] = {}
        for use in session.exec(
            select(ReferenceUse)
            .where(col(ReferenceUse.ask_id).in_(ask_ids))
            .order_by(col(ReferenceUse.shared_on).desc())
        ):
            uses_by_ask.setdefault(use.ask_id, []).append(use)
        recommendation_rows = session.exec(
            select(Ask, Contact)
            .join(Contact, col(Contact.id) == Ask.contact_id)
            .where(Ask.kind == "recommendation", Ask.status == "received", active)
            .order_by(col(Ask.received_on).desc(), col(Ask.id))
        ).all()
    dossier = Dossier(profile=profile)
    for ask, contact in reference_rows:
        dossier.references.append(
            ReferenceEntry(
                ask_id=ask.id or 0,
                contact_id=contact.id or 0,
                full_name=contact.full_name,
                title=contact.title,
                company=contact.company,
                relationship=contact.relationship,
                how_we_met=contact.how_we_met,
                phone=contact.phone,
                email=contact.email,
                known_since=contact.created_at.date() if contact.created_at else None,
                agreed_on=ask.agreed_on,
                purpose=ask.purpose,
                uses=tuple(uses_by_ask.get(ask.id or 0, [])),
            )
        )
    for ask, contact in recommendation_rows:
        dossier.recommendations.append(
            RecommendationEntry(
                ask_id=ask.id or 0,
                contact_id=contact.id or 0,
                author=contact.full_name,
                title=contact.title,
                company=contact.company,
                relationship=contact.relationship,
                received_on=ask.received_on,
                platform=ask.platform,
                text=ask.recommendation_text,
                thanked_on=ask.thanked_on,
            )
        )
    return dossier
