"""`paintrack update` as a user drives it."""

from __future__ import annotations

import pytest

from conftest import BASELINE_ARGS  # baseline NRS 7 on 2026-01-05; "today" is 2026-11-23


def test_refused_without_a_baseline(paintrack):
    r = paintrack("update", "--no-input", "--nrs", "5")
    assert r.code == 1
    assert "no baseline" in r.err and "paintrack baseline" in r.err
    assert not paintrack.journal.exists()


@pytest.mark.parametrize("when, word", [("2026-01-04", "before the baseline"), ("2026-11-24", "future")])
def test_refused_date_before_baseline_or_in_the_future(paintrack, when, word):
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    r = paintrack("update", "--no-input", "--nrs", "5", "--date", when)
    assert r.code == 2 and word in r.err and "--date" in r.err
    assert paintrack.bytes() == before


def test_update_on_the_baseline_day_is_allowed_with_a_warning(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-01-05")
    assert r.code == 0, r.err
    assert "less than four weeks old" in r.err


def test_warns_but_records_when_the_previous_assessment_is_recent(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-02-01")  # 27 days
    assert r.code == 0, r.err
    assert "warning" in r.err and "(2026-01-05) is less than four weeks old" in r.err
    assert [u["date"] for u in paintrack.data()["updates"]] == ["2026-02-01"]


def test_no_warning_after_four_weeks(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-02-02")  # 28 days
    assert r.code == 0 and "warning" not in r.err


def test_same_date_refused_without_replace_then_replaced(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-02-02").code == 0
    before = paintrack.bytes()
    refused = paintrack("update", "--no-input", "--nrs", "4", "--date", "2026-02-02")
    assert refused.code == 1 and "already an update on 2026-02-02" in refused.err and "--replace" in refused.err
    assert paintrack.bytes() == before
    replaced = paintrack("update", "--no-input", "--nrs", "4", "--date", "2026-02-02", "--replace")
    assert replaced.code == 0, replaced.err
    assert "warning" not in replaced.err  # the update it replaces is not "the previous assessment"
    assert [(u["date"], u["nrs"]) for u in paintrack.data()["updates"]] == [("2026-02-02", 4)]


@pytest.mark.parametrize("answer, nrs", [("y", 4), ("n", 6)])
def test_same_date_on_a_terminal_asks(paintrack, monkeypatch, answer, nrs):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-02-02").code == 0
    monkeypatch.setattr("paintrack.cli.assess.can_prompt", lambda no_input: not no_input)
    # replace? then the red-flag screen's four questions
    r = paintrack("update", "--nrs", "4", "--date", "2026-02-02", input=f"{answer}\nn\nn\nn\nn\n")
    assert "already an update on 2026-02-02. Replace it?" in r.out
    assert r.code == (0 if answer == "y" else 1)
    assert [u["nrs"] for u in paintrack.data()["updates"]] == [nrs]


def test_summary_shows_change_since_baseline_and_previous_and_next_due(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    first = paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-02-02")
    assert "Since the baseline (2026-01-05): pain 7 → 6, down 1 point (14.3% reduction: minimal)." in first.out
    assert "previous assessment" not in first.out  # the previous one is the baseline
    r = paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-03-02", "--pgic", "3")
    assert r.code == 0, r.err
    assert "Since the baseline (2026-01-05): pain 7 → 5, down 2 points (28.6% reduction: minimal)." in r.out
    assert "Since the previous assessment (2026-02-02): pain 6 → 5, down 1 point (16.7% reduction: minimal)." in r.out
    assert "Next update due: 2026-03-30." in r.out
    assert "minimally improved" in r.out


def test_backfilled_update_compares_with_the_assessment_before_it(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "4", "--date", "2026-03-30").code == 0
    r = paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-03-02")
    assert r.code == 0
    assert "Since the baseline (2026-01-05): pain 7 → 6" in r.out
    assert "Next update due: 2026-04-27." in r.out  # from the latest assessment, not the backfilled one
    assert [u["date"] for u in paintrack.data()["updates"]] == ["2026-03-02", "2026-03-30"]


@pytest.mark.parametrize("args, field", [(("--pgic", "8"), "--pgic"), (("--walk-m", "-1"), "--walk-m"),
                                         (("--opioid-mme", "x"), "--opioid-mme"), (("--red-flag", "nausea"), "--red-flag")])
def test_bad_value_exit_2_nothing_written(paintrack, args, field):
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    r = paintrack("update", "--no-input", "--nrs", "5", *args)
    assert r.code == 2 and field in r.err
    assert paintrack.bytes() == before


def test_missing_nrs_without_terminal(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("update", "--no-input", "--walk-m", "400")
    assert r.code == 2 and "missing --nrs" in r.err


def test_red_flag_on_update_is_shown_first(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("update", "--no-input", "--nrs", "5", "--red-flag", "fever")
    assert r.code == 0
    assert r.out.lstrip().startswith("Red flag: fever")
    assert paintrack.data()["updates"][0]["red_flags"] == ["fever"]
