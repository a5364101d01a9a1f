"""The import dialog (`i` on Contacts): a path with completion, a dry run, then the import."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, ProgressBar, Static

from refterm.model.display import safe_text
from refterm.model.i18n import N_, _
from refterm.screens.base import context_of, steady_cursors, tell
from refterm.screens.writing import failure_text, is_locked, show_waiting_later
from refterm.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from refterm.io.importer import ImportReport, ParsedImport

IMPORTABLE = (".csv", ".zip", ".vcf", ".vcard", ".json", ".txt")


class PathSuggester(Suggester):
    """Completes the last part of a path from what is on disk (folders end with a slash)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value == "~":
            return "~/" if value == "~" else None
        head, slash, prefix = value.rpartition("/")
        folder = Path(os.path.expanduser(head or "/")) if slash else Path.cwd()
        try:
            names = os.listdir(folder)
        except OSError:
            return None
        wanted = prefix.casefold()
        matches = [
            name
            for name in names
            if name.casefold().startswith(wanted) and (prefix.startswith(".") or name[0] != ".")
        ]
        if not matches:
            return None

        def rank(name: str) -> tuple[int, str]:
            # Folders and importable files first: those are what the user is after.
            full = folder / name
            return (0 if full.is_dir() or full.suffix.lower() in IMPORTABLE else 1, name.lower())

        best = min(matches, key=rank)
        completed = (head + slash) + best + ("/" if (folder / best).is_dir() else "")
        return completed if completed != value else None


