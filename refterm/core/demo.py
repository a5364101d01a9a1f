"""Demo data: a believable French/English network with something in every agenda section."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Engine

from refterm.clock import noon_of
from refterm.core.text import fold
from refterm.db import bulk
from refterm.db import contacts as repo
from refterm.db.models import Ask, Contact, Interaction, Profile, ReferenceUse
from refterm.db.session import writing
from refterm.errors import InvalidInput


@dataclass(frozen=True)
class DemoPerson:
    name: str
    company: str
    title: str
    relationship: str
    language: str
    how_we_met: str
    email: str | None = None
    phone: str | None = None
    cadence: int | None = None
    tags: tuple[str, ...] = ()
    last_contact_days: int | None = None
    created_days: int = 400


PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        "Yasmine Benali",
        "OCP Group",
        "Head of Data",
        "manager",
        "fr",
        "My manager at OCP from 2019 to 2022",
        "yasmine.benali@example.ma",
        "+212 6 61 23 45 67",
        60,
        ("casablanca", "data"),
        75,
    ),
    DemoPerson(
        "Mehdi El Amrani",
        "Attijariwafa Bank",
        "Lead Engineer",
        "colleague",
        "fr",
        "Same squad on the payments platform",
        "mehdi.elamrani@example.ma",
        "+212 6 62 98 76 54",
        None,
        ("casablanca",),
        20,
    ),
    DemoPerson(
        "Claire Dubois",
        "Capgemini",
        "Engagement Manager",
        "client",
        "fr",
        "Client sponsor of the Renault data-lake project",
        "claire.dubois@example.fr",
        "+33 6 12 34 56 78",
        90,
        ("paris", "consulting"),
        130,
    ),
    DemoPerson(
        "Thomas Lefèvre",
        "BNP Paribas",
        "VP Engineering",
        "manager",
        "fr",
        "Hired me in 2016; my first manager",
        "thomas.lefevre@example.fr",
        "+33 6 23 45 67 89",
        90,
        ("paris",),
        40,
    ),
    DemoPerson(
        "Sarah Mitchell",
        "Datadog",
        "Staff Engineer",
        "mentor",
        "en",
        "Mentor through the Women in Tech programme",
        "sarah.mitchell@example.com",
        "+1 212 555 0143",
        45,
        ("mentor", "remote"),
        60,
    ),
    DemoPerson(
        "Karim Ouazzani",
        "Inwi",
        "CTO",
        "partner",
        "fr",
        "Partner on the 5G analytics pilot",
        "k.ouazzani@example.ma",
        None,
        120,
        ("telecom",),
        10,
    ),
    DemoPerson(
        "Émilie Rousseau",
        "Doctolib",
        "Product Director",
        "colleague",
        "fr",
        "Worked together on the booking redesign",
        "emilie.rousseau@example.fr",
        "+33 7 81 22 33 44",
        None,
        ("paris", "product"),
        15,
    ),
    DemoPerson(
        "James O'Connor",
        "Stripe",
        "Engineering Manager",
        "manager",
        "en",
        "My manager during the Dublin secondment",
        "james.oconnor@example.ie",
        "+353 87 123 4567",
        90,
        ("dublin",),
        200,
    ),
    DemoPerson(
        "Nadia Haddad",
        "Orange Business",
        "Solutions Architect",
        "colleague",
        "fr",
        "Pair-programmed the billing migration",
        "nadia.haddad@example.fr",
        None,
        None,
        ("lyon",),
        35,
    ),
    DemoPerson(
        "Lucas Martin",
        "Ubisoft",
        "Tech Lead",
        "classmate",
        "fr",
        "Classmates at INSA Lyon",
        "lucas.martin@example.fr",
        "+33 6 45 67 89 01",
        180,
        ("insa",),
        250,
    ),
    DemoPerson(
        "Priya Raman",
        "Spotify",
        "Data Scientist",
        "direct_report",
        "en",
        "Joined my team as a graduate in 2021",
        "priya.raman@example.se",
        None,
        None,
        ("stockholm", "data"),
        30,
    ),
    DemoPerson(
        "Omar Tazi",
        "Maroc Telecom",
        "Directeur SI",
        "client",
        "fr",
        "Client for the CRM overhaul",
        "omar.tazi@example.ma",
        "+212 5 22 12 34 56",
        90,
        ("rabat",),
        95,
    ),
    DemoPerson(
        "Sophie Laurent",
        "L'Oréal",
        "HR Business Partner",
        "friend",
        "fr",
        "Friend from the Lyon running club",
        None,
        "+33 6 98 76 54 32",
        None,
        (),
        12,
    ),
    DemoPerson(
        "David Cohen",
        "Criteo",
        "Principal Engineer",
        "colleague",
        "en",
        "Shared the on-call rota for two years",
        "david.cohen@example.com",
        None,
        None,
        ("paris",),
        50,
    ),
    DemoPerson(
        "Fatima Zahra Alaoui",
        "Université Mohammed V",
        "Professeure",
        "mentor",
        "fr",
        "Supervised my master's thesis",
        "fz.alaoui@example.ma",
        None,
        120,
        ("rabat", "academia"),
        160,
    ),
    DemoPerson(
        "Hannah Schmidt",
        "SAP",
        "Program Manager",
        "partner",
        "en",
        "Partner PM on the ERP integration",
        "hannah.schmidt@example.de",
        None,
        None,
        ("berlin",),
        80,
    ),
    DemoPerson(
        "Antoine Girard",
        "Société Générale",
        "Risk Analyst",
        "colleague",
        "fr",
        "Same floor at La Défense",
        None,
        None,
        None,
        (),
        None,
        30,
    ),
    DemoPerson(
        "Youssef Bennani",
        "Capgemini",
        "Senior Consultant",
        "colleague",
        "fr",
        "Mission at Renault together",
        "youssef.bennani@example.fr",
        None,
        90,
        ("consulting",),
        None,
        200,
    ),
)

# (person index, kind, platform, purpose, status, asked days ago, extras)
ASKS: tuple[tuple[int, str, str, str, str, int | None, dict[str, int]], ...] = (
    (0, "reference", "phone", "Head of Data roles", "agreed", 40, {"agreed": 38}),
    (
        0,
        "recommendation",
        "linkedin",
        "LinkedIn profile",
        "received",
        90,
        {"agreed": 85, "received": 70},
    ),
    (1, "recommendation", "linkedin", "Lead Engineer applications", "asked", 12, {"follow_up": 2}),
    (2, "reference", "phone", "Consulting manager roles", "asked", 9, {"follow_up": 0}),
    (
        3,
        "recommendation",
        "letter",
        "Application to Société Générale",
        "agreed",
        25,
        {"agreed": 21},
    ),
    (
        4,
        "recommendation",
        "linkedin",
        "Staff engineer applications",
        "agreed",
        18,
        {"agreed": 15, "follow_up": 1},
    ),
    (5, "reference", "phone", "CTO-office roles", "planned", None, {}),
    (6, "recommendation", "viadeo", "Product roles", "received", 30, {"agreed": 28, "received": 6}),
    (7, "reference", "email", "Dublin roles", "agreed", 60, {"agreed": 55}),
    (8, "recommendation", "linkedin", "Architecture roles", "declined", 40, {}),
    (9, "recommendation", "exekutive", "Exekutive profile", "asked", 20, {"follow_up": 6}),
    (
        10,
        "recommendation",
        "linkedin",
        "Management roles",
        "received",
        50,
        {"agreed": 45, "received": 40, "thanked": 38},
    ),
    (11, "reference", "phone", "Directeur SI roles", "planned", None, {}),
    (13, "recommendation", "linkedin", "Principal roles", "withdrawn", 100, {}),
    (15, "reference", "email", "Program roles in Germany", "agreed", 35, {"agreed": 33}),
)

# (ask index in ASKS, company, role, shared days ago, briefed days ago or None)
USES: tuple[tuple[int, str, str, int, int | None], ...] = (
    (0, "Decathlon Digital", "Head of Data", 3, None),
    (7, "Intercom", "Engineering Manager", 10, 9),
    (14, "Zalando", "Program Manager", 2, None),
)

CALL_OUTCOMES = ("reached", "voicemail", "no_answer", "reached", "call_back")


def _day(today: date, days_ago: int | None) -> date | None:
    return None if days_ago is None else today - timedelta(days=days_ago)


def load_demo(engine: Engine, today: date) -> str:
    """Add the demo network for `today`; refuses a database that already holds contacts."""
    with writing(engine) as session:
        if repo.any_contacts(session):
            raise InvalidInput(
                "this database already holds contacts; load the demo into a new file "
                "(refterm --db demo.db demo)"
            )
        stamp = noon_of(today)
        session.add(
            Profile(
                name="Amine Kettani",
                headline="Data engineering lead — platforms, payments, analytics",
                email="amine.kettani@example.com",
                phone="+33612345670",
                city="Paris",
                target_roles="Head of Data, Engineering Manager",
                language="fr",
            )
        )
        contacts: list[Contact] = []
        for person in PEOPLE:
            created = noon_of(today - timedelta(days=person.created_days))
            contact = Contact(
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
                session.add(
                    Interaction(
                        contact_id=contact.id or 0,
                        occurred_on=_day(today, person.last_contact_days) or today,
                        channel="call" if person.last_contact_days % 2 else "meeting",
                        outcome="reached",
                        summary="Caught up on news",
                        created_at=stamp,
                    )
                )
        asks = [_demo_ask(contacts, spec, today, stamp) for spec in ASKS]
        for ask in asks:
            session.add(ask)
        session.flush()
        for position, ask in enumerate(asks):
            if ask.asked_on is not None and ask.status != "planned":
                session.add(
                    Interaction(
                        contact_id=ask.contact_id,
                        ask_id=ask.id,
                        occurred_on=ask.asked_on,
                        channel="call" if ask.kind == "reference" else "email",
                        outcome=CALL_OUTCOMES[position % len(CALL_OUTCOMES)],
                        summary=f"Asked for a {ask.kind}",
                        created_at=stamp,
                    )
                )
        for ask_index, company, role, shared, briefed in USES:
            session.add(
                ReferenceUse(
                    ask_id=asks[ask_index].id or 0,
                    company=company,
                    role=role,
                    shared_on=_day(today, shared) or today,
                    briefed_on=_day(today, briefed),
                    created_at=stamp,
                )
            )
    return f"demo data loaded: {len(PEOPLE)} contacts, {len(ASKS)} asks, {len(USES)} reference uses"


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
        talking_points=(
            "Led the migration of the payments platform to the cloud\n"
            "Grew the data team from 3 to 12 people"
            if kind == "recommendation"
            else None
        ),
        status=status,
        asked_on=_day(today, asked),
        times_asked=times,
        follow_up_on=_day(today, extra.get("follow_up")),
        agreed_on=_day(today, extra.get("agreed")),
        received_on=_day(today, extra.get("received")),
        thanked_on=_day(today, extra.get("thanked")),
        recommendation_text=(
            "I had the pleasure of working with Amine for three years. He combines rare "
            "technical depth with a real care for the people around him."
            if status == "received"
            else None
        ),
        created_at=stamp,
        updated_at=stamp,
    )


FIRST_NAMES = (
    "Adam",
    "Inès",
    "Youssef",
    "Camille",
    "Hugo",
    "Salma",
    "Léa",
    "Omar",
    "Chloé",
    "Rayan",
    "Emma",
    "Nour",
    "Louis",
    "Aya",
    "Gabriel",
    "Zineb",
    "Jules",
    "Imane",
    "Arthur",
    "Sofia",
    "Olivia",
    "Liam",
    "Mia",
    "Noah",
    "Hamza",
    "Manon",
    "Ethan",
    "Kenza",
    "Raphaël",
    "Lina",
)
LAST_NAMES = (
    "Martin",
    "Bernard",
    "El Idrissi",
    "Dubois",
    "Benjelloun",
    "Moreau",
    "Chraibi",
    "Laurent",
    "Smith",
    "Garcia",
    "Lambert",
    "Tahiri",
    "Fontaine",
    "Rossi",
    "Berrada",
    "Müller",
    "Fournier",
    "Amrani",
    "Johnson",
    "Mercier",
    "Lahlou",
    "Roux",
    "Nguyen",
    "Fassi",
)
COMPANIES = (
    "Capgemini",
    "OCP Group",
    "BNP Paribas",
    "Orange",
    "Datadog",
    "Doctolib",
    "Inwi",
    "SAP",
    "Criteo",
    "Ubisoft",
    "Stripe",
    "Renault",
    "Société Générale",
    "Maroc Telecom",
    "Thales",
    "Airbus",
    "Decathlon",
    "Atos",
    "Sopra Steria",
    "CDG Invest",
)
TITLES = (
    "Engineer",
    "Senior Engineer",
    "Product Manager",
    "Data Scientist",
    "Consultant",
    "Engineering Manager",
    "Architect",
    "Analyst",
    "Director",
    "Recruiter",
)
RELATIONSHIPS = ("colleague", "manager", "client", "partner", "classmate", "friend", "other")


def add_synthetic_contacts(engine: Engine, today: date, count: int, seed: int = 7) -> int:
    """Add `count` generated contacts with some asks and interactions, in bulk, one transaction."""
    generator = random.Random(seed)
    stamp = noon_of(today).isoformat(sep=" ")
    contact_rows: list[tuple[object, ...]] = []
    ask_rows: list[tuple[object, ...]] = []
    interaction_rows: list[tuple[object, ...]] = []
    with writing(engine) as session:
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
                    f"{fold(first)}.{number}@example.com",
                    None,
                    None,
                    generator.choice(("fr", "en")),
                    generator.choice((None, None, 90, 180)),
                    None,
                    last.isoformat() if has_last else None,
                    stamp,
                    stamp,
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
                        "Next role",
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
