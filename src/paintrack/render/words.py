"""One vocabulary for every human format (terminal, Markdown, HTML, PDF): the labels, the
sentences, and one number format.

Figures arrive rounded (`domain.numbers`): `num` prints them with the digits of their kind and
never rounds again, so every format shows the same digits. Sentences take the typed report.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from paintrack.domain.catalogue import Modality
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
    "no_plan": ("no expected range to compare with (no plan, no therapy of it started before the latest assessment, "
                "or no estimate for its therapies)"),
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


def certainty_line(m: Modality) -> str:
    """The certainty word and who judged it: the cited reviews that rated it, or the catalogue's
    own judgement with its reason (never called GRADE unless a review graded it)."""
    if m.certainty is None:
        return "not rated"
    if m.certainty_basis:
        return f"{m.certainty} (paintrack's judgement: {m.certainty_basis})"
    raters = [s for s in m.sources if "certainty" in s.supports and s.verified]
    if not raters:
        return f"{m.certainty} (paintrack's judgement)"
    names = "; ".join(f"{s.authors.split(',')[0].split(' ')[0]} {s.year}" if s.authors and s.year else s.title
                      for s in raters)
    return f"{m.certainty} (as rated in {names})"


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
        return STATUS["no_plan"][0].upper() + STATUS["no_plan"][1:] + "."
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
    pcts, nrs = pct_range(full.reduction_pct_low, full.reduction_pct_high), nrs_range(full.projected_nrs_low,
                                                                                     full.projected_nrs_high)
    # one trial's single figure stays one figure: a range is not made up around it
    what = "a range from trials' group averages" if "–" in pcts + nrs else "a trial group's average"
    return f"At full effect{when}: {pcts} less pain, NRS {nrs}: {what}, never a promise."


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
    n = section.comparisons
    many = ("" if n == 0 else "1 comparison is made; even one can look clear by chance. " if n == 1
            else f"{n} comparisons are made; with that many, one can look clear by chance. ")
    return (f"Each series' own trend over time is removed first. {many}These show what went together in your "
            "diary, never what causes what.")


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


# --- the clinician's page: Markdown, HTML and PDF (issue 19) ----------------------------------

NEXT_UPDATE = "Next update due"
URGENT = "URGENT"
LAST_KNOWN_NOTE = ("In brackets: the last known value and the date it was measured, where the latest "
                   "assessment lacks it.")
KEY_SCORES_TITLE = "Key scores"
KEY_SCORES_HEAD = ("Measure", "Baseline", "Latest", "Change")
CONTEXT_TITLE = "Goals, adherence and notes"
GOALS_TITLE = "Goals (PSFS: 0 unable … 10 able as before the pain)"
ADHERENCE_TITLE = "Adherence"
SIDE_EFFECTS_TITLE = "Side effects"
NOTES_TITLE = "Recent notes"
ALERTS_TITLE = "Alerts"
SCHEDULE_TITLE = "Next in the schedule"
EVIDENCE_TITLE = "Evidence sheet"
ASPECTS_TITLE = "Four-aspect reflection"
EVIDENCE_AND_ASPECTS_TITLE = "Evidence sheet and four-aspect reflection"
PSFS_SCALE = "(0 unable … 10 able as before the pain)"
CHANGE_TITLE = "Change since baseline"
EXPECTED_TITLE = "Expected vs actual"
ASSESSMENTS_TITLE = "Assessments"
PLAN_HEAD = ("Therapy", "From", "At full effect, beside its comparator", "Certainty")
ASSESSMENTS_HEAD = ("Date", "Kind", "NRS", "BPI sev", "BPI int", "PEG", "Walk m", "MME/day", "PHQ-9", "GAD-7",
                    "PSFS", "PGIC", "Red flags")
EVIDENCE_HEAD = ("Number", "Date", "Category", "What you noticed")
GOAL_LABEL = "Goal"
NOTE_LABEL = "Note"
CLINICIAN_ADVISED = " (clinician-advised)"
SCREEN = {"none": "none", "not_asked": "not asked"}
CHART_TITLE = "Pain (NRS 0–10) at each assessment"
CHART_BASELINE = "baseline"
CHART_FULL_EFFECT = ("at full", "effect")
CHART_LEGEND = "Pain (NRS 0–10), dots: each assessment; dashed: baseline"
CHART_LEGEND_BAND = "; shaded: expected range (trials' group averages) from the plan start; bar: at full effect"
CHART_LEGEND_DIARY = "; grey: diary, weekly mean"
SHORTENED_NOTE = ("Shortened to fit one page (“and N more”, “…”): the Markdown report (`--format md`) has every "
                  "entry in full.")


def more(n: int) -> str:
    """What a shortened section says about the entries it leaves out: 'and 6 more'."""
    return f"… and {n} more"


def association_brief(a: AssociationItem, min_days: int) -> str:
    """One factor's association in one short sentence (the page's form of association_sentence)."""
    name = FACTOR.get(a.factor, a.factor).capitalize()
    if a.n < min_days:
        return f"{name}: not enough days yet ({a.n} of {min_days})."
    if a.same_day_rho is None:
        return f"{name}: did not vary enough to compare ({a.n} days)."
    more_of = FACTOR_MORE.get(a.factor, name.lower())
    text = (f"{name}: same day, {_went_with(a.same_day_rho, a.ci_low, a.ci_high, more_of)} (ρ {_rho(a.same_day_rho)}, "
            f"95% interval {_rho(a.ci_low)} to {_rho(a.ci_high)}, {a.n} days)")
    if a.next_day_rho is not None and a.next_day_n >= min_days:
        link = _went_with(a.next_day_rho, a.next_day_ci_low, a.next_day_ci_high, more_of)
        interval = "" if link == "no clear link" else f", {_rho(a.next_day_ci_low)} to {_rho(a.next_day_ci_high)}"
        text += f"; next day (allowing for that day's pain): {link} (ρ {_rho(a.next_day_rho)}{interval})"
    return text + "."


def _went_with(rho: float, low: float | None, high: float | None, more_of: str) -> str:
    if low is None or high is None or not (low > 0 or high < 0):
        return "no clear link"
    return f"{more_of} went with {'lower' if rho < 0 else 'higher'} pain"


def header_line(report: Report) -> str:
    n = len(report.assessments)
    return (f"Generated {report.generated} · baseline {report.baseline.date} · latest assessment "
            f"{report.latest.date} · {n} assessment{'s' if n != 1 else ''}")


def next_update_line(report: Report) -> str:
    """The one next-update date (latest assessment + 28 days)."""
    return f"{NEXT_UPDATE}: {report.next_update_due}"


def _signed(value: float | int, kind: str, unit: str = "") -> str:
    if value == 0:
        return "unchanged"
    return f"{'+' if value > 0 else MINUS}{num(abs(value), kind, unit)}"


_CHANGE_CELL = {
    "bpi_severity": "bpi_severity_reduction_pct",
    "bpi_interference": "bpi_interference_reduction_pct",
    "opioid_mme": "opioid_mme_reduction_pct",
}


def change_cell(report: Report, name: str) -> str:
    """The 'Change' cell of a key score: the report's own change figure, or '—'."""
    c = report.change
    if c is None:
        return GAP
    if name == "nrs":
        text = _signed(-c.nrs_reduction_points, "nrs_int")
        if c.nrs_reduction_points and c.nrs_reduction_pct is not None:
            text += f" ({less(c.nrs_reduction_pct)})"
        return text
    if name in _CHANGE_CELL:
        return less(getattr(c, _CHANGE_CELL[name]))
    if name == "walk_m":
        return GAP if c.walk_m_gain is None else _signed(c.walk_m_gain, "walk", "m")
    if name == "psfs":
        return GAP if c.psfs_gain is None else _signed(c.psfs_gain, "score")
    return GAP


