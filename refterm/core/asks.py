"""The ask state machine and the actions on asks; each action is one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from refterm.clock import utc_now
from refterm.config import Settings
from refterm.core.dates import days_after
from refterm.core.history_words import channel_for, move_summary
from refterm.db import asks
from refterm.db.asks import insert_ask
from refterm.db.contacts import get_contact
from refterm.db.database import Database
from refterm.db.history import record_interaction
from refterm.db.models import Ask, ReferenceUse
from refterm.db.reference_uses import get_use, insert_use
from refterm.db.session import reading, writing
from refterm.errors import ChangedElsewhere, InvalidFields, InvalidInput, NotFound
from refterm.model.i18n import N_, _
from refterm.model.records import AskRecord, ReferenceUseRecord, copy_as
from refterm.model.text import clean_line, optional_line, optional_multiline
from refterm.model.vocab import OPEN_ASK_STATUSES, AskKind, AskStatus, Platform, label, pick

S = AskStatus
# Which status may follow which. Asking again is allowed (times_asked counts it).
TRANSITIONS: dict[AskStatus, frozenset[AskStatus]] = {
    S.PLANNED: frozenset({S.ASKED, S.AGREED, S.DECLINED, S.WITHDRAWN}),
    S.ASKED: frozenset({S.ASKED, S.AGREED, S.DECLINED, S.WITHDRAWN}),
    S.AGREED: frozenset({S.RECEIVED, S.DECLINED, S.WITHDRAWN}),
    S.RECEIVED: frozenset(),
    S.DECLINED: frozenset({S.PLANNED, S.ASKED}),
    S.WITHDRAWN: frozenset({S.PLANNED, S.ASKED}),
}
# Moves that mean the user and the contact spoke or wrote.
TALKED = frozenset({S.ASKED, S.AGREED, S.DECLINED, S.RECEIVED})


REFERENCE_NOT_RECEIVED = N_(
    "a reference is complete once agreed; 'received' is for recommendations"
)


def can_move(kind: AskKind, current: AskStatus, target: AskStatus) -> bool:
    """True when `target` may follow `current` for this kind of ask."""
    if target is S.RECEIVED and kind is AskKind.REFERENCE:
        return False
    return target in TRANSITIONS[current]


def check_move(kind: AskKind, current: AskStatus, target: AskStatus) -> None:
    if can_move(kind, current, target):
        return
    if target is S.RECEIVED and kind is AskKind.REFERENCE:
        raise InvalidInput(_(REFERENCE_NOT_RECEIVED))
    allowed = ", ".join(label(AskStatus, status) for status in sorted(TRANSITIONS[current]))
    raise InvalidInput(
        _("an ask that is {current} cannot become {target}; it can become {allowed}").format(
            current=label(AskStatus, current),
            target=label(AskStatus, target),
            allowed=allowed or _("nothing (it is final)"),
        )
    )


@dataclass
class AskForm:
    """An ask as typed; `validate_ask` checks it."""

    kind: str = "recommendation"
    platform: str | None = None
    purpose: str | None = None
    talking_points: str | None = None
    status: str = "planned"
    asked_on: date | None = None
    follow_up_on: date | None = None
    agreed_on: date | None = None
    received_on: date | None = None
    recommendation_text: str | None = None
    notes: str | None = None
    version: int | None = None  # the stored ask's, when the form was filled from it


def validate_ask(form: AskForm) -> dict[str, Any]:
    """Clean and check an ask's fields; all problems reported together."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    vocabularies: dict[str, type[StrEnum]] = {
        "kind": AskKind,
        "platform": Platform,
        "status": AskStatus,
    }
    said = {"kind": _("kind"), "platform": _("platform"), "status": _("status")}
    for name, vocabulary in vocabularies.items():
        try:
            values[name] = pick(vocabulary, getattr(form, name), said[name])
        except ValueError as error:
            errors[name] = str(error)
    if "kind" not in errors and values.get("kind") is None:
        errors["kind"] = _("kind is required (reference or recommendation)")
    if values.get("kind") == "reference" and values.get("status") == "received":
        errors["status"] = _(REFERENCE_NOT_RECEIVED)
    if errors:
        raise InvalidFields(errors)
    values["status"] = values["status"] or "planned"
    values["purpose"] = optional_line(form.purpose)
    values["talking_points"] = optional_multiline(form.talking_points)
    values["recommendation_text"] = optional_multiline(form.recommendation_text)
    values["notes"] = optional_multiline(form.notes)
    for name in ("asked_on", "follow_up_on", "agreed_on", "received_on"):
        values[name] = getattr(form, name)
    return values


