"""`report --format csv`: the assessments' table, one row per assessment in date order (the
columns are listed in COLUMNS and documented in docs/notes/page.md).

RFC 4180 as spreadsheets read it: a header row, comma-separated, quoted only when needed, CRLF
line ends, UTF-8. Dates are ISO (YYYY-MM-DD); a value not measured is an empty cell; numbers are
as the report rounded them (a '.' decimal point); several values in one cell (red flags, side
effects, questionnaire answers) are separated by ';', a skipped answer left empty. A note that
begins with = + - @ or a tab gets a leading apostrophe, so no spreadsheet reads it as a formula.
The diary and the evidence sheet are exported by `paintrack list diary|evidence --format csv`.
"""

from __future__ import annotations

import csv
import io

from paintrack.domain.report import Report, Row
from paintrack.render.terminal import clean

GOAL_COLUMNS = 5  # a baseline has up to five goals

COLUMNS = (
    "date", "kind", "nrs", "worst", "least", "now",
    "activity_interference", "mood_interference", "walking_interference", "work_interference",
    "relations_interference", "sleep_interference", "enjoyment_interference",
    "bpi_severity", "bpi_interference", "peg",
    "walk_m", "opioid_mme", "sleep_hours", "exercise_sessions", "mindfulness_min", "pgic",
    "phq9", "phq9_band", "phq9_item9", "phq9_answers", "gad7", "gad7_band", "gad7_answers",
    "psfs", *(f"goal_{i}" for i in range(1, GOAL_COLUMNS + 1)),
    "side_effects", "red_flag_screen", "red_flags", "note",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """One cell: '' for a gap, numbers as rounded (no trailing '.0' on whole numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, tuple):
        return ";".join(cell(v) for v in value)
    return str(value)


def text_cell(value: str | None) -> str:
    """Free text: one line, control characters replaced, never read as a formula."""
    if value is None:
        return ""
    text = clean(" ".join(value.split()))
    return "'" + text if text.startswith(_FORMULA) else text


def row(r: Row) -> list[str]:
    goals = [cell(r.goal_ability[i]) if i < len(r.goal_ability) else "" for i in range(GOAL_COLUMNS)]
    values = {name: cell(getattr(r, name)) for name in COLUMNS if hasattr(r, name)}
    values.update({
        "date": r.date.isoformat(),
        "phq9_answers": cell(r.phq9_answers), "gad7_answers": cell(r.gad7_answers),
        "side_effects": cell(r.side_effects), "red_flag_screen": r.red_flag_screen.how,
        "red_flags": cell(r.red_flag_screen.positive), "note": text_cell(r.note),
        **{f"goal_{i + 1}": g for i, g in enumerate(goals)},
    })
    return [values[name] for name in COLUMNS]


def render(report: Report, **_: object) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in report.assessments:
        writer.writerow(row(r))
    return buffer.getvalue()
