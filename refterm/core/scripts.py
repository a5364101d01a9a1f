"""Call and message scripts: which template fits a situation, and rendering it for a contact.

Templates are `<lang>/<name>.j2`, the user's folder first, then the built-ins; what they see is
described in `core.script_context`. The file side (listing, user copies) is `core.script_files`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session

from refterm.config import Settings
from refterm.core.script_context import sample_context, script_context
from refterm.core.script_facts import check_facts
from refterm.core.script_files import (
    SCRIPT_TEMPLATES,
    TemplateInfo,
    ensure_user_copy,
    known_scripts,
    list_templates,
    script_name,
    template_language,
)
from refterm.db.asks import asks_of
from refterm.db.contacts import get_contact
from refterm.db.database import Database
from refterm.db.interactions import latest_job_change
from refterm.db.profile import stored_profile
from refterm.db.reference_uses import uses_of
from refterm.db.session import reading
from refterm.errors import InvalidInput, NotFound, TemplateFailed
from refterm.model.i18n import _
from refterm.model.records import (
    AskRecord,
    ContactRecord,
    InteractionRecord,
    ProfileRecord,
    ReferenceUseRecord,
    copy_as,
)
from refterm.model.vocab import AskKind, AskStatus, Language, choices

__all__ = [
    "SCRIPT_TEMPLATES",
    "Script",  # untranslated: a name
    "Suggestion",  # untranslated: a name
    "TemplateInfo",
    "check_template",
    "ensure_user_copy",
    "list_templates",
    "render_script",
    "script_language",
    "suggest_template",
]

# A recommendation asked for on these platforms is asked in writing.
WRITTEN_PLATFORMS = frozenset({"email", "letter"})

_SUBJECT = re.compile(r"(?:Subject|Objet)\s*:\s*(\S.*)")


@dataclass(frozen=True)
class Suggestion:
    """The template that fits a contact's situation, and the ask or reference use it is about."""

    template: str
    ask_id: int | None = None
    use_id: int | None = None


@dataclass(frozen=True)
class Script:
    """A rendered script; `subject` is split out of a first `Subject:`/`Objet :` line."""

    template: str
    language: str
    text: str
    subject: str | None
    contact_id: int
    ask_id: int | None
    use_id: int | None


# With no cadence, someone reached this recently is not greeted with "it's been a while".
RECENT_DAYS = 30
# A job change an import found stays news this long (the review's Changed jobs section).
JOB_NEWS_DAYS = 30


@dataclass(frozen=True)
class _Situation:
    contact: ContactRecord
    asks: tuple[AskRecord, ...]
    uses: tuple[ReferenceUseRecord, ...]
    profile: ProfileRecord
    job_change: InteractionRecord | None = None

    def ask(self, ask_id: int) -> AskRecord:
        for ask in self.asks:
            if ask.id == ask_id:
                return ask
        raise NotFound(
            _("{name} has no ask with id {id}").format(name=self.contact.full_name, id=ask_id)
        )

    def latest_use(self, ask_id: int | None) -> ReferenceUseRecord | None:
        """The ask's newest reference use: a script about the ask must not say none was made."""
        given = [use for use in self.uses if use.ask_id == ask_id]
        return given[-1] if given else None

    def use(self, use_id: int) -> ReferenceUseRecord:
        for use in self.uses:
            if use.id == use_id:
                return use
        raise NotFound(
            _("{name} has no reference use with id {id}").format(
                name=self.contact.full_name, id=use_id
            )
        )


def _load(database: Database, contact_id: int, today: date) -> _Situation:
    with reading(database) as session:
        contact = get_contact(session, contact_id)
        if contact is None:
            raise NotFound(_("no contact has id {id}").format(id=contact_id))
        asks = asks_of(session, contact_id, newest_first=False)
        uses = uses_of(session, [ask.id for ask in asks], newest_first=False)
        return _Situation(
            copy_as(ContactRecord, contact),
            tuple(copy_as(AskRecord, ask) for ask in asks),
            tuple(copy_as(ReferenceUseRecord, use) for use in uses),
            copy_as(ProfileRecord, stored_profile(session)),
            _job_news(session, contact_id, today),
        )


