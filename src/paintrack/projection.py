"""Expected outcome of a plan: plain arithmetic over the plan and the catalogue.

- A modality's effect at week t after its own start ramps linearly from 0 to its range at
  `full_effect_weeks`, then holds.
- Combined range: low = the largest single low (the effects fully overlap); high =
  1 − Π(1 − high_i) (the effects are independent). Modalities without an estimate add nothing.
- Projected NRS = baseline NRS × (1 − reduction): always a range, never a single promise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from math import prod
from typing import TYPE_CHECKING

from paintrack.catalogue import Modality

if TYPE_CHECKING:  # the models and the snapshot both fit
    from paintrack.models import Plan

COMBINATION_EXPLAINED = (
    "The low bound assumes the therapies' effects fully overlap (the best single one); the high "
    "bound assumes they add up independently, 1 − (1 − a)(1 − b)…"
)


@dataclass(frozen=True)
class Range:
    """A reduction of pain as fractions of the baseline: 0.3 means 30% less pain."""

    low: float
    high: float


def ramp(modality: Modality, start: date, at: date) -> float:
    """How much of its full effect a modality started on `start` has reached by `at`: 0…1."""
    if modality.full_effect_weeks is None:
        return 0.0
    weeks = (at - start).days / 7
    return min(1.0, max(0.0, weeks / modality.full_effect_weeks))


def effect(modality: Modality, start: date, at: date | None = None) -> Range | None:
    """The modality's range at `at` (None: at full effect); None when it has no estimate."""
    if not modality.has_estimate:
        return None
    share = 1.0 if at is None else ramp(modality, start, at)
    return Range(modality.reduction_low * share, modality.reduction_high * share)


def combine(ranges: Iterable[Range]) -> Range | None:
    ranges = list(ranges)
    if not ranges:
        return None
    # 1 − Π(1 − h) is never below the largest single high; saying so keeps float rounding
    # (1 − (1 − h) ≠ h) from putting the high bound a hair under the low one.
    high = max(1 - prod(1 - r.high for r in ranges), max(r.high for r in ranges))
    return Range(max(r.low for r in ranges), min(1.0, high))


def expected(plan: Plan | None, catalogue: Mapping[str, Modality], at: date | None = None) -> Range | None:
    """The plan's combined range at `at`, or at full effect when `at` is None.

    None without a plan, or when no chosen modality has an estimate. Ids missing from the
    catalogue are skipped (the plan view names them).
    """
    if plan is None:
        return None
    effects = (
        effect(catalogue[item.id], item.start, at) for item in plan.modalities if item.id in catalogue
    )
    return combine(r for r in effects if r is not None)


def projected_nrs(baseline_nrs: float, reduction: Range) -> Range:
    """Projected pain as a range: `low` is the better (lower) score, from the high reduction."""
    return Range(baseline_nrs * (1 - reduction.high), baseline_nrs * (1 - reduction.low))
