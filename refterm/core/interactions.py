"""Logging what happened with a contact, and what that changes on the ask it concerns."""

from __future__ import annotations

from datetime import date, datetime

from refterm.clock import utc_now
from refterm.config import Settings
from refterm.core.asks import apply_move
from refterm.core.dates import days_after
from refterm.db.asks import get_ask
from refterm.db.contacts import get_contact
from refterm.db.database import Database
from refterm.db.history import record_interaction
from refterm.db.models import Ask
from refterm.db.session import writing
from refterm.errors import InvalidFields, InvalidInput, NotFound
from refterm.model.i18n import _
from refterm.model.records import InteractionRecord, copy_as
from refterm.model.text import optional_multiline
from refterm.model.vocab import AskStatus, Channel, Outcome


def log_interaction(
    database: Database,
    contact_id: int,
    channel: Channel,
    occurred_on: date,
    settings: Settings,
    outcome: Outcome | None = None,
    summary: str | None = None,
    ask_id: int | None = None,
    call_back_on: date | None = None,
    now: datetime | None = None,
) -> InteractionRecord:
    """Store the interaction and apply its outcome to the ask, all in one transaction.

    A no-answer or a voicemail is an attempt: it moves the follow-up, not "last contact".

    agreed -> ask agreed; declined -> declined; no_answer/voicemail -> follow-up pushed by
    `settings.retry_days`; call_back -> follow-up on `call_back_on`.
    """
    if outcome is Outcome.CALL_BACK and call_back_on is None:
        raise InvalidFields({"call_back_on": _("say when to call back (e.g. tomorrow, +3d)")})
    with writing(database) as session:
        contact = get_contact(session, contact_id)
        if contact is None:
            raise NotFound(_("no contact has id {id}").format(id=contact_id))
        ask: Ask | None = None
        if ask_id is not None:
            ask = get_ask(session, ask_id)
            if ask is None or ask.contact_id != contact_id:
                raise NotFound(
                    _("{name} has no ask with id {id}").format(name=contact.full_name, id=ask_id)
                )
        if outcome in (Outcome.AGREED, Outcome.DECLINED) and ask is None:
            if outcome is Outcome.AGREED:
                raise InvalidInput(_("say which ask was agreed (--ask ID)"))
            raise InvalidInput(_("say which ask was declined (--ask ID)"))
        interaction = record_interaction(
            session,
            contact,
            occurred_on,
            channel.value,
            optional_multiline(summary),
            now or utc_now(),
            outcome=outcome.value if outcome else None,
            ask_id=ask_id,
        )
        if ask is not None and outcome is not None:
            _apply_outcome(ask, outcome, occurred_on, call_back_on, settings)
            ask.updated_at = now or utc_now()
        session.flush()
        return copy_as(InteractionRecord, interaction)


def _apply_outcome(
    ask: Ask, outcome: Outcome, on: date, call_back_on: date | None, settings: Settings
) -> None:
    if outcome is Outcome.AGREED:
        if ask.status != AskStatus.AGREED:
            apply_move(ask, AskStatus.AGREED, on, settings)
    elif outcome is Outcome.DECLINED:
        apply_move(ask, AskStatus.DECLINED, on, settings)
    elif outcome in (Outcome.NO_ANSWER, Outcome.VOICEMAIL):
        if ask.status == AskStatus.PLANNED:
            # Trying to reach them counts as asking; the retry date replaces the usual delay.
            apply_move(ask, AskStatus.ASKED, on, settings)
        ask.follow_up_on = days_after(on, settings.retry_days)
    elif outcome is Outcome.CALL_BACK:
        ask.follow_up_on = call_back_on


def list_interactions(
    database: Database, contact_id: int | None = None, limit: int | None = None
) -> list[tuple[InteractionRecord, str]]:
    """History entries, newest first, each with its contact's name."""
    from refterm.db.interactions import interactions_with_names
    from refterm.db.session import reading

    with reading(database) as session:
        return [
            (copy_as(InteractionRecord, interaction), name)
            for interaction, name in interactions_with_names(session, contact_id, limit)
        ]
