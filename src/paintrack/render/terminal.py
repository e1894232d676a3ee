"""Rich output for the terminal: plain when piped or when NO_COLOR is set (rich does both)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from paintrack import instruments, rules
from paintrack.render.report_text import fmt

if TYPE_CHECKING:
    from paintrack.models import Assessment

NOT_MEDICAL_ADVICE = rules.NOT_MEDICAL_ADVICE


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False)


def warn(message: str) -> None:
    console(stderr=True).print(f"[yellow]warning:[/] {message}", markup=True)


def _red_flags_first(assessment: Assessment) -> None:
    if assessment.red_flags:
        console().print(f"[bold red]{rules.red_flag_message(assessment.red_flags)}[/]")


def _scores_table(assessment: Assessment) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Measure")
    table.add_column("Value", justify="right")
    table.add_column("Meaning")
    table.add_row("Pain (NRS, 7-day average)", fmt(assessment.nrs), "0 no pain … 10 worst imaginable")
    table.add_row("BPI pain severity", fmt(instruments.bpi_severity(assessment)), "mean of worst, least, average, now")
    table.add_row("BPI pain interference", fmt(instruments.bpi_interference(assessment)), "mean of the answered items (≥ 4 of 7)")
    table.add_row("PEG", fmt(instruments.peg(assessment)), "mean of pain, enjoyment, activity")
    table.add_row("Six-minute walk", fmt(assessment.walk_m, "m", 0), "distance")
    if assessment.opioid_mme is not None:
        table.add_row("Opioid dose", fmt(assessment.opioid_mme, "MME/day"), "morphine milligram equivalents")
    if assessment.pgic is not None:
        table.add_row("Global impression (PGIC)", str(assessment.pgic), instruments.PGIC_LABELS[assessment.pgic])
    return table


def print_baseline_summary(baseline: Assessment) -> None:
    out = console()
    _red_flags_first(baseline)
    out.print(f"[bold]Baseline recorded[/] for {baseline.date}.")
    out.print(_scores_table(baseline))
    if baseline.duration_months is not None:
        if rules.is_chronic(baseline.duration_months):
            out.print(f"Pain duration: {baseline.duration_months} months (chronic: more than three months).")
        else:
            out.print(f"[yellow]{rules.not_chronic_message(baseline.duration_months)}[/]")
    if baseline.goals:
        out.print("Goals: " + "; ".join(baseline.goals))
    out.print("Next: choose your plan with `paintrack plan --list`, then `paintrack plan --add ID`.")


def print_update_summary(
    update: Assessment, baseline: Assessment | None, previous: Assessment | None, due: date | None
) -> None:
    out = console()
    _red_flags_first(update)
    out.print(f"[bold]Update recorded[/] for {update.date}.")
    out.print(_scores_table(update))
    for label, before in (("baseline", baseline), ("previous assessment", previous)):
        if before is None or before is update or (label != "baseline" and before is baseline):
            continue
        pct = instruments.reduction_pct(before.nrs, update.nrs)
        points = before.nrs - update.nrs
        moved = f"down {points}" if points > 0 else f"up {-points}" if points < 0 else "unchanged,"
        line = f"Since the {label} ({before.date}): pain {before.nrs} → {update.nrs}, {moved} point{'s' if abs(points) != 1 else ''}"
        if pct is not None:
            line += f" ({fmt(pct, digits=1)}% reduction: {instruments.immpact_category(pct).replace('_', ' ')})"
        out.print(line + ".")
    if due is not None:
        out.print(f"Next update due: {due}.")