def create_ask(
    database: Database,
    contact_id: int,
    form: AskForm,
    today: date,
    settings: Settings,
    now: datetime | None = None,
) -> AskRecord:
    """Record an ask, possibly one already under way (backfilled history fills its dates)."""
    values = validate_ask(form)
    status = AskStatus(values["status"])
    if status is not S.PLANNED:
        values["asked_on"] = values["asked_on"] or today
        values["times_asked"] = 1
    if status in (S.ASKED,) and values["follow_up_on"] is None:
        values["follow_up_on"] = days_after(values["asked_on"], settings.follow_up_days)
    if status in (S.AGREED, S.RECEIVED):
        values["agreed_on"] = values["agreed_on"] or values["asked_on"]
    if status is S.RECEIVED:
        values["received_on"] = values["received_on"] or today
    stamp = now or utc_now()
    with writing(database) as session:
        if get_contact(session, contact_id) is None:
            raise NotFound(_("no contact has id {id}").format(id=contact_id))
        ask = Ask(contact_id=contact_id, created_at=stamp, updated_at=stamp, **values)
        insert_ask(session, ask)
        # An ask entered already under way: each of its dates was a time the two of you spoke.
        for move, on in (
            ("asked", ask.asked_on),
            ("agreed", ask.agreed_on),
            ("received", ask.received_on),
        ):
            if on is not None:
                _note(session, ask, move, on, settings.language, stamp)
        return copy_as(AskRecord, ask)


def _note(
    session: Session,
    ask: Ask,
    move: str,
    on: date,
    language: str,
    now: datetime,
    channel: str | None = None,
    company: str = "",
) -> None:
    """The history entry of an ask move that meant talking or writing to the person."""
    contact = get_contact(session, ask.contact_id)
    if contact is None:
        raise NotFound(_("no contact has id {id}").format(id=ask.contact_id))
    summary = move_summary(move, ask.kind, language, company)
    record_interaction(
        session,
        contact,
        on,
        channel or channel_for(ask.platform),
        summary,
        now,
        ask_id=ask.id,
    )


def _must_get(session: Session, ask_id: int) -> Ask:
    ask = asks.get_ask(session, ask_id)
    if ask is None:
        raise NotFound(_("no ask has id {id}").format(id=ask_id))
    return ask


def get_ask(database: Database, ask_id: int) -> AskRecord:
    with reading(database) as session:
        return copy_as(AskRecord, _must_get(session, ask_id))


def apply_move(ask: Ask, target: AskStatus, on: date, settings: Settings) -> None:
    """Change status with the bookkeeping each status implies (shared with logging calls)."""
    check_move(AskKind(ask.kind), AskStatus(ask.status), target)
    if target is S.ASKED:
        ask.times_asked += 1
        ask.asked_on = on
        ask.follow_up_on = days_after(on, settings.follow_up_days)
    elif target is S.AGREED:
        if ask.status == S.PLANNED:
            ask.times_asked += 1
            ask.asked_on = on
        ask.agreed_on = on
        # A recommendation still has to be written: check on it later. A reference is done.
        is_recommendation = ask.kind == AskKind.RECOMMENDATION
        ask.follow_up_on = days_after(on, settings.follow_up_days) if is_recommendation else None
    elif target is S.RECEIVED:
        ask.received_on = on
        ask.follow_up_on = None
    elif target in (S.DECLINED, S.WITHDRAWN):
        ask.follow_up_on = None
    elif target is S.PLANNED:
        ask.follow_up_on = None
    ask.status = target.value


def move_ask(
    database: Database,
    ask_id: int,
    target: AskStatus,
    today: date,
    settings: Settings,
    recommendation_text: str | None = None,
    now: datetime | None = None,
    channel: str | None = None,
) -> AskRecord:
    """Mark an ask asked, agreed, received, declined or withdrawn.

    Every move but withdrawing (and planning again) means the two of you spoke or wrote: it is
    recorded in the contact's history, through `channel` or the ask's platform.
    """
    stamp = now or utc_now()
    with writing(database) as session:
        ask = _must_get(session, ask_id)
        again = target is S.ASKED and ask.times_asked > 0
        apply_move(ask, target, today, settings)
        if recommendation_text is not None:
            ask.recommendation_text = optional_multiline(recommendation_text)
        ask.updated_at = stamp
        if target in TALKED:
            move = "asked_again" if again else target.value
            _note(session, ask, move, today, settings.language, stamp, channel)
        return copy_as(AskRecord, ask)


def set_follow_up(
    database: Database, ask_id: int, on: date | None, now: datetime | None = None
) -> AskRecord:
    """Set or clear the follow-up date (also how snoozing works)."""
    with writing(database) as session:
        ask = _must_get(session, ask_id)
        if AskStatus(ask.status) not in OPEN_ASK_STATUSES:
            raise InvalidInput(
                _("an ask that is {status} has no follow-up").format(
                    status=label(AskStatus, ask.status)
                )
            )
        ask.follow_up_on = on
        ask.updated_at = now or utc_now()
        return copy_as(AskRecord, ask)


