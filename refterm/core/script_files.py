"""Script template files: the built-in names, listing them, and the user's editable copies."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from refterm.errors import InvalidInput, NotFound, RefTermError
from refterm.model.i18n import _
from refterm.model.vocab import Language, check_language, choices

if TYPE_CHECKING:
    from refterm.core.templating import TemplateSource

# The built-in scripts, in the order the preview's `t` key cycles through them.
SCRIPT_TEMPLATES: tuple[str, ...] = (
    "call_reference",
    "call_recommendation",
    "email_recommendation",
    "follow_up",
    "brief_reference",
    "thank_you",
    "keep_in_touch",
)

SCRIPT_NAME = re.compile(r"[a-z][a-z0-9_]*")
# Export templates are `dossier.md` and the like: a name with a format suffix.
TEMPLATE_NAME = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9]+)?")


@dataclass(frozen=True)
class TemplateInfo:
    """One template name as `templates list` shows it."""

    name: str
    languages: tuple[str, ...]
    overridden: tuple[str, ...]
    builtin: bool

    @property
    def is_script(self) -> bool:
        """Scripts are rendered for a contact; the others (`dossier.md`...) are exports."""
        return "." not in self.name


def script_name(template: str) -> str:
    """A script template name as typed, checked (no paths, no export templates)."""
    name = template.strip()
    if not SCRIPT_NAME.fullmatch(name):
        raise InvalidInput(
            _("{name} is not a script template name; the scripts are {known}").format(
                name=repr(template), known=", ".join(SCRIPT_TEMPLATES)
            )
        )
    return name


def template_language(language: str) -> str:
    try:
        return check_language(language)
    except ValueError as error:
        raise InvalidInput(str(error)) from None


def list_templates(user_dir: Path | None) -> list[TemplateInfo]:
    """Every template name, its languages, and where the user's copy replaces the built-in."""
    from refterm.core.templating import BUILTIN_DIR

    builtin: dict[str, set[str]] = {}
    user: dict[str, set[str]] = {}
    for language in choices(Language):
        for folder, found in ((BUILTIN_DIR, builtin), (user_dir, user)):
            if folder is None or not (folder / language).is_dir():
                continue
            for path in (folder / language).glob("*.j2"):
                name = path.name.removesuffix(".j2")
                if TEMPLATE_NAME.fullmatch(name) and path.is_file():
                    found.setdefault(name, set()).add(language)
    order = {name: position for position, name in enumerate(SCRIPT_TEMPLATES)}
    names = sorted(
        set(builtin) | set(user), key=lambda name: (order.get(name, len(order)), "." in name, name)
    )
    return [
        TemplateInfo(
            name=name,
            languages=tuple(sorted(builtin.get(name, set()) | user.get(name, set()))),
            overridden=tuple(sorted(builtin.get(name, set()) & user.get(name, set()))),
            builtin=name in builtin,
        )
        for name in names
    ]


def known_scripts(user_dir: Path | None) -> str:
    """The script names, for messages."""
    return ", ".join(info.name for info in list_templates(user_dir) if info.is_script)


def ensure_user_copy(template: str, language: str, user_dir: Path) -> Path:
    """The user's copy of a template, made from the built-in one if it does not exist yet."""
    from refterm.core.templating import BUILTIN_DIR, environment

    name = template.strip()
    if not TEMPLATE_NAME.fullmatch(name):
        raise InvalidInput(_("{name} is not a template name").format(name=repr(template)))
    lang = template_language(language)
    target = user_dir / lang / f"{name}.j2"
    if target.is_file():
        return target
    source = BUILTIN_DIR / lang / f"{name}.j2"
    if not source.is_file():
        known = ", ".join(info.name for info in list_templates(user_dir))
        raise NotFound(
            _("no built-in template {name} in {language} (known: {known})").format(
                name=repr(name), language=repr(lang), known=known
            )
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)  # not copy2: a read-only install must not make it read-only
    except OSError as error:
        raise RefTermError(
            _("cannot write {path}: {reason}").format(path=target, reason=error.strerror or error)
        ) from None
    # Jinja2 remembers it loaded the built-in under this name; forget it, so the copy is used.
    environment.cache_clear()
    return target


def template_file(template: str, language: str, user_dir: Path | None) -> TemplateSource:
    """The file a template name resolves to, the user's copy first; NotFound names the others."""
    from refterm.core.templating import find_template

    name = template.strip()
    if not TEMPLATE_NAME.fullmatch(name):
        raise InvalidInput(_("{name} is not a template name").format(name=repr(template)))
    lang = template_language(language)
    source = find_template(f"{lang}/{name}.j2", user_dir)
    if source is None:
        known = ", ".join(info.name for info in list_templates(user_dir))
        raise NotFound(
            _("no template {name} in {language} (known: {known})").format(
                name=repr(name), language=repr(lang), known=known
            )
        )
    return source
