"""One contact through a month, day by day: after each step the review, "last contact" and the
script refterm picks all tell the truth (the CLI's `today --json` is what is checked)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from refterm.cli.main import cli
from refterm.config import Settings
from refterm.core.asks import (
    AskForm,
    add_reference_use,
    create_ask,
    mark_briefed,
    mark_thanked,
    move_ask,
)
from refterm.core.contacts import ContactForm, create_contact, validate
from refterm.core.interactions import log_interaction
from refterm.core.scripts import suggest_template
from refterm.db.database import Database
from refterm.model.vocab import AskStatus, Channel, Outcome

START = date(2026, 11, 1)
CADENCE = 30


def review(db: Path | str, on: date) -> dict[str, object]:
    result = CliRunner().invoke(
        cli, ["--db", str(db), "--today", on.isoformat(), "today", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def sections_of(data: dict[str, object], name: str) -> list[str]:
    """The sections of one person's reasons, most pressing first; [] when not on the review."""
    people = data["people"]
    assert isinstance(people, list)
    mine = [person for person in people if person["contact"] == name]
    assert len(mine) <= 1, "one entry per person"
    return [reason["section"] for reason in mine[0]["reasons"]] if mine else []


def last_contact(db: Path | str, name: str) -> str | None:
    result = CliRunner().invoke(cli, ["--db", str(db), "contact", "list", "--json"])
    found = [item for item in json.loads(result.stdout) if item["full_name"] == name]
    value = found[0]["last_contacted_on"]
    return str(value) if value is not None else None


def test_a_month_with_omar(database: Database, db_path: Path, settings: Settings) -> None:
    name = "Omar Tazi"
    form = ContactForm(full_name=name, company="Maroc Telecom", relationship="client",
                       keep_in_touch_days=CADENCE)  # fmt: skip
    omar = create_contact(
        database, validate(form, settings), now=datetime(2026, 11, 1, 9, tzinfo=UTC)
    ).id
    assert omar is not None
    day = START

    def check(expected: list[str], last: date | None) -> None:
        data = review(database.location, day)
        assert sections_of(data, name) == expected, day
        assert last_contact(database.location, name) == (last.isoformat() if last else None), day
        template = suggest_template(database, omar, day, settings=settings).template
        if last is not None and (day - last).days < CADENCE:
            assert template != "keep_in_touch", (day, template)

    # Day 0: plan a reference (by phone) and a recommendation (on LinkedIn).
    reference = create_ask(database, omar, AskForm(kind="reference", platform="phone"), day,
                           settings).id or 0  # fmt: skip
    recommendation = (
        create_ask(
            database, omar, AskForm(kind="recommendation", platform="linkedin"), day, settings
        ).id
        or 0
    )
    check(["asks_to_make"], None)
    # Day 1: the reference is asked (m): contact; the recommendation is still to make.
    day = START + timedelta(days=1)
    move_ask(database, reference, AskStatus.ASKED, day, settings)
    check(["asks_to_make"], day)
    asked_on = day
    # Day 8: the follow-up is due; he does not answer (an attempt, not contact).
    day = START + timedelta(days=8)
    check(["follow_ups", "asks_to_make"], asked_on)
    log_interaction(database, omar, Channel.CALL, day, settings, Outcome.NO_ANSWER,
                    ask_id=reference)  # fmt: skip
    check(["asks_to_make"], asked_on)
    # Day 11: the retry is due; asked again, and reached.
    day = START + timedelta(days=11)
    check(["follow_ups", "asks_to_make"], asked_on)
    move_ask(database, reference, AskStatus.ASKED, day, settings)
    check(["asks_to_make"], day)
    # Day 12: he agrees (g); thanking him for agreeing is what the script proposes.
    day = START + timedelta(days=12)
    move_ask(database, reference, AskStatus.AGREED, day, settings)
    check(["asks_to_make"], day)
    assert (
        suggest_template(database, omar, day, reference, settings=settings).template == "thank_you"
    )
    # Day 14: given as a reference to an employer, and warned at once (u).
    day = START + timedelta(days=14)
    use = add_reference_use(database, reference, "Decathlon", "Head of Data", day, warned=True)
    check(["references_to_brief", "asks_to_make"], day)
    # Day 15: briefed (b).
    day = START + timedelta(days=15)
    mark_briefed(database, use.id or 0, day, settings=settings)
    check(["asks_to_make"], day)
    # Day 16: the recommendation is asked; day 18 he agrees to write it.
    day = START + timedelta(days=16)
    move_ask(database, recommendation, AskStatus.ASKED, day, settings)
    check([], day)
    day = START + timedelta(days=18)
    move_ask(database, recommendation, AskStatus.AGREED, day, settings)
    check(["owes_recommendation"], day)
    # Day 25: a week later, the follow-up on the promised recommendation is due.
    day = START + timedelta(days=25)
    check(["follow_ups", "owes_recommendation"], START + timedelta(days=18))
    # Day 27: received (r); day 28: thanked (t).
    day = START + timedelta(days=27)
    move_ask(database, recommendation, AskStatus.RECEIVED, day, settings)
    check(["thanks_owed"], day)
    day = START + timedelta(days=28)
    mark_thanked(database, recommendation, day, settings=settings)
    check([], day)
    # Day 30: nothing pressing; he was reached two days ago, so no "it's been a while".
    day = START + timedelta(days=30)
    check([], START + timedelta(days=28))
    # Two months on, with no contact since, he is going cold, and keep-in-touch fits.
    day = START + timedelta(days=28 + CADENCE)
    check(["going_cold"], START + timedelta(days=28))
    # The reference has never been thanked for agreeing: that is still what fits first.
    assert suggest_template(database, omar, day, settings=settings).template == "thank_you"
