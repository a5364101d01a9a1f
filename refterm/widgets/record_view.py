"""Read-only views of records: a heading, then label / value rows whose values wrap in place."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from refterm.model.i18n import number, pgettext

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


# Stored codes in the interface's words. The codes never change; only what is shown does. Built
# at each call (cheap) so that they follow the interface language.


def relationship_label(code: str | None) -> str:
    """'direct_report' as 'direct report' ('collaborateur' in French); unknown codes as stored."""
    labels = {
        "colleague": pgettext("relationship", "colleague"),
        "manager": pgettext("relationship", "manager"),
        "direct_report": pgettext("relationship", "direct report"),
        "client": pgettext("relationship", "client"),
        "partner": pgettext("relationship", "partner"),
        "mentor": pgettext("relationship", "mentor"),
        "classmate": pgettext("relationship", "classmate"),
        "friend": pgettext("relationship", "friend"),
        "other": pgettext("relationship", "other"),
    }
    return labels.get(code or "", (code or "").replace("_", " "))


def kind_label(code: str) -> str:
    """'reference' or 'recommendation', in the interface language."""
    labels = {
        "reference": pgettext("ask kind", "reference"),
        "recommendation": pgettext("ask kind", "recommendation"),
    }
    return labels.get(code, code)


def status_label(code: str) -> str:
    """Where an ask stands ('agreed': 'acceptée' in French)."""
    labels = {
        "planned": pgettext("ask status", "planned"),
        "asked": pgettext("ask status", "asked"),
        "agreed": pgettext("ask status", "agreed"),
        "received": pgettext("ask status", "received"),
        "declined": pgettext("ask status", "declined"),
        "withdrawn": pgettext("ask status", "withdrawn"),
    }
    return labels.get(code, code)


def channel_label(code: str) -> str:
    """How an interaction happened: call, e-mail, message, meeting."""
    labels = {
        "call": pgettext("channel", "call"),
        "email": pgettext("channel", "email"),
        "message": pgettext("channel", "message"),
        "meeting": pgettext("channel", "meeting"),
        "other": pgettext("channel", "other"),
    }
    return labels.get(code, code)


def outcome_label(code: str) -> str:
    """How an interaction went ('no_answer': 'no answer')."""
    labels = {
        "reached": pgettext("outcome", "reached"),
        "voicemail": pgettext("outcome", "voicemail"),
        "no_answer": pgettext("outcome", "no answer"),
        "agreed": pgettext("outcome", "agreed"),
        "declined": pgettext("outcome", "declined"),
        "call_back": pgettext("outcome", "call back"),
        "job_change": pgettext("outcome", "job change"),
    }
    return labels.get(code, code.replace("_", " "))


def platform_label(code: str | None) -> str:
    """Where a recommendation is written, as a column shows it ('linkedin', 'letter')."""
    labels = {
        "linkedin": pgettext("platform", "linkedin"),
        "viadeo": pgettext("platform", "viadeo"),
        "exekutive": pgettext("platform", "exekutive"),
        "letter": pgettext("platform", "letter"),
        "email": pgettext("platform", "email"),
        "phone": pgettext("platform", "phone"),
        "other": pgettext("platform", "other"),
    }
    return labels.get(code or "", code or "")
