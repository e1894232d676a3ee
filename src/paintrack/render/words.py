"""One vocabulary for every human format (terminal, Markdown, HTML, PDF): the labels, the
sentences, and one number format.

Figures arrive rounded (`domain.numbers`): `num` prints them with the digits of their kind and
never rounds again, so every format shows the same digits. Sentences take the typed report.
"""

from __future__ import annotations

from datetime import date

from paintrack.domain.numbers import PRECISION
from paintrack.domain.report import (
    AssociationItem,
    ChangeSinceBaseline,
    Criteria,
    DiarySection,
    Expected,
    PlannedModality,
    Report,
)

GAP = "—"
MINUS = "\u2212"

IMMPACT = {
    "substantial": "substantial improvement (50% or more, and 2 points or more, less pain)",
    "moderate": "moderate improvement (30% or more, and 2 points or more, less pain)",
    "minimal": "minimal improvement (10% or more, and 1 point or more, less pain)",
    "none": "no meaningful improvement",
}
PGIC_IMMPACT = {"substantial": "substantial", "moderate": "moderate", "minimal": "minimal", "none": "no improvement"}
PGIC_LABELS = {
    1: "very much improved", 2: "much improved", 3: "minimally improved", 4: "no change",
    5: "minimally worse", 6: "much worse", 7: "very much worse",
}
STATUS = {
    "better_than_expected": "better than the range the trials suggest",
    "as_expected": "within the range the trials suggest (allowing one point of measurement error)",
    "less_than_expected": "less improvement than the range the trials suggest",
    "no_plan": "no expected range to compare with (no plan, or no estimate for its therapies)",
    "no_update": "no update since the baseline yet",
}
LEVEL = {"urgent": "URGENT", "soon": "Soon", "info": "Note"}
TIER = {"emergency": "emergency", "prompt": "see a doctor within days"}
FLAG_STATE = {"active": "active", "assessed": "assessed by a clinician", "cleared": "answered no"}
FACTOR = {"sleep_hours": "sleep", "mood": "mood", "stress": "stress", "activity_min": "activity"}
FACTOR_MORE = {"sleep_hours": "more sleep", "mood": "a better mood", "stress": "more stress",
               "activity_min": "more activity"}
ASPECT_NAMES = {"cognitive": "cognitive", "emotional": "emotional", "behavioral": "behavioral",
                "autonomic": "autonomic"}
KEY_SCORES = (
    ("nrs", "Pain (NRS, 7-day average)", "", "nrs_int"),
    ("bpi_severity", "BPI severity", "", "score"),
    ("bpi_interference", "BPI interference", "", "score"),
    ("peg", "PEG", "", "peg"),
    ("walk_m", "Six-minute walk", "m", "walk"),
    ("opioid_mme", "Opioid dose", "MME/day", "mme"),
    ("phq9", "PHQ-9", "", "int"),
    ("gad7", "GAD-7", "", "int"),
    ("psfs", "Goals (PSFS)", "", "score"),
)
SCORES_NOTE = "Pain, BPI and PEG run from 0 (none) to 10 (worst); PSFS from 0 (unable) to 10 (able as before)."
WHAT_GOES_WITH = "What went together with your pain"
HEADLINE = "Pain progress report"


def num(value: float | int | None, kind: str = "int", unit: str = "") -> str:
    """A figure with the digits its kind is shown with (it was rounded to them already)."""
    if value is None:
        return GAP
    digits = PRECISION.get(kind, 0)
    if isinstance(value, bool):
        text = str(value)
    elif kind in ("int", "nrs_int") or digits == 0:
        text = f"{value:.0f}"
    else:
        text = f"{value:.{digits}f}"
    if text.startswith("-"):
        text = MINUS + text[1:] if text.strip("-0.") else text[1:]
    return f"{text} {unit}".rstrip() if unit else text


def span(low: str, high: str) -> str:
    """'low–high', or one figure when both read the same ('25', not '25–25')."""
    return low if low == high else f"{low}–{high}"


def pct_range(low: float | int | None, high: float | int | None) -> str:
    return span(num(low, "range_pct"), num(high, "range_pct")) + "%"


def nrs_range(low: float | None, high: float | None) -> str:
    return span(num(low, "nrs"), num(high, "nrs"))


def fraction_range(low: float | None, high: float | None) -> str:
    """A catalogue's fractions as a whole-percent range."""
    from paintrack.domain.numbers import pct

    return pct_range(pct(low), pct(high))


