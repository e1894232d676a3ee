"""The progress report on a terminal (the `rich` format), drawn from the report data.

Order: red-flag alerts first and prominent; the assessments over time; sparklines; the change
since baseline with its IMMPACT reading and badges; the global impression; expected vs actual;
the other alerts; the diary, evidence sheet and four aspects; the next due date and the plan
schedule's next dates; the not-medical-advice line. Everything fits 80 columns.
Colour only on a terminal without NO_COLOR (rich decides); otherwise plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from paintrack.instruments import PGIC_LABELS

BARS = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 36  # bars at most, so a sparkline and its end values fit 80 columns
TABLE_ROWS = 13  # the assessment table shows the baseline and the latest 12 updates
GAP = "·"


def sparkline(values: Sequence[float | None], low: float | None = None, high: float | None = None) -> str:
    """One bar per value, ▁ (low) … █ (high); a missing value is '·'.

    The scale is `low`…`high` when given (0…10 for pain scores, so halving pain halves the
    bar), else the smallest…largest value present. All values equal on a free scale: ▄.
    """
    present = [v for v in values if v is not None]
    if not present:
        return GAP * len(values)
    lo = min(present) if low is None else low
    hi = max(present) if high is None else high
    out = []
    for v in values:
        if v is None:
            out.append(GAP)
        elif hi <= lo:
            out.append(BARS[3])
        else:
            level = round((min(max(v, lo), hi) - lo) / (hi - lo) * (len(BARS) - 1))
            out.append(BARS[level])
    return "".join(out)


def resample(values: Sequence[float | None], width: int = SPARK_WIDTH) -> list[float | None]:
    """At most `width` values: a longer series is cut into `width` equal runs, each shown by its
    mean (gaps ignored; a run of gaps stays a gap), so a decade still fits one line."""
    if len(values) <= width:
        return list(values)
    out: list[float | None] = []
    for i in range(width):
        run = [v for v in values[i * len(values) // width:(i + 1) * len(values) // width] if v is not None]
        out.append(sum(run) / len(run) if run else None)
    return out


def _f(value: Any, digits: int = 2, unit: str = "") -> str:
    from paintrack.render.report_text import fmt

    return fmt(value, unit, digits)


def _span(low: float | None, high: float | None, digits: int) -> str:
    """'20–46.7', or one figure when both ends read the same (see report_text.span)."""
    from paintrack.render.report_text import span

    return span(_f(low, digits), _f(high, digits))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{_f(value, 1)}%"


def _less(pct: float | None) -> str:
    """A reduction in words: '25% less', '10% more', 'unchanged', or '—' when unknown."""
    if pct is None:
        return "—"
    if pct == 0:
        return "unchanged"
    return f"{_f(abs(pct), 1)}% {'less' if pct > 0 else 'more'}"


IMMPACT_WORDS = {
    "substantial": "substantial (≥ 50% less pain)",
    "moderate": "moderate (30–49% less pain)",
    "minimal": "minimal (10–29% less pain)",
    "no_change": "no change (within ±10%)",
    "worse": "worse (≥ 10% more pain)",
}
STATUS_WORDS = {
    "ahead": "ahead of the expected range",
    "on_track": "within the expected range",
    "behind": "behind the expected range",
    "no_plan": "no expectation to compare with (no plan, or no estimate for its therapies)",
    "no_update": "no update yet",
}


def assessments_table(report: dict[str, Any]):
    from rich.table import Table

    table = Table(title="Assessments", title_justify="left", header_style="bold", box=None, pad_edge=False)
    for name, justify in (("Date", "left"), ("", "left"), ("NRS", "right"), ("BPI sev", "right"),
                          ("BPI int", "right"), ("PEG", "right"), ("Walk m", "right"),
                          ("MME/d", "right"), ("PGIC", "right"), ("Flag", "left")):
        table.add_column(name, justify=justify, no_wrap=True)
    rows = report["assessments"]
    if len(rows) > TABLE_ROWS:
        table.caption = f"{len(rows) - TABLE_ROWS} earlier updates not shown; `--format csv` has them all"
        table.caption_justify = "left"
        rows = rows[:1] + rows[-(TABLE_ROWS - 1):]
    for a in rows:
        table.add_row(
            a["date"],
            "baseline" if a["kind"] == "baseline" else "update",
            _f(a["nrs"]),
            _f(a["bpi_severity"]),
            _f(a["bpi_interference"]),
            _f(a["peg"]),
            _f(a["walk_m"], 0),
            _f(a["opioid_mme"], 1),
            _f(a["pgic"], 0),
            "[bold red]RED[/]" if a["red_flags"] else "",
        )
    return table


def trends(report: dict[str, Any]) -> list[str]:
    rows = report["assessments"]
    series = (
        ("Pain (NRS)", "nrs", 0, 10, 2, ""),
        ("BPI severity", "bpi_severity", 0, 10, 2, ""),
        ("BPI interference", "bpi_interference", 0, 10, 2, ""),
        ("Six-minute walk", "walk_m", None, None, 0, "m"),
        ("Opioid dose", "opioid_mme", 0, None, 1, "MME/day"),
    )
    lines = []
    for label, key, low, high, digits, unit in series:
        values = [r[key] for r in rows]
        present = [v for v in values if v is not None]
        if not present:
            continue
        ends = f"{_f(present[0], digits)} → {_f(present[-1], digits, unit)}" if len(present) > 1 else _f(present[0], digits, unit)
        lines.append(f"  {label:<17} {sparkline(resample(values), low, high)}  {ends}")
    return lines


def change_lines(report: dict[str, Any]) -> list[str]:
    c = report["change"]
    if c is None:
        return ["No update yet: record one with `paintrack update` four weeks after the baseline."]
    b, l = report["baseline"], report["latest"]
    points = c["nrs_reduction_points"]
    moved = f"down {points}" if points > 0 else f"up {-points}" if points < 0 else "unchanged,"
    lines = [f"Pain {b['nrs']} → {l['nrs']}: {moved} point{'s' if abs(points) != 1 else ''}, {_pct(c['nrs_reduction_pct'])} reduction"]
    if report["immpact"]:
        lines.append(f"IMMPACT: {IMMPACT_WORDS[report['immpact']]}")
    badges = []
    if report["reversal"]:
        badges.append("[bold green]★ REVERSAL (≥ 50% less pain)[/]")
    if report["pain_free_or_nearly"]:
        badges.append("[bold green]★ PAIN-FREE OR NEARLY (NRS ≤ 1)[/]")
    if badges:
        lines.append("  ".join(badges))
    lines.append(
        f"BPI severity {_less(c['bpi_severity_reduction_pct'])} · BPI interference "
        f"{_less(c['bpi_interference_reduction_pct'])}"
    )
    gain = c["walk_m_gain"]
    walk = "—" if gain is None else "unchanged" if gain == 0 else f"{'+' if gain > 0 else '−'}{_f(abs(gain), 1)} m"
    lines.append(f"Six-minute walk {walk} · opioid dose {_less(c['opioid_mme_reduction_pct'])}")
    return lines


def expected_lines(report: dict[str, Any]) -> list[str]:
    e, full = report["expected"], report["full_effect"]
    if e is None:
        return ["No expected range: there is no plan, or no estimate for its therapies (see `paintrack plan`)."]
    latest = report["latest"]["date"]
    lines = [
        f"Expected by {latest}: {_span(e['reduction_pct_low'], e['reduction_pct_high'], 1)}% less pain, "
        f"NRS {_span(e['projected_nrs_low'], e['projected_nrs_high'], 1)}",
    ]
    if report["change"] is not None:
        lines.append(f"Actual: {_less(report['change']['nrs_reduction_pct'])}, NRS {report['latest']['nrs']} — "
                     f"{STATUS_WORDS[report['status']]}")
    if full is not None:
        lines.append(
            f"At full effect: {_span(full['reduction_pct_low'], full['reduction_pct_high'], 1)}% less pain, "
            f"NRS {_span(full['projected_nrs_low'], full['projected_nrs_high'], 1)} (a range, not a promise)"
        )
    return lines


def plan_line(plan: dict[str, Any]) -> str:
    parts = []
    for m in plan["modalities"]:
        if m["reduction_low"] is None:
            parts.append(f"{m['name']} (no estimate)")
        else:
            parts.append(f"{m['name']} ({_span(100 * m['reduction_low'], 100 * m['reduction_high'], 0)}%)")
    return f"Plan since {plan['start']}: " + ("; ".join(parts) or "no therapies chosen yet")


def diary_lines(section: dict[str, Any] | None) -> list[str]:
    """"What goes with better days": the weekly mean pain and each association, in words."""
    from rich.markup import escape

    from paintrack import diary

    if not section or not section["days"]:
        return []
    weekly = [w["mean"] for w in section["weekly_mean_pain"]]
    lines = ["", f"[bold]{diary.HEADING}[/] (diary: {section['days']} days)"]
    lines.append(f"  Weekly mean pain  {sparkline(resample(weekly), 0, 10)}  "
                 f"{_f(weekly[0], 1)} → {_f(weekly[-1], 1)}" if len(weekly) > 1 else
                 f"  Weekly mean pain  {_f(weekly[0], 1)}")
    lines += ["  " + escape(line) for line in diary.association_lines(section)]
    lines.append(f"  [dim]{escape(diary.INTRO)}[/]")
    return lines


def schedule_table(steps: list[dict[str, Any]]):
    """The schedule's next dates as a two-column grid (date, what), wrapped within the width;
    None when there are none."""
    from rich.markup import escape
    from rich.table import Table

    if not steps:
        return None
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for step in steps:
        when = step["date"] + (f" – {step['end']}" if step.get("end") else "")
        what = step["title"] + (f": {step['detail']}" if step.get("detail") else "")
        grid.add_row("  " + when, escape(what))
    return grid


def print_report(report: dict[str, Any], console=None) -> None:
    """Print the report; `console` defaults to stdout (tests pass one of a fixed width)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.panel import Panel

    out = console or Console(highlight=False)
    urgent = [a for a in report["alerts"] if a["code"] == "red_flags"]
    others = [a for a in report["alerts"] if a["code"] != "red_flags"]
    # 1. red flags first
    for alert in urgent:
        out.print(Panel(f"[bold]{escape(alert['message'])}[/]", title="URGENT", border_style="bold red", style="red"))
    b, l = report["baseline"], report["latest"]
    out.print(f"[bold]Pain progress report[/] (generated {report['generated']})")
    out.print(f"Baseline {b['date']} · latest assessment {l['date']}")
    # 2. assessments over time, sparklines
    out.print()
    out.print(assessments_table(report))
    lines = trends(report)
    if len(report["assessments"]) > 1 and lines:
        out.print()
        out.print("[bold]Trends[/] (first → latest)")
        for line in lines:
            out.print(line)
    # 3. change since baseline, IMMPACT, badges
    out.print()
    out.print(f"[bold]Change since baseline[/] ({b['date']} → {l['date']})")
    for line in change_lines(report):
        out.print("  " + line)
    # 4. global impression
    if l.get("pgic") is not None:
        out.print(f"  Global impression (PGIC): {l['pgic']} {PGIC_LABELS[l['pgic']]}"
                  f" — IMMPACT: {report['pgic_immpact']}")
    # 5. expected vs actual
    out.print()
    out.print("[bold]Expected vs actual[/]")
    for line in expected_lines(report):
        out.print("  " + line)
    if report["plan"] is not None:
        out.print("  " + escape(plan_line(report["plan"])))
    # 6. the other alerts
    if others:
        out.print()
        out.print("[bold yellow]Alerts[/]")
        for alert in others:
            out.print(f"  [yellow]•[/] {escape(alert['message'])}")
    # 7. the diary, the evidence sheet, the four aspects
    for line in diary_lines(report.get("diary")):
        out.print(line)
    evidence = report.get("evidence") or []
    if evidence:
        out.print()
        counts = report.get("evidence_counts") or {}
        per = f" ({escape(', '.join(f'{c} {n}' for c, n in counts.items()))})" if counts else ""
        out.print(f"[bold]Evidence sheet[/]: {len(evidence)} observation{'s' if len(evidence) != 1 else ''}{per} "
                  "that suggest learned (neuroplastic) pain — `paintrack evidence` lists them")
    focus = (report.get("aspects") or {}).get("emphasis") or []
    if focus:
        out.print()
        out.print(f"[bold]Four-aspect reflection[/] ({report['aspects']['date']}): emphasise "
                  + ", ".join(focus) + " (a reflection aid, not a scored instrument)")
    # 8. next due, not medical advice
    out.print()
    out.print(f"Next update due: [bold]{report['next_update_due']}[/]")
    coming = schedule_table(report.get("schedule_next") or [])
    if coming is not None:
        out.print("Next in the schedule:")
        out.print(coming)
    out.print(f"[dim]{escape(report['disclaimer'])}[/]")
