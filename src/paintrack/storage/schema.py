"""The journal's schema of record: pydantic v2 models, private to the storage layer.

They validate bytes and nothing else: records are always built by `codec.from_data`, on every
path. Validation is strict (`true` is not a number, `0` is not a date, an unknown field is an
error), ranges come from `domain.measures`, and an error names the field, never the value.
Version 1 journals are validated by the version-1 models, then migrated (`codec.migrate_v1`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from paintrack.domain import measures as m
from paintrack.domain import redflags
from paintrack.domain.aspects import ASPECT_IDS
from paintrack.domain.measures import FIRST_DATE, LAST_DATE, MAX_TEXT


def _one_of(names: tuple[str, ...] | list[str]) -> str:
    return "^(" + "|".join(re.escape(n) for n in names) + ")$"


Day = Annotated[date, Field(ge=FIRST_DATE, le=LAST_DATE)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
Score = Annotated[int, Field(ge=0, le=10)]
Answer03 = Annotated[int, Field(ge=0, le=3)]
FlagName = Annotated[str, StringConstraints(pattern=_one_of(redflags.NAMES))]
SideEffect = Annotated[str, StringConstraints(pattern=_one_of(list(m.SIDE_EFFECTS)))]
AspectId = Annotated[str, StringConstraints(pattern=_one_of(ASPECT_IDS))]
ModalityId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
Walk = Annotated[float, Field(ge=m.WALK_M.low, le=m.WALK_M.high)]
Mme = Annotated[float, Field(ge=m.OPIOID_MME.low, le=m.OPIOID_MME.high)]
Hours = Annotated[float, Field(ge=0, le=24)]
Sessions = Annotated[int, Field(ge=m.EXERCISE_SESSIONS.low, le=m.EXERCISE_SESSIONS.high)]
MindfulMin = Annotated[int, Field(ge=m.MINDFULNESS_MIN.low, le=m.MINDFULNESS_MIN.high)]
Months = Annotated[int, Field(ge=m.DURATION_MONTHS.low, le=m.DURATION_MONTHS.high)]
Pgic = Annotated[int, Field(ge=1, le=7)]
Number = Annotated[int, Field(ge=1, le=10_000_000)]
Uuid = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
PatientId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9\-.]{1,64}$")]


class Model(BaseModel):
    """No unknown keys, no NaN/Infinity, strict types, never echo health data in errors."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, hide_input_in_errors=True, strict=True)


def _no_duplicates(days: list[Any], what: str) -> None:
    if len(days) != len(set(days)):
        raise ValueError(f"two {what} on one day")


class RedFlagScreen(Model):
    how: Literal["terminal", "flags", "not_asked"]
    answers: dict[FlagName, bool] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _complete(self) -> RedFlagScreen:
        if self.how == "terminal" and set(self.answers) != set(redflags.NAMES):
            raise ValueError("a screen asked on a terminal answers every item")
        if self.how == "not_asked" and self.answers:
            raise ValueError("a screen not asked has no answers")
        return self


