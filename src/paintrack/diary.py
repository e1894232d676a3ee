"""The daily diary (`paintrack log`): rules for adding an entry, and what the diary shows.

Pure functions over `models.DiaryEntry` (anything with `.date`, `.pain` and the factor
attributes will do); no file access, no numpy. The report's `diary` section is
`diary_section(entries)`; `association_sentence` words one association for people.

Spearman's rank correlation (Spearman 1904) is Pearson's correlation of the ranks, with tied
values given the average of the ranks they span. It measures how consistently two things rise
and fall together, whatever the shape of the relation; it says nothing about cause.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from paintrack.errors import PaintrackError

if TYPE_CHECKING:
    from paintrack.models import DiaryEntry, Journal

#: A factor needs this many paired days before a correlation is shown at all: with fewer,
#: a rank correlation swings too much from one day to the next to mean anything.
MIN_PAIRED_DAYS = 14
#: The diary factors compared with pain, in the order they are shown.
FACTORS = ("sleep_hours", "mood", "stress", "activity_min")
ONE_DAY = timedelta(days=1)
#: How many days `paintrack log` averages over after each entry, and from how many entries on.
RECENT_DAYS = 7
RHO_DIGITS = 3


# -- adding an entry ----------------------------------------------------------------------


def same_day(journal: Journal, when: date) -> DiaryEntry | None:
    return next((e for e in journal.diary if e.date == when), None)


def check_log(journal: Journal, when: date, replace: bool) -> DiaryEntry | None:
    """Refuse a second entry on the same day (exit 1) unless `replace`; return the one replaced."""
    existing = same_day(journal, when)
    if existing is not None and not replace:
        raise PaintrackError(
            f"there is already a diary entry on {when} (pain {existing.pain})",
            hint="use --replace to replace it, or --date for another day",
        )
    return existing


def record_log(journal: Journal, entry: DiaryEntry, replace: bool) -> DiaryEntry | None:
    """Add (or replace) the day's entry, keeping the diary in date order."""
    replaced = check_log(journal, entry.date, replace)
    diary = [e for e in journal.diary if e.date != entry.date]
    # Typed every evening, so usually the newest: append without re-sorting when it is.
    if not diary or diary[-1].date < entry.date:
        diary.append(entry)
    else:
        diary = sorted([*diary, entry], key=lambda e: e.date)
    journal.diary = diary
    return replaced


def recent_mean(entries: Sequence[Any], until: date, days: int = RECENT_DAYS) -> tuple[float, int] | None:
    """Mean pain of the entries in the `days` calendar days ending on `until` (inclusive),
    and how many entries that is; None when there are none."""
    start = until - timedelta(days=days - 1)
    pains = [e.pain for e in entries if start <= e.date <= until]
    if not pains:
        return None
    return sum(pains) / len(pains), len(pains)


# -- Spearman's rank correlation ------------------------------------------------------------


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the average of the ranks they span.

    Counted per distinct value (a diary has few: pain is 0-10), not by walking a sorted list:
    a value seen c times after `below` smaller ones spans ranks below+1 … below+c."""
    counts = Counter(values)
    rank_of: dict[float, float] = {}
    below = 0
    for value in sorted(counts):
        rank_of[value] = below + (counts[value] + 1) / 2
        below += counts[value]
    return [rank_of[v] for v in values]


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho of paired values; None with fewer than 2 pairs or when either side
    does not vary (the correlation is undefined then)."""
    if len(xs) != len(ys):
        raise ValueError(f"spearman needs pairs: {len(xs)} x values, {len(ys)} y values")
    n = len(xs)
    if n < 2:
        return None
    rx, ry = ranks(xs), ranks(ys)
    mean = (n + 1) / 2  # the mean of 1..n, also with average ranks for ties
    dx = [r - mean for r in rx]
    dy = [r - mean for r in ry]
    sxx = math.fsum([d * d for d in dx])
    syy = math.fsum([d * d for d in dy])
    if sxx == 0 or syy == 0:
        return None
    rho = math.fsum([a * b for a, b in zip(dx, dy)]) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, rho))


# -- what the diary shows --------------------------------------------------------------------


def _pairs(values: Sequence[float | None], pains: Sequence[int | None]) -> tuple[list[float], list[int]]:
    """The (value, pain) pairs where both are recorded."""
    kept = [(v, p) for v, p in zip(values, pains) if v is not None and p is not None]
    return [v for v, _ in kept], [p for _, p in kept]


def _rho(xs: list[float], ys: list[int]) -> float | None:
    if len(xs) < MIN_PAIRED_DAYS:
        return None
    rho = spearman(xs, ys)
    return None if rho is None else round(rho, RHO_DIGITS) + 0.0  # + 0.0: no "-0.0"


