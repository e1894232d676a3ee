"""The JSON report's safety and outcome keys (PRODUCT.md "Report", paintrack.report/2): their
shape and values on one journal that exercises them, a self-harm answer first, and the human
report showing the same figures."""

from __future__ import annotations

import json

import pytest
from conftest import BASELINE_ARGS

UNSCREENED = tuple(a for a in BASELINE_ARGS if a != "--no-red-flags")


@pytest.fixture
def data(paintrack) -> dict:
    assert paintrack(*UNSCREENED, "--red-flag", "night-pain", "--opioid-mme", "60", "--goal", "walk 30 minutes",
                     "--goal-ability", "3", "--phq9", "2,2,2,1,1,1,1,1,0", "--gad7", "1,1,1,1,1,1,1").code == 0
    assert paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "5", "--pgic", "3",
                     "--opioid-mme", "60", "--goal-ability", "5", "--side-effect", "constipation",
                     "--phq9", "1,1,1,1,1,1,0,0,1").code == 0
    r = paintrack("report", "--format", "json")
    assert r.code == 0, r.text
    return json.loads(r.out)


def test_schema_and_outcome_keys(data):
    assert data["schema"] == "paintrack.report/2"
    assert data["immpact"] == "minimal"  # 7 → 5: 28.6%, 2 points
    assert data["worsened"] is False
    assert data["reversal"] is False
    assert set(data["reversal_criteria"]) >= {"halved_sustained", "normal_activities", "pain_free_6_months",
                                              "nervous_system_signalling"}
    assert data["reversal_criteria"]["nervous_system_signalling"] == "not measured by paintrack"
    assert data["reversal_criteria"]["normal_activities"] is None  # the update measured no interference
    assert data["pain_free_or_nearly"] is False
    assert data["pgic_immpact"] == "minimal"
    assert data["status"] == "no_plan"
    assert data["change"]["nrs_reduction_points"] == 2 and data["change"]["nrs_reduction_pct"] == 28.6
    assert data["change"]["psfs_gain"] == 2.0
    assert data["next_update_due"] == "2026-03-02"


def test_alerts_self_harm_first_then_flags_each_with_code_level_message(data):
    alerts = data["alerts"]
    assert all(set(a) == {"code", "level", "message"} for a in alerts)
    assert [a["code"] for a in alerts[:2]] == ["self_harm", "red_flags"]
    assert [a["level"] for a in alerts[:2]] == ["urgent", "soon"]
    levels = ["urgent", "soon", "info"]
    assert [levels.index(a["level"]) for a in alerts] == sorted(levels.index(a["level"]) for a in alerts)
    codes = {a["code"] for a in alerts}
    assert {"high_opioid_dose", "side_effects", "update_overdue"} <= codes
    assert "mental_health" not in codes  # PHQ-9 11 at the baseline, 7 at the latest
    assert "988" in alerts[0]["message"] and "contact your clinician today" in alerts[0]["message"]


def test_instruments_per_assessment(data):
    base, update = data["assessments"]
    assert (base["phq9"], base["phq9_band"], base["phq9_item9"]) == (11, "moderate", 0)
    assert (base["gad7"], base["gad7_band"]) == (7, "mild")
    assert (update["phq9"], update["phq9_band"], update["phq9_item9"]) == (7, "mild", 1)
    assert update["gad7"] is None and update["gad7_answers"] is None
    assert update["side_effects"] == ["constipation"]
    assert base["red_flag_screen"] == {"how": "flags", "positive": ["night-pain"], "negative": []}
    assert update["red_flag_screen"]["how"] == "not_asked"
    assert data["baseline"]["phq9"] == 11 and data["latest"]["phq9"] == 7 and data["latest"]["gad7"] is None


def test_red_flags_goals_side_effects_pgic(data):
    assert data["red_flags"] == [{
        "name": "night-pain", "tier": "prompt", "description": "severe pain at night not eased by rest",
        "state": "active", "reported": "2026-01-05", "since": None,
        "advice": "See a doctor within the next few days about this, and before you start new therapies.",
        "note": None}]
    assert data["goals"] == [{"goal": "walk 30 minutes", "ratings": [{"date": "2026-01-05", "ability": 3},
                                                                     {"date": "2026-02-02", "ability": 5}]}]
    assert data["side_effects"] == [{"date": "2026-02-02", "effects": ["constipation"]}]
    assert data["pgic"] == [{"date": "2026-02-02", "pgic": 3, "label": "minimally improved"}]


def test_diary_section_shape(data):
    d = data["diary"]
    assert d["days"] == 0 and d["comparisons"] == 0 and d["weekly_mean_pain"] == []
    assert [a["factor"] for a in d["associations"]] == ["sleep_hours", "mood", "stress", "activity_min"]
    for a in d["associations"]:
        assert {"factor", "same_day_rho", "next_day_rho", "ci_low", "ci_high", "n"} <= set(a)
        assert a["same_day_rho"] is None and a["n"] == 0


def test_the_terminal_report_shows_the_same_figures(paintrack, data):
    out = " ".join(paintrack("report").out.replace("│", " ").split())
    assert out.index("better off dead") < out.index("SEE A DOCTOR SOON") < out.index("Pain progress report")
    assert "Pain 7 → 5: down 2 points (28.6% less); IMMPACT: minimal improvement" in out
    assert "goals (PSFS) +2.0" in out
    assert "Side effects 2026-02-02: constipation" in out
    assert "Your own impression of change (PGIC): 3, minimally improved (IMMPACT: minimal)." in out
    assert "Red-flag screen not asked on 2026-02-02" in out


def test_a_plan_that_starts_after_the_latest_assessment_sets_no_expectation(paintrack):
    """Before any therapy has started there is nothing to expect: no 'expected' range, status
    no_plan (not "better than expected" against a 0% projection); the full effect is still shown."""
    from conftest import BASELINE_ARGS

    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "5").code == 0
    assert paintrack("plan", "--add", "pain-education", "--add", "mbsr", "--start", "2026-02-03").code == 0
    data = json.loads(paintrack("report", "--format", "json").out)
    assert data["expected"] is None and data["status"] == "no_plan" and data["full_effect"] is not None
    assert paintrack("plan", "--add", "mbsr", "--start", "2026-02-02").code == 0  # the day of the update: day 0
    data = json.loads(paintrack("report", "--format", "json").out)
    assert data["expected"] is None and data["status"] == "no_plan"
    assert paintrack("plan", "--add", "mbsr", "--start", "2026-02-01").code == 0  # one day before it
    data = json.loads(paintrack("report", "--format", "json").out)
    assert data["expected"] is not None and data["status"] != "no_plan"
