"""The pain chart of the HTML and PDF report: a small SVG drawn here, with no library.

Why no library: the page must be self-contained and print with no network; a chart needs a date
axis, a 0–10 axis, a line with a dot per assessment, the baseline, the expected band and the
range at full effect, which is a hundred lines of plain SVG.

Print sizes are exact: the SVG is as wide as its viewBox in points (`width="262pt"` for a
viewBox 262 wide), so a label of font-size 8.5 prints at 8.5 pt; nothing scales it.

Date ticks are chosen for the span (days, weeks, months, years): the finest step whose labels
keep a gap between them; the year goes on a second row (at the first tick and each January).
Labels are measured with Arial's advance widths (the page's font; Helvetica and Liberation Sans
share them), so no two overlap.

The expected band: the report gives the expected range at the latest assessment (`expected`) and
at full effect (`full_effect`). The band runs from the plan start, where the plan has had no
effect yet (the baseline NRS), straight to the projected range at the latest assessment; the range
at full effect is a bar at the right edge. Between its two ends the straight band approximates
each therapy's own time course; at both ends it is exact.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from paintrack.domain.report import Report
from paintrack.render import words
from paintrack.render.terminal import clean

HEIGHT = 132.0  # points
FONT = 8.5  # points: every label of the chart
LEFT, TOP = 20.0, 8.0
BOTTOM_ONE_ROW, BOTTOM_TWO_ROWS = 16.0, 27.0
RIGHT_PLAIN, RIGHT_FULL_EFFECT = 10.0, 44.0
LABEL_GAP = 5.0  # points between two date labels, at least
NRS_MAX = 10

# Arial's advance widths, in thousandths of an em, for printable ASCII (32-126); others 600.
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
BOLD = 1.09  # Arial Bold is about this much wider, on average


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` in points, set in Arial at `size` points."""
    units = sum(_ASCII_WIDTHS[o - 32] if 32 <= (o := ord(c)) <= 126 else 600 for c in text)
    return units * size / 1000 * (BOLD if bold else 1.0)


@dataclass(frozen=True, slots=True)
class Tick:
    """One date tick on the chart's axis."""
    day: date
    label: str
    year: str | None  # the second row's label at this tick, if any


def _month_add(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _ticks_for(first: date, last: date, unit: str, step: int) -> list[Tick]:
    """Ticks from `first` to `last` every `step` days, weeks (Mondays), months (the 1st) or
    years (1 January)."""
    days: list[date] = []
    if unit in ("day", "week"):
        stride = step * (7 if unit == "week" else 1)
        d = first + timedelta(days=(-first.weekday()) % 7) if unit == "week" else first
        while d <= last:
            days.append(d)
            d += timedelta(days=stride)
    elif unit == "month":
        d = date(first.year, first.month, 1)
        if d < first:
            d = _month_add(d, 1)
        while (d.month - 1) % step:
            d = _month_add(d, 1)
        while d <= last:
            days.append(d)
            d = _month_add(d, step)
    else:
        y = first.year + (first != date(first.year, 1, 1))
        y += (-y) % step
        while date(y, 1, 1) <= last:
            days.append(date(y, 1, 1))
            y += step
    ticks = []
    for i, d in enumerate(days):
        if unit == "year":
            ticks.append(Tick(d, str(d.year), None))
            continue
        label = f"{d.day} {calendar.month_abbr[d.month]}" if unit in ("day", "week") else calendar.month_abbr[d.month]
        new_year = i == 0 or d.year != days[i - 1].year
        ticks.append(Tick(d, label, str(d.year) if new_year else None))
    return ticks


CANDIDATES = (("day", 1), ("day", 2), ("day", 3), ("week", 1), ("week", 2), ("month", 1), ("month", 2),
              ("month", 3), ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 25))


def _fits(xs: list[float], labels: list[str], low: float, high: float) -> bool:
    """Labels centred on xs: inside [low, high], and LABEL_GAP apart at least."""
    widths = [text_width(label, FONT) for label in labels]
    for i, (x, w) in enumerate(zip(xs, widths, strict=True)):
        if x - w / 2 < low or x + w / 2 > high:
            return False
        if i and xs[i - 1] + widths[i - 1] / 2 + LABEL_GAP > x - w / 2:
            return False
    return True