def less(value: float | None) -> str:
    """A reduction in per cent, in words: '25.0% less', '10.0% more', 'unchanged'."""
    if value is None:
        return GAP
    if value == 0:
        return "unchanged"
    return f"{num(abs(value), 'pct')}% {'less' if value > 0 else 'more'}"


def points(n: int) -> str:
    return f"{n} point{'s' if abs(n) != 1 else ''}"


def day(d: date | None) -> str:
    return GAP if d is None else d.isoformat()


def weeks_apart(first: date, last: date) -> str:
    weeks = (last - first).days // 7
    return f"{weeks} week{'s' if weeks != 1 else ''} apart"


def change_sentence(report: Report) -> str:
    """'Pain 7 → 5: down 2 points (28.6% less); minimal improvement (…).'"""
    c = report.change
    b, latest = report.baseline, report.latest
    if c is None:
        return "No update yet: record one with `paintrack update` four weeks after the baseline."
    moved = (f"down {points(c.nrs_reduction_points)}" if c.nrs_reduction_points > 0
             else f"up {points(-c.nrs_reduction_points)}" if c.nrs_reduction_points < 0 else "unchanged")
    text = f"Pain {b.nrs} → {latest.nrs}: {moved}"
    if c.nrs_reduction_pct is not None and c.nrs_reduction_points != 0:
        text += f" ({less(c.nrs_reduction_pct)})"
    if report.worsened:
        text += "; worse than at the baseline"
    elif report.immpact:
        text += f"; IMMPACT: {IMMPACT[report.immpact]}"
    return text + "."


def other_changes(c: ChangeSinceBaseline) -> str:
    gain = c.walk_m_gain
    walk = GAP if gain is None else "unchanged" if gain == 0 else f"{'+' if gain > 0 else MINUS}{num(abs(gain), 'walk')} m"
    psfs = GAP if c.psfs_gain is None else ("unchanged" if c.psfs_gain == 0 else
                                           f"{'+' if c.psfs_gain > 0 else MINUS}{num(abs(c.psfs_gain), 'score')}")
    return (f"BPI severity {less(c.bpi_severity_reduction_pct)} · BPI interference "
            f"{less(c.bpi_interference_reduction_pct)} · six-minute walk {walk} · opioid dose "
            f"{less(c.opioid_mme_reduction_pct)} · goals (PSFS) {psfs}")


def badges(report: Report) -> list[str]:
    """What was met, named exactly; never a bare 'REVERSAL' from one rating."""
    found = []
    c: Criteria | None = report.reversal_criteria
    if c is not None:
        if c.pain_free_6_months and c.pain_free_since is not None:
            found.append(f"Pain-free since {c.pain_free_since}, six months or more (the source article's "
                         "first definition of reversal)")
        if c.halved_sustained and c.halved_dates is not None:
            first, last = c.halved_dates
            text = f"Pain halved at two assessments, {weeks_apart(first, last)} ({first}, {last})"
            if c.normal_activities:
                text += ", with normal activities (BPI interference 4 or less): reversal as the source article defines it"
            elif c.normal_activities is None:
                text += "; interference not measured, so reversal cannot be judged"
            else:
                text += "; BPI interference above 4, so not yet normal activities"
            found.append(text)
    if report.pain_free_or_nearly:
        found.append("Pain-free or nearly (NRS 1 or less at the latest assessment)")
    return found


def reversal_note(report: Report) -> str | None:
    c = report.reversal_criteria
    if c is None:
        return None
    return (f"Reversal criteria: pain halved and sustained {yes_no(c.halved_sustained)}; normal activities "
            f"{yes_no(c.normal_activities)}; pain-free for six months {yes_no(c.pain_free_6_months)}; "
            f"nervous-system signalling {c.nervous_system_signalling}.")


def yes_no(value: bool | None) -> str:
    return "not measured" if value is None else "yes" if value else "no"


def expected_sentence(report: Report) -> str:
    e: Expected | None = report.expected
    if e is None:
        return STATUS["no_plan"] + "."
    text = (f"Expected by {report.latest.date}: {pct_range(e.reduction_pct_low, e.reduction_pct_high)} less pain, "
            f"NRS {nrs_range(e.projected_nrs_low, e.projected_nrs_high)}")
    if report.change is not None:
        text += f"; actual NRS {report.latest.nrs}: {STATUS[report.status]}"
        if report.latest.pgic is not None:
            text += f"; your own impression of change (PGIC): {PGIC_LABELS[report.latest.pgic]}"
    return text + "."


