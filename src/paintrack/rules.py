"""Alert rules and their messages: plain functions and constants, no I/O.

The red-flag advice and the chronic-pain definition are worded once, here, and used by every
summary and report.
"""

from __future__ import annotations

from paintrack import measures

RED_FLAG_ADVICE = (
    "Red flag: {flags}. Seek urgent medical care now (your doctor today, or an emergency "
    "department); do not wait for your next appointment."
)
NOT_CHRONIC = (
    "Chronic pain is defined as pain lasting more than three months; yours has lasted "
    "{months} month{s}. Early pain needs a clinician's assessment first; this plan is for chronic pain."
)


def red_flag_message(flags: list[str]) -> str:
    return RED_FLAG_ADVICE.format(flags="; ".join(measures.RED_FLAGS.get(f, f) for f in flags))


def not_chronic_message(months: int) -> str:
    return NOT_CHRONIC.format(months=months, s="" if months == 1 else "s")


def is_chronic(duration_months: int | None) -> bool | None:
    """Pain lasting three months or more counts as chronic; None when the duration is unknown."""
    return None if duration_months is None else duration_months >= 3
