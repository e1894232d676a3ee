"""Diary v2 (domain/diary.py) against an independent computation with scipy and numpy:
detrended same-day Spearman, next-day partial correlation controlling for that day's pain, the
95% interval; fewer than 14 paired days says "not enough days yet"; a trend shared by two series
is not an association; the wording says "went together", never "caused"."""

from __future__ import annotations

import json
import math
import re
from datetime import date, timedelta

import numpy as np
import pytest
from scipy import stats

from paintrack.domain import diary
from paintrack.domain.records import DiaryEntry

START = date(2026, 3, 2)


def entries(pain, **factors) -> list[DiaryEntry]:
    out = []
    for i, p in enumerate(pain):
        values = {k: (None if v[i] is None else v[i]) for k, v in factors.items()}
        out.append(DiaryEntry(START + timedelta(days=i), int(p), **values))
    return out


def residuals(days: np.ndarray, values: np.ndarray) -> np.ndarray:
    slope, intercept = np.polyfit(days, values, 1)
    return values - (slope * days + intercept)


def ci(rho: float, n: int, k: int) -> tuple[float, float]:
    z, se = math.atanh(rho), math.sqrt((1 + rho * rho / 2) / (n - 3 - k))
    q = stats.norm.ppf(0.975)
    return math.tanh(z - q * se), math.tanh(z + q * se)


def scipy_same_day(es: list[DiaryEntry], factor: str) -> float:
    pairs = [(e.date.toordinal(), getattr(e, factor), e.pain) for e in es if getattr(e, factor) is not None]
    d, x, y = (np.array(c, dtype=float) for c in zip(*pairs))
    return float(stats.spearmanr(residuals(d, x), residuals(d, y)).statistic)


def scipy_next_day(es: list[DiaryEntry], factor: str) -> tuple[float, int]:
    pain = {e.date: e.pain for e in es}
    triples = [(e.date.toordinal(), getattr(e, factor), e.pain, pain[e.date + timedelta(days=1)])
               for e in es if getattr(e, factor) is not None and e.date + timedelta(days=1) in pain]
    d, x, z, y = (np.array(c, dtype=float) for c in zip(*triples))
    rx, rz, ry = (stats.rankdata(residuals(d, v)) for v in (x, z, y))
    # partial correlation via regression residuals: x and y each regressed on z
    ex = rx - np.polyval(np.polyfit(rz, rx, 1), rz)
    ey = ry - np.polyval(np.polyfit(rz, ry, 1), rz)
    return float(stats.pearsonr(ex, ey).statistic), len(triples)


