"""Commands that read and write records: today, contact, ask, log, profile, demo."""

from __future__ import annotations

import json
from collections.abc import Callable

import click

from refterm.cli.completion import complete_contact
from refterm.cli.options import date_option, vocab_choice
from refterm.cli.state import CliState, pass_state
from refterm.model.display import safe_text
from refterm.model.i18n import N_, _, number
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
    label,
    logged_outcomes,
)

# The profile's fields as `refterm profile` names them (in English, the field name itself).
# Codes (statuses, kinds, channels) are shown as the interface says them, and the options take
# them back either way (`cli.options.VocabChoice`); `--json` keeps the codes.
# The profile's fields that hold a code, shown as the interface says it.
PROFILE_VOCABULARIES = {"language": Language, "search_status": SearchStatus}
PROFILE_LABELS = {
    "name": N_("name"),
    "headline": N_("headline"),
    "email": N_("email"),
    "phone": N_("phone"),
    "city": N_("city"),
    "target_roles": N_("target roles"),
    "language": N_("language"),
    "search_status": N_("search status"),
}


def _json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command(
    help=N_("The daily review: each person once, under the most pressing reason to get in touch.")
)
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON instead of a table."))
@pass_state
def today(state: CliState, as_json: bool) -> None:
    from refterm.core.agenda import SECTION_TITLES, Section, build_agenda
    from refterm.model.plural import counted

    agenda = build_agenda(
        state.database,
        state.today,
        state.settings,
        limit=None if as_json else 50,
        every_reason=as_json,
    )
    if as_json:
        _json(agenda.as_json())
        return
    people = counted(agenda.people, "person to look at", "people to look at")
    heading = _("refterm review for {day}: {people}")
    click.echo(heading.format(day=state.today.isoformat(), people=people))
    for section in Section:
        items = agenda.section(section)
        total = agenda.totals.get(section, 0)
        click.echo("")
        title = f"{_(SECTION_TITLES[section])} ({number(total)})"
        click.echo(click.style(title, bold=True))
        if not items:
            click.echo(_("  nothing"))
        for item in items:
            company = f" ({item.company})" if item.company else ""
            also = f" · {item.also_text}" if item.also else ""
            who = _("contact {id}").format(id=item.contact_id)
            said = _("{name}: {reason}").format(name=f"{item.contact_name}{company}",
                                                reason=item.reason)  # fmt: skip
            line = f"  {who:<13} {said}{also}"
            click.echo(safe_text(line))
        if total > len(items):
            click.echo(_("  ... and {count} more").format(count=number(total - len(items))))


def addressing_options(command: Callable[..., None]) -> Callable[..., None]:
    """How to address a contact and since when you know them (`contact add` and `edit`)."""
    for option in reversed(
        (
            click.option(
                "--greeting-name",
                "greeting_name",
                metavar=N_("NAME"),
                help=N_("What to call them (default: from the name)."),
            ),
            click.option(
                "--formality",
                type=vocab_choice(Formality),
                help=N_("tu or vous in French (auto: from the relationship)."),
            ),
            click.option(
                "--civility",
                type=vocab_choice(Civility),
                help=N_("For 'Bonjour Monsieur Berrada' and agreement in the dossier."),
            ),
            click.option(
                "--known-since",
                "known_since",
                metavar=N_("YYYY[-MM]"),
                help=N_("Since when you know them (the dossier says so only from this)."),
            ),
        )
    ):
        command = option(command)
    return command


@click.group(help=N_("Add, show, edit, list, archive, delete and merge contacts."))
def contact() -> None:
    pass


