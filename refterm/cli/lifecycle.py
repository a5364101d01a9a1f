"""Commands that look at, archive, delete and merge records: `contact show|archive|unarchive|
delete|merge`, `ask list|set|delete`, `interaction list|delete`, `use delete`.

A destructive command asks on a terminal and takes `--yes` from a script; with no terminal to
ask on and no `--yes`, it refuses in one line and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from refterm.cli import asking
from refterm.cli.completion import complete_contact
from refterm.cli.options import date_option, vocab_choice
from refterm.cli.records import _json, ask, contact
from refterm.cli.state import CliState, pass_state
from refterm.errors import InvalidInput
from refterm.model.display import safe_text
from refterm.model.i18n import N_, _
from refterm.model.vocab import (
    AskKind,
    AskStatus,
    Channel,
    Civility,
    Formality,
    Language,
    Outcome,
    Relationship,
)
from refterm.model.vocab import label as vocab_label

# Stored codes `contact show` prints in the interface language (`--json` keeps the codes).
SHOWN_AS_LABELS = {"relationship": Relationship, "formality": Formality, "civility": Civility,
                   "language": Language}  # fmt: skip

_yes_option = click.option(
    "--yes", "-y", "yes", is_flag=True, help=N_("Do not ask (for scripts: there is no terminal).")
)


def confirm(question: str, yes: bool) -> None:
    """Ask `question` on a terminal; refuse without one unless --yes was given."""
    if yes:
        return
    if not asking.on_a_terminal():
        refusal = _("{question}: no terminal to ask; add --yes to confirm")
        raise InvalidInput(refusal.format(question=question.rstrip("?\u202f ")))
    if not asking.yes_or_no(question):
        raise click.Abort()


def _echo(line: str) -> None:
    click.echo(safe_text(line))


def _with_id(sentence: str, verb: str, which: str) -> str:
    """core's 'Delete Ada…' as 'Delete contact 7 Ada…'; in another language, 'contact 7: …'."""
    if sentence.startswith(verb):
        return f"{verb}{which} {sentence[len(verb) :]}"
    return _("{which}: {question}").format(which=which, question=sentence)


def _lowered(sentence: str) -> str:
    """core's 'Deleted …' as a command's report: 'deleted …' (in any language)."""
    return sentence[:1].lower() + sentence[1:]