class Assessment(Model):
    kind: Literal["baseline", "update"]
    date: Day
    nrs: Score
    worst: Score | None = None
    least: Score | None = None
    now: Score | None = None
    activity_interference: Score | None = None
    mood_interference: Score | None = None
    walking_interference: Score | None = None
    work_interference: Score | None = None
    relations_interference: Score | None = None
    sleep_interference: Score | None = None
    enjoyment_interference: Score | None = None
    walk_m: Walk | None = None
    opioid_mme: Mme | None = None
    sleep_hours: Hours | None = None
    exercise_sessions: Sessions | None = None
    mindfulness_min: MindfulMin | None = None
    red_flag_screen: RedFlagScreen | None = None
    phq9: Annotated[list[Answer03 | None], Field(min_length=9, max_length=9)] | None = None
    gad7: Annotated[list[Answer03 | None], Field(min_length=7, max_length=7)] | None = None
    goal_ability: Annotated[list[Score | None], Field(max_length=m.MAX_GOALS)] = Field(default_factory=list)
    side_effects: list[SideEffect] = Field(default_factory=list)
    pgic: Pgic | None = None
    note: Text | None = None
    duration_months: Months | None = None
    locations: Annotated[list[Text], Field(max_length=m.MAX_LOCATIONS)] = Field(default_factory=list)
    goals: Annotated[list[Text], Field(max_length=m.MAX_GOALS)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fits_kind(self) -> Assessment:
        if self.kind == "update" and (self.duration_months is not None or self.locations or self.goals):
            raise ValueError("duration, locations and goals belong to the baseline")
        if self.kind == "baseline" and (self.pgic is not None or self.side_effects):
            raise ValueError("pgic and side effects belong to updates")
        if len(set(self.side_effects)) != len(self.side_effects):
            raise ValueError("a side effect is listed twice")
        return self


class DiaryEntry(Model):
    date: Day
    pain: Score
    sleep_hours: Hours | None = None
    mood: Score | None = None
    stress: Score | None = None
    activity_min: Annotated[int, Field(ge=0, le=1440)] | None = None
    note: Text | None = None


class EvidenceEntry(Model):
    number: Number
    date: Day
    category: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    text: Text


class AspectsReflection(Model):
    date: Day
    ratings: dict[AspectId, Score] = Field(default_factory=dict)
    notes: dict[AspectId, Text] = Field(default_factory=dict)


class PlanItem(Model):
    id: ModalityId
    start: Day
    clinician_advised: bool = False


class Plan(Model):
    start: Day
    exercise_start_min: Annotated[int, Field(ge=1, le=600)] = 10
    modalities: list[PlanItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        ids = [i.id for i in self.modalities]
        if len(ids) != len(set(ids)):
            raise ValueError("a modality appears twice in the plan")
        if self.start != min(i.start for i in self.modalities):
            raise ValueError("the plan's start is not its earliest modality's start")
        return self


class ClinicianReview(Model):
    number: Number
    date: Day
    flags: list[FlagName] = Field(default_factory=list)
    short_duration: bool = False
    note: Text | None = None


class Settings(Model):
    patient_name: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    patient_id: PatientId | None = None


Key = Annotated[str, StringConstraints(min_length=1, max_length=32)] | None


class _Change(Model):
    key: Key

    @model_validator(mode="after")
    def _one_side(self) -> _Change:
        if getattr(self, "before", None) is None and getattr(self, "after", None) is None:
            raise ValueError("a change has a record before or after it")
        return self


class AssessmentChange(_Change):
    collection: Literal["baseline", "updates"]
    before: Assessment | None
    after: Assessment | None


class DiaryChange(_Change):
    collection: Literal["diary"]
    before: DiaryEntry | None
    after: DiaryEntry | None


class EvidenceChange(_Change):
    collection: Literal["evidence"]
    before: EvidenceEntry | None
    after: EvidenceEntry | None


class AspectsChange(_Change):
    collection: Literal["aspects"]
    before: AspectsReflection | None
    after: AspectsReflection | None


class PlanChange(_Change):
    collection: Literal["plan"]
    before: Plan | None
    after: Plan | None


class ReviewChange(_Change):
    collection: Literal["reviews"]
    before: ClinicianReview | None
    after: ClinicianReview | None


class SettingsChange(_Change):
    collection: Literal["settings"]
    before: Settings | None
    after: Settings | None


AnyChange = Annotated[
    Union[AssessmentChange, DiaryChange, EvidenceChange, AspectsChange, PlanChange, ReviewChange, SettingsChange],
    Field(discriminator="collection"),
]


class HistoryEntry(Model):
    number: Number
    time: datetime
    command: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    changes: list[AnyChange] = Field(default_factory=list)
    undoes: Number | None = None
    migration: bool = False


class Journal(Model):
    schema_version: Literal[2]
    journal_id: Uuid | None = None
    settings: Settings | None = None
    baseline: Assessment | None = None
    updates: list[Assessment] = Field(default_factory=list)
    plan: Plan | None = None
    diary: list[DiaryEntry] = Field(default_factory=list)
    evidence: list[EvidenceEntry] = Field(default_factory=list)
    aspects: list[AspectsReflection] = Field(default_factory=list)
    reviews: list[ClinicianReview] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Journal:
        if self.baseline is not None and self.baseline.kind != "baseline":
            raise ValueError("the baseline is not marked as a baseline")
        if any(u.kind != "update" for u in self.updates):
            raise ValueError("an update is not marked as an update")
        if self.updates and self.baseline is None:
            raise ValueError("updates without a baseline")
        if self.baseline and any(u.date < self.baseline.date for u in self.updates):
            raise ValueError("an update is dated before the baseline")
        _no_duplicates([u.date for u in self.updates], "updates")
        _no_duplicates([e.date for e in self.diary], "diary entries")
        _no_duplicates([r.date for r in self.aspects], "four-aspect reflections")
        if len({e.number for e in self.evidence}) != len(self.evidence):
            raise ValueError("two evidence entries have one number")
        if len({r.number for r in self.reviews}) != len(self.reviews):
            raise ValueError("two clinician's assessments have one number")
        numbers = [h.number for h in self.history]
        if numbers != sorted(set(numbers)):
            raise ValueError("the history's entries are not numbered in order")
        return self


# --- version 1 ------------------------------------------------------------------------------

V1Flag = Literal["sudden-weakness", "bladder-bowel-control", "unexplained-weight-loss", "fever"]


class V1Assessment(Model):
    kind: Literal["baseline", "update"]
    date: Day
    nrs: Score
    worst: Score | None = None
    least: Score | None = None
    now: Score | None = None
    activity: Score | None = None
    mood: Score | None = None
    walking: Score | None = None
    work: Score | None = None
    relations: Score | None = None
    sleep: Score | None = None
    enjoyment: Score | None = None
    walk_m: Walk | None = None
    opioid_mme: Mme | None = None
    sleep_hours: Hours | None = None
    exercise_sessions: Sessions | None = None
    mindfulness_min: MindfulMin | None = None
    red_flags: list[V1Flag] = Field(default_factory=list)
    note: Text | None = None
    pgic: Pgic | None = None
    duration_months: Months | None = None
    locations: list[Text] = Field(default_factory=list)
    goals: list[Text] = Field(default_factory=list)


class V1EvidenceEntry(Model):
    date: Day
    category: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    text: Text


class V1PlanItem(Model):
    id: ModalityId
    start: Day


class V1Plan(Model):
    start: Day
    exercise_start_min: Annotated[int, Field(ge=1, le=600)] = 10
    modalities: list[V1PlanItem] = Field(default_factory=list)


class V1Journal(Model):
    schema_version: Literal[1]
    baseline: V1Assessment | None = None
    updates: list[V1Assessment] = Field(default_factory=list)
    baseline_history: list[V1Assessment] = Field(default_factory=list)
    plan: V1Plan | None = None
    diary: list[DiaryEntry] = Field(default_factory=list)
    aspects: list[AspectsReflection] = Field(default_factory=list)
    evidence: list[V1EvidenceEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> V1Journal:
        if self.updates and self.baseline is None:
            raise ValueError("updates without a baseline")
        if self.baseline and any(u.date < self.baseline.date for u in self.updates):
            raise ValueError("an update is dated before the baseline")
        _no_duplicates([u.date for u in self.updates], "updates")
        _no_duplicates([e.date for e in self.diary], "diary entries")
        return self


MODELS: dict[int, type[Model]] = {1: V1Journal, 2: Journal}


def validate(raw: bytes, version: int) -> None:
    """Validate journal bytes of `version` strictly; ValueError naming the field on failure."""
    try:
        MODELS[version].model_validate_json(raw, strict=True)
    except ValidationError as e:
        raise ValueError(first_error(e)) from None


def first_error(e: ValidationError) -> str:
    """'updates.0.nrs: Input should be less than or equal to 10' (never the value itself)."""
    first = e.errors(include_url=False, include_input=False)[0]
    where = ".".join(str(p) for p in first["loc"]) or "journal"
    message = first["msg"]
    if first["type"] in ("less_than_equal", "greater_than_equal") and "date" in where.split(".")[-1]:
        message += f" (dates run from {FIRST_DATE} to {LAST_DATE})"
    return f"{where}: {message}"
