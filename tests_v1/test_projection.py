"""The outcome projection: properties (hypothesis) and hand-computed values."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paintrack import projection
from paintrack.catalogue import Modality
from paintrack.models import Plan, PlanItem
from paintrack.projection import Range


def modality(mid: str, low: float | None, high: float | None, full: float | None = 10) -> Modality:
    return Modality(
        id=mid, name=mid, category="movement", mechanism="m", reduction_low=low, reduction_high=high,
        full_effect_weeks=full if low is not None else None, evidence="e", sources=["test"],
    )


fractions = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def modalities(draw, mid: str):
    if draw(st.booleans()) and mid != "m0":
        return modality(mid, None, None)  # no estimate
    a, b = sorted((draw(fractions), draw(fractions)))
    return modality(mid, a, b, draw(st.floats(min_value=0.5, max_value=104)))


@st.composite
def plans(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    catalogue = {f"m{i}": draw(modalities(f"m{i}")) for i in range(n)}
    origin = date(2026, 1, 5)
    items = [PlanItem(id=i, start=origin + timedelta(days=draw(st.integers(0, 400)))) for i in catalogue]
    at = draw(st.none() | st.builds(lambda d: origin + timedelta(days=d), st.integers(-30, 900)))
    return Plan(start=origin, modalities=items), catalogue, at


def in_unit(r: Range) -> bool:
    return 0 <= r.low <= r.high <= 1


@given(plans())
def test_ranges_stay_in_0_1_and_low_never_above_high(case):
    plan, catalogue, at = case
    r = projection.expected(plan, catalogue, at)
    assert r is not None  # m0 always has an estimate
    assert in_unit(r)
    for item in plan.modalities:
        e = projection.effect(catalogue[item.id], item.start, at)
        assert e is None or in_unit(e)


@given(plans(), modalities("extra"), st.integers(0, 400))
def test_adding_a_modality_never_lowers_either_bound(case, extra, offset):
    plan, catalogue, at = case
    before = projection.expected(plan, catalogue, at)
    bigger = Plan(
        start=plan.start,
        modalities=[*plan.modalities, PlanItem(id="extra", start=plan.start + timedelta(days=offset))],
    )
    after = projection.expected(bigger, {**catalogue, "extra": extra}, at)
    assert after.low >= before.low
    assert after.high >= before.high - 1e-12


@given(plans(), st.integers(0, 10))
def test_projected_nrs_is_an_ordered_range_within_0_and_baseline(case, baseline):
    plan, catalogue, at = case
    p = projection.projected_nrs(baseline, projection.expected(plan, catalogue, at))
    assert 0 <= p.low <= p.high <= baseline + 1e-9


@given(plans())
def test_full_effect_is_never_below_any_earlier_date(case):
    plan, catalogue, at = case
    if at is None:
        return
    now, full = projection.expected(plan, catalogue, at), projection.expected(plan, catalogue)
    assert now.low <= full.low + 1e-12 and now.high <= full.high + 1e-12


A = modality("a", 0.4, 0.6, full=10)
B = modality("b", 0.2, 0.5, full=4)
START = date(2026, 1, 5)


def test_mid_ramp_by_hand():
    # 5 weeks in: a is half-way up its 10-week ramp (0.2-0.3), b is at full effect (0.2-0.5).
    plan = Plan(start=START, modalities=[PlanItem(id="a", start=START), PlanItem(id="b", start=START)])
    at = START + timedelta(weeks=5)
    assert projection.ramp(A, START, at) == pytest.approx(0.5)
    assert projection.effect(A, START, at) == Range(pytest.approx(0.2), pytest.approx(0.3))
    r = projection.expected(plan, {"a": A, "b": B}, at)
    assert r.low == pytest.approx(0.2)  # max(0.2, 0.2)
    assert r.high == pytest.approx(1 - 0.7 * 0.5)  # 0.65
    p = projection.projected_nrs(8, r)
    assert (p.low, p.high) == (pytest.approx(2.8), pytest.approx(6.4))


def test_full_effect_and_staggered_start_by_hand():
    # b starts 2 weeks after a; at week 3 of a: a at 3/10 (0.12-0.18), b at 1/4 (0.05-0.125)
    plan = Plan(start=START, modalities=[PlanItem(id="a", start=START), PlanItem(id="b", start=START + timedelta(weeks=2))])
    r = projection.expected(plan, {"a": A, "b": B}, START + timedelta(weeks=3))
    assert r.low == pytest.approx(0.12)
    assert r.high == pytest.approx(1 - (1 - 0.18) * (1 - 0.125))
    full = projection.expected(plan, {"a": A, "b": B})
    assert (full.low, full.high) == (pytest.approx(0.4), pytest.approx(1 - 0.4 * 0.5))


def test_before_start_nothing_and_no_estimate_adds_nothing():
    rfa = modality("rfa", None, None)
    plan = Plan(start=START, modalities=[PlanItem(id="a", start=START), PlanItem(id="rfa", start=START)])
    assert projection.expected(plan, {"a": A, "rfa": rfa}, START - timedelta(days=3)) == Range(0, 0)
    only_rfa = Plan(start=START, modalities=[PlanItem(id="rfa", start=START)])
    assert projection.expected(only_rfa, {"rfa": rfa}) is None
    assert projection.expected(None, {"a": A}) is None