def latest_cell(report: Report, name: str, kind: str, unit: str = "") -> str:
    """The latest value of a key score; where the latest assessment lacks it, the last known
    value and its date in brackets."""
    value = getattr(report.latest, name)
    if value is not None:
        return num(value, kind, unit)
    known = dict(report.last_known).get(name)
    if known is None:
        return GAP
    return f"{num(known.value, kind, unit)} ({known.date})"


def key_score_rows(report: Report) -> list[tuple[str, str, str, str]]:
    """(measure, baseline, latest, change) for every key score, as every format shows them; the
    unit goes with the measure's name."""
    return [
        (f"{label} ({unit})" if unit else label, num(getattr(report.baseline, name), kind),
         latest_cell(report, name, kind), change_cell(report, name).removesuffix(f" {unit}") if unit else
         change_cell(report, name))
        for name, label, unit, kind in KEY_SCORES
    ]


def ratings_text(values: list[tuple[date, int | None]], shown: int = 0, dated: bool = True) -> str:
    """'3 (2026-06-08) → 4 → 6 (2026-11-23)' (without the dates unless `dated`); with `shown`,
    the first and the latest `shown - 1` ratings, the ones between as '…'."""
    rated: list[tuple[date, int | None]] = [(d, v) for d, v in values if v is not None]
    if not rated:
        return "not rated yet"
    if shown and len(rated) > shown:
        rated = rated[:1] + [(rated[1][0], None)] + rated[-(shown - 1):]
    parts = ["…" if v is None else num(v) for _, v in rated]
    if dated:
        parts[0] += f" ({rated[0][0]})"
        if len(rated) > 1:
            parts[-1] += f" ({rated[-1][0]})"
    return " → ".join(parts)


