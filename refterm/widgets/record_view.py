"""Read-only views of records: a heading, then label / value rows whose values wrap in place."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from refterm.model.i18n import number

QUIET = "dim italic"  # untranslated: a style (empty states and hints)


def heading(title: str, count: int | None = None) -> Static:
    """A section title, with how many items follow."""
    counted = f"  {number(count)}" if count is not None else ""
    shown = Content.assemble((title, "bold $accent"), (counted, "bold"))
    return Static(shown, classes="record-heading")


def labelled(label: str, value: str | Content | None, indent: int = 0) -> Widget:
    """`label   value`; a long or multi-line value wraps under itself, never under the label."""
    shown = value if isinstance(value, Content) else Content(value or "—")
    if not isinstance(value, Content) and not value:
        shown = Content.styled("—", "dim")
    row = Horizontal(
        Static(Content.styled(label, "dim"), classes="record-label"),
        Static(shown, classes="record-value"),
        classes="record-row",
    )
    row.styles.padding = (0, 0, 0, indent)
    return row


def note(text: str | Content, indent: int = 0, classes: str = "") -> Static:
    """A paragraph (user text is literal), optionally indented."""
    shown = text if isinstance(text, Content) else Content(text)
    widget = Static(shown, classes=f"record-note {classes}".strip())
    widget.styles.padding = (0, 0, 0, indent)
    return widget
