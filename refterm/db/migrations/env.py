"""Alembic environment: runs on the connection refterm hands over, in batch mode for SQLite."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import refterm.db.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from refterm.db.search import is_search_index


def _models_only(name: str | None, type_: str, _parent: object) -> bool:
    """Autogenerate must not drop the search index (FTS5 tables, pg_trgm index): no model has it."""
    return not (type_ in ("table", "index") and is_search_index(name))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    transaction_per_migration=False,
    include_name=_models_only,
)
with context.begin_transaction():
    context.run_migrations()