@contact.command(
    "add",
    help=N_("Add a contact called NAME (refused when a likely twin exists, unless --anyway)."),
)
@click.argument("name", metavar=N_("NAME"))
@click.option("--company")
@click.option("--title")
@click.option("--email")
@click.option("--phone")
@click.option("--relationship", type=vocab_choice(Relationship))
@click.option("--how-we-met", "how_we_met")
@click.option("--linkedin", "linkedin_url", metavar=N_("URL"))
@click.option("--lang", "language", type=vocab_choice(Language))
@click.option(
    "--cadence",
    "keep_in_touch_days",
    type=int,
    metavar=N_("DAYS"),
    help=N_("Keep in touch every DAYS days."),
)
@click.option("--notes")
@click.option("--tag", "tags", multiple=True, help=N_("A tag (repeat for several)."))
@click.option("--anyway", is_flag=True, help=N_("Add them even if a likely twin is stored."))
@addressing_options
@pass_state
def contact_add(
    state: CliState, /, name: str, tags: tuple[str, ...], anyway: bool, **fields: object
) -> None:
    from refterm.core.contacts import ContactForm, create_contact, validate
    from refterm.core.twins import find_twins
    from refterm.errors import InvalidInput

    form = ContactForm(full_name=name, tags=list(tags), **fields)  # type: ignore[arg-type]
    checked = validate(form, state.settings)
    if not anyway and (twins := find_twins(state.database, checked)):
        twin = twins[0]
        if len(twins) > 1:
            refusal = _(
                "not added: {twin} looks like the same person ({reason}) (and {more} more); "
                "see it with 'refterm contact show {id}', or add --anyway"
            )
        else:
            refusal = _(
                "not added: {twin} looks like the same person ({reason}); "
                "see it with 'refterm contact show {id}', or add --anyway"
            )
        raise InvalidInput(
            refusal.format(
                twin=twin.label, reason=twin.reason, more=number(len(twins) - 1), id=twin.contact_id
            )
        )
    created = create_contact(state.database, checked)
    added = _("added contact {id}: {name}").format(id=created.id, name=created.full_name)
    click.echo(safe_text(added))


@contact.command(
    "edit",
    help=N_("Change the fields given of CONTACT (an id or a name); the others keep their value."),
)
@click.argument("contact_ref", metavar=N_("CONTACT"), shell_complete=complete_contact)
@click.option("--name", "full_name")
@click.option("--company")
@click.option("--title")
@click.option("--email")
@click.option("--phone")
@click.option("--relationship", type=vocab_choice(Relationship))
@click.option("--how-we-met", "how_we_met")
@click.option("--linkedin", "linkedin_url", metavar=N_("URL"))
@click.option("--lang", "language", type=vocab_choice(Language))
@click.option("--cadence", "keep_in_touch_days", type=int, metavar=N_("DAYS"))
@click.option("--notes")
@addressing_options
@pass_state
def contact_edit(state: CliState, /, contact_ref: str, **fields: object) -> None:
    from dataclasses import replace

    from refterm.core.contacts import contact_form, resolve_contact, update_contact, validate

    person = resolve_contact(state.database, contact_ref)
    given = {name: value for name, value in fields.items() if value is not None}
    if not given:
        raise click.UsageError(_("give at least one field to change (see --help)"))
    form = replace(contact_form(state.database, person.id or 0), **given)  # type: ignore[arg-type]
    saved = update_contact(state.database, person.id or 0, validate(form, state.settings))
    click.echo(safe_text(_("saved contact {id}: {name}").format(id=saved.id, name=saved.full_name)))


@contact.command("list", help=N_("List contacts, sorted by name."))
@click.option(
    "--search", metavar=N_("TEXT"), help=N_("Only contacts matching TEXT (name, company...).")
)
@click.option("--json", "as_json", is_flag=True, help=N_("Print a JSON array."))
@pass_state
def contact_list(state: CliState, search: str | None, as_json: bool) -> None:
    from refterm.core.contacts import list_all
    from refterm.core.records import contact_as_json

    found = list_all(state.database, search)
    if as_json:
        _json([contact_as_json(item, tags) for item, tags in found])
        return
    if not found:
        if search:
            click.echo(safe_text(_("no contacts match {search!r}").format(search=search)))
        else:
            click.echo(_("no contacts"))
    for item, _tags in found:
        detail = " · ".join(part for part in (item.title, item.company) if part)
        who = _("contact {id}").format(id=item.id)
        line = f"{who:<13} {item.full_name}" + (f"  ({detail})" if detail else "")
        click.echo(safe_text(line))


@click.group(help=N_("Record, list, move and delete asks for references and recommendations."))
def ask() -> None:
    pass


