"""`report --format json`: the typed report as JSON (`paintrack.report/2`).

Dates are ISO strings, a missing value is null, a tuple of (name, value) pairs is an object,
every other tuple an array; keys follow the report's field order. No control character is
written raw: C0, DEL, C1 and the bidirectional overrides are \\uXXXX escapes.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from paintrack.domain.report import Report
from paintrack.render.terminal import json_text


def plain(value: Any) -> Any:
    """The report (or any part of it) as JSON-ready data."""
    names = getattr(type(value), "_fields", None)
    if names is not None:  # one of the report's records (named tuples)
        return dict(zip(names, map(plain, value)))
    if is_dataclass(value) and not isinstance(value, type):  # the summaries
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        if value and all(type(p) is tuple and len(p) == 2 and isinstance(p[0], str) for p in value):
            return {k: plain(v) for k, v in value}
        return [plain(v) for v in value]
    return value


def render(report: Report) -> str:
    return json_text(plain(report))
