"""The command line's show, archive, delete, merge, ask list/set and interaction commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from refterm.cli import asking
from refterm.cli.main import cli
from refterm.db.database import Database
from refterm.paths import is_database_url
from tests.support import TODAY, dump, query, run


@pytest.fixture
def db(demo_database: Database) -> str:
    """The demo network: Sarah Mitchell is contact 5, with ask 6 and three interactions.

    The SQLite file's path or the PostgreSQL URL, as `--db` takes it."""
    return demo_database.location


def counts(db: str) -> dict[str, int]:
    return {
        table: int(query(db, f"SELECT count(*) FROM {table}")[0][0])
        for table in ("contact", "ask", "interaction", "reference_use", "contact_tag")
    }


def test_h_is_help_everywhere(db: str) -> None:
    for words in ((), ("contact",), ("contact", "merge"), ("ask", "list"), ("interaction",),
                  ("interaction", "delete"), ("today",), ("import", "linkedin")):  # fmt: skip
        result = run(db, *words, "-h")
        assert result.exit_code == 0, (words, result.output)
        assert result.stdout.startswith("Usage: "), words


def test_contact_show_lists_every_id(db: str) -> None:
    result = run(db, "contact", "show", "sarah")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "contact 5 Sarah Mitchell"
    assert "  Keep in touch:  every 45 days" in lines
    assert "  ask 6  recommendation for Staff engineer applications: agreed" in lines
    assert any(line.startswith("  interaction 27  2026-11-11 message · agreed") for line in lines)
    data = json.loads(run(db, "contact", "show", "5", "--json").stdout)
    assert data["full_name"] == "Sarah Mitchell" and data["tags"] == ["mentor", "remote"]
    assert [ask["id"] for ask in data["asks"]] == [6]
    assert len(data["interactions"]) == 3 and data["reference_uses"] == []


def test_today_and_contact_list_say_contact_n(db: str) -> None:
    assert "\n  contact 5     Sarah Mitchell (Datadog): " in run(db, "today").stdout
    listed = run(db, "contact", "list", "--search", "sarah").stdout
    assert listed == "contact 5     Sarah Mitchell  (Staff Engineer · Datadog)\n"


def test_archive_hides_and_unarchive_by_name_brings_back(db: str) -> None:
    assert run(db, "contact", "archive", "sarah").stdout == "archived contact 5 Sarah Mitchell\n"
    assert run(db, "contact", "list", "--search", "sarah").stdout.startswith("no contacts")
    again = run(db, "contact", "archive", "5")
    assert again.exit_code == 2
    assert again.stderr == "refterm: contact 5 Sarah Mitchell is already archived\n"
    back = run(db, "contact", "unarchive", "sarah")
    assert back.stdout == "unarchived contact 5 Sarah Mitchell\n", back.output
    assert "Sarah Mitchell" in run(db, "contact", "list", "--search", "sarah").stdout


def test_delete_without_a_terminal_refuses_in_one_line(db: str) -> None:
    before = dump(db)
    result = run(db, "contact", "delete", "sarah")
    assert result.exit_code == 2
    assert result.stderr == (
        "refterm: Delete contact 5 Sarah Mitchell, 1 ask and 3 interactions: no terminal to "
        "ask; add --yes to confirm\n"
    )
    assert dump(db) == before


