"""RefTermApp: the four modes, the global keys and the command palette — wiring only."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import ModalScreen, Screen

from refterm.model.i18n import N_, _
from refterm.screens import modes
from refterm.screens.base import RefTermScreen, size_classes
from refterm.screens.context import Context
from refterm.screens.messages import ProfileChanged
from refterm.widgets.mode_bar import ModeBar
from refterm.widgets.palette import TranslatedPalette
from refterm.widgets.record_view import QUIET

if TYPE_CHECKING:
    from refterm.config import Settings
    from refterm.core.close_names import CloseNames, PaletteMatch
    from refterm.db.database import Database
    from refterm.screens.first_review import FirstReview
    from refterm.screens.today import TodayScreen


def switch_language_command(app: RefTermApp) -> tuple[str, str, Callable[[], Any]]:
    """The palette's line that switches the interface to the other language, named in it."""
    from refterm.model.i18n import language

    if language() == "fr":
        # Each line is written in the language it offers, so whoever cannot read the current
        # one still finds theirs.
        return (
            "Interface language: English",  # untranslated: in the language it offers
            "Switch the interface to English",  # untranslated: in the language it offers
            partial(app.switch_language, "en"),
        )
    return (
        "Langue de l’interface : français",  # untranslated: in the language it offers
        "Passer l’interface en français",  # untranslated: in the language it offers
        partial(app.switch_language, "fr"),
    )


# Textual's names of keys (`format_key`) as French keyboards and manuals write them.
FRENCH_KEY_NAMES = {
    "esc": "Échap",  # untranslated: French already
    "space": "Espace",  # untranslated: French already
    "pgdn": "PgSuiv",  # untranslated: French already
    "pgup": "PgPréc",  # untranslated: French already
    "home": "Début",  # untranslated: French already
    "end": "Fin",  # untranslated: French already
    "del": "Suppr",  # untranslated: French already
}


