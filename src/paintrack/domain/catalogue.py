"""The modality catalogue as records: what trials found, for whom, against what, and when.

Read from data/modalities.toml by `storage/catalogue_file.py` (which validates it); these
records are what every other layer uses. A figure the sources do not give is None, and
paintrack says "no estimate"; a figure only the source article gives is its `article_claim`,
shown as the article's, never used in a projection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Certainty = Literal["high", "moderate", "low", "very low"]
CATEGORIES = ("education", "movement", "psychological", "mind-body", "medication", "invasive", "technology")
#: Fields whose numbers must each be backed by a source (`Source.supports`).
NUMERIC_FIELDS = (
    "reduction_low", "reduction_high", "control_reduction", "timecourse", "wanes_after_weeks",
    "responders", "harms", "population_pain", "article_claim",
)


@dataclass(frozen=True, slots=True)
class Source:
    """A checked source for a catalogue figure: who, where, when, and a short quote."""
    key: str
    title: str
    quote: str
    supports: tuple[str, ...]
    verified: bool
    authors: str = ""
    year: int | None = None
    journal: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    where: str | None = None
    derivation: str | None = None

    def citation(self) -> str:
        """'Ashar YK, Gordon A, et al. (2022). Title. JAMA Psychiatry. doi:…'"""
        parts = [f"{self.authors} ({self.year})." if self.year else f"{self.authors}.".lstrip(".")]
        parts.append(f"{self.title}.")
        if self.journal:
            parts.append(f"{self.journal}.")
        if self.doi:
            parts.append(f"doi:{self.doi}")
        if self.pmid:
            parts.append(f"PMID {self.pmid}")
        if self.url and not (self.doi or self.pmid):
            parts.append(self.url)
        return " ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Responders:
    """A responder rate from a trial: the share of people reaching a defined relief, against the control arm's."""
    definition: str
    week: float
    share: float
    control_share: float | None = None
    control: str | None = None


@dataclass(frozen=True, slots=True)
class Harm:
    """A harm reported by a trial: what, in what share of people, by which week."""
    what: str
    share: float
    week: float | None = None


@dataclass(frozen=True, slots=True)
class ArticleClaim:
    """A figure the source article claims without a study behind it (never evidence by itself)."""
    text: str
    reduction_low: float | None = None
    reduction_high: float | None = None


@dataclass(frozen=True, slots=True)
class Modality:
    """One therapy of the catalogue: what trials found, for whom, against what, and when."""
    id: str
    name: str
    category: str
    mechanism: str
    population: str
    comparator: str
    certainty: Certainty | None
    sources: tuple[Source, ...]
    reduction_low: float | None = None
    reduction_high: float | None = None
    control_reduction: float | None = None
    control_arm: str | None = None  # the short name of the comparison arm behind control_reduction
    timecourse: tuple[tuple[float, float], ...] = ()
    wanes_after_weeks: float | None = None
    advanced: bool = False
    certainty_basis: str | None = None  # the catalogue's judgement, where no cited review rated it
    population_pain: tuple[float, float] | None = None
    population_sites: tuple[str, ...] = ()
    responders: tuple[Responders, ...] = ()
    harms: tuple[Harm, ...] = ()
    article_claim: ArticleClaim | None = None
    tested_with: tuple[str, ...] = ()  # modalities its trials combined it with
    aliases: tuple[str, ...] = field(default=())

    @property
    def has_estimate(self) -> bool:
        return self.reduction_low is not None and self.reduction_high is not None and bool(self.timecourse)

    @property
    def specific_effect(self) -> float:
        """reduction_high − control_reduction at full effect; 0 without a controlled figure or
        when the comparator did as well (a negative specific effect counts as 0)."""
        if not self.has_estimate or self.control_reduction is None or self.reduction_high is None:
            return 0.0
        return max(0.0, self.reduction_high - self.control_reduction)

    @property
    def full_effect_weeks(self) -> float | None:
        """The first measured week at which the time course reaches its full effect."""
        return next((week for week, share in self.timecourse if share >= 1.0), None)

    def share_at(self, weeks: float) -> float:
        """The share of its full effect reached `weeks` after its start: linear between the
        time course's points (from [0, 0]), then held at the last point."""
        if not self.timecourse or weeks <= 0:
            return 0.0
        points = [(0.0, 0.0), *((float(w), float(s)) for w, s in self.timecourse if w > 0)]
        for (w0, s0), (w1, s1) in zip(points, points[1:]):
            if weeks <= w1:
                return s0 + (s1 - s0) * (weeks - w0) / (w1 - w0)
        return points[-1][1]

    def sources_for(self, field_name: str) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if field_name in s.supports)

    def verified(self, field_name: str) -> bool:
        return any(s.verified for s in self.sources_for(field_name))


Catalogue = dict[str, Modality]


def resolve(catalogue: Catalogue, modality_id: str) -> Modality | None:
    """A modality by id or alias (ids are case-insensitive)."""
    wanted = modality_id.strip().lower()
    if wanted in catalogue:
        return catalogue[wanted]
    return next((m for m in catalogue.values() if wanted in m.aliases), None)
