"""The asks pipeline: every ask with its contact, grouped by status, filtered in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, Engine, func
from sqlmodel import col, select

from refterm.core.text import fold
from refterm.core.vocab import AskStatus
from refterm.db.models import Ask, Contact, ReferenceUse
from refterm.db.session import reading

# Most urgent first within each status.
_ORDER = {
    AskStatus.PLANNED: (col(Ask.created_at), col(Ask.id)),
    AskStatus.ASKED: (col(Ask.follow_up_on).asc().nulls_last(), col(Ask.id)),
    AskStatus.AGREED: (col(Ask.agreed_on).asc().nulls_first(), col(Ask.id)),
    AskStatus.RECEIVED: (col(Ask.received_on).desc().nulls_last(), col(Ask.id)),
    AskStatus.DECLINED: (col(Ask.updated_at).desc(), col(Ask.id)),
    AskStatus.WITHDRAWN: (col(Ask.updated_at).desc(), col(Ask.id)),
}


@dataclass(frozen=True)
class PipelineRow:
    """One ask as the pipeline shows it."""

    ask_id: int
    contact_id: int
    contact_name: str
    company: str | None
    kind: str
    status: str
    platform: str | None
    purpose: str | None
    asked_on: date | None
    times_asked: int
    follow_up_on: date | None
    agreed_on: date | None
    received_on: date | None
    thanked_on: date | None
    uses: int


@dataclass
class Pipeline:
    """Rows per status (at most `limit` each) and the full count per status."""

    groups: dict[AskStatus, list[PipelineRow]] = field(default_factory=dict)
    totals: dict[AskStatus, int] = field(default_factory=dict)

    def group(self, status: AskStatus) -> list[PipelineRow]:
        return self.groups.get(status, [])


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def build_pipeline(
    engine: Engine, kind: str | None = None, search: str | None = None, limit: int | None = 300
) -> Pipeline:
    """Asks of active contacts by status; `kind` keeps one kind, `search` filters on the contact."""
    conditions: list[ColumnElement[bool]] = [col(Contact.archived_at).is_(None)]
    if kind:
        conditions.append(col(Ask.kind) == kind)
    for word in fold(search or "").split():
        conditions.append(
            col(Contact.search_text).like("%" + _escape_like(word) + "%", escape="\\")
        )
    pipeline = Pipeline()
    with reading(engine) as session:
        counts = session.exec(
            select(Ask.status, func.count())
            .join(Contact, col(Contact.id) == Ask.contact_id)
            .where(*conditions)
            .group_by(Ask.status)
        ).all()
        for status_value, count in counts:
            pipeline.totals[AskStatus(status_value)] = int(count)
        uses = (
            select(func.count())
            .where(ReferenceUse.ask_id == Ask.id)
            .correlate(Ask)
            .scalar_subquery()
        )
        for status in AskStatus:
            if not pipeline.totals.get(status):
                pipeline.groups[status] = []
                continue
            statement = (
                select(Ask, Contact.full_name, Contact.company, uses)
                .join(Contact, col(Contact.id) == Ask.contact_id)
                .where(Ask.status == status.value, *conditions)
                .order_by(*_ORDER[status])
                .limit(limit)
            )
            pipeline.groups[status] = [
                PipelineRow(
                    ask_id=ask.id or 0,
                    contact_id=ask.contact_id,
                    contact_name=name,
                    company=company,
                    kind=ask.kind,
                    status=ask.status,
                    platform=ask.platform,
                    purpose=ask.purpose,
                    asked_on=ask.asked_on,
                    times_asked=ask.times_asked,
                    follow_up_on=ask.follow_up_on,
                    agreed_on=ask.agreed_on,
                    received_on=ask.received_on,
                    thanked_on=ask.thanked_on,
                    uses=int(use_count or 0),
                )
                for ask, name, company, use_count in session.exec(statement)
            ]
    return pipeline
