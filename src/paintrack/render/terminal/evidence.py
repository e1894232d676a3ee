"""`paintrack evidence`: the evidence sheet as a table, with its counts and its caveat."""

from __future__ import annotations

from typing import TYPE_CHECKING

from paintrack.domain import evidence
from paintrack.domain.records import Journal
from paintrack.domain.report import EVIDENCE_CAVEAT
from paintrack.render.terminal import text

if TYPE_CHECKING:
    from rich.console import Console


def show(console: Console, journal: Journal) -> None:
    from rich.table import Table

    if not journal.evidence:
        console.print(text("The evidence sheet is empty. Add what you notice, for example:"))
        console.print(text('  paintrack evidence add "pain is worse on stressful work days" --category triggers'))
        console.print(text("Categories: " + ", ".join(evidence.CATEGORIES) + " (`paintrack evidence add --help`)."))
        return
    table = Table(title="Evidence sheet", title_justify="left", show_header=True, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Category", no_wrap=True)
    table.add_column("What you noticed", overflow="fold")
    for e in journal.evidence:
        table.add_row(str(e.number), e.date.isoformat(), text(e.category), text(e.text))
    console.print(table)
    counts = evidence.counts(journal.evidence)
    console.print(text("Counts: " + ", ".join(f"{c} {n}" for c, n in counts.items())))
    console.print(text(EVIDENCE_CAVEAT, "dim"))
