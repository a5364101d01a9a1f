"""Demo data: a believable French/English network with something in every agenda section."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlmodel import Session

from refterm.clock import noon_of
from refterm.core.demo_data import (
    ADDRESSING,
    ASKS,
    COMPANIES,
    DEMO_CATCH_UP,
    DEMO_PROFILE,
    DEMO_PURPOSE,
    DEMO_RECOMMENDATION,
    DEMO_TALKING_POINTS,
    FIRST_NAMES,
    GIVEN,
    JOB_CHANGES,
    LAST_NAMES,
    PEOPLE,
    RELATIONSHIPS,
    TITLES,
    USES,
)
from refterm.core.history_words import channel_for, job_change_summary, move_summary
from refterm.db import bulk
from refterm.db import contacts as repo
from refterm.db.asks import insert_ask
from refterm.db.database import Database
from refterm.db.history import record_interaction
from refterm.db.interactions import insert_interaction
from refterm.db.models import Ask, Contact, Interaction, RecommendationGiven, ReferenceUse
from refterm.db.profile import update_profile
from refterm.db.reference_uses import insert_use
from refterm.db.session import writing
from refterm.errors import InvalidInput
from refterm.model.i18n import _, language
from refterm.model.text import fold


def _day(today: date, days_ago: int | None) -> date | None:
    return None if days_ago is None else today - timedelta(days=days_ago)


def load_demo(database: Database, today: date) -> str:
    """Add the demo network for `today`; refuses a database that already holds contacts."""
    with writing(database, journal=False) as session:
        if repo.any_contacts(session):
            raise InvalidInput(
                _(
                    "this database already holds contacts; load the demo into a new file "
                    "(refterm --db demo.db demo)"
                )
            )
        stamp = noon_of(today)
        update_profile(
            session,
            dict(DEMO_PROFILE),
        )
        contacts: list[Contact] = []
        for person in PEOPLE:
            created = noon_of(today - timedelta(days=person.created_days))
            civility, known_since = ADDRESSING.get(person.name, ("none", None))
            contact = Contact(
                civility=civility,
                known_since=known_since,
                full_name=person.name,
                company=person.company,
                title=person.title,
                relationship=person.relationship,
                how_we_met=person.how_we_met,
                email=person.email,
                phone=_e164(person.phone),
                language=person.language,
                keep_in_touch_days=person.cadence,
                last_contacted_on=_day(today, person.last_contact_days),
                created_at=created,
                updated_at=created,
            )
            repo.insert_contact(session, contact, person.tags)
            contacts.append(contact)
            if person.last_contact_days is not None:
                insert_interaction(
                    session,
                    Interaction(
                        contact_id=contact.id or 0,
                        occurred_on=_day(today, person.last_contact_days) or today,
                        channel="call" if person.last_contact_days % 2 else "meeting",
                        outcome="reached",
                        summary=DEMO_CATCH_UP,
                        created_at=stamp,
                    ),
                )
        asks = [_demo_ask(contacts, spec, today, stamp) for spec in ASKS]
        for ask in asks:
            insert_ask(session, ask)
        uses = []
        for ask_index, company, role, shared, briefed in USES:
            use = ReferenceUse(
                ask_id=asks[ask_index].id or 0,
                company=company,
                role=role,
                shared_on=_day(today, shared) or today,
                briefed_on=_day(today, briefed),
                created_at=stamp,
            )
            uses.append(insert_use(session, use))
        # Every ask move left its trace in the history, as it does when made in refterm.
        by_id = {contact.id: contact for contact in contacts}
        for ask in asks:
            contact = by_id[ask.contact_id]
            for move, on in (
                ("asked", ask.asked_on),
                ("agreed", ask.agreed_on),
                ("received", ask.received_on),
                ("thanked", ask.thanked_on),
            ):
                if on is not None and ask.status != "planned":
                    _history(session, contact, ask, move, on, stamp)
        for use in uses:
            if use.briefed_on is not None:
                ask = next(each for each in asks if each.id == use.ask_id)
                contact = by_id[ask.contact_id]
                _history(session, contact, ask, "briefed", use.briefed_on, stamp, use.company)
        for person_index, days_ago, platform, text in GIVEN:
            session.add(
                RecommendationGiven(
                    contact_id=contacts[person_index].id or 0,
                    platform=platform,
                    given_on=_day(today, days_ago),
                    text=text,
                    created_at=stamp,
                )
            )
        # The history refterm itself writes is in the language of whoever loads the demo, as an
        # import writes it in theirs; the people, notes and purposes are the demo's own data.
        for person_index, company, title, days_ago in JOB_CHANGES:
            contact = contacts[person_index]
            before, after = (company, title), (contact.company, contact.title)
            record_interaction(
                session,
                contact,
                _day(today, days_ago) or today,
                "other",
                job_change_summary(before, after, language()),
                stamp,
                outcome="job_change",
            )
    return _("demo data loaded: {contacts} contacts, {asks} asks, {uses} reference uses").format(
        contacts=len(PEOPLE), asks=len(ASKS), uses=len(USES)
    )


def _history(
    session: Session,
    contact: Contact,
    ask: Ask,
    move: str,
    on: date,
    stamp: datetime,
    company: str = "",
) -> None:
    summary = move_summary(move, ask.kind, language(), company)
    channel = channel_for(ask.platform)
    outcome = "agreed" if move == "agreed" else None
    record_interaction(session, contact, on, channel, summary, stamp, outcome, ask.id)


def _e164(phone: str | None) -> str | None:
    return "+" + "".join(ch for ch in phone if ch.isdigit()) if phone else None


def _demo_ask(
    contacts: list[Contact],
    spec: tuple[int, str, str, str, str, int | None, dict[str, int]],
    today: date,
    stamp: datetime,
) -> Ask:
    person, kind, platform, purpose, status, asked, extra = spec
    times = 0 if asked is None else (2 if status == "asked" and asked > 15 else 1)
    return Ask(
        contact_id=contacts[person].id or 0,
        kind=kind,
        platform=platform,
        purpose=purpose,
        talking_points=DEMO_TALKING_POINTS if kind == "recommendation" else None,
        status=status,
        asked_on=_day(today, asked),
        times_asked=times,
        follow_up_on=_day(today, extra.get("follow_up")),
        agreed_on=_day(today, extra.get("agreed")),
        received_on=_day(today, extra.get("received")),
        thanked_on=_day(today, extra.get("thanked")),
        recommendation_text=DEMO_RECOMMENDATION if status == "received" else None,
        created_at=noon_of(today - timedelta(days=extra.get("planned", 0))),
        updated_at=stamp,
    )


def add_synthetic_contacts(database: Database, today: date, count: int, seed: int = 7) -> int:
    """Add `count` generated contacts with some asks and interactions, in bulk, one transaction."""
    generator = random.Random(seed)
    stamp = noon_of(today).isoformat(sep=" ")
    contact_rows: list[tuple[object, ...]] = []
    ask_rows: list[tuple[object, ...]] = []
    interaction_rows: list[tuple[object, ...]] = []
    with writing(database, journal=False) as session:
        contact_id = bulk.next_id(session, "contact")
        ask_id = bulk.next_id(session, "ask")
        for number in range(count):
            first = generator.choice(FIRST_NAMES)
            name = f"{first} {generator.choice(LAST_NAMES)} {number:06d}"
            company = generator.choice(COMPANIES)
            title = generator.choice(TITLES)
            last = today - timedelta(days=generator.randint(1, 400))
            has_last = generator.random() < 0.6
            contact_rows.append(
                (
                    contact_id,
                    name,
                    fold(name),
                    fold(f"{name} {company} {title}"),
                    company,
                    title,
                    generator.choice(RELATIONSHIPS),
                    None,
                    f"{fold(first)}.{number}@example.com",  # untranslated: an address
                    None,
                    None,
                    generator.choice(("fr", "en")),
                    generator.choice((None, None, 90, 180)),
                    None,  # notes
                    None,  # known_since: never invented
                    None,  # connected_on
                    None,  # greeting_name
                    "auto",  # formality
                    "none",  # civility
                    last.isoformat() if has_last else None,
                    stamp,
                    stamp,
                    None,  # archived_at
                )
            )
            if has_last:
                interaction_rows.append(
                    (contact_id, None, last.isoformat(), "call", "reached", stamp)
                )
            if generator.random() < 0.1:
                status = generator.choice(("planned", "asked", "agreed", "received"))
                asked = today - timedelta(days=generator.randint(5, 60))
                ask_rows.append(
                    (
                        ask_id,
                        contact_id,
                        generator.choice(("reference", "recommendation"))
                        if status != "received"
                        else "recommendation",
                        "linkedin",
                        DEMO_PURPOSE,
                        status,
                        None if status == "planned" else asked.isoformat(),
                        0 if status == "planned" else 1,
                        (asked + timedelta(days=7)).isoformat() if status == "asked" else None,
                        (asked + timedelta(days=2)).isoformat()
                        if status in ("agreed", "received")
                        else None,
                        (asked + timedelta(days=4)).isoformat() if status == "received" else None,
                        stamp,
                        stamp,
                    )
                )
                ask_id += 1
            contact_id += 1
        bulk.insert_rows(session, "contact", bulk.CONTACT_COLUMNS, contact_rows)
        bulk.insert_rows(session, "ask", bulk.ASK_COLUMNS, ask_rows)
        bulk.insert_rows(session, "interaction", bulk.INTERACTION_COLUMNS, interaction_rows)
    return count
