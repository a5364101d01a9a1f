"""Commands that look at, archive, delete and merge records: `contact show|archive|unarchive|
delete|merge`, `ask list|set|delete`, `interaction list|delete`, `use delete`.

A destructive command asks on a terminal and takes `--yes` from a script; with no terminal to
ask on and no `--yes`, it refuses in one line and changes nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from refterm.cli.completion import complete_contact
from refterm.cli.options import date_option, vocab_choice
from refterm.cli.records import _json, ask, contact
from refterm.cli.state import CliState, pass_state
from refterm.errors import InvalidInput
from refterm.model.display import safe_text
from refterm.model.vocab import AskKind, AskStatus

_yes_option = click.option(
    "--yes", "-y", "yes", is_flag=True, help="Do not ask (for scripts: there is no terminal)."
)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def confirm(question: str, yes: bool) -> None:
    """Ask `question` on a terminal; refuse without one unless --yes was given."""
    if yes:
        return
    if not stdin_is_terminal():
        raise InvalidInput(f"{question.rstrip('?')}: no terminal to ask; add --yes to confirm")
    click.confirm(safe_text(question), abort=True)


def _echo(line: str) -> None:
    click.echo(safe_text(line))


def contact_argument(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("contact_ref", metavar="CONTACT", shell_complete=complete_contact)(
        command
    )


# -- contacts --------------------------------------------------------------------------------


@contact.command("show")
@contact_argument
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def contact_show(state: CliState, contact_ref: str, as_json: bool) -> None:
    """Everything about CONTACT: fields, tags, asks, history, reference uses."""
    from refterm.core.contacts import contact_detail, resolve_contact
    from refterm.core.records import contact_as_json, history_as_json

    person = resolve_contact(state.database, contact_ref, include_archived=True)
    detail = contact_detail(state.database, person.id)
    if as_json:
        data = contact_as_json(detail.contact, detail.tags)
        data.update(history_as_json(detail))
        _json(data)
        return
    for line in detail_lines(detail):
        _echo(line)


def detail_lines(detail: Any) -> list[str]:
    """`contact show` as lines of text."""
    from refterm.core.merging import MERGED_FIELDS, shown

    person = detail.contact
    archived = f" (archived {person.archived_at:%Y-%m-%d})" if person.archived_at else ""
    lines = [f"contact {person.id} {person.full_name}{archived}"]
    for name, (label, _option) in MERGED_FIELDS.items():
        value = shown(getattr(person, name))
        if name == "keep_in_touch_days" and value:
            value = f"every {value} days"
        if name != "full_name" and value and value not in ("auto", "none"):
            lines.append(f"  {label + ':':<15} {value}".replace("\n", "\n" + " " * 18))
    if person.last_contacted_on:
        lines.append(f"  {'Last contact:':<15} {person.last_contacted_on.isoformat()}")
    if detail.tags:
        lines.append(f"  {'Tags:':<15} {', '.join(detail.tags)}")
    lines.append(f"asks ({len(detail.asks)})")
    for item in detail.asks:
        purpose = f" for {item.purpose}" if item.purpose else ""
        lines.append(f"  ask {item.id}  {item.kind}{purpose}: {item.status}")
    lines.append(f"interactions ({len(detail.interactions)})")
    for entry in detail.interactions:
        lines.append("  " + interaction_line(entry))
    lines.append(f"reference uses ({len(detail.uses)})")
    for use in detail.uses:
        role = f" ({use.role})" if use.role else ""
        briefed = f", briefed {use.briefed_on.isoformat()}" if use.briefed_on else ", not briefed"
        lines.append(
            f"  use {use.id}  {use.shared_on.isoformat()} to {use.company}{role}"
            f" (ask {use.ask_id}{briefed})"
        )
    return lines


def interaction_line(entry: Any, name: str = "") -> str:
    outcome = f" · {entry.outcome.replace('_', ' ')}" if entry.outcome else ""
    about = f" (ask {entry.ask_id})" if entry.ask_id else ""
    summary = f": {entry.summary}" if entry.summary else ""
    who = f" with {name}" if name else ""
    return (
        f"interaction {entry.id}  {entry.occurred_on.isoformat()} {entry.channel}{who}"
        f"{outcome}{about}{summary}"
    )


@contact.command("archive")
@contact_argument
@pass_state
def contact_archive(state: CliState, contact_ref: str) -> None:
    """Hide CONTACT from lists and the review; nothing is deleted (`unarchive` brings them back)."""
    from refterm.core.contacts import resolve_contact
    from refterm.core.removal import set_archived

    person = resolve_contact(state.database, contact_ref)
    set_archived(state.database, person.id, True)
    _echo(f"archived contact {person.id} {person.full_name}")


@contact.command("unarchive")
@contact_argument
@pass_state
def contact_unarchive(state: CliState, contact_ref: str) -> None:
    """Bring an archived CONTACT back into the lists and the review."""
    from refterm.core.contacts import resolve_contact
    from refterm.core.removal import set_archived

    person = resolve_contact(state.database, contact_ref, include_archived=True)
    set_archived(state.database, person.id, False)
    _echo(f"unarchived contact {person.id} {person.full_name}")


@contact.command("delete")
@contact_argument
@_yes_option
@pass_state
def contact_delete(state: CliState, contact_ref: str, yes: bool) -> None:
    """Delete CONTACT with their asks, history and reference uses (asks first on a terminal)."""
    from refterm.core.contacts import resolve_contact
    from refterm.core.removal import contact_removal, delete_contact

    person = resolve_contact(state.database, contact_ref, include_archived=True)
    removal = contact_removal(state.database, person.id)
    confirm(removal.question.replace("Delete ", f"Delete contact {person.id} ", 1), yes)
    done = delete_contact(state.database, person.id).done
    _echo(done.replace("Deleted ", f"deleted contact {person.id} ", 1))


def _parse_choices(given: tuple[str, ...]) -> dict[str, str]:
    from refterm.core.merging import field_named

    choices = {}
    for item in given:
        name, sep, side = item.partition("=")
        if not sep or side.strip().lower() not in ("a", "b", "both"):
            raise click.BadParameter(
                f"{item!r}: write FIELD=A or FIELD=B (notes=both keeps both notes)",
                param_hint="--keep-field",
            )
        choices[field_named(name)] = side.strip().lower()
    return choices


@contact.command("merge")
@click.argument("first_ref", metavar="A", shell_complete=complete_contact)
@click.argument("second_ref", metavar="B", shell_complete=complete_contact)
@click.option(
    "--keep-field",
    "keep_fields",
    multiple=True,
    metavar="FIELD=A|B",
    help="Whose value to keep for FIELD (repeat; notes=both keeps both). Default: what is "
    "filled, else the newer value.",
)
@click.option("--dry-run", is_flag=True, help="Show the choices and what moves; change nothing.")
@_yes_option
@pass_state
def contact_merge(
    state: CliState,
    first_ref: str,
    second_ref: str,
    keep_fields: tuple[str, ...],
    dry_run: bool,
    yes: bool,
) -> None:
    """Merge contact B into contact A: A keeps its id, B's asks, history and tags move to it."""
    from refterm.core.contacts import resolve_contact
    from refterm.core.merging import MERGED_FIELDS, merge_contacts, merge_plan
    from refterm.model.plural import counted

    choices = _parse_choices(keep_fields)
    first = resolve_contact(state.database, first_ref, include_archived=True)
    second = resolve_contact(state.database, second_ref, include_archived=True)
    plan = merge_plan(state.database, first.id, second.id)
    _echo(f"A: contact {first.id} {first.full_name}   B: contact {second.id} {second.full_name}")
    for field in plan.fields:
        side = choices.get(field.name, field.default)
        option = MERGED_FIELDS[field.name][1]
        kept = {"a": field.a, "b": field.b, "both": f"{field.b} + {field.a}"}[side]
        _echo(f"  {option}: {side.upper()} {kept!r}  (A {field.a!r}, B {field.b!r})")
    moving = [
        counted(plan.moving.asks, "ask", "asks"),
        counted(plan.moving.interactions, "interaction", "interactions"),
        counted(plan.moving.uses, "reference use", "reference uses"),
    ]
    _echo(f"  moves {', '.join(moving)}; tags {', '.join(plan.tags) or 'none'}")
    if dry_run:
        _echo("dry run: nothing changed")
        return
    confirm(f"Merge contact {second.id} into contact {first.id} and delete contact {second.id}?",
            yes)  # fmt: skip
    result = merge_contacts(state.database, first.id, second.id, choices)
    _echo(result.summary[0].lower() + result.summary[1:])


