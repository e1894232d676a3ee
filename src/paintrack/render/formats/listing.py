"""`paintrack list --format json|csv`: the entries as data, with the key edit and delete take.

CSV: RFC 4180, CRLF line ends, a header row, ISO dates, an empty cell for a missing value, one
kind of entry per file (assessments: the fields entered; diary: pain, sleep, mood, stress,
activity, note; evidence: number, date, category, text). Free text as in the report's CSV: one
line, control characters as '?', a leading = + - @ quoted with an apostrophe. JSON writes every
control character as a \\uXXXX escape, so the data is whole and none reaches a terminal.
"""

from __future__ import annotations

import csv
import io
from dataclasses import fields
from typing import Any

from paintrack.domain.records import Assessment, DiaryEntry, EvidenceEntry, RedFlagScreen
from paintrack.render.formats.csv import text_cell
from paintrack.render.terminal import json_text

COLUMNS = {
    "assessments": [f.name for f in fields(Assessment)],
    "diary": [f.name for f in fields(DiaryEntry)],
    "evidence": [f.name for f in fields(EvidenceEntry)],
}


def cell(value: Any) -> Any:
    """One CSV cell: free text as the report's CSV writes it (one line, control characters as
    '?', never read as a formula), dates ISO, several values separated by ';'."""
    if isinstance(value, str):
        return text_cell(value)
    if isinstance(value, RedFlagScreen):
        if not value.asked:
            return "not asked"
        return ";".join(f"{name}={'yes' if yes else 'no'}" for name, yes in value.answers)
    if isinstance(value, tuple):
        joined = ";".join("" if v is None else str(v) for v in value)
        return text_cell(joined) if any(isinstance(v, str) for v in value) else joined
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def key(record: Any) -> str:
    return str(record.number) if isinstance(record, EvidenceEntry) else record.date.isoformat()


def as_json(record: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"key": key(record)}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, RedFlagScreen):
            value = {"how": value.how, "answers": dict(value.answers)}
        elif isinstance(value, tuple):
            value = list(value)
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        out[f.name] = value
    return out


def render_json(picked: dict[str, list[Any]]) -> str:
    return json_text({kind: [as_json(r) for r in records] for kind, records in picked.items()})


def render_csv(kind: str, records: list[Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["key", *COLUMNS[kind]])
    for r in records:
        writer.writerow([key(r), *(("" if (v := cell(getattr(r, name))) is None else v) for name in COLUMNS[kind])])
    return buffer.getvalue()
