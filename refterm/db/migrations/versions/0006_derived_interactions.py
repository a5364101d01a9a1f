"""Every ask move is contact: derive the missing interactions from the asks' dates.

Before this revision, marking an ask asked, agreed, received or thanked, or briefing a
reference, left no trace in the contact's history, so "last contact" was false. Each such
date with no interaction about that ask on that day becomes one, and "last contact" is
recomputed by the rule that attempts (no answer, voicemail) do not count.

Revision ID: 0006
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Frozen copies of the app's words and rules: migrations must not change when the app does.
CHANNELS = {
    "phone": "call",
    "email": "email",
    "letter": "other",
    "linkedin": "message",
    "viadeo": "message",
    "exekutive": "message",
}
KINDS = {
    "en": {"reference": "reference", "recommendation": "recommendation"},
    "fr": {"reference": "référence", "recommendation": "recommandation"},
}
WORDS = {
    "en": {
        "asked": "Asked for a {kind}",
        "agreed_reference": "Agreed to be a reference",
        "agreed_recommendation": "Agreed to write a recommendation",
        "received": "Wrote the recommendation",
        "thanked": "Thanked them for the {kind}",
        "briefed": "Briefed them before {company} calls",
    },
    "fr": {
        "asked": "Demande de {kind}",
        "agreed_reference": "Accord pour servir de référence",
        "agreed_recommendation": "Accord pour écrire une recommandation",
        "received": "Recommandation reçue",
        "thanked": "Remerciements pour la {kind}",
        "briefed": "Brief avant l’appel {de_company}",
    },
}
REACHED = "(outcome IS NULL OR outcome NOT IN ('no_answer', 'voicemail', 'job_change'))"


def _summary(language: str, move: str, kind: str, company: str = "") -> str:
    words, kinds = WORDS.get(language, WORDS["en"]), KINDS.get(language, KINDS["en"])
    key = f"agreed_{kind}" if move == "agreed" else move
    de_company = f"d’{company}" if company[:1].lower() in "aeiouyàâéèêîôû" else f"de {company}"
    return words[key].format(kind=kinds.get(kind, kind), company=company, de_company=de_company)


def upgrade() -> None:
    connection = op.get_bind()
    profile = connection.execute(
        sa.text("SELECT language FROM profile ORDER BY id LIMIT 1")
    ).fetchone()
    language = profile[0] if profile and profile[0] in WORDS else "en"
    known = {
        (ask_id, str(on))
        for ask_id, on in connection.execute(
            sa.text("SELECT ask_id, occurred_on FROM interaction WHERE ask_id IS NOT NULL")
        )
    }
    moves: list[tuple[int, int, str, str, str, str]] = []
    asks = connection.execute(
        sa.text(
            "SELECT id, contact_id, kind, platform, asked_on, agreed_on, received_on, thanked_on,"
            " created_at FROM ask ORDER BY id"
        )
    ).fetchall()
    for ask_id, contact_id, kind, platform, asked, agreed, received, thanked, created in asks:
        for move, on in (
            ("asked", asked),
            ("agreed", agreed),
            ("received", received),
            ("thanked", thanked),
        ):
            if on is not None and (ask_id, str(on)) not in known:
                known.add((ask_id, str(on)))
                summary = _summary(language, move, kind)
                moves.append((contact_id, ask_id, str(on), platform, summary, str(created)))
    uses = connection.execute(
        sa.text(
            "SELECT a.id, a.contact_id, a.kind, a.platform, u.company, u.briefed_on, u.created_at"
            " FROM reference_use AS u JOIN ask AS a ON a.id = u.ask_id"
            " WHERE u.briefed_on IS NOT NULL ORDER BY u.id"
        )
    ).fetchall()
    for ask_id, contact_id, kind, platform, company, briefed, created in uses:
        if (ask_id, str(briefed)) not in known:
            known.add((ask_id, str(briefed)))
            summary = _summary(language, "briefed", kind, company)
            moves.append((contact_id, ask_id, str(briefed), platform, summary, str(created)))
    insert = sa.text(
        "INSERT INTO interaction (contact_id, ask_id, occurred_on, channel, outcome, summary,"
        " created_at) VALUES (:contact, :ask, :on, :channel, NULL, :summary, :created)"
    )
    for contact_id, ask_id, on, platform, summary, created in moves:
        connection.execute(
            insert,
            {
                "contact": contact_id,
                "ask": ask_id,
                "on": on,
                "channel": CHANNELS.get(platform or "", "other"),
                "summary": summary,
                "created": created,
            },
        )
    # Contacts with a history get the latest interaction that reached them (attempts no
    # longer count); a date imported with no history behind it is kept.
    connection.execute(
        sa.text(
            "UPDATE contact SET last_contacted_on = (SELECT max(occurred_on) FROM interaction"
            f" WHERE interaction.contact_id = contact.id AND {REACHED})"
            " WHERE id IN (SELECT contact_id FROM interaction)"
        )
    )


def downgrade() -> None:
    # The derived interactions are true history and valid at revision 0002: they stay.
    pass
