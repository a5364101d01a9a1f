"""The one rule for contact: which history entries mean the user and the contact spoke or wrote."""

from __future__ import annotations

# Outcomes that did not reach the person: tries (they move follow-ups) and notes such as a job
# change found by an import. Every other interaction, with or without an outcome, is contact.
ATTEMPT_OUTCOMES = ("no_answer", "voicemail")
NOTE_OUTCOMES = ("job_change",)
NOT_REACHED_OUTCOMES = ATTEMPT_OUTCOMES + NOTE_OUTCOMES

# The same rule in SQL, for an `interaction` row (the migrations keep their own copy).
REACHED_SQL = "(outcome IS NULL OR outcome NOT IN ({}))".format(
    ", ".join(f"'{outcome}'" for outcome in NOT_REACHED_OUTCOMES)
)


def reached(outcome: str | None) -> bool:
    """Whether an interaction with this outcome counts as contact (resets the cadence)."""
    return outcome not in NOT_REACHED_OUTCOMES