def contact_argument(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("contact_ref", metavar=N_("CONTACT"), shell_complete=complete_contact)(
        command
    )


# -- contacts --------------------------------------------------------------------------------


@contact.command(
    "show", help=N_("Everything about CONTACT: fields, tags, asks, history, reference uses.")
)
@contact_argument
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
@pass_state
def contact_show(state: CliState, contact_ref: str, as_json: bool) -> None:
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
    from refterm.model.plural import counted

    person = detail.contact
    if person.archived_at:
        heading = _("contact {id} {name} (archived {day})").format(
            id=person.id, name=person.full_name, day=f"{person.archived_at:%Y-%m-%d}"
        )
    else:
        heading = _("contact {id} {name}").format(id=person.id, name=person.full_name)
    fields = []
    for name, (label, _option) in MERGED_FIELDS.items():
        value = shown(getattr(person, name))
        if name in SHOWN_AS_LABELS and value not in ("auto", "none"):
            value = vocab_label(SHOWN_AS_LABELS[name], value)
        if name == "keep_in_touch_days" and value:
            value = counted(int(value), "every {count} day", "every {count} days")
        if name != "full_name" and value and value not in ("auto", "none"):
            fields.append((_("{label}:").format(label=_(label)), value))
    if person.last_contacted_on:
        fields.append((_("Last contact:"), person.last_contacted_on.isoformat()))
    if detail.tags:
        fields.append((_("Tags:"), ", ".join(detail.tags)))
    width = max([14, *(len(label) for label, _value in fields)])
    lines = [heading]
    lines.extend(
        f"  {label:<{width + 1}} {value}".replace("\n", "\n" + " " * (width + 4))
        for label, value in fields
    )
    lines.append(_("asks ({count})").format(count=len(detail.asks)))
    for item in detail.asks:
        if item.purpose:
            line = _("  ask {id}  {kind} for {purpose}: {status}")
        else:
            line = _("  ask {id}  {kind}: {status}")
        kind, status = vocab_label(AskKind, item.kind), vocab_label(AskStatus, item.status)
        lines.append(line.format(id=item.id, kind=kind, purpose=item.purpose, status=status))
    lines.append(_("interactions ({count})").format(count=len(detail.interactions)))
    for entry in detail.interactions:
        lines.append("  " + interaction_line(entry))
    lines.append(_("reference uses ({count})").format(count=len(detail.uses)))
    for use in detail.uses:
        role = f" ({use.role})" if use.role else ""
        if use.briefed_on:
            line = _("  use {id}  {day} to {company}{role} (ask {ask}, briefed {briefed})")
        else:
            line = _("  use {id}  {day} to {company}{role} (ask {ask}, not briefed)")
        lines.append(
            line.format(
                id=use.id,
                day=use.shared_on.isoformat(),
                company=use.company,
                role=role,
                ask=use.ask_id,
                briefed=use.briefed_on.isoformat() if use.briefed_on else "",
            )
        )
    return lines


def interaction_line(entry: Any, name: str = "") -> str:
    outcome = f" · {vocab_label(Outcome, entry.outcome)}" if entry.outcome else ""
    about = _(" (ask {id})").format(id=entry.ask_id) if entry.ask_id else ""
    summary = _(": {summary}").format(summary=entry.summary) if entry.summary else ""
    who = _(" with {name}").format(name=name) if name else ""
    line = _("interaction {id}  {day} {channel}{who}{outcome}{about}{summary}")
    return line.format(
        id=entry.id,
        day=entry.occurred_on.isoformat(),
        channel=vocab_label(Channel, entry.channel),
        who=who,
        outcome=outcome,
        about=about,
        summary=summary,
    )


@contact.command(
    "archive",
    help=N_(
        "Hide CONTACT from lists and the review; nothing is deleted (`unarchive` brings them back)."
    ),
)
@contact_argument
@pass_state
def contact_archive(state: CliState, contact_ref: str) -> None:
    from refterm.core.contacts import resolve_contact
    from refterm.core.removal import set_archived

    person = resolve_contact(state.database, contact_ref)
    set_archived(state.database, person.id, True)
    _echo(_("archived contact {id} {name}").format(id=person.id, name=person.full_name))


@contact.command(
    "unarchive", help=N_("Bring an archived CONTACT back into the lists and the review.")
)
@contact_argument
@pass_state
def contact_unarchive(state: CliState, contact_ref: str) -> None:
    from refterm.core.contacts import resolve_contact
    from refterm.core.removal import set_archived

    person = resolve_contact(state.database, contact_ref, include_archived=True)
    set_archived(state.database, person.id, False)
    _echo(_("unarchived contact {id} {name}").format(id=person.id, name=person.full_name))


@contact.command(
    "delete",
    help=N_(
        "Delete CONTACT with their asks, history and reference uses (asks first on a terminal)."
    ),
)
@contact_argument
@_yes_option
@pass_state
def contact_delete(state: CliState, contact_ref: str, yes: bool) -> None:
    from refterm.core.contacts import resolve_contact
    from refterm.core.removal import contact_removal, delete_contact

    person = resolve_contact(state.database, contact_ref, include_archived=True)
    removal = contact_removal(state.database, person.id)
    # core says "Delete Ada Lovelace…" in the interface language: the CLI names the id too.
    which = _("contact {id}").format(id=person.id)
    confirm(_with_id(removal.question, "Delete ", which), yes)
    done = delete_contact(state.database, person.id).done
    _echo(_lowered(_with_id(done, "Deleted ", which)))


def _parse_choices(given: tuple[str, ...]) -> dict[str, str]:
    from refterm.core.merging import field_named

    choices = {}
    for item in given:
        name, sep, side = item.partition("=")
        if not sep or side.strip().lower() not in ("a", "b", "both"):
            raise click.BadParameter(
                _("{given!r}: write FIELD=A or FIELD=B (notes=both keeps both notes)").format(
                    given=item
                ),
                param_hint="--keep-field",
            )
        choices[field_named(name)] = side.strip().lower()
    return choices


@contact.command(
    "merge",
    help=N_(
        "Merge contact B into contact A: A keeps its id, B's asks, history and tags move to it."
    ),
)
@click.argument("first_ref", metavar="A", shell_complete=complete_contact)
@click.argument("second_ref", metavar="B", shell_complete=complete_contact)
@click.option(
    "--keep-field",
    "keep_fields",
    multiple=True,
    metavar=N_("FIELD=A|B"),
    help=N_(
        "Whose value to keep for FIELD (repeat; notes=both keeps both). Default: what is "
        "filled, else the newer value."
    ),
)
@click.option(
    "--dry-run", is_flag=True, help=N_("Show the choices and what moves; change nothing.")
)
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
    from refterm.core.contacts import resolve_contact
    from refterm.core.merging import MERGED_FIELDS, merge_contacts, merge_plan
    from refterm.model.plural import counted

    choices = _parse_choices(keep_fields)
    first = resolve_contact(state.database, first_ref, include_archived=True)
    second = resolve_contact(state.database, second_ref, include_archived=True)
    plan = merge_plan(state.database, first.id, second.id)
    _echo(
        _("A: contact {a} {a_name}   B: contact {b} {b_name}").format(
            a=first.id, a_name=first.full_name, b=second.id, b_name=second.full_name
        )
    )
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
    tags = ", ".join(plan.tags) or _("none")
    _echo(_("  moves {moving}; tags {tags}").format(moving=", ".join(moving), tags=tags))
    if dry_run:
        _echo(_("dry run: nothing changed"))
        return
    question = _("Merge contact {b} into contact {a} and delete contact {b}?")
    confirm(question.format(a=first.id, b=second.id), yes)
    result = merge_contacts(state.database, first.id, second.id, choices)
    _echo(result.summary[0].lower() + result.summary[1:])


# -- asks ------------------------------------------------------------------------------------


@ask.command("list", help=N_("List asks with their ids, by status (the Asks screen's order)."))
@click.option("--status", type=vocab_choice(AskStatus), help=N_("Only asks in this status."))
@click.option("--kind", type=vocab_choice(AskKind), help=N_("Only references or recommendations."))
@click.option("--contact", "contact_ref", metavar=N_("CONTACT"), shell_complete=complete_contact,
              help=N_("Only this contact's asks (archived contacts too)."))  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help=N_("Print a JSON array."))
