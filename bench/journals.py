"""Benchmark journals, made through paintrack's own records, history and store.

`years_of_updates(10, diary_days=3 * 365, history=2000)` is the issue-14 journal: ten years of
four-weekly updates, three years of daily diary, and 2,000 recorded changes in its history (each
entry added by a change, as `paintrack` records them, then corrections until there are 2,000).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from paintrack.domain import history
from paintrack.domain.records import NOT_ASKED, Assessment, Change, DiaryEntry, Journal, Plan, PlanItem
from paintrack.storage.store import Store

END = date(2026, 11, 23)
WHEN = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
_ITEMS = ("worst", "least", "now", "activity_interference", "mood_interference", "walking_interference",
          "work_interference", "relations_interference", "sleep_interference", "enjoyment_interference")


def _assessment(kind: str, when: date, rng: random.Random, nrs: int) -> Assessment:
    items = {k: rng.randint(0, 10) for k in _ITEMS}
    items["worst"], items["least"] = max(items["worst"], nrs), min(items["least"], nrs)
    extra = {"duration_months": 18} if kind == "baseline" else {"pgic": rng.randint(1, 7)}
    return Assessment(
        kind=kind, date=when, nrs=nrs, walk_m=float(rng.randint(250, 600)),  # type: ignore[arg-type]
        opioid_mme=float(rng.choice([0, 10, 20, 30])), sleep_hours=round(rng.uniform(4, 9), 1),
        exercise_sessions=rng.randint(0, 6), mindfulness_min=rng.randint(0, 200), red_flag_screen=NOT_ASKED,
        **items, **extra,
    )


def years_of_updates(years: int, diary_days: int = 0, seed: int = 1, history_changes: int = 0) -> Journal:
    """A baseline `years` ago, an update every 28 days up to END, optional daily diary; with
    `history_changes`, the journal as paintrack would have recorded it: one change per entry
    added, then `log --replace`-like corrections of diary entries up to that many changes."""
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
    plan = Plan(start=start, modalities=tuple(PlanItem(i, start) for i in ("pain-education", "graded-exercise", "cbt")))
    if not history_changes:
        return Journal(baseline=baseline, updates=tuple(updates), plan=plan, diary=tuple(diary))
    return _recorded(baseline, updates, plan, diary, history_changes, rng)


def _recorded(baseline: Assessment, updates: list[Assessment], plan: Plan, diary: list[DiaryEntry],
              changes: int, rng: random.Random) -> Journal:
    adds: list[tuple[str, Change]] = [("baseline", history.change("baseline", None, baseline)),
                                      ("plan", history.change("plan", None, plan))]
    adds += [("update", history.change("updates", None, u)) for u in updates]
    adds += [("log", history.change("diary", None, e)) for e in diary]
    adds.sort(key=lambda a: getattr(a[1].after, "date", None) or getattr(a[1].after, "start", None))
    journal = Journal(journal_id="00000000-0000-4000-8000-000000000001")
    for command, c in adds[:changes]:
        journal = history.commit(journal, [c], WHEN, command)
    while len(journal.history) < changes and journal.diary:
        old = journal.diary[rng.randrange(len(journal.diary))]
        new = replace(old, pain=(old.pain + 1) % 11, note="corrected")
        journal = history.commit(journal, [history.change("diary", old, new)], WHEN, f"edit log {old.date}")
    return journal


def stress(entries: int, seed: int = 2) -> Journal:
    """`entries` entries in all: half daily updates, half daily diary entries, ending at END."""
    rng = random.Random(seed)
    half = entries // 2
    start = END - timedelta(days=half)
    baseline = _assessment("baseline", start, rng, 7)
    updates = tuple(_assessment("update", start + timedelta(days=i), rng, rng.randint(0, 10)) for i in range(1, half))
    diary = tuple(DiaryEntry(date=start + timedelta(days=i), pain=rng.randint(0, 10), sleep_hours=7.0, mood=5, stress=5)
                  for i in range(half))
    return Journal(baseline=baseline, updates=updates, diary=diary)


def write(journal: Journal, path: Path) -> None:
    """Write `journal` through the store (validated, sealed), whatever `path` held."""
    Store(path).replace_all(journal, WHEN)
