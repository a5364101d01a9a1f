"""The script preview: the suggested script, other templates and languages, copy, log after."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Static, TextArea

from refterm import paths
from refterm.config import Settings
from refterm.core.scripts import SCRIPT_TEMPLATES, render_script
from refterm.db.database import Database
from refterm.screens.log_form import LogDialog
from refterm.screens.script_preview import ScriptPreview
from refterm.screens.today import TodayScreen
from tests.ui.helpers import SIZE, build_app, highlight_row, open_mode, screen_text, settle


def preview(app: object) -> ScriptPreview:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ScriptPreview)
    return screen


async def test_c_then_c_copies_the_rendered_script(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Claire Dubois")
        item = app.screen.current  # type: ignore[attr-defined]
        await pilot.press("c")
        await settle(pilot)
        shown = preview(app).query_one(TextArea).text
        expected = render_script(
            demo_database, Settings(), today, item.contact_id, ask_id=item.ask_id,
            user_dir=paths.user_templates_dir(),
        )  # fmt: skip
        assert expected.template == "call_reference"
        assert shown == expected.text
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == expected.text
        text = screen_text(app)
        assert "clipboard" in text  # an honest message about where the text went


async def test_language_and_template_keys(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Sarah Mitchell")
        await pilot.press("c")
        await settle(pilot)
        screen = preview(app)
        assert screen.script is not None and screen.script.language == "en"
        first = screen.script.template
        await pilot.press("L")
        await settle(pilot)
        assert screen.script.language == "fr"
        assert screen.script.template == first
        await pilot.press("t")
        await settle(pilot)
        following = SCRIPT_TEMPLATES[(SCRIPT_TEMPLATES.index(first) + 1) % len(SCRIPT_TEMPLATES)]
        assert screen.template == following
        assert screen.language == "fr"
        if screen.script is not None:
            assert screen.query_one(TextArea).text == screen.script.text


async def test_t_refuses_each_template_whose_facts_do_not_hold(
    demo_database: Database, today: date
) -> None:
    """Cycling with t: a template that would state something false is refused in one line,
    with nothing left on screen to copy; the others render."""
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Sarah Mitchell")  # an agreed LinkedIn recommendation
        await pilot.press("c")
        await settle(pilot)
        screen = preview(app)
        refused = {}
        for _ in SCRIPT_TEMPLATES:
            await pilot.press("t")
            await settle(pilot)
            heading = str(screen.query_one("#script-heading").render())
            if screen.script is None:
                assert heading.startswith("Not this script\ncannot use ")
                assert screen.query_one(TextArea).text == ""
                refused[screen.template] = heading.split("\n", 1)[1]
                await pilot.press("c")  # nothing to copy
                await settle(pilot)
                assert app.clipboard != heading
            else:
                assert screen.script.template == screen.template
        assert refused == {
            "brief_reference": (
                "cannot use brief_reference: no reference use of Sarah Mitchell waiting to be "
                "briefed"
            ),
            "thank_you": "cannot use thank_you: nothing received from Sarah Mitchell yet",
        }


async def test_v_shows_the_voicemail_version(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Claire Dubois")
        await pilot.press("c")
        await settle(pilot)
        screen = preview(app)
        assert screen.script is not None and screen.script.template == "call_reference"
        await pilot.press("v")
        await settle(pilot)
        assert screen.script.text.startswith("Message sur répondeur\u00a0: Claire Dubois")
        assert "c’est Amine Kettani" in screen.script.text
        await pilot.press("v")
        await settle(pilot)
        assert screen.script.text.startswith("Appel\u00a0: Claire Dubois")
        while screen.template != "thank_you":  # a message, not a call: no voicemail version
            await pilot.press("t")
            await settle(pilot)
        assert "v" not in {binding.key for _n, binding, _on, _t in screen.active_bindings.values()}
        await pilot.press("v")
        await settle(pilot)
        assert not screen.voicemail
        heading = str(screen.query_one("#script-heading", Static).render())
        assert "call script" not in heading and "script d’appel" not in heading


async def test_a_broken_user_template_is_reported_not_raised(
    demo_database: Database, today: date
) -> None:
    broken = paths.user_templates_dir() / "en" / "keep_in_touch.j2"
    broken.parent.mkdir(parents=True)
    broken.write_text("Hello {{ contact.full_name ", encoding="utf-8")
    # Months after the demo's last call with Priya: keep-in-touch is the script that fits.
    app = build_app(demo_database, today + timedelta(days=200))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_mode(pilot, "2")
        await highlight_row(pilot, "Priya Raman")
        await pilot.press("c")
        await settle(pilot)
        screen = preview(app)
        text = str(screen.query_one("#script-heading").render())
        assert "Cannot show this script" in text
        assert "keep_in_touch.j2, line 1: template syntax error" in text
        assert screen.template == "keep_in_touch"  # so that e opens the broken file
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running


async def test_l_logs_the_call_right_after(demo_database: Database, today: date) -> None:
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Lucas Martin")
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_without_a_name_no_script_is_shown_and_p_asks_for_it(
    demo_database: Database, today: date
) -> None:
    from refterm.core.profile import ProfileForm, save_profile
    from refterm.screens.profile_form import ProfileDialog

    save_profile(demo_database, ProfileForm(name=""), Settings())
    app = build_app(demo_database, today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Claire Dubois")
        await pilot.press("c")
        await settle(pilot)
        screen = preview(app)
        assert screen.script is None and screen.query_one(TextArea).text == ""
        assert "your name is not in your profile yet" in str(
            screen.query_one("#script-heading").render()
        )
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProfileDialog)


async def test_the_copy_note_leaves_the_log_form_whole_at_80x24(
    demo_database: Database, today: date
) -> None:
    """Copy, then log: the form that opens is not covered by the note about the copy."""
    app = build_app(demo_database, today)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await highlight_row(pilot, "Claire Dubois")
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert "clipboard" in screen_text(app)  # the note is up, over the preview
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogDialog)
        shown = screen_text(app)
        assert "clipboard" not in shown
        assert "Save  ^s" in shown and "Cancel  esc" in shown
