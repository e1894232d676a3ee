"""The validated instruments: their items, answer options and published scoring rules.

- Brief Pain Inventory (BPI; Cleeland): severity = mean of worst, least, average and now, only
  when all four are answered; interference = mean of the answered items of the seven, only when
  at least 4 are answered (BPI user guide: "if more than 3 are missing, do not score").
- PEG (Krebs et al. 2009): mean of average pain, enjoyment-of-life and general-activity
  interference, all three needed; shown as a whole number (LOINC 91147-9's note for clinical use).
- PHQ-9 (Kroenke, Spitzer & Williams 2001) and GAD-7 (Spitzer et al. 2006), developed by
  Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues with an educational
  grant from Pfizer Inc.; no permission required to reproduce, translate, display or distribute.
  Totals need every item; PHQ-9 item 9 (thoughts of self-harm) counts on its own whenever
  answered.
- Patient-Specific Functional Scale (PSFS; Stratford et al. 1995): each chosen activity rated
  0 (unable) … 10 (able as before); the score is the mean of the rated activities.
- IMMPACT (Dworkin et al. 2008, J Pain 9:105-121) readings of a change in pain intensity, with
  an absolute floor so that one point from a low baseline is not called "moderate".
- PGIC: Patient Global Impression of Change, 1 very much improved … 7 very much worse.

Pure functions over records; nothing here reads files or prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import fsum

from paintrack.domain.records import Assessment

MIN_INTERFERENCE_ANSWERED = 4


def mean(values: Sequence[float]) -> float:
    return fsum(values) / len(values)


def bpi_severity(a: Assessment) -> float | None:
    values = [a.worst, a.least, a.nrs, a.now]
    return None if any(v is None for v in values) else mean([v for v in values if v is not None])


def bpi_interference(a: Assessment) -> float | None:
    values = [v for v in a.interference() if v is not None]
    return mean(values) if len(values) >= MIN_INTERFERENCE_ANSWERED else None


def peg(a: Assessment) -> float | None:
    values = [a.nrs, a.enjoyment_interference, a.activity_interference]
    return None if any(v is None for v in values) else mean([v for v in values if v is not None])


# --- PHQ-9 and GAD-7 -------------------------------------------------------------------------

FREQUENCY_OPTIONS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
PHQ9_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
PHQ9_ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so "
    "fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)
GAD7_STEM = "Over the last 2 weeks, how often have you been bothered by the following problems?"
GAD7_ITEMS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
)
SELF_HARM_ITEM = 9  # PHQ-9 item 9, 1-based
#: (lowest total, band) from the instruments' published cut-points.
PHQ9_BANDS = ((20, "severe"), (15, "moderately severe"), (10, "moderate"), (5, "mild"), (0, "minimal"))
GAD7_BANDS = ((15, "severe"), (10, "moderate"), (5, "mild"), (0, "minimal"))
SCREEN_THRESHOLD = 10  # PHQ-9 or GAD-7 of 10 or more: the `mental_health` alert


def total(answers: Sequence[int | None] | None, items: int) -> int | None:
    """The instrument's total; None unless every one of its `items` is answered."""
    if answers is None or len(answers) != items or any(a is None for a in answers):
        return None
    return sum(a for a in answers if a is not None)


def phq9_total(a: Assessment) -> int | None:
    return total(a.phq9, len(PHQ9_ITEMS))


def gad7_total(a: Assessment) -> int | None:
    return total(a.gad7, len(GAD7_ITEMS))


def self_harm_answer(a: Assessment) -> int | None:
    """PHQ-9 item 9 (0-3) whenever it was answered, whatever the other items."""
    if a.phq9 is None or len(a.phq9) < SELF_HARM_ITEM:
        return None
    return a.phq9[SELF_HARM_ITEM - 1]


def band(score: int | None, bands: Sequence[tuple[int, str]]) -> str | None:
    if score is None:
        return None
    return next(name for low, name in bands if score >= low)


# --- PSFS --------------------------------------------------------------------------------------


def psfs(a: Assessment) -> float | None:
    """The mean of the rated goals; None when none is rated."""
    rated = [r for r in a.goal_ability if r is not None]
    return mean(rated) if rated else None


# --- change ------------------------------------------------------------------------------------


def reduction_pct(before: float | None, after: float | None) -> float | None:
    """100 × (before − after) / before; None when either is missing or before is 0."""
    if before is None or after is None or before == 0:
        return None
    return 100.0 * (before - after) / before


def immpact_category(baseline_nrs: int, latest_nrs: int) -> str:
    """IMMPACT (Dworkin 2008) reading of an improvement in pain intensity, with an absolute
    floor: substantial ≥ 50% and ≥ 2 points; moderate ≥ 30% and ≥ 2 points; minimal ≥ 10% and
    ≥ 1 point; otherwise none (improvement only: worsening is `worsened`)."""
    points = baseline_nrs - latest_nrs
    pct = reduction_pct(baseline_nrs, latest_nrs)
    if pct is None:
        return "none"
    if pct >= 50 and points >= 2:
        return "substantial"
    if pct >= 30 and points >= 2:
        return "moderate"
    if pct >= 10 and points >= 1:
        return "minimal"
    return "none"


def worsened(baseline_nrs: int, latest_nrs: int) -> bool:
    """Pain up 2 points or more, or by 30% or more of the baseline (from a baseline of 0 only
    points count: no percentage exists)."""
    up = latest_nrs - baseline_nrs
    if up <= 0:
        return False
    return up >= 2 or (baseline_nrs > 0 and 100 * up / baseline_nrs >= 30)


PGIC_LABELS = {
    1: "very much improved",
    2: "much improved",
    3: "minimally improved",
    4: "no change",
    5: "minimally worse",
    6: "much worse",
    7: "very much worse",
}


def pgic_immpact(pgic: int | None) -> str | None:
    """IMMPACT reading of a PGIC answer: 1 substantial, 2 moderate, 3 minimal, else none."""
    if pgic is None:
        return None
    return {1: "substantial", 2: "moderate", 3: "minimal"}.get(pgic, "none")

