"""Whether a script's facts hold: a script never states what did not happen.

One function owns the rule, for the suggestion, the CLI (`script -t`) and the preview (`t`).
"""

from __future__ import annotations

from refterm.errors import ScriptRefused
from refterm.model.i18n import _
from refterm.model.records import AskRecord, ContactRecord, ProfileRecord, ReferenceUseRecord
from refterm.model.vocab import AskKind, AskStatus, label

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
        return _("your name is not in your profile yet (refterm profile --name, or e on Dossier)")
    if voicemail and template not in CALL_SCRIPTS:
        return _(
            "{template} is not a call script: only call scripts have a voicemail version"
        ).format(template=template)
    if template == "follow_up":
        if ask is None or ask.kind != AskKind.RECOMMENDATION:
            return _("no recommendation asked of {name} to follow up on").format(name=name)
        if ask.status not in (AskStatus.ASKED, AskStatus.AGREED):
            return _(
                "no recommendation from {name} is awaiting an answer or agreed but unwritten"
            ).format(name=name)
    elif template == "thank_you":
        received = ask is not None and (
            (ask.kind == AskKind.RECOMMENDATION and ask.status == AskStatus.RECEIVED)
            or (ask.kind == AskKind.REFERENCE and ask.status == AskStatus.AGREED)
        )
        if not received:
            return _("nothing received from {name} yet").format(name=name)
    elif template == "brief_reference":
        if use is None or use.briefed_on is not None:
            return _("no reference use of {name} waiting to be briefed").format(name=name)
    elif template in ("call_reference", "call_recommendation", "email_recommendation"):
        kind = AskKind.REFERENCE if template == "call_reference" else AskKind.RECOMMENDATION
        if ask is not None and (ask.kind != kind or ask.status not in _OPEN):
            if kind == AskKind.REFERENCE:
                wrong = _("the {kind} ask #{id} of {name} is {status}, not a reference to ask for")
            else:
                wrong = _(
                    "the {kind} ask #{id} of {name} is {status}, not a recommendation to ask for"
                )
            return wrong.format(
                kind=label(AskKind, ask.kind),
                id=ask.id,
                name=name,
                status=label(AskStatus, ask.status),
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
        raise ScriptRefused(
            _("cannot use {template}: {missing}").format(template=template, missing=missing)
        )
