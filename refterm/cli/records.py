"""Commands that read and write records: today, contact, ask, log, profile, demo."""

from __future__ import annotations

import json
from collections.abc import Callable

import click

from refterm.cli.completion import complete_contact
from refterm.cli.options import date_option, vocab_choice
from refterm.cli.state import CliState, pass_state
from refterm.model.display import safe_text
from refterm.model.vocab import (
    AskKind,
    AskStatus,
    Channel,
    Civility,
    Formality,
    Language,
    Outcome,
    Platform,
    Relationship,
    SearchStatus,
    logged_outcomes,
)


def _json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_state
def today(state: CliState, as_json: bool) -> None:
    """The daily review: each person once, under the most pressing reason to get in touch."""
    from refterm.core.agenda import SECTION_TITLES, Section, build_agenda
    from refterm.model.plural import counted

    agenda = build_agenda(
        state.database, state.today, state.settings, limit=None if as_json else 50
    )
    if as_json:
        _json(agenda.as_json())
        return
    people = counted(agenda.people, "person to look at", "people to look at")
    click.echo(f"refterm review for {state.today.isoformat()}: {people}")
    for section in Section:
        items = agenda.section(section)
        total = agenda.totals.get(section, 0)
        click.echo("")
        click.echo(click.style(f"{SECTION_TITLES[section]} ({total:,})", bold=True))
        if not items:
            click.echo("  nothing")
        for item in items:
            company = f" ({item.company})" if item.company else ""
            also = f" · {item.also_text}" if item.also else ""
            who = f"contact {item.contact_id}"
            line = f"  {who:<13} {item.contact_name}{company}: {item.reason}{also}"
            click.echo(safe_text(line))
        if total > len(items):
            click.echo(f"  ... and {total - len(items):,} more")


def addressing_options(command: Callable[..., None]) -> Callable[..., None]:
    """How to address a contact and since when you know them (`contact add` and `edit`)."""
    for option in reversed(
        (
            click.option(
                "--greeting-name",
                "greeting_name",
                metavar="NAME",
                help="What to call them (default: from the name).",
            ),
            click.option(
                "--formality",
                type=vocab_choice(Formality),
                help="tu or vous in French (auto: from the relationship).",
            ),
            click.option(
                "--civility",
                type=vocab_choice(Civility),
                help="For 'Bonjour Monsieur Berrada' and agreement in the dossier.",
            ),
            click.option(
                "--known-since",
                "known_since",
                metavar="YYYY[-MM]",
                help="Since when you know them (the dossier says so only from this).",
            ),
        )
    ):
        command = option(command)
    return command


@click.group()
def contact() -> None:
    """Add, show, edit, list, archive, delete and merge contacts."""


@contact.command("add")
@click.argument("name")
@click.option("--company")
@click.option("--title")
@click.option("--email")
@click.option("--phone")
@click.option("--relationship", type=vocab_choice(Relationship))
@click.option("--how-we-met", "how_we_met")
@click.option("--linkedin", "linkedin_url", metavar="URL")
@click.option("--lang", "language", type=vocab_choice(Language))
@click.option(
    "--cadence",
    "keep_in_touch_days",
    type=int,
    metavar="DAYS",
    help="Keep in touch every DAYS days.",
)
@click.option("--notes")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for several).")
@click.option("--anyway", is_flag=True, help="Add them even if a likely twin is stored.")
@addressing_options
@pass_state
def contact_add(
    state: CliState, /, name: str, tags: tuple[str, ...], anyway: bool, **fields: object
) -> None:
    """Add a contact called NAME (refused when a likely twin exists, unless --anyway)."""
    from refterm.core.contacts import ContactForm, create_contact, validate
    from refterm.core.twins import find_twins
    from refterm.errors import InvalidInput

    form = ContactForm(full_name=name, tags=list(tags), **fields)  # type: ignore[arg-type]
    checked = validate(form, state.settings)
    if not anyway and (twins := find_twins(state.database, checked)):
        twin = twins[0]
        more = f" (and {len(twins) - 1} more)" if len(twins) > 1 else ""
        raise InvalidInput(
            f"not added: {twin.label} looks like the same person ({twin.reason}){more}; "
            f"see it with 'refterm contact show {twin.contact_id}', or add --anyway"
        )
    created = create_contact(state.database, checked)
    click.echo(safe_text(f"added contact {created.id}: {created.full_name}"))


