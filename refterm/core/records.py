"""Plain-data views of stored records, shared by `--json` output and exports."""

from __future__ import annotations

from typing import Any

from refterm.db.models import CONTACT_COLUMNS, DERIVED_CONTACT_COLUMNS
from refterm.model.records import ContactDetail, ContactRecord

# What `contact list --json` shows: every stored column but the derived search keys.
CONTACT_JSON_FIELDS = tuple(name for name in CONTACT_COLUMNS if name not in DERIVED_CONTACT_COLUMNS)


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def contact_as_json(contact: ContactRecord, tags: list[str]) -> dict[str, Any]:
    data = {name: _plain(getattr(contact, name)) for name in CONTACT_JSON_FIELDS}
    data["tags"] = tags
    return data


def history_as_json(detail: ContactDetail) -> dict[str, Any]:
    """A contact's asks, interactions and reference uses as `contact show --json` prints them."""
    from dataclasses import asdict

    def plain(record: Any) -> dict[str, Any]:
        return {name: _plain(value) for name, value in asdict(record).items()}

    return {
        "asks": [plain(item) for item in detail.asks],
        "interactions": [plain(item) for item in detail.interactions],
        "reference_uses": [plain(item) for item in detail.uses],
    }