def associations(entries: Sequence[Any]) -> list[dict[str, Any]]:
    """For each factor: Spearman's rho with pain the same day and the next calendar day.

    `n` counts days with both the factor and pain; `next_day_n` counts days d with the factor
    and a pain entry on d + 1. A rho is None below MIN_PAIRED_DAYS pairs or when nothing varies.
    """
    pains = [e.pain for e in entries]
    pain_on = dict(zip((e.date for e in entries), pains))
    next_pains = [pain_on.get(e.date + ONE_DAY) for e in entries]  # pain on d + 1, if logged
    result = []
    for factor in FACTORS:
        values = [getattr(e, factor) for e in entries]
        same_x, same_y = _pairs(values, pains)
        next_x, next_y = _pairs(values, next_pains)
        result.append(
            {
                "factor": factor,
                "same_day_rho": _rho(same_x, same_y),
                "next_day_rho": _rho(next_x, next_y),
                "n": len(same_x),
                "next_day_n": len(next_x),
            }
        )
    return result


def week_start(day: date) -> date:
    """The Monday of the ISO week `day` is in."""
    return day - timedelta(days=day.weekday())


def weekly_mean_pain(entries: Sequence[Any]) -> list[dict[str, Any]]:
    """Mean pain per ISO week (Monday first), oldest first, over the days logged that week."""
    weeks: dict[date, list[int]] = {}
    for e in entries:
        weeks.setdefault(week_start(e.date), []).append(e.pain)
    return [
        {"week_start": start.isoformat(), "mean": round(sum(p) / len(p), 2)}
        for start, p in sorted(weeks.items())
    ]


def diary_section(entries: Sequence[Any]) -> dict[str, Any]:
    """The report's `diary`: {days, weekly_mean_pain, associations}."""
    entries = sorted(entries, key=lambda e: e.date)
    return {
        "days": len(entries),
        "weekly_mean_pain": weekly_mean_pain(entries),
        "associations": associations(entries),
    }


# -- words for people ("What goes with better days") -------------------------------------------

#: Strength words by |rho| (Cohen's conventions for a correlation: 0.1 small, 0.3 medium,
#: 0.5 large). Below 0.1 there is no clear association.
STRENGTH = ((0.5, "strong"), (0.3, "moderate"), (0.1, "weak"))
NOT_CAUSE = "this is an association, not proof of cause"
HEADING = "What goes with better days"
INTRO = (
    "Spearman rank correlations between your diary and your pain "
    f"(shown from {MIN_PAIRED_DAYS} paired days on). They show what tended to go together, not what causes what."
)

_MORE = {
    "sleep_hours": ("sleep", "more sleep"),
    "mood": ("mood", "a better mood"),
    "stress": ("stress", "more stress"),
    "activity_min": ("activity", "more activity"),
}


def strength(rho: float) -> str | None:
    """'strong', 'moderate', 'weak', or None when |rho| < 0.1."""
    for threshold, word in STRENGTH:
        if abs(rho) >= threshold:
            return word
    return None


def _rho_text(rho: float) -> str:
    return f"{rho:.2f}".replace("-", "\u2212")


def association_sentence(association: dict[str, Any], next_day: bool = False) -> str:
    """One association in words, e.g. "on days with more sleep, pain tended to be lower
    (strong association, ρ = −0.62, n = 30); this is an association, not proof of cause"."""
    factor = association["factor"]
    name, more = _MORE.get(factor, (factor, f"more {factor}"))
    rho = association["next_day_rho" if next_day else "same_day_rho"]
    n = association.get("next_day_n", association["n"]) if next_day else association["n"]
    when = f"after days with {more}, pain the next day" if next_day else f"on days with {more}, pain"
    if n < MIN_PAIRED_DAYS:
        pairs = "pairs of consecutive days" if next_day else "days"
        return f"{name}{' (next day)' if next_day else ''}: not enough {pairs} yet ({n} of {MIN_PAIRED_DAYS})"
    if rho is None:
        return f"{name}{' (next day)' if next_day else ''}: did not vary enough to compare (n = {n})"
    word = strength(rho)
    if word is None:
        return f"{when} was about the same (no clear association, ρ = {_rho_text(rho)}, n = {n})"
    direction = "lower" if rho < 0 else "higher"
    return f"{when} tended to be {direction} ({word} association, ρ = {_rho_text(rho)}, n = {n}); {NOT_CAUSE}"


def association_lines(section: dict[str, Any]) -> list[str]:
    """The sentences of the "What goes with better days" section, same day then next day."""
    lines = [association_sentence(a) for a in section["associations"]]
    lines += [
        association_sentence(a, next_day=True)
        for a in section["associations"]
        if a.get("next_day_n", 0) >= MIN_PAIRED_DAYS
    ]
    return lines
