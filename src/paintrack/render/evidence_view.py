"""The evidence sheet as rich renderables (terminal `paintrack evidence`, and the rich report)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from paintrack.evidence import CATEGORIES


def evidence_table(section: list[dict[str, Any]]) -> Table:
    """Rows of `evidence.evidence_section(...)`: date, category, text (shown as typed, no markup)."""
    table = Table(title="Evidence sheet", title_justify="left", show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Category", no_wrap=True)
    table.add_column("What you noticed", ratio=1)
    for row in section:
        table.add_row(row["date"], row["category"], Text(row["text"]))
    return table


def category_counts(counts: dict[str, int]) -> Text:
    """One line per category with entries: '  2  symmetry — the symptoms are symmetrical …'."""
    lines = Text("By category:\n")
    for name, n in counts.items():
        lines.append(f"  {n:>2}  {name}: {CATEGORIES.get(name, 'not a known category')}\n")
    lines.rstrip()
    return lines
