"""A realistic six-month sample journal, built in memory (the demo and the benchmarks use it)."""

from __future__ import annotations

from datetime import date, timedelta

import random

from paintrack.models import AspectsReflection, Assessment, DiaryEntry, EvidenceEntry, Journal, Plan, PlanItem

# A plausible course for chronic low-back pain on education + graded exercise + CBT:
# (weeks after baseline, nrs, worst, least, now, interference x7, walk_m, opioid_mme, sleep_h,
#  exercise sessions/week, mindfulness min/week, pgic)
_COURSE = [
    (0, 7, 9, 4, 6, (7, 6, 8, 7, 4, 6, 7), 380, 30, 5.5, None, None, None),
    (4, 7, 8, 4, 6, (6, 6, 7, 7, 4, 6, 6), 395, 30, 5.5, 2, 0, 4),
    (8, 6, 8, 3, 5, (6, 5, 6, 6, 3, 5, 6), 410, 25, 6.0, 3, 60, 3),
    (12, 5, 7, 3, 5, (5, 4, 5, 5, 3, 4, 5), 430, 20, 6.5, 3, 90, 3),
    (16, 5, 7, 2, 4, (4, 4, 5, 4, 2, 4, 4), 450, 15, 6.5, 4, 120, 2),
    (20, 4, 6, 2, 3, (3, 3, 4, 4, 2, 3, 3), 470, 10, 7.0, 4, 120, 2),
    (24, 3, 5, 1, 3, (3, 2, 3, 3, 1, 2, 3), 490, 10, 7.0, 4, 150, 2),
]


def sample_journal(today: date) -> Journal:
    """Baseline 24 weeks before `today`, a plan started a week later, six four-weekly updates."""
    start = today - timedelta(weeks=24)
    assessments = []
    for weeks, nrs, worst, least, now, interference, walk, mme, sleep_h, sessions, mind, pgic in _COURSE:
        activity, mood, walking, work, relations, sleep, enjoyment = interference
        baseline = weeks == 0
        assessments.append(
            Assessment(
                kind="baseline" if baseline else "update",
                date=start + timedelta(weeks=weeks),
                nrs=nrs, worst=worst, least=least, now=now,
                activity=activity, mood=mood, walking=walking, work=work,
                relations=relations, sleep=sleep, enjoyment=enjoyment,
                walk_m=walk, opioid_mme=mme, sleep_hours=sleep_h,
                exercise_sessions=sessions, mindfulness_min=mind, pgic=pgic,
                duration_months=18 if baseline else None,
                locations=["lower back"] if baseline else [],
                goals=["walk 30 minutes", "garden for an hour"] if baseline else [],
            )
        )
    plan_start = start + timedelta(days=3)
    plan = Plan(
        start=plan_start,
        modalities=[
            PlanItem(id="pain-education", start=plan_start),
            PlanItem(id="graded-exercise", start=plan_start + timedelta(weeks=1)),
            PlanItem(id="cbt", start=plan_start + timedelta(weeks=2)),
        ],
    )
    return Journal(
        baseline=assessments[0], updates=assessments[1:], plan=plan,
        diary=_diary(today, days=56), evidence=_evidence(start), aspects=[_reflection(start)],
    )


def _diary(today: date, days: int) -> list[DiaryEntry]:
    """Eight weeks of evening entries: pain easing over time, lower after better sleep and
    calmer days (with day-to-day noise, as real diaries have)."""
    rng = random.Random(7)
    entries = []
    for back in range(days - 1, -1, -1):
        sleep = round(rng.uniform(5, 8.5) * 2) / 2
        stress = rng.randint(1, 8)
        trend = 5 - 2 * (days - back) / days
        pain = round(min(10, max(0, trend - 0.8 * (sleep - 6.5) + 0.3 * (stress - 4) + rng.uniform(-1, 1))))
        entries.append(DiaryEntry(
            date=today - timedelta(days=back), pain=pain, sleep_hours=sleep, stress=stress,
            mood=min(10, max(0, 9 - pain + rng.randint(-1, 1))), activity_min=rng.choice([10, 20, 30, 45]),
        ))
    return entries


def _evidence(start: date) -> list[EvidenceEntry]:
    return [
        EvidenceEntry(date=start + timedelta(weeks=3), category="stress-onset",
                      text="The pain began during the months my father was ill."),
        EvidenceEntry(date=start + timedelta(weeks=9), category="emotion-attention",
                      text="Hardly noticed my back during a long dinner with friends."),
    ]


def _reflection(start: date) -> AspectsReflection:
    return AspectsReflection(
        date=start + timedelta(weeks=2),
        ratings={"cognitive": 8, "emotional": 6, "behavioral": 7, "autonomic": 3},
        notes={"cognitive": "I still think bending will damage my discs."},
    )