class ImportDialog(ModalScreen[int]):
    """Check the file first (a dry run that writes nothing), then import it in one transaction."""

    BINDINGS = [
        Binding("ctrl+s", "go", N_("Check / import"), tooltip=N_("Check the file, then import it"),
                id="import.go"),
        Binding("escape", "cancel", N_("Cancel"), tooltip=N_("Close without importing"),
                id="import.cancel"),
    ]  # fmt: skip

    @dataclass
    class Progressed(Message):
        """`done` of `total` people handled."""

        done: int
        total: int

    @dataclass
    class Finished(Message):
        """The dry run or the import ended: a report, or the reason the file was refused."""

        report: ImportReport | None
        parsed: ParsedImport | None
        problem: str = ""
        undoable: bool = False  # the import left one undo step

    def __init__(self) -> None:
        super().__init__()
        self.parsed: ParsedImport | None = None
        self.checked_path: str | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form import") as box:
            box.border_title = _("Import contacts")
            box.border_subtitle = _("ctrl+s checks, then imports · escape cancels")
            yield Static(self._intro(), classes="form-intro")
            with Horizontal(classes="field"):
                yield Label(_("File"), classes="field-label")
                with Vertical(classes="field-body"):
                    yield Input(
                        placeholder=_("~/Downloads/Connections.csv  (→ completes)"),
                        suggester=PathSuggester(),
                        id="import-path",
                        compact=True,
                    )
                    yield Static(id="error-path", classes="field-error")
            yield Static(id="import-report", classes="import-report")
            yield ProgressBar(id="import-progress", show_eta=False)
            with Horizontal(classes="form-buttons"):
                yield Button(_("Check  ^s"), variant="primary", id="import-go", compact=True)
                yield Button(_("Cancel  esc"), id="import-cancel", compact=True)
        yield KeyFooter()

    @staticmethod
    def _intro() -> Content:
        """What can be imported; the file names in bold, wherever the language puts them."""
        sentence = _(
            "LinkedIn's data export (Settings → Data privacy → Get a copy of your data: "
            "the {zip}, its folder, or {csv}), a vCard address book ({vcf}) or a refterm "
            "JSON backup. Nothing is written until you confirm."
        )
        parts: list[str | tuple[str, str]] = []
        csv = "Connections.csv"  # untranslated: the file's name
        files = {"{zip}": ".zip", "{csv}": csv, "{vcf}": ".vcf"}
        for piece in re.split(r"(\{zip\}|\{csv\}|\{vcf\})", sentence):
            bold = files.get(piece)
            parts.append((bold, "bold") if bold else piece)
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        steady_cursors(self)
        self.query_one(ProgressBar).display = False
        self.query_one("#import-report").display = False
        self.query_one("#error-path").display = False

    @property
    def path_text(self) -> str:
        return self.query_one("#import-path", Input).value.strip()

    @on(Input.Changed, "#import-path")
    def _path_changed(self) -> None:
        if self.checked_path is not None and self.path_text != self.checked_path:
            self.parsed = None
            self.checked_path = None
            self.query_one("#import-go", Button).label = _("Check  ^s")
            self.query_one("#import-report").display = False

    @on(Input.Submitted, "#import-path")
    def _path_submitted(self) -> None:
        self.action_go()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "import-go":
            self.action_go()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(0)

    def action_go(self) -> None:
        if self.busy:
            return
        error = self.query_one("#error-path", Static)
        error.update("")
        error.display = False
        if not self.path_text:
            self._refuse(_("type the path of the file to import"))
            return
        self.busy = True
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        if self.parsed is not None and self.checked_path == self.path_text:
            show_waiting_later(self, self._run(self.path_text, self.parsed, dry_run=False))
        else:
            self._run(self.path_text, None, dry_run=True)

    @work(thread=True, exclusive=True, group="import")
    def _run(self, typed: str, parsed: ParsedImport | None, dry_run: bool) -> None:
        from refterm.core.undo import left_undo_step
        from refterm.errors import RefTermError
        from refterm.io.importer import import_contacts, read_import

        context = context_of(self)

        def progress(done: int, total: int) -> None:
            self.post_message(self.Progressed(done, total))

        left_undo_step()  # forget what an earlier job on this pooled thread left
        try:
            if parsed is None:
                parsed = read_import(Path(typed).expanduser(), context.settings)
            # A backup merges into a database in use: the dry-run report shown first, and the
            # confirmation after it, are the user's explicit say-so (the CLI's --merge).
            report = import_contacts(context.database, parsed, context.settings, dry_run=dry_run,
                                     progress=progress, merge=True,
                                     today=context.today)  # fmt: skip
        except RefTermError as error:
            self.post_message(self.Finished(None, None, error.message))
            return
        except Exception as error:  # the last guard: a message in the dialog, never a traceback
            problem = failure_text(error)
            if is_locked(error):
                problem = _("{problem}; nothing was imported: ctrl+s tries again").format(
                    problem=problem
                )
            self.post_message(self.Finished(None, None, problem))
            return
        self.post_message(self.Finished(report, parsed, undoable=left_undo_step()))

    def on_import_dialog_progressed(self, message: Progressed) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_import_dialog_finished(self, message: Finished) -> None:
        self.busy = False
        self.query_one(ProgressBar).display = False
        if message.report is None:
            self._refuse(message.problem)
            return
        report = message.report
        if report.dry_run:
            from refterm.io.importer import FORMAT_NAMES

            self.parsed = message.parsed
            self.checked_path = self.path_text
            fmt = _(FORMAT_NAMES[report.format]) if report.format in FORMAT_NAMES else report.format
            shown = self.query_one("#import-report", Static)
            shown.update(Content.assemble((_("Format") + "  ", "dim"), (fmt, "bold"), "\n\n",
                                          safe_text(report.summary(), multiline=True)))  # fmt: skip
            shown.display = True
            self.query_one("#import-go", Button).label = _("Import  ^s")
            return
        from refterm.core.undo import UNDO_HINT

        undo = _("{undo_hint} (the whole import)").format(undo_hint=_(UNDO_HINT))
        tell(self, report.summary() + (f"\n\n{undo}" if message.undoable else ""),
             title=_("Import done"))  # fmt: skip
        self.dismiss(report.added + report.merged)

    def _refuse(self, problem: str) -> None:
        error = self.query_one("#error-path", Static)
        error.update(Content(safe_text(problem, multiline=True)))
        error.display = True
