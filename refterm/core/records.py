"""Plain-data views of stored records, shared by `--json` output and exports."""

from __future__ import annotations

from typing import Any

from refterm.db.models import Contact

CONTACT_JSON_FIELDS = (
    "id",
    "full_name",
    "company",
    "title",
    "relationship",
    "how_we_met",
    "email",
    "phone",
    "linkedin_url",
    "language",
    "keep_in_touch_days",
    "notes",
    "last_contacted_on",
    "created_at",
    "updated_at",
    "archived_at",
)


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def contact_as_json(contact: Contact, tags: list[str]) -> dict[str, Any]:
    data = {name: _plain(getattr(contact, name)) for name in CONTACT_JSON_FIELDS}
    data["tags"] = tags
    return data
