"""What each measured value means, its allowed range and its unit: written once, here.

The command-line flags, the interview, the storage schema and the sealed reader's range check
all take their ranges from this table. Reading typed text is the command line's job
(`cli/parse.py`); nothing here parses or prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Measure:
    """One measured value: `name` in the journal; `flag` on the command line."""

    name: str
    label: str
    low: float
    high: float
    integer: bool = True
    unit: str = ""
    help: str = ""  # one line of help for the interview (how to measure it)
    flag_name: str = ""  # when the flag differs from the name

    @property
    def flag(self) -> str:
        return "--" + (self.flag_name or self.name.replace("_", "-"))

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


def _m(name: str, label: str, low: float, high: float, integer: bool = True, unit: str = "",
       help: str = "", flag_name: str = "") -> Measure:
    return Measure(name, label, low, high, integer, unit, help, flag_name)


PAIN_ANCHORS = "0 = no pain, 10 = pain as bad as you can imagine"
INTERFERENCE_ANCHORS = "0 = does not interfere, 10 = completely interferes"

# The BPI severity items in the BPI's order: worst, least, average (nrs), now.
WORST = _m("worst", "worst pain in the last 7 days", 0, 10)
LEAST = _m("least", "least pain in the last 7 days", 0, 10)
NRS = _m("nrs", "average pain over the last 7 days", 0, 10)
NOW = _m("now", "pain right now", 0, 10)
SEVERITY_ORDER = (WORST, LEAST, NRS, NOW)

INTERFERENCE = (
    _m("activity_interference", "how much pain interfered with general activity", 0, 10),
    _m("mood_interference", "how much pain interfered with mood", 0, 10),
    _m("walking_interference", "how much pain interfered with walking ability", 0, 10),
    _m("work_interference", "how much pain interfered with normal work (outside the home and housework)", 0, 10),
    _m("relations_interference", "how much pain interfered with relations with other people", 0, 10),
    _m("sleep_interference", "how much pain interfered with sleep", 0, 10),
    _m("enjoyment_interference", "how much pain interfered with enjoyment of life", 0, 10),
)
WALK_M = _m(
    "walk_m", "six-minute walk distance", 0, 1000, integer=False, unit="metres",
    help="walk as far as you can in 6 minutes at your own pace (on a measured flat course, "
         "turning at each end), resting if needed; enter the distance covered",
)
OPIOID_MME = _m(
    "opioid_mme", "opioid dose", 0, 5000, integer=False, unit="MME/day",
    help="your daily opioid dose in morphine milligram equivalents (ask your prescriber or "
         "pharmacist; 0 if you take no opioids)",
)
SLEEP_HOURS = _m("sleep_hours", "hours of sleep on a typical night", 0, 24, integer=False, unit="hours")
EXERCISE_SESSIONS = _m("exercise_sessions", "graded-exercise sessions per week", 0, 50)
MINDFULNESS_MIN = _m("mindfulness_min", "mindfulness minutes per week", 0, 10080, unit="minutes")
FUNCTION_AND_ADHERENCE = (WALK_M, OPIOID_MME, SLEEP_HOURS, EXERCISE_SESSIONS, MINDFULNESS_MIN)
DURATION_MONTHS = _m("duration_months", "how long the pain has lasted", 0, 1200, unit="months")
PGIC = _m("pgic", "impression of change since the baseline, 1 very much improved … 7 very much worse", 1, 7)
GOAL_ABILITY = _m("goal_ability", "how able you are to do it, 0 unable … 10 able as before the pain", 0, 10)

#: Every number of one assessment, in the order the interview asks them.
ASSESSMENT = (*SEVERITY_ORDER, *INTERFERENCE, *FUNCTION_AND_ADHERENCE)
BY_NAME = {m.name: m for m in (*ASSESSMENT, DURATION_MONTHS, PGIC)}

#: Flags of version 1 that changed meaning: refused, with a hint naming the new flag.
RENAMED_FLAGS = {
    "--activity": "--activity-interference",
    "--mood": "--mood-interference",
    "--walking": "--walking-interference",
    "--work": "--work-interference",
    "--relations": "--relations-interference",
    "--sleep": "--sleep-interference (how much pain interfered with sleep) or --sleep-hours (hours slept)",
    "--enjoyment": "--enjoyment-interference",
}

# `paintrack log`: one diary entry a day. Mood runs the other way from the BPI mood item.
PAIN = _m("pain", "pain today", 0, 10)
DIARY = (
    PAIN,
    _m("sleep_hours", "hours of sleep last night", 0, 24, integer=False, unit="hours"),
    _m("mood", "mood today, 0 very low … 10 very good", 0, 10),
    _m("stress", "stress today, 0 none … 10 extreme", 0, 10),
    _m("activity_min", "minutes of physical activity today", 0, 1440, unit="minutes"),
)
DIARY_BY_NAME = {m.name: m for m in DIARY}

ASPECT_RATING = _m("rating", "how much this fits you, 0 not at all … 10 completely", 0, 10)
EXERCISE_START_MIN = _m("exercise_start_min", "graded-exercise minutes a day in the first week", 1, 120,
                        unit="minutes")

SIDE_EFFECTS = {
    "nausea": "nausea",
    "dizziness": "dizziness",
    "drowsiness": "drowsiness",
    "constipation": "constipation",
    "dry-mouth": "dry mouth",
    "weight-gain": "weight gain",
    "swelling": "swelling (of the legs or ankles)",
    "falls": "falls",
    "device-problem": "a problem with an implanted device",
    "other": "another side effect",
}

MAX_TEXT = 2000  # any free text (note, evidence, goal, location)
MAX_GOALS = 5
MAX_LOCATIONS = 10

#: Dates paintrack accepts anywhere: from FIRST_DATE; at most LAST_DATE in a journal (a date
#: typed on the command line must also not be after today).
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2199, 12, 31)
