"""A realistic six-month sample journal, built in memory (the demo and the benchmarks use it)."""

from __future__ import annotations

from datetime import date, timedelta

from paintrack.models import Assessment, Journal, Plan, PlanItem

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
    return Journal(baseline=assessments[0], updates=assessments[1:], plan=plan)
