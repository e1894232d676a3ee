"""Scoring rules of the instruments, tested directly on models (no CLI, no files)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paintrack import instruments
from paintrack.models import Assessment

item = st.one_of(st.none(), st.integers(0, 10))
INTERFERENCE = instruments.INTERFERENCE_ITEMS


def make(**fields) -> Assessment:
    return Assessment(kind="baseline", date=date(2026, 1, 5), **{"nrs": 5, **fields})


def test_issue_example_scores():
    a = make(nrs=7, worst=9, least=4, now=6, activity=7, mood=6, walking=8, work=7, relations=4, sleep=6, enjoyment=7)
    assert instruments.bpi_severity(a) == 6.5
    assert instruments.bpi_interference(a) == pytest.approx(45 / 7)
    assert instruments.peg(a) == pytest.approx(7.0)


@given(nrs=st.integers(0, 10), worst=item, least=item, now=item)
def test_severity_only_with_all_four_items(nrs, worst, least, now):
    a = make(nrs=nrs, worst=worst, least=least, now=now)
    score = instruments.bpi_severity(a)
    if None in (worst, least, now):
        assert score is None
    else:
        assert score == pytest.approx((worst + least + nrs + now) / 4)
        assert min(worst, least, nrs, now) <= score <= max(worst, least, nrs, now)


@given(st.lists(item, min_size=7, max_size=7))
def test_interference_needs_four_of_seven(values):
    a = make(**dict(zip(INTERFERENCE, values)))
    answered = [v for v in values if v is not None]
    score = instruments.bpi_interference(a)
    if len(answered) < 4:
        assert score is None
    else:
        assert score == pytest.approx(sum(answered) / len(answered))
        assert 0 <= score <= 10


@given(nrs=st.integers(0, 10), enjoyment=item, activity=item)
def test_peg_needs_pain_enjoyment_and_activity(nrs, enjoyment, activity):
    score = instruments.peg(make(nrs=nrs, enjoyment=enjoyment, activity=activity))
    if enjoyment is None or activity is None:
        assert score is None
    else:
        assert score == pytest.approx((nrs + enjoyment + activity) / 3)


@pytest.mark.parametrize(
    "pct, category",
    [(100, "substantial"), (50, "substantial"), (49.99, "moderate"), (30, "moderate"), (29.9, "minimal"),
     (10, "minimal"), (9.9, "no_change"), (0, "no_change"), (-9.9, "no_change"), (-10, "worse"), (-80, "worse")],
)
def test_immpact_boundaries(pct, category):
    assert instruments.immpact_category(pct) == category


@given(st.integers(0, 10), st.integers(0, 10))
def test_reduction_pct(before, after):
    pct = instruments.reduction_pct(before, after)
    if before == 0:
        assert pct is None
    else:
        assert pct == pytest.approx(100 * (before - after) / before)
        assert pct <= 100


@pytest.mark.parametrize("pgic, reading", [(1, "substantial"), (2, "moderate"), (3, "minimal"), (4, "none"), (7, "none"), (None, None)])
def test_pgic_immpact(pgic, reading):
    assert instruments.pgic_immpact(pgic) == reading
