"""Store text in one Unicode spelling (NFC), and merge the tags that become the same.

"Élodie" typed precomposed (NFC) and as E + combining accent (NFD) looked the same but were
two tags and two spellings of a name. From now on text is cleaned to NFC on the way in; this
brings the rows already stored to NFC too.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TEXT_TYPES = ("CHAR", "TEXT", "CLOB")


def _nfc(value: str) -> str:
    # A frozen copy of the app's rule: migrations must not change when the app code does.
    return unicodedata.normalize("NFC", value)


def _merge_tags(connection: sa.Connection) -> None:
    """Tags whose names are equal in NFC become one: links repointed, duplicates removed."""
    keep: dict[str, int] = {}
    for tag_id, name in connection.execute(sa.text("SELECT id, name FROM tag ORDER BY id")):
        normal = _nfc(name)
        if normal not in keep:
            keep[normal] = tag_id
            continue
        survivor = keep[normal]
        connection.execute(
            sa.text(
                "INSERT OR IGNORE INTO contact_tag (contact_id, tag_id) "
                "SELECT contact_id, :survivor FROM contact_tag WHERE tag_id = :old"
            ),
            {"survivor": survivor, "old": tag_id},
        )
        connection.execute(sa.text("DELETE FROM contact_tag WHERE tag_id = :old"), {"old": tag_id})
        connection.execute(sa.text("DELETE FROM tag WHERE id = :old"), {"old": tag_id})


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        # A PostgreSQL database starts empty at 0001 and is only ever written by a refterm that
        # stores NFC: there is nothing to bring to NFC (and no rowid, sqlite_master or pragma).
        return
    _merge_tags(connection)
    tables = [
        row[0]
        for row in connection.execute(
            sa.text(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        )
    ]
    for table in tables:
        columns = [
            row[1]
            for row in connection.execute(sa.text(f'PRAGMA table_info("{table}")'))
            if any(kind in str(row[2]).upper() for kind in TEXT_TYPES)
        ]
        for column in columns:
            changed = [
                (rowid, _nfc(value))
                for rowid, value in connection.execute(
                    sa.text(f'SELECT rowid, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL')
                )
                if isinstance(value, str) and not value.isascii() and _nfc(value) != value
            ]
            for rowid, value in changed:
                connection.execute(
                    sa.text(f'UPDATE "{table}" SET "{column}" = :value WHERE rowid = :rowid'),
                    {"value": value, "rowid": rowid},
                )


def downgrade() -> None:
    """NFC text reads the same; there is nothing to undo."""
