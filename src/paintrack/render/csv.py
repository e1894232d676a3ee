"""The assessments as CSV: a header row, then one row per assessment in date order.

RFC 4180 as spreadsheets read it: comma-separated, fields quoted only when needed, CRLF line
ends (the csv module's default). The text is returned as a str: write it as bytes
(`.encode("utf-8")`) or through a file opened with `newline=""`, so the CRLF is not doubled.
Dates are ISO (YYYY-MM-DD); a value not measured is an empty cell; scores carry at most two
decimals; several red flags share one cell, separated by ';'.
"""

from __future__ import annotations

import csv
import io

COLUMNS = (
    "date", "kind", "nrs", "worst", "least", "now",
    "activity", "mood", "walking", "work", "relations", "sleep", "enjoyment",
    "bpi_severity", "bpi_interference", "peg",
    "walk_m", "opioid_mme", "sleep_hours", "exercise_sessions", "mindfulness_min", "pgic",
    "red_flags",
)


def cell(value: object) -> str:
    """One CSV cell: '' for a gap, integers as integers, other numbers with ≤ 2 decimals."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return str(value)


def render(report: dict, **options: object) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for assessment in report.get("assessments") or []:
        writer.writerow([cell(assessment.get(column)) for column in COLUMNS])
    return buffer.getvalue()
