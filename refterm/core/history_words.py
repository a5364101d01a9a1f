"""The short line an ask move leaves in a contact's history, in the user's language."""

from __future__ import annotations

# Where an ask was made says how the user reached the person (the ask's platform -> channel).
PLATFORM_CHANNELS = {
    "phone": "call",
    "email": "email",
    "letter": "other",
    "linkedin": "message",
    "viadeo": "message",
    "exekutive": "message",
}

_KIND = {
    "en": {"reference": "reference", "recommendation": "recommendation"},
    "fr": {"reference": "référence", "recommendation": "recommandation"},
}
_WORDS = {
    "en": {
        "asked": "Asked for a {kind}",
        "asked_again": "Asked again for a {kind}",
        "agreed_reference": "Agreed to be a reference",
        "agreed_recommendation": "Agreed to write a recommendation",
        "declined": "Declined the {kind}",
        "received": "Wrote the recommendation",
        "thanked": "Thanked them for the {kind}",
        "briefed": "Briefed them before {company} calls",
        "warned": "Told them they were given as a reference to {company}",
    },
    "fr": {
        "asked": "Demande de {kind}",
        "asked_again": "Relance\u00a0: demande de {kind}",
        "agreed_reference": "Accord pour servir de référence",
        "agreed_recommendation": "Accord pour écrire une recommandation",
        "declined": "Refus de la demande de {kind}",
        "received": "Recommandation reçue",
        "thanked": "Remerciements pour la {kind}",
        "briefed": "Brief avant l’appel {de_company}",
        "warned": "Mise au courant\u00a0: référence transmise à {company}",
    },
}


def _de(name: str) -> str:
    """French 'de' before a name: elided before a vowel ("d’Orange", "de Thales")."""
    return f"d’{name}" if name[:1].lower() in "aeiouyàâéèêîôû" else f"de {name}"


def channel_for(platform: str | None) -> str:
    """The channel an ask move went through, from the platform the ask is made on."""
    return PLATFORM_CHANNELS.get(platform or "", "other")


def move_summary(move: str, kind: str, language: str, company: str = "") -> str:
    """'Asked for a reference', 'Demande de référence'; English when the language is unknown."""
    words = _WORDS.get(language, _WORDS["en"])
    kinds = _KIND.get(language, _KIND["en"])
    if move == "agreed":
        move = f"agreed_{kind}"
    return words[move].format(kind=kinds.get(kind, kind), company=company, de_company=_de(company))


_JOB_WORDS = {
    "en": {
        "moved": "Moved from {old} to {new}",
        "moved_as": "Moved from {old} to {new} as {title}",
        "title": "New title: {new} (was {old})",
        "title_only": "New title: {new}",
    },
    "fr": {
        "moved": "Départ {de_old} pour {new}",
        "moved_as": "Départ {de_old} pour {new}, au poste de {title}",
        "title": "Nouveau poste\u00a0: {new} (auparavant {old})",
        "title_only": "Nouveau poste\u00a0: {new}",
    },
}


def job_change_summary(
    before: tuple[str | None, str | None], after: tuple[str | None, str | None], language: str
) -> str:
    """'Moved from OCP Group to Maroc Telecom as CTO', 'New title: CTO (was Head of Data)'."""
    words = _JOB_WORDS.get(language, _JOB_WORDS["en"])
    (old_company, old_title), (new_company, new_title) = before, after
    new_role = bool(new_title) and new_title != old_title
    if old_company and new_company and old_company != new_company:
        if new_role:
            return words["moved_as"].format(
                old=old_company, de_old=_de(old_company), new=new_company, title=new_title
            )
        return words["moved"].format(old=old_company, de_old=_de(old_company), new=new_company)
    if new_role:
        return words["title" if old_title else "title_only"].format(old=old_title, new=new_title)
    return ""


def message_summary(sent: int, received: int, language: str) -> str:
    """'LinkedIn messages: 2 sent, 1 received' — a day of a conversation, without its content."""
    if language == "fr":
        parts = [f"{sent} envoyé{'s' if sent > 1 else ''}"] if sent else []
        if received:
            parts.append(f"{received} reçu{'s' if received > 1 else ''}")
        return "Messages LinkedIn\u00a0: " + ", ".join(parts)  # untranslated: history words
    parts = [f"{sent} sent"] if sent else []
    if received:
        parts.append(f"{received} received")
    return "LinkedIn messages: " + ", ".join(parts)  # untranslated: history words
