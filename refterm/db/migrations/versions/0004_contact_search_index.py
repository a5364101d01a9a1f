"""A full-text index for the contact filter: FTS5 trigrams over the folded search text.

The index is an external-content FTS5 table (it stores only the trigram index, not a second
copy of the text), kept in step with `contact.search_text` by triggers, so that every write
path (the ORM, the bulk imports, a JSON restore, another process) updates it. It records which
rows hold each trigram and nothing more (`detail='none'`, no column sizes): the filter checks
its candidates with LIKE anyway, and the index is then a third of the size and builds 2.5x
faster than with positions.

Revision ID: 0004
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen copies of the statements: migrations must not change when the app code does.
CREATE_TABLE = (
    "CREATE VIRTUAL TABLE contact_fts USING fts5("
    "search_text, content='contact', content_rowid='id', tokenize='trigram', "
    "detail='none', columnsize=0)"
)
TRIGGERS = (
    "CREATE TRIGGER contact_fts_after_insert AFTER INSERT ON contact BEGIN "
    "INSERT INTO contact_fts (rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER contact_fts_after_delete AFTER DELETE ON contact BEGIN "
    "INSERT INTO contact_fts (contact_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER contact_fts_after_update AFTER UPDATE OF search_text ON contact BEGIN "
    "INSERT INTO contact_fts (contact_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO contact_fts (rowid, search_text) VALUES (new.id, new.search_text); END",
)
TRIGGER_NAMES = ("contact_fts_after_insert", "contact_fts_after_delete", "contact_fts_after_update")
# PostgreSQL's counterpart: pg_trgm's GIN index answers `search_text LIKE '%word%'` itself, so
# the filter there is the LIKE check alone, with exactly the same results.
PG_INDEX = "ix_contact_search_text_trgm"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(f"CREATE INDEX {PG_INDEX} ON contact USING gin (search_text gin_trgm_ops)")
        return
    op.execute(CREATE_TABLE)
    for statement in TRIGGERS:
        op.execute(statement)
    # Index the contacts already there, in the same transaction as the rest of the upgrade.
    op.execute("INSERT INTO contact_fts (contact_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
        return
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS contact_fts")