@contact.command("edit")
@click.argument("contact_ref", metavar="CONTACT", shell_complete=complete_contact)
@click.option("--name", "full_name")
@click.option("--company")
@click.option("--title")
@click.option("--email")
@click.option("--phone")
@click.option("--relationship", type=vocab_choice(Relationship))
@click.option("--how-we-met", "how_we_met")
@click.option("--linkedin", "linkedin_url", metavar="URL")
@click.option("--lang", "language", type=vocab_choice(Language))
@click.option("--cadence", "keep_in_touch_days", type=int, metavar="DAYS")
@click.option("--notes")
@addressing_options
@pass_state
def contact_edit(state: CliState, /, contact_ref: str, **fields: object) -> None:
    """Change the fields given of CONTACT (an id or a name); the others keep their value."""
    from dataclasses import replace

    from refterm.core.contacts import contact_form, resolve_contact, update_contact, validate

    person = resolve_contact(state.database, contact_ref)
    given = {name: value for name, value in fields.items() if value is not None}
    if not given:
        raise click.UsageError("give at least one field to change (see --help)")
    form = replace(contact_form(state.database, person.id or 0), **given)  # type: ignore[arg-type]
    saved = update_contact(state.database, person.id or 0, validate(form, state.settings))
    click.echo(safe_text(f"saved contact {saved.id}: {saved.full_name}"))


