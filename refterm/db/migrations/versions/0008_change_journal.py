"""The change journal: every write the user makes, with the row images that undo it.

`change` holds one row per unit of work (what it was, when, from where); `change_row` one row
per table row it touched: the key, the row as it was before (NULL: it did not exist) and a
digest of the row as it was left (NULL: it no longer exists), which tells undo whether
anything changed it since.

Revision ID: 0008
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
    )
    op.create_table(
        "change_row",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "change_id",
            sa.Integer(),
            sa.ForeignKey("change.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("row_key", sa.String(), nullable=False),
        sa.Column("before_image", sa.String(), nullable=True),
        sa.Column("after_digest", sa.String(), nullable=True),
    )
    op.create_index("ix_change_row_change_id", "change_row", ["change_id"])
    op.create_index("ix_change_row_row", "change_row", ["table_name", "row_key"])


def downgrade() -> None:
    op.drop_index("ix_change_row_row", table_name="change_row")
    op.drop_index("ix_change_row_change_id", table_name="change_row")
    op.drop_table("change_row")
    op.drop_table("change")
