"""Sample report dicts in the `paintrack.report/1` shape, for the export renderers' tests.

They follow the contract's JSON field by field, so the renderers can be tested before (and
independently of) the report builder. `SAMPLES` lists every sample by name; when
`paintrack.report.build_report` exists, `SAMPLES` also holds the real builder's report of the
demo journal, so every parametrized renderer test runs on real builder output too.
"""

from __future__ import annotations

from datetime import date, timedelta

NOT_MEDICAL_ADVICE = (
    "paintrack is a tracking aid, not medical advice: discuss every change of treatment with your clinician."
)

# (kind, weeks after 2026-06-08, nrs, worst, least, now, interference x7, walk_m, opioid_mme,
#  sleep_hours, exercise_sessions, mindfulness_min, pgic, red_flags)
_START = date(2026, 6, 8)
_COURSE = [
    ("baseline", 0, 7, 9, 4, 6, (7, 6, 8, 7, 4, 6, 7), 380, 30, 5.5, None, None, None, []),
    ("update", 4, 7, 8, 4, 6, (6, 6, 7, 7, 4, 6, 6), 395, 30, 5.5, 2, 0, 4, []),
    ("update", 8, 6, 8, 3, 5, (6, 5, 6, 6, 3, 5, 6), 410, 25, 6.0, 3, 60, 3, []),
    ("update", 12, 5, 7, 3, 5, (5, 4, 5, 5, 3, 4, 5), 430, 20, 6.5, 3, 90, 3, []),
    ("update", 16, 5, 7, 2, 4, (4, 4, 5, 4, 2, 4, 4), 450, 15, 6.5, 4, 120, 2, []),
    ("update", 20, 4, 6, 2, 3, (3, 3, 4, 4, 2, 3, 3), 470, 10, 7.0, 4, 120, 2, []),
    ("update", 24, 3, 5, 1, 3, (3, 2, 3, 3, 1, 2, 3), 490, 10, 7.0, 4, 150, 2, ["fever"]),
]
INTERFERENCE = ("activity", "mood", "walking", "work", "relations", "sleep", "enjoyment")
SEVERITY = ("worst", "least", "nrs", "now")


def _mean(values: list[float | None], need: int) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if len(present) >= need else None


def assessment(kind: str, day: date, nrs: int | None, **items) -> dict:
    """One assessment with every field of the contract; scores computed by the published rules."""
    a: dict = {"kind": kind, "date": day.isoformat(), "nrs": nrs}
    for name in ("worst", "least", "now", *INTERFERENCE, "walk_m", "opioid_mme", "sleep_hours",
                 "exercise_sessions", "mindfulness_min", "pgic"):
        a[name] = items.get(name)
    a["red_flags"] = list(items.get("red_flags", []))
    a["bpi_severity"] = _mean([a[n] for n in SEVERITY], 4)
    a["bpi_interference"] = _mean([a[n] for n in INTERFERENCE], 4)
    a["peg"] = _mean([a["nrs"], a["enjoyment"], a["activity"]], 3)
    return a


def _summary(a: dict | None) -> dict | None:
    if a is None:
        return None
    return {k: a[k] for k in ("date", "nrs", "bpi_severity", "bpi_interference", "peg", "walk_m", "opioid_mme")}


def _pct(before, after):
    if before is None or after is None or before == 0:
        return None
    return 100.0 * (before - after) / before


