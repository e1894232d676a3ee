"""Alert rules and their messages: plain functions and constants, no I/O.

The red-flag advice and the chronic-pain definition are worded once, here, and used by every
summary and report.
"""

from __future__ import annotations

from datetime import date

from paintrack import measures

RED_FLAG_ADVICE = (
    "Red flag: {flags}. Seek urgent medical care now (your doctor today, or an emergency "
    "department); do not wait for your next appointment."
)
NOT_CHRONIC = (
    "Chronic pain is defined as pain lasting more than three months; yours has lasted "
    "{months} month{s}. Early pain needs a clinician's assessment first; this plan is for chronic pain."
)


def red_flag_message(flags: list[str]) -> str:
    return RED_FLAG_ADVICE.format(flags="; ".join(measures.RED_FLAGS.get(f, f) for f in flags))


def not_chronic_message(months: int) -> str:
    return NOT_CHRONIC.format(months=months, s="" if months == 1 else "s")


def is_chronic(duration_months: int | None) -> bool | None:
    """Pain lasting three months or more counts as chronic; None when the duration is unknown."""
    return None if duration_months is None else duration_months >= 3


NOT_MEDICAL_ADVICE = (
    "paintrack is a tracking aid, not medical advice: discuss every change of treatment with your clinician."
)

# --- Report alerts -----------------------------------------------------------------------
# Each rule is a plain function over plain values; it returns the alert's message, or None
# when the alert does not apply. `report.build_report` calls them in the contract's order.

UPDATE_INTERVAL_DAYS = 28
ADVANCED_OPTIONS_WEEKS = 12
ADVANCED_OPTIONS_NRS = 5
MEDICATION_REVIEW_WEEKS = 26
ADVANCED_OPTION_ID = "scs"  # spinal cord stimulation


def red_flags_alert(baseline_flags: list[str], latest_flags: list[str]) -> str | None:
    """Any red flag on the latest assessment or on the baseline: seek urgent care."""
    flags = list(dict.fromkeys([*latest_flags, *baseline_flags]))
    return red_flag_message(flags) if flags else None


def not_chronic_alert(duration_months: int | None) -> str | None:
    """The baseline's pain duration is under three months (unknown duration: no alert)."""
    return not_chronic_message(duration_months) if is_chronic(duration_months) is False else None


def update_overdue_alert(latest: date, today: date) -> str | None:
    """More than 28 days since the latest assessment."""
    days = (today - latest).days
    if days <= UPDATE_INTERVAL_DAYS:
        return None
    return (
        f"Your last assessment was {days} days ago ({latest}); re-measure every four weeks "
        "with `paintrack update`."
    )


def stalled_alert(baseline_nrs: int, previous_nrs: int | None, latest_nrs: int, updates: int) -> str | None:
    """At least two updates, and the latest NRS improved on the previous assessment by less
    than 10% of the baseline NRS, while the latest NRS is above 1."""
    if updates < 2 or previous_nrs is None or latest_nrs <= 1:
        return None
    if 10 * (previous_nrs - latest_nrs) >= baseline_nrs:  # improvement ≥ 10% of baseline, exact
        return None
    return (
        f"Progress has stalled: pain {previous_nrs} → {latest_nrs} since the previous assessment. "
        "The plan's advice: tweak the exercise intensity or add a mindfulness session, with your clinician."
    )


def consider_advanced_options_alert(since: date, today: date, latest_nrs: int, plan_ids: list[str]) -> str | None:
    """12 weeks or more since the plan start (the baseline without a plan), as of the report
    date like the other time-based rules, the latest NRS above 5, and spinal cord stimulation
    not in the plan."""
    weeks = (today - since).days / 7
    if weeks < ADVANCED_OPTIONS_WEEKS or latest_nrs <= ADVANCED_OPTIONS_NRS or ADVANCED_OPTION_ID in plan_ids:
        return None
    return (
        f"{int(weeks)} weeks into the plan your pain is still {latest_nrs}/10 (above 5): discuss advanced "
        "options such as spinal cord stimulation or radiofrequency ablation with your specialist."
    )


def medication_review_alert(medications: list[tuple[str, date]], today: date) -> str | None:
    """A medication modality in the plan (name, start) started 26 weeks or more ago."""
    due = [name for name, start in medications if (today - start).days >= MEDICATION_REVIEW_WEEKS * 7]
    if not due:
        return None
    return (
        f"{'; '.join(due)}: started 26 weeks or more ago. Benefit often wanes after six months; "
        "review the medication (and a tapering plan) with your clinician."
    )


def opioid_increase_alert(baseline_mme: float | None, latest_mme: float | None) -> str | None:
    """The latest opioid dose is above the baseline's (both must be recorded)."""
    if baseline_mme is None or latest_mme is None or latest_mme <= baseline_mme:
        return None
    return (
        f"Your opioid dose has risen from {baseline_mme:g} to {latest_mme:g} MME/day since the "
        "baseline; opioids are meant as a bridge, so talk to your prescriber."
    )
