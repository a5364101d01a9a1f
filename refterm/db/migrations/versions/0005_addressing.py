"""Addressing people and true dates: known_since, connected_on, greeting, formality, civility.

Also the profile's search status, and the LinkedIn sentences once stored in how_we_met
("Connected on LinkedIn on March 15, 2024") moved into connected_on.

Revision ID: 0005
Revises: 0002
"""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Frozen copies of the wordings the LinkedIn import used to write (refterm 0.1.0).
_MONTHS_EN = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)  # fmt: skip
_MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_EN = re.compile(r"Connected on LinkedIn on ([A-Za-z]+) (\d{1,2}), (\d{4})")
_FR = re.compile(r"Relation LinkedIn depuis le (\d{1,2})(?:er)? (\w+) (\d{4})")
_UNDATED = ("Connected on LinkedIn", "Relation LinkedIn")


def _connected_on(sentence: str) -> date | None | bool:
    """The date in a LinkedIn sentence; None for an undated one; False for any other text."""
    text = sentence.strip()
    if text in _UNDATED:
        return None
    try:
        if match := _EN.fullmatch(text):
            month = _MONTHS_EN.index(match.group(1).lower()) + 1
            return date(int(match.group(3)), month, int(match.group(2)))
        if match := _FR.fullmatch(text):
            month = _MONTHS_FR.index(match.group(2).lower()) + 1
            return date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return False
    return False


# Frozen copies of 0004's triggers (migrations must not change when the app code does).
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
    with op.batch_alter_table("contact") as batch:
        batch.add_column(sa.Column("known_since", sa.String(), nullable=True))
        batch.add_column(sa.Column("connected_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("greeting_name", sa.String(), nullable=True))
        batch.add_column(sa.Column("formality", sa.String(), nullable=False, server_default="auto"))
        batch.add_column(sa.Column("civility", sa.String(), nullable=False, server_default="none"))
    with op.batch_alter_table("profile") as batch:
        batch.add_column(
            sa.Column("search_status", sa.String(), nullable=False, server_default="open")
        )
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT id, how_we_met FROM contact WHERE how_we_met LIKE 'Connected on LinkedIn%' "
            "OR how_we_met LIKE 'Relation LinkedIn%'"
        )
    ).fetchall()
    for contact_id, sentence in rows:
        found = _connected_on(sentence)
        if found is False:
            continue  # the user's own words: kept as they are
        connection.execute(
            sa.text("UPDATE contact SET how_we_met = NULL, connected_on = :on WHERE id = :id"),
            {"on": found, "id": contact_id},
        )
    # The models declare no server defaults; drop them so the schema matches exactly.
    with op.batch_alter_table("contact") as batch:
        batch.alter_column("formality", server_default=None)
        batch.alter_column("civility", server_default=None)
    with op.batch_alter_table("profile") as batch:
        batch.alter_column("search_status", server_default=None)
    # Altering a column rebuilds the contact table, and SQLite drops a table's triggers with it:
    # put back the ones that keep the search index (0004) in step.
    if connection.dialect.name == "sqlite":
        for statement in SEARCH_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table("profile") as batch:
        batch.drop_column("search_status")
    with op.batch_alter_table("contact") as batch:
        for name in ("civility", "formality", "greeting_name", "connected_on", "known_since"):
            batch.drop_column(name)
    if op.get_bind().dialect.name == "sqlite":
        for statement in SEARCH_TRIGGERS:
            op.execute(statement)
