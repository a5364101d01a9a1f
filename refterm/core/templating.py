"""The one Jinja2 environment: sandboxed, strict, user templates first, then the built-ins.

Template names are `<lang>/<name>.j2` for scripts and `<lang>/<name>.<format>.j2` for exports.
Plain-text templates are not escaped; `*.html.j2` templates are auto-escaped.
"""

from __future__ import annotations

import math
import re
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refterm.errors import TemplateFailed
from refterm.model.display import safe_text
from refterm.model.i18n import N_, _, number
from refterm.model.relative import MONTHS
from refterm.model.text import french_typography

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"
# A script or dossier is a few kB made in milliseconds; past these, a template is runaway.
TIME_LIMIT_SECONDS = 2.0
OUTPUT_LIMIT_CHARS = 100_000
RAN_TOO_LONG = N_("it ran for more than {seconds} s")
_BIG_NUMBER_BITS = 4096


class TemplateTooCostly(Exception):
    """A template went past the time or output limit, or asked for a giant value."""


def long_date(value: date | None, language: str = "en", today: date | None = None) -> str:
    """'November 26, 2026' in English, '26 novembre 2026' in French ('1er' on the first).

    Given `today`, a date of the current year is said without the year, as people say it.
    """
    if value is None:
        return ""
    month = MONTHS.get(language, MONTHS["en"])[value.month - 1]
    year = "" if today is not None and value.year == today.year else str(value.year)
    if language == "fr":
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day} {month} {year}".rstrip()
    return f"{month} {value.day}, {year}" if year else f"{month} {value.day}"


def phone_display(phone: str | None) -> str | None:
    """+33612345678 as +33 6 12 34 56 78; anything unparsable as stored."""
    if not phone:
        return None
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def either(items: list[str] | tuple[str, ...], language: str = "en") -> str:
    """'Head of Data ou Engineering Manager': a spoken list of alternatives."""
    word = " ou " if language == "fr" else " or "
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + word + items[-1]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# Only what would start a heading, quote, list or rule: "+33 6…" and "-5%" stay as typed.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)(#|>|[-+*=](?=\s|$)|\d+[.)](?=\s|$))", re.MULTILINE)


def markdown_text(value: object) -> str:
    """User text made inert in Markdown: no HTML, no links, no headings or lists it did not mean."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", "" if value is None else str(value))
    return _MARKDOWN_LINE_START.sub(lambda match: match.group(1) + "\\" + match.group(2), text)


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


def _check_product(left: Any, right: Any) -> None:
    """`'x' * 10**9` or `[0] * 10**9`: refused before the memory is taken."""
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            if len(sequence) * count > OUTPUT_LIMIT_CHARS:
                raise TemplateTooCostly(
                    _("a value of more than {count} items").format(count=number(OUTPUT_LIMIT_CHARS))
                )


def _check_power(base: Any, exponent: Any) -> None:
    """`10 ** (10 ** 9)` would compute for minutes in C, where no time limit can stop it."""
    if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0:
        if exponent * math.log2(abs(base)) > _BIG_NUMBER_BITS:
            raise TemplateTooCostly(_("a number too large to compute"))


@lru_cache(maxsize=1)
def _limited_environment_class() -> type[SandboxedEnvironment]:
    from jinja2.sandbox import SandboxedEnvironment

    class LimitedEnvironment(SandboxedEnvironment):
        """The sandbox, plus guards against giant numbers and sequences."""

        intercepted_binops = frozenset({"**", "*"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**":
                _check_power(left, right)
            else:
                _check_product(left, right)
            return super().call_binop(context, operator, left, right)

    return LimitedEnvironment


@lru_cache(maxsize=8)
def environment(user_dir: Path | None) -> SandboxedEnvironment:
    """Built once per user folder; Jinja2 is imported only when something is rendered."""
    from jinja2 import (
        ChoiceLoader,
        FileSystemLoader,
        StrictUndefined,
        pass_context,
        select_autoescape,
    )

    search = [str(user_dir)] if user_dir is not None else []
    env = _limited_environment_class()(
        loader=ChoiceLoader([FileSystemLoader(search), FileSystemLoader(str(BUILTIN_DIR))]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=True,
    )
    env.filters["long_date"] = long_date
    env.filters["said_date"] = pass_context(_said_date)
    env.filters["french"] = french_typography
    env.filters["phone"] = phone_display
    env.filters["either"] = either
    env.filters["md"] = markdown_text
    env.globals.pop("lipsum", None)  # a generator of any size, and no use in a script
    return env


def _said_date(context: Any, value: date | None) -> str:
    """A date as said in the script's language, without the year when it is this year's."""
    return long_date(value, context.get("lang", "en"), context.get("today"))


def _limited(chunks: Iterator[str]) -> str:
    """Join a template's output, stopping past the time or output limit.

    A line tracer on template code (files ending in .j2) checks the clock at every line, so
    even loops that print nothing stop at the limit; it is set on this thread only.
    """
    deadline = time.monotonic() + TIME_LIMIT_SECONDS

    def on_line(frame: Any, event: str, arg: Any) -> Any:
        if time.monotonic() > deadline:
            raise TemplateTooCostly(_(RAN_TOO_LONG).format(seconds=f"{TIME_LIMIT_SECONDS:g}"))
        return on_line

    def on_call(frame: Any, event: str, arg: Any) -> Any:
        return on_line if frame.f_code.co_filename.endswith(".j2") else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        parts: list[str] = []
        size = 0
        for chunk in chunks:
            size += len(chunk)
            if size > OUTPUT_LIMIT_CHARS:
                raise TemplateTooCostly(
                    _("its output passed {size} kB").format(size=number(OUTPUT_LIMIT_CHARS // 1000))
                )
            if time.monotonic() > deadline:
                raise TemplateTooCostly(_(RAN_TOO_LONG).format(seconds=f"{TIME_LIMIT_SECONDS:g}"))
            parts.append(chunk)
        return "".join(parts)
    finally:
        sys.settrace(previous)


def _where(name: str, user_dir: Path | None, lineno: int | None) -> str:
    source = find_template(name, user_dir)
    place = str(source.path) if source else name
    return _("{place}, line {line}").format(place=place, line=lineno) if lineno else place


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
        text = _limited(template.generate(**context))
        # A template file is outside text too: what it prints never drives the terminal.
        return safe_text(text, multiline=True, keep_bidi=True)
    except TemplateSyntaxError as error:
        where = _where(error.name or name, user_dir, error.lineno)
        raise TemplateFailed(
            _("{where}: template syntax error: {error}").format(where=where, error=error.message)
        ) from None
    except TemplateNotFound:
        raise TemplateFailed(_("no template named {name}").format(name=repr(name))) from None
    except UndefinedError as error:
        line = _runtime_line(error)
        raise TemplateFailed(
            _("{where}: unknown variable or attribute: {error}").format(
                where=_where(name, user_dir, line), error=error.message
            )
        ) from None
    except TemplateTooCostly as error:
        raise TemplateFailed(
            _("{where}: stopped: {error}; simplify the template").format(
                where=_where(name, user_dir, None), error=error
            )
        ) from None
    except SecurityError as error:
        line = _runtime_line(error)
        raise TemplateFailed(
            _("{where}: refused by the sandbox: {error}").format(
                where=_where(name, user_dir, line), error=error
            )
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
