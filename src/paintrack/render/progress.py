"""The progress report on a terminal (the `rich` format), drawn from the report data.

Order: red-flag alerts first and prominent; the assessments over time; sparklines; the change
since baseline with its IMMPACT reading and badges; the global impression; expected vs actual;
the other alerts; the diary, evidence sheet and four aspects; the next due date and the plan
schedule's next dates; the not-medical-advice line. Everything fits 80 columns.
Drawn with paintrack.render.ansi, not rich: colour only on a terminal without NO_COLOR,
otherwise plain text; long lines wrap under their own text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from paintrack.instruments import PGIC_LABELS
from paintrack.render.ansi import Part, Screen, cells, styled

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


ASSESSMENT_COLUMNS = (("Date", "left"), ("", "left"), ("NRS", "right"), ("BPI sev", "right"),
                      ("BPI int", "right"), ("PEG", "right"), ("Walk m", "right"), ("MME/d", "right"),
                      ("PGIC", "right"), ("Flag", "left"))


def assessment_rows(report: dict[str, Any]) -> tuple[list[list[Part]], str | None]:
    """The table's rows (the baseline and the latest updates) and its caption when some are left out."""
    rows, caption = report["assessments"], None
    if len(rows) > TABLE_ROWS:
        caption = f"{len(rows) - TABLE_ROWS} earlier updates not shown; `--format csv` has them all"
        rows = rows[:1] + rows[-(TABLE_ROWS - 1):]
    return [
        [
            a["date"],
            "baseline" if a["kind"] == "baseline" else "update",
            _f(a["nrs"]),
            _f(a["bpi_severity"]),
            _f(a["bpi_interference"]),
            _f(a["peg"]),
            _f(a["walk_m"], 0),
            _f(a["opioid_mme"], 1),
            _f(a["pgic"], 0),
            styled("RED", "bold red") if a["red_flags"] else "",
        ]
        for a in rows
    ], caption


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


def change_lines(report: dict[str, Any]) -> list[Part]:
    c = report["change"]
    if c is None:
        return ["No update yet: record one with `paintrack update` four weeks after the baseline."]
    b, l = report["baseline"], report["latest"]
    points = c["nrs_reduction_points"]
    moved = f"down {points}" if points > 0 else f"up {-points}" if points < 0 else "unchanged,"
    lines: list[Part] = [
        f"Pain {b['nrs']} → {l['nrs']}: {moved} point{'s' if abs(points) != 1 else ''}, {_pct(c['nrs_reduction_pct'])} reduction"
    ]
    if report["immpact"]:
        lines.append(f"IMMPACT: {IMMPACT_WORDS[report['immpact']]}")
    badges = []
    if report["reversal"]:
        badges.append("★ REVERSAL (≥ 50% less pain)")
    if report["pain_free_or_nearly"]:
        badges.append("★ PAIN-FREE OR NEARLY (NRS ≤ 1)")
    if badges:
        lines.append(styled("  ".join(badges), "bold green"))
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


def diary_lines(section: dict[str, Any] | None) -> list[tuple[Part, ...]]:
    """"What goes with better days": the weekly mean pain and each association, in words."""
    from paintrack import diary

    if not section or not section["days"]:
        return []
    weekly = [w["mean"] for w in section["weekly_mean_pain"]]
    lines: list[tuple[Part, ...]] = [(), (styled(diary.HEADING, "bold"), f" (diary: {section['days']} days)")]
    if len(weekly) > 1:
        trend = f"{sparkline(resample(weekly), 0, 10)}  {_f(weekly[0], 1)} → {_f(weekly[-1], 1)}"
    else:
        trend = _f(weekly[0], 1)
    lines.append((f"  Weekly mean pain  {trend}",))
    lines += [("  " + line,) for line in diary.association_lines(section)]
    lines.append(("  ", styled(diary.INTRO, "dim")))
    return lines


def schedule_lines(steps: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The schedule's next dates as (when, what) pairs."""
    return [
        (step["date"] + (f" – {step['end']}" if step.get("end") else ""),
         step["title"] + (f": {step['detail']}" if step.get("detail") else ""))
        for step in steps
    ]


def print_report(report: dict[str, Any], screen: Screen | None = None) -> None:
    """Print the report; `screen` defaults to stdout (tests pass one of a fixed width)."""
    out = screen or Screen()
    urgent = [a for a in report["alerts"] if a["code"] == "red_flags"]
    others = [a for a in report["alerts"] if a["code"] != "red_flags"]
    # 1. red flags first
    for alert in urgent:
        out.box("URGENT", alert["message"], "bold red")
    b, l = report["baseline"], report["latest"]
    out.print(styled("Pain progress report", "bold"), f" (generated {report['generated']})")
    out.print(f"Baseline {b['date']} · latest assessment {l['date']}")
    # 2. assessments over time, sparklines
    out.print()
    rows, caption = assessment_rows(report)
    out.table(ASSESSMENT_COLUMNS, rows, title="Assessments", caption=caption)
    lines = trends(report)
    if len(report["assessments"]) > 1 and lines:
        out.print()
        out.print(styled("Trends", "bold"), " (first → latest)")
        for line in lines:
            out.print(line)
    # 3. change since baseline, IMMPACT, badges
    out.print()
    out.print(styled("Change since baseline", "bold"), f" ({b['date']} → {l['date']})")
    for line in change_lines(report):
        out.print("  ", line)
    # 4. global impression
    if l.get("pgic") is not None:
        out.print(f"  Global impression (PGIC): {l['pgic']} {PGIC_LABELS[l['pgic']]}"
                  f" — IMMPACT: {report['pgic_immpact']}")
    # 5. expected vs actual
    out.print()
    out.print(styled("Expected vs actual", "bold"))
    for line in expected_lines(report):
        out.print("  " + line)
    if report["plan"] is not None:
        out.print("  " + plan_line(report["plan"]))
    # 6. the other alerts
    if others:
        out.print()
        out.print(styled("Alerts", "bold yellow"))
        for alert in others:
            out.print("  ", styled("•", "yellow"), " " + alert["message"], hang=4)
    # 7. the diary, the evidence sheet, the four aspects
    for line in diary_lines(report.get("diary")):
        out.print(*line)
    evidence = report.get("evidence") or []
    if evidence:
        out.print()
        counts = report.get("evidence_counts") or {}
        per = f" ({', '.join(f'{c} {n}' for c, n in counts.items())})" if counts else ""
        out.print(styled("Evidence sheet", "bold"), f": {len(evidence)} observation{'s' if len(evidence) != 1 else ''}"
                  f"{per} that suggest learned (neuroplastic) pain — `paintrack evidence` lists them")
    focus = (report.get("aspects") or {}).get("emphasis") or []
    if focus:
        out.print()
        out.print(styled("Four-aspect reflection", "bold"), f" ({report['aspects']['date']}): emphasise "
                  + ", ".join(focus) + " (a reflection aid, not a scored instrument)")
    # 8. next due, not medical advice
    out.print()
    out.print("Next update due: ", styled(report["next_update_due"], "bold"))
    coming = schedule_lines(report.get("schedule_next") or [])
    if coming:
        out.print("Next in the schedule:")
        column = max(cells(when) for when, _ in coming)
        for when, what in coming:
            out.print(f"  {when}{' ' * (column - cells(when))}  {what}", hang=column + 4)
    out.print(styled(report["disclaimer"], "dim"))
