"""The diary's pure side: Spearman's rho, associations, weekly means, and their wording."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paintrack import diary, measures
from paintrack.diary import MIN_PAIRED_DAYS, association_sentence, associations, diary_section, spearman, weekly_mean_pain
from paintrack.models import DiaryEntry

START = date(2026, 9, 1)


def days(pains, **factors):
    """DiaryEntry per day from START; each factor is a list aligned with pains (None = not logged)."""
    return [
        DiaryEntry(date=START + timedelta(days=i), pain=p, **{k: v[i] for k, v in factors.items()})
        for i, p in enumerate(pains)
    ]


# -- spearman: hand-computed values -----------------------------------------------------------


def test_spearman_without_ties_matches_the_textbook_formula():
    # d = (-1, 1, -1, 1, 0), sum d^2 = 4: rho = 1 - 6*4 / (5*(25-1)) = 0.8
    assert spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) == pytest.approx(0.8)


def test_spearman_gives_ties_the_average_rank():
    # x ranks (1, 2.5, 2.5, 4), y ranks (1, 2, 3, 4): sxy = 4.5, sxx = 4.5, syy = 5 -> sqrt(0.9)
    assert diary.ranks([1, 2, 2, 3]) == [1, 2.5, 2.5, 4]
    assert diary.ranks([30, 10, 20, 10]) == [4, 1.5, 3, 1.5]
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(math.sqrt(0.9))


@given(st.lists(st.integers(0, 10) | st.floats(0, 24, allow_nan=False), max_size=60))
def test_ranks_are_the_count_below_plus_the_middle_of_the_ties(values):
    expected = [sum(w < v for w in values) + (sum(w == v for w in values) + 1) / 2 for v in values]
    assert diary.ranks(values) == expected


def test_spearman_is_none_when_undefined():
    assert spearman([], []) is None
    assert spearman([3], [4]) is None
    assert spearman([5, 5, 5], [1, 2, 3]) is None  # x does not vary
    assert spearman([1, 2, 3], [7, 7, 7]) is None
    assert spearman([1, 2], [3, 1]) == -1.0
    with pytest.raises(ValueError):
        spearman([1, 2], [1])


pairs = st.integers(min_value=2, max_value=40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(-5, 5), min_size=n, max_size=n), st.lists(st.integers(0, 10), min_size=n, max_size=n)
    )
)


@given(pairs)
def test_spearman_is_symmetric_and_bounded(xy):
    xs, ys = xy
    rho = spearman(xs, ys)
    assert rho == spearman(ys, xs) or math.isclose(rho, spearman(ys, xs), abs_tol=1e-12)
    if rho is not None:
        assert -1.0 <= rho <= 1.0


@given(pairs)
def test_spearman_is_invariant_under_monotone_transforms(xy):
    xs, ys = xy
    rho = spearman(xs, ys)
    up = [x**3 + 2 * x + 100 for x in xs]  # strictly increasing: same ranks
    down = [-math.exp(x) for x in xs]  # strictly decreasing: reversed ranks
    assert spearman(up, ys) == rho
    if rho is None:
        assert spearman(down, ys) is None
    else:
        assert spearman(down, ys) == pytest.approx(-rho, abs=1e-12)


@given(st.lists(st.integers(0, 1440), min_size=2, max_size=40, unique=True))
def test_spearman_is_plus_or_minus_one_for_monotone_series(xs):
    assert spearman(xs, [2 * x + 1 for x in xs]) == 1.0
    assert spearman(xs, [10 - x for x in xs]) == -1.0
    assert spearman(xs, [x / 60 for x in xs]) == 1.0  # minutes to hours: same ranks


# -- associations -----------------------------------------------------------------------------


def test_pain_tracking_sleep_exactly_gives_minus_one_and_next_day_is_separate():
    pains = [(i * 7) % 11 for i in range(30)]
    entries = days(pains, sleep_hours=[12 - p for p in pains])
    sleep = associations(entries)[0]
    assert sleep["factor"] == "sleep_hours"
    assert sleep["same_day_rho"] == -1.0 and sleep["n"] == 30
    assert sleep["next_day_n"] == 29  # day 30 has no next day
    assert sleep["next_day_rho"] != -1.0
    others = associations(entries)[1:]
    assert [a["factor"] for a in others] == ["mood", "stress", "activity_min"]
    assert all(a["n"] == 0 and a["same_day_rho"] is None and a["next_day_rho"] is None for a in others)


def test_next_day_pairs_only_consecutive_calendar_days():
    # stress on day d sets pain on day d+1; entries come in runs with gaps between them
    rng = random.Random(4)
    stress = [rng.randint(0, 10) for _ in range(40)]
    logged = [i for i in range(40) if i % 10 != 9]  # day 9, 19, 29, 39 missing
    entries = [
        DiaryEntry(date=START + timedelta(days=i), pain=stress[i - 1] if i else 5, stress=stress[i])
        for i in logged
    ]
    a = next(x for x in associations(entries) if x["factor"] == "stress")
    # pairs (d, d+1) with both logged: runs 0-8, 10-18, 20-28, 30-38 give 8 each
    assert a["next_day_n"] == 32
    assert a["n"] == 36
    # day 10's pain was set by day 9's stress, which is not logged, so it is never paired
    assert a["next_day_rho"] == 1.0


def test_a_random_series_is_near_zero_and_shows_its_n():
    rng = random.Random(20261123)
    pains = [rng.randint(0, 10) for _ in range(60)]
    entries = days(pains, sleep_hours=[round(rng.uniform(4, 9), 1) for _ in range(60)])
    sleep = associations(entries)[0]
    assert sleep["n"] == 60
    assert abs(sleep["same_day_rho"]) < 0.4
    assert "n = 60" in association_sentence(sleep)


def test_fewer_than_14_paired_days_give_null_and_say_not_enough_days():
    pains = list(range(11)) + [3, 2, 1]
    sleep = [12 - p for p in pains]
    thirteen = associations(days(pains[:13], sleep_hours=sleep[:13]))[0]
    assert thirteen["n"] == 13 and thirteen["same_day_rho"] is None and thirteen["next_day_rho"] is None
    assert association_sentence(thirteen) == "sleep: not enough days yet (13 of 14)"
    fourteen = associations(days(pains, sleep_hours=sleep))[0]
    assert fourteen["n"] == MIN_PAIRED_DAYS and fourteen["same_day_rho"] == -1.0
    assert fourteen["next_day_rho"] is None  # 13 consecutive pairs


def test_days_without_the_factor_are_not_paired():
    pains = [i % 11 for i in range(20)]
    mood = [None if i % 2 else p for i, p in enumerate(pains)]
    a = next(x for x in associations(days(pains, mood=mood)) if x["factor"] == "mood")
    assert a["n"] == 10 and a["same_day_rho"] is None


# -- weekly means and the report section ---------------------------------------------------------


def test_weekly_mean_pain_groups_by_iso_monday():
    entries = [
        DiaryEntry(date=date(2026, 11, 22), pain=6),  # Sunday: week of Monday 16 Nov
        DiaryEntry(date=date(2026, 11, 16), pain=3),
        DiaryEntry(date=date(2026, 11, 23), pain=2),  # Monday
        DiaryEntry(date=date(2026, 11, 25), pain=3),
        DiaryEntry(date=date(2026, 11, 26), pain=3),
    ]
    assert weekly_mean_pain(entries) == [
        {"week_start": "2026-11-16", "mean": 4.5},
        {"week_start": "2026-11-23", "mean": 2.67},
    ]


def test_diary_section_has_the_contract_shape():
    pains = [(i * 3) % 11 for i in range(21)]
    section = diary_section(list(reversed(days(pains, stress=pains, activity_min=[30] * 21))))
    assert set(section) == {"days", "weekly_mean_pain", "associations"}
    assert section["days"] == 21
    assert all(set(w) == {"week_start", "mean"} for w in section["weekly_mean_pain"])
    assert [w["week_start"] for w in section["weekly_mean_pain"]] == sorted(w["week_start"] for w in section["weekly_mean_pain"])
    by = {a["factor"]: a for a in section["associations"]}
    assert set(by) == {"sleep_hours", "mood", "stress", "activity_min"}
    assert all({"factor", "same_day_rho", "next_day_rho", "n"} <= set(a) for a in by.values())
    assert by["stress"]["same_day_rho"] == 1.0
    assert by["activity_min"]["n"] == 21 and by["activity_min"]["same_day_rho"] is None  # never varies
    assert diary_section([]) == {
        "days": 0,
        "weekly_mean_pain": [],
        "associations": [
            {"factor": f, "same_day_rho": None, "next_day_rho": None, "n": 0, "next_day_n": 0} for f in diary.FACTORS
        ],
    }


def test_recent_mean_covers_seven_calendar_days_ending_on_the_date():
    pains = [9, 1, 2, 3, 4, 5, 6, 7]
    entries = days(pains)
    assert diary.recent_mean(entries, START + timedelta(days=7)) == (4.0, 7)
    assert diary.recent_mean(entries, START - timedelta(days=1)) is None


# -- wording ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rho, word",
    [(-0.62, "strong"), (0.5, "strong"), (-0.3, "moderate"), (0.49, "moderate"), (0.1, "weak"), (-0.29, "weak"), (0.09, None), (0.0, None)],
)
def test_strength_thresholds(rho, word):
    assert diary.strength(rho) == word


def test_association_sentence_says_association_not_cause():
    a = {"factor": "sleep_hours", "same_day_rho": -0.62, "next_day_rho": 0.05, "n": 30, "next_day_n": 29}
    assert association_sentence(a) == (
        "on days with more sleep, pain tended to be lower (strong association, ρ = −0.62, n = 30); "
        "this is an association, not proof of cause"
    )
    assert association_sentence(a, next_day=True) == (
        "after days with more sleep, pain the next day was about the same (no clear association, ρ = 0.05, n = 29)"
    )
    stress = {"factor": "stress", "same_day_rho": 0.35, "next_day_rho": None, "n": 20, "next_day_n": 9}
    assert association_sentence(stress).startswith("on days with more stress, pain tended to be higher (moderate association")
    assert association_sentence(stress, next_day=True) == "stress (next day): not enough pairs of consecutive days yet (9 of 14)"
    flat = {"factor": "activity_min", "same_day_rho": None, "next_day_rho": None, "n": 21, "next_day_n": 20}
    assert association_sentence(flat) == "activity: did not vary enough to compare (n = 21)"


def test_association_lines_add_next_day_only_with_enough_pairs():
    pains = [(i * 7) % 11 for i in range(30)]
    section = diary_section(days(pains, sleep_hours=[12 - p for p in pains]))
    lines = diary.association_lines(section)
    assert lines[0].startswith("on days with more sleep, pain tended to be lower (strong association, ρ = −1.00, n = 30)")
    assert lines[1] == "mood: not enough days yet (0 of 14)"
    assert len(lines) == 5 and lines[4].startswith("after days with more sleep, pain the next day")


# -- ranges written once ------------------------------------------------------------------------


@pytest.mark.parametrize("m", measures.DIARY, ids=lambda m: m.name)
def test_diary_measures_match_the_journal_model(m):
    field = DiaryEntry.model_fields[m.name]
    bounds = {type(c).__name__: c for c in field.metadata}
    assert bounds["Ge"].ge == m.low and bounds["Le"].le == m.high
    assert (int in getattr(field.annotation, "__args__", (field.annotation,))) == m.integer