def _job_news(session: Session, contact_id: int, today: date) -> InteractionRecord | None:
    """The latest job change an import found for the contact that is still news."""
    since = today - timedelta(days=JOB_NEWS_DAYS)
    note = latest_job_change(session, contact_id, since, today)
    return copy_as(InteractionRecord, note) if note is not None else None


# Which template fits


def _call_for(ask: AskRecord) -> str:
    if ask.kind == AskKind.REFERENCE:
        return "call_reference"
    return "email_recommendation" if ask.platform in WRITTEN_PLATFORMS else "call_recommendation"


def _for_ask(ask: AskRecord, uses: tuple[ReferenceUseRecord, ...]) -> Suggestion:
    """The template that fits one ask's state."""
    waiting = [use for use in uses if use.ask_id == ask.id and use.briefed_on is None]
    if waiting:
        return Suggestion("brief_reference", ask.id, waiting[0].id)
    if ask.status in (AskStatus.PLANNED, AskStatus.ASKED):
        return Suggestion(_call_for(ask), ask.id)
    if ask.status == AskStatus.AGREED and ask.kind == AskKind.RECOMMENDATION:
        return Suggestion("follow_up", ask.id)
    if ask.status == AskStatus.RECEIVED and ask.thanked_on is None:
        return Suggestion("thank_you", ask.id)
    if ask.status == AskStatus.AGREED and ask.thanked_on is None:
        return Suggestion("thank_you", ask.id)  # they agreed to be a reference: say thank you
    return Suggestion("keep_in_touch", ask.id)


def _urgency(ask: AskRecord, suggestion: Suggestion, today: date) -> int | None:
    """Lower is more pressing; None when the ask calls for nothing in particular."""
    if suggestion.template == "brief_reference":
        return 0  # a recruiter may call them at any moment
    if suggestion.template == "thank_you":
        return 1
    if suggestion.template == "keep_in_touch":
        return None
    if ask.follow_up_on is not None and ask.follow_up_on <= today:
        return 2
    if ask.status == AskStatus.PLANNED:
        return 3
    return 4 if ask.status == AskStatus.AGREED else 5


def _reached_lately(situation: _Situation, today: date, settings: Settings) -> bool:
    """Whether the last contact falls within the contact's cadence (else the last 30 days)."""
    contact = situation.contact
    last = contact.last_contacted_on
    if last is None:
        return False
    cadence = contact.keep_in_touch_days or settings.cadence_for(contact.relationship)
    return (today - last).days < (cadence or RECENT_DAYS)


def _nothing_pending(situation: _Situation, today: date, settings: Settings) -> Suggestion:
    """Keep in touch only when it has been a while; else ask for what they have not given yet."""
    if not _reached_lately(situation, today, settings):
        return Suggestion("keep_in_touch")
    asked_kinds = {ask.kind for ask in situation.asks}
    if AskKind.RECOMMENDATION not in asked_kinds:
        return Suggestion("call_recommendation")
    if AskKind.REFERENCE not in asked_kinds:
        return Suggestion("call_reference")
    latest = max(situation.asks, key=lambda ask: ask.id or 0)
    return Suggestion("thank_you", latest.id)


