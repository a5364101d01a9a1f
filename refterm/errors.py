"""Errors that reach the user: each carries a message written for them."""

from __future__ import annotations

from refterm.model.display import safe_text
from refterm.model.i18n import _


class RefTermError(Exception):
    """A failure the user can understand and act on; `exit_code` is what the CLI returns."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        # Messages quote files, templates and arguments: made safe once, here, for every screen.
        message = safe_text(message)
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(RefTermError):
    """Something the user typed or passed is not acceptable."""

    exit_code = 2


class NotFound(InvalidInput):
    """A contact, ask or template named by the user does not exist."""


class Ambiguous(InvalidInput):
    """A name matches more than one contact."""


class ScriptRefused(InvalidInput):
    """A script whose facts do not hold (nothing received, no name): it would state a falsehood."""


class DatabaseRefused(RefTermError):
    """The database file cannot be used (foreign, damaged, newer, unwritable)."""


class ChangedElsewhere(RefTermError):
    """Someone else saved this record since it was read: saving would overwrite their change."""

    def __init__(self, what: str | None = None) -> None:
        super().__init__(
            _(
                "Not saved: {what} was changed elsewhere since you opened it; your input is kept "
                "(close and open it again to see the other change)"
            ).format(what=what or _("this record"))
        )


class ConfigError(InvalidInput):
    """The configuration file holds a value refterm cannot use."""


class TemplateFailed(RefTermError):
    """A script or export template could not be rendered."""


class ImportRefused(InvalidInput):
    """An import file was refused as a whole; nothing was written."""


class ClipboardUnavailable(RefTermError):
    """No clipboard mechanism is available on this machine."""


class InvalidFields(InvalidInput):
    """A form or command with one message per bad field, so forms can show each beside its field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(
            "; ".join(
                _("{field}: {message}").format(field=field, message=message)
                for field, message in errors.items()
            )
        )
        self.errors = {field: safe_text(message) for field, message in errors.items()}


class CannotUndo(RefTermError):
    """Nothing to undo, or a change that later changes depend on; nothing was written."""
