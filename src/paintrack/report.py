"""The progress report as plain data: every format (terminal, JSON, Markdown, HTML, CSV, FHIR)
is rendered from the dict `build_report` returns.

The data is JSON-ready: dates are ISO strings, numbers are ints or floats, a missing value is
None (null). Derived figures are rounded once, here, so every format shows the same numbers:
percentages to 1 decimal, scores (BPI, PEG) and projected NRS to 2 decimals.

Steps of `build_report`:
1. the assessments (baseline first, then updates in date order), each with its scores;
2. the change from baseline to the latest assessment and its IMMPACT reading;
3. the plan's expected reduction at the latest date and at full effect, and the status;
4. the alerts, red flags first;
5. the plan and the next dated steps of its schedule, the diary's weekly pain and associations,
   the evidence sheet with its counts per category and the latest four-aspect reflection.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from paintrack import aspects, diary, evidence, instruments, projection, rules, schedule
from paintrack.catalogue import Modality
from paintrack.errors import PaintrackError

if TYPE_CHECKING:  # the models and the snapshot both fit
    from paintrack.models import Assessment, Journal

SCHEMA = "paintrack.report/1"
UPDATE_INTERVAL = timedelta(days=rules.UPDATE_INTERVAL_DAYS)

ITEM_FIELDS = (
    "pgic", "worst", "least", "now", *instruments.INTERFERENCE_ITEMS,
    "sleep_hours", "exercise_sessions", "mindfulness_min",
)
SCHEDULE_NEXT = 5  # how many of the schedule's coming steps the report carries


def _r(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def summary(a: Assessment) -> dict[str, Any]:
    """{date, nrs, bpi_severity, bpi_interference, peg, walk_m, opioid_mme} of one assessment."""
    return {
        "date": a.date.isoformat(),
        "nrs": a.nrs,
        "bpi_severity": _r(instruments.bpi_severity(a), 2),
        "bpi_interference": _r(instruments.bpi_interference(a), 2),
        "peg": _r(instruments.peg(a), 2),
        "walk_m": a.walk_m,
        "opioid_mme": a.opioid_mme,
    }


def assessment_row(a: Assessment) -> dict[str, Any]:
    """Everything an exporter needs of one assessment: kind, the scores and every answer."""
    row: dict[str, Any] = {"kind": a.kind, **summary(a)}
    row.update({name: getattr(a, name) for name in ITEM_FIELDS})
    row["red_flags"] = list(a.red_flags)
    row["note"] = a.note
    return row


def change(baseline: Assessment, latest: Assessment) -> dict[str, Any]:
    """From baseline to latest; a figure is None when either side lacks it."""
    walk_gain = None if baseline.walk_m is None or latest.walk_m is None else latest.walk_m - baseline.walk_m
    return {
        "nrs_reduction_points": baseline.nrs - latest.nrs,
        "nrs_reduction_pct": _r(instruments.reduction_pct(baseline.nrs, latest.nrs), 1),
        "bpi_severity_reduction_pct": _r(
            instruments.reduction_pct(instruments.bpi_severity(baseline), instruments.bpi_severity(latest)), 1
        ),
        "bpi_interference_reduction_pct": _r(
            instruments.reduction_pct(instruments.bpi_interference(baseline), instruments.bpi_interference(latest)), 1
        ),
        "walk_m_gain": _r(walk_gain, 1),
        # reduction_pct is None when the baseline has no dose or a dose of 0
        "opioid_mme_reduction_pct": _r(instruments.reduction_pct(baseline.opioid_mme, latest.opioid_mme), 1),
    }


def expected_at(baseline_nrs: int, reduction: projection.Range | None) -> dict[str, float] | None:
    """{reduction_pct_low/high, projected_nrs_low/high}; None when there is nothing to expect."""
    if reduction is None:
        return None
    nrs = projection.projected_nrs(baseline_nrs, reduction)
    return {
        "reduction_pct_low": _r(100 * reduction.low, 1),
        "reduction_pct_high": _r(100 * reduction.high, 1),
        "projected_nrs_low": _r(nrs.low, 2),
        "projected_nrs_high": _r(nrs.high, 2),
    }


def status(reduction_pct: float | None, expected: dict[str, float] | None, has_update: bool) -> str:
    """no_update before the first update; no_plan when nothing is expected (no plan, or no
    chosen modality has an estimate); else ahead / on_track / behind against the expected
    range at the latest date, compared as shown (rounded to 1 decimal)."""
    if not has_update or reduction_pct is None:
        return "no_update"
    if expected is None:
        return "no_plan"
    if reduction_pct > expected["reduction_pct_high"]:
        return "ahead"
    if reduction_pct < expected["reduction_pct_low"]:
        return "behind"
    return "on_track"


def alerts(journal: Journal, catalogue: Mapping[str, Modality], today: date) -> list[dict[str, str]]:
    """The contract's alert rules (rules.py), in its order: red flags first."""
    baseline, latest = journal.baseline, journal.latest()
    assert baseline is not None and latest is not None
    updates = journal.assessments()[1:]
    previous = journal.assessments()[-2] if len(updates) >= 1 else None
    plan = journal.plan
    plan_ids = [item.id for item in plan.modalities] if plan else []
    medications = [
        (catalogue[item.id].name, item.start)
        for item in (plan.modalities if plan else [])
        if item.id in catalogue and catalogue[item.id].category == "medication"
    ]
    found = [
        ("red_flags", rules.red_flags_alert(baseline.red_flags, latest.red_flags)),
        ("not_chronic", rules.not_chronic_alert(baseline.duration_months)),
        ("update_overdue", rules.update_overdue_alert(latest.date, today)),
        ("stalled", rules.stalled_alert(baseline.nrs, previous.nrs if previous else None, latest.nrs, len(updates))),
        (
            "consider_advanced_options",
            rules.consider_advanced_options_alert(plan.start if plan else baseline.date, today, latest.nrs, plan_ids),
        ),
        ("medication_review", rules.medication_review_alert(medications, today)),
        ("opioid_increase", rules.opioid_increase_alert(baseline.opioid_mme, latest.opioid_mme)),
    ]
    return [{"code": code, "message": message} for code, message in found if message is not None]


