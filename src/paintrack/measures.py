"""What each measured value means, its flag, its allowed range, and how a typed value is read.

One table serves the command-line flags, the interactive questions and the journal's pydantic
models, so a range is written once. Nothing here imports pydantic or rich: it is cheap to load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from paintrack.errors import InputError

_INT = re.compile(r"\d{1,7}")
_DECIMAL = re.compile(r"\d{1,7}(\.\d{1,3})?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_TEXT = 500


@dataclass(frozen=True)
class Measure:
    """One measured value: `name` in the journal, `flag` on the command line."""

    name: str
    label: str
    low: float
    high: float
    integer: bool = True
    unit: str = ""

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def range_text(self) -> str:
        kind = "a whole number" if self.integer else "a number"
        unit = f" {self.unit}" if self.unit else ""
        return f"{kind} from {_fmt(self.low)} to {_fmt(self.high)}{unit}"

    def parse(self, raw: str, field: str | None = None) -> int | float:
        """Read a typed value or raise InputError naming the field and the allowed range."""
        field = field or self.flag
        text = raw.strip()
        pattern = _INT if self.integer else _DECIMAL
        if not pattern.fullmatch(text):
            raise InputError(
                f"{field} ({self.label}) must be {self.range_text()}; got {shown(raw)}"
            )
        value: int | float = int(text) if self.integer else float(text)
        if not self.low <= value <= self.high:
            raise InputError(
                f"{field} ({self.label}) must be {self.range_text()}; got {shown(raw)}"
            )
        return value


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def shown(raw: str, limit: int = 24) -> str:
    """A typed value quoted for an error message: control characters escaped, long ones cut."""
    cut = raw if len(raw) <= limit else raw[:limit] + "…"
    return repr(cut)


def _m(name: str, label: str, low: float, high: float, integer: bool = True, unit: str = ""):
    return Measure(name, label, low, high, integer, unit)


# The BPI severity items (nrs is the BPI "average" item), then the seven interference items.
NRS = _m("nrs", "average pain over the last 7 days", 0, 10)
SEVERITY = (
    _m("worst", "worst pain in the last 7 days", 0, 10),
    _m("least", "least pain in the last 7 days", 0, 10),
    _m("now", "pain right now", 0, 10),
)
INTERFERENCE = (
    _m("activity", "pain interfered with general activity", 0, 10),
    _m("mood", "pain interfered with mood", 0, 10),
    _m("walking", "pain interfered with walking ability", 0, 10),
    _m("work", "pain interfered with normal work", 0, 10),
    _m("relations", "pain interfered with relations with other people", 0, 10),
    _m("sleep", "pain interfered with sleep", 0, 10),
    _m("enjoyment", "pain interfered with enjoyment of life", 0, 10),
)
FUNCTION_AND_ADHERENCE = (
    _m("walk_m", "six-minute walk distance", 0, 1000, integer=False, unit="metres"),
    _m("opioid_mme", "opioid dose", 0, 5000, integer=False, unit="MME/day"),
    _m("sleep_hours", "hours of sleep on a typical night", 0, 24, integer=False, unit="hours"),
    _m("exercise_sessions", "graded-exercise sessions per week", 0, 50),
    _m("mindfulness_min", "mindfulness minutes per week", 0, 10080),
)
DURATION_MONTHS = _m("duration_months", "how long the pain has lasted", 0, 1200, unit="months")
PGIC = _m("pgic", "global impression of change, 1 very much improved … 7 very much worse", 1, 7)

#: Every measured value of one assessment, in the order they are asked.
ASSESSMENT = (NRS, *SEVERITY, *INTERFERENCE, *FUNCTION_AND_ADHERENCE)
BY_NAME = {m.name: m for m in (*ASSESSMENT, DURATION_MONTHS, PGIC)}

#: `paintrack log`: one diary entry a day. Ranges must match models.DiaryEntry (a test checks).
#: Mood runs the other way from the BPI mood item: 0 is very low, 10 very good.
PAIN = _m("pain", "pain today", 0, 10)
DIARY = (
    PAIN,
    _m("sleep_hours", "hours of sleep last night", 0, 24, integer=False, unit="hours"),
    _m("mood", "mood today, 0 very low … 10 very good", 0, 10),
    _m("stress", "stress today, 0 none … 10 extreme", 0, 10),
    _m("activity_min", "minutes of physical activity today", 0, 1440, unit="minutes"),
)
DIARY_BY_NAME = {m.name: m for m in DIARY}

#: The four-aspect reflection (pain reprocessing therapy): how much each aspect fits you.
ASPECT_RATING = _m("rating", "how much this fits you, 0 not at all … 10 completely", 0, 10)

RED_FLAGS = {
    "sudden-weakness": "sudden weakness in the legs or arms",
    "bladder-bowel-control": "loss of bladder or bowel control",
    "unexplained-weight-loss": "unexplained weight loss",
    "fever": "fever together with the pain",
}


def parse_red_flag(raw: str) -> str:
    name = raw.strip().lower()
    if name not in RED_FLAGS:
        raise InputError(
            f"--red-flag must be one of {', '.join(RED_FLAGS)}; got {shown(raw)}"
        )
    return name


def parse_date(raw: str, field: str = "--date", today: date | None = None) -> date:
    """Read YYYY-MM-DD; a date in the future (after `today`) is refused."""
    text = raw.strip()
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        value = date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{field} must be a date as YYYY-MM-DD; got {shown(raw)}") from None
    if today is not None and value > today:
        raise InputError(f"{field} {value} is in the future (today is {today})")
    return value


def parse_text(raw: str, field: str, limit: int = _MAX_TEXT) -> str:
    """Free text: no control characters (tab aside), at most `limit` characters."""
    if any(ord(c) < 32 and c != "\t" or ord(c) == 127 for c in raw):
        raise InputError(f"{field} must not contain control characters; got {shown(raw)}")
    text = raw.strip()
    if not text:
        raise InputError(f"{field} must not be empty")
    if len(text) > limit:
        raise InputError(f"{field} is {len(text)} characters long; at most {limit} are kept")
    return text
