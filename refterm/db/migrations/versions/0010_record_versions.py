"""A version number on the records people edit, so that two writers never overwrite each other.

Every update of a contact, ask, interaction, reference use or profile adds one to its
`version` and checks the number it read: a save based on an older copy is refused.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
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


# The instants SQLModel declares time-zone aware; on PostgreSQL they become timestamptz (the
# values are UTC), so that no server time zone ever shifts them.
INSTANTS = {
    "contact": ("created_at", "updated_at", "archived_at"),
    "ask": ("created_at", "updated_at"),
    "interaction": ("created_at",),
    "reference_use": ("created_at",),
    "recommendation_given": ("created_at",),
    "change": ("made_at",),
}


def upgrade() -> None:
    # ADD COLUMN with a constant default: SQLite adds it in place (no table rebuild, so the
    # search triggers stay), PostgreSQL without rewriting the table.
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, columns in INSTANTS.items():
        for column in columns:
            op.alter_column(
                table,
                column,
                type_=sa.DateTime(timezone=True),
                postgresql_using=f"{column} AT TIME ZONE 'UTC'",
            )
    # Names sort and match by prefix byte by byte, as on SQLite, whatever the database's locale.
    op.execute('ALTER TABLE contact ALTER COLUMN sort_key TYPE VARCHAR COLLATE "C"')


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
    if op.get_bind().dialect.name == "sqlite":
        for statement in SEARCH_TRIGGERS:
            op.execute(statement)