@ask.command(
    "add", help=N_("Record an ask to CONTACT (an id or a name); past asks can be backfilled.")
)
@click.argument("contact_ref", metavar=N_("CONTACT"), shell_complete=complete_contact)
@click.option("--kind", type=vocab_choice(AskKind), required=True)
@click.option("--platform", type=vocab_choice(Platform))
@click.option("--purpose", help=N_("The role or application it supports."))
@click.option("--talking-points", "talking_points")
@click.option("--status", type=vocab_choice(AskStatus), default="planned", show_default=True)
@click.option("--asked-on", "asked_on", metavar=N_("DATE"))
@click.option("--follow-up", "follow_up", metavar=N_("DATE"))
@click.option("--agreed-on", "agreed_on", metavar=N_("DATE"))
@click.option("--received-on", "received_on", metavar=N_("DATE"))
@click.option("--text", "recommendation_text", help=N_("The recommendation as written."))
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
    line = _("added ask {id}: {kind} from {name} ({status})").format(
        id=created.id,
        kind=label(AskKind, created.kind),
        name=person.full_name,
        status=label(AskStatus, created.status),
    )
    click.echo(safe_text(line))


@click.command(help=N_("Log a call, e-mail or meeting with CONTACT, and what came of it."))
@click.argument("contact_ref", metavar=N_("CONTACT"), shell_complete=complete_contact)
@click.option("--channel", type=vocab_choice(Channel), required=True)
@click.option("--outcome", type=click.Choice(logged_outcomes(), case_sensitive=False))
@click.option("--ask", "ask_id", type=int, metavar=N_("ID"), help=N_("The ask this was about."))
@click.option("--summary")
@click.option("--on", "on", metavar=N_("DATE"), help=N_("When it happened (default: today)."))
@click.option("--call-back", "call_back", metavar=N_("DATE"), help=N_("With --outcome call_back."))
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
    line = _("logged {channel} with {name} on {day}").format(
        channel=label(Channel, logged.channel), name=person.full_name, day=logged.occurred_on
    )
    click.echo(safe_text(line))


@click.command(help=N_("Show your profile, or set the fields given."))
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
    help=N_("employed (building your dossier), open (quietly) or looking (actively)."),
)
@click.option("--json", "as_json", is_flag=True, help=N_("Print the profile as JSON."))
@pass_state
def profile(state: CliState, /, as_json: bool, **fields: str | None) -> None:
    from refterm.core.profile import PROFILE_FIELDS, ProfileForm, get_profile, save_profile

    if any(value is not None for value in fields.values()):
        form = ProfileForm(**fields)  # type: ignore[arg-type]
        save_profile(state.database, form, state.settings, only_given=True)
        click.echo(_("profile saved"))
    current = get_profile(state.database)
    if as_json:
        _json({name: getattr(current, name) for name in PROFILE_FIELDS})
        return
    labels = {name: _(PROFILE_LABELS.get(name, name.replace("_", " "))) for name in PROFILE_FIELDS}
    width = max(12, *(len(label) for label in labels.values()))
    for name in PROFILE_FIELDS:
        value = getattr(current, name) or "-"
        if name in PROFILE_VOCABULARIES and value != "-":
            value = label(PROFILE_VOCABULARIES[name], value)
        click.echo(
            safe_text(_("{label}: {value}").format(label=f"{labels[name]:>{width}}", value=value))
        )


@click.command(
    help=N_("Fill the database with realistic demo data for today (and N synthetic contacts).")
)
@click.option(
    "--contacts",
    "extra",
    type=click.IntRange(0, 1_000_000),
    default=0,
    help=N_("Also add this many synthetic contacts (for benchmarks)."),
)
@pass_state
def demo(state: CliState, extra: int) -> None:
    from refterm.core.demo import add_synthetic_contacts, load_demo
    from refterm.model.plural import counted

    summary = load_demo(state.database, state.today)
    click.echo(safe_text(summary, multiline=True))
    if extra:
        added = add_synthetic_contacts(state.database, state.today, extra)
        click.echo(
            counted(added, "added {count} synthetic contact", "added {count} synthetic contacts")
        )


COMMANDS = [today, contact, ask, log, profile, demo]
