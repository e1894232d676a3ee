"""Scoring rules of the validated instruments, as plain functions.

- Brief Pain Inventory (BPI) pain severity: the mean of worst, least, average and now,
  only when all four are answered.
- BPI pain interference: the mean of the answered interference items, only when at least
  4 of the 7 are answered (BPI user guide: "if more than 3 are missing, do not score").
- PEG (Pain, Enjoyment, General activity; Krebs et al. 2009): the mean of average pain,
  enjoyment interference and general-activity interference, when all three are answered.
- IMMPACT categories of percentage pain reduction (Dworkin et al. 2008) and of the Patient
  Global Impression of Change (PGIC).

Functions take any object with the assessment's attribute names (a pydantic Assessment).
"""

from __future__ import annotations

from math import fsum
from typing import Any

SEVERITY_ITEMS = ("worst", "least", "nrs", "now")
INTERFERENCE_ITEMS = ("activity", "mood", "walking", "work", "relations", "sleep", "enjoyment")
PEG_ITEMS = ("nrs", "enjoyment", "activity")
MIN_INTERFERENCE_ANSWERED = 4


def fmean(values: list[float]) -> float:
    """The mean, as statistics.fmean computes it (fsum / n), without importing statistics."""
    return fsum(values) / len(values)


def _values(assessment: Any, names: tuple[str, ...]) -> list[float]:
    return [v for v in (getattr(assessment, n) for n in names) if v is not None]


def bpi_severity(assessment: Any) -> float | None:
    values = _values(assessment, SEVERITY_ITEMS)
    return fmean(values) if len(values) == len(SEVERITY_ITEMS) else None


def bpi_interference(assessment: Any) -> float | None:
    values = _values(assessment, INTERFERENCE_ITEMS)
    return fmean(values) if len(values) >= MIN_INTERFERENCE_ANSWERED else None


def peg(assessment: Any) -> float | None:
    values = _values(assessment, PEG_ITEMS)
    return fmean(values) if len(values) == len(PEG_ITEMS) else None


def reduction_pct(before: float | None, after: float | None) -> float | None:
    """100 × (before − after) / before; None when either is missing or before is 0."""
    if before is None or after is None or before == 0:
        return None
    return 100.0 * (before - after) / before


def immpact_category(reduction: float) -> str:
    """IMMPACT reading of a percentage reduction in pain intensity."""
    if reduction >= 50:
        return "substantial"
    if reduction >= 30:
        return "moderate"
    if reduction >= 10:
        return "minimal"
    if reduction > -10:
        return "no_change"
    return "worse"


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
    """IMMPACT reading of a PGIC answer: 3 minimal, 2 moderate, 1 substantial, else none."""
    if pgic is None:
        return None
    return {1: "substantial", 2: "moderate", 3: "minimal"}.get(pgic, "none")
