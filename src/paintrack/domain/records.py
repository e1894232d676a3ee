"""THE record family: every layer reads and writes the journal as these frozen, slotted records.

The storage layer validates bytes with its private pydantic schema and hands out these records;
its fast (sealed) read path builds the same records. Nothing here reads files, imports pydantic,
rich or typer. Collections are tuples, small maps are tuples of pairs, so a record never changes
after it is made: a change to the journal is a new Journal (see `history.apply`).

Derived numbers (BPI scores, PEG, PHQ-9 totals, change) are never stored: `instruments`
computes them when shown.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, TypeAlias

Kind = Literal["baseline", "update"]
ScreenHow = Literal["not_asked", "terminal", "flags"]

#: The seven BPI interference items, in the BPI's order (journal field names).
INTERFERENCE_ITEMS = (
    "activity_interference",
    "mood_interference",
    "walking_interference",
    "work_interference",
    "relations_interference",
    "sleep_interference",
    "enjoyment_interference",
)


@dataclass(frozen=True, slots=True)
class RedFlagScreen:
    """The red-flag screen of one assessment: how it was answered and each answer given.

    `how` is "terminal" (every item asked and answered yes or no), "flags" (`--red-flag` names
    answered yes, `--no-red-flags` answers every item no) or "not_asked". `answers` holds
    (flag, yes) for each answered item, in the screen's order. "Not asked" is never "none".
    """

    how: ScreenHow = "not_asked"
    answers: tuple[tuple[str, bool], ...] = ()

    @property
    def asked(self) -> bool:
        return self.how != "not_asked"

    @property
    def positive(self) -> tuple[str, ...]:
        return tuple(name for name, yes in self.answers if yes)

    @property
    def negative(self) -> tuple[str, ...]:
        return tuple(name for name, yes in self.answers if not yes)

    def answer(self, flag: str) -> bool | None:
        """True (yes), False (no) or None (not answered)."""
        for name, yes in self.answers:
            if name == flag:
                return yes
        return None


NOT_ASKED = RedFlagScreen()


@dataclass(frozen=True, slots=True)
class Assessment:
    """One assessment: the baseline at intake or an update (about every four weeks)."""

    kind: Kind
    date: date
    nrs: int  # average pain over the last 7 days, 0-10 (the BPI "average" item)
    worst: int | None = None
    least: int | None = None
    now: int | None = None
    activity_interference: int | None = None
    mood_interference: int | None = None
    walking_interference: int | None = None
    work_interference: int | None = None
    relations_interference: int | None = None
    sleep_interference: int | None = None
    enjoyment_interference: int | None = None
    walk_m: float | None = None
    opioid_mme: float | None = None
    sleep_hours: float | None = None
    exercise_sessions: int | None = None
    mindfulness_min: int | None = None
    red_flag_screen: RedFlagScreen = NOT_ASKED
    phq9: tuple[int | None, ...] | None = None  # 9 answers 0-3 (None: that item skipped)
    gad7: tuple[int | None, ...] | None = None  # 7 answers 0-3
    goal_ability: tuple[int | None, ...] = ()  # PSFS rating of each baseline goal, in goal order
    side_effects: tuple[str, ...] = ()  # updates
    pgic: int | None = None  # updates: 1 very much improved ... 7 very much worse
    note: str | None = None
    duration_months: int | None = None  # baseline only
    locations: tuple[str, ...] = ()  # baseline only
    goals: tuple[str, ...] = ()  # baseline only: up to 5 activities the pain makes hard

    def interference(self) -> tuple[int | None, ...]:
        return tuple(getattr(self, name) for name in INTERFERENCE_ITEMS)


@dataclass(frozen=True, slots=True)
class DiaryEntry:
    """One evening of `paintrack log`: at most one a day."""

    date: date
    pain: int
    sleep_hours: float | None = None
    mood: int | None = None  # 0 very low ... 10 very good (not the BPI's mood interference)
    stress: int | None = None
    activity_min: int | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    """One observation on the evidence sheet; `number` is given once and never reused."""

    number: int
    date: date
    category: str
    text: str


@dataclass(frozen=True, slots=True)
class AspectsReflection:
    """The four-aspect reflection of pain reprocessing therapy (a reflection aid, not a score)."""

    date: date
    ratings: tuple[tuple[str, int], ...] = ()
    notes: tuple[tuple[str, str], ...] = ()

    def rating(self, aspect: str) -> int | None:
        return dict(self.ratings).get(aspect)

    def note(self, aspect: str) -> str | None:
        return dict(self.notes).get(aspect)


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One planned modality and the date it starts."""
    id: str
    start: date
    clinician_advised: bool = False  # scs/rfa added before the gate, on a clinician's advice


