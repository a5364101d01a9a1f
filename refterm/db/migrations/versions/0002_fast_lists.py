"""Keep lists fast at 100,000 contacts: sort and search keys, last-contact date, indexes.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _fold(value: str) -> str:
    # A frozen copy of model.text.fold: migrations must not change when the app code does.
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def upgrade() -> None:
    with op.batch_alter_table("contact") as batch:
        batch.add_column(sa.Column("sort_key", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("search_text", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("last_contacted_on", sa.Date(), nullable=True))
    connection = op.get_bind()
    tags_by_contact: dict[int, list[str]] = {}
    for contact_id, name in connection.execute(
        sa.text(
            "SELECT contact_tag.contact_id, tag.name FROM contact_tag "
            "JOIN tag ON tag.id = contact_tag.tag_id"
        )
    ):
        tags_by_contact.setdefault(contact_id, []).append(name)
    rows = connection.execute(
        sa.text("SELECT id, full_name, company, title, notes FROM contact")
    ).fetchall()
    for contact_id, full_name, company, title, notes in rows:
        parts = [full_name, company, title, notes, *tags_by_contact.get(contact_id, [])]
        connection.execute(
            sa.text("UPDATE contact SET sort_key = :sort, search_text = :search WHERE id = :id"),
            {
                "sort": _fold(full_name),
                "search": _fold(" ".join(part for part in parts if part)),
                "id": contact_id,
            },
        )
    connection.execute(
        sa.text(
            "UPDATE contact SET last_contacted_on = "
            "(SELECT MAX(occurred_on) FROM interaction WHERE interaction.contact_id = contact.id)"
        )
    )
    # The models declare no server defaults; drop them so the schema matches exactly.
    with op.batch_alter_table("contact") as batch:
        batch.alter_column("sort_key", server_default=None)
        batch.alter_column("search_text", server_default=None)
    op.create_index("ix_contact_sort_key", "contact", ["sort_key"])
    op.create_index("ix_contact_email", "contact", ["email"])
    op.create_index("ix_contact_linkedin_url", "contact", ["linkedin_url"])
    op.create_index("ix_contact_last_contacted_on", "contact", ["last_contacted_on"])
    op.create_index("ix_ask_status", "ask", ["status"])
    op.create_index("ix_interaction_ask_id", "interaction", ["ask_id"])
    op.create_index("ix_interaction_occurred_on", "interaction", ["occurred_on"])
    op.create_index("ix_contact_tag_tag_id", "contact_tag", ["tag_id"])


def downgrade() -> None:
    for name, table in (
        ("ix_contact_tag_tag_id", "contact_tag"),
        ("ix_interaction_occurred_on", "interaction"),
        ("ix_interaction_ask_id", "interaction"),
        ("ix_ask_status", "ask"),
        ("ix_contact_last_contacted_on", "contact"),
        ("ix_contact_linkedin_url", "contact"),
        ("ix_contact_email", "contact"),
        ("ix_contact_sort_key", "contact"),
    ):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("contact") as batch:
        batch.drop_column("last_contacted_on")
        batch.drop_column("search_text")
        batch.drop_column("sort_key")