def full_course() -> dict:
    """Six months on education + graded exercise + CBT; a fever red flag on the latest update."""
    assessments = []
    for kind, weeks, nrs, worst, least, now, inter, walk, mme, sleep_h, sessions, mind, pgic, flags in _COURSE:
        assessments.append(assessment(
            kind, _START + timedelta(weeks=weeks), nrs, worst=worst, least=least, now=now,
            **dict(zip(INTERFERENCE, inter)), walk_m=walk, opioid_mme=mme, sleep_hours=sleep_h,
            exercise_sessions=sessions, mindfulness_min=mind, pgic=pgic, red_flags=flags,
        ))
    base, last = assessments[0], assessments[-1]
    r = _pct(base["nrs"], last["nrs"])  # 57.14…
    plan_start = _START + timedelta(days=3)
    return {
        "schema": "paintrack.report/1",
        "generated": "2026-11-30",
        "baseline": _summary(base),
        "latest": _summary(last),
        "assessments": assessments,
        "change": {
            "nrs_reduction_points": base["nrs"] - last["nrs"],
            "nrs_reduction_pct": r,
            "bpi_severity_reduction_pct": _pct(base["bpi_severity"], last["bpi_severity"]),
            "bpi_interference_reduction_pct": _pct(base["bpi_interference"], last["bpi_interference"]),
            "walk_m_gain": last["walk_m"] - base["walk_m"],
            "opioid_mme_reduction_pct": _pct(base["opioid_mme"], last["opioid_mme"]),
        },
        "immpact": "substantial",
        "reversal": True,
        "pain_free_or_nearly": False,
        "pgic_immpact": "moderate",
        "expected": {"reduction_pct_low": 45.0, "reduction_pct_high": 69.6,
                     "projected_nrs_low": 2.128, "projected_nrs_high": 3.85},
        "full_effect": {"reduction_pct_low": 45.0, "reduction_pct_high": 72.0,
                        "projected_nrs_low": 1.96, "projected_nrs_high": 3.85},
        "status": "on_track",
        "next_update_due": (date.fromisoformat(last["date"]) + timedelta(days=28)).isoformat(),
        "alerts": [
            {"code": "red_flags", "message": "Red flag: fever. Seek urgent medical care now (your doctor "
             "today, or an emergency department); do not wait for your next appointment."},
            {"code": "medication_review", "message": "Medication <started> 26 weeks ago: ask for a review & \"taper\" plan."},
        ],
        "plan": {
            "start": plan_start.isoformat(),
            "modalities": [
                {"id": "pain-education", "name": "Pain neuroscience education", "start": plan_start.isoformat(),
                 "reduction_low": 0.2, "reduction_high": 0.3},
                {"id": "graded-exercise", "name": "Physical therapy (graded exercise)",
                 "start": (plan_start + timedelta(weeks=1)).isoformat(), "reduction_low": 0.45, "reduction_high": 0.6},
                {"id": "cbt", "name": "Cognitive behavioural therapy (CBT)",
                 "start": (plan_start + timedelta(weeks=2)).isoformat(), "reduction_low": None, "reduction_high": None},
            ],
        },
        "disclaimer": NOT_MEDICAL_ADVICE,
        "diary": {
            "days": 20,
            "weekly_mean_pain": [{"week_start": "2026-11-02", "mean": 3.4}, {"week_start": "2026-11-09", "mean": 3.1}],
            "associations": [
                {"factor": "sleep_hours", "same_day_rho": -0.42, "next_day_rho": -0.35, "n": 19},
                {"factor": "stress", "same_day_rho": None, "next_day_rho": None, "n": 9},
            ],
        },
        "aspects": None,
        "evidence": [{"date": "2026-11-20", "category": "activity", "text": "Gardened for 40 minutes <no flare> | felt fine"}],
    }


def baseline_only() -> dict:
    """A baseline and nothing else: no change, no plan, no expectation yet."""
    base = assessment("baseline", date(2026, 11, 2), 6, worst=8, least=3, now=5, activity=6, mood=5,
                      walking=6, work=5, relations=3, sleep=5, enjoyment=6, walk_m=410)
    return {
        "schema": "paintrack.report/1",
        "generated": "2026-11-23",
        "baseline": _summary(base),
        "latest": _summary(base),
        "assessments": [base],
        "change": None,
        "immpact": None,
        "reversal": None,
        "pain_free_or_nearly": False,
        "pgic_immpact": None,
        "expected": None,
        "full_effect": None,
        "status": "no_update",
        "next_update_due": "2026-11-30",
        "alerts": [],
        "plan": None,
        "disclaimer": NOT_MEDICAL_ADVICE,
    }


def many_nulls() -> dict:
    """Gaps everywhere: only NRS on most dates, a missing NRS, null summaries, no optional keys."""
    items = [
        assessment("baseline", date(2026, 3, 2), 8, worst=9, least=None, now=7, activity=8, mood=7),
        assessment("update", date(2026, 3, 30), None, walk_m=300),
        assessment("update", date(2026, 4, 27), 7, pgic=4, activity=7, mood=6, walking=7, work=6,
                   enjoyment=7),
    ]
    return {
        "schema": "paintrack.report/1",
        "generated": "2026-11-23",
        "baseline": _summary(items[0]),
        "latest": _summary(items[-1]),
        "assessments": items,
        "change": {"nrs_reduction_points": 1, "nrs_reduction_pct": 12.5, "bpi_severity_reduction_pct": None,
                   "bpi_interference_reduction_pct": None, "walk_m_gain": None, "opioid_mme_reduction_pct": None},
        "immpact": "minimal",
        "reversal": False,
        "pain_free_or_nearly": False,
        "pgic_immpact": "none",
        "expected": None,
        "full_effect": None,
        "status": "no_plan",
        "next_update_due": None,
        "alerts": [
            {"code": "update_overdue", "message": "Your last assessment was 210 days ago."},
            {"code": "consider_advanced_options", "message": "Pain above 5 after 12 weeks: ask about advanced options."},
        ],
        "plan": None,
        "disclaimer": None,
    }


def built_from_demo() -> dict | None:
    """The real builder's report of the demo journal, once `paintrack.report` exists."""
    try:
        from paintrack.report import build_report
    except ImportError:
        return None
    from paintrack.catalogue import load_catalogue
    from paintrack.demo import sample_journal

    today = date(2026, 11, 23)
    return build_report(sample_journal(today), load_catalogue(), today)


SAMPLES = {"full_course": full_course, "baseline_only": baseline_only, "many_nulls": many_nulls}
if built_from_demo() is not None:  # pragma: no cover - depends on the builder branch
    SAMPLES["built_from_demo"] = built_from_demo
