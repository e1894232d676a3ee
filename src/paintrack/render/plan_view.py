"""Rich output for `paintrack plan`: the catalogue, the plan, its expected outcome and schedule.

Numbers are rounded here, half up (3.85 → 3.9), the way a reader rounds by hand: percentages to
at most one decimal, projected pain to one decimal.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from rich.table import Table

from paintrack import projection, schedule
from paintrack.catalogue import Modality
from paintrack.planning import Outcome
from paintrack.projection import Range
from paintrack.render.report_text import span
from paintrack.render.terminal import NOT_MEDICAL_ADVICE, console

if TYPE_CHECKING:  # the models and the snapshot both fit
    from paintrack.models import Plan

NO_ESTIMATE = "no estimate"
BASELINE_HINT = (
    "These are reductions relative to your starting pain. Record a baseline (`paintrack baseline`) "
    "to turn them into projected pain scores."
)


def _half_up(value: float, digits: int) -> Decimal:
    # round(…, 9) first so that binary noise (7 × 0.55 = 3.8499999…) does not decide the rounding
    exact = Decimal(repr(round(value, 9)))
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def percent(fraction: float) -> str:
    """0.45 → '45', 0.825 → '82.5' (at most one decimal, half up)."""
    text = f"{_half_up(fraction * 100, 1):f}"
    return text[:-2] if text.endswith(".0") else text


def nrs(value: float) -> str:
    """A projected pain score to one decimal, half up."""
    return f"{_half_up(value, 1):f}"


def reduction_range(r: Range) -> str:
    return f"{span(percent(r.low), percent(r.high))}%"


def nrs_range(r: Range) -> str:
    return span(nrs(r.low), nrs(r.high))


def modality_range(m: Modality) -> str:
    if not m.has_estimate:
        return NO_ESTIMATE
    if m.reduction_low == m.reduction_high:
        return f"{percent(m.reduction_low)}% (one figure)"
    return f"{percent(m.reduction_low)}–{percent(m.reduction_high)}%"


def _weeks(weeks: float) -> str:
    return f"{weeks:g} wk"


def time_course(m: Modality, start: date | None = None) -> str:
    """'onset ~4 wk; full effect 26 wk (2026-07-06); wanes after ~26 wk' — or 'no estimate'."""
    parts = []
    if m.onset_weeks is not None:
        parts.append(f"onset ~{_weeks(m.onset_weeks)}")
    if m.full_effect_weeks is not None:
        full = f"full effect {_weeks(m.full_effect_weeks)}"
        if start is not None:
            full += f" ({schedule.full_effect_date(m, start)})"
        parts.append(full)
    if m.wanes_after_weeks is not None:
        parts.append(f"wanes after ~{_weeks(m.wanes_after_weeks)}")
    return "; ".join(parts) or NO_ESTIMATE


def print_catalogue(catalogue: Mapping[str, Modality], has_baseline: bool = True) -> None:
    out = console()
    table = Table(title="Modality catalogue (data/modalities.toml)", show_lines=True, header_style="bold", expand=True)
    table.add_column("Modality", ratio=2, min_width=15, overflow="fold")
    table.add_column("Reduction at full effect · evidence · time course", ratio=3)
    table.add_column("Sources", ratio=5)
    for m in catalogue.values():
        sources = "\n".join(f"• {s}" for s in m.sources)
        table.add_row(
            f"[bold]{m.id}[/]\n{m.name}\n[dim]{m.category}[/]",
            f"[bold]{modality_range(m)}[/]\nEvidence: {m.evidence}\nTime course: {time_course(m)}",
            sources,
        )
    out.print(table)
    out.print(
        "Reductions are fractions of the baseline pain; where the sources give no figure there is "
        f"{NO_ESTIMATE}. Add one with `paintrack plan --add ID`."
    )
    if not has_baseline:
        out.print(BASELINE_HINT)


def print_plan(
    plan: Plan | None,
    catalogue: Mapping[str, Modality],
    outcome: Outcome,
    steps: list[schedule.Step],
    changes: list[str] = (),
) -> None:
    out = console()
    for line in changes:
        out.print(line)
    if plan is None:
        out.print("[bold]No plan yet.[/] Choose from the catalogue with `paintrack plan --add ID`.")
        return
    out.print(f"[bold]Your plan[/] (from {plan.start}; graded exercise starts at {plan.exercise_start_min} min/day)")

    # 1. the chosen modalities
    table = Table(header_style="bold", box=None, pad_edge=False, expand=True)
    table.add_column("Modality", ratio=3, overflow="fold")
    table.add_column("Start", no_wrap=True)
    table.add_column("Reduction", ratio=2)
    table.add_column("Evidence", ratio=3)
    table.add_column("Time course", ratio=4)
    for item in plan.modalities:
        m = catalogue.get(item.id)
        if m is None:
            table.add_row(item.id, str(item.start), NO_ESTIMATE, "not in the catalogue", NO_ESTIMATE)
            continue
        table.add_row(m.name, str(item.start), modality_range(m), m.evidence, time_course(m, item.start))
    out.print(table)

    # 2. the combined expected outcome, now and at full effect
    out.print()
    _print_outcome(outcome, catalogue)

    # 3. the seed's steps as a dated schedule
    out.print()
    out.print("[bold]Schedule[/] (the 8-step plan of the source article, dated)")
    out.print(_schedule_table(steps))
    out.print(NOT_MEDICAL_ADVICE)


def _print_outcome(o: Outcome, catalogue: Mapping[str, Modality]) -> None:
    out = console()
    out.print("[bold]Expected outcome[/] (a range, never a promise)")
    if o.expected_full is None:
        out.print(f"Combined expected reduction: {NO_ESTIMATE} (no chosen modality has a published figure).")
    else:
        rows = [(f"now ({o.now}, {o.now_label})", o.expected_now, o.projected_now)]
        rows.append((f"at full effect ({o.full_effect_date})", o.expected_full, o.projected_full))
        table = Table(header_style="bold", box=None, pad_edge=False)
        table.add_column("When")
        table.add_column("Combined reduction")
        if o.baseline_nrs is not None:
            table.add_column(f"Projected pain (baseline {o.baseline_nrs}/10)")
        for label, reduction, projected in rows:
            cells = [label, reduction_range(reduction)]
            if o.baseline_nrs is not None:
                cells.append(f"{nrs_range(projected)} /10")
            table.add_row(*cells)
        out.print(table)
        out.print(projection.COMBINATION_EXPLAINED)
    for modality_id in o.no_estimate:
        out.print(f"{catalogue[modality_id].name}: {NO_ESTIMATE}; not counted in the combined range.")
    for modality_id in o.unknown:
        out.print(f"{modality_id}: not in the catalogue; not counted.")
    if o.baseline_nrs is None:
        out.print(BASELINE_HINT)
    else:
        out.print("Projected pain = baseline × (1 − reduction).")


def _schedule_table(steps: list[schedule.Step]) -> Table:
    table = Table(header_style="bold", box=None, pad_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Step", justify="right")
    table.add_column("What")
    remeasures = [s for s in steps if s.kind == "re-measure"]
    shown_remeasure = False
    for s in steps:
        if s.kind == "re-measure":
            if shown_remeasure:
                continue
            shown_remeasure = True
            dates = ", ".join(str(r.date) for r in remeasures)
            table.add_row(str(s.date), str(s.seed_step), f"Re-measure every 4 weeks (`paintrack update`): {dates}")
            continue
        when = f"{s.date} – {s.end}" if s.end and s.kind in ("module", "advanced-check") else str(s.date)
        what = s.title + (f": {s.detail}" if s.detail else "")
        table.add_row(when, str(s.seed_step), what if s.in_plan else f"[dim]{what}[/]")
    return table