@pass_state
def ask_list(
    state: CliState, status: str | None, kind: str | None, contact_ref: str | None, as_json: bool
) -> None:
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
        _echo(_("no asks"))
    width = max([9, *(len(_("ask {id}").format(id=row.ask_id)) for row in rows)])
    statuses = {row.ask_id: vocab_label(AskStatus, row.status) for row in rows}
    kinds = {row.ask_id: vocab_label(AskKind, row.kind) for row in rows}
    status_width = max([9, *(len(shown) for shown in statuses.values())])
    kind_width = max([14, *(len(shown) for shown in kinds.values())])
    for row in rows:
        purpose = _(" for {purpose}").format(purpose=row.purpose) if row.purpose else ""
        follow = ""
        if row.follow_up_on:
            follow = _(", follow up {day}").format(day=row.follow_up_on.isoformat())
        which = _("ask {id}").format(id=row.ask_id)
        who = _("contact {id}").format(id=row.contact_id)
        _echo(
            f"{which:<{width}} {statuses[row.ask_id]:<{status_width}} "
            f"{kinds[row.ask_id]:<{kind_width}} {who} "
            f"{row.contact_name}{purpose}{follow}"
        )


@ask.command(
    "set",
    help=N_("Move ask ID to another status (asked, agreed, received, declined, withdrawn...)."),
)
@click.argument("ask_id", metavar=N_("ID"), type=int)
@click.option("--status", type=vocab_choice(AskStatus), required=True,
              help=N_("The new status: only the moves the ask's status allows."))  # fmt: skip
