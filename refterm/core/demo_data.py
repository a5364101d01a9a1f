"""The demo network: people, asks and reference uses, relative to an injected today."""

from __future__ import annotations

from dataclasses import dataclass


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


# The demo user's profile, and the words of the demo's own history (English, like its people).
DEMO_PROFILE = {
    "name": "Amine Kettani",
    "headline": "Data engineering lead — platforms, payments, analytics",
    "email": "amine.kettani@example.com",
    "phone": "+33612345670",
    "city": "Paris",
    "target_roles": "Head of Data, Engineering Manager",
    "language": "fr",
    "search_status": "open",
}
DEMO_CATCH_UP = "Caught up on news"
DEMO_TALKING_POINTS = (
    "Led the migration of the payments platform to the cloud\n"
    "Grew the data team from 3 to 12 people"
)
DEMO_RECOMMENDATION = (
    "I had the pleasure of working with Amine for three years. He combines rare "
    "technical depth with a real care for the people around him."
)
DEMO_PURPOSE = "Next role"

# fmt: off
PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("Yasmine Benali", "OCP Group", "Head of Data", "manager", "fr",
               "My manager at OCP from 2019 to 2022",
               "yasmine.benali@example.ma", "+212 6 61 23 45 67",
               60, ("casablanca", "data"), 75, 400),
    DemoPerson("Mehdi El Amrani", "Attijariwafa Bank", "Lead Engineer", "colleague", "fr",
               "Same squad on the payments platform",
               "mehdi.elamrani@example.ma", "+212 6 62 98 76 54", None, ("casablanca",), 20, 400),
    DemoPerson("Claire Dubois", "Capgemini", "Engagement Manager", "client", "fr",
               "Client sponsor of the Renault data-lake project",
               "claire.dubois@example.fr", "+33 6 12 34 56 78",
               90, ("paris", "consulting"), 130, 400),
    DemoPerson("Thomas Lefèvre", "BNP Paribas", "VP Engineering", "manager", "fr",
               "Hired me in 2016; my first manager",
               "thomas.lefevre@example.fr", "+33 6 23 45 67 89", 90, ("paris",), 40, 400),
    DemoPerson("Sarah Mitchell", "Datadog", "Staff Engineer", "mentor", "en",
               "Mentor through the Women in Tech programme",
               "sarah.mitchell@example.com", "+1 212 555 0143", 45, ("mentor", "remote"), 60, 400),
    DemoPerson("Karim Ouazzani", "Inwi", "CTO", "partner", "fr",
               "Partner on the 5G analytics pilot",
               "k.ouazzani@example.ma", None, 120, ("telecom",), 10, 400),
    DemoPerson("Émilie Rousseau", "Doctolib", "Product Director", "colleague", "fr",
               "Worked together on the booking redesign",
               "emilie.rousseau@example.fr", "+33 7 81 22 33 44",
               None, ("paris", "product"), 15, 400),
    DemoPerson("James O'Connor", "Stripe", "Engineering Manager", "manager", "en",
               "My manager during the Dublin secondment",
               "james.oconnor@example.ie", "+353 87 123 4567", 90, ("dublin",), 200, 400),
    DemoPerson("Nadia Haddad", "Orange Business", "Solutions Architect", "colleague", "fr",
               "Pair-programmed the billing migration",
               "nadia.haddad@example.fr", None, None, ("lyon",), 35, 400),
    DemoPerson("Lucas Martin", "Ubisoft", "Tech Lead", "classmate", "fr",
               "Classmates at INSA Lyon",
               "lucas.martin@example.fr", "+33 6 45 67 89 01", 180, ("insa",), 250, 400),
    DemoPerson("Priya Raman", "Spotify", "Data Scientist", "direct_report", "en",
               "Joined my team as a graduate in 2021",
               "priya.raman@example.se", None, None, ("stockholm", "data"), 30, 400),
    DemoPerson("Omar Tazi", "Maroc Telecom", "Directeur SI", "client", "fr",
               "Client for the CRM overhaul",
               "omar.tazi@example.ma", "+212 5 22 12 34 56", 90, ("rabat",), 95, 400),
    DemoPerson("Sophie Laurent", "L'Oréal", "HR Business Partner", "friend", "fr",
               "Friend from the Lyon running club",
               None, "+33 6 98 76 54 32", None, (), 12, 400),
    DemoPerson("David Cohen", "Criteo", "Principal Engineer", "colleague", "en",
               "Shared the on-call rota for two years",
               "david.cohen@example.com", None, None, ("paris",), 50, 400),
    DemoPerson("Fatima Zahra Alaoui", "Université Mohammed V", "Professeure", "mentor", "fr",
               "Supervised my master's thesis",
               "fz.alaoui@example.ma", None, 120, ("rabat", "academia"), 160, 400),
    DemoPerson("Hannah Schmidt", "SAP", "Program Manager", "partner", "en",
               "Partner PM on the ERP integration",
               "hannah.schmidt@example.de", None, None, ("berlin",), 80, 400),
    DemoPerson("Antoine Girard", "Société Générale", "Risk Analyst", "colleague", "fr",
               "Same floor at La Défense",
               None, None, None, (), None, 30),
    DemoPerson("Youssef Bennani", "Capgemini", "Senior Consultant", "colleague", "fr",
               "Mission at Renault together",
               "youssef.bennani@example.fr", None, 90, ("consulting",), None, 200),
)