# -- asks ------------------------------------------------------------------------------------


@ask.command("list")
@click.option("--status", type=vocab_choice(AskStatus), help="Only asks in this status.")
@click.option("--kind", type=vocab_choice(AskKind), help="Only references or recommendations.")
@click.option("--contact", "contact_ref", metavar="CONTACT", shell_complete=complete_contact,
              help="Only this contact's asks (archived contacts too).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_state
def ask_list(
    state: CliState, status: str | None, kind: str | None, contact_ref: str | None, as_json: bool
) -> None:
    """List asks with their ids, by status (the Asks screen's order)."""
    from refterm.core.contacts import resolve_contact
    from refterm.core.pipeline import list_asks, row_as_json

    contact_id = None
    if contact_ref is not None:
        contact_id = resolve_contact(state.database, contact_ref, include_archived=True).id
    rows = list_asks(state.database, status, kind, contact_id)
    if as_json:
        _json([row_as_json(row) for row in rows])
        return
    if not rows:
        _echo("no asks")
    for row in rows:
        purpose = f" for {row.purpose}" if row.purpose else ""
        follow = f", follow up {row.follow_up_on.isoformat()}" if row.follow_up_on else ""
        which = f"ask {row.ask_id}"
        _echo(
            f"{which:<9} {row.status:<9} {row.kind:<14} contact {row.contact_id} "
            f"{row.contact_name}{purpose}{follow}"
        )


@ask.command("set")
@click.argument("ask_id", metavar="ID", type=int)
@click.option("--status", type=vocab_choice(AskStatus), required=True,
              help="The new status: only the moves the ask's status allows.")  # fmt: skip
@click.option("--on", "on", metavar="DATE", help="When it happened (default: today).")
@click.option("--text", "recommendation_text", help="With --status received: what they wrote.")
@pass_state
def ask_set(
    state: CliState, ask_id: int, status: str, on: str | None, recommendation_text: str | None
) -> None:
    """Move ask ID to another status (asked, agreed, received, declined, withdrawn...)."""
    from refterm.core.asks import move_ask

    when = date_option(on, state.today, "--on") or state.today
    moved = move_ask(state.database, ask_id, AskStatus(status), when, state.settings,
                     recommendation_text=recommendation_text)  # fmt: skip
    _echo(f"ask {moved.id} is now {moved.status}")


@ask.command("delete")
@click.argument("ask_id", metavar="ID", type=int)
@_yes_option
@pass_state
def ask_delete(state: CliState, ask_id: int, yes: bool) -> None:
    """Delete ask ID and its reference uses; the history about it stays."""
    from refterm.core.removal import ask_removal, delete_ask

    removal = ask_removal(state.database, ask_id)
    confirm(removal.question + (f" {removal.stays}" if removal.stays else ""), yes)
    _echo(delete_ask(state.database, ask_id).done.replace("Deleted", "deleted", 1))


# -- interactions and reference uses ---------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def interaction() -> None:
    """List and delete logged calls, messages and meetings."""


@interaction.command("list")
@click.option("--contact", "contact_ref", metavar="CONTACT", shell_complete=complete_contact,
              help="Only this contact's history.")  # fmt: skip
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_state
def interaction_list(
    state: CliState, contact_ref: str | None, limit: int | None, as_json: bool
) -> None:
    """History entries with their ids, newest first."""
    from dataclasses import asdict

    from refterm.core.contacts import resolve_contact
    from refterm.core.interactions import list_interactions

    contact_id = None
    if contact_ref is not None:
        contact_id = resolve_contact(state.database, contact_ref, include_archived=True).id
    found = list_interactions(state.database, contact_id, limit)
    if as_json:
        _json([
            {**{k: v.isoformat() if hasattr(v, "isoformat") else v
                for k, v in asdict(entry).items()}, "contact": name}
            for entry, name in found
        ])  # fmt: skip
        return
    if not found:
        _echo("no interactions")
    for entry, name in found:
        _echo(interaction_line(entry, f"contact {entry.contact_id} {name}"))


@interaction.command("delete")
@click.argument("interaction_id", metavar="ID", type=int)
@_yes_option
@pass_state
def interaction_delete(state: CliState, interaction_id: int, yes: bool) -> None:
    """Delete history entry ID ("last contact" is read again from what is left)."""
    from refterm.core.removal import delete_interaction, interaction_removal

    removal = interaction_removal(state.database, interaction_id)
    confirm(removal.question.replace("Delete the", f"Delete interaction {interaction_id}, the"),
            yes)  # fmt: skip
    _echo(delete_interaction(state.database, interaction_id).done.replace("Deleted", "deleted"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def use() -> None:
    """Reference uses: a referee given to an employer (`contact show` lists them)."""


@use.command("delete")
@click.argument("use_id", metavar="ID", type=int)
@_yes_option
@pass_state
def use_delete(state: CliState, use_id: int, yes: bool) -> None:
    """Delete reference use ID."""
    from refterm.core.removal import delete_reference_use, use_removal

    confirm(use_removal(state.database, use_id).question, yes)
    _echo(delete_reference_use(state.database, use_id).done.replace("Deleted", "deleted"))


COMMANDS = [interaction, use]