@click.option("--on", "on", metavar=N_("DATE"), help=N_("When it happened (default: today)."))
@click.option("--text", "recommendation_text", help=N_("With --status received: what they wrote."))
@pass_state
def ask_set(
    state: CliState, ask_id: int, status: str, on: str | None, recommendation_text: str | None
) -> None:
    from refterm.core.asks import move_ask

    when = date_option(on, state.today, "--on") or state.today
    moved = move_ask(state.database, ask_id, AskStatus(status), when, state.settings,
                     recommendation_text=recommendation_text)  # fmt: skip
    status = vocab_label(AskStatus, moved.status)
    _echo(_("ask {id} is now {status}").format(id=moved.id, status=status))


@ask.command("delete", help=N_("Delete ask ID and its reference uses; the history about it stays."))
@click.argument("ask_id", metavar=N_("ID"), type=int)
@_yes_option
@pass_state
def ask_delete(state: CliState, ask_id: int, yes: bool) -> None:
    from refterm.core.removal import ask_removal, delete_ask

    removal = ask_removal(state.database, ask_id)
    confirm(removal.question + (f" {removal.stays}" if removal.stays else ""), yes)
    _echo(_lowered(delete_ask(state.database, ask_id).done))


# -- interactions and reference uses ---------------------------------------------------------


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_("List and delete logged calls, messages and meetings."),
)
def interaction() -> None:
    pass


@interaction.command("list", help=N_("History entries with their ids, newest first."))
@click.option("--contact", "contact_ref", metavar=N_("CONTACT"), shell_complete=complete_contact,
              help=N_("Only this contact's history."))  # fmt: skip
@click.option("--limit", type=click.IntRange(1), default=None, help=N_("At most this many."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print a JSON array."))
@pass_state
def interaction_list(
    state: CliState, contact_ref: str | None, limit: int | None, as_json: bool
) -> None:
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
        _echo(_("no interactions"))
    for entry, name in found:
        who = _("contact {id} {name}").format(id=entry.contact_id, name=name)
        _echo(interaction_line(entry, who))


@interaction.command(
    "delete", help=N_('Delete history entry ID ("last contact" is read again from what is left).')
)
@click.argument("interaction_id", metavar=N_("ID"), type=int)
@_yes_option
@pass_state
def interaction_delete(state: CliState, interaction_id: int, yes: bool) -> None:
    from refterm.core.removal import delete_interaction, interaction_removal

    removal = interaction_removal(state.database, interaction_id)
    question = removal.question
    if question.startswith("Delete the"):  # untranslated: core's English sentence
        named = f"Delete interaction {interaction_id}, the"  # untranslated: core's English
        question = question.replace("Delete the", named, 1)  # untranslated: core's English
    else:
        which = _("interaction {id}").format(id=interaction_id)
        question = _("{which}: {question}").format(which=which, question=question)
    confirm(question, yes)
    _echo(_lowered(delete_interaction(state.database, interaction_id).done))


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_("Reference uses: a referee given to an employer (`contact show` lists them)."),
)
def use() -> None:
    pass


@use.command("delete", help=N_("Delete reference use ID."))
@click.argument("use_id", metavar=N_("ID"), type=int)
@_yes_option
@pass_state
def use_delete(state: CliState, use_id: int, yes: bool) -> None:
    from refterm.core.removal import delete_reference_use, use_removal

    confirm(use_removal(state.database, use_id).question, yes)
    _echo(_lowered(delete_reference_use(state.database, use_id).done))


COMMANDS = [interaction, use]
