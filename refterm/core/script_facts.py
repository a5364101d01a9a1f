"""Whether a script's facts hold: a script never states what did not happen.

One function owns the rule, for the suggestion, the CLI (`script -t`) and the preview (`t`).
"""

from __future__ import annotations

from refterm.errors import ScriptRefused
from refterm.model.records import AskRecord, ContactRecord, ProfileRecord, ReferenceUseRecord
from refterm.model.vocab import AskKind, AskStatus

CALL_SCRIPTS = frozenset({"call_reference", "call_recommendation"})
_OPEN = (AskStatus.PLANNED, AskStatus.ASKED)


def missing_fact(
    template: str,
    contact: ContactRecord,
    ask: AskRecord | None,
    use: ReferenceUseRecord | None,
    profile: ProfileRecord,
    voicemail: bool = False,
) -> str | None:
    """What is missing for `template` to be true for this contact, or None when it holds."""
    name = contact.full_name
    if not (profile.name or "").strip():
        return "your name is not in your profile yet (refterm profile --name, or e on Dossier)"
    if voicemail and template not in CALL_SCRIPTS:
        return f"{template} is not a call script: only call scripts have a voicemail version"
    if template == "follow_up":
        if ask is None or ask.kind != AskKind.RECOMMENDATION:
            return f"no recommendation asked of {name} to follow up on"
        if ask.status not in (AskStatus.ASKED, AskStatus.AGREED):
            return f"no recommendation from {name} is awaiting an answer or agreed but unwritten"
    elif template == "thank_you":
        received = ask is not None and (
            (ask.kind == AskKind.RECOMMENDATION and ask.status == AskStatus.RECEIVED)
            or (ask.kind == AskKind.REFERENCE and ask.status == AskStatus.AGREED)
        )
        if not received:
            return f"nothing received from {name} yet"
    elif template == "brief_reference":
        if use is None or use.briefed_on is not None:
            return f"no reference use of {name} waiting to be briefed"
    elif template in ("call_reference", "call_recommendation", "email_recommendation"):
        kind = AskKind.REFERENCE if template == "call_reference" else AskKind.RECOMMENDATION
        if ask is not None and (ask.kind != kind or ask.status not in _OPEN):
            what = "reference" if kind == AskKind.REFERENCE else "recommendation"
            return (
                f"the {ask.kind} ask #{ask.id} of {name} is {ask.status}, not a {what} to ask for"
            )
    return None


def check_facts(
    template: str,
    contact: ContactRecord,
    ask: AskRecord | None,
    use: ReferenceUseRecord | None,
    profile: ProfileRecord,
    voicemail: bool = False,
) -> None:
    """Refuse, in one line naming what is missing, a script whose facts do not hold."""
    missing = missing_fact(template, contact, ask, use, profile, voicemail)
    if missing is not None:
        raise ScriptRefused(f"cannot use {template}: {missing}")