def full_effect_sentence(report: Report) -> str | None:
    full = report.full_effect
    if full is None:
        return None
    when = f" (by {report.full_effect_date})" if report.full_effect_date else ""
    return (f"At full effect{when}: {pct_range(full.reduction_pct_low, full.reduction_pct_high)} less pain, "
            f"NRS {nrs_range(full.projected_nrs_low, full.projected_nrs_high)}: a range from trials' group "
            "averages, never a promise.")


def pgic_sentence(report: Report) -> str | None:
    if report.latest.pgic is None or report.change is None:
        return None
    reading = PGIC_IMMPACT.get(report.pgic_immpact or "", "")
    return (f"Your own impression of change (PGIC): {report.latest.pgic}, {PGIC_LABELS[report.latest.pgic]}"
            + (f" (IMMPACT: {reading})" if reading else "") + ".")


def modality_range(m: PlannedModality) -> str:
    if m.reduction_low is None or m.reduction_high is None:
        return "no estimate"
    text = f"{fraction_range(m.reduction_low, m.reduction_high)} less pain in the treated group"
    if m.control_reduction is not None:
        text += f"; {fraction_range(m.control_reduction, m.control_reduction)} with {m.comparator or 'the comparator'}"
    return text


def plan_line(report: Report) -> str | None:
    plan = report.plan
    if plan is None:
        return None
    parts = [f"{m.name} ({modality_range(m)})" for m in plan.modalities]
    return f"Plan since {plan.start}: " + "; ".join(parts)


def untested_sentence(ids: tuple[str, ...]) -> str | None:
    if not ids:
        return None
    return ("No trial has tested " + " + ".join(ids) + " together: the combined range assumes the "
            "improvement that happens anyway is counted once, and the other therapies add only their "
            "specific effect.")


def _rho(value: float | None) -> str:
    return num(value, "rho")


def association_sentence(a: AssociationItem, min_days: int) -> str:
    """One sentence per factor: same day, then next day (controlling for that day's pain)."""
    name = FACTOR.get(a.factor, a.factor)
    if a.n < min_days:
        return f"{name.capitalize()}: not enough days yet ({a.n} of {min_days})."
    if a.same_day_rho is None:
        return f"{name.capitalize()}: it did not vary enough to compare ({a.n} days)."
    same = _link(a.same_day_rho, a.ci_low, a.ci_high, f"on days with {FACTOR_MORE.get(a.factor, name)}, pain")
    text = f"{name.capitalize()}: {same} (ρ {_rho(a.same_day_rho)}, 95% interval {_rho(a.ci_low)} to {_rho(a.ci_high)}, {a.n} days)"
    if a.next_day_rho is not None and a.next_day_n >= min_days:
        nxt = _link(a.next_day_rho, a.next_day_ci_low, a.next_day_ci_high, "the next day's pain")
        text += (f"; allowing for that day's pain, {nxt} (ρ {_rho(a.next_day_rho)}, "
                 f"{_rho(a.next_day_ci_low)} to {_rho(a.next_day_ci_high)}, {a.next_day_n} pairs of days)")
    return text + "."


def _link(rho: float, low: float | None, high: float | None, subject: str) -> str:
    clear = low is not None and high is not None and (low > 0 or high < 0)
    if not clear:
        return f"{subject} showed no clear link"
    return f"{subject} tended to be {'lower' if rho < 0 else 'higher'} (they went together)"


def diary_caveat(section: DiarySection) -> str:
    return (f"Each series' own trend over time is removed first. {section.comparisons} comparisons are made; with "
            "that many, one can look clear by chance. These show what went together in your diary, "
            "never what causes what.")


def disclaimer(report: Report) -> str:
    return report.disclaimer


def patient_line(report: Report) -> str | None:
    p = report.patient
    if p is None:
        return None
    parts = [x for x in (p.name, f"id {p.id}" if p.id else None) if x]
    return "Patient: " + ", ".join(parts)


def duration_line(report: Report) -> str:
    b = report.baseline
    months = GAP if b.duration_months is None else f"{b.duration_months} month{'s' if b.duration_months != 1 else ''}"
    where = ", ".join(b.locations) if b.locations else "not recorded"
    return f"Pain for {months} (at the baseline); where: {where}"
