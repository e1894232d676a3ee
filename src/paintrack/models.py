"""The journal's schema of record: pydantic v2 models, ranges taken from `measures`.

Derived numbers (BPI scores, PEG, change) are never stored; `instruments` computes them.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from paintrack import SCHEMA_VERSION, measures
from paintrack.snapshot import Chronology

RedFlag = Literal["sudden-weakness", "bladder-bowel-control", "unexplained-weight-loss", "fever"]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


def _bounded(name: str):
    m = measures.BY_NAME[name]
    kind = int if m.integer else float
    return Annotated[kind | None, Field(default=None, ge=m.low, le=m.high)]


class Record(BaseModel):
    """Shared settings: no unknown keys, no NaN/Infinity, never echo health data in errors."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        hide_input_in_errors=True,
        validate_assignment=False,
    )


class Assessment(Record):
    """One assessment: the baseline at intake or a four-weekly update."""

    kind: Literal["baseline", "update"]
    date: Date
    nrs: Annotated[int, Field(ge=0, le=10)]
    worst: _bounded("worst")
    least: _bounded("least")
    now: _bounded("now")
    activity: _bounded("activity")
    mood: _bounded("mood")
    walking: _bounded("walking")
    work: _bounded("work")
    relations: _bounded("relations")
    sleep: _bounded("sleep")
    enjoyment: _bounded("enjoyment")
    walk_m: _bounded("walk_m")
    opioid_mme: _bounded("opioid_mme")
    sleep_hours: _bounded("sleep_hours")
    exercise_sessions: _bounded("exercise_sessions")
    mindfulness_min: _bounded("mindfulness_min")
    red_flags: list[RedFlag] = Field(default_factory=list)
    note: Text | None = None
    # Updates only.
    pgic: _bounded("pgic")
    # Baseline only.
    duration_months: _bounded("duration_months")
    locations: list[Text] = Field(default_factory=list)
    goals: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> Assessment:
        if self.kind == "update" and (self.duration_months is not None or self.locations or self.goals):
            raise ValueError("duration, locations and goals belong to the baseline only")
        if self.kind == "baseline" and self.pgic is not None:
            raise ValueError("pgic belongs to updates only")
        return self


class PlanItem(Record):
    id: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    start: Date


class Plan(Record):
    start: Date
    exercise_start_min: Annotated[int, Field(ge=1, le=600)] = 10
    modalities: list[PlanItem] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> Plan:
        ids = [m.id for m in self.modalities]
        if len(ids) != len(set(ids)):
            raise ValueError("a modality appears twice in the plan")
        return self


class DiaryEntry(Record):
    """One day of `paintrack log`."""

    date: Date
    pain: Annotated[int, Field(ge=0, le=10)]
    sleep_hours: Annotated[float | None, Field(ge=0, le=24)] = None
    mood: Annotated[int | None, Field(ge=0, le=10)] = None
    stress: Annotated[int | None, Field(ge=0, le=10)] = None
    activity_min: Annotated[int | None, Field(ge=0, le=1440)] = None
    note: Text | None = None


Aspect = Literal["cognitive", "emotional", "behavioral", "autonomic"]


class AspectsReflection(Record):
    """The pain reprocessing therapy four-aspect reflection: a reflection aid, not a score."""

    date: Date
    ratings: dict[Aspect, Annotated[int, Field(ge=0, le=10)]] = Field(default_factory=dict)
    notes: dict[Aspect, Text] = Field(default_factory=dict)


class EvidenceEntry(Record):
    date: Date
    category: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    text: Text


def _no_duplicate_dates(items: list, what: str) -> None:
    seen: set[Date] = set()
    for item in items:
        if item.date in seen:
            raise ValueError(f"two {what} on {item.date}")
        seen.add(item.date)


class Journal(Record, Chronology):
    schema_version: Literal[1] = SCHEMA_VERSION
    baseline: Assessment | None = None
    updates: list[Assessment] = Field(default_factory=list)
    # Earlier baselines replaced with `baseline --force`, oldest first: kept, never lost.
    baseline_history: list[Assessment] = Field(default_factory=list)
    plan: Plan | None = None
    diary: list[DiaryEntry] = Field(default_factory=list)
    aspects: list[AspectsReflection] = Field(default_factory=list)
    evidence: list[EvidenceEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Journal:
        if self.baseline is not None and self.baseline.kind != "baseline":
            raise ValueError("the baseline is not marked as a baseline")
        if any(u.kind != "update" for u in self.updates):
            raise ValueError("an update is not marked as an update")
        _no_duplicate_dates(self.updates, "updates")
        _no_duplicate_dates(self.diary, "diary entries")
        if self.updates and self.baseline is None:
            raise ValueError("updates without a baseline")
        if self.baseline and any(u.date < self.baseline.date for u in self.updates):
            raise ValueError("an update is dated before the baseline")
        return self
