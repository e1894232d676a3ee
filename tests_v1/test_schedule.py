"""The seed's 8-step plan as dated steps (pure)."""

from __future__ import annotations

from datetime import date, timedelta

from paintrack import schedule
from paintrack.catalogue import load_catalogue
from paintrack.models import Plan, PlanItem

START = date(2026, 1, 5)
CATALOGUE = load_catalogue()


def plan(*ids: str, start: date = START, minutes: int = 10, **starts: date) -> Plan:
    items = [PlanItem(id=i, start=starts.get(i.replace("-", "_"), start)) for i in ids]
    return Plan(start=min([start, *(i.start for i in items)]), exercise_start_min=minutes, modalities=items)


def kinds(steps, kind):
    return [s for s in steps if s.kind == kind]


def test_exercise_grows_ten_percent_a_week_for_twelve_weeks():
    steps = schedule.build(plan("graded-exercise", minutes=20), CATALOGUE, START)
    weeks = kinds(steps, "exercise")
    assert [s.date for s in weeks] == [START + timedelta(weeks=k) for k in range(12)]
    # 20 × 1.1^k, to the minute, half up: hand-computed 20, 22, 24.2, 26.62, 29.282, …
    assert [s.minutes_per_day for s in weeks][:5] == [20, 22, 24, 27, 29]
    assert weeks[-1].minutes_per_day == round(20 * 1.1**11)  # 57.06 → 57
    assert schedule.exercise_minutes(10, 11) == 29  # 28.53


def test_education_comes_first_and_is_suggested_when_not_chosen():
    steps = schedule.build(plan("graded-exercise", "pain-education"), CATALOGUE, START)
    same_day = [s.kind for s in steps if s.date == START]
    assert same_day.index("education") < same_day.index("exercise")
    assert kinds(steps, "education")[0].in_plan
    without = schedule.build(plan("cbt"), CATALOGUE, START)
    assert kinds(without, "education")[0].in_plan is False


def test_cbt_or_mbsr_is_an_eight_week_module():
    later = START + timedelta(weeks=3)
    steps = schedule.build(plan("cbt", "mbsr", mbsr=later), CATALOGUE, START)
    modules = {s.modality: s for s in kinds(steps, "module")}
    assert modules["cbt"].end - modules["cbt"].date == timedelta(weeks=8)
    assert (modules["mbsr"].date, modules["mbsr"].end) == (later, later + timedelta(weeks=8))


def test_medication_follow_up_four_weeks_after_it_starts_and_review_when_it_wanes():
    med_start = date(2026, 2, 16)
    steps = schedule.build(plan("graded-exercise", "medication", medication=med_start), CATALOGUE, START)
    assert [s.date for s in kinds(steps, "medication-follow-up")] == [date(2026, 3, 16)]
    assert [s.date for s in kinds(steps, "medication-review")] == [med_start + timedelta(weeks=26)]


def test_remeasure_every_four_weeks_until_full_effect():
    steps = schedule.build(plan("graded-exercise"), CATALOGUE, START)
    dates = [s.date for s in kinds(steps, "re-measure")]
    assert dates[0] == START + timedelta(days=28)
    assert all(b - a == timedelta(days=28) for a, b in zip(dates, dates[1:]))
    full = START + timedelta(weeks=26)
    assert dates[-1] >= full and dates[-2] < full


def test_advanced_check_at_three_to_four_months_unless_scs_is_chosen():
    steps = schedule.build(plan("graded-exercise"), CATALOGUE, START)
    (check,) = kinds(steps, "advanced-check")
    assert (check.date, check.end) == (START + timedelta(weeks=12), START + timedelta(weeks=16))
    assert "above 5/10" in check.detail
    assert not kinds(schedule.build(plan("scs"), CATALOGUE, START), "advanced-check")


def test_steps_are_in_date_order_and_no_baseline_means_record_one():
    steps = schedule.build(plan("graded-exercise", "cbt", "medication", "rfa", "vr-exposure"), CATALOGUE, None)
    assert [s.date for s in steps] == sorted(s.date for s in steps)
    baseline = kinds(steps, "baseline")[0]
    assert baseline.in_plan is False and baseline.date == START
    assert {s.modality for s in kinds(steps, "start")} == {"medication", "rfa", "vr-exposure"}
