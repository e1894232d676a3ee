"""The evidence sheet: observations that suggest the pain is neuroplastic (learned by the brain
rather than driven by ongoing tissue damage).

Alan Gordon's book *The Way Out* (pain reprocessing therapy) lists patterns that each add
evidence, and recommends writing them down as an "evidence sheet" to build the case (the article on neuroplastic pain that cites it).
Patients with neuroplastic pain often have two or more; some have none, and a few other
conditions (arthritis, for one) can produce some of them too — so the sheet is something to
discuss with a clinician, not a diagnosis. Pure functions; nothing here imports pydantic or rich.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from paintrack.domain.records import EvidenceEntry

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


def counts(entries: Sequence[EvidenceEntry]) -> dict[str, int]:
    """How many entries each category has, in the categories' order, only those with any."""
    found = Counter(e.category for e in entries)
    known = {c: found[c] for c in CATEGORIES if found[c]}
    unknown = {c: n for c, n in sorted(found.items()) if c not in CATEGORIES}
    return known | unknown

