"""The evidence sheet: observations that suggest the pain is neuroplastic (learned by the brain
rather than driven by ongoing tissue damage).

Alan Gordon's book *The Way Out* (pain reprocessing therapy) lists patterns that each add
evidence, and recommends writing them down as an "evidence sheet" to build the case (seed 003).
Patients with neuroplastic pain often have two or more; some have none, and a few other
conditions (arthritis, for one) can produce some of them too — so the sheet is something to
discuss with a clinician, not a diagnosis. Pure functions; nothing here imports pydantic or rich.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from paintrack.errors import InputError
from paintrack.measures import shown

#: id used on the command line → what the category means.
CATEGORIES: dict[str, str] = {
    "stress-onset": "the pain began during a stressful period of life",
    "no-injury": "there was no injury, or the injury has healed",
    "inconsistent": "the symptoms are inconsistent, move around or spread",
    "triggers": "triggers that have nothing to do with physical load (weather, sounds, time of day, stress)",
    "symmetry": "the symptoms are symmetrical (the same on both sides of the body)",
    "delayed": "the pain comes with a delay, after an activity rather than during it",
    "emotion-attention": "the pain changes with emotion or attention (less when absorbed or at ease)",
    "other": "anything else that speaks for (or against) learned, neuroplastic pain",
}
DEFAULT_CATEGORY = "other"
MAX_TEXT = 2000  # models.Text


def parse_category(raw: str, field: str = "--category") -> str:
    name = raw.strip().lower()
    if name not in CATEGORIES:
        raise InputError(f"{field} must be one of {', '.join(CATEGORIES)}; got {shown(raw)}")
    return name


def evidence_section(entries: Sequence[Any]) -> list[dict[str, str]]:
    """The report's `evidence`: [{date, category, text}], oldest first (stable for a day)."""
    ordered = sorted(entries, key=lambda e: e.date)
    return [{"date": e.date.isoformat(), "category": e.category, "text": e.text} for e in ordered]


def evidence_counts(entries: Sequence[Any]) -> dict[str, int]:
    """How many entries each category has, in the categories' order, only those with any."""
    counts = Counter(e.category for e in entries)
    known = {c: counts[c] for c in CATEGORIES if counts[c]}
    unknown = {c: n for c, n in sorted(counts.items()) if c not in CATEGORIES}
    return known | unknown
