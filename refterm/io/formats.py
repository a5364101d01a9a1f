"""The dossier's export formats, declared once: the CLI, the dialog and the renderer read them."""

from __future__ import annotations

from dataclasses import dataclass

from refterm.model.i18n import N_


@dataclass(frozen=True)
class ExportFormat:
    """A dossier format; `label` and `help` are marked with N_: translate them where shown."""

    suffix: str
    label: str
    help: str


DOSSIER_FORMATS = (
    ExportFormat("md", N_("Markdown (.md)"), N_("Markdown")),
    ExportFormat("html", N_("HTML, printable (.html)"), N_("a printable HTML page")),
    ExportFormat("txt", N_("Plain text (.txt)"), N_("plain text")),
)
DOSSIER_SUFFIXES = tuple(item.suffix for item in DOSSIER_FORMATS)
