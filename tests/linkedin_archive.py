"""A realistic LinkedIn data export, built by the tests: as a ZIP or as its unzipped folder.

BOM, LinkedIn's "Notes:" preamble, CRLF line ends, double-encoded names ("LÃ©a"),
multi-line quoted text, a HIDDEN recommendation, a recommender who is not a connection,
a group conversation, and people messaged who are not contacts.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

BOM = "\ufeff"
OWNER_URL = "https://www.linkedin.com/in/alex-moreau"
LEA_URL = "https://www.linkedin.com/in/lea-martin"
KARIM_URL = "https://www.linkedin.com/in/karim-ouazzani"
SOPHIE_URL = "https://www.linkedin.com/in/sophie-bernard"
ZOE_URL = "https://www.linkedin.com/in/zoe-inconnue"

CONNECTIONS = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    f"Léa,Martin,{LEA_URL},,Acme,Head of Data,15 Mar 2024\r\n"
    f"Karim,Ouazzani,{KARIM_URL},,Globex,Engineer,02 Feb 2019\r\n"
    f"Sophie,Bernard,{SOPHIE_URL},,Initech,CFO,01 Jan 2010\r\n"
)
RECEIVED = (
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\r\n"
    'Léa,Martin,Acme,Head of Data,"Alex led our data platform, calmly.\r\n'
    "\r\n"
    'He is, in one word, ""dependable"".","09/14/26, 10:02 AM",VISIBLE\r\n'
    'Paul,Girard,Umbrella,CTO,"Alex shipped on time, every time.","03/02/21, 4:15 PM",VISIBLE\r\n'
    'Sophie,Bernard,Initech,CFO,"A private word, hidden on LinkedIn.",'
    '"07/21/09, 12:11 PM",HIDDEN\r\n'
)
GIVEN = (
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\r\n"
    'Karim,Ouazzani,Globex,Engineer,"Karim writes the tests first.","05/10/23, 9:00 AM",VISIBLE\r\n'
)
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\r\n"
)
MESSAGES = MESSAGES_HEADER + (
    f"conv-lea,,Alex Moreau,{OWNER_URL},LÃ©a Martin,{LEA_URL},2026-11-20 09:00:00 UTC,,"
    '"Coffee next week?\r\nSay Tuesday, 10am.",INBOX\r\n'
    f"conv-lea,,LÃ©a Martin,{LEA_URL},Alex Moreau,{OWNER_URL},2026-11-20 18:30:00 UTC,,"
    "Yes!,INBOX\r\n"
    f"conv-lea,,Alex Moreau,{OWNER_URL},LÃ©a Martin,{LEA_URL},2026-11-22 08:00:00 UTC,,"
    "See you then,INBOX\r\n"
    f'conv-group,Team,Alex Moreau,{OWNER_URL},"LÃ©a Martin,Karim Ouazzani,ZoÃ© Inconnue",'
    f'"{LEA_URL},{KARIM_URL},{ZOE_URL}",2026-10-01 12:00:00 UTC,,Hello all,INBOX\r\n'
    f"conv-zoe,,ZoÃ© Inconnue,{ZOE_URL},Alex Moreau,{OWNER_URL},2026-09-01 10:00:00 UTC,,"
    "Hi there,INBOX\r\n"
)
# A newer export: one more day with Karim.
NEWER_MESSAGES = MESSAGES + (
    f"conv-karim,,Karim Ouazzani,{KARIM_URL},Alex Moreau,{OWNER_URL},"
    "2026-11-24 07:00:00 UTC,,Thanks for the note,INBOX\r\n"
)
INVITATIONS = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n"
    f'Alex Moreau,Zoé Inconnue,"11/2/26, 3:04 PM",Hi Zoé,OUTGOING,{OWNER_URL},{ZOE_URL}\r\n'
)


def files(newer: bool = False, given: bool = True) -> dict[str, str]:
    """The archive's files by name (Recommendations_Given.csv left out when `given` is False)."""
    texts = {
        "Connections.csv": CONNECTIONS,
        "Recommendations_Received.csv": RECEIVED,
        "messages.csv": NEWER_MESSAGES if newer else MESSAGES,
        "Invitations.csv": INVITATIONS,
    }
    if given:
        texts["Recommendations_Given.csv"] = GIVEN
    return texts


def build_zip(path: Path, newer: bool = False, given: bool = True) -> Path:
    """Complete_LinkedInDataExport_*.zip, every file with a byte-order mark."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files(newer, given).items():
            archive.writestr(name, (BOM + text).encode("utf-8"))
    return path


def build_folder(path: Path, newer: bool = False, given: bool = True) -> Path:
    """The same archive unzipped into a folder."""
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files(newer, given).items():
        (path / name).write_bytes((BOM + text).encode("utf-8"))
    return path
