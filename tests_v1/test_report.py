"""build_report and the alert rules, tested directly on models with a fixed `today`."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paintrack import instruments
from paintrack.catalogue import parse_catalogue
from paintrack.demo import sample_journal
from paintrack.errors import PaintrackError
from paintrack.models import Assessment, AspectsReflection, EvidenceEntry, Journal, Plan, PlanItem
from paintrack.report import build_report

D0 = date(2026, 1, 5)  # baseline date
W = timedelta(weeks=1)

# A test catalogue (figures from seed 000's modality table, 6-month data), so these tests do not
# depend on what data/modalities.toml holds. "no-figure" stands for a modality without estimate.
CATALOGUE = parse_catalogue(
    {
        "graded-exercise": dict(name="Graded exercise", category="movement", mechanism="m",
                                reduction_low=0.45, reduction_high=0.60, full_effect_weeks=24,
                                evidence="High", sources=["seed 000 table"]),
        "cbt": dict(name="CBT", category="psychological", mechanism="m", reduction_low=0.30,
                    reduction_high=0.50, full_effect_weeks=12, evidence="High", sources=["seed 000 table"]),
        "medication": dict(name="Duloxetine or gabapentin", category="medication", mechanism="m",
                           reduction_low=0.15, reduction_high=0.30, full_effect_weeks=8,
                           evidence="Moderate", sources=["seed 000 table"]),
        "scs": dict(name="Spinal cord stimulation", category="invasive", mechanism="m",
                    reduction_low=0.5, reduction_high=0.7, full_effect_weeks=12, evidence="High",
                    sources=["seed 000 table"]),
        "no-figure": dict(name="Something without figures", category="education", mechanism="m",
                          evidence="Low", sources=["none"]),
    }
)


def baseline(nrs=8, **kw) -> Assessment:
    kw.setdefault("duration_months", 18)
    return Assessment(kind="baseline", date=kw.pop("date", D0), nrs=nrs, **kw)


def update(weeks: float, nrs: int, **kw) -> Assessment:
    return Assessment(kind="update", date=D0 + timedelta(weeks=weeks), nrs=nrs, **kw)


def journal(base=None, nrs_course=(), plan=None, **kw) -> Journal:
    """A baseline and one update every four weeks with the given NRS values."""
    updates = [update(4 * (i + 1), n) for i, n in enumerate(nrs_course)]
    return Journal(baseline=base or baseline(), updates=updates, plan=plan, **kw)


def plan(*ids, start=D0, **starts) -> Plan:
    return Plan(start=start, modalities=[PlanItem(id=i, start=starts.get(i.replace("-", "_"), start)) for i in ids])


def codes(report) -> list[str]:
    return [a["code"] for a in report["alerts"]]


def at(j: Journal, days_after_latest: int = 0) -> dict:
    return build_report(j, CATALOGUE, j.latest().date + timedelta(days=days_after_latest))


# --- the contract's shape ---------------------------------------------------------------


def test_every_contract_field_is_there_and_json_ready():
    j = sample_journal(date(2026, 11, 23))
    j.evidence = [EvidenceEntry(date=date(2026, 9, 1), category="function", text="gardened 1 h")]
    j.aspects = [AspectsReflection(date=date(2026, 10, 1), ratings={"emotional": 4})]
    j.diary = []
    report = build_report(j, CATALOGUE, date(2026, 11, 23))
    assert json.loads(json.dumps(report)) == report  # plain data only
    for key in ("schema", "generated", "baseline", "latest", "assessments", "change", "immpact", "reversal",
                "pain_free_or_nearly", "pgic_immpact", "expected", "full_effect", "status",
                "next_update_due", "alerts", "plan", "disclaimer", "evidence", "aspects", "diary"):
        assert key in report, key
    assert report["schema"] == "paintrack.report/1" and report["generated"] == "2026-11-23"
    for summary in (report["baseline"], report["latest"]):
        assert {"date", "nrs", "bpi_severity", "bpi_interference", "peg", "walk_m", "opioid_mme"} <= set(summary)
    first = report["assessments"][0]
    for key in ("kind", "date", "nrs", "pgic", "worst", "least", "now", "activity", "mood", "walking", "work",
                "relations", "sleep", "enjoyment", "sleep_hours", "exercise_sessions", "mindfulness_min",
                "red_flags", "bpi_severity", "bpi_interference", "peg", "walk_m", "opioid_mme"):
        assert key in first, key
    assert [a["kind"] for a in report["assessments"]] == ["baseline"] + ["update"] * 6
    dates = [a["date"] for a in report["assessments"]]
    assert dates == sorted(dates)
    assert set(report["change"]) == {"nrs_reduction_points", "nrs_reduction_pct", "bpi_severity_reduction_pct",
                                     "bpi_interference_reduction_pct", "walk_m_gain", "opioid_mme_reduction_pct"}
    assert set(report["expected"]) == {"reduction_pct_low", "reduction_pct_high", "projected_nrs_low", "projected_nrs_high"}
    assert report["evidence"] == [{"date": "2026-09-01", "category": "function", "text": "gardened 1 h"}]
    assert report["aspects"]["ratings"] == {"cognitive": None, "emotional": 4, "behavioral": None, "autonomic": None}
    assert report["aspects"]["emphasis"] == []  # 4 is below the emphasis threshold of 5
    assert report["diary"] == {"days": 0, "weekly_mean_pain": [], "associations": report["diary"]["associations"]}
    assert {a["factor"] for a in report["diary"]["associations"]} == {"sleep_hours", "mood", "stress", "activity_min"}
    assert all(a["same_day_rho"] is None for a in report["diary"]["associations"])
    assert "not medical advice" in report["disclaimer"]


def test_sample_journal_figures():
    # baseline nrs 7, worst 9, least 4, now 6 → severity 6.5; latest 3/5/1/3 → 3; walk 380 → 490
    report = build_report(sample_journal(date(2026, 11, 23)), CATALOGUE, date(2026, 11, 23))
    c = report["change"]
    assert c["nrs_reduction_points"] == 4
    assert c["nrs_reduction_pct"] == 57.1
    assert c["bpi_severity_reduction_pct"] == round(100 * (6.5 - 3) / 6.5, 1) == 53.8
    assert c["walk_m_gain"] == 110
    assert c["opioid_mme_reduction_pct"] == round(100 * 20 / 30, 1) == 66.7
    assert report["baseline"]["bpi_interference"] == 6.43  # 45 / 7
    assert report["pgic_immpact"] == "moderate"  # latest PGIC 2, much improved
    assert report["latest"]["pgic"] == 2


def test_no_baseline_is_an_error():
    with pytest.raises(PaintrackError, match="no baseline"):
        build_report(Journal(), CATALOGUE, D0)


def test_before_the_first_update():
    report = at(journal())
    assert report["change"] is None and report["immpact"] is None and report["reversal"] is None
    assert report["pain_free_or_nearly"] is None and report["pgic_immpact"] is None
    assert report["status"] == "no_update"
    assert report["latest"]["date"] == report["baseline"]["date"] == "2026-01-05"
    assert report["next_update_due"] == "2026-02-02"


# --- change, IMMPACT, reversal -------------------------------------------------------------


@pytest.mark.parametrize(
    "base, latest, pct, category, reversal",
    [(10, 5, 50.0, "substantial", True), (10, 6, 40.0, "moderate", False), (10, 7, 30.0, "moderate", False),
     (10, 8, 20.0, "minimal", False), (10, 9, 10.0, "minimal", False), (10, 10, 0.0, "no_change", False),
     (5, 6, -20.0, "worse", False), (8, 4, 50.0, "substantial", True), (3, 0, 100.0, "substantial", True)],
)
def test_immpact_through_the_report(base, latest, pct, category, reversal):
    report = at(journal(baseline(base), [latest]))
    assert report["change"]["nrs_reduction_pct"] == pct
    assert report["change"]["nrs_reduction_points"] == base - latest
    assert report["immpact"] == category and report["reversal"] is reversal


@pytest.mark.parametrize(
    "r, category",
    [(50, "substantial"), (49.99, "moderate"), (30, "moderate"), (29.99, "minimal"), (10, "minimal"),
     (9.99, "no_change"), (-9.99, "no_change"), (-10, "worse"), (100, "substantial"), (-100, "worse")],
)
def test_immpact_boundaries(r, category):
    assert instruments.immpact_category(r) == category


@pytest.mark.parametrize("latest, expected", [(1, True), (0, True), (2, False)])
def test_pain_free_or_nearly(latest, expected):
    assert at(journal(baseline(8), [latest]))["pain_free_or_nearly"] is expected


@pytest.mark.parametrize("pgic, reading", [(1, "substantial"), (2, "moderate"), (3, "minimal"), (4, "none"), (7, "none")])
def test_pgic_immpact_from_the_latest_update(pgic, reading):
    j = Journal(baseline=baseline(), updates=[update(4, 6, pgic=pgic)])
    assert at(j)["pgic_immpact"] == reading
    assert at(j)["assessments"][1]["pgic"] == pgic


@pytest.mark.parametrize("base_mme, latest_mme, pct", [(30, 15, 50.0), (None, 10, None), (0, 0, None), (20, None, None)])
def test_opioid_reduction_pct(base_mme, latest_mme, pct):
    j = Journal(baseline=baseline(opioid_mme=base_mme), updates=[update(4, 6, opioid_mme=latest_mme)])
    assert at(j)["change"]["opioid_mme_reduction_pct"] == pct


def test_missing_values_are_gaps_not_crashes():
    full = dict(worst=9, least=4, now=6, activity=7, mood=6, walking=8, work=7, relations=4, sleep=6,
                enjoyment=7, walk_m=380)
    j = Journal(baseline=baseline(8, **full), updates=[update(4, 6), update(8, 5, walk_m=420, worst=8, least=3, now=5)])
    report = at(j)
    only_nrs = report["assessments"][1]
    assert only_nrs["nrs"] == 6
    assert only_nrs["bpi_severity"] is None and only_nrs["bpi_interference"] is None and only_nrs["peg"] is None
    assert only_nrs["walk_m"] is None and only_nrs["worst"] is None
    c = report["change"]
    assert c["nrs_reduction_pct"] == 37.5
    assert c["bpi_severity_reduction_pct"] == round(100 * (6.75 - 5.25) / 6.75, 1)  # (8+3+5+5)/4
    assert c["bpi_interference_reduction_pct"] is None  # no interference item on the latest
    assert c["walk_m_gain"] == 40


@given(
    st.integers(0, 10),
    st.lists(st.tuples(st.integers(0, 10), st.one_of(st.none(), st.integers(0, 10)),
                       st.one_of(st.none(), st.floats(0, 1000)), st.one_of(st.none(), st.floats(0, 5000))),
             max_size=6),
)
def test_any_journal_gives_json_ready_report(base, course):
    updates = [update(4 * (i + 1), n, worst=w, walk_m=walk, opioid_mme=mme) for i, (n, w, walk, mme) in enumerate(course)]
    j = Journal(baseline=baseline(base), updates=updates, plan=plan("graded-exercise", "no-figure"))
    report = build_report(j, CATALOGUE, D0 + timedelta(weeks=30))
    assert json.loads(json.dumps(report, allow_nan=False)) == report
    assert report["status"] in ("ahead", "on_track", "behind", "no_plan", "no_update")
    assert len(report["assessments"]) == 1 + len(course)


# --- expected outcome and status ----------------------------------------------------------


def test_expected_at_the_latest_date_and_full_effect():
    # 8 weeks in: graded exercise 8/24 of 45–60% = 15–20%; CBT 8/12 of 30–50% = 20–33.3%.
    # low = max(15, 20) = 20%; high = 1 − 0.8 × (1 − 1/3) = 46.7%; NRS 8 × (1 − r).
    j = journal(baseline(8), [7, 6], plan=plan("graded-exercise", "cbt"))
    report = at(j)
    assert report["expected"] == {"reduction_pct_low": 20.0, "reduction_pct_high": 46.7,
                                  "projected_nrs_low": round(8 * (1 - (1 - 0.8 * (2 / 3))), 2), "projected_nrs_high": 6.4}
    # full effect: low 45%, high 1 − 0.4 × 0.5 = 80%
    assert report["full_effect"] == {"reduction_pct_low": 45.0, "reduction_pct_high": 80.0,
                                     "projected_nrs_low": 1.6, "projected_nrs_high": 4.4}
    assert report["status"] == "on_track"  # 25% is within 20–46.7%
    assert report["plan"] == {
        "start": "2026-01-05",
        "modalities": [
            {"id": "graded-exercise", "name": "Graded exercise", "category": "movement", "start": "2026-01-05",
             "reduction_low": 0.45, "reduction_high": 0.6},
            {"id": "cbt", "name": "CBT", "category": "psychological", "start": "2026-01-05",
             "reduction_low": 0.3, "reduction_high": 0.5},
        ],
    }


@pytest.mark.parametrize("latest, status", [(8, "behind"), (7, "behind"), (6, "on_track"), (5, "on_track"), (4, "ahead")])
def test_status_against_the_expected_range(latest, status):
    # 8 weeks in: expected 20–46.7%. 8→7 is 12.5%, 6 is 25%, 5 is 37.5%, 4 is 50%.
    assert at(journal(baseline(8), [7, latest], plan=plan("graded-exercise", "cbt")))["status"] == status


def test_status_without_a_plan_or_without_estimates():
    assert at(journal(baseline(8), [6]))["status"] == "no_plan"
    no_estimate = at(journal(baseline(8), [6], plan=plan("no-figure", "unknown-id")))
    assert no_estimate["status"] == "no_plan"
    assert no_estimate["expected"] is None and no_estimate["full_effect"] is None
    assert no_estimate["plan"]["modalities"][0]["reduction_low"] is None
    assert no_estimate["plan"]["modalities"][1] == {"id": "unknown-id", "name": "unknown-id", "category": None,
                                                    "start": "2026-01-05", "reduction_low": None, "reduction_high": None}


def test_a_modality_started_later_ramps_from_its_own_start():
    # graded exercise starts 4 weeks after the baseline; 8 weeks in it has had 4/24 of its effect
    report = at(journal(baseline(10), [9, 8], plan=plan("graded-exercise", graded_exercise=D0 + 4 * W)))
    assert report["expected"]["reduction_pct_low"] == round(45 * 4 / 24, 1)
    assert report["expected"]["reduction_pct_high"] == 10.0


def test_next_update_due_is_28_days_after_the_latest():
    assert at(journal(baseline(8), [7, 6]))["next_update_due"] == (D0 + 8 * W + timedelta(days=28)).isoformat()


# --- alerts: each appears, and each stays away -------------------------------------------


def test_red_flags_alert_first_from_baseline_or_latest():
    j = journal(baseline(8, red_flags=["fever"], duration_months=2), [8])
    report = at(j, 40)
    assert codes(report)[0] == "red_flags" and "not_chronic" in codes(report)
    assert "urgent" in report["alerts"][0]["message"].lower() and "fever" in report["alerts"][0]["message"]
    latest_only = Journal(baseline=baseline(8), updates=[update(4, 7, red_flags=["sudden-weakness"])])
    assert codes(at(latest_only))[0] == "red_flags"


def test_no_red_flags_alert_without_flags():
    j = Journal(baseline=baseline(8), updates=[update(4, 7, red_flags=["fever"]), update(8, 6)])
    assert "red_flags" not in codes(at(j))  # a flag on an earlier update, not the latest


@pytest.mark.parametrize("months, present", [(2, True), (0, True), (3, False), (None, False), (18, False)])
def test_not_chronic(months, present):
    assert ("not_chronic" in codes(at(journal(baseline(8, duration_months=months))))) is present


@pytest.mark.parametrize("days, present", [(29, True), (100, True), (28, False), (0, False)])
def test_update_overdue(days, present):
    report = at(journal(baseline(8), [7]), days)
    assert ("update_overdue" in codes(report)) is present


@pytest.mark.parametrize(
    "base, course, present",
    [
        (8, [7, 6, 6], True),  # 6 → 6: no improvement
        (8, [7, 6, 6, 4], False),  # 6 → 4
        (8, [7, 6, 7], True),  # worse counts as stalled
        (8, [8], False),  # only one update
        (8, [7, 1, 1], False),  # latest nrs 1: nearly pain-free
        (8, [7, 3, 2], False),  # 1 point ≥ 0.8 (10% of 8)
        (10, [8, 7, 6], False),  # exactly 10% of baseline: not stalled
        (10, [8, 7, 7], True),
        (10, [9, 9], True),  # 9 → 9
    ],
)
def test_stalled(base, course, present):
    assert ("stalled" in codes(at(journal(baseline(base), course)))) is present


@pytest.mark.parametrize(
    "weeks, nrs, ids, present",
    [(12, 6, ("graded-exercise",), True), (11, 6, ("graded-exercise",), False),
     (12, 5, ("graded-exercise",), False), (16, 8, ("graded-exercise", "scs"), False),
     (12, 6, None, True)],
)
def test_consider_advanced_options(weeks, nrs, ids, present):
    p = plan(*ids) if ids is not None else None
    j = Journal(baseline=baseline(8), updates=[update(weeks, nrs)], plan=p)
    assert ("consider_advanced_options" in codes(at(j))) is present


def test_consider_advanced_options_counts_the_weeks_to_the_report_date():
    j = Journal(baseline=baseline(8), updates=[update(8, 7)], plan=plan("graded-exercise"))
    assert "consider_advanced_options" not in codes(at(j, days_after_latest=27))  # 11.9 weeks in
    assert "consider_advanced_options" in codes(at(j, days_after_latest=28))  # 12 weeks in


def test_consider_advanced_options_counts_from_the_plan_start():
    later = plan("graded-exercise", start=D0 + 4 * W)
    j = Journal(baseline=baseline(8), updates=[update(14, 7)], plan=later)  # 10 weeks after the plan start
    assert "consider_advanced_options" not in codes(at(j))


@pytest.mark.parametrize("weeks_ago, ids, present", [(26, ("medication",), True), (25, ("medication",), False),
                                                     (30, ("cbt",), False)])
def test_medication_review(weeks_ago, ids, present):
    today = D0 + 30 * W
    p = plan(*ids, start=D0, medication=today - weeks_ago * W)
    j = Journal(baseline=baseline(8), updates=[update(28, 4)], plan=p)
    report = build_report(j, CATALOGUE, today)
    assert ("medication_review" in codes(report)) is present
    if present:
        assert "Duloxetine or gabapentin" in next(a["message"] for a in report["alerts"] if a["code"] == "medication_review")


@pytest.mark.parametrize("base_mme, latest_mme, present", [(30, 40, True), (0, 5, True), (30, 30, False),
                                                           (30, 10, False), (None, 40, False), (30, None, False)])
def test_opioid_increase(base_mme, latest_mme, present):
    j = Journal(baseline=baseline(8, opioid_mme=base_mme), updates=[update(4, 6, opioid_mme=latest_mme)])
    assert ("opioid_increase" in codes(at(j))) is present


def test_alerts_in_the_contract_order():
    j = Journal(
        baseline=baseline(8, duration_months=1, opioid_mme=10, red_flags=["fever"]),
        updates=[update(8, 7), update(12, 7, opioid_mme=20)],
        plan=plan("medication"),
    )
    assert codes(build_report(j, CATALOGUE, D0 + 30 * W)) == [
        "red_flags", "not_chronic", "update_overdue", "stalled", "consider_advanced_options",
        "medication_review", "opioid_increase",
    ]
    assert all(a["message"] for a in build_report(j, CATALOGUE, D0 + 30 * W)["alerts"])
