"""A small, dependency-free SVG line chart of pain (NRS 0–10) over time.

Why not a library: the page must be self-contained and printable with no network. matplotlib is
a large install for one line chart; pygal's SVG links its scripts from a CDN by default. The chart
needs a date axis, a 0–10 axis, a line with a point per assessment, a baseline line and a shaded
band, which is about a hundred lines of plain SVG written here and tested directly.

The expected band: the report gives the expected range only at two moments, the latest assessment
(`expected`) and full effect (`full_effect`, whose date the report does not carry). So the band is
drawn from the plan start, where the plan has had no effect yet (the baseline NRS), straight to
the projected NRS range at the latest assessment; the full-effect range is a bracket at the right
edge. The real expectation ramps each therapy from its own start, so between the two ends the
straight band is an approximation; at both ends it is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH = 680
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 40, 110, 14, 34  # margins: the right one holds the full-effect bracket
NRS_MAX = 10


@dataclass(frozen=True)
class Band:
    """Projected NRS from `start` (no effect yet: low = high = baseline NRS) to `end` (low … high)."""

    start: date
    end: date
    start_nrs: float
    end_low: float
    end_high: float


@dataclass(frozen=True)
class Scale:
    first: date
    last: date

    def x(self, day: date) -> float:
        span = (self.last - self.first).days
        inner = WIDTH - LEFT - RIGHT
        if span <= 0:
            return LEFT + inner / 2
        return LEFT + inner * (day - self.first).days / span

    @staticmethod
    def y(nrs: float) -> float:
        nrs = min(NRS_MAX, max(0.0, nrs))
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - nrs / NRS_MAX)


def _n(value: float) -> str:
    return f"{value:.1f}"


def nrs_chart(
    points: list[tuple[date, float | None]],
    baseline_nrs: float | None = None,
    band: Band | None = None,
    full_effect: tuple[float, float] | None = None,
    title: str = "Pain (NRS, 0–10) over time",
) -> str:
    """SVG markup: one circle per assessment with an NRS, joined by a polyline (gaps skipped)."""
    measured = [(d, v) for d, v in points if v is not None]
    days = [d for d, _ in points] + ([band.start, band.end] if band else [])
    if not days:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}">'
                f'<title>{escape(title)}</title><text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">'
                "No assessments yet</text></svg>")
    scale = Scale(min(days), max(days))
    plot_right = WIDTH - RIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    # Grid and the 0–10 axis.
    for tick in range(0, NRS_MAX + 1, 2):
        y = _n(scale.y(tick))
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y}" x2="{plot_right}" y2="{y}" stroke="#ddd" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y}" dy="4" text-anchor="end" fill="#555">{tick}</text>')
    # Date ticks: the first and last date, and the dates in between when there are few.
    tick_days = sorted({d for d, _ in points}) if len({d for d, _ in points}) <= 8 else [scale.first, scale.last]
    for d in tick_days:
        x = _n(scale.x(d))
        parts.append(f'<text x="{x}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" fill="#555">{d:%d %b}</text>')
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 4}" fill="#555">{scale.first:%Y}</text>')
    if band is not None:
        xs, xe = _n(scale.x(band.start)), _n(scale.x(band.end))
        ys = _n(scale.y(band.start_nrs))
        parts.append(
            f'<polygon class="expected-band" points="{xs},{ys} {xe},{_n(scale.y(band.end_low))} '
            f'{xe},{_n(scale.y(band.end_high))}" fill="#7fb3e0" fill-opacity="0.35" stroke="#3b7dbf" '
            f'stroke-width="1"><title>Expected range (projected NRS)</title></polygon>'
        )
    if full_effect is not None:
        low, high = sorted(full_effect)
        x = plot_right + 14
        y1, y2 = _n(scale.y(high)), _n(scale.y(low))
        parts.append(
            f'<g class="full-effect"><line x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="#3b7dbf" stroke-width="6" '
            f'stroke-opacity="0.6"/><text x="{x + 8}" y="{y1}" dy="4" fill="#1f4e79">at full</text>'
            f'<text x="{x + 8}" y="{y1}" dy="17" fill="#1f4e79">effect</text></g>'
        )
    if baseline_nrs is not None:
        y = _n(scale.y(baseline_nrs))
        parts.append(
            f'<line class="baseline" x1="{LEFT}" y1="{y}" x2="{plot_right}" y2="{y}" stroke="#b35900" '
            f'stroke-width="1.5" stroke-dasharray="6 4"/>'
            f'<text x="{plot_right - 2}" y="{y}" dy="-4" text-anchor="end" fill="#b35900">baseline</text>'
        )
    if measured:
        coords = " ".join(f"{_n(scale.x(d))},{_n(scale.y(v))}" for d, v in measured)
        parts.append(f'<polyline class="nrs" points="{coords}" fill="none" stroke="#222" stroke-width="2"/>')
        for d, v in measured:
            parts.append(
                f'<circle class="nrs-point" cx="{_n(scale.x(d))}" cy="{_n(scale.y(v))}" r="3.5" fill="#222">'
                f"<title>{d.isoformat()}: {v:g}</title></circle>"
            )
    parts.append(
        f'<line x1="{LEFT}" y1="{_n(scale.y(0))}" x2="{plot_right}" y2="{_n(scale.y(0))}" stroke="#888"/>'
        "</svg>"
    )
    return "".join(parts)
