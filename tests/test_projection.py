"""The expected-outcome model: time courses from the trials, and a combination that counts what
happens anyway once; the plan and every report format show the same digits."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import date, timedelta
from math import prod

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paintrack.domain import projection
from paintrack.domain.catalogue import Modality, Source
from paintrack.domain.numbers import pct, rounded
from paintrack.domain.records import Plan, PlanItem
from paintrack.storage.catalogue_file import load_catalogue

CAT = load_catalogue()
START = date(2026, 1, 5)
SOURCE = Source("t", "a test", "q", ("reduction_low",), True, doi="10.1/x")


def modality(mid: str, low: float, high: float, control: float | None, course, category="psychological") -> Modality:
    return Modality(id=mid, name=mid, category=category, mechanism="m", population="p", comparator="c",
                    certainty="low", sources=(SOURCE,), reduction_low=low, reduction_high=high,
                    control_reduction=control, control_arm=None if control is None else "placebo",
                    timecourse=tuple(course))


def plan_of(*ids: str, start: date = START) -> Plan:
    return Plan(start, 10, tuple(PlanItem(i, start) for i in ids))


def test_medication_at_four_weeks_shows_its_effect_not_a_26_week_ramp():
    drug = modality("drug", 0.2, 0.3, 0.1, [(4, 1.0)], "medication")
    at4 = projection.effect(drug, START, START + timedelta(weeks=4))
    assert at4 is not None and (at4.low, at4.high) == (0.2, 0.3)
    at2 = projection.effect(drug, START, START + timedelta(weeks=2))
    assert at2 is not None and at2.high == pytest.approx(0.15)


def test_time_course_is_linear_between_measured_points_then_holds():
    m = modality("m", 0.3, 0.3, None, [(26, 0.76), (52, 1.0)])
    assert m.share_at(13) == pytest.approx(0.38)
    assert m.share_at(39) == pytest.approx(0.88)
    assert m.share_at(52) == 1.0 and m.share_at(300) == 1.0 and m.share_at(0) == 0.0


def test_combination_counts_what_happens_anyway_once():
    """Ashar 2022: PRT 72% in its arm, 32% with open-label placebo. Adding MBSR (32% vs 18% with
    usual care) adds only MBSR's specific 14%: 1 − (1 − 0.72)(1 − 0.14)."""
    r = projection.expected(plan_of("prt", "mbsr"), CAT)
    assert r is not None
    assert r.low == pytest.approx(0.72)
    assert r.high == pytest.approx(1 - (1 - 0.72) * (1 - 0.14))


def _rule(ms: list[Modality]) -> tuple[float, float]:
    """The contract's rule, written again here: low = best single low; high = 1 − (1 − h*) Π(1 − sⱼ)."""
    best = max(ms, key=lambda m: m.reduction_high)
    others = [m for m in ms if m is not best]
    spec = [max(0.0, m.reduction_high - m.control_reduction) if m.control_reduction is not None else 0.0 for m in others]
    return max(m.reduction_low for m in ms), 1 - (1 - best.reduction_high) * prod(1 - s for s in spec)


@pytest.mark.parametrize("pair", list(itertools.combinations(CAT, 2)))
def test_every_pair_follows_the_rule(pair):
    chosen = [CAT[i] for i in pair if CAT[i].has_estimate]
    r = projection.expected(plan_of(*pair), CAT)
    if not chosen:
        assert r is None
        return
    low, high = _rule(chosen)
    assert r is not None and (r.low, r.high) == (pytest.approx(low), pytest.approx(high))


def test_all_modalities_together_from_seven_stay_honest():
    r = projection.expected(plan_of(*CAT), CAT)
    chosen = [m for m in CAT.values() if m.has_estimate]
    _, high = _rule(chosen)
    assert r is not None and r.high == pytest.approx(high)
    nrs = projection.projected_nrs(7, r)
    # no combination projects below what the best single modality plus the specific effects allow
    assert nrs.low >= 7 * (1 - high) - 1e-9
    assert nrs.low > 1.0  # not "NRS 0.0" as the v1 product of within-group changes gave


@given(st.lists(st.tuples(st.floats(0, 0.9), st.floats(0, 0.9), st.one_of(st.none(), st.floats(0, 0.9))),
                min_size=1, max_size=6))
def test_combined_range_is_ordered_and_never_below_the_best_single_high(arms):
    ms = [modality(f"m{i}", min(a, b), max(a, b), c, [(4, 1.0)]) for i, (a, b, c) in enumerate(arms)]
    cat = {m.id: m for m in ms}
    r = projection.expected(plan_of(*cat), cat)
    assert r is not None
    assert 0 <= r.low <= r.high <= 1
    assert r.high >= max(m.reduction_high for m in ms) - 1e-12


def test_a_negative_specific_effect_counts_as_zero():
    a = modality("a", 0.5, 0.5, None, [(4, 1.0)])
    worse_than_control = modality("b", 0.2, 0.2, 0.3, [(4, 1.0)])
    r = projection.expected(plan_of("a", "b"), {"a": a, "b": worse_than_control})
    assert r is not None and r.high == pytest.approx(0.5)


def test_untested_combination_is_named():
    assert projection.untested_combination(plan_of("prt", "mbsr"), CAT) == ("prt", "mbsr")
    assert projection.untested_combination(plan_of("prt"), CAT) == ()
    tested = {**CAT, "mbsr": replace(CAT["mbsr"], tested_with=("prt",))}
    assert projection.untested_combination(plan_of("prt", "mbsr"), tested) == ()


def _plan_view_and_report(paintrack, ids: tuple[str, ...]) -> tuple[str, dict]:
    r = paintrack("plan", *[a for i in ids for a in ("--add", i)], "--start", "2026-01-05", "--clinician-advised")
    assert r.code == 0, r.err
    data = json.loads(paintrack("report", "--format", "json").out)
    return r.out, data


@pytest.mark.parametrize("pair", [p for p in itertools.combinations(CAT, 2)
                                  if any(CAT[i].has_estimate for i in p)])
def test_plan_and_report_agree_to_the_digit(paintrack, pair):
    from conftest import BASELINE_ARGS

    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-02-16").code == 0
    view, data = _plan_view_and_report(paintrack, pair)
    for key in ("expected", "full_effect"):
        e = data[key]
        pct_text = f"{e['reduction_pct_low']}" + ("" if e["reduction_pct_low"] == e["reduction_pct_high"]
                                                    else f"–{e['reduction_pct_high']}") + "% less pain"
        nrs_text = f"{e['projected_nrs_low']:.1f}" + ("" if e["projected_nrs_low"] == e["projected_nrs_high"]
                                                      else f"–{e['projected_nrs_high']:.1f}")
        assert pct_text in view and f"projected NRS {nrs_text}" in view


def test_rounding_happens_once_half_up():
    assert rounded(7 * 0.55, "nrs") == 3.9  # 3.8499999… is 3.85
    assert rounded(0.252 * 10, "nrs") == 2.5
    assert pct(0.2525) == 25 and pct(0.255) == 26
    assert rounded(-0.04, "nrs") == 0.0 and str(rounded(-0.04, "nrs")) == "0.0"
