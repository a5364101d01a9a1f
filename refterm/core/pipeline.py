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
