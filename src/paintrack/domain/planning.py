"""Rules for changing the plan, and the plan's expected outcome ready to show.

- An id must be in the catalogue (or be an alias); an unknown one is an InputError naming close
  matches.
- `--add ID` adds a PlanItem(id, start). An id already in the plan keeps its start, unless
  `--start` is given: then its start moves.
- Adding is refused (exit 1), reason first, while a red flag is active or the pain has lasted
  under three months, until a clinician's assessment is recorded (`redflags.plan_gate`).
- The advanced options (`scs`, `rfa`) follow the source article's step 7: suggested after 12
  weeks of care (counted from the baseline) with pain above 5/10; adding one earlier needs
  `--clinician-advised`.
- `--remove ID` takes it out; the plan's start is the earliest start of its modalities; a plan
  left with no modality is removed.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from paintrack.domain import projection, redflags, schedule
from paintrack.domain.catalogue import Catalogue, Modality, resolve
from paintrack.domain.projection import Range
from paintrack.domain.records import Change, Journal, Plan, PlanItem
from paintrack.errors import InputError, PaintrackError

DEFAULT_EXERCISE_START_MIN = 10
MAX_START_AHEAD = timedelta(days=365)
ADVANCED_AFTER = timedelta(weeks=12)
ADVANCED_ABOVE_NRS = 5


@dataclass
class Changes:
    """What a plan change did, in words a user reads after it, and its Changes."""

    messages: list[str] = field(default_factory=list)
    before_baseline: list[str] = field(default_factory=list)  # ids starting before the baseline
    changes: list[Change] = field(default_factory=list)


def resolve_id(raw: str, catalogue: Catalogue, flag: str) -> str:
    """A catalogue id (an alias gives its modality's id), or an InputError with close matches."""
    found = resolve(catalogue, raw)
    if found is not None:
        return found.id
    wanted = raw.strip().lower()
    ids = list(catalogue)
    names = {m.name.lower(): i for i, m in catalogue.items()}
    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
    close += [names[n] for n in difflib.get_close_matches(wanted, list(names), n=2, cutoff=0.5)]
    close = list(dict.fromkeys(close))
    suggestion = f"did you mean {' or '.join(close)}?" if close else f"known ids: {', '.join(ids)}"
    raise InputError(f"{flag}: unknown modality; {suggestion} (see `paintrack plan --list`)")


def check_request(add: Sequence[str], remove: Sequence[str], catalogue: Catalogue) -> tuple[list[str], list[str]]:
    """Resolve the ids of --add and --remove (before anything is read or written)."""
    added = list(dict.fromkeys(resolve_id(raw, catalogue, "--add") for raw in add))
    removed = []
    for raw in remove:  # an id no longer in the catalogue can still be removed from a plan
        found = resolve(catalogue, raw)
        removed.append(found.id if found else raw.strip().lower())
    both = sorted(set(added) & set(removed))
    if both:
        raise InputError(f"--add and --remove both name {', '.join(both)}")
    return added, list(dict.fromkeys(removed))


def gate_closed(journal: Journal) -> bool:
    return redflags.plan_gate(journal).closed


def check_gate(journal: Journal) -> None:
    """Refuse adding therapies while a red flag is active or the pain is not yet chronic."""
    gate = redflags.plan_gate(journal)
    if not gate.closed:
        return
    months = gate.short_duration_months
    if gate.flags:
        worst = gate.flags[0]
        names = redflags.describe([f.name for f in gate.flags])
        also = "" if months is None else (f" Your pain has also lasted only {months} month{'s' if months != 1 else ''}, "
                                          "under the three months this plan is for.")
        raise PaintrackError(
            f"not added: a red flag is active ({names}). {redflags.ADVICE[worst.tier]}{also}",
            hint="a clinician should assess it first; then record that with `paintrack flags --assessed`",
        )
    raise PaintrackError(
        f"not added: your pain has lasted {months} month{'s' if months != 1 else ''}; this plan is for chronic "
        "pain (more than three months), and pain this new needs a clinician's assessment first",
        hint="once a clinician has assessed it, record that with `paintrack flags --assessed`",
    )


def check_advanced(journal: Journal, modality_id: str, today: date, clinician_advised: bool,
                   catalogue: Catalogue) -> None:
    """scs/rfa before 12 weeks of care with pain above 5/10 need --clinician-advised. The weeks
    are those of care so far (baseline to today), whatever start is asked for: whether the pain
    stays above 5/10 after 12 weeks cannot be known before they have passed."""
    modality = catalogue.get(modality_id)
    if modality is None or not modality.advanced or clinician_advised:
        return
    baseline, latest = journal.baseline, journal.latest()
    weeks = max(0, (today - baseline.date).days // 7) if baseline else 0
    if baseline and weeks >= 12 and latest is not None and latest.nrs > ADVANCED_ABOVE_NRS:
        return
    reason = (f"{weeks} weeks of care so far" if baseline else "no baseline yet")
    if baseline and weeks >= 12 and latest is not None:
        reason = f"your latest pain is {latest.nrs}/10, not above {ADVANCED_ABOVE_NRS}/10"
    raise PaintrackError(
        f"not added: {modality.name} is for pain that stays above {ADVANCED_ABOVE_NRS}/10 after 12 weeks or more "
        f"of care ({reason})",
        hint="if your specialist advises it now, add it with --clinician-advised",
    )


def apply(
    journal: Journal,
    add: Sequence[str],
    remove: Sequence[str],
    start: date | None,
    today: date,
    exercise_start_min: int | None,
    catalogue: Catalogue,
    clinician_advised: bool = False,
) -> Changes:
    """The plan change as Changes; raise (nothing changed) on a refused or bad request."""
    result = Changes()
    if add:
        check_gate(journal)
    items = {item.id: item for item in journal.plan.modalities} if journal.plan else {}
    for modality_id in remove:
        if modality_id not in items:
            if modality_id not in catalogue:
                resolve_id(modality_id, catalogue, "--remove")
            have = ", ".join(items) or "nothing yet"
            raise InputError(f"--remove: {modality_id} is not in your plan (it has {have})")
        del items[modality_id]
        result.messages.append(f"Removed {modality_id}.")
    for modality_id in add:
        when = start or today
        if modality_id in items and start is None:
            result.messages.append(f"{modality_id} is already in your plan (since {items[modality_id].start}).")
            continue
        check_advanced(journal, modality_id, today, clinician_advised, catalogue)
        verb = "Moved the start of" if modality_id in items else "Added"
        advised = clinician_advised and catalogue[modality_id].advanced
        items[modality_id] = PlanItem(modality_id, when, advised)
        result.messages.append(f"{verb} {modality_id}: starts {when}" + (" (on a clinician's advice)." if advised else "."))
        if journal.baseline is not None and when < journal.baseline.date:
            result.before_baseline.append(modality_id)
    new: Plan | None
    if not items:
        if exercise_start_min is not None:
            raise InputError("--exercise-start-min: there is no plan to set it on; add a modality with --add")
        if journal.plan is not None:
            result.messages.append("Your plan is now empty and was removed.")
        new = None
    else:
        minutes = exercise_start_min or (journal.plan.exercise_start_min if journal.plan else DEFAULT_EXERCISE_START_MIN)
        if exercise_start_min is not None:
            result.messages.append(f"Graded exercise starts at {minutes} min/day.")
        new = Plan(min(i.start for i in items.values()), minutes, tuple(items.values()))
    if new != journal.plan:
        result.changes = [Change("plan", None, journal.plan, new)]
    return result


def now_date(journal: Journal, today: date) -> tuple[date, str]:
    """The date "now" means for the expected outcome: the latest assessment's, else today."""
    latest = journal.latest()
    if latest is not None:
        return latest.date, "latest assessment"
    return today, "today"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The plan's expected outcome, exact (rounded once, where it is shown)."""

    now: date
    now_label: str  # "latest assessment" or "today"
    expected_now: Range | None
    expected_full: Range | None
    full_effect_date: date | None  # when the last chosen modality with an estimate reaches it
    baseline_nrs: int | None
    projected_now: Range | None
    projected_full: Range | None
    no_estimate: tuple[str, ...]  # chosen ids without a figure (not counted)
    unknown: tuple[str, ...]  # chosen ids no longer in the catalogue
    untested: tuple[str, ...]  # the combination no trial has tested (empty: one, or tested)


def outcome(journal: Journal, catalogue: Catalogue, today: date) -> Outcome:
    plan = journal.plan
    when, label = now_date(journal, today)
    items = plan.modalities if plan else ()
    unknown = tuple(i.id for i in items if i.id not in catalogue)
    no_estimate = tuple(i.id for i in items if i.id in catalogue and not catalogue[i.id].has_estimate)
    fulls = [
        d for i in items
        if i.id in catalogue and catalogue[i.id].has_estimate
        and (d := schedule.full_effect_date(catalogue[i.id], i.start)) is not None
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
        untested=projection.untested_combination(plan, catalogue),
    )


def population_warnings(modality: Modality, journal: Journal) -> list[str]:
    """Where the person differs from the people the trials studied (baseline pain, body site)."""
    warnings: list[str] = []
    b = journal.baseline
    if b is None:
        return warnings
    if modality.population_pain is not None:
        low, high = modality.population_pain
        if b.nrs < low - 1 or b.nrs > high + 1:
            warnings.append(f"your baseline pain is {b.nrs}/10; the people studied had about "
                            f"{_range(low, high)}/10 on average")
    sites = [s.lower() for s in modality.population_sites if s.lower() != "any"]
    if sites and b.locations:
        places = " ".join(b.locations).lower()
        if not any(site in places for site in sites):
            warnings.append(f"the trials studied {', '.join(modality.population_sites)} pain; you recorded "
                            f"{', '.join(b.locations)}")
    return warnings


def _range(low: float, high: float) -> str:
    a, b = f"{low:g}", f"{high:g}"
    return a if a == b else f"{a}-{b}"
