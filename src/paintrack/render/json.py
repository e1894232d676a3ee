"""The report as JSON: 2-space indent, UTF-8 text (non-ASCII as is), a newline at the end.

The same text from either encoder: json.dumps with an indent runs in pure Python (2 ms for ten
years of updates, 0.8 s for a 100,000-entry journal); pydantic_core.to_json takes 0.1 s for the
latter but costs ~10 ms to import (bench/README.md). Each is used where it is faster.
"""

from __future__ import annotations

from typing import Any

#: Above this many rows (assessments and diary weeks), pydantic's Rust encoder writes the JSON.
RUST_ENCODER_ROWS = 1000


def render(report: dict[str, Any]) -> str:
    rows = len(report.get("assessments") or ()) + len((report.get("diary") or {}).get("weekly_mean_pain") or ())
    if rows > RUST_ENCODER_ROWS:
        from pydantic_core import to_json

        return to_json(report, indent=2).decode("utf-8") + "\n"
    import json

    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
