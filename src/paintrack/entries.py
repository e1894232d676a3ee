"""Rules for putting an assessment into the journal: pure functions over the models."""

from __future__ import annotations

from datetime import date, timedelta

from paintrack.errors import PaintrackError
from paintrack.models import Assessment, Journal

UPDATE_INTERVAL = timedelta(days=28)


def check_baseline(journal: Journal, when: date, force: bool) -> None:
    if journal.baseline is not None and not force:
        raise PaintrackError(
            f"a baseline from {journal.baseline.date} already exists",
            hint="use `paintrack update` for a new assessment, or `baseline --force` to replace "
            "the baseline (the old one is kept in the journal's history)",
        )
    if journal.updates and when > min(u.date for u in journal.updates):
        raise PaintrackError(
            f"the baseline date {when} is after the first update ({min(u.date for u in journal.updates)})",
            hint="a baseline must come before every update",
            exit_code=2,
        )


def record_baseline(journal: Journal, baseline: Assessment, force: bool) -> None:
    check_baseline(journal, baseline.date, force)
    if journal.baseline is not None:
        journal.baseline_history.append(journal.baseline)
    journal.baseline = baseline


def check_update(journal: Journal, when: date, replace: bool) -> Assessment | None:
    """Refuse an update the journal cannot take; return the update it would replace."""
    if journal.baseline is None:
        raise PaintrackError("there is no baseline yet", hint="run `paintrack baseline` first")
    if when < journal.baseline.date:
        raise PaintrackError(
            f"--date {when} is before the baseline ({journal.baseline.date})",
            hint="an update must be on or after the baseline date",
            exit_code=2,
        )
    same_day = next((u for u in journal.updates if u.date == when), None)
    if same_day is not None and not replace:
        raise PaintrackError(
            f"there is already an update on {when}",
            hint="use --replace to replace it, or --date for another day",
        )
    return same_day


def record_update(journal: Journal, update: Assessment, replace: bool) -> Assessment | None:
    """Add (or replace) an update; return the assessment before it, for the summary."""
    check_update(journal, update.date, replace)
    journal.updates = sorted(
        [u for u in journal.updates if u.date != update.date] + [update], key=lambda u: u.date
    )
    before = [a for a in journal.assessments() if a.date < update.date]
    return before[-1] if before else None


def too_soon(journal: Journal, when: date) -> Assessment | None:
    """The assessment less than four weeks before `when`, if there is one (a warning only).

    The baseline counts on its own date too (an update the same day is 0 days after it); an
    update on `when` itself is the one being replaced, so it does not count.
    """
    before = [a for a in journal.assessments() if a.date < when or (a is journal.baseline and a.date == when)]
    if before and when - before[-1].date < UPDATE_INTERVAL:
        return before[-1]
    return None


def next_due(journal: Journal) -> date | None:
    latest = journal.latest()
    return latest.date + UPDATE_INTERVAL if latest else None
