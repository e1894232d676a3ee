"""What the diary shows: weekly mean pain, and which factors went together with pain.

An association is not fooled by trends: when pain eases over weeks while sleep lengthens, the
two move together without any day-to-day link. So each series' own straight-line time trend is
removed first (ordinary least squares on the day), and the correlation is of what is left:
- same day: Spearman's ρ between the detrended factor and the detrended pain of that day;
- next day: the partial Spearman correlation between the detrended factor on day d and the
  detrended pain on day d + 1, controlling for the detrended pain on day d (yesterday's pain
  drives both today's sleep and today's pain otherwise);
- a 95% interval by Fisher's z with Bonett & Wright's (2000) standard error for Spearman's ρ,
  √((1 + ρ²/2) / (n − 3 − k)), k the number of variables controlled for;
- fewer than 14 paired days, or a series that never varies: no ρ ("not enough days yet").
Four factors, same day and next day: up to eight comparisons (the report counts those computed),
and with that many one can look clear by chance. These are associations in one person's diary, never proof of cause.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from paintrack.domain.records import DiaryEntry

MIN_PAIRED_DAYS = 14
FACTORS = ("sleep_hours", "mood", "stress", "activity_min")
COMPARISONS = 2 * len(FACTORS)  # at most: same day and next day for each factor
Z_95 = 1.959963984540054
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Association:
    """How one diary factor goes with pain on the same day and the next, after detrending."""
    factor: str
    same_day_rho: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    next_day_rho: float | None
    next_day_ci_low: float | None
    next_day_ci_high: float | None
    next_day_n: int


@dataclass(frozen=True, slots=True)
class WeekMean:
    """The mean diary pain of one ISO week."""
    week_start: date
    mean: float
    days: int


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the average of the ranks they span."""
    counts = Counter(values)
    rank_of: dict[float, float] = {}
    below = 0
    for value in sorted(counts):
        count = counts[value]
        rank_of[value] = below + (count + 1) / 2
        below += count
    return list(map(rank_of.__getitem__, values))


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 2 or len(ys) != n:
        return None
    mx, my = math.fsum(xs) / n, math.fsum(ys) / n
    dx = [x - mx for x in xs]
    dy = [y - my for y in ys]
    sxx = math.fsum(map(operator.mul, dx, dx))
    syy = math.fsum(map(operator.mul, dy, dy))
    if sxx <= 1e-12 * max(1.0, n) or syy <= 1e-12 * max(1.0, n):
        return None
    r = math.fsum(map(operator.mul, dx, dy)) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, r))


def _ranked(values: Sequence[float]) -> list[float] | None:
    """The ranks of a series, or None when it never varies (no correlation is defined)."""
    return ranks(values) if len(set(values)) >= 2 else None