# How to address each person, and since when the user knows them (None: not entered).
ADDRESSING: dict[str, tuple[str, str | None]] = {
    "Yasmine Benali": ("madame", "2019"), "Mehdi El Amrani": ("monsieur", "2020-09"),
    "Claire Dubois": ("madame", "2021"), "Thomas Lefèvre": ("monsieur", "2016"),
    "Sarah Mitchell": ("madame", "2022-03"), "Karim Ouazzani": ("monsieur", None),
    "Émilie Rousseau": ("madame", "2020"), "James O'Connor": ("monsieur", "2018-06"),
    "Nadia Haddad": ("madame", None), "Lucas Martin": ("monsieur", "2008-09"),
    "Priya Raman": ("madame", "2021-09"), "Omar Tazi": ("monsieur", "2022"),
    "Sophie Laurent": ("madame", "2017"), "David Cohen": ("monsieur", None),
    "Fatima Zahra Alaoui": ("madame", "2012"), "Hannah Schmidt": ("madame", "2023-01"),
}

# (person index, kind, platform, purpose, status, asked days ago,
#  {"agreed" | "received" | "thanked" | "follow_up" | "planned": days ago})
ASKS: tuple[tuple[int, str, str, str, str, int | None, dict[str, int]], ...] = (
    (0, "reference", "phone", "Head of Data roles", "agreed", 40, {"agreed": 38}),
    (0, "recommendation", "linkedin", "LinkedIn profile", "received", 90,
     {"agreed": 85, "received": 70}),
    (1, "recommendation", "linkedin", "Lead Engineer applications", "asked", 12, {"follow_up": 2}),
    (2, "reference", "phone", "Consulting manager roles", "asked", 9, {"follow_up": 0}),
    (3, "recommendation", "letter", "Application to Société Générale", "agreed", 25,
     {"agreed": 21}),
    (4, "recommendation", "linkedin", "Staff engineer applications", "agreed", 18,
     {"agreed": 15, "follow_up": 1}),
    (5, "reference", "phone", "CTO-office roles", "planned", None, {"planned": 5}),
    (6, "recommendation", "viadeo", "Product roles", "received", 30, {"agreed": 28, "received": 6}),
    (7, "reference", "email", "Dublin roles", "agreed", 60, {"agreed": 55}),
    (8, "recommendation", "linkedin", "Architecture roles", "declined", 40, {}),
    (9, "recommendation", "exekutive", "ExeKutive profile", "asked", 20, {"follow_up": 6}),
    (10, "recommendation", "linkedin", "Management roles", "received", 50,
     {"agreed": 45, "received": 40, "thanked": 38}),
    (11, "reference", "phone", "Directeur SI roles", "planned", None, {"planned": 12}),
    (13, "recommendation", "linkedin", "Principal roles", "withdrawn", 100, {}),
    (15, "reference", "email", "Program roles in Germany", "agreed", 35, {"agreed": 33}),
)

# Recommendations the user wrote: (index in PEOPLE, days ago, platform, text).
GIVEN: tuple[tuple[int, int, str, str], ...] = (
    (16, 700, "linkedin",
     "Antoine rebuilt our risk reporting in a quarter and taught half the team SQL on the way."),
)
# (index in ASKS, company, role, shared days ago, briefed days ago or None)
USES: tuple[tuple[int, str, str, int, int | None], ...] = (
    (0, "Decathlon Digital", "Head of Data", 3, None),
    (8, "Intercom", "Engineering Manager", 10, 9),
    (14, "Zalando", "Program Manager", 2, None),
)

# (person index, company before, title before, days ago): a newer export showed a new job.
JOB_CHANGES: tuple[tuple[int, str, str, int], ...] = (
    (12, "Sanofi", "HR Manager", 4),
    (17, "Sopra Steria", "Consultant", 12),
)


# Synthetic contacts for benchmarks (`refterm demo --contacts N`).
FIRST_NAMES = (
    "Adam", "Inès", "Youssef", "Camille", "Hugo", "Salma", "Léa", "Omar", "Chloé", "Rayan", "Emma",
    "Nour", "Louis", "Aya", "Gabriel", "Zineb", "Jules", "Imane", "Arthur", "Sofia", "Olivia",
    "Liam", "Mia", "Noah", "Hamza", "Manon", "Ethan", "Kenza", "Raphaël", "Lina",
)
LAST_NAMES = (
    "Martin", "Bernard", "El Idrissi", "Dubois", "Benjelloun", "Moreau", "Chraibi", "Laurent",
    "Smith", "Garcia", "Lambert", "Tahiri", "Fontaine", "Rossi", "Berrada", "Müller", "Fournier",
    "Amrani", "Johnson", "Mercier", "Lahlou", "Roux", "Nguyen", "Fassi",
)
COMPANIES = (
    "Capgemini", "OCP Group", "BNP Paribas", "Orange", "Datadog", "Doctolib", "Inwi", "SAP",
    "Criteo", "Ubisoft", "Stripe", "Renault", "Société Générale", "Maroc Telecom", "Thales",
    "Airbus", "Decathlon", "Atos", "Sopra Steria", "CDG Invest",
)
TITLES = (
    "Engineer", "Senior Engineer", "Product Manager", "Data Scientist", "Consultant",
    "Engineering Manager", "Architect", "Analyst", "Director", "Recruiter",
)
RELATIONSHIPS = (
    "colleague", "manager", "client", "partner", "classmate", "friend", "other",
)
# fmt: on
