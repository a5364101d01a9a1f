"""The whole LinkedIn archive: hidden recommendations, given ones, message history, source keys.

Imported asks and interactions carry the key of what they came from, so that importing the
same archive again adds nothing; recommendations the user wrote get a table of their own.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "ask", sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("ask", sa.Column("source_key", sa.String(), nullable=True))
    op.create_index("ix_ask_source_key", "ask", ["source_key"], unique=True)
    op.add_column("interaction", sa.Column("direction", sa.String(), nullable=True))
    op.add_column("interaction", sa.Column("source_key", sa.String(), nullable=True))
    op.create_index("ix_interaction_source_key", "interaction", ["source_key"], unique=True)
    op.create_table(
        "recommendation_given",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "contact_id",
            sa.Integer(),
            sa.ForeignKey("contact.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("platform", sa.String(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=True),
        sa.Column("text", sa.String(), nullable=True),
        sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("source_key", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_recommendation_given_contact_id", "recommendation_given", ["contact_id"])
    op.create_index(
        "ix_recommendation_given_source_key",
        "recommendation_given",
        ["source_key"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_table("recommendation_given")
    op.drop_index("ix_interaction_source_key", table_name="interaction")
    op.drop_index("ix_ask_source_key", table_name="ask")
    with op.batch_alter_table("interaction") as batch:
        batch.drop_column("source_key")
        batch.drop_column("direction")
    with op.batch_alter_table("ask") as batch:
        batch.drop_column("source_key")
        batch.drop_column("hidden")