def goal_line(goal: str, ratings: list[tuple[date, int | None]], shown: int = 0, dated: bool = True) -> str:
    return f"{goal}: {ratings_text(ratings, shown, dated)}"


def assessments_span(report: Report) -> str:
    """'At the 7 assessments, 2026-06-08 to 2026-11-23:' (the dates the ratings below were given)."""
    n = len(report.assessments)
    if n == 1:
        return f"PSFS at the baseline, {report.baseline.date}"
    return f"PSFS at the {n} assessments, {report.baseline.date} to {report.latest.date}"


_ADHERENCE = (
    ("exercise_sessions", "Exercise", "sessions/week", ("graded-exercise",)),
    ("mindfulness_min", "Mindfulness", "min/week", ("mbsr", "cbt", "prt")),
)


def adherence_lines(report: Report, shown: int = 0, dated: bool = True) -> list[str]:
    """One line per adherence measure recorded: its values over time, and whether the plan holds
    the therapy it is for."""
    planned = {m.id: m.name for m in report.plan.modalities} if report.plan else {}
    lines = []
    for field, label, unit, ids in _ADHERENCE:
        values = [(a.date, getattr(a, field)) for a in report.adherence]
        if not any(v is not None for _, v in values):
            continue
        names = [planned[i] for i in ids if i in planned]
        against = f"; in the plan: {', '.join(names)}" if names else "; not part of the plan"
        lines.append(f"{label} ({unit}): {ratings_text(values, shown, dated)}{against}")
    return lines


def side_effect_line(on: date, effects: tuple[str, ...]) -> str:
    return f"{on}: " + ", ".join(effects)


def note_line(on: date, source: str, text: str) -> str:
    return f"{on} ({source}): {text}"


def past_flags_line(report: Report, clip: Callable[[str], str] | None = None) -> str | None:
    """Red flags no longer active: 'assessed by a clinician on D' or 'answered no since D'; then
    each clinician's note on them, once: 'The clinician's note (D): “…”.' (`clip` shortens it)."""
    past = [f for f in report.red_flags if f.state != "active"]
    if not past:
        return None
    line = "Red flags: " + "; ".join(f"{f.description}: {FLAG_STATE[f.state]} on {f.since}" for f in past) + "."
    said = dict.fromkeys((f.since, f.note) for f in past if f.state == "assessed" and f.note)
    for on, note in said:
        assert note is not None
        line += f" The clinician's note ({on}): “{clip(note) if clip else note}”."
    return line


def step_line(when: date, end: date | None, title: str, detail: str) -> str:
    return f"{when}{f' – {end}' if end else ''}: {title}" + (f" ({detail})" if detail else "")


def weekly_pain_line(section: DiarySection, shown: int = 0) -> str:
    weeks = list(section.weekly_mean_pain)
    means = [num(w.mean, "nrs") for w in (weeks[-shown:] if shown else weeks)]
    span_text = f"the latest {len(means)} of {len(weeks)} weeks" if len(means) < len(weeks) else \
        f"{len(weeks)} week{'s' if len(weeks) != 1 else ''}"
    return (f"Diary: {section.days} day{'s' if section.days != 1 else ''}, {section.first} to {section.last}. "
            f"Weekly mean pain ({span_text}): " + " · ".join(means))


def evidence_counts_line(report: Report) -> str:
    n = len(report.evidence)
    return (f"{n} observation{'s' if n != 1 else ''}: " + ", ".join(f"{c} {k}" for c, k in report.evidence_counts))


def aspects_line(report: Report) -> str | None:
    a = report.aspects
    if a is None:
        return None
    rated = ", ".join(f"{ASPECT_NAMES.get(k, k)} {num(v)}" for k, v in a.ratings)
    focus = ("emphasise " + ", ".join(ASPECT_NAMES.get(k, k) for k in a.emphasis)) if a.emphasis else \
        "no aspect stands out"
    return f"{a.date}: ratings 0–10 {rated}; {focus} (a reflection aid, not a scored instrument)."


def plan_since(start: date) -> str:
    return f"Plan since {start}:"


def therapy_name(m: PlannedModality) -> str:
    return m.name + (CLINICIAN_ADVISED if m.clinician_advised else "")


def screen_cell(positive: tuple[str, ...], how: str) -> str:
    """A red-flag screen in a table cell: the flags answered yes, 'none' or 'not asked'."""
    return ", ".join(positive) if positive else SCREEN["not_asked" if how == "not_asked" else "none"]


def modality_certainty(m: PlannedModality) -> str:
    return m.certainty or GAP
