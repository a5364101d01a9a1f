"""The user's own profile (one row): who the scripts and the dossier speak for."""

from __future__ import annotations

from dataclasses import dataclass

from refterm.config import Settings
from refterm.core.validate import check_email, check_phone
from refterm.db.database import Database
from refterm.db.profile import stored_profile, update_profile
from refterm.db.session import reading, writing
from refterm.errors import ChangedElsewhere, InvalidFields
from refterm.model.i18n import _
from refterm.model.records import ProfileRecord, copy_as
from refterm.model.text import optional_line, optional_multiline
from refterm.model.vocab import Language, SearchStatus, pick

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
    version: int | None = None  # the stored profile's, when the form was filled from it


def get_profile(database: Database) -> ProfileRecord:
    """The stored profile, or an empty one (never None)."""
    with reading(database) as session:
        return copy_as(ProfileRecord, stored_profile(session))


def save_profile(
    database: Database, form: ProfileForm, settings: Settings, only_given: bool = False
) -> ProfileRecord:
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
                values[name] = pick(Language, raw, _("language"))
            elif name == "search_status":
                values[name] = (
                    pick(SearchStatus, raw, _("search status")) or SearchStatus.OPEN.value
                )
            elif name == "target_roles":
                values[name] = optional_multiline(raw)
            else:
                values[name] = optional_line(raw)
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise InvalidFields(errors)
    with writing(database) as session:
        if form.version is not None and stored_profile(session).version != form.version:
            raise ChangedElsewhere(_("your profile"))
        return copy_as(ProfileRecord, update_profile(session, values))