def _rank_correlation(rx: list[float] | None, ry: list[float] | None) -> float | None:
    return None if rx is None or ry is None else pearson(rx, ry)


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's ρ: Pearson's correlation of the ranks; None when either side is constant."""
    return _rank_correlation(_ranked(xs), _ranked(ys))


def detrend(days: Sequence[float], values: Sequence[float]) -> list[float]:
    """The residuals of `values` after its least-squares straight line over `days`."""
    n = len(values)
    md, mv = math.fsum(days) / n, math.fsum(values) / n
    dd = [d - md for d in days]
    sdd = math.fsum(map(operator.mul, dd, dd))
    slope = 0.0 if sdd == 0 else math.fsum(map(operator.mul, dd, [v - mv for v in values])) / sdd
    return [v - mv - slope * d for d, v in zip(dd, values)]


def partial(rxy: float, rxz: float, ryz: float) -> float | None:
    """The correlation of x and y controlling for z, from the three pairwise correlations."""
    denominator = (1 - rxz * rxz) * (1 - ryz * ryz)
    if denominator <= 1e-12:
        return None
    return max(-1.0, min(1.0, (rxy - rxz * ryz) / math.sqrt(denominator)))


def interval(rho: float, n: int, controlled: int = 0) -> tuple[float, float] | None:
    """95% interval for a Spearman (partial) correlation: Fisher's z, Bonett & Wright's SE."""
    dof = n - 3 - controlled
    if dof <= 0:
        return None
    r = max(-0.999999, min(0.999999, rho))
    se = math.sqrt((1 + r * r / 2) / dof)
    z = math.atanh(r)
    return math.tanh(z - Z_95 * se), math.tanh(z + Z_95 * se)


def _ordinal(day: date) -> float:
    return float(day.toordinal())


#: The ranked, detrended pain series already computed for a set of days (the factors of one
#: diary mostly share their days): (which series, the days) -> ranks, or a correlation.
_Memo = dict[tuple[str, tuple[float, ...]], Any]


def _remembered(memo: _Memo | None, key: tuple[str, tuple[float, ...]], compute: Callable[[], Any]) -> Any:
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def same_day(entries: Sequence[DiaryEntry], factor: str,
             memo: _Memo | None = None) -> tuple[float | None, tuple[float, float] | None, int]:
    pairs = [(e.date, float(v), float(e.pain)) for e in entries if (v := getattr(e, factor)) is not None]
    n = len(pairs)
    if n < MIN_PAIRED_DAYS:
        return None, None, n
    days = [_ordinal(d) for d, _, _ in pairs]
    x = _ranked(_settle(detrend(days, [v for _, v, _ in pairs])))
    y = _remembered(memo, ("pain", tuple(days)),
                    lambda: _ranked(_settle(detrend(days, [p for _, _, p in pairs]))))
    rho = _rank_correlation(x, y)
    return rho, None if rho is None else interval(rho, n), n


def next_day(entries: Sequence[DiaryEntry], factor: str,
             memo: _Memo | None = None) -> tuple[float | None, tuple[float, float] | None, int]:
    pain_on = {e.date: float(e.pain) for e in entries}
    triples = [
        (e.date, float(v), float(e.pain), pain_on[e.date + ONE_DAY])
        for e in entries if (v := getattr(e, factor)) is not None and e.date + ONE_DAY in pain_on
    ]
    n = len(triples)
    if n < MIN_PAIRED_DAYS:
        return None, None, n
    days = [_ordinal(d) for d, *_ in triples]
    key = tuple(days)
    x = _ranked(_settle(detrend(days, [t[1] for t in triples])))
    z = _remembered(memo, ("pain", key),  # that day's pain
                    lambda: _ranked(_settle(detrend(days, [t[2] for t in triples]))))
    y = _remembered(memo, ("next-day pain", key),
                    lambda: _ranked(_settle(detrend(days, [t[3] for t in triples]))))
    ryz = _remembered(memo, ("pain with next-day pain", key), lambda: _rank_correlation(y, z))
    rxy, rxz = _rank_correlation(x, y), _rank_correlation(x, z)
    if rxy is None or rxz is None or ryz is None:
        return None, None, n
    rho = partial(rxy, rxz, ryz)
    return rho, None if rho is None else interval(rho, n, controlled=1), n


def _settle(values: list[float]) -> list[float]:
    """Residuals rounded to 9 decimals, so values equal before detrending rank as ties (float
    noise must not break a tie)."""
    return [round(v, 9) for v in values]


def associations(entries: Sequence[DiaryEntry]) -> list[Association]:
    ordered = sorted(entries, key=lambda e: e.date)
    memo: _Memo = {}
    found = []
    for factor in FACTORS:
        rho, ci, n = same_day(ordered, factor, memo)
        nrho, nci, nn = next_day(ordered, factor, memo)
        found.append(Association(
            factor, rho, ci[0] if ci else None, ci[1] if ci else None, n,
            nrho, nci[0] if nci else None, nci[1] if nci else None, nn,
        ))
    return found


def week_start(day: date) -> date:
    """The Monday of the ISO week `day` is in."""
    return day - timedelta(days=day.weekday())


def weekly_mean_pain(entries: Sequence[DiaryEntry]) -> list[WeekMean]:
    """Mean pain per ISO week (Monday first), oldest first, over the days logged that week."""
    weeks: dict[date, list[int]] = {}
    for e in entries:
        weeks.setdefault(week_start(e.date), []).append(e.pain)
    return [WeekMean(start, sum(p) / len(p), len(p)) for start, p in sorted(weeks.items())]
