"""The user's own profile (one row): who the scripts and the dossier speak for."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import col, select

from refterm.config import Settings
from refterm.core.text import optional_line, optional_multiline
from refterm.core.validate import check_email, check_phone
from refterm.core.vocab import Language, SearchStatus, choices
from refterm.db.models import Profile
from refterm.db.session import reading, writing
from refterm.errors import InvalidFields

PROFILE_FIELDS = (
    "name",
    "headline",
    "email",
    "phone",
    "city",
    "target_roles",
    "language",
    "search_status",
)


@dataclass
class ProfileForm:
    name: str | None = None
    headline: str | None = None
    email: str | None = None
    phone: str | None = None
    city: str | None = None
    target_roles: str | None = None
    language: str | None = None
    search_status: str | None = None


def get_profile(engine: Engine) -> Profile:
    """The stored profile, or an empty one (never None)."""
    with reading(engine) as session:
        return session.exec(select(Profile).order_by(col(Profile.id))).first() or Profile()


def save_profile(
    engine: Engine, form: ProfileForm, settings: Settings, only_given: bool = False
) -> Profile:
    """Validate and store the profile; with `only_given`, None fields keep their value."""
    errors: dict[str, str] = {}
    values: dict[str, str | None] = {}
    for name in PROFILE_FIELDS:
        raw = getattr(form, name)
        if only_given and raw is None:
            continue
        try:
            if name == "email":
                values[name] = check_email(raw)
            elif name == "phone":
                values[name] = check_phone(raw, settings.phone_region)
            elif name == "language":
                language = (raw or "").strip().lower() or None
                if language is not None and language not in choices(Language):
                    raise ValueError("language must be en or fr")
                values[name] = language
            elif name == "search_status":
                status = (raw or "").strip().lower() or SearchStatus.OPEN.value
                if status not in choices(SearchStatus):
                    raise ValueError(
                        f"search status must be one of {', '.join(choices(SearchStatus))}"
                    )
                values[name] = status
            elif name == "target_roles":
                values[name] = optional_multiline(raw)
            else:
                values[name] = optional_line(raw)
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise InvalidFields(errors)
    with writing(engine) as session:
        profile = session.exec(select(Profile).order_by(col(Profile.id))).first() or Profile()
        for name, value in values.items():
            setattr(profile, name, value)
        session.add(profile)
        session.flush()
        return profile
