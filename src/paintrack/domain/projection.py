"""Expected outcome of a plan: plain arithmetic over the plan and the catalogue.

- A modality's effect `weeks` after its own start follows its `timecourse` (from [0, 0], linear
  between the trials' measured points, reaching 1.0), then holds. Waning is shown and scheduled,
  not projected.
- Combined range: low = the largest single low (the effects fully overlap); high =
  1 − (1 − h*) × Π(1 − sⱼ), where h* is the largest single high and sⱼ the specific effect
  (treated arm − comparator arm) of each other modality, on its own time course, 0 without a
  controlled figure: the improvement that happens anyway (placebo, natural course, regression
  to the mean) is counted once, inside h*.
- Projected NRS = baseline NRS × (1 − reduction): always a range, never a promise.
Modalities without an estimate add nothing (and are named "no estimate").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from math import prod

from paintrack.domain.catalogue import Catalogue, Modality
from paintrack.domain.records import Plan


@dataclass(frozen=True, slots=True)
class Range:
    """A reduction of pain as fractions of the baseline: 0.3 means 30% less pain."""

    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Effect:
    """One modality's part at one moment."""

    modality: Modality
    low: float
    high: float
    specific: float


def effect(modality: Modality, start: date, at: date | None = None) -> Effect | None:
    """The modality's effect at `at` (None: at full effect); None when it has no estimate."""
    if not modality.has_estimate or modality.reduction_low is None or modality.reduction_high is None:
        return None
    share = 1.0 if at is None else modality.share_at((at - start).days / 7)
    return Effect(modality, modality.reduction_low * share, modality.reduction_high * share,
                  modality.specific_effect * share)


def combine(effects: Iterable[Effect]) -> Range | None:
    chosen = list(effects)
    if not chosen:
        return None
    best = max(chosen, key=lambda e: e.high)
    others = [e for e in chosen if e is not best]
    high = 1 - (1 - best.high) * prod(1 - e.specific for e in others)
    low = max(e.low for e in chosen)
    return Range(low, min(1.0, max(high, low)))


def effects(plan: Plan | None, catalogue: Catalogue, at: date | None = None) -> list[Effect]:
    if plan is None:
        return []
    found = (effect(catalogue[i.id], i.start, at) for i in plan.modalities if i.id in catalogue)
    return [e for e in found if e is not None]


def expected(plan: Plan | None, catalogue: Catalogue, at: date | None = None) -> Range | None:
    """The plan's combined range at `at`, or at full effect when `at` is None; None without a
    plan, or when no chosen modality has an estimate."""
    return combine(effects(plan, catalogue, at))


def projected_nrs(baseline_nrs: float, reduction: Range) -> Range:
    """Projected pain as a range: `low` is the better (lower) score, from the high reduction."""
    return Range(baseline_nrs * (1 - reduction.high), baseline_nrs * (1 - reduction.low))


def untested_combination(plan: Plan | None, catalogue: Catalogue) -> tuple[str, ...]:
    """The chosen modalities with an estimate when no trial in the catalogue tested them
    together (empty for one modality, or when one's trials combined it with all the others)."""
    if plan is None:
        return ()
    ids = [i.id for i in plan.modalities if i.id in catalogue and catalogue[i.id].has_estimate]
    if len(ids) < 2:
        return ()
    for i in ids:
        if set(ids) - {i} <= set(catalogue[i].tested_with):
            return ()
    return tuple(ids)
