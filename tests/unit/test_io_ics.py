"""The calendar export: parses back, keeps its UIDs across exports, speaks the user's language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar

from refterm.config import Settings
from refterm.db.database import Database
from refterm.io.ics_export import export_ics
from tests.support import TODAY, run

FIRST = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def events(text: str) -> dict[str, dict[str, object]]:
    calendar = Calendar.from_ical(text)
    return {
        str(event["UID"]): {
            "summary": str(event["SUMMARY"]),
            "description": str(event.get("DESCRIPTION", "")),
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
        }
        for event in calendar.walk("VEVENT")
    }


def test_ics_parses_back_and_keeps_uids_across_exports(
    demo_database: Database, settings: Settings
) -> None:
    first, count = export_ics(demo_database, settings, TODAY, FIRST, weeks=4, language="en")
    again, _ = export_ics(demo_database, settings, TODAY, LATER, weeks=4, language="en")
    parsed, reparsed = events(first), events(again)
    assert count == len(parsed) > 0
    assert parsed == reparsed  # same UIDs, same events: a calendar updates, never duplicates
    kinds = {uid.split("-")[0] for uid in parsed}
    assert kinds == {"briefing", "follow", "keep"}
    for event in parsed.values():
        start = event["start"]
        assert isinstance(start, date) and not isinstance(start, datetime)
        assert TODAY <= start <= date(2026, 12, 24)
    summaries = [str(event["summary"]) for event in parsed.values()]
    assert any(summary.startswith("Follow up with ") for summary in summaries)
    assert any(summary.startswith("Keep in touch with ") for summary in summaries)
    # Nothing beyond what the event needs: no phone numbers, no e-mail addresses.
    assert "@" not in first.replace("@refterm", "") and "TEL" not in first


def test_ics_in_french_with_french_typography(demo_database: Database, settings: Settings) -> None:
    text, _ = export_ics(demo_database, settings, TODAY, FIRST, weeks=4, language="fr")
    parsed = events(text)
    summaries = {str(event["summary"]) for event in parsed.values()}
    assert any(summary.startswith("Relancer ") for summary in summaries)
    assert "Prendre des nouvelles d’Omar Tazi" in summaries
    descriptions = " ".join(str(event["description"]) for event in parsed.values())
    assert "poste\u00a0: " in descriptions and " :" not in descriptions
    assert "Calendar" not in text and "refterm\u00a0: relances" in Calendar.from_ical(text).get(
        "X-WR-CALNAME"
    )


def test_cli_writes_the_file_and_a_weeks_window(
    demo_database: Database, db_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "refterm.ics"
    result = run(db_path, "export", "ics", "-o", str(target), "--weeks", "1")
    assert result.exit_code == 0, result.output
    short = events(target.read_text(encoding="utf-8"))
    assert f"events to {target}" in result.output or "event to" in result.output
    wide = events(run(db_path, "export", "ics", "--weeks", "8").output)
    assert set(short) <= set(wide)
    assert all(event["start"] <= date(2026, 12, 3) for event in short.values())
    refused = run(db_path, "export", "ics", "--weeks", "0")
    assert refused.exit_code != 0 and "Traceback" not in refused.output
