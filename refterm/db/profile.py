"""Repository functions for the user's profile (one row). Callers own the session."""

from __future__ import annotations

from sqlmodel import Session, col, select

from refterm.db.models import Profile


def stored_profile(session: Session) -> Profile:
    """The profile row, or a new empty one (not yet added) when none was saved."""
    return session.exec(select(Profile).order_by(col(Profile.id))).first() or Profile()


def update_profile(session: Session, values: dict[str, str | None]) -> Profile:
    """Set these fields of the profile, creating the row on first save."""
    profile = stored_profile(session)
    for name, value in values.items():
        setattr(profile, name, value)
    session.add(profile)
    session.flush()
    return profile
