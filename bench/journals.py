"""Benchmark journals, made through paintrack's own models and store."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from paintrack.models import Assessment, DiaryEntry, Journal, Plan, PlanItem
from paintrack.store import Store

END = date(2026, 11, 23)


def _assessment(kind: str, when: date, rng: random.Random, nrs: int) -> Assessment:
    items = {k: rng.randint(0, 10) for k in ("worst", "least", "now", "activity", "mood", "walking", "work", "relations", "sleep", "enjoyment")}
    extra = {"duration_months": 18} if kind == "baseline" else {"pgic": rng.randint(1, 7)}
    return Assessment(
        kind=kind, date=when, nrs=nrs, walk_m=rng.randint(250, 600), opioid_mme=rng.choice([0, 10, 20, 30]),
        sleep_hours=round(rng.uniform(4, 9), 1), exercise_sessions=rng.randint(0, 6), mindfulness_min=rng.randint(0, 200),
        **items, **extra,
    )


def years_of_updates(years: int, diary_days: int = 0, seed: int = 1) -> Journal:
    """A baseline `years` ago, an update every 28 days up to END, and optional daily diary."""
    rng = random.Random(seed)
    n_updates = years * 13
    start = END - timedelta(days=28 * n_updates)
    baseline = _assessment("baseline", start, rng, 8)
    updates = [
        _assessment("update", start + timedelta(days=28 * i), rng, max(0, 8 - i * 5 // n_updates))
        for i in range(1, n_updates + 1)
    ]
    diary = [
        DiaryEntry(date=END - timedelta(days=d), pain=rng.randint(2, 8), sleep_hours=round(rng.uniform(4, 9), 1),
                   mood=rng.randint(0, 10), stress=rng.randint(0, 10), activity_min=rng.randint(0, 120))
        for d in range(diary_days, 0, -1)
    ]
    plan = Plan(start=start, modalities=[PlanItem(id=i, start=start) for i in ("pain-education", "graded-exercise", "cbt")])
    return Journal(baseline=baseline, updates=updates, plan=plan, diary=diary)


def stress(entries: int, seed: int = 2) -> Journal:
    """`entries` entries in all: half daily updates, half daily diary entries, ending at END."""
    rng = random.Random(seed)
    half = entries // 2
    start = END - timedelta(days=half)
    baseline = _assessment("baseline", start, rng, 7)
    updates = [_assessment("update", start + timedelta(days=i), rng, rng.randint(0, 10)) for i in range(1, half)]
    diary = [DiaryEntry(date=start + timedelta(days=i), pain=rng.randint(0, 10), sleep_hours=7.0, mood=5, stress=5)
             for i in range(half)]
    return Journal(baseline=baseline, updates=updates, diary=diary)


def write(journal: Journal, path: Path) -> None:
    with Store(path).transaction() as current:
        for name in Journal.model_fields:
            setattr(current, name, getattr(journal, name))
