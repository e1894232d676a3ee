"""One rounding, in one place: every figure the report and the plan show is rounded here, once,
half up, at the precision it is shown with. Renderers print these values as they are.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

#: Digits shown for each kind of figure.
PRECISION = {
    "score": 1,  # BPI severity and interference, PSFS
    "peg": 0,  # PEG: a whole number (LOINC 91147-9, for clinical use)
    "pct": 1,  # a change, in per cent
    "range_pct": 0,  # an expected reduction, in per cent
    "nrs": 1,  # a projected or mean pain score
    "walk": 0,  # metres
    "mme": 1,  # MME/day
    "rho": 2,  # a correlation and its interval
    "hours": 1,
}


def rounded(value: float | None, kind: str) -> float | int | None:
    """`value` rounded half up to the digits of `kind` (a whole number as int); None stays None.

    The float is first rounded to 9 decimals, so that binary noise (7 × 0.55 = 3.8499999…) does
    not decide the rounding: 3.85 rounds to 3.9, and 2.675 to 2.68, as a reader rounds by hand."""
    if value is None:
        return None
    digits = PRECISION[kind]
    exact = Decimal(repr(round(float(value), 9)))
    step = Decimal(1).scaleb(-digits)
    result = exact.quantize(step, rounding=ROUND_HALF_UP)
    if digits == 0:
        return int(result)
    out = float(result)
    return 0.0 if out == 0 else out  # no -0.0


def pct(fraction: float | None, kind: str = "range_pct") -> float | int | None:
    """A fraction as a rounded percentage."""
    return None if fraction is None else rounded(100 * fraction, kind)
