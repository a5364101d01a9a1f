"""Issue 10 item 4: a user template cannot hang refterm: time and output limits, one message."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from refterm.db.database import Database
from refterm.errors import TemplateFailed
from tests.reliability.helpers import TODAY, assert_refused, refterm
from tests.support import run

# The time limit in this process's tests: the mechanism is the same as at 2 s, which the
# command-line test keeps (a real process, the real limit), and each runaway costs a quarter.
SHORT_LIMIT = 0.5


@pytest.fixture
def short_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from refterm.core import templating

    monkeypatch.setattr(templating, "TIME_LIMIT_SECONDS", SHORT_LIMIT)


RUNAWAY = {
    "nested loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "0.5 s",
    ),
    "giant power": ("{{ 10 ** (10 ** 9) }}", "too large"),
    "giant string": ("{{ 'x' * 10 ** 9 }}", "100,000"),
    "huge output": ("{% for i in range(300) %}{{ 'y' * 1000 }}{% endfor %}", "100 kB"),
    "loop over a long string": (
        "{% set s = 'x' * 99999 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        "0.5 s",
    ),
}


def render_within(seconds: float, name: str, folder: Path) -> BaseException | str:
    """Render in a daemon thread so that a template that hangs fails the test, not the run."""
    from refterm.core.templating import environment, render

    environment.cache_clear()
    outcome: list[BaseException | str] = []

    def work() -> None:
        try:
            outcome.append(render(name, {"name": "Ada"}, folder))
        except BaseException as error:  # reported to the test
            outcome.append(error)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"{name} was still rendering after {seconds} s"
    return outcome[0]


@pytest.mark.parametrize("case", sorted(RUNAWAY))
def test_a_runaway_template_stops_with_one_message_naming_it(
    tmp_path: Path, case: str, short_limit: None
) -> None:
    source, phrase = RUNAWAY[case]
    (tmp_path / "en").mkdir()
    template = tmp_path / "en" / "runaway.j2"
    template.write_text(source, encoding="utf-8")
    started = time.monotonic()
    outcome = render_within(15, "en/runaway.j2", tmp_path)
    assert isinstance(outcome, TemplateFailed), outcome
    assert str(template) in outcome.message
    assert phrase in outcome.message
    assert "\n" not in outcome.message
    assert time.monotonic() - started < 10


def test_ordinary_templates_render_as_before(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "fine.j2").write_text(
        "{% for i in range(3) %}{{ name }} {{ 2 ** 10 }} {{ '-' * 5 }}\n{% endfor %}", "utf-8"
    )
    assert render_within(15, "en/fine.j2", tmp_path) == "Ada 1024 -----\n" * 3


def test_the_cli_stops_a_runaway_user_script_in_one_line(
    tmp_path: Path, isolated_config: Path
) -> None:
    db = str(tmp_path / "refterm.db")
    # The setting up in this process; the script in a real one.
    added = run(db, "contact", "add", "Ada Lovelace")
    assert added.exit_code == 0, added.output
    named = run(db, "profile", "--name", "Amine Kettani")
    assert named.exit_code == 0, named.output
    folder = isolated_config / "templates" / "en"
    folder.mkdir(parents=True)
    (folder / "keep_in_touch.j2").write_text(RUNAWAY["nested loops"][0], encoding="utf-8")
    started = time.monotonic()
    result = refterm(
        "--db", db, "--today", TODAY.isoformat(), "script", "Ada", "-t", "keep_in_touch",
        "--lang", "en", timeout=60,
    )  # fmt: skip
    assert_refused(result, "keep_in_touch.j2", "2 s")
    assert time.monotonic() - started < 30


async def test_the_tui_stops_a_runaway_script_and_quits_at_once(
    demo_database: Database, isolated_config: Path, short_limit: None
) -> None:
    from tests.ui.helpers import SIZE, build_app, highlight_row, settle, widget_text

    for language in ("en", "fr"):
        folder = isolated_config / "templates" / language
        folder.mkdir(parents=True)
        (folder / "call_reference.j2").write_text(RUNAWAY["nested loops"][0], encoding="utf-8")
    app = build_app(demo_database, TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Claire Dubois")
        await pilot.press("c")
        await settle(pilot)  # the worker ends: the template was stopped
        shown = widget_text(app)
        assert "Cannot show this script" in shown
        assert "call_reference.j2" in shown and "0.5 s" in shown, shown
        assert app.is_running
        await pilot.press("escape")
        await pilot.press("c")  # a second runaway render under way...
        started = time.monotonic()
        app.exit()  # ...and the user quits
    assert time.monotonic() - started < 4
