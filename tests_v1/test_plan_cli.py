"""`paintrack plan` as a user drives it."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest

from conftest import BASELINE_ARGS
from paintrack.catalogue import load_catalogue


def pct(x: Decimal) -> str:
    text = f"{(x * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"
    return text[:-2] if text.endswith(".0") else text


def one_decimal(x: Decimal) -> str:
    return f"{x.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"


def line_with(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


def test_must_show_exercise_plus_cbt_full_effect_range_and_projected_nrs(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0  # baseline NRS 7 on 2026-01-05
    result = paintrack("plan", "--add", "graded-exercise", "--add", "cbt", "--start", "2026-01-05")
    assert result.code == 0, result.err
    catalogue = load_catalogue()
    ge, cbt = catalogue["graded-exercise"], catalogue["cbt"]
    l1, h1 = Decimal(str(ge.reduction_low)), Decimal(str(ge.reduction_high))
    l2, h2 = Decimal(str(cbt.reduction_low)), Decimal(str(cbt.reduction_high))
    low, high = max(l1, l2), 1 - (1 - h1) * (1 - h2)
    full = line_with(result.out, "at full effect")
    assert f"{pct(low)}–{pct(high)}%" in full
    assert f"{one_decimal(7 * (1 - high))}–{one_decimal(7 * (1 - low))} /10" in full
    # both bounds explained in one sentence
    assert "fully overlap" in result.out and "independently" in result.out
    # "now" is the latest assessment's date (the baseline, the plan's first day): nothing yet
    now = line_with(result.out, "now (2026-01-05")
    # a range whose ends are equal reads as one figure, not "0–0%"
    assert now.split()[-3:] == ["0%", "7.0", "/10"]
    plan = paintrack.data()["plan"]
    assert plan["modalities"] == [
        {"id": "graded-exercise", "start": "2026-01-05"},
        {"id": "cbt", "start": "2026-01-05"},
    ]
    assert plan["start"] == "2026-01-05" and plan["exercise_start_min"] == 10


def test_now_mid_ramp_follows_the_latest_assessment(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("plan", "--add", "graded-exercise", "--start", "2026-01-05").code == 0
    # 13 weeks later (half of graded exercise's 26-week ramp)
    assert paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-04-06").code == 0
    result = paintrack("plan")
    ge = load_catalogue()["graded-exercise"]
    share = Decimal(13) / Decimal(str(ge.full_effect_weeks))
    low, high = Decimal(str(ge.reduction_low)) * share, Decimal(str(ge.reduction_high)) * share
    now = line_with(result.out, "now (2026-04-06, latest assessment)")
    assert f"{pct(low)}–{pct(high)}%" in now
    assert f"{one_decimal(7 * (1 - high))}–{one_decimal(7 * (1 - low))} /10" in now


def test_plan_view_shows_ranges_evidence_time_course_and_schedule(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    result = paintrack("plan", "--add", "rfa", "--add", "medication", "--add", "graded-exercise",
                       "--start", "2026-01-05", "--exercise-start-min", "20", env={"COLUMNS": "200"})
    assert result.code == 0, result.err
    out = result.out
    assert "no estimate" in out  # rfa
    assert "Radiofrequency ablation (RFA): no estimate; not counted" in out
    assert "High (multiple RCTs)" in out and "onset ~4 wk; full effect 26 wk (2026-07-06)" in out
    assert "wanes after ~26 wk" in out
    assert "Graded exercise, week 1: 20 min/day" in out and "week 2: 22 min/day" in out
    assert "2026-02-02" in line_with(out, "2026-02-02") and "Medication follow-up" in out
    assert "Re-measure every 4 weeks" in out and "2026-03-30 – 2026-04-27" in out
    assert paintrack.data()["plan"]["exercise_start_min"] == 20


def test_without_baseline_relative_ranges_and_a_hint(paintrack):
    result = paintrack("plan")
    assert result.code == 0
    assert "Modality catalogue" in result.out and "No plan yet" in result.out
    assert "Record a baseline" in result.out and "projected pain scores" in result.out
    result = paintrack("plan", "--add", "prt")
    assert result.code == 0, result.err
    prt = load_catalogue()["prt"]
    full = line_with(result.out, "at full effect")
    assert f"{pct(Decimal(str(prt.reduction_low)))}–{pct(Decimal(str(prt.reduction_high)))}%" in full
    assert "/10" not in full
    assert "Record a baseline" in result.out


def test_list_shows_every_modality_with_a_source(paintrack):
    result = paintrack("plan", "--list", env={"COLUMNS": "400"})
    assert result.code == 0
    catalogue = load_catalogue()
    for m in catalogue.values():
        # the row's first line holds the id, its range (or "no estimate") and its first source
        row = next(line for line in result.out.splitlines() if f"│ {m.id} " in line)
        assert m.sources[0][:40] in row
        if m.has_estimate:
            assert f"{pct(Decimal(str(m.reduction_low)))}" in row
        else:
            assert "no estimate" in row
    assert "Ashar et al. 2022" in result.out


def test_add_remove_and_readd(paintrack):
    assert paintrack("plan", "--add", "cbt", "--add", "mbsr", "--start", "2026-03-02").code == 0
    result = paintrack("plan", "--remove", "mbsr", "--add", "scs")
    assert result.code == 0, result.err
    assert "Removed mbsr." in result.out
    assert [(m["id"], m["start"]) for m in paintrack.data()["plan"]["modalities"]] == [
        ("cbt", "2026-03-02"), ("scs", "2026-11-23")]
    # adding again without --start keeps the start; with --start moves it
    assert "already in your plan (since 2026-03-02)" in paintrack("plan", "--add", "cbt").out
    assert paintrack("plan", "--add", "cbt", "--start", "2026-02-02").code == 0
    assert paintrack.data()["plan"]["modalities"][0] == {"id": "cbt", "start": "2026-02-02"}
    assert paintrack.data()["plan"]["start"] == "2026-02-02"
    # removing everything removes the plan
    assert paintrack("plan", "--remove", "cbt", "--remove", "SCS").code == 0
    assert paintrack.data().get("plan") is None


def test_a_start_ahead_is_allowed_within_a_year(paintrack):
    assert paintrack("plan", "--add", "cbt", "--start", "2027-01-04").code == 0
    assert paintrack.data()["plan"]["start"] == "2027-01-04"


def test_start_before_baseline_warns(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    result = paintrack("plan", "--add", "medication", "--start", "2025-06-01")
    assert result.code == 0
    assert "starts before your baseline" in result.err


@pytest.mark.parametrize(
    "args, field",
    [
        (("--add", "graded-excercise"), "--add"),
        (("--add", ""), "--add"),
        (("--remove", "mbsr"), "--remove"),  # not in the plan
        (("--remove", "nonsense"), "--remove"),
        (("--add", "cbt", "--start", "2026-02-30"), "--start"),
        (("--add", "cbt", "--start", "05/01/2026"), "--start"),
        (("--add", "cbt", "--start", "2028-01-01"), "--start"),  # more than a year ahead
        (("--start", "2026-01-05"), "--start"),  # without --add
        (("--add", "scs", "--exercise-start-min", "0"), "--exercise-start-min"),
        (("--add", "scs", "--exercise-start-min", "7.5"), "--exercise-start-min"),
        (("--exercise-start-min", "121"), "--exercise-start-min"),
        (("--add", "cbt", "--remove", "cbt"), "--add"),
    ],
)
def test_bad_input_exits_2_names_the_field_and_leaves_the_journal(paintrack, args, field):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("plan", "--add", "cbt", "--start", "2026-01-05").code == 0
    before = paintrack.bytes()
    result = paintrack("plan", *args)
    assert result.code == 2, result.text
    errors = [line for line in result.err.splitlines() if line.startswith("paintrack: error:")]
    assert len(errors) == 1 and field in errors[0]
    assert "Traceback" not in result.text
    assert paintrack.bytes() == before


def test_unknown_id_lists_close_matches_and_writes_nothing(paintrack):
    result = paintrack("plan", "--add", "graded-excercise")
    assert result.code == 2
    assert "did you mean graded-exercise?" in result.err
    assert not paintrack.journal.exists()
    assert "did you mean scs" in paintrack("plan", "--add", "spinal cord stimulator").err


def test_exercise_start_min_without_a_plan_is_refused(paintrack):
    result = paintrack("plan", "--exercise-start-min", "15")
    assert result.code == 2 and "--exercise-start-min" in result.err
    assert not paintrack.journal.exists()


def test_journal_stays_valid_json_with_a_plan(paintrack):
    assert paintrack("plan", "--add", "vr-exposure").code == 0
    assert json.loads(paintrack.journal.read_text())["plan"]["modalities"][0]["id"] == "vr-exposure"


def test_an_id_no_longer_in_the_catalogue_is_shown_not_counted_and_removable(paintrack):
    from paintrack.models import Plan, PlanItem
    from paintrack.store import Store

    with Store(paintrack.journal).transaction() as journal:
        journal.plan = Plan(start="2026-01-05", modalities=[PlanItem(id="old-thing", start="2026-01-05"),
                                                             PlanItem(id="cbt", start="2026-01-05")])
    result = paintrack("plan")
    assert result.code == 0, result.err
    assert "old-thing: not in the catalogue; not counted." in result.out
    cbt = load_catalogue()["cbt"]
    assert f"{pct(Decimal(str(cbt.reduction_low)))}–{pct(Decimal(str(cbt.reduction_high)))}%" in line_with(result.out, "at full effect")
    assert paintrack("plan", "--remove", "old-thing").code == 0
    assert [m["id"] for m in paintrack.data()["plan"]["modalities"]] == ["cbt"]


# -- the four aspects of pain reprocessing therapy (plan --aspects) ---------------------------

def test_aspects_reflection_is_stored_and_shown_with_techniques(paintrack, monkeypatch):
    import paintrack.cli.session as session

    monkeypatch.setattr(session, "can_prompt", lambda no_input: not no_input)
    assert paintrack(*BASELINE_ARGS).code == 0
    answers = ["8", "I fear bending will harm my back", "3", "", "7", "", "x", "2", ""]
    result = paintrack("plan", "--aspects", input="\n".join(answers) + "\n")
    assert result.code == 0, result.err
    stored = paintrack.data()["aspects"][0]
    assert stored["date"] == "2026-11-23"
    assert stored["ratings"] == {"cognitive": 8, "emotional": 3, "behavioral": 7, "autonomic": 2}
    assert stored["notes"] == {"cognitive": "I fear bending will harm my back"}
    assert "Emphasise" in result.out and "cognitive, behavioral" in result.out
    assert "graded exposure" in result.out and "reflection aid" in result.out
    assert "please try again" in result.err  # "x" was asked again
    # the plan view shows the latest reflection once there is a plan
    assert paintrack("plan", "--add", "prt", "--start", "2026-11-01").code == 0
    view = paintrack("plan")
    assert "Four aspects" in view.out and "► Cognitive" in view.out


def test_aspects_without_a_terminal_is_refused_and_writes_nothing(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    result = paintrack("plan", "--aspects", "--no-input")
    assert result.code == 2 and "--aspects" in result.err and "terminal" in result.err
    assert paintrack.bytes() == before