def mark_thanked(
    database: Database,
    ask_id: int,
    on: date,
    now: datetime | None = None,
    settings: Settings | None = None,
    channel: str | None = None,
) -> AskRecord:
    """Note the thank-you, in the ask and in the contact's history."""
    stamp = now or utc_now()
    with writing(database) as session:
        ask = _must_get(session, ask_id)
        if ask.status not in (S.RECEIVED, S.AGREED):
            raise InvalidInput(
                _("thank someone once they have agreed or written the recommendation")
            )
        ask.thanked_on = on
        ask.updated_at = stamp
        _note(session, ask, "thanked", on, (settings or Settings()).language, stamp, channel)
        return copy_as(AskRecord, ask)


def allowed_statuses(kind: str, current: str) -> list[str]:
    """The status an ask has now, then each one it may move to (the edit form's choices)."""
    now = AskStatus(current)
    moves = [target.value for target in AskStatus
             if target is not now and can_move(AskKind(kind), now, target)]  # fmt: skip
    return [now.value, *moves]


# The date field of the form that says when a move happened, per target status.
MOVE_DATES = {S.ASKED: "asked_on", S.AGREED: "agreed_on", S.RECEIVED: "received_on"}


def update_ask(
    database: Database,
    ask_id: int,
    form: AskForm,
    now: datetime | None = None,
    today: date | None = None,
    settings: Settings | None = None,
) -> AskRecord:
    """Edit an ask's details; a status change is a move like the list keys make.

    The move must be allowed; it does the same bookkeeping and writes the same history entry
    as `move_ask`, dated by the form's date for it when that was changed, else `today`. A form
    filled from an ask someone else has saved since (`form.version`) is refused.
    """
    values = validate_ask(form)
    stamp = now or utc_now()
    settings = settings or Settings()
    with writing(database) as session:
        ask = _must_get(session, ask_id)
        if form.version is not None and ask.version != form.version:
            raise ChangedElsewhere(_("this ask"))
        target = AskStatus(values.pop("status"))
        moved = target.value != ask.status
        if moved:
            check_move(AskKind(values["kind"]), AskStatus(ask.status), target)
        before = {name: getattr(ask, name) for name in ("asked_on", "follow_up_on", "agreed_on",
                                                         "received_on")}  # fmt: skip
        for name, value in values.items():
            setattr(ask, name, value)
        if moved:
            field = MOVE_DATES.get(target)
            typed = values.get(field) if field else None
            on = typed if typed is not None and typed != before[field or ""] else None
            on = on or today or stamp.date()
            again = target is S.ASKED and ask.times_asked > 0
            apply_move(ask, target, on, settings)
            if values["follow_up_on"] != before["follow_up_on"] and ask.follow_up_on:
                ask.follow_up_on = values["follow_up_on"]  # a date typed in the form wins
            if target in TALKED:
                move = "asked_again" if again else target.value
                _note(session, ask, move, on, settings.language, stamp)
        ask.updated_at = stamp
        return copy_as(AskRecord, ask)


def add_reference_use(
    database: Database,
    ask_id: int,
    company: str,
    role: str | None,
    shared_on: date,
    now: datetime | None = None,
    warned: bool = False,
    settings: Settings | None = None,
) -> ReferenceUseRecord:
    """Record that a referee was given to an employer, so they can be briefed.

    `warned`: the user told them at the time, which is contact like any other.
    """
    company_name = clean_line(company)
    if not company_name:
        raise InvalidFields({"company": _("the company the reference was given to is required")})
    with writing(database) as session:
        ask = _must_get(session, ask_id)
        if ask.kind != AskKind.REFERENCE:
            raise InvalidInput(
                _("reference uses are recorded on reference asks, not recommendations")
            )
        if ask.status != S.AGREED:
            raise InvalidInput(_("only a reference who agreed can be given to an employer"))
        use = ReferenceUse(
            ask_id=ask_id,
            company=company_name,
            role=optional_line(role),
            shared_on=shared_on,
            created_at=now or utc_now(),
        )
        insert_use(session, use)
        if warned:
            language = (settings or Settings()).language
            _note(session, ask, "warned", shared_on, language, use.created_at, None, company_name)
        return copy_as(ReferenceUseRecord, use)


def mark_briefed(
    database: Database,
    use_id: int,
    on: date,
    now: datetime | None = None,
    settings: Settings | None = None,
    channel: str | None = None,
) -> ReferenceUseRecord:
    """Note the briefing, on the reference use and in the contact's history."""
    with writing(database) as session:
        use = get_use(session, use_id)
        if use is None:
            raise NotFound(_("no reference use has id {id}").format(id=use_id))
        use.briefed_on = on
        ask = _must_get(session, use.ask_id)
        language = (settings or Settings()).language
        _note(session, ask, "briefed", on, language, now or utc_now(), channel, use.company)
        return copy_as(ReferenceUseRecord, use)
