"""What the app runs with, kept free of Textual so the first review can start before it loads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refterm.config import Settings
    from refterm.db.database import Database


@dataclass(frozen=True)
class Context:
    """What the app was built with: settings, the database and the day it runs for."""

    settings: Settings
    database: Database
    today: date