def _suggest(
    situation: _Situation,
    today: date,
    ask_id: int | None,
    use_id: int | None,
    settings: Settings,
) -> Suggestion:
    if use_id is not None:
        use = situation.use(use_id)
        return Suggestion("brief_reference", use.ask_id, use.id)
    if ask_id is not None:
        suggestion = _for_ask(situation.ask(ask_id), situation.uses)
        if suggestion.template == "keep_in_touch" and _reached_lately(situation, today, settings):
            return replace(_nothing_pending(situation, today, settings), ask_id=ask_id)
        return suggestion
    ranked: list[tuple[int, date, int, Suggestion]] = []
    for ask in situation.asks:
        suggestion = _for_ask(ask, situation.uses)
        urgency = _urgency(ask, suggestion, today)
        if urgency is not None:
            ranked.append((urgency, ask.follow_up_on or date.max, ask.id or 0, suggestion))
    if not ranked:
        return _nothing_pending(situation, today, settings)
    return min(ranked, key=lambda entry: entry[:3])[3]


def suggest_template(
    database: Database,
    contact_id: int,
    today: date,
    ask_id: int | None = None,
    use_id: int | None = None,
    settings: Settings | None = None,
) -> Suggestion:
    """The script that fits: for the given use or ask, else for the contact's most pressing ask.

    Planned or asked reference -> call_reference; recommendation -> call_recommendation
    (email_recommendation when asked by email or letter); agreed recommendation -> follow_up;
    received (or an agreed reference) not thanked -> thank_you; a reference use not yet briefed
    -> brief_reference; nothing pending -> keep_in_touch, unless they were reached within
    their cadence: then the ask they have not been made yet, else thank_you. A template chosen
    by hand is checked by `core.script_facts.check_facts`, so that no script states what did
    not happen.
    """
    return _suggest(
        _load(database, contact_id, today), today, ask_id, use_id, settings or Settings()
    )


# What a template chosen by hand is about

_FITTING: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "call_reference": (AskKind.REFERENCE, (AskStatus.ASKED, AskStatus.PLANNED)),
    "call_recommendation": (AskKind.RECOMMENDATION, (AskStatus.ASKED, AskStatus.PLANNED)),
    "email_recommendation": (AskKind.RECOMMENDATION, (AskStatus.ASKED, AskStatus.PLANNED)),
    "follow_up": (AskKind.RECOMMENDATION, (AskStatus.AGREED, AskStatus.ASKED)),
    "thank_you": (None, (AskStatus.RECEIVED, AskStatus.AGREED)),
    "brief_reference": (AskKind.REFERENCE, (AskStatus.AGREED,)),
}


def _fitting_ask(situation: _Situation, template: str) -> AskRecord | None:
    """The contact's ask a hand-picked template is most likely about (the newest wins ties)."""
    kind, statuses = _FITTING.get(template, (None, ()))
    candidates = [
        ask
        for ask in situation.asks
        if ask.status in statuses and (kind is None or ask.kind == kind)
    ]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda ask: (statuses.index(ask.status), ask.thanked_on is not None, -(ask.id or 0)),
    )


def _briefing_use(uses: list[ReferenceUseRecord]) -> ReferenceUseRecord | None:
    """The oldest use still to brief, else the latest one."""
    waiting = [use for use in uses if use.briefed_on is None]
    return waiting[0] if waiting else (uses[-1] if uses else None)


def _choose(
    situation: _Situation,
    today: date,
    template: str | None,
    ask_id: int | None,
    use_id: int | None,
    settings: Settings,
) -> tuple[str, AskRecord | None, ReferenceUseRecord | None]:
    """The template and the ask and use it is rendered with."""
    suggestion = _suggest(situation, today, ask_id, use_id, settings)
    if template is None or template == suggestion.template:
        ask = situation.ask(suggestion.ask_id) if suggestion.ask_id is not None else None
        use = situation.use(suggestion.use_id) if suggestion.use_id is not None else None
        return suggestion.template, ask, use
    if use_id is not None:
        use = situation.use(use_id)
        return template, situation.ask(use.ask_id), use
    if template == "brief_reference":
        use = _briefing_use(list(situation.uses))
        if ask_id is not None:
            use = _briefing_use([each for each in situation.uses if each.ask_id == ask_id])
        if use is not None:
            return template, situation.ask(use.ask_id), use
    if ask_id is not None:
        return template, situation.ask(ask_id), None
    if template == "keep_in_touch":
        return template, None, None
    return template, _fitting_ask(situation, template), None


