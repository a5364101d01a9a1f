"""The dossier's export formats, declared once: the CLI, the dialog and the renderer read them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportFormat:
    suffix: str
    label: str
    help: str


DOSSIER_FORMATS = (
    ExportFormat("md", "Markdown (.md)", "Markdown"),
    ExportFormat("html", "HTML, printable (.html)", "a printable HTML page"),
    ExportFormat("txt", "Plain text (.txt)", "plain text"),
)
DOSSIER_SUFFIXES = tuple(item.suffix for item in DOSSIER_FORMATS)