@dataclass(frozen=True, slots=True)
class Plan:
    """The chosen modalities, the plan's start, and the exercise starting dose."""
    start: date  # the earliest start of its modalities
    exercise_start_min: int = 10
    modalities: tuple[PlanItem, ...] = ()

    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.modalities)

    def item(self, modality_id: str) -> PlanItem | None:
        return next((m for m in self.modalities if m.id == modality_id), None)


@dataclass(frozen=True, slots=True)
class ClinicianReview:
    """`paintrack flags --assessed`: a clinician assessed the active red flags and/or the short
    pain duration on `date`; the plan gate opens for what it covers."""

    number: int
    date: date
    flags: tuple[str, ...] = ()
    short_duration: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """Stored once if the user wishes: the name or id line of the human-readable reports."""

    patient_name: str | None = None
    patient_id: str | None = None


Record: TypeAlias = Assessment | DiaryEntry | EvidenceEntry | AspectsReflection | Plan | ClinicianReview | Settings

#: Collections of the journal a Change can touch, and the record type each holds.
Collection = Literal["baseline", "updates", "diary", "evidence", "aspects", "plan", "reviews", "settings"]


@dataclass(frozen=True, slots=True)
class Change:
    """One record changed: in `collection`, under `key` (a date, an evidence number; None for
    the baseline, the plan and the settings), from `before` to `after` (None: absent)."""

    collection: Collection
    key: str | None
    before: Record | None
    after: Record | None

    @property
    def action(self) -> str:
        if self.before is None:
            return "add"
        if self.after is None:
            return "delete"
        return "replace"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change of the journal: when, by which command, the records before and after.

    `undoes` names the entry an undo reverted; `migration` marks a schema migration (which
    undo never reverts: exported identifiers must not change)."""

    number: int
    time: datetime
    command: str
    changes: tuple[Change, ...] = ()
    undoes: int | None = None
    migration: bool = False


@dataclass(frozen=True, slots=True)
class Journal:
    """The whole journal. `journal_id` is made once (a UUID) and scopes exported identifiers;
    a version-1 journal has none until its migration is written."""

    journal_id: str | None = None
    baseline: Assessment | None = None
    updates: tuple[Assessment, ...] = ()  # in date order, one a day
    plan: Plan | None = None
    diary: tuple[DiaryEntry, ...] = ()  # in date order, one a day
    evidence: tuple[EvidenceEntry, ...] = ()  # in number order
    aspects: tuple[AspectsReflection, ...] = ()  # in date order, one a day
    reviews: tuple[ClinicianReview, ...] = ()  # in number order
    settings: Settings = field(default_factory=Settings)
    history: Sequence[HistoryEntry] = ()  # a tuple, or a `history.History` read lazily
    migrated_from: int | None = None  # in memory only: the schema version read from the file

    def assessments(self) -> tuple[Assessment, ...]:
        """The baseline, then every update, in date order."""
        return ((self.baseline,) if self.baseline else ()) + self.updates

    def latest(self) -> Assessment | None:
        if self.updates:
            return self.updates[-1]
        return self.baseline

    def iter_records(self) -> Iterator[Record]:
        yield from self.assessments()
        if self.plan:
            yield self.plan
        yield from self.diary
        yield from self.evidence
        yield from self.aspects
        yield from self.reviews