def job_change_fact(note: InteractionRecord) -> dict[str, Any]:
    """What a script may say of a recent job change (the new role itself is in `contact`)."""
    return {"changed_on": note.occurred_on, "summary": note.summary or ""}


# Language and rendering


def script_language(
    contact_language: str | None,
    profile_language: str | None,
    settings: Settings,
    override: str | None = None,
) -> str:
    """`--lang`, else the contact's language, else the profile's, else the configured one."""
    known = choices(Language)
    if override is not None:
        wanted = override.strip().lower()
        if wanted not in known:
            raise InvalidInput(
                _("language must be one of {known}; got {value}").format(
                    known=", ".join(known), value=repr(override)
                )
            )
        return wanted
    for candidate in (contact_language, profile_language, settings.language):
        if candidate in known:
            return str(candidate)
    return Language.EN.value


def _tidy(text: str) -> str:
    """Trailing spaces and surrounding blank lines dropped; nothing inside is rewritten."""
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def _subject(text: str) -> str | None:
    match = _SUBJECT.fullmatch(text.split("\n", 1)[0].strip())
    return match.group(1).strip() if match else None


def _render(name: str, language: str, context: dict[str, Any], user_dir: Path | None) -> str:
    from refterm.core.templating import find_template, render
    from refterm.model.text import french_typography

    path = f"{language}/{name}.j2"
    if find_template(path, user_dir) is None:
        raise NotFound(
            _("no script template {name} in {language} (known: {known})").format(
                name=repr(name), language=repr(language), known=known_scripts(user_dir)
            )
        )
    text = render(path, context, user_dir)
    if language == "fr":
        text = french_typography(text)
    text = _tidy(text)
    if not text.strip():
        raise TemplateFailed(_("{path}: the template produced no text").format(path=path))
    return text


def render_script(
    database: Database,
    settings: Settings,
    today: date,
    contact_id: int,
    template: str | None = None,
    language: str | None = None,
    ask_id: int | None = None,
    use_id: int | None = None,
    user_dir: Path | None = None,
    voicemail: bool = False,
) -> Script:
    """Render a script for a contact; `template` None means the suggested one.

    `user_dir` is the folder of the user's own templates (`paths.user_templates_dir()`);
    None means the built-ins only. `voicemail` asks for the answering-machine version of a
    call script. Raises NotFound, InvalidInput, ScriptRefused (its facts do not hold: the
    message names what is missing) or TemplateFailed.
    """
    situation = _load(database, contact_id, today)
    wanted = script_name(template) if template is not None else None
    name, ask, use = _choose(situation, today, wanted, ask_id, use_id, settings)
    if use is None and ask is not None:
        use = situation.latest_use(ask.id)
    contact, profile = situation.contact, situation.profile
    check_facts(name, contact, ask, use, profile, voicemail)
    lang = script_language(contact.language, profile.language, settings, language)
    news = job_change_fact(situation.job_change) if situation.job_change is not None else None
    context = script_context(contact, ask, use, profile, lang, today, voicemail, news)
    text = _render(name, lang, context, user_dir)
    return Script(
        template=name,
        language=lang,
        text=text,
        subject=_subject(text),
        contact_id=contact_id,
        ask_id=ask.id if ask is not None else None,
        use_id=use.id if use is not None else None,
    )


def check_template(template: str, language: str, user_dir: Path | None, today: date) -> str:
    """Render a script template on a made-up situation; TemplateFailed says what is wrong."""
    name, lang = script_name(template), template_language(language)
    text = _render(name, lang, sample_context(lang, today), user_dir)
    if name in ("call_reference", "call_recommendation"):
        _render(name, lang, sample_context(lang, today, voicemail=True), user_dir)
    return text
