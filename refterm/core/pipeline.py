"""The asks pipeline: every ask with its contact, grouped by status, filtered in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from refterm.db import asks
from refterm.db.database import Database
from refterm.db.session import reading
from refterm.model.records import copy_as
from refterm.model.vocab import AskStatus


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


def build_pipeline(
    database: Database, kind: str | None = None, search: str | None = None, limit: int | None = 300
) -> Pipeline:
    """Asks of active contacts by status; `kind` keeps one kind, `search` filters on the contact."""
    pipeline = Pipeline()
    with reading(database) as session:
        pipeline.totals.update(asks.count_by_status(session, kind, search))
        for status in AskStatus:
            if not pipeline.totals.get(status):
                pipeline.groups[status] = []
                continue
            pipeline.groups[status] = [
                copy_as(
                    PipelineRow,
                    ask,
                    ask_id=ask.id or 0,
                    contact_name=name,
                    company=company,
                    uses=uses,
                )
                for ask, name, company, uses in asks.pipeline_rows(
                    session, status, kind, search, limit
                )
            ]
    return pipeline


def list_asks(
    database: Database,
    status: str | None = None,
    kind: str | None = None,
    contact_id: int | None = None,
) -> list[PipelineRow]:
    """Asks by status (the pipeline's order), of one contact (archived or not) or of everyone
    not archived; `status` and `kind` keep one of each."""
    if contact_id is None:
        pipeline = build_pipeline(database, kind, None, None)
        statuses = [AskStatus(status)] if status else list(AskStatus)
        return [row for one in statuses for row in pipeline.group(one)]
    from refterm.db.contacts import get_contact
    from refterm.db.reference_uses import uses_of

    with reading(database) as session:
        contact = get_contact(session, contact_id)
        if contact is None:
            return []
        found = [
            ask
            for ask in asks.asks_of(session, contact_id, newest_first=False)
            if (status is None or ask.status == status) and (kind is None or ask.kind == kind)
        ]
        uses = uses_of(session, [ask.id for ask in found])
        return [
            copy_as(
                PipelineRow,
                ask,
                ask_id=ask.id or 0,
                contact_name=contact.full_name,
                company=contact.company,
                uses=sum(1 for use in uses if use.ask_id == ask.id),
            )
            for ask in found
        ]


def row_as_json(row: PipelineRow) -> dict[str, object]:
    """An ask as `ask list --json` prints it."""
    from dataclasses import asdict

    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in asdict(row).items()
    }
