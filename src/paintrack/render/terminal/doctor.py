"""`paintrack doctor`'s table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from paintrack.render.terminal import text

if TYPE_CHECKING:
    from rich.console import Console


def show(console: Console, path: Path, checks: list[tuple[str, bool, str]]) -> None:
    """One row per check: (what was checked, a problem?, what was found)."""
    from rich.table import Table

    table = Table(title=text(f"Journal check: {path}"), show_header=True, header_style="bold", title_justify="left")
    table.add_column("Check")
    table.add_column("Status")
    table.add_column("Detail", overflow="fold")
    for name, problem, detail in checks:
        table.add_row(name, text("PROBLEM" if problem else "ok", "bold red" if problem else "green"), text(detail))
    console.print(table)
