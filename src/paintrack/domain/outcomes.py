"""What the course so far shows: change since baseline, IMMPACT reading, the source article's
definitions of reversal, and expected vs actual within one rating's measurement error.

Reversal, as the article "Chronic Pain Reversal Tracker" defines it, is any of:
- complete disappearance of pain for at least six months (`pain_free_6_months`: every assessment
  and diary rating 0 over at least 182 days, no gap between ratings over 28 days, up to the
  latest rating, after a baseline with pain, above 0);
- a reduction of 50% or more allowing normal activities (`halved_sustained`: ≥ 50% and ≥ 2
  points less than the baseline at each of the last two assessments, ≥ 28 days apart; and
  `normal_activities`: BPI interference ≤ 4 at the latest assessment);
- normal nervous-system signalling on quantitative sensory testing (not measured by paintrack).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from paintrack.domain import instruments
from paintrack.domain.records import Journal

HALVED_PCT = 50
HALVED_POINTS = 2
SUSTAINED_DAYS = 28
NORMAL_INTERFERENCE = 4
PAIN_FREE_DAYS = 182
PAIN_FREE_MAX_GAP = 28
MEASUREMENT_ERROR = 1  # points: one NRS rating's measurement error
NOT_MEASURED = "not measured by paintrack"


@dataclass(frozen=True, slots=True)
class ReversalCriteria:
    """The contract's definitions of reversal, each met or not, with the dates that meet them."""
    halved_sustained: bool
    normal_activities: bool | None
    pain_free_6_months: bool
    nervous_system_signalling: str = NOT_MEASURED
    halved_dates: tuple[date, date] | None = None  # the two assessments, when halved_sustained
    pain_free_since: date | None = None


def halved(baseline_nrs: int, nrs: int) -> bool:
    pct = instruments.reduction_pct(baseline_nrs, nrs)
    return pct is not None and pct >= HALVED_PCT and baseline_nrs - nrs >= HALVED_POINTS


def reversal_criteria(journal: Journal) -> ReversalCriteria | None:
    """None before the first update."""
    baseline, latest = journal.baseline, journal.latest()
    if baseline is None or latest is None or not journal.updates:
        return None
    updates = journal.updates
    sustained, dates = False, None
    if len(updates) >= 2:
        a, b = updates[-2], updates[-1]
        if (b.date - a.date).days >= SUSTAINED_DAYS and halved(baseline.nrs, a.nrs) and halved(baseline.nrs, b.nrs):
            sustained, dates = True, (a.date, b.date)
    interference = instruments.bpi_interference(latest)
    normal = None if interference is None else interference <= NORMAL_INTERFERENCE
    # pain cannot disappear from a baseline without pain: from a baseline of 0 this criterion is not met
    since = pain_free_since(journal) if baseline.nrs > 0 else None
    return ReversalCriteria(sustained, normal, since is not None, halved_dates=dates, pain_free_since=since)


def pain_free_since(journal: Journal) -> date | None:
    """The first day of a run of 0 ratings (assessments and diary together) that reaches the
    latest rating, lasts 182 days or more and has no gap over 28 days; None if there is none."""
    ratings: dict[date, int] = {}
    for e in journal.diary:
        ratings[e.date] = e.pain
    for a in journal.assessments():  # an assessment and a diary entry on one day: the higher
        ratings[a.date] = max(a.nrs, ratings.get(a.date, 0))
    days = sorted(ratings)
    if not days or ratings[days[-1]] != 0:
        return None
    start = days[-1]
    for earlier, later in zip(reversed(days[:-1]), reversed(days[1:])):
        if ratings[earlier] != 0 or (later - earlier).days > PAIN_FREE_MAX_GAP:
            break
        start = earlier
    return start if (days[-1] - start).days >= PAIN_FREE_DAYS else None


def reversal(criteria: ReversalCriteria | None) -> bool | None:
    """(halved and sustained, allowing normal activities) or pain-free for six months; None
    before the first update, and None when it hangs on the unmeasured interference."""
    if criteria is None:
        return None
    if criteria.pain_free_6_months:
        return True
    if not criteria.halved_sustained:
        return False
    return criteria.normal_activities


def pain_free_or_nearly(baseline_nrs: int, latest_nrs: int, has_update: bool) -> bool | None:
    """With a baseline above 1, whether the latest NRS is 1 or less; None otherwise."""
    if not has_update or baseline_nrs <= 1:
        return None
    return latest_nrs <= 1


def status(actual_nrs: int, projected_low: float | None, projected_high: float | None,
           has_plan: bool, has_update: bool) -> str:
    """Actual pain against the projected range at the latest assessment, widened by one point
    each side (one rating's measurement error). The projected bounds are those shown."""
    if not has_update:
        return "no_update"
    if not has_plan or projected_low is None or projected_high is None:
        return "no_plan"
    if actual_nrs < projected_low - MEASUREMENT_ERROR:
        return "better_than_expected"
    if actual_nrs > projected_high + MEASUREMENT_ERROR:
        return "less_than_expected"
    return "as_expected"


def weeks_between(first: date, last: date) -> int:
    return (last - first).days // 7

