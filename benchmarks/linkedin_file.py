"""A generated LinkedIn `Connections.csv` (preamble, BOM, CRLF, quoted commas), and its rows.

Shared by `make bench` and the reliability suite (crash safety, importers).
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address using this setting."\r\n'
    "\r\n"
)
FIRST = ("Adam", "Inès", "Camille", "Hugo", "Salma", "Léa", "Omar", "Chloé", "Noah", "Zineb")
LAST = ("Martin", "El Idrissi", "Dubois", "Benjelloun", "Chraibi", "Müller", "O'Neil", "García")
COMPANIES = ("Capgemini", "OCP Group", "Orange, SA", "Datadog", '"Quoted" Co', "Société Générale")
POSITIONS = ("Engineer", "Product Manager", "Data Scientist, Platform", "Recruiter")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def connection_rows(count: int, seed: int = 5, prefix: str = "person") -> list[tuple[str, ...]]:
    """`count` distinct people, each with their own profile URL; one in ten has an e-mail."""
    generator = random.Random(seed)
    return [
        (
            generator.choice(FIRST),
            f"{generator.choice(LAST)} {number:06d}",
            f"https://www.linkedin.com/in/{prefix}-{number:06d}",
            f"{prefix}.{number}@example.com" if number % 10 == 0 else "",
            generator.choice(COMPANIES),
            generator.choice(POSITIONS),
            f"{generator.randint(1, 28):02d} {generator.choice(MONTHS)} "
            f"{generator.randint(2010, 2025)}",
        )
        for number in range(count)
    ]


def write_connections(path: Path, rows: list[tuple[str, ...]]) -> None:
    out = io.StringIO()
    out.write(PREAMBLE)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig", newline="")
