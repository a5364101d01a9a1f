"""The export dialog (`x` on the Dossier): format, language and where to write the file."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Select

from refterm.errors import InvalidFields
from refterm.io.formats import DOSSIER_FORMATS, DOSSIER_SUFFIXES
from refterm.model.vocab import Language, choices
from refterm.screens.base import context_of, tell
from refterm.screens.dialogs import FormDialog, choice_list, picker, text_input

FORMATS = tuple((item.label, item.suffix) for item in DOSSIER_FORMATS)


class ExportDialog(FormDialog[str]):
    """Render the dossier with its templates and write it; returns the path written."""

    heading = "Export the dossier"
    save_label = "Export"

    def compose_fields(self) -> ComposeResult:
        from refterm.core.profile import get_profile

        context = context_of(self)
        language = get_profile(context.database).language or context.settings.language
        yield from self.field("format", "Format", picker(FORMATS, "md", blank=False))
        yield from self.field(
            "language", "Language", picker(choice_list(choices(Language)), language, blank=False)
        )
        yield from self.field("path", "Write to", text_input(self._default_path("md")))

    def _default_path(self, fmt: str) -> str:
        return f"~/dossier-{context_of(self).today.isoformat()}.{fmt}"

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "format" or event.value is Select.NULL:
            return
        path = self.query_one("#path", Input)
        stem, dot, suffix = path.value.rpartition(".")
        if dot and suffix in DOSSIER_SUFFIXES:
            path.value = f"{stem}.{event.value}"

    def submit(self) -> str:
        from refterm import paths
        from refterm.io.dossier_export import render_dossier

        context = context_of(self)
        typed = self.value("path").strip()
        if not typed:
            raise InvalidFields({"path": "say where to write the file"})
        target = Path(typed).expanduser()
        if target.is_dir():
            raise InvalidFields({"path": f"{target} is a folder; add a file name"})
        text = render_dossier(
            context.database,
            context.settings,
            self.value("format"),
            self.value("language"),
            paths.user_templates_dir(),
            context.today,
        )
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as error:
            raise InvalidFields(
                {"path": f"cannot write {target}: {error.strerror or error}"}
            ) from None
        tell(self, f"Dossier written to {target}")
        return str(target)