def plan_data(journal: Journal, catalogue: Mapping[str, Modality]) -> dict[str, Any] | None:
    plan = journal.plan
    if plan is None:
        return None
    modalities = []
    for item in plan.modalities:
        m = catalogue.get(item.id)
        modalities.append(
            {
                "id": item.id,
                "name": m.name if m else item.id,
                "category": m.category if m else None,
                "start": item.start.isoformat(),
                # fractions of baseline pain at full effect, as in the catalogue; None: no estimate
                "reduction_low": m.reduction_low if m else None,
                "reduction_high": m.reduction_high if m else None,
            }
        )
    return {"start": plan.start.isoformat(), "modalities": modalities}


def schedule_next(journal: Journal, catalogue: Mapping[str, Modality], today: date,
                  limit: int = SCHEDULE_NEXT) -> list[dict[str, Any]]:
    """The next `limit` steps of the plan's dated schedule (`schedule.build`): those dated on or
    after `today`, and those under way (started, ending on or after `today`), earliest first.
    A re-measure dated on or before the latest assessment is done and left out. [] without a plan."""
    if journal.plan is None:
        return []
    baseline, latest = journal.baseline, journal.latest()
    done_until = latest.date if latest is not None else None
    coming = [
        step for step in schedule.build(journal.plan, catalogue, baseline.date if baseline else None)
        if (step.date >= today or (step.end is not None and step.end >= today))
        and not (step.kind == "re-measure" and done_until is not None and step.date <= done_until)
    ]
    return [
        {
            "date": step.date.isoformat(),
            "end": step.end.isoformat() if step.end else None,
            "kind": step.kind,
            "title": step.title,
            "detail": step.detail,
        }
        for step in coming[:limit]
    ]


def build_report(journal: Journal, catalogue: Mapping[str, Modality], today: date) -> dict[str, Any]:
    """The report data of `journal` as of `today` (see the module docstring for the steps)."""
    baseline, latest = journal.baseline, journal.latest()
    if baseline is None or latest is None:
        raise PaintrackError("there is no baseline yet, so there is nothing to report",
                             hint="run `paintrack baseline` first")
    has_update = latest is not baseline
    # 1. the assessments
    rows = [assessment_row(a) for a in journal.assessments()]
    # 2. change since baseline
    moved = change(baseline, latest) if has_update else None
    r = moved["nrs_reduction_pct"] if moved else None  # as shown, for the status
    exact = instruments.reduction_pct(baseline.nrs, latest.nrs) if has_update else None  # for IMMPACT
    # 3. expected outcome and status
    expected = expected_at(baseline.nrs, projection.expected(journal.plan, catalogue, at=latest.date))
    full_effect = expected_at(baseline.nrs, projection.expected(journal.plan, catalogue))
    latest_summary = summary(latest)
    latest_summary["pgic"] = latest.pgic
    baseline_summary = summary(baseline)
    baseline_summary.update(
        duration_months=baseline.duration_months, locations=list(baseline.locations), goals=list(baseline.goals)
    )
    return {
        "schema": SCHEMA,
        "generated": today.isoformat(),
        "baseline": baseline_summary,
        "latest": latest_summary,
        "assessments": rows,
        "change": moved,
        "immpact": instruments.immpact_category(exact) if exact is not None else None,
        "reversal": (exact >= 50) if exact is not None else None,
        "pain_free_or_nearly": (latest.nrs <= 1) if has_update else None,
        "pgic_immpact": instruments.pgic_immpact(latest.pgic),
        "expected": expected,
        "full_effect": full_effect,
        "status": status(r, expected, has_update),
        "next_update_due": (latest.date + UPDATE_INTERVAL).isoformat(),
        # 4. alerts
        "alerts": alerts(journal, catalogue, today),
        # 5. as recorded
        "plan": plan_data(journal, catalogue),
        "schedule_next": schedule_next(journal, catalogue, today),
        "diary": diary.diary_section(journal.diary),
        "evidence": evidence.evidence_section(journal.evidence),
        "evidence_counts": evidence.evidence_counts(journal.evidence),
        "aspects": aspects.aspects_section(aspects.latest(journal.aspects)),
        "disclaimer": rules.NOT_MEDICAL_ADVICE,
    }
