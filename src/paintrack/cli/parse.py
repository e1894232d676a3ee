"""Every flag and every typed answer is read here, the same way: a bad value is one line
naming the field and what it takes (exit 2), never echoing the value (it may be health data).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from paintrack.domain import measures, redflags
from paintrack.domain.evidence import CATEGORIES
from paintrack.domain.measures import FIRST_DATE, Measure
from paintrack.errors import InputError

_INT = re.compile(r"\d{1,7}", re.ASCII)
_DECIMAL = re.compile(r"\d{1,7}(\.\d{1,3})?", re.ASCII)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DAYS_AGO = re.compile(r"(\d{1,5}) days? ago", re.ASCII)
_FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
DATE_FORMS = "YYYY-MM-DD, today, yesterday or N days ago"


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def range_text(m: Measure) -> str:
    kind = "a whole number" if m.integer else "a number"
    unit = f" {m.unit}" if m.unit else ""
    return f"{kind} from {_fmt(m.low)} to {_fmt(m.high)}{unit}"


def number(raw: str, m: Measure, field: str | None = None) -> int | float:
    """A measure's value typed as text; an InputError naming the field and its range."""
    field = field or m.flag
    text = raw.strip()
    pattern = _INT if m.integer else _DECIMAL
    if pattern.fullmatch(text):
        value: int | float = int(text) if m.integer else float(text)
        if m.contains(value):
            return value
    raise InputError(f"{field} ({m.label}) must be {range_text(m)}")


def parse_date(raw: str, field: str = "--date", today: date | None = None, future: bool = False) -> date:
    """YYYY-MM-DD, `today`, `yesterday` or `N days ago`, from 1900-01-01 to `today` (or later
    with `future`: a key that finds an entry a hand-edited journal dated ahead)."""
    text = " ".join(raw.strip().lower().split())
    now = today or date.today()
    value: date | None = None
    if text == "today":
        value = now if today is not None else None
    elif text == "yesterday":
        value = now - timedelta(days=1) if today is not None else None
    elif (m := _DAYS_AGO.fullmatch(text)) and today is not None:
        days = int(m.group(1))
        value = now - timedelta(days=days) if days <= (now - FIRST_DATE).days else FIRST_DATE - timedelta(days=1)
    elif _ISO.fullmatch(text):
        try:
            value = date.fromisoformat(text)
        except ValueError:
            value = None
    if value is None:
        raise InputError(f"{field} must be a date: {DATE_FORMS}")
    if value < FIRST_DATE:
        raise InputError(f"{field} must be on or after {FIRST_DATE}")
    if today is not None and value > today and not future:
        raise InputError(f"{field} is in the future (today is {today})")
    return value


def parse_text(raw: str, field: str, limit: int = measures.MAX_TEXT) -> str:
    """Free text: no control characters (tab aside), not empty, at most `limit` characters."""
    if any((ord(c) < 32 and c != "\t") or 0x7F <= ord(c) < 0xA0 for c in raw):
        raise InputError(f"{field} must not contain control characters")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in raw):
        raise InputError(f"{field} is not valid UTF-8")
    text = raw.replace("\t", " ").strip()
    if not text:
        raise InputError(f"{field} must not be empty")
    if len(text) > limit:
        raise InputError(f"{field} is {len(text)} characters long; at most {limit} are kept")
    return text


def answers(raw: str, items: int, field: str) -> tuple[int | None, ...]:
    """`--phq9 0,1,2,…`: one answer 0-3 per item, comma-separated (an empty one: skipped)."""
    parts = [p.strip() for p in raw.split(",")]
    if len(parts) != items:
        raise InputError(f"{field} takes {items} answers from 0 to 3, separated by commas (an empty one skips that item)")
    out: list[int | None] = []
    for i, p in enumerate(parts, 1):
        if p == "":
            out.append(None)
        elif p in ("0", "1", "2", "3"):
            out.append(int(p))
        else:
            raise InputError(f"{field}: answer {i} must be 0, 1, 2 or 3 (or empty to skip it)")
    return tuple(out)


def red_flag(raw: str) -> str:
    name = raw.strip().lower()
    if name not in redflags.BY_NAME:
        raise InputError(f"--red-flag must be one of {', '.join(redflags.NAMES)}")
    return name


def side_effect(raw: str) -> str:
    name = raw.strip().lower()
    if name not in measures.SIDE_EFFECTS:
        raise InputError(f"--side-effect must be one of {', '.join(measures.SIDE_EFFECTS)}")
    return name


def category(raw: str, field: str = "--category") -> str:
    name = raw.strip().lower()
    if name not in CATEGORIES:
        raise InputError(f"{field} must be one of {', '.join(CATEGORIES)}")
    return name


def patient_id(raw: str, field: str = "--patient-id") -> str:
    text = raw.strip()
    if not _FHIR_ID.fullmatch(text):
        raise InputError(f"{field} must be a FHIR id: letters, digits, '-' and '.', up to 64 characters")
    return text


def entry_key(target: str, raw: str | None, today: date) -> str | None:
    """The key of `edit/delete TARGET KEY` as `paintrack list` shows it: an update's or a diary
    entry's date in any form --date takes (ISO, today, yesterday, N days ago), an evidence number."""
    if raw is None or target == "baseline":
        return raw
    if target == "evidence":
        return str(positive_int(raw, "N (the evidence number)"))
    return parse_date(raw, "DATE", today, future=True).isoformat()


def positive_int(raw: str, field: str, low: int = 1, high: int = 1_000_000) -> int:
    text = raw.strip()
    if _INT.fullmatch(text) and low <= int(text) <= high:
        return int(text)
    raise InputError(f"{field} must be a whole number from {low} to {high}")