@dataclass(frozen=True, slots=True)
class Scale:
    """The chart's date and pain axes mapped to the drawing's coordinates."""
    first: date
    last: date
    left: float
    right: float
    top: float
    bottom: float

    def x(self, day: date) -> float:
        span = (self.last - self.first).days
        if span <= 0:
            return (self.left + self.right) / 2
        return self.left + (self.right - self.left) * (day - self.first).days / span

    def y(self, nrs: float) -> float:
        nrs = min(NRS_MAX, max(0.0, nrs))
        return self.top + (self.bottom - self.top) * (1 - nrs / NRS_MAX)


def choose_ticks(first: date, last: date, left: float, right: float, width: float) -> list[Tick]:
    """The finest date ticks whose labels (and year labels) fit between `left` and `right` of
    the plot and keep apart; at least two when the span allows, else the first date alone."""
    scale = Scale(first, last, left, right, 0, 1)
    for unit, step in CANDIDATES:
        ticks = _ticks_for(first, last, unit, step)
        if len(ticks) < 2:
            continue
        xs = [scale.x(t.day) for t in ticks]
        ticks = [t for t, x in zip(ticks, xs, strict=True)
                 if x - text_width(t.label, FONT) / 2 >= 0 and x + text_width(t.label, FONT) / 2 <= width]
        if len(ticks) < 2:
            continue
        xs = [scale.x(t.day) for t in ticks]
        if not _fits(xs, [t.label for t in ticks], 0, width):
            continue
        return _years_apart(ticks, scale, width)
    return [Tick(first, f"{first.day} {calendar.month_abbr[first.month]}", str(first.year))]


def _years_apart(ticks: list[Tick], scale: Scale, width: float) -> list[Tick]:
    """Drop a year label that would touch the next one (the later, a January, is kept)."""
    out = list(ticks)
    marked = [i for i, t in enumerate(out) if t.year]
    for a, b in zip(marked, marked[1:], strict=False):
        xa, xb = scale.x(out[a].day), scale.x(out[b].day)
        wa, wb = text_width(out[a].year or "", FONT), text_width(out[b].year or "", FONT)
        if xa + wa / 2 + LABEL_GAP > xb - wb / 2:
            out[a] = Tick(out[a].day, out[a].label, None)
    for i, t in enumerate(out):
        if t.year:
            w = text_width(t.year, FONT)
            x = scale.x(t.day)
            if x - w / 2 < 0 or x + w / 2 > width:
                out[i] = Tick(t.day, t.label, None)
    return out


def _n(value: float) -> str:
    return f"{value:.1f}"


def _text(x: float, y: float, body: str, anchor: str = "middle", css: str = "label") -> str:
    return (f'<text class="{css}" x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}">'
            f"{escape(clean(body))}</text>")


