"""The source article's 8-step reversal plan as a dated schedule: plain data, no rendering.

"Creating Your Personal Reversal Plan" in the article "Chronic Pain Reversal Tracker": 1 assessment, 2 baseline metrics, 3 education
first, 4 graded exercise progressing 10% each week, 5 CBT or MBSR as an 8-week module,
6 medication review with a 4-week follow-up, 7 after 3-4 months with pain above 5/10 consider
advanced options (SCS, radiofrequency ablation), 8 re-measure every 4 weeks.

`build()` turns a Plan into a list of `Step`s sorted by date (then by the article's step number), so
the terminal view, the HTML report or anything else can show the same schedule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeAlias

from paintrack.domain.catalogue import Modality
from paintrack.domain.records import Journal, Plan

Day: TypeAlias = date

EXERCISE_WEEKS = 12  # the weekly graded-exercise schedule shown
EXERCISE_GROWTH = Decimal("0.10")  # the article: "progresses 10% each week"
MODULE_WEEKS = {"cbt": 8, "mbsr": 8, "prt": 4}  # the article: 8-week module; PRT trial: 4 weeks
MEDICATION_FOLLOW_UP = timedelta(weeks=4)  # the article: "Schedule a 4-week follow-up"
REMEASURE_EVERY = timedelta(days=28)  # the article: "Re-measure your pain scores every 4 weeks"
REMEASURE_HORIZON = timedelta(weeks=26)  # at least six months of re-measures
ADVANCED_CHECK = (timedelta(weeks=12), timedelta(weeks=16))  # the article: "after 3-4 months"
ADVANCED_THRESHOLD_NRS = 5  # "... pain remains >5/10"


@dataclass(frozen=True, slots=True)
class Step:
    """One dated step. `plan_step` is the step's number (1-8) in the article's plan."""

    date: date
    plan_step: int
    kind: str  # baseline, education, exercise, module, start, medication-follow-up,
    #            medication-review, advanced-check, re-measure
    title: str
    detail: str = ""
    end: Day | None = None
    modality: str | None = None
    minutes_per_day: int | None = None  # exercise weeks only
    in_plan: bool = True  # False: a step the article recommends that the plan does not include


def weeks_later(start: date, weeks: float) -> date:
    return start + timedelta(days=round(weeks * 7))


def full_effect_date(modality: Modality, start: date) -> date | None:
    if modality.full_effect_weeks is None:
        return None
    return weeks_later(start, modality.full_effect_weeks)


def exercise_minutes(start_min: int, week: int) -> int:
    """Minutes a day in week `week` (0 = the first week): start × 1.1^week, to the minute."""
    exact = Decimal(start_min) * (1 + EXERCISE_GROWTH) ** week
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def build(
    plan: Plan,
    catalogue: Mapping[str, Modality],
    baseline_date: date | None = None,
    latest_date: date | None = None,
) -> list[Step]:
    """The plan's dated steps, earliest first; `latest_date` (the latest assessment) moves the
    coming re-measures to 28 days after it, the one next-update date of every report."""
    chosen = {item.id: item.start for item in plan.modalities}
    steps: list[Step] = []

    # 1-2. assessment and baseline metrics
    if baseline_date is not None:
        steps.append(Step(baseline_date, 2, "baseline", "Baseline recorded", "pain (NRS), BPI, six-minute walk"))
    else:
        steps.append(
            Step(plan.start, 2, "baseline", "Record a baseline before you start",
                 "pain (NRS), BPI, six-minute walk: the numbers every later check is compared with", in_plan=False)
        )

    # 3. education first
    if "pain-education" in chosen:
        steps.append(Step(chosen["pain-education"], 3, "education", "Education first",
                          "pain neuroscience education: a workshop or reputable videos", modality="pain-education"))
    else:
        steps.append(Step(plan.start, 3, "education", "Education first (not in your plan)",
                          "the source article's plan starts with pain neuroscience education", modality="pain-education",
                          in_plan=False))

    # 4. graded exercise, growing 10% a week
    if "graded-exercise" in chosen:
        start = chosen["graded-exercise"]
        for week in range(EXERCISE_WEEKS):
            minutes = exercise_minutes(plan.exercise_start_min, week)
            detail = f"{minutes} min/day" + (" of low-impact activity (walking, aquatic therapy)" if week == 0 else "")
            steps.append(
                Step(start + timedelta(weeks=week), 4, "exercise", f"Graded exercise, week {week + 1}", detail,
                     end=start + timedelta(weeks=week, days=6), modality="graded-exercise", minutes_per_day=minutes)
            )

    # 5. CBT or MBSR as an 8-week module (PRT: its 4-week treatment)
    for modality_id, weeks in MODULE_WEEKS.items():
        if modality_id in chosen:
            start = chosen[modality_id]
            name = catalogue[modality_id].name if modality_id in catalogue else modality_id
            steps.append(Step(start, 5, "module", f"{name}: {weeks}-week module", end=start + timedelta(weeks=weeks),
                              modality=modality_id))

    # 6. medication: follow-up 4 weeks after it starts; review when its benefit often wanes
    for modality_id, start in chosen.items():
        modality = catalogue.get(modality_id)
        if modality is None or modality.category != "medication":
            continue
        steps.append(Step(start, 6, "start", f"Start: {modality.name}", _full_effect_text(modality, start),
                          modality=modality_id))
        steps.append(Step(start + MEDICATION_FOLLOW_UP, 6, "medication-follow-up", "Medication follow-up",
                          "assess efficacy and side-effects with your prescriber", modality=modality_id))
        if modality.wanes_after_weeks is not None:
            steps.append(Step(weeks_later(start, modality.wanes_after_weeks), 6, "medication-review", "Medication review",
                              f"benefit often wanes after about {_weeks(modality.wanes_after_weeks)} weeks: "
                              "discuss tapering, combined with active rehab", modality=modality_id))

    # other chosen modalities (advanced options, technology): when they start
    covered = {"pain-education", "graded-exercise", *MODULE_WEEKS}
    for modality_id, start in chosen.items():
        modality = catalogue.get(modality_id)
        if modality_id in covered or (modality is not None and modality.category == "medication"):
            continue
        name = modality.name if modality else modality_id
        step_no = 7 if modality is not None and modality.advanced else 4
        detail = _full_effect_text(modality, start) if modality else "not in the catalogue"
        steps.append(Step(start, step_no, "start", f"Start: {name}", detail, modality=modality_id))

    # 7. the 3-4 month check for advanced options (not needed once SCS is in the plan)
    if "scs" not in chosen:
        first, last = (plan.start + d for d in ADVANCED_CHECK)
        steps.append(Step(first, 7, "advanced-check", "Check: consider advanced options",
                          f"if pain remains above {ADVANCED_THRESHOLD_NRS}/10, discuss spinal cord stimulation "
                          "or radiofrequency ablation with your specialist", end=last))

    # 8. re-measure every 4 weeks, from the baseline (else the plan start), until every chosen
    #    modality has reached its full effect (the first re-measure on or after it) and for at
    #    least six months
    anchor = baseline_date or plan.start
    horizon = max(
        [anchor + REMEASURE_HORIZON]
        + [d for i, s in chosen.items() if i in catalogue and (d := full_effect_date(catalogue[i], s))]
    )
    when = anchor + REMEASURE_EVERY
    latest = latest_date if latest_date is not None and latest_date >= anchor else None
    while when - REMEASURE_EVERY < horizon:
        if latest is not None and when > latest:  # an assessment off the 4-week cycle re-times the next ones
            when = latest + REMEASURE_EVERY
            latest = None
        steps.append(Step(when, 8, "re-measure", "Re-measure", "`paintrack update`: pain, BPI, six-minute walk"))
        when += REMEASURE_EVERY

    return sorted(steps, key=lambda s: (s.date, s.plan_step))


def _weeks(weeks: float) -> str:
    return str(int(weeks)) if float(weeks).is_integer() else f"{weeks:g}"


def _full_effect_text(modality: Modality, start: date) -> str:
    full = full_effect_date(modality, start)
    if full is None:
        return "no estimate of its effect or timing"
    return f"full expected effect by {full} ({_weeks(modality.full_effect_weeks or 0)} weeks)"


def coming(steps: list[Step], today: date, done_until: date | None) -> list[Step]:
    """The steps still ahead on `today`: dated today or later, or under way; a re-measure on or
    before the latest assessment (`done_until`) is done and left out, and the first one after it
    that is already past is kept, marked overdue (the report's next update due, the same date)."""
    out: list[Step] = []
    overdue = False
    for s in steps:
        if s.kind == "re-measure" and done_until is not None and s.date <= done_until:
            continue
        if s.date >= today or (s.end is not None and s.end >= today):
            out.append(s)
        elif s.kind == "re-measure" and not overdue:
            out.append(replace(s, title="Re-measure (overdue)", detail=f"it was due {s.date}; {s.detail}"))
            overdue = True
    return out


def of_journal(journal: Journal, catalogue: Mapping[str, Modality]) -> list[Step]:
    """The journal's plan as dated steps (its baseline's and latest assessment's dates applied);
    none without a plan."""
    if journal.plan is None:
        return []
    latest = journal.latest()
    return build(journal.plan, catalogue, journal.baseline.date if journal.baseline else None,
                 latest.date if latest is not None else None)


def next_steps(journal: Journal, catalogue: Mapping[str, Modality], today: date) -> list[Step]:
    """The journal's coming steps on `today` (see `coming`): what the plan view and the report show."""
    latest = journal.latest()
    return coming(of_journal(journal, catalogue), today, latest.date if latest is not None else None)
