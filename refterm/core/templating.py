"""The one Jinja2 environment: sandboxed, strict, user templates first, then the built-ins.

Template names are `<lang>/<name>.j2` for scripts and `<lang>/<name>.<format>.j2` for exports.
Plain-text templates are not escaped; `*.html.j2` templates are auto-escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refterm.errors import TemplateFailed
from refterm.model.relative import MONTHS

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"


def long_date(value: date | None, language: str = "en") -> str:
    """'November 26, 2026' in English, '26 novembre 2026' in French ('1er' on the first)."""
    if value is None:
        return ""
    month = MONTHS.get(language, MONTHS["en"])[value.month - 1]
    if language == "fr":
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day} {month} {value.year}"
    return f"{month} {value.day}, {value.year}"


@dataclass(frozen=True)
class TemplateSource:
    """Where a template comes from, for `templates list/show/edit`."""

    name: str
    path: Path
    is_user: bool


def find_template(name: str, user_dir: Path | None) -> TemplateSource | None:
    """The file `name` resolves to: the user's copy first, else the built-in one."""
    if user_dir is not None and (user_dir / name).is_file():
        return TemplateSource(name, user_dir / name, True)
    if (BUILTIN_DIR / name).is_file():
        return TemplateSource(name, BUILTIN_DIR / name, False)
    return None


@lru_cache(maxsize=8)
def environment(user_dir: Path | None) -> SandboxedEnvironment:
    """Built once per user folder; Jinja2 is imported only when something is rendered."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    search = [str(user_dir)] if user_dir is not None else []
    env = SandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(search), FileSystemLoader(str(BUILTIN_DIR))]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=True,
    )
    env.filters["long_date"] = long_date
    return env


def _where(name: str, user_dir: Path | None, lineno: int | None) -> str:
    source = find_template(name, user_dir)
    place = str(source.path) if source else name
    return f"{place}, line {lineno}" if lineno else place


def render(name: str, context: Mapping[str, Any], user_dir: Path | None = None) -> str:
    """Render a template completely, or raise TemplateFailed naming the file, line and cause."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    env = environment(user_dir)
    try:
        template = env.get_template(name)
        source = find_template(name, user_dir)
        if source is not None and template.filename != str(source.path):
            # A user copy appeared since the built-in was cached: Jinja2 only re-checks the
            # file it loaded, so forget it and load the user's.
            if env.cache is not None:
                env.cache.clear()
            template = env.get_template(name)
        return template.render(**context)
    except TemplateSyntaxError as error:
        where = _where(error.name or name, user_dir, error.lineno)
        raise TemplateFailed(f"{where}: template syntax error: {error.message}") from None
    except TemplateNotFound:
        raise TemplateFailed(f"no template named {name!r}") from None
    except UndefinedError as error:
        line = _runtime_line(error)
        raise TemplateFailed(
            f"{_where(name, user_dir, line)}: unknown variable or attribute: {error.message}"
        ) from None
    except SecurityError as error:
        line = _runtime_line(error)
        raise TemplateFailed(
            f"{_where(name, user_dir, line)}: refused by the sandbox: {error}"
        ) from None
    except Exception as error:  # a template can raise anything (division by zero, bad filter)
        line = _runtime_line(error)
        raise TemplateFailed(
            f"{_where(name, user_dir, line)}: {type(error).__name__}: {error}"
        ) from None


def _runtime_line(error: BaseException) -> int | None:
    """The template line of a runtime error, from Jinja2's rewritten traceback."""
    trace = error.__traceback__
    line = None
    while trace is not None:
        if trace.tb_frame.f_code.co_filename.endswith(".j2"):
            line = trace.tb_lineno
        trace = trace.tb_next
    return line
