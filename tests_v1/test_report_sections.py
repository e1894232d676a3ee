"""The report carries the diary, the evidence sheet and the four aspects (every format's data)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from conftest import BASELINE_ARGS

from paintrack.render.progress import SPARK_WIDTH, resample


def _log_days(paintrack, days: int, pain_of_sleep) -> None:
    start = date(2026, 11, 23) - timedelta(days=days - 1)
    for i in range(days):
        sleep = 4 + (i * 7) % 5  # 4..8 hours, varied
        day = (start + timedelta(days=i)).isoformat()
        result = paintrack("log", str(pain_of_sleep(sleep)), "--sleep-hours", str(sleep), "--date", day, "--no-input")
        assert result.code == 0, result.err


def test_diary_associations_reach_the_json_and_the_terminal_report(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    _log_days(paintrack, 30, lambda sleep: 12 - sleep)  # more sleep, less pain, exactly
    report = json.loads(paintrack("report", "--format", "json").out)
    assert report["diary"]["days"] == 30
    sleep = next(a for a in report["diary"]["associations"] if a["factor"] == "sleep_hours")
    assert sleep["same_day_rho"] == -1.0 and sleep["n"] == 30
    assert report["diary"]["weekly_mean_pain"][0]["week_start"] <= "2026-10-25"
    screen = paintrack("report").out
    assert "What goes with better days" in screen
    assert "on days with more sleep, pain tended to be lower" in screen and "n = 30" in screen
    assert "not proof of cause" in screen


def test_fewer_than_14_days_say_not_enough_days_yet(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    _log_days(paintrack, 10, lambda sleep: 12 - sleep)
    report = json.loads(paintrack("report", "--format", "json").out)
    assert all(a["same_day_rho"] is None for a in report["diary"]["associations"])
    assert "not enough days yet (10 of 14)" in paintrack("report").out


def test_evidence_and_aspects_in_the_report(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    added = paintrack("evidence", "add", "Pain eased on holiday", "--category", "emotion-attention", "--date", "2026-03-01")
    assert added.code == 0, added.err
    report = json.loads(paintrack("report", "--format", "json").out)
    assert report["evidence"] == [{"date": "2026-03-01", "category": "emotion-attention", "text": "Pain eased on holiday"}]
    assert "Evidence sheet: 1 observation" in paintrack("report").out


def test_resample_keeps_short_series_and_averages_long_ones():
    assert resample([1, None, 3]) == [1, None, 3]
    long = list(range(SPARK_WIDTH * 10))
    out = resample(long)
    assert len(out) == SPARK_WIDTH
    assert out[0] == sum(range(10)) / 10 and out[-1] == sum(long[-10:]) / 10
    assert resample([None] * 100, 10) == [None] * 10