def nrs_chart(report: Report, width: float = 262.0) -> str:
    """The chart as SVG markup, `width` points wide and HEIGHT high."""
    rows = report.assessments
    points = [(r.date, float(r.nrs)) for r in rows]
    weekly = [(w.week_start + timedelta(days=3), w.mean) for w in report.diary.weekly_mean_pain]
    band_start = report.plan.start if report.plan is not None and report.expected is not None else None
    days = [d for d, _ in points] + [d for d, _ in weekly] + ([band_start] if band_start else [])
    first, last = min(days), max(days)
    pad = timedelta(days=max(1, round((last - first).days * 0.03)))
    first, last = first - pad, last + pad
    right = width - (RIGHT_FULL_EFFECT if report.full_effect is not None else RIGHT_PLAIN)
    probe = choose_ticks(first, last, LEFT, right, width)
    two_rows = any(t.year for t in probe)
    bottom = HEIGHT - (BOTTOM_TWO_ROWS if two_rows else BOTTOM_ONE_ROW)
    scale = Scale(first, last, LEFT, right, TOP, bottom)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{_n(width)}pt" '
        f'height="{_n(HEIGHT)}pt" viewBox="0 0 {_n(width)} {_n(HEIGHT)}" font-family="Arial, \'Liberation Sans\', '
        f'Helvetica, sans-serif" font-size="{FONT}">',
        f"<title>{escape(words.CHART_TITLE)}</title>",
    ]
    for tick in range(0, NRS_MAX + 1, 2):
        y = scale.y(tick)
        parts.append(f'<line class="grid" x1="{_n(LEFT)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}"/>')
        parts.append(_text(LEFT - 4, y + FONT * 0.35, str(tick), "end", "label y"))
    for t in probe:
        x = scale.x(t.day)
        parts.append(f'<line class="tick" x1="{_n(x)}" y1="{_n(bottom)}" x2="{_n(x)}" y2="{_n(bottom + 3)}"/>')
        parts.append(_text(x, bottom + 3 + FONT, t.label, css="label x"))
        if t.year:
            parts.append(_text(x, bottom + 3 + 2.2 * FONT, t.year, css="label year"))
    if band_start is not None and report.expected is not None:
        xs, xe = scale.x(band_start), scale.x(max(band_start, report.latest.date))
        e = report.expected
        parts.append(
            f'<polygon class="expected-band" points="{_n(xs)},{_n(scale.y(report.baseline.nrs))} '
            f'{_n(xe)},{_n(scale.y(e.projected_nrs_low))} {_n(xe)},{_n(scale.y(e.projected_nrs_high))}">'
            f"<title>expected range at {report.latest.date}: NRS "
            f"{escape(words.nrs_range(e.projected_nrs_low, e.projected_nrs_high))}</title></polygon>"
        )
    if report.full_effect is not None:
        f = report.full_effect
        x = right + 8
        y1, y2 = scale.y(max(f.projected_nrs_low, f.projected_nrs_high)), scale.y(min(f.projected_nrs_low, f.projected_nrs_high))
        if y2 - y1 < 3:
            y1, y2 = (y1 + y2) / 2 - 1.5, (y1 + y2) / 2 + 1.5
        top_line, bottom_line = words.CHART_FULL_EFFECT
        label_y = min(max(y1 + FONT * 0.35, TOP + FONT), bottom - FONT * 1.2)
        parts.append(
            f'<g class="full-effect"><rect x="{_n(x - 2.5)}" y="{_n(y1)}" width="5" height="{_n(y2 - y1)}">'
            f"<title>at full effect: NRS {escape(words.nrs_range(f.projected_nrs_low, f.projected_nrs_high))}</title>"
            f"</rect>{_text(x + 5, label_y, top_line, 'start', 'label full')}"
            f"{_text(x + 5, label_y + FONT * 1.15, bottom_line, 'start', 'label full')}</g>"
        )
    y = scale.y(report.baseline.nrs)
    parts.append(f'<line class="baseline" x1="{_n(LEFT)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}"/>')
    label_y = y - 3 if y - 3 - FONT > TOP else y + FONT + 2
    base_label = f"{words.CHART_BASELINE} {report.baseline.nrs}"
    w = text_width(base_label, FONT)
    on_top = (f'<rect class="halo" x="{_n(right - 3 - w)}" y="{_n(label_y - FONT * 0.8)}" width="{_n(w + 2)}" '
              f'height="{_n(FONT)}"/>' + _text(right - 2, label_y, base_label, "end", "label base"))
    if len(weekly) > 1:
        coords = " ".join(f"{_n(scale.x(d))},{_n(scale.y(v))}" for d, v in weekly)
        parts.append(f'<polyline class="diary" points="{coords}"/>')
    if len(points) > 1:
        coords = " ".join(f"{_n(scale.x(d))},{_n(scale.y(v))}" for d, v in points)
        parts.append(f'<polyline class="nrs" points="{coords}"/>')
    for d, v in points:
        parts.append(f'<circle class="nrs-point" cx="{_n(scale.x(d))}" cy="{_n(scale.y(v))}" r="2.6">'
                     f"<title>{d}: NRS {v:.0f}</title></circle>")
    parts.append(on_top)  # the baseline's label, over the lines
    parts.append(f'<line class="axis" x1="{_n(LEFT)}" y1="{_n(bottom)}" x2="{_n(right)}" y2="{_n(bottom)}"/></svg>')
    return "".join(parts)


CSS = """
svg.chart { display: block; overflow: visible; }
svg.chart .label { fill: #333; }
svg.chart .halo { fill: #fff; fill-opacity: 0.85; }
svg.chart .grid { stroke: #e3e3e3; stroke-width: 0.6; }
svg.chart .axis, svg.chart .tick { stroke: #777; stroke-width: 0.7; }
svg.chart .expected-band { fill: #7fb3e0; fill-opacity: 0.4; stroke: #3b7dbf; stroke-width: 0.6; }
svg.chart .full-effect rect { fill: #3b7dbf; fill-opacity: 0.7; }
svg.chart .label.full { fill: #1f4e79; }
svg.chart .baseline { stroke: #b35900; stroke-width: 1.1; stroke-dasharray: 4 3; }
svg.chart .label.base { fill: #8a4500; }
svg.chart .diary { fill: none; stroke: #9a9a9a; stroke-width: 0.9; }
svg.chart .nrs { fill: none; stroke: #111; stroke-width: 1.4; }
svg.chart .nrs-point { fill: #111; }
"""
