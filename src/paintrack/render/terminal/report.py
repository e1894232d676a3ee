"""The progress report on a terminal (`--format rich`), drawn with rich from the typed report.

Order: a self-harm answer and urgent red flags first, boxed; who and when; the assessments and
their trends; the change since baseline with exactly what was met; expected vs actual; the other
alerts and the red flags' states; goals, adherence, side effects, notes; the diary, the
evidence sheet, the four aspects; the next dates; the disclaimer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from paintrack.domain.report import AlertItem, Report
from paintrack.render import words
from paintrack.render.terminal import make_console, text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

BARS = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 36
TABLE_ROWS = 13  # the baseline and the latest 12 updates
GAP = "·"


def sparkline(values: Sequence[float | None], low: float | None = None, high: float | None = None) -> str:
    """One bar per value, ▁ (low) … █ (high); a missing value is '·'. The scale is low…high
    when given (0…10 for pain scores, so halved pain halves the bar), else the values' range."""
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
            out.append(BARS[round((min(max(v, lo), hi) - lo) / (hi - lo) * (len(BARS) - 1))])
    return "".join(out)


def resample(values: Sequence[float | None], width: int = SPARK_WIDTH) -> list[float | None]:
    """At most `width` values: a longer series is cut into equal runs, each shown by its mean."""
    if len(values) <= width:
        return list(values)
    out: list[float | None] = []
    for i in range(width):
        run = [v for v in values[i * len(values) // width:(i + 1) * len(values) // width] if v is not None]
        out.append(sum(run) / len(run) if run else None)
    return out


def _heading(title: str, detail: str = "") -> RenderableType:
    from rich.text import Text

    line = Text(title, style="bold")
    if detail:
        line.append(text(detail))
    return line


def _bullet(message: str, style: str = "yellow") -> RenderableType:
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, style=style)
    grid.add_column(overflow="fold")
    grid.add_row("•", text(message))
    return grid


def _assessments(report: Report) -> RenderableType:
    from rich import box
    from rich.table import Table

    rows = report.assessments
    flagged = any(r.red_flag_screen.positive or r.red_flag_screen.how == "not_asked" for r in rows)
    table = Table(title="Assessments", title_justify="left", title_style="italic", box=box.SIMPLE_HEAD,
                  pad_edge=False, show_edge=False, caption_justify="left", padding=(0, 1), collapse_padding=True)
    columns = [("Date", "left"), ("", "left"), ("NRS", "right"), ("Sev", "right"), ("Int", "right"),
               ("PEG", "right"), ("Walk", "right"), ("MME", "right"), ("PHQ9", "right"), ("GAD7", "right"),
               ("PGIC", "right")]
    if flagged:
        columns.append(("Flag", "left"))
    for heading, justify in columns:
        table.add_column(heading, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    caption = ("Sev, Int: BPI pain severity and interference (0-10); Walk: six-minute walk, metres; "
               "MME: opioid dose, MME/day." + (" Flag: RED a red flag reported, ? screen not asked." if flagged else ""))
    if len(rows) > TABLE_ROWS:
        caption += f" {len(rows) - TABLE_ROWS} earlier updates not shown; `paintrack list` shows them all."
        rows = rows[:1] + rows[-(TABLE_ROWS - 1):]
    table.caption = caption
    for r in rows:
        flags = ""
        if r.red_flag_screen.positive:
            flags = "RED"
        elif r.red_flag_screen.how == "not_asked":
            flags = "?"
        cells: list[RenderableType] = [
            r.date.isoformat(), r.kind, str(r.nrs), words.num(r.bpi_severity, "score"),
            words.num(r.bpi_interference, "score"), words.num(r.peg, "peg"), words.num(r.walk_m, "walk"),
            words.num(r.opioid_mme, "mme"), words.num(r.phq9), words.num(r.gad7), words.num(r.pgic),
        ]
        if flagged:
            cells.append(text(flags, "bold red" if flags == "RED" else "dim"))
        table.add_row(*cells)
    return table


def _trends(report: Report) -> list[str]:
    rows = report.assessments
    series = (
        ("Pain (NRS)", [r.nrs for r in rows], 0, 10, "nrs_int", ""),
        ("BPI interference", [r.bpi_interference for r in rows], 0, 10, "score", ""),
        ("Six-minute walk", [r.walk_m for r in rows], None, None, "walk", "m"),
        ("Opioid dose", [r.opioid_mme for r in rows], 0, None, "mme", "MME/day"),
        ("Goals (PSFS)", [r.psfs for r in rows], 0, 10, "score", ""),
    )
    lines = []
    for label, values, low, high, kind, unit in series:
        present = [v for v in values if v is not None]
        if len(present) < 2:
            continue
        ends = f"{words.num(present[0], kind)} → {words.num(present[-1], kind, unit)}"
        lines.append(f"  {label:<17} {sparkline(resample(values), low, high)}  {ends}")
    return lines


def renderables(report: Report) -> list[RenderableType]:
    """The report as rich renderables, in order."""
    from rich.panel import Panel
    from rich.text import Text

    out: list[RenderableType] = []
    # 1. a self-harm answer, then the active red flags (urgent ones, then prompt ones), boxed
    for alert in report.alerts:
        if _first(alert):
            urgent = alert.level == "urgent"
            out.append(Panel(text(alert.message), title="URGENT" if urgent else "SEE A DOCTOR SOON",
                             border_style="bold red" if urgent else "bold yellow", title_align="center"))
    # 2. who and when
    head = Text(words.HEADLINE, style="bold")
    head.append(f" (generated {report.generated})")
    out.append(head)
    patient = words.patient_line(report)
    if patient:
        out.append(text(patient))
    out.append(text(f"Baseline {report.baseline.date} · latest assessment {report.latest.date} · "
                    f"next update due {report.next_update_due}"))
    out.append(text(words.duration_line(report)))
    # 3. assessments and trends
    out.append(Text())
    out.append(_assessments(report))
    unscreened = [r.date.isoformat() for r in report.assessments if r.red_flag_screen.how == "not_asked"]
    if unscreened:
        dates = ", ".join(unscreened) if len(unscreened) <= 4 else (
            f"{len(unscreened)} assessments, the latest {unscreened[-1]}")
        out.append(text(f"  Red-flag screen not asked on {dates} (not the same as no red flags).", "dim"))
    trends = _trends(report)
    if trends:
        out.append(_heading("Trends", " (first → latest)"))
        out += [text(line) for line in trends]
    known = [f"{dict((k, lbl) for k, lbl, *_ in words.KEY_SCORES)[name]} {words.num(k.value, _kind(name))} "
             f"(on {k.date})" for name, k in report.last_known]
    if known:
        out.append(text("  Last known where the latest assessment lacks it: " + "; ".join(known)))
    # 4. change since baseline
    out.append(Text())
    out.append(_heading("Change since baseline", f" ({report.baseline.date} → {report.latest.date})"))
    out.append(text("  " + words.change_sentence(report)))
    if report.change is not None:
        out.append(text("  " + words.other_changes(report.change)))
    for badge in words.badges(report):
        out.append(text("  ★ " + badge, "bold green"))
    note = words.reversal_note(report)
    if note:
        out.append(text("  " + note, "dim"))
    pgic = words.pgic_sentence(report)
    if pgic:
        out.append(text("  " + pgic))
    # 5. expected vs actual
    out.append(Text())
    out.append(_heading("Expected vs actual"))
    out.append(text("  " + words.expected_sentence(report)))
    full = words.full_effect_sentence(report)
    if full:
        out.append(text("  " + full))
    plan = words.plan_line(report)
    if plan:
        out.append(text("  " + plan))
    if report.plan is not None:
        untested = words.untested_sentence(report.plan.untested_combination)
        if untested:
            out.append(text("  " + untested, "dim"))
        out.append(text("  " + report.plan.caveat, "dim"))
    # 6. the other alerts, the red flags' states
    others = [a for a in report.alerts if not _first(a)]
    if others:
        out.append(Text())
        out.append(_heading("Alerts"))
        out += [_bullet(a.message, "bold yellow" if a.level == "soon" else "yellow") for a in others]
    past = words.past_flags_line(report)
    if past:
        out.append(text("  " + past))
    # 7. goals, adherence, side effects, notes
    out += _context(report)
    # 8. diary, evidence, aspects
    out += _diary(report)
    if report.evidence:
        counts = ", ".join(f"{c} {n}" for c, n in report.evidence_counts)
        out.append(Text())
        out.append(_heading("Evidence sheet", f": {len(report.evidence)} observation"
                            f"{'s' if len(report.evidence) != 1 else ''} ({counts}); `paintrack evidence` lists them"))
        out.append(text("  " + report.evidence_caveat, "dim"))
    if report.aspects is not None and report.aspects.emphasis:
        out.append(Text())
        out.append(_heading("Four-aspect reflection", f" ({report.aspects.date}): emphasise "
                            + ", ".join(report.aspects.emphasis) + " (a reflection aid, not a scored instrument)"))
    # 9. next dates, disclaimer
    coming = [s for s in report.schedule_next if s.kind != "re-measure"]  # one next-update date: above
    if coming:
        out.append(Text())
        out.append(_heading("Next in the schedule"))
        for s in coming:
            when = s.date.isoformat() + (f" – {s.end}" if s.end else "")
            out.append(text(f"  {when}  {s.title}" + (f": {s.detail}" if s.detail else "")))
    out.append(Text())
    out.append(text(report.disclaimer, "dim"))
    return out


def _first(alert: AlertItem) -> bool:
    """Shown boxed before everything else: urgent alerts and every active red flag."""
    return alert.level == "urgent" or alert.code == "red_flags"


def _kind(name: str) -> str:
    return next(kind for k, _, _, kind in words.KEY_SCORES if k == name)


def _context(report: Report) -> list[RenderableType]:
    from rich.text import Text

    out: list[RenderableType] = []
    lines = []
    for g in report.goals:
        rated = [f"{words.num(r.ability)} ({r.date})" for r in g.ratings if r.ability is not None]
        lines.append(f"  Goal: {g.goal}: " + (" → ".join(rated) if rated else "not rated yet"))
    if report.adherence:
        last = report.adherence[-1]
        sessions = "session" if last.exercise_sessions == 1 else "sessions"
        lines.append(f"  Adherence at {last.date}: graded exercise {words.num(last.exercise_sessions)} {sessions}/week, "
                     f"mindfulness {words.num(last.mindfulness_min)} min/week")
    for s in report.side_effects[-3:]:
        lines.append(f"  Side effects {s.date}: " + ", ".join(s.effects))
    for n in report.notes:
        lines.append(f"  Note ({n.source}, {n.date}): {n.text}")
    if lines:
        out.append(Text())
        out.append(_heading("Goals, adherence and notes"))
        out += [text(line) for line in lines]
    return out


def _diary(report: Report) -> list[RenderableType]:
    from rich.text import Text

    d = report.diary
    if not d.days:
        return []
    out: list[RenderableType] = [Text(), _heading(words.WHAT_GOES_WITH, f" (diary: {d.days} days)")]
    weekly = [w.mean for w in d.weekly_mean_pain]
    if len(weekly) > 1:
        out.append(text(f"  Weekly mean pain  {sparkline(resample(weekly), 0, 10)}  "
                        f"{words.num(weekly[0], 'nrs')} → {words.num(weekly[-1], 'nrs')}"))
    else:
        out.append(text(f"  Weekly mean pain  {words.num(weekly[0], 'nrs')}"))
    for a in d.associations:
        out.append(_bullet(words.association_sentence(a, d.min_paired_days), "dim"))
    out.append(text("  " + words.diary_caveat(d), "dim"))
    return out


def show(report: Report, console: Console) -> None:
    for part in renderables(report):
        console.print(part)


def render(report: Report, width: int = 80) -> str:
    """The terminal report as plain text (`-o report.txt`, `-o -`)."""
    buffer = io.StringIO()
    show(report, make_console(file=buffer, width=width, force_plain=True))
    return buffer.getvalue()
