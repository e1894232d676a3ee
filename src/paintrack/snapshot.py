"""A read-only snapshot of the journal for the commands that only read it (`report`).

The pydantic models in `models` stay the journal's schema of record: every journal paintrack
writes is validated by them, and a snapshot is only ever made of data they accepted, either

- just now (`from_journal`: the file was validated with the models on this read), or
- when it was written (`from_data` on the file's JSON: the store found the file byte-for-byte
  equal to what a validated write left, by its seal; see `store.Store.snapshot`).

The snapshot's records are plain slotted dataclasses with the models' field names, order and
defaults (tests/test_snapshot.py compares them with the models field by field), so the domain
code reads them exactly as it reads the models. Nothing here imports pydantic: a report on a
sealed journal does not pay pydantic's import and schema building (bench/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from paintrack import SCHEMA_VERSION

if TYPE_CHECKING:
    from paintrack import models


class Chronology:
    """The assessments in date order: shared by the models' Journal and the snapshot's."""

    __slots__ = ()

    def assessments(self) -> list[Any]:
        """The baseline then every update, in date order."""
        first = [self.baseline] if self.baseline else []  # type: ignore[attr-defined]
        return first + sorted(self.updates, key=lambda u: u.date)  # type: ignore[attr-defined]

    def latest(self) -> Any | None:
        every = self.assessments()
        return every[-1] if every else None


@dataclass(slots=True, eq=True)
class Assessment:
    kind: str
    date: date
    nrs: int
    worst: int | None = None
    least: int | None = None
    now: int | None = None
    activity: int | None = None
    mood: int | None = None
    walking: int | None = None
    work: int | None = None
    relations: int | None = None
    sleep: int | None = None
    enjoyment: int | None = None
    walk_m: float | None = None
    opioid_mme: float | None = None
    sleep_hours: float | None = None
    exercise_sessions: int | None = None
    mindfulness_min: int | None = None
    red_flags: list[str] = field(default_factory=list)
    note: str | None = None
    pgic: int | None = None
    duration_months: int | None = None
    locations: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=True)
class PlanItem:
    id: str
    start: date


@dataclass(slots=True, eq=True)
class Plan:
    start: date
    exercise_start_min: int = 10
    modalities: list[PlanItem] = field(default_factory=list)


@dataclass(slots=True, eq=True)
class DiaryEntry:
    date: date
    pain: int
    sleep_hours: float | None = None
    mood: int | None = None
    stress: int | None = None
    activity_min: int | None = None
    note: str | None = None


@dataclass(slots=True, eq=True)
class AspectsReflection:
    date: date
    ratings: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True, eq=True)
class EvidenceEntry:
    date: date
    category: str
    text: str


@dataclass(slots=True, eq=True)
class Journal(Chronology):
    schema_version: int = SCHEMA_VERSION
    baseline: Assessment | None = None
    updates: list[Assessment] = field(default_factory=list)
    baseline_history: list[Assessment] = field(default_factory=list)
    plan: Plan | None = None
    diary: list[DiaryEntry] = field(default_factory=list)
    aspects: list[AspectsReflection] = field(default_factory=list)
    evidence: list[EvidenceEntry] = field(default_factory=list)


def _dated(cls: type, key: str = "date"):
    def make(data: dict[str, Any]) -> Any:
        data = dict(data)
        data[key] = date.fromisoformat(data[key])
        return cls(**data)

    return make


_assessment = _dated(Assessment)
_diary = _dated(DiaryEntry)
_aspects = _dated(AspectsReflection)
_evidence = _dated(EvidenceEntry)
_plan_item = _dated(PlanItem, "start")


def _plan(data: dict[str, Any]) -> Plan:
    data = dict(data)
    data["start"] = date.fromisoformat(data["start"])
    data["modalities"] = [_plan_item(m) for m in data.get("modalities", ())]
    return Plan(**data)


def from_data(data: dict[str, Any]) -> Journal:
    """A journal as the models dump it (`model_dump(mode="json", exclude_none=True)`, or the
    file's JSON, which is that dump) → its snapshot. The data must be what the models accepted."""
    baseline = data.get("baseline")
    plan = data.get("plan")
    return Journal(
        schema_version=data.get("schema_version", SCHEMA_VERSION),
        baseline=_assessment(baseline) if baseline is not None else None,
        updates=[_assessment(u) for u in data.get("updates", ())],
        baseline_history=[_assessment(b) for b in data.get("baseline_history", ())],
        plan=_plan(plan) if plan is not None else None,
        diary=[_diary(d) for d in data.get("diary", ())],
        aspects=[_aspects(a) for a in data.get("aspects", ())],
        evidence=[_evidence(e) for e in data.get("evidence", ())],
    )


def from_journal(journal: models.Journal) -> Journal:
    """The snapshot of a journal the models have just validated."""
    return from_data(journal.model_dump(mode="json", exclude_none=True))
