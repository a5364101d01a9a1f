"""A version number on the records people edit, so that two writers never overwrite each other.

Every update of a contact, ask, interaction, reference use or profile adds one to its
`version` and checks the number it read: a save based on an older copy is refused.

Revision ID: 0010
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0006"
branch_labels = None
depends_on = None

# Frozen copies (migrations must not change when the app code does).
TABLES = ("contact", "ask", "interaction", "reference_use", "profile")
SEARCH_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS contact_fts_after_insert AFTER INSERT ON contact BEGIN "
    "INSERT INTO contact_fts (rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS contact_fts_after_delete AFTER DELETE ON contact BEGIN "
    "INSERT INTO contact_fts (contact_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS contact_fts_after_update AFTER UPDATE OF search_text ON contact "
    "BEGIN INSERT INTO contact_fts (contact_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO contact_fts (rowid, search_text) VALUES (new.id, new.search_text); END",
)


def upgrade() -> None:
    # ADD COLUMN with a constant default: SQLite adds it in place (no table rebuild, so the
    # search triggers stay), PostgreSQL without rewriting the table.
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
    if op.get_bind().dialect.name == "sqlite":
        for statement in SEARCH_TRIGGERS:
            op.execute(statement)