@contact.command("list")
@click.option("--search", metavar="TEXT", help="Only contacts matching TEXT (name, company...).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_state
def contact_list(state: CliState, search: str | None, as_json: bool) -> None:
    """List contacts, sorted by name."""
    from refterm.core.contacts import list_all
    from refterm.core.records import contact_as_json

    found = list_all(state.database, search)
    if as_json:
        _json([contact_as_json(item, tags) for item, tags in found])
        return
    if not found:
        click.echo(safe_text("no contacts" + (f" match {search!r}" if search else "")))
    for item, _tags in found:
        detail = " · ".join(part for part in (item.title, item.company) if part)
        who = f"contact {item.id}"
        line = f"{who:<13} {item.full_name}" + (f"  ({detail})" if detail else "")
        click.echo(safe_text(line))


@click.group()
def ask() -> None:
    """Record, list, move and delete asks for references and recommendations."""


@ask.command("add")
@click.argument("contact_ref", metavar="CONTACT", shell_complete=complete_contact)
@click.option("--kind", type=vocab_choice(AskKind), required=True)
@click.option("--platform", type=vocab_choice(Platform))
@click.option("--purpose", help="The role or application it supports.")
@click.option("--talking-points", "talking_points")
@click.option("--status", type=vocab_choice(AskStatus), default="planned", show_default=True)
@click.option("--asked-on", "asked_on", metavar="DATE")
@click.option("--follow-up", "follow_up", metavar="DATE")
@click.option("--agreed-on", "agreed_on", metavar="DATE")
@click.option("--received-on", "received_on", metavar="DATE")
@click.option("--text", "recommendation_text", help="The recommendation as written.")
@click.option("--notes")
@pass_state
def ask_add(
    state: CliState,
    /,
    contact_ref: str,
    asked_on: str | None,
    follow_up: str | None,
    agreed_on: str | None,
    received_on: str | None,
    **fields: str | None,
) -> None:
    """Record an ask to CONTACT (an id or a name); past asks can be backfilled."""
    from refterm.core.asks import AskForm, create_ask
    from refterm.core.contacts import resolve_contact

    dates = {
        "asked_on": date_option(asked_on, state.today, "--asked-on"),
        "follow_up_on": date_option(follow_up, state.today, "--follow-up"),
        "agreed_on": date_option(agreed_on, state.today, "--agreed-on"),
        "received_on": date_option(received_on, state.today, "--received-on"),
    }
    person = resolve_contact(state.database, contact_ref)
    form = AskForm(**fields, **dates)  # type: ignore[arg-type]
    created = create_ask(state.database, person.id or 0, form, state.today, state.settings)
    line = f"added ask {created.id}: {created.kind} from {person.full_name} ({created.status})"
    click.echo(safe_text(line))


@click.command()
@click.argument("contact_ref", metavar="CONTACT", shell_complete=complete_contact)
@click.option("--channel", type=vocab_choice(Channel), required=True)
@click.option("--outcome", type=click.Choice(logged_outcomes(), case_sensitive=False))
@click.option("--ask", "ask_id", type=int, metavar="ID", help="The ask this was about.")
@click.option("--summary")
@click.option("--on", "on", metavar="DATE", help="When it happened (default: today).")
@click.option("--call-back", "call_back", metavar="DATE", help="With --outcome call_back.")
@pass_state
def log(
    state: CliState,
    contact_ref: str,
    channel: str,
    outcome: str | None,
    ask_id: int | None,
    summary: str | None,
    on: str | None,
    call_back: str | None,
) -> None:
    """Log a call, e-mail or meeting with CONTACT, and what came of it."""
    from refterm.core.contacts import resolve_contact
    from refterm.core.interactions import log_interaction

    occurred_on = date_option(on, state.today, "--on") or state.today
    call_back_on = date_option(call_back, state.today, "--call-back")
    person = resolve_contact(state.database, contact_ref)
    logged = log_interaction(
        state.database,
        person.id or 0,
        Channel(channel),
        occurred_on,
        state.settings,
        outcome=Outcome(outcome) if outcome else None,
        summary=summary,
        ask_id=ask_id,
        call_back_on=call_back_on,
    )
    line = f"logged {logged.channel} with {person.full_name} on {logged.occurred_on}"
    click.echo(safe_text(line))


@click.command()
@click.option("--name")
@click.option("--headline")
@click.option("--email")
@click.option("--phone")
@click.option("--city")
@click.option("--target-roles", "target_roles")
@click.option("--lang", "language", type=vocab_choice(Language))
@click.option(
    "--search-status",
    "search_status",
    type=vocab_choice(SearchStatus),
    help="employed (building your dossier), open (quietly) or looking (actively).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@pass_state
def profile(state: CliState, /, as_json: bool, **fields: str | None) -> None:
    """Show your profile, or set the fields given."""
    from refterm.core.profile import PROFILE_FIELDS, ProfileForm, get_profile, save_profile

    if any(value is not None for value in fields.values()):
        form = ProfileForm(**fields)  # type: ignore[arg-type]
        save_profile(state.database, form, state.settings, only_given=True)
        click.echo("profile saved")
    current = get_profile(state.database)
    if as_json:
        _json({name: getattr(current, name) for name in PROFILE_FIELDS})
        return
    for name in PROFILE_FIELDS:
        click.echo(safe_text(f"{name.replace('_', ' '):>12}: {getattr(current, name) or '-'}"))


@click.command()
@click.option(
    "--contacts",
    "extra",
    type=click.IntRange(0, 1_000_000),
    default=0,
    help="Also add this many synthetic contacts (for benchmarks).",
)
@pass_state
def demo(state: CliState, extra: int) -> None:
    """Fill the database with realistic demo data for today (and N synthetic contacts)."""
    from refterm.core.demo import add_synthetic_contacts, load_demo

    summary = load_demo(state.database, state.today)
    click.echo(safe_text(summary, multiline=True))
    if extra:
        added = add_synthetic_contacts(state.database, state.today, extra)
        click.echo(f"added {added} synthetic contacts")


COMMANDS = [today, contact, ask, log, profile, demo]