class RefTermCommands(Provider):
    """Screens and actions, from anywhere."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app = cast(RefTermApp, self.app)
        return [
            *(
                (_(mode.title), _(mode.tooltip), partial(app.switch_mode, mode.name))
                for mode in modes.MODES
            ),
            (_("New contact"), _("Add someone to your network"), app.action_new_contact),
            (_("Import contacts"), _("LinkedIn connections or vCards"), app.action_import_contacts),
            (
                _("Edit profile"),
                _("Who you are, for the scripts and the dossier"),
                app.action_profile,
            ),
            (
                _("Export dossier"),
                _("Write the dossier as Markdown, HTML or text"),
                app.action_export,
            ),
            (_("Refresh"), _("Read the database again"), app.action_refresh),
            (_("Help"), _("Every key binding"), app.action_help),
            switch_language_command(app),
        ]

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=help_text)


# Contacts the palette lists at most: exact matches, then as many close spellings.
LISTED = 12


class ContactCommands(Provider):
    """Jump to a contact: part of their name, company or title, or a close spelling of the name."""

    async def startup(self) -> None:
        # Read the names for close spellings (again, if they changed) while the first letters
        # are typed.
        app = cast(RefTermApp, self.app)
        self._names_ready = asyncio.ensure_future(asyncio.to_thread(app.close_names().refresh))

    async def search(self, query: str) -> Hits:
        if not query.strip():
            return
        from refterm.core.close_names import close_matches, exact_matches

        app = cast(RefTermApp, self.app)
        database = app.context.database
        exact = await asyncio.to_thread(exact_matches, database, query, LISTED)
        for rank, match in enumerate(exact):
            yield self._hit(match, rank)
        ready = getattr(self, "_names_ready", None)
        if ready is not None:
            await asyncio.wait([ready])
        shown = {match.contact_id for match in exact}
        close = await asyncio.to_thread(
            close_matches, database, app.close_names(), query, shown, LISTED
        )
        for rank, match in enumerate(close, start=LISTED):
            yield self._hit(match, rank)

    def _hit(self, match: PaletteMatch, rank: int) -> Hit:
        app = cast(RefTermApp, self.app)
        where = " · ".join(part for part in (match.title, match.company) if part)
        spelled = "" if match.closeness is None else "  " + _("(close spelling)")
        # All user text goes into one Content (literal): the palette parses `help` and its own
        # highlighter's input as markup, so neither is given any.
        before, _name, after = _("Open {name}").partition("{name}")
        display = Content.assemble(
            before,
            (match.full_name, "bold"),
            after,
            ("   " + where if where else "", "dim"),
            (spelled, QUIET),
        )
        # Exact matches first, then close spellings closest first: the palette sorts by score.
        score = 1.0 - rank / (2 * LISTED + 1)
        return Hit(score, display, partial(app.open_contact, match.contact_id),
                   text=match.full_name)  # fmt: skip


class RefTermApp(App[None]):
    """The daily review of your network, in the terminal."""

    CSS_PATH = "refterm.tcss"  # untranslated: a file name
    TITLE = "refterm"
    MODES = {mode.name: mode.make_screen for mode in modes.MODES}
    DEFAULT_MODE = modes.MODES[0].name
    COMMANDS = App.COMMANDS | {RefTermCommands, ContactCommands}
    # The screen's class by terminal width: refterm.tcss fits a few things to 80 columns.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = [
        *(Binding(mode.key, f"switch_mode('{mode.name}')", mode.title, show=False,
                  tooltip=mode.tooltip, id=f"go.{mode.name}") for mode in modes.MODES),
        Binding("question_mark", "help", N_("Help"), tooltip=N_("Every key binding"), id="help"),
        Binding("ctrl+r", "refresh", N_("Refresh"), show=False,
                tooltip=N_("Read the database again (after a change made elsewhere)"),
                id="refresh"),
        Binding("ctrl+z", "undo", N_("Undo"), show=False,
                tooltip=N_("Take back the last change made here (again: the one before)"),
                id="undo"),
        Binding("q", "quit", N_("Quit"), tooltip=N_("Leave refterm"), id="quit"),
    ]  # fmt: skip
    # How often an idle app looks for changes made elsewhere (another refterm, another machine).
    POLL_SECONDS = 5.0
    # A full garbage collection takes 40-80 ms once Contacts has shown a large network: landing
    # on a key, it held that key's rows back by as much. Once the first screen is up, full
    # collections wait for this long without a key (`_collect_between_keys`).
    QUIET_SECONDS = 1.0

    def __init__(
        self,
        settings: Settings,
        database: Database,
        today: date,
        first_review: FirstReview | None = None,
    ) -> None:
        super().__init__()
        self.context = (
            first_review.context
            if first_review is not None
            else Context(settings=settings, database=database, today=today)
        )
        self.cursor_blink = True
        self.sub_title = today.isoformat()
        self._quit_warned = False
        self._close_names: CloseNames | None = None
        self._change_mark: tuple[str, ...] | None = None
        self._input_came = False  # a key, a paste or the mouse since `_collect_between_keys` looked
        self._collection_due = False
        self._warming = False
        if first_review is None:
            from refterm.screens.first_review import FirstReview

            # The database work of the first screen overlaps Textual's own start.
            first_review = FirstReview(self.context)
        self.first_review: FirstReview | None = first_review

    def get_screen(self, screen: Any, screen_class: Any = None) -> Any:
        """A screen about to be put up gets its size classes (`-narrow`, `-short`…) at once.

        Textual gives them on the screen's first resize, after it has styled every widget, and
        the new classes then style the whole screen again: a fifth of the time a form takes to
        open. Given first, that resize changes nothing.
        """
        found = super().get_screen(screen, screen_class)
        if not found.is_running:
            found.update_classes(size_classes(found, *self.size), update=False)
        return found

    def on_mount(self) -> None:
        self._load_title()
        self.set_interval(self.POLL_SECONDS, self._poll_changes)

    def close_names(self) -> CloseNames:
        """The palette's index of names for close spellings, built on first use and kept."""
        if self._close_names is None:
            from refterm.core.close_names import CloseNames

            self._close_names = CloseNames(self.context.database)
        return self._close_names

    def get_key_display(self, binding: Binding) -> str:
        """A key as the footer and the help name it; in French as French keyboards label it
        (« Échap », « Espace »), where Textual writes esc and space in every language."""
        from refterm.model.i18n import language

        shown = super().get_key_display(binding)
        return FRENCH_KEY_NAMES.get(shown, shown) if language() == "fr" else shown

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A dialog is open: q and 1-4 must not throw away what is being typed (ctrl+q still quits).
        if action in ("quit", "switch_mode", "undo") and isinstance(self.screen, ModalScreen):
            return False
        return True

    @work(thread=True, exclusive=True, group="title")
    def _load_title(self, fresh: bool = False) -> None:
        from refterm.core.agenda import profile_name

        first = None if fresh or self.first_review is None else self.first_review.wait()
        name = first.profile_name if first else profile_name(self.context.database)
        self.call_from_thread(self._show_title, name)

    def _show_title(self, name: str | None) -> None:
        # The header renders the title as plain Content, so a name holding markup stays literal.
        self.title = f"refterm · {name}" if name else "refterm"

    def on_today_screen_review_loaded(self, message: TodayScreen.ReviewLoaded) -> None:
        # The first screen is up: load SQLAlchemy now, while the user reads, not on their
        # first key press.
        if not self._warming:
            self._warming = True
            self.call_after_refresh(self._warm_up)
            self.set_interval(self.QUIET_SECONDS, self._collect_between_keys)
        if self._change_mark is None:
            # What the first screen shows is what the looks compare with: a write made since
            # its read (the first one starts before Textual loads) is shown at the next look.
            self._change_mark = message.change_mark

    def _poll_changes(self) -> None:
        # One look at a time; not `exclusive`: a cancelled worker would fail whoever waits on it.
        if not any(w.group == "poll" and not w.is_finished for w in self.workers):
            self._look_for_changes()

    @work(thread=True, group="poll")
    def _look_for_changes(self) -> None:
        from refterm.core.agenda import change_mark

        try:
            mark = change_mark(self.context.database)
        except Exception:  # a busy or unreachable database: look again at the next tick
            return
        self.call_from_thread(self._changes_seen, mark)

    def _changes_seen(self, mark: tuple[str, ...]) -> None:
        """Someone wrote since the last look: an idle app shows it without a key press."""
        from refterm.screens.writing import writes_waiting

        known, self._change_mark = self._change_mark, mark
        if known is None or known == mark or not self.screen_stack:
            return  # (no screen: the look came back while the app was closing)
        if isinstance(self.screen, ModalScreen) or writes_waiting(self):
            self._change_mark = known  # busy with a form or a write: shown at the next look
            return
        self._reload_screens()

    @work(thread=True, exclusive=True, group="warm-up")
    def _warm_up(self) -> None:
        import gc

        import refterm.db.session  # noqa: F401  (SQLModel and the tables)

        self.context.database.engine  # noqa: B018
        # What is loaded by now (Textual, SQLAlchemy, the screens: some 100,000 objects) lives
        # as long as the process: out of the collector's sight, a full collection no longer
        # stops a key press for 150 ms while the user types a filter. Once a process (a test
        # run builds many apps, and what is frozen is never collected).
        if not gc.get_freeze_count():
            gc.freeze()
            # The collector's own full passes come ten times less often: this app makes them
            # between keys.
            young, middle, _full = gc.get_threshold()
            gc.set_threshold(young, middle, 100)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.InputEvent, events.Paste)):
            self._input_came = True
        await super().on_event(event)

    def _collect_between_keys(self) -> None:
        """A full collection once the input has stopped for QUIET_SECONDS (keys, a paste, a
        scroll of the mouse), after any input."""
        import gc

        if self._input_came:
            self._input_came = False
            self._collection_due = True
        elif self._collection_due:
            self._collection_due = False
            gc.collect()

    async def action_quit(self) -> None:
        from refterm.screens.writing import writes_waiting

        if writes_waiting(self) and not self._quit_warned:
            # A change waiting for the lock would be lost if the wait ends in a refusal.
            self._quit_warned = True
            self.notify(
                _(
                    "A change is still waiting for the database; press q again to quit anyway "
                    "(it may not be saved)"
                ),
                title=_("Not saved yet"),
                severity="warning",
                markup=False,
            )
            return
        await super().action_quit()

    def action_undo(self) -> None:
        from refterm.screens.writing import Written, write

        screen = self.screen
        if not isinstance(screen, RefTermScreen):
            return
        database = self.context.database

        def undo() -> Written[int]:
            from refterm.core.undo import undo_last

            entry = undo_last(database, source="tui")
            return Written(entry.id, _("Undone: {change}").format(change=entry.label))

        write(screen, "undo", undo, retry="ctrl+z")

    def on_profile_changed(self, _: ProfileChanged) -> None:
        self._load_title(fresh=True)

    def on_mode_bar_mode_clicked(self, message: ModeBar.ModeClicked) -> None:
        self.switch_mode(message.mode)

    def _reload_screens(self) -> None:
        self._load_title(fresh=True)
        for screen in self.screen_stack:
            # A screen still being put up reads once it is mounted: its widgets are not there yet.
            if isinstance(screen, RefTermScreen) and screen.is_mounted:
                screen.reload()

    def action_refresh(self) -> None:
        self._reload_screens()
        self.notify(_("Read the database again"), timeout=2)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not TranslatedPalette.is_open(cast("App[object]", self)):
            self.push_screen(TranslatedPalette(id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(
            TranslatedPalette(providers=[ThemeProvider], placeholder=N_("Search for themes…"))
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's commands, named in the interface language (widgets/palette.py marks them).
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))

    def switch_language(self, language: str) -> None:
        """Speak `language` on every screen now, and remember it in config.toml."""
        from refterm import paths
        from refterm.config import save_ui_language
        from refterm.errors import RefTermError
        from refterm.model import i18n
        from refterm.screens.base import tell, tell_error

        try:
            i18n.set_language(language)
        except i18n.CatalogMissing as error:  # a broken install: one line, English stays
            tell_error(self.screen, str(error))
            return
        self._load_title(fresh=True)
        for screen in self.screen_stack:
            retranslate = getattr(screen, "retranslate", None)
            if retranslate is not None:
                retranslate()
        # Screens of the other modes catch up when they are shown again (RefTermScreen).
        path = self.context.settings.source or paths.config_file()
        try:
            save_ui_language(path, language)
        except RefTermError as error:
            tell_error(self.screen, error)
            return
        tell(self.screen, _("The interface speaks English now (saved in {path})").format(path=path))

    def action_help(self) -> None:
        from refterm.screens.help import HelpScreen, binding_sections

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(binding_sections(type(self))))

    def open_contact(self, contact_id: int) -> None:
        from refterm.screens.contact_detail import ContactDetailScreen

        self.push_screen(ContactDetailScreen(contact_id))

    def action_new_contact(self) -> None:
        from refterm.screens.contact_form import ContactDialog

        self.push_screen(ContactDialog())

    def action_import_contacts(self) -> None:
        from refterm.screens.import_dialog import ImportDialog

        self.push_screen(ImportDialog())

    def action_profile(self) -> None:
        from refterm.screens.profile_form import ProfileDialog

        self.push_screen(ProfileDialog())

    def action_export(self) -> None:
        from refterm.screens.export_dialog import ExportDialog

        self.push_screen(ExportDialog())


def make_app(
    settings: Settings, database: Database, today: date, first_review: FirstReview | None = None
) -> RefTermApp:
    """Build the app for the CLI and the tests alike (the engine is built on first use).

    `first_review` is one the caller started before Textual loaded (the CLI does); without it,
    the app starts its own.
    """
    database.change_source = "tui"
    return RefTermApp(settings, database, today, first_review)
