"""Putting entries into the journal: the rules, as the Changes a command means.

Each function checks the journal's state (raising PaintrackError when the entry cannot go in)
and returns the Changes; `history.commit` applies and records them.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, timedelta

from paintrack.domain import redflags
from paintrack.domain.history import change
from paintrack.domain.records import (
    NOT_ASKED,
    AspectsReflection,
    Assessment,
    Change,
    ClinicianReview,
    DiaryEntry,
    EvidenceEntry,
    Journal,
    Settings,
)
from paintrack.errors import InputError, PaintrackError

UPDATE_INTERVAL = timedelta(days=28)


# --- assessments ---------------------------------------------------------------------------


def check_baseline(journal: Journal, when: date, force: bool) -> None:
    if journal.baseline is not None and not force:
        raise PaintrackError(
            f"a baseline from {journal.baseline.date} already exists",
            hint="use `paintrack update` for a new assessment, `paintrack edit baseline` to correct it, or "
            "`baseline --force` to replace it (the old one is kept in the history)",
        )
    if journal.updates and when > journal.updates[0].date:
        raise InputError(
            f"the baseline date {when} is after the first update ({journal.updates[0].date})",
            hint="a baseline must come before every update",
        )


def baseline_changes(journal: Journal, baseline: Assessment, force: bool) -> list[Change]:
    check_baseline(journal, baseline.date, force)
    return [change("baseline", journal.baseline, baseline)]


def same_day_update(journal: Journal, when: date) -> Assessment | None:
    return next((u for u in journal.updates if u.date == when), None)


def check_update(journal: Journal, when: date, replace_it: bool) -> Assessment | None:
    """Refuse an update the journal cannot take; return the update it would replace."""
    if journal.baseline is None:
        raise PaintrackError("there is no baseline yet", hint="run `paintrack baseline` first")
    if when < journal.baseline.date:
        raise InputError(
            f"--date {when} is before the baseline ({journal.baseline.date})",
            hint="an update must be on or after the baseline date",
        )
    existing = same_day_update(journal, when)
    if existing is not None and not replace_it:
        raise PaintrackError(
            f"there is already an update on {when}",
            hint="use `paintrack edit update DATE` to change some of its fields, --replace to replace it "
            "whole, or --date for another day",
        )
    return existing


def update_changes(journal: Journal, update: Assessment, replace_it: bool) -> list[Change]:
    existing = check_update(journal, update.date, replace_it)
    return [change("updates", existing, update)]


def dropped_fields(old: object, new: object) -> list[str]:
    """The fields `old` has and `new` would not (what `--replace` drops), in field order."""
    empty = (None, (), NOT_ASKED)
    return [
        f.name for f in fields(old)  # type: ignore[arg-type]
        if getattr(old, f.name) not in empty and getattr(new, f.name) in empty
    ]


def previous_assessment(journal: Journal, when: date) -> Assessment | None:
    before = [a for a in journal.assessments() if a.date < when]
    return before[-1] if before else None


def too_soon(journal: Journal, when: date) -> Assessment | None:
    """The assessment less than four weeks before `when`, if there is one (a warning only).
    The baseline counts on its own date too; an update on `when` is the one being replaced."""
    before = [a for a in journal.assessments() if a.date < when or (a is journal.baseline and a.date == when)]
    if before and when - before[-1].date < UPDATE_INTERVAL:
        return before[-1]
    return None


def next_due(journal: Journal) -> date | None:
    """Latest assessment + 28 days: the one next-update date everywhere."""
    latest = journal.latest()
    return latest.date + UPDATE_INTERVAL if latest else None


def update_due(journal: Journal, today: date) -> tuple[date, int] | None:
    """(due date, days overdue: 0 when due today) when an update is due or overdue."""
    due = next_due(journal)
    if due is None or today < due:
        return None
    return due, (today - due).days


# --- diary --------------------------------------------------------------------------------


def same_day_log(journal: Journal, when: date) -> DiaryEntry | None:
    return next((e for e in journal.diary if e.date == when), None)


def check_log(journal: Journal, when: date, replace_it: bool) -> DiaryEntry | None:
    existing = same_day_log(journal, when)
    if existing is not None and not replace_it:
        raise PaintrackError(
            f"there is already a diary entry on {when}",
            hint="use `paintrack edit log DATE` to change some of it, --replace to replace it whole, "
            "or --date for another day",
        )
    return existing


def log_changes(journal: Journal, entry: DiaryEntry, replace_it: bool) -> list[Change]:
    return [change("diary", check_log(journal, entry.date, replace_it), entry)]


def recent_mean(entries: tuple[DiaryEntry, ...], until: date, days: int = 7) -> tuple[float, int] | None:
    """Mean pain of the entries in the `days` calendar days ending on `until`, and how many."""
    start = until - timedelta(days=days - 1)
    pains = [e.pain for e in entries if start <= e.date <= until]
    return (sum(pains) / len(pains), len(pains)) if pains else None


# --- evidence, aspects, reviews, settings ---------------------------------------------------


def next_number(journal: Journal, collection: str) -> int:
    """A new entry's number: never one in use or in the history (numbers are never reused)."""
    used = [r.number for r in getattr(journal, collection)]
    for entry in journal.history:
        for c in entry.changes:
            if c.collection == collection:
                used += [r.number for r in (c.before, c.after) if r is not None]  # type: ignore[union-attr]
    return max(used, default=0) + 1


def evidence_changes(journal: Journal, when: date, category: str, text: str) -> list[Change]:
    entry = EvidenceEntry(next_number(journal, "evidence"), when, category, text)
    return [change("evidence", None, entry)]


def aspects_changes(journal: Journal, reflection: AspectsReflection) -> list[Change]:
    existing = next((r for r in journal.aspects if r.date == reflection.date), None)
    return [change("aspects", existing, reflection)]


def review_changes(journal: Journal, when: date, note: str | None) -> list[Change]:
    """`flags --assessed`: a clinician assessed every active flag and a short duration."""
    gate = redflags.plan_gate(journal)
    if not gate.closed:
        raise PaintrackError(
            "there is nothing for a clinician to assess: no active red flag, and the pain has lasted "
            "three months or more (or its duration was not given)",
            hint="`paintrack flags` lists every flag reported and its state",
        )
    late = [f for f in gate.flags if f.reported > when]
    if late:
        raise InputError(f"--date {when} is before the assessment that reported a flag ({late[0].reported})")
    if gate.short_duration_months is not None and journal.baseline is not None and when < journal.baseline.date:
        raise InputError(f"--date {when} is before the baseline ({journal.baseline.date}) that recorded the pain's duration")
    review = ClinicianReview(
        next_number(journal, "reviews"), when, tuple(f.name for f in gate.flags),
        gate.short_duration_months is not None, note,
    )
    return [change("reviews", None, review)]


def settings_changes(journal: Journal, patient_name: str | None, patient_id: str | None,
                     clear: bool = False) -> list[Change]:
    new = Settings() if clear else replace(
        journal.settings,
        patient_name=patient_name if patient_name is not None else journal.settings.patient_name,
        patient_id=patient_id if patient_id is not None else journal.settings.patient_id,
    )
    return [change("settings", journal.settings, new)]
