"""A realistic six-month sample journal, built in memory (the demo and the benchmarks use it).

A modest course, as trials of education + exercise + a mind-body programme suggest: pain 6 → 4
(a third less, "moderate" by IMMPACT), ups and downs on the way, function a little better, not a
reversal. The diary eases from about 5 to about 4 over its eight weeks, with a real day-to-day link
of sleep and stress with pain (mood follows pain), plus noise.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from paintrack.domain import history
from paintrack.domain.history import change
from paintrack.domain.records import (
    AspectsReflection,
    Assessment,
    Collection,
    DiaryEntry,
    EvidenceEntry,
    Journal,
    Plan,
    PlanItem,
    RedFlagScreen,
)
from paintrack.domain.redflags import NAMES

# (weeks after baseline, nrs, worst, least, now, interference x7, walk_m, opioid_mme, sleep_h,
#  exercise sessions/week, mindfulness min/week, pgic, phq9 total spread, gad7, goal ability x2)
_COURSE = [
    (0, 6, 8, 3, 6, (6, 5, 7, 6, 4, 6, 6), 390, 20, 5.5, None, None, None, 1, 1, (3, 2)),
    (4, 6, 8, 3, 5, (6, 5, 6, 6, 3, 6, 6), 395, 20, 5.5, 2, 40, 4, 1, 1, (3, 3)),
    (8, 5, 7, 3, 5, (5, 5, 6, 5, 3, 5, 5), 405, 20, 6.0, 3, 90, 3, 1, 1, (4, 3)),
    (12, 5, 8, 3, 6, (5, 4, 6, 5, 3, 5, 5), 410, 20, 6.0, 2, 120, 3, 1, 0, (4, 4)),
    (16, 5, 7, 2, 4, (5, 4, 5, 5, 3, 4, 5), 425, 15, 6.5, 3, 150, 3, 0, 0, (5, 4)),
    (20, 4, 7, 2, 4, (4, 4, 5, 4, 2, 4, 4), 430, 15, 6.5, 3, 150, 3, 0, 0, (5, 5)),
    (24, 4, 6, 2, 4, (4, 3, 4, 4, 2, 4, 4), 440, 15, 6.5, 4, 180, 3, 0, 0, (6, 5)),
]
_GOALS = ("walk 30 minutes", "garden for an hour")


def _answers(level: int, items: int) -> tuple[int, ...]:
    """A plausible answer pattern summing to a low total (no self-harm item)."""
    base = [0] * items
    for i in range(level * 3):
        base[i % (items - 1)] += 1
    return tuple(min(3, a) for a in base)


def sample_journal(today: date) -> Journal:
    """Baseline 24 weeks before `today`, a plan started days later, six four-weekly updates,
    eight weeks of diary, an evidence sheet and a four-aspect reflection; every entry recorded
    in the history as the commands would have."""
    start = today - timedelta(weeks=24)
    journal = Journal()
    for weeks, nrs, worst, least, now, (act, mood, walking, work, rel, sleep, enjoy), walk, mme, sleep_h, \
            sessions, mind, pgic, phq, gad, ability in _COURSE:
        day = start + timedelta(weeks=weeks)
        baseline = weeks == 0
        a = Assessment(
            kind="baseline" if baseline else "update", date=day, nrs=nrs, worst=worst, least=least, now=now,
            activity_interference=act, mood_interference=mood, walking_interference=walking,
            work_interference=work, relations_interference=rel, sleep_interference=sleep,
            enjoyment_interference=enjoy, walk_m=float(walk), opioid_mme=float(mme), sleep_hours=sleep_h,
            exercise_sessions=sessions, mindfulness_min=mind, pgic=pgic,
            red_flag_screen=RedFlagScreen("terminal", tuple((n, False) for n in NAMES)),
            phq9=_answers(phq + 1, 9), gad7=_answers(gad + 1, 7), goal_ability=ability,
            duration_months=18 if baseline else None,
            locations=("lower back",) if baseline else (), goals=_GOALS if baseline else (),
            note="Worse after a long drive; better once I kept walking." if weeks == 12 else None,
        )
        collection: Collection = "baseline" if baseline else "updates"
        journal = history.commit(journal, [change(collection, None, a)], _at(day), "baseline" if baseline else "update")
        if baseline:
            plan_start = day + timedelta(days=3)
            plan = Plan(plan_start, 10, (
                PlanItem("pain-education", plan_start),
                PlanItem("graded-exercise", plan_start + timedelta(weeks=1)),
                PlanItem("mbsr", plan_start + timedelta(weeks=2)),
            ))
            journal = history.commit(journal, [change("plan", None, plan)], _at(plan_start), "plan")
    for e in _evidence(start):
        journal = history.commit(journal, [change("evidence", None, e)], _at(e.date), "evidence add")
    r = _reflection(start)
    journal = history.commit(journal, [change("aspects", None, r)], _at(r.date), "plan --aspects")
    last_sunday = today - timedelta(days=(today.weekday() + 1) % 7)  # whole weeks in the weekly means
    for entry in _diary(last_sunday, days=56):
        journal = history.commit(journal, [change("diary", None, entry)], _at(entry.date, 21), "log")
    return journal


def _at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, time(hour, 0)).astimezone().replace(microsecond=0)


def _diary(today: date, days: int) -> list[DiaryEntry]:
    rng = random.Random(14)  # a seed whose eight weekly means ease from about 5 to about 4, as the updates do
    entries = []
    for back in range(days - 1, -1, -1):
        sleep = round(rng.uniform(5, 8) * 2) / 2
        stress = rng.randint(1, 8)
        trend = 5.0 - 1.1 * (days - back) / days
        pain = round(min(10, max(0, trend - 0.6 * (sleep - 6.5) + 0.2 * (stress - 4) + rng.uniform(-1.2, 1.2))))
        entries.append(DiaryEntry(
            date=today - timedelta(days=back), pain=pain, sleep_hours=sleep, stress=stress,
            mood=min(10, max(0, 8 - pain + rng.randint(-1, 1))), activity_min=rng.choice([10, 20, 30, 45]),
            note="Slept badly; stiff all day." if back == 10 else None,
        ))
    return entries


def _evidence(start: date) -> list[EvidenceEntry]:
    return [
        EvidenceEntry(1, start + timedelta(weeks=3), "stress-onset", "The pain began during the months my father was ill."),
        EvidenceEntry(2, start + timedelta(weeks=9), "emotion-attention",
                      "Hardly noticed my back during a long dinner with friends."),
    ]


def _reflection(start: date) -> AspectsReflection:
    return AspectsReflection(
        start + timedelta(weeks=2),
        (("cognitive", 8), ("emotional", 6), ("behavioral", 7), ("autonomic", 3)),
        (("cognitive", "I still think bending will damage my discs."),),
    )