@pytest.mark.parametrize("seed", range(12))
def test_same_day_and_next_day_match_scipy_on_random_diaries(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(14, 90))
    t = np.arange(n)
    sleep = np.round((6 + rng.normal(0, 1, n) + rng.uniform(-1, 1) * t / n) * 2) / 2
    stress = rng.integers(0, 11, n)
    pain = np.clip(np.round(5 + rng.uniform(-2, 2) * t / n - 0.5 * (sleep - 6) + rng.normal(0, 1.5, n)), 0, 10)
    activity = rng.choice([0, 10, 20, 30, 45, 60], n).astype(float)
    missing = rng.random(n) < 0.1  # some evenings without a sleep entry
    es = entries(pain, sleep_hours=[None if m else float(s) for m, s in zip(missing, sleep)],
                 stress=[int(s) for s in stress], activity_min=[int(a) for a in activity])
    if rng.random() < 0.3:  # a day without an entry: next-day pairs skip it
        es = es[:n // 2] + es[n // 2 + 1:]
    for factor in ("sleep_hours", "stress", "activity_min"):
        rho, interval, n_pairs = diary.same_day(es, factor)
        if n_pairs < diary.MIN_PAIRED_DAYS:
            assert rho is None
            continue
        expected = scipy_same_day(es, factor)
        assert rho == pytest.approx(expected, abs=1e-9), factor
        assert interval == pytest.approx(ci(expected, n_pairs, 0), abs=1e-9)
        nrho, ninterval, nn = diary.next_day(es, factor)
        if nn < diary.MIN_PAIRED_DAYS:
            assert nrho is None
            continue
        expected_next, count = scipy_next_day(es, factor)
        assert nn == count
        assert nrho == pytest.approx(expected_next, abs=1e-9), factor
        assert ninterval == pytest.approx(ci(expected_next, nn, 1), abs=1e-9)


def trend_confounded(seed: int = 4) -> list[DiaryEntry]:
    """The issue's case: 56 days, pain drifting 6 → 3 and sleep 6 → 7.5 h, each with its own noise
    and no day-to-day link between them (seed 4: pooled ρ −0.54, as v1 reported)."""
    rng = np.random.default_rng(seed)
    t = np.arange(56)
    pain = np.round(6 - 3 * t / 55 + rng.normal(0, 0.8, 56))
    sleep = np.round((6 + 1.5 * t / 55 + rng.normal(0, 0.4, 56)) * 2) / 2
    return entries(pain, sleep_hours=[float(s) for s in sleep])


def pooled(es: list[DiaryEntry]) -> float:
    return float(stats.spearmanr([e.sleep_hours for e in es], [e.pain for e in es]).statistic)


def test_a_shared_trend_is_not_an_association():
    es = trend_confounded()
    assert pooled(es) == pytest.approx(-0.54, abs=0.005)  # what v1 called a "strong association"
    rho, (low, high), n = diary.same_day(es, "sleep_hours")  # type: ignore[misc]
    assert n == 56
    assert abs(rho) < 0.1
    assert low < 0 < high
    assert rho == pytest.approx(scipy_same_day(es, "sleep_hours"), abs=1e-9)
    sentence = _sentence(es, "sleep_hours")
    assert sentence.startswith("Sleep: on days with more sleep, pain showed no clear link")


def test_over_many_diaries_with_no_link_the_interval_covers_0_about_95_times_in_100():
    """200 trend-confounded diaries with no day-to-day link: pooled ρ is about −0.5 every time;
    detrended, ρ centres on 0 and its 95% interval holds 0 in about 95% of them."""
    found = [diary.same_day(trend_confounded(seed), "sleep_hours") for seed in range(200)]
    rhos = np.array([rho for rho, _, _ in found])
    assert np.mean([pooled(trend_confounded(seed)) for seed in range(0, 200, 10)]) < -0.45
    assert abs(rhos.mean()) < 0.03 and rhos.std() < 0.16
    coverage = np.mean([ci[0] < 0 < ci[1] for _, ci, _ in found])  # type: ignore[index]
    assert 0.92 <= coverage <= 0.995


def _sentence(es: list[DiaryEntry], factor: str) -> str:
    from paintrack.domain.report import AssociationItem
    from paintrack.render import words

    a = next(a for a in diary.associations(es) if a.factor == factor)
    item = AssociationItem(a.factor, a.same_day_rho, a.ci_low, a.ci_high, a.n, a.next_day_rho,
                           a.next_day_ci_low, a.next_day_ci_high, a.next_day_n)
    return words.association_sentence(item, diary.MIN_PAIRED_DAYS)


def test_a_real_day_to_day_link_is_found_and_worded_went_together():
    rng = np.random.default_rng(5)
    t = np.arange(60)
    sleep = np.round((6.5 + rng.normal(0, 1, 60)) * 2) / 2
    pain = np.clip(np.round(6 - 2 * t / 59 - 1.2 * (sleep - 6.5) + rng.normal(0, 0.7, 60)), 0, 10)
    es = entries(pain, sleep_hours=[float(s) for s in sleep])
    rho, (_, high), _ = diary.same_day(es, "sleep_hours")  # type: ignore[misc]
    assert rho < -0.5 and high < 0
    sentence = _sentence(es, "sleep_hours")
    assert "pain tended to be lower (they went together)" in sentence
    assert not re.search(r"caus|because|leads? to|makes", sentence, re.I)
    assert sentence.endswith(").") and ". " not in sentence  # one sentence: same day, then next day


def test_next_day_controls_for_that_days_pain():
    """Sleep follows the day's pain, and pain carries over to the next day: a pooled next-day
    correlation appears, but controlling for that day's pain it goes away."""
    rng = np.random.default_rng(11)
    n = 80
    pain = [5.0]
    for _ in range(n - 1):
        pain.append(float(np.clip(round(0.8 * pain[-1] + 1 + rng.normal(0, 1.2)), 0, 10)))
    sleep = [float(np.round((7.5 - 0.3 * p + rng.normal(0, 0.4)) * 2) / 2) for p in pain]
    es = entries(pain, sleep_hours=sleep)
    raw = stats.spearmanr(sleep[:-1], pain[1:]).statistic
    assert raw < -0.3
    nrho, (low, high), nn = diary.next_day(es, "sleep_hours")  # type: ignore[misc]
    assert nn == n - 1 and low < 0 < high and abs(nrho) < 0.25


def test_13_days_is_not_enough_14_is():
    pain = [3, 5, 4, 6, 2, 5, 7, 4, 3, 6, 5, 4, 6, 3, 5]
    sleep = [7, 6, 6.5, 5, 8, 6, 5, 7, 7.5, 5.5, 6, 7, 5, 7.5, 6]
    thirteen = entries(pain[:13], sleep_hours=sleep[:13])
    assert diary.same_day(thirteen, "sleep_hours")[0] is None
    assert diary.same_day(thirteen, "sleep_hours")[2] == 13
    fourteen = entries(pain[:14], sleep_hours=sleep[:14])
    assert diary.same_day(fourteen, "sleep_hours")[0] is not None
    assert diary.next_day(fourteen, "sleep_hours")[0] is None  # 13 pairs of days
    assert diary.next_day(entries(pain, sleep_hours=sleep), "sleep_hours")[0] is not None
    assert _sentence(thirteen, "sleep_hours") == "Sleep: not enough days yet (13 of 14)."


def test_a_factor_that_never_varies_has_no_rho():
    es = entries([3, 5, 4, 6, 2, 5, 7, 4, 3, 6, 5, 4, 6, 3], stress=[4] * 14)
    rho, interval, n = diary.same_day(es, "stress")
    assert rho is None and interval is None and n == 14
    assert _sentence(es, "stress") == "Stress: it did not vary enough to compare (14 days)."


def test_through_the_cli_the_diary_section_states_its_comparisons(paintrack):
    from conftest import BASELINE_ARGS

    paintrack(*BASELINE_ARGS)
    for e in trend_confounded():
        r = paintrack("log", str(e.pain), "--date", e.date.isoformat(), "--sleep-hours", f"{e.sleep_hours:g}")
        assert r.code == 0, r.text
    data = json.loads(paintrack("report", "--format", "json").out)
    d = data["diary"]
    assert d["days"] == 56 and d["comparisons"] == 2  # sleep, same day and next day
    sleep = next(a for a in d["associations"] if a["factor"] == "sleep_hours")
    assert sleep["n"] == 56 and sleep["ci_low"] < 0 < sleep["ci_high"] and abs(sleep["same_day_rho"]) < 0.2
    mood = next(a for a in d["associations"] if a["factor"] == "mood")
    assert mood["same_day_rho"] is None and mood["n"] == 0
    out = " ".join(paintrack("report").out.split())
    assert "Each series' own trend over time is removed first. 2 comparisons are made" in out
    assert "Mood: not enough days yet (0 of 14)." in out
    assert out.count("• Sleep:") == 1 and out.count("• Stress:") == 1
    assert not re.search(r"\bcaus(ed|es|ing)\b", out.replace("never what causes what", ""))
