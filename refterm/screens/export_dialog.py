"""The export dialog (`x` on the Dossier): format, language and where to write the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Select

from refterm.errors import InvalidFields
from refterm.io.formats import DOSSIER_FORMATS, DOSSIER_SUFFIXES
from refterm.model.i18n import N_, _
from refterm.model.vocab import Language
from refterm.screens.base import context_of
from refterm.screens.dialogs import FormDialog, choice_list, picker, text_input
from refterm.screens.writing import Written

FORMATS = tuple((item.label, item.suffix) for item in DOSSIER_FORMATS)
HIDDEN_CHOICES = ((N_("Leave out"), "leave"), (N_("Include"), "include"))


class ExportDialog(FormDialog[str]):
    """Render the dossier with its templates and write it; returns the path written."""

    heading = N_("Export the dossier")
    save_label = N_("Export")

    loads = True

    def __init__(self) -> None:
        super().__init__()
        self.language = ""
        self.warnings: list[str] = []
        # The existing file the user agreed to replace (asked once per path).
        self.overwrite: Path | None = None

    def load(self) -> None:
        from refterm.core.profile import get_profile

        context = context_of(self)
        self.language = get_profile(context.database).language or context.settings.language

    def compose_fields(self) -> ComposeResult:
        formats = [(_(label), suffix) for label, suffix in FORMATS]
        yield from self.field("format", _("Format"), picker(formats, "md", blank=False))
        yield from self.field(
            "language", _("Language"),
            picker(choice_list(Language), self.language, blank=False),
        )  # fmt: skip
        hidden = [(_(label), value) for label, value in HIDDEN_CHOICES]
        yield from self.field(
            "hidden", _("Hidden"), picker(hidden, "leave", blank=False),
            hint=_("the recommendations you hid on LinkedIn"),
        )  # fmt: skip
        yield from self.field("path", _("Write to"), text_input(self._default_path("md")))

    def _default_path(self, fmt: str) -> str:
        return f"~/dossier-{context_of(self).today.isoformat()}.{fmt}"

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "format" or event.value is Select.NULL:
            return
        path = self.query_one("#path", Input)
        stem, dot, suffix = path.value.rpartition(".")
        if dot and suffix in DOSSIER_SUFFIXES:
            path.value = f"{stem}.{event.value}"

    def action_save(self) -> None:
        """An existing file is replaced only once the user says yes."""
        target = Path(self.value("path").strip()).expanduser() if self.ready else None
        if self.saving or target is None or not target.is_file() or target == self.overwrite:
            super().action_save()
            return
        from textual.content import Content

        from refterm.screens.dialogs import ConfirmDialog, sentence

        question = Content.assemble(
            *sentence(_("{name} already exists."), str(target)), "\n",
            (_("Overwrite it?"), "bold"),
        )  # fmt: skip

        def answered(yes: bool | None) -> None:
            if yes:
                self.overwrite = target
                super(ExportDialog, self).action_save()

        self.app.push_screen(ConfirmDialog(question, yes=_("Overwrite")), answered)

    def submit(self) -> Callable[[], Written[str]]:
        context = context_of(self)
        typed = self.value("path").strip()
        if not typed:
            raise InvalidFields({"path": _("say where to write the file")})
        target = Path(typed).expanduser()
        if target.is_dir():
            raise InvalidFields(
                {"path": _("{path} is a folder; add a file name").format(path=target)}
            )
        fmt, language = self.value("format"), self.value("language")
        include_hidden = self.value("hidden") == "include"

        def save() -> Written[str]:
            from refterm import paths
            from refterm.core.dossier import build_dossier
            from refterm.errors import InvalidInput
            from refterm.files import write_output
            from refterm.io.dossier_export import render_dossier, unreachable_warnings

            text = render_dossier(context.database, context.settings, fmt, language,
                                  paths.user_templates_dir(), context.today,
                                  include_hidden=include_hidden)  # fmt: skip
            try:
                write_output(target, text, private=False)
            except InvalidInput as error:
                raise InvalidFields({"path": error.message}) from None
            # Read in the thread, shown by after_save on the event loop.
            self.warnings = unreachable_warnings(build_dossier(context.database).references)
            return Written(str(target), _("Dossier written to {path}").format(path=target))

        return save

    def after_save(self, value: str) -> None:
        for warning in self.warnings:
            self.app.notify(warning, title=_("Check"), severity="warning", markup=False, timeout=8)