def test_delete_with_yes_takes_everything(db: str) -> None:
    before = counts(db)
    result = run(db, "contact", "delete", "sarah", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == "deleted contact 5 Sarah Mitchell with 1 ask and 3 interactions\n"
    after = counts(db)
    assert (before["contact"] - after["contact"], before["ask"] - after["ask"]) == (1, 1)
    assert before["interaction"] - after["interaction"] == 3
    assert before["contact_tag"] - after["contact_tag"] == 2


def test_delete_on_a_terminal_asks_first(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asking, "on_a_terminal", lambda: True)
    args = ["--db", str(db), "--today", TODAY.isoformat(), "contact", "delete", "5"]
    said_no = CliRunner().invoke(cli, args, input="n\n")
    assert "Delete contact 5 Sarah Mitchell, 1 ask and 3 interactions? [y/N]" in said_no.output
    assert said_no.exit_code == 1
    assert run(db, "contact", "show", "5").exit_code == 0
    said_yes = CliRunner().invoke(cli, args, input="y\n")
    assert said_yes.exit_code == 0, said_yes.output
    assert run(db, "contact", "show", "5").exit_code == 2


def test_in_french_the_question_takes_oui_and_non(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """« [o/N] », not click's English « [y/N] »; oui and o say yes, anything else is asked again."""
    monkeypatch.setattr(asking, "on_a_terminal", lambda: True)
    args = ["--ui-lang", "fr", "--db", str(db), "--today", TODAY.isoformat(), "contact", "delete"]
    said_no = CliRunner().invoke(cli, [*args, "5"], input="non\n")
    assert said_no.exit_code == 1
    assert said_no.output.startswith("contact 5\u00a0: Supprimer Sarah Mitchell")
    assert "\u202f? [o/N] " in said_no.output
    assert "[y/N]" not in said_no.output
    assert said_no.output.endswith("refterm\u00a0: abandon\n")
    assert run(db, "contact", "show", "5").exit_code == 0
    asked_again = CliRunner().invoke(cli, [*args, "5"], input="peut-être\nOui\n")
    assert asked_again.exit_code == 0, asked_again.output
    assert asked_again.output.count("[o/N]") == 2
    assert "Répondez par oui ou par non." in asked_again.output
    assert run(db, "contact", "show", "5").exit_code == 2
    english_letter = CliRunner().invoke(cli, [*args, "6"], input="y\n")  # taken in any language
    assert english_letter.exit_code == 0, english_letter.output


def test_contact_add_refuses_a_twin_unless_anyway(db: str) -> None:
    before = dump(db)
    refused = run(db, "contact", "add", "sarah  MITCHELL")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "refterm: not added: contact 5 Sarah Mitchell (Datadog) looks like the same person "
        "(same name); see it with 'refterm contact show 5', or add --anyway\n"
    )
    assert dump(db) == before
    added = run(db, "contact", "add", "Sarah Mitchell", "--anyway")
    assert added.exit_code == 0 and added.stdout.startswith("added contact ")


def test_contact_merge_moves_everything(db: str) -> None:
    added = run(db, "contact", "add", "S. Mitchell", "--email", "sarah.mitchell@example.com",
                "--tag", "new-york", "--anyway")  # fmt: skip
    twin_id = int(added.stdout.split()[2].rstrip(":"))
    run(db, "log", str(twin_id), "--channel", "call", "--outcome", "reached")
    run(db, "ask", "add", str(twin_id), "--kind", "reference")
    dry = run(db, "contact", "merge", "5", str(twin_id), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "  name: B 'S. Mitchell'  (A 'Sarah Mitchell', B 'S. Mitchell')" in dry.stdout
    assert "  moves 1 ask, 1 interaction, 0 reference uses; tags mentor, new-york, remote" in (
        dry.stdout
    )
    merged = run(db, "contact", "merge", "5", str(twin_id), "--keep-field", "name=A", "--yes")
    assert merged.exit_code == 0, merged.output
    assert merged.stdout.splitlines()[-1] == (
        f"merged contact {twin_id} S. Mitchell into contact 5 Sarah Mitchell: moved 1 ask, "
        f"1 interaction, 0 reference uses; took nothing from contact {twin_id}; "
        "tags mentor, new-york, remote"
    )
    data = json.loads(run(db, "contact", "show", "5", "--json").stdout)
    assert (len(data["asks"]), len(data["interactions"])) == (2, 4)
    assert data["last_contacted_on"] == TODAY.isoformat()
    assert run(db, "contact", "show", str(twin_id)).exit_code == 2


def test_contact_merge_refuses_bad_choices(db: str) -> None:
    before = dump(db)
    bad = run(db, "contact", "merge", "5", "6", "--keep-field", "age=A", "--yes")
    assert bad.exit_code == 2 and bad.stderr.startswith("refterm: no field is called 'age'")
    worse = run(db, "contact", "merge", "5", "6", "--keep-field", "name", "--yes")
    assert worse.exit_code == 2 and "FIELD=A or FIELD=B" in worse.stderr
    assert run(db, "contact", "merge", "5", "6").exit_code == 2  # no terminal, no --yes
    assert dump(db) == before


def test_ask_list_filters_and_json(db: str) -> None:
    every = run(db, "ask", "list").stdout.splitlines()
    assert all(line.startswith("ask ") for line in every)
    agreed = json.loads(run(db, "ask", "list", "--status", "agreed", "--json").stdout)
    assert agreed and {row["status"] for row in agreed} == {"agreed"}
    assert {"ask_id", "contact_id", "contact_name", "kind", "follow_up_on"} <= set(agreed[0])
    references = json.loads(run(db, "ask", "list", "--kind", "reference", "--json").stdout)
    assert {row["kind"] for row in references} == {"reference"}
    sarah = json.loads(run(db, "ask", "list", "--contact", "sarah", "--json").stdout)
    assert [row["ask_id"] for row in sarah] == [6]
    assert run(db, "ask", "list", "--status", "lost").exit_code == 2


def test_ask_set_allows_only_the_allowed_moves(db: str) -> None:
    before = dump(db)
    refused = run(db, "ask", "set", "6", "--status", "planned")
    assert refused.exit_code == 2
    assert "an ask that is agreed cannot become planned" in refused.stderr
    assert dump(db) == before
    moved = run(db, "ask", "set", "6", "--status", "received", "--text", "Sarah is great")
    assert moved.stdout == "ask 6 is now received\n", moved.output
    assert (
        json.loads(run(db, "ask", "list", "--contact", "5", "--json").stdout)[0]["status"]
        == "received"
    )


def test_ask_delete_keeps_the_history(db: str) -> None:
    before = counts(db)
    refused = run(db, "ask", "delete", "6")
    assert refused.exit_code == 2 and "add --yes" in refused.stderr
    done = run(db, "ask", "delete", "6", "--yes")
    assert done.stdout == ("deleted the recommendation ask 6 to Sarah Mitchell (agreed)\n"), (
        done.output
    )
    after = counts(db)
    assert before["ask"] - after["ask"] == 1 and before["interaction"] == after["interaction"]


def test_interaction_list_and_delete(db: str) -> None:
    listed = run(db, "interaction", "list", "--contact", "sarah").stdout.splitlines()
    assert listed[0] == (
        "interaction 27  2026-11-11 message with contact 5 Sarah Mitchell · agreed (ask 6): "
        "Agreed to write a recommendation"
    )
    entries = json.loads(run(db, "interaction", "list", "--json", "--limit", "2").stdout)
    assert len(entries) == 2 and {"id", "contact_id", "contact", "occurred_on"} <= set(entries[0])
    assert run(db, "interaction", "delete", "27").exit_code == 2
    done = run(db, "interaction", "delete", "27", "--yes")
    assert done.stdout == "deleted the message of 2026-11-11 with Sarah Mitchell\n", done.output
    shown = json.loads(run(db, "contact", "show", "5", "--json").stdout)
    # Last contact falls back to the entry before the one deleted.
    assert shown["last_contacted_on"] == "2026-11-08"
    assert run(db, "interaction", "delete", "27", "--yes").stderr == (
        "refterm: no interaction has id 27\n"
    )


def test_use_delete(db: str) -> None:
    shown = json.loads(run(db, "contact", "show", "yasmine", "--json").stdout)
    use_id = shown["reference_uses"][0]["id"]
    done = run(db, "use", "delete", str(use_id), "--yes")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"deleted the reference use {use_id}: Yasmine Benali given to")
    again = json.loads(run(db, "contact", "show", "yasmine", "--json").stdout)
    assert len(again["reference_uses"]) == len(shown["reference_uses"]) - 1


def test_contact_names_complete(db: str, tmp_path: Path) -> None:
    from click.shell_completion import ShellComplete

    def complete(*words: str) -> list[str]:
        completion = ShellComplete(cli, {}, "refterm", "_REFTERM_COMPLETE")
        args = ["--db", str(db), *words[:-1]]
        return [item.value for item in completion.get_completions(args, words[-1])]

    if is_database_url(db):
        # A PostgreSQL server is not asked on every tab (cli.completion): nothing, no error.
        assert complete("contact", "show", "sar") == []
        return
    assert complete("contact", "show", "sar") == ["Sarah Mitchell"]
    assert complete("script", "emi") == ["Émilie Rousseau"]
    assert complete("ask", "list", "--contact", "sar") == ["Sarah Mitchell"]
    assert complete("contact", "show", "5") == []
    missing = ["--db", str(tmp_path / "none.db"), "contact", "show"]
    completion = ShellComplete(cli, {}, "refterm", "_REFTERM_COMPLETE")
    assert completion.get_completions(missing, "sa") == []
    assert not (tmp_path / "none.db").exists()


def test_in_french_the_records_read_in_french_and_are_typed_back(db: str) -> None:
    """`contact show`, `ask list` and `interaction list` say the statuses, kinds, channels and
    outcomes as the interface does (never `received` or `call · reached` in a French line), and
    what they print is taken back by the options."""
    shown = run(db, "--ui-lang", "fr", "contact", "show", "7")
    assert shown.exit_code == 0, shown.output
    assert "Relation\u00a0:         collègue" in shown.output
    assert "Langue\u00a0:           français" in shown.output
    assert "demande 8  recommandation pour Product roles\u00a0: reçue" in shown.output
    asks = run(db, "--ui-lang", "fr", "ask", "list").output
    assert "prévue" in asks and "référence" in asks and "recommandation" in asks
    interactions = run(db, "--ui-lang", "fr", "interaction", "list").output
    assert "appel avec contact" in interactions and "· contact établi" in interactions
    # (the summaries are the demo's own text, written in English)
    said = [
        line.split(" : ")[0] if line.lstrip().startswith("échange") else line
        for line in (shown.output + interactions).splitlines()
    ]
    for code in ("received", "reference", "planned", " call ", "reached", "colleague"):
        assert code not in "\n".join(said) + asks, code
    moved = run(db, "--ui-lang", "fr", "ask", "set", "13", "--status", "Demandée")
    assert moved.exit_code == 0, moved.output
    assert moved.output == "la demande 13 est maintenant demandée\n"
    english = run(db, "ask", "list").output
    assert "asked" in english and "reference" in english
