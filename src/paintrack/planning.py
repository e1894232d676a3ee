"""Rules for changing the plan: pure functions over the models and the catalogue.

- An id must be in the catalogue; an unknown one is an InputError (exit 2) naming close matches.
- `--add ID` stores PlanItem(id, start). Adding an id that is already in the plan keeps its start,
  unless `--start` is given: then its start moves to that date.
- `--remove ID` takes it out; removing an id that is not in the plan is an InputError.
- The plan's `start` is the earliest start of its modalities; a plan left with no modality is
  removed (the journal then has no plan).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from paintrack import measures, projection, schedule
from paintrack.catalogue import Modality
from paintrack.errors import InputError
from paintrack.projection import Range

if TYPE_CHECKING:  # the models and the snapshot both fit
    from paintrack.models import Journal

DEFAULT_EXERCISE_START_MIN = 10
EXERCISE_START_MIN = measures.Measure(
    "exercise_start_min", "graded-exercise minutes a day in the first week", 1, 120, unit="minutes"
)
MAX_START_AHEAD = timedelta(days=365)


@dataclass
class Changes:
    """What a plan change did, in words a user reads after it."""

    messages: list[str] = field(default_factory=list)
    before_baseline: list[str] = field(default_factory=list)  # ids starting before the baseline


def parse_start(raw: str, today: date) -> date:
    """A plan start may be in the past or ahead (planning a start), but at most a year ahead."""
    when = measures.parse_date(raw, field="--start")
    if when > today + MAX_START_AHEAD:
        raise InputError(f"--start {when} is more than a year ahead (today is {today})")
    return when


def parse_exercise_start_min(raw: str) -> int:
    return int(EXERCISE_START_MIN.parse(raw, field="--exercise-start-min"))


def resolve_id(raw: str, catalogue: Mapping[str, Modality], flag: str) -> str:
    """A catalogue id, or an InputError listing the close matches (difflib)."""
    wanted = raw.strip().lower()
    if wanted in catalogue:
        return wanted
    ids = list(catalogue)
    names = {m.name.lower(): i for i, m in catalogue.items()}
    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
    close += [names[n] for n in difflib.get_close_matches(wanted, list(names), n=2, cutoff=0.5)]
    close = list(dict.fromkeys(close))
    suggestion = f"did you mean {' or '.join(close)}?" if close else f"known ids: {', '.join(ids)}"
    raise InputError(f"{flag}: unknown modality {measures.shown(raw)}; {suggestion} (see `paintrack plan --list`)")


def check_request(
    add: Sequence[str], remove: Sequence[str], catalogue: Mapping[str, Modality]
) -> tuple[list[str], list[str]]:
    """Resolve the ids of --add and --remove (before anything is read or written)."""
    added = list(dict.fromkeys(resolve_id(raw, catalogue, "--add") for raw in add))
    # not resolved here: an id no longer in the catalogue can still be removed from a plan
    removed = [raw.strip().lower() for raw in remove]
    both = sorted(set(added) & set(removed))
    if both:
        raise InputError(f"--add and --remove both name {', '.join(both)}")
    return added, list(dict.fromkeys(removed))


def apply(
    journal: Journal,
    add: Sequence[str],
    remove: Sequence[str],
    start: date | None,
    today: date,
    exercise_start_min: int | None,
    catalogue: Mapping[str, Modality],
) -> Changes:
    """Change the journal's plan in place; raise InputError (nothing changed) on a bad request."""
    changes = Changes()
    items = {item.id: item.start for item in journal.plan.modalities} if journal.plan else {}
    for modality_id in remove:
        if modality_id not in items:
            if modality_id not in catalogue:
                resolve_id(modality_id, catalogue, "--remove")
            have = ", ".join(items) or "nothing yet"
            raise InputError(f"--remove: {modality_id} is not in your plan (it has {have})")
        del items[modality_id]
        changes.messages.append(f"Removed {modality_id}.")
    for modality_id in add:
        when = start or today
        if modality_id in items and start is None:
            changes.messages.append(f"{modality_id} is already in your plan (since {items[modality_id]}).")
            continue
        verb = "Moved the start of" if modality_id in items else "Added"
        items[modality_id] = when
        changes.messages.append(f"{verb} {modality_id}: starts {when}.")
        if journal.baseline is not None and when < journal.baseline.date:
            changes.before_baseline.append(modality_id)
    if not items:
        if exercise_start_min is not None:
            raise InputError("--exercise-start-min: there is no plan to set it on; add a modality with --add")
        if journal.plan is not None:
            changes.messages.append("Your plan is now empty and was removed.")
        journal.plan = None
        return changes
    minutes = exercise_start_min or (journal.plan.exercise_start_min if journal.plan else DEFAULT_EXERCISE_START_MIN)
    if exercise_start_min is not None:
        changes.messages.append(f"Graded exercise starts at {minutes} min/day.")
    from paintrack.models import Plan, PlanItem

    journal.plan = Plan(
        start=min(items.values()),
        exercise_start_min=minutes,
        modalities=[PlanItem(id=i, start=s) for i, s in items.items()],
    )
    return changes


def now_date(journal: Journal, today: date) -> tuple[date, str]:
    """The date "now" means for the expected outcome: the latest assessment's, else today."""
    latest = journal.latest()
    if latest is not None:
        return latest.date, "latest assessment"
    return today, "today"


@dataclass(frozen=True)
class Outcome:
    """The plan's expected outcome, ready to show: relative ranges, and pain scores with a baseline."""

    now: date
    now_label: str  # "latest assessment" or "today"
    expected_now: Range | None  # projection.Range
    expected_full: Range | None
    full_effect_date: date | None  # when the last chosen modality with an estimate reaches it
    baseline_nrs: int | None
    projected_now: Range | None
    projected_full: Range | None
    no_estimate: list[str]  # chosen ids without a figure (not counted)
    unknown: list[str]  # chosen ids no longer in the catalogue


def outcome(journal: Journal, catalogue: Mapping[str, Modality], today: date) -> Outcome:
    plan = journal.plan
    when, label = now_date(journal, today)
    items = plan.modalities if plan else []
    unknown = [i.id for i in items if i.id not in catalogue]
    no_estimate = [i.id for i in items if i.id in catalogue and not catalogue[i.id].has_estimate]
    fulls = [
        schedule.full_effect_date(catalogue[i.id], i.start)
        for i in items
        if i.id in catalogue and catalogue[i.id].has_estimate
    ]
    now_range = projection.expected(plan, catalogue, at=when)
    full_range = projection.expected(plan, catalogue)
    base = journal.baseline.nrs if journal.baseline else None
    return Outcome(
        now=when,
        now_label=label,
        expected_now=now_range,
        expected_full=full_range,
        full_effect_date=max(fulls) if fulls else None,
        baseline_nrs=base,
        projected_now=projection.projected_nrs(base, now_range) if base is not None and now_range else None,
        projected_full=projection.projected_nrs(base, full_range) if base is not None and full_range else None,
        no_estimate=no_estimate,
        unknown=unknown,
    )
