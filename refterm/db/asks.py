"""Repository functions for asks: by contact, the dossier's lists, the pipeline's groups."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, select

from refterm.db.like import contains_every_word
from refterm.db.models import Ask, Contact, RecommendationGiven, ReferenceUse
from refterm.model.vocab import AskKind, AskStatus

# Most urgent first within each status.
_PIPELINE_ORDER = {
    AskStatus.PLANNED: (col(Ask.created_at), col(Ask.id)),
    AskStatus.ASKED: (col(Ask.follow_up_on).asc().nulls_last(), col(Ask.id)),
    AskStatus.AGREED: (col(Ask.agreed_on).asc().nulls_first(), col(Ask.id)),
    AskStatus.RECEIVED: (col(Ask.received_on).desc().nulls_last(), col(Ask.id)),
    AskStatus.DECLINED: (col(Ask.updated_at).desc(), col(Ask.id)),
    AskStatus.WITHDRAWN: (col(Ask.updated_at).desc(), col(Ask.id)),
}
_Rows = Sequence[tuple[Ask, Contact]]


def get_ask(session: Session, ask_id: int) -> Ask | None:
    return session.get(Ask, ask_id)


def insert_ask(session: Session, ask: Ask) -> Ask:
    session.add(ask)
    session.flush()
    return ask


def asks_of(session: Session, contact_id: int, newest_first: bool = True) -> list[Ask]:
    """A contact's asks, by id."""
    order = col(Ask.id).desc() if newest_first else col(Ask.id)
    return list(session.exec(select(Ask).where(Ask.contact_id == contact_id).order_by(order)))


def recommendations_given_to(session: Session, contact_id: int) -> list[RecommendationGiven]:
    """The recommendations the user wrote for this contact, newest first."""
    statement = (
        select(RecommendationGiven)
        .where(RecommendationGiven.contact_id == contact_id)
        .order_by(
            col(RecommendationGiven.given_on).desc().nulls_last(), col(RecommendationGiven.id)
        )
    )
    return list(session.exec(statement))


def _of_active_contacts(kind: AskKind, status: AskStatus) -> Any:
    return (
        select(Ask, Contact)
        .join(Contact, col(Contact.id) == Ask.contact_id)
        .where(Ask.kind == kind, Ask.status == status, col(Contact.archived_at).is_(None))
    )


def agreed_references(session: Session) -> _Rows:
    """Agreed reference asks of active contacts, by contact name."""
    statement = _of_active_contacts(AskKind.REFERENCE, AskStatus.AGREED)
    return cast(_Rows, session.exec(statement.order_by(Contact.sort_key, col(Ask.id))).all())


def received_recommendations(session: Session, include_hidden: bool = False) -> _Rows:
    """Recommendations received from active contacts, newest first (hidden ones if asked)."""
    statement = _of_active_contacts(AskKind.RECOMMENDATION, AskStatus.RECEIVED)
    if not include_hidden:
        statement = statement.where(col(Ask.hidden).is_(False))
    order = (col(Ask.received_on).desc(), col(Ask.id))
    return cast(_Rows, session.exec(statement.order_by(*order)).all())


def _pipeline_conditions(kind: str | None, search: str | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(Contact.archived_at).is_(None)]
    if kind:
        conditions.append(col(Ask.kind) == kind)
    conditions.extend(contains_every_word(col(Contact.search_text), search))
    return conditions


def count_by_status(session: Session, kind: str | None, search: str | None) -> dict[AskStatus, int]:
    """How many asks of active contacts (of this kind, matching the search) each status has."""
    counts = session.exec(
        select(Ask.status, func.count())
        .join(Contact, col(Contact.id) == Ask.contact_id)
        .where(*_pipeline_conditions(kind, search))
        .group_by(Ask.status)
    ).all()
    return {AskStatus(status): int(count) for status, count in counts}


def pipeline_rows(
    session: Session, status: AskStatus, kind: str | None, search: str | None, limit: int | None
) -> list[tuple[Ask, str, str | None, int]]:
    """The asks of one status, most urgent first: each with contact name, company, uses."""
    uses = (
        select(func.count()).where(ReferenceUse.ask_id == Ask.id).correlate(Ask).scalar_subquery()
    )
    statement = (
        select(Ask, Contact.full_name, Contact.company, uses)
        .join(Contact, col(Contact.id) == Ask.contact_id)
        .where(Ask.status == status.value, *_pipeline_conditions(kind, search))
        .order_by(*_PIPELINE_ORDER[status])
        .limit(limit)
    )
    rows = session.exec(statement)
    return [(ask, name, company, int(count or 0)) for ask, name, company, count in rows]
