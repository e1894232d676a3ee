"""Honest outcomes (PRODUCT.md "Report"), each case a journal built for it: IMMPACT v2 with the
absolute floor, `worsened`, `pain_free_or_nearly`, the source article's three definitions of
reversal (and the badges naming exactly what was met), and status v2 with one rating's
measurement error."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from paintrack.domain import outcomes
from paintrack.domain.records import Assessment, DiaryEntry, Journal

B = date(2026, 1, 5)  # every baseline's date here


def day(n: int) -> str:
    return (B + timedelta(days=n)).isoformat()


def interference(level: int) -> list[str]:
    names = ("activity", "mood", "walking", "work", "relations", "sleep", "enjoyment")
    return [a for n in names for a in (f"--{n}-interference", str(level))]


def build(paintrack, baseline_nrs: int, *updates: tuple[int, int] | tuple[int, int, list[str]],
          baseline_extra: tuple[str, ...] = ()) -> dict:
    """A journal: a baseline on B, then updates (days after B, nrs[, more flags]); its JSON report."""
    r = paintrack("baseline", "--no-input", "--date", B.isoformat(), "--nrs", str(baseline_nrs),
                  "--duration-months", "18", "--no-red-flags", *baseline_extra)
    assert r.code == 0, r.text
    for u in updates:
        extra = u[2] if len(u) > 2 else []  # type: ignore[misc]
        r = paintrack("update", "--no-input", "--date", day(u[0]), "--nrs", str(u[1]), *extra)
        assert r.code == 0, r.text
    return report(paintrack)


def report(paintrack) -> dict:
    r = paintrack("report", "--format", "json")
    assert r.code == 0, r.text
    return json.loads(r.out)


def terminal(paintrack) -> str:
    return " ".join(paintrack("report").out.split())


# --- IMMPACT v2, worsened, pain-free or nearly ---------------------------------------------------

def test_2_to_1_is_minimal_and_pain_free_or_nearly_but_no_reversal(paintrack):
    data = build(paintrack, 2, (28, 1, ["--pgic", "4"]))
    assert data["immpact"] == "minimal"
    assert data["change"]["nrs_reduction_points"] == 1 and data["change"]["nrs_reduction_pct"] == 50.0
    assert data["worsened"] is False
    assert data["pain_free_or_nearly"] is True
    assert data["reversal"] is False
    assert data["reversal_criteria"]["halved_sustained"] is False
    shown = terminal(paintrack)
    assert "REVERSAL" not in shown and "reversal as the source article defines it" not in shown
    assert "minimal improvement" in shown and "Pain-free or nearly (NRS 1 or less" in shown


def test_3_to_2_is_minimal_not_moderate(paintrack):
    data = build(paintrack, 3, (28, 2))
    assert data["immpact"] == "minimal"
    assert data["change"]["nrs_reduction_pct"] == 33.3
    assert data["pain_free_or_nearly"] is False


def test_0_to_3_is_worsened_and_shown(paintrack):
    data = build(paintrack, 0, (28, 3))
    assert data["immpact"] == "none"
    assert data["worsened"] is True
    assert data["change"]["nrs_reduction_points"] == -3
    assert data["change"]["nrs_reduction_pct"] is None
    assert data["status"] != "no_update"
    assert data["pain_free_or_nearly"] is None
    assert any(a["code"] == "worsening" for a in data["alerts"])
    assert "Pain 0 → 3: up 3 points; worse than at the baseline." in terminal(paintrack)


def test_0_to_3_with_a_plan_is_less_than_expected(paintrack):
    paintrack("baseline", "--no-input", "--date", B.isoformat(), "--nrs", "0", "--duration-months", "18",
              "--no-red-flags")
    paintrack("plan", "--add", "mbsr", "--start", B.isoformat())
    paintrack("update", "--no-input", "--date", day(56), "--nrs", "3")
    data = report(paintrack)
    assert data["expected"]["projected_nrs_low"] == 0.0 and data["status"] == "less_than_expected"


def test_1_to_1_is_none_and_not_pain_free_or_nearly(paintrack):
    data = build(paintrack, 1, (28, 1))
    assert data["immpact"] == "none" and data["worsened"] is False
    assert data["pain_free_or_nearly"] is None
    assert data["change"]["nrs_reduction_points"] == 0
    assert "Pain-free or nearly" not in terminal(paintrack)


@pytest.mark.parametrize(("before", "after", "worse"), [(5, 7, True), (5, 6, False), (3, 4, True), (4, 5, False)])
def test_worsened_in_the_report(paintrack, before, after, worse):
    data = build(paintrack, before, (28, after))
    assert data["worsened"] is worse
    assert data["immpact"] == "none"


def test_before_the_first_update_there_is_no_reading(paintrack):
    data = build(paintrack, 6)
    assert data["change"] is None and data["immpact"] is None and data["worsened"] is None
    assert data["reversal"] is None and data["reversal_criteria"] is None
    assert data["pain_free_or_nearly"] is None and data["pgic_immpact"] is None
    assert data["status"] == "no_update"


def test_pgic_immpact_from_the_latest_pgic(paintrack):
    data = build(paintrack, 6, (28, 5, ["--pgic", "3"]), (56, 4, ["--pgic", "2"]))
    assert data["pgic_immpact"] == "moderate"
    data = report(paintrack) if paintrack("update", "--no-input", "--date", day(84), "--nrs", "4").code == 0 else None
    assert data is not None and data["pgic_immpact"] is None  # the latest update has no PGIC


# --- reversal: halved and sustained, with normal activities --------------------------------------

def test_halved_at_two_assessments_28_days_apart_with_normal_activities(paintrack):
    data = build(paintrack, 8, (28, 5), (56, 4, interference(4)), (84, 4, interference(4)))
    c = data["reversal_criteria"]
    assert c == {"halved_sustained": True, "normal_activities": True, "pain_free_6_months": False,
                 "nervous_system_signalling": "not measured by paintrack",
                 "halved_dates": [day(56), day(84)], "pain_free_since": None}
    assert data["reversal"] is True
    shown = terminal(paintrack)
    assert (f"★ Pain halved at two assessments, 4 weeks apart ({day(56)}, {day(84)}), with normal activities "
            "(BPI interference 4 or less): reversal as the source article defines it") in shown
    assert "nervous-system signalling not measured by paintrack" in shown


def test_27_days_apart_is_not_sustained(paintrack):
    data = build(paintrack, 8, (28, 4, interference(2)), (55, 4, interference(2)))
    assert data["reversal_criteria"]["halved_sustained"] is False
    assert data["reversal"] is False
    assert "Pain halved at two assessments" not in terminal(paintrack)


def test_interference_5_is_not_normal_activities(paintrack):
    data = build(paintrack, 8, (28, 4), (56, 4, interference(5)))
    assert data["reversal_criteria"]["halved_sustained"] is True
    assert data["reversal_criteria"]["normal_activities"] is False
    assert data["reversal"] is False
    assert "BPI interference above 4, so not yet normal activities" in terminal(paintrack)


def test_unmeasured_interference_leaves_reversal_null(paintrack):
    data = build(paintrack, 8, (28, 4, interference(2)), (56, 4))
    assert data["reversal_criteria"]["halved_sustained"] is True
    assert data["reversal_criteria"]["normal_activities"] is None
    assert data["reversal"] is None
    assert "interference not measured, so reversal cannot be judged" in terminal(paintrack)


def test_halving_from_one_rating_is_not_reversal(paintrack):
    data = build(paintrack, 8, (28, 4, interference(1)))
    assert data["immpact"] == "substantial"
    assert data["reversal_criteria"]["halved_sustained"] is False
    assert data["reversal"] is False
    shown = terminal(paintrack)
    assert "REVERSAL" not in shown and "★ Pain halved" not in shown


def test_halved_needs_two_points_too(paintrack):
    data = build(paintrack, 2, (28, 1, interference(0)), (56, 1, interference(0)))
    assert data["reversal_criteria"]["halved_sustained"] is False  # 50% but one point
    data2 = report(paintrack)
    assert data2["reversal"] is False


def test_halved_at_the_earlier_of_the_two_but_not_the_latest(paintrack):
    data = build(paintrack, 8, (28, 4, interference(2)), (56, 5, interference(2)))
    assert data["reversal_criteria"]["halved_sustained"] is False


# --- reversal: pain-free for six months, assessments and diary together ---------------------------

def pain_free_journal(days: int, gap: int = 28, diary_pain: int = 0) -> Journal:
    """Baseline 6 on B; an update of 0 on day 14; diary ratings of 0 from there every `gap` days
    (the last one exactly `days` after the first 0), then a final diary rating on day 14 + days."""
    first = B + timedelta(days=14)
    diary = []
    d = first + timedelta(days=gap)
    while d < first + timedelta(days=days):
        diary.append(DiaryEntry(d, diary_pain))
        d += timedelta(days=gap)
    diary.append(DiaryEntry(first + timedelta(days=days), 0))
    return Journal(baseline=Assessment("baseline", B, 6), updates=(Assessment("update", first, 0),),
                   diary=tuple(diary))


def test_pain_free_182_days_counts_181_does_not():
    c = outcomes.reversal_criteria(pain_free_journal(182))
    assert c is not None and c.pain_free_6_months is True and c.pain_free_since == B + timedelta(days=14)
    assert outcomes.reversal(c) is True
    c = outcomes.reversal_criteria(pain_free_journal(181))
    assert c is not None and c.pain_free_6_months is False
    assert outcomes.reversal(c) is False


def test_pain_cannot_disappear_from_a_baseline_of_0_but_can_from_1():
    """Six months at 0 after a baseline of 0 is not a reversal (there was no pain to reverse);
    after a baseline of 1 it is."""
    j = pain_free_journal(200)
    for nrs, expected in ((0, False), (1, True)):
        c = outcomes.reversal_criteria(replace(j, baseline=replace(j.baseline, nrs=nrs)))
        assert c is not None and c.pain_free_6_months is expected and outcomes.reversal(c) is expected


def test_a_gap_of_28_days_counts_29_does_not():
    assert outcomes.reversal_criteria(pain_free_journal(7 * 28, gap=28)).pain_free_6_months is True  # type: ignore[union-attr]
    assert outcomes.reversal_criteria(pain_free_journal(7 * 29, gap=29)).pain_free_6_months is False  # type: ignore[union-attr]


def test_one_rating_above_0_breaks_the_run():
    j = pain_free_journal(200)
    bumped = tuple(DiaryEntry(e.date, 1) if i == 3 else e for i, e in enumerate(j.diary))
    c = outcomes.reversal_criteria(Journal(baseline=j.baseline, updates=j.updates, diary=bumped))
    assert c is not None and c.pain_free_6_months is False
    # an assessment above 0 on the day of a diary 0 counts too (the higher of the two)
    clash = Journal(baseline=j.baseline, updates=(*j.updates, Assessment("update", j.diary[2].date, 2)),
                    diary=j.diary)
    assert outcomes.reversal_criteria(clash).pain_free_6_months is False  # type: ignore[union-attr]


def test_pain_free_must_reach_the_latest_rating():
    j = pain_free_journal(200)
    later = (*j.diary, DiaryEntry(j.diary[-1].date + timedelta(days=1), 3))
    c = outcomes.reversal_criteria(Journal(baseline=j.baseline, updates=j.updates, diary=later))
    assert c is not None and c.pain_free_6_months is False


def test_pain_free_six_months_through_the_cli(paintrack):
    paintrack("baseline", "--no-input", "--date", B.isoformat(), "--nrs", "6", "--duration-months", "18",
              "--no-red-flags")
    paintrack("update", "--no-input", "--date", day(14), "--nrs", "0")
    for n in range(14 + 28, 14 + 182 + 1, 28):
        assert paintrack("log", "0", "--date", day(n)).code == 0
    assert paintrack("log", "0", "--date", day(14 + 182)).code == 0
    data = report(paintrack)
    assert data["reversal_criteria"]["pain_free_6_months"] is True
    assert data["reversal_criteria"]["pain_free_since"] == day(14)
    assert data["reversal"] is True
    assert (f"★ Pain-free since {day(14)}, six months or more (the source article's first definition of reversal)"
            in terminal(paintrack))


def test_pain_free_with_a_29_day_gap_through_the_cli(paintrack):
    paintrack("baseline", "--no-input", "--date", B.isoformat(), "--nrs", "6", "--duration-months", "18",
              "--no-red-flags")
    paintrack("update", "--no-input", "--date", day(14), "--nrs", "0")
    for n in (14 + 29, *range(14 + 29 + 28, 14 + 190, 28), 14 + 190):
        assert paintrack("log", "0", "--date", day(n)).code == 0
    data = report(paintrack)
    assert data["reversal_criteria"]["pain_free_6_months"] is False
    assert data["reversal"] is False


# --- status v2: one point of measurement error ---------------------------------------------------

@pytest.mark.parametrize(("actual", "status"), [
    (1, "better_than_expected"), (2, "as_expected"), (3, "as_expected"),
    (4, "as_expected"), (5, "as_expected"), (6, "less_than_expected"),
])
def test_status_band_is_the_range_widened_by_one_point(actual, status):
    assert outcomes.status(actual, 3.0, 4.0, has_plan=True, has_update=True) == status


def test_status_just_inside_and_outside_a_fractional_band():
    assert outcomes.status(1, 2.1, 2.1, True, True) == "better_than_expected"  # 1 < 1.1
    assert outcomes.status(2, 2.9, 2.9, True, True) == "as_expected"  # 2 >= 1.9
    assert outcomes.status(4, 2.9, 2.9, True, True) == "less_than_expected"  # 4 > 3.9
    assert outcomes.status(3, 2.9, 2.9, True, True) == "as_expected"
    assert outcomes.status(3, None, None, True, True) == "no_plan"
    assert outcomes.status(3, 2.0, 3.0, False, True) == "no_plan"
    assert outcomes.status(3, 2.0, 3.0, True, False) == "no_update"


def prt_journal(paintrack, latest: int, pgic: str) -> dict:
    paintrack("baseline", "--no-input", "--date", B.isoformat(), "--nrs", "4", "--duration-months", "120",
              "--no-red-flags", "--location", "lower back")
    assert paintrack("plan", "--add", "prt", "--start", B.isoformat()).code == 0
    assert paintrack("update", "--no-input", "--date", day(28), "--nrs", str(latest), "--pgic", pgic).code == 0
    return report(paintrack)


def test_prt_at_4_weeks_much_improved_is_as_expected(paintrack):
    data = prt_journal(paintrack, 2, "2")
    assert data["expected"]["projected_nrs_low"] == 1.1 and data["expected"]["projected_nrs_high"] == 1.1
    assert data["status"] == "as_expected"
    assert data["pgic_immpact"] == "moderate"
    shown = terminal(paintrack)
    assert ("actual NRS 2: within the range the trials suggest (allowing one point of measurement error); "
            "your own impression of change (PGIC): much improved.") in shown


def test_prt_at_4_weeks_one_point_more_is_less_than_expected_with_pgic_beside(paintrack):
    data = prt_journal(paintrack, 3, "2")
    assert data["status"] == "less_than_expected"
    shown = terminal(paintrack)
    assert "actual NRS 3: less improvement than the range the trials suggest; your own impression of change (PGIC): much improved." in shown


def test_better_than_expected(paintrack):
    paintrack("baseline", "--no-input", "--date", B.isoformat(), "--nrs", "8", "--duration-months", "18",
              "--no-red-flags")
    paintrack("plan", "--add", "mbsr", "--start", B.isoformat())
    paintrack("update", "--no-input", "--date", day(56), "--nrs", "3")
    data = report(paintrack)
    assert data["expected"]["projected_nrs_low"] - 1 > 3
    assert data["status"] == "better_than_expected"
    assert "better than the range the trials suggest" in terminal(paintrack)
