"""The report as one self-contained, printable HTML page.

No network: no external fonts, scripts, style sheets or images; the chart is inline SVG. It
prints on one A4 or Letter page (@page margins, @media print rules, compact type). Every text
that comes from the journal or the report is escaped with `html.escape`.
"""

from __future__ import annotations

from datetime import date
from html import escape

from paintrack.render import chart
from paintrack.render import report_text as t

STYLE = """
@page { margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; color: #111;
       max-width: 190mm; margin: 0 auto; padding: 6mm 0; line-height: 1.3; }
h1 { font-size: 16pt; margin: 0 0 2pt; }
h2 { font-size: 11.5pt; margin: 9pt 0 3pt; border-bottom: 1px solid #bbb; padding-bottom: 1pt; }
p { margin: 3pt 0; }
.dates { color: #333; margin-bottom: 4pt; }
.red-flag { border: 2.5pt solid #b00000; background: #fde8e8; color: #7a0000; font-weight: bold;
            padding: 5pt 8pt; margin: 5pt 0; font-size: 11.5pt; }
ul.alerts { margin: 2pt 0; padding-left: 14pt; }
ul.alerts li.red_flags { color: #7a0000; font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border-bottom: 1px solid #ddd; padding: 2pt 4pt; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 1.5px solid #555; }
.chart { display: block; width: 100%; height: auto; max-height: 72mm; }
.legend { font-size: 8.5pt; color: #444; }
.columns { display: flex; gap: 8mm; }
.columns > section { flex: 1; min-width: 0; }
.columns > section:first-child { flex: 0 0 auto; }
.next { font-weight: bold; }
table.plan td, table.plan th { text-align: left; }
.disclaimer { font-style: italic; color: #333; margin-top: 8pt; font-size: 9pt; }
@media print {
  body { padding: 0; max-width: none; font-size: 9pt; line-height: 1.25; }
  h1 { font-size: 14pt; }
  h2 { font-size: 10pt; margin: 6pt 0 2pt; }
  table { font-size: 8.5pt; }
  .chart { max-height: 50mm; }
  ul.alerts { font-size: 8.5pt; }
  th, td { padding: 1pt 4pt; }
  .red-flag { font-size: 10pt; padding: 4pt 6pt; }
  h2 { break-after: avoid; }
  table, .chart, .red-flag { break-inside: avoid; }
  .red-flag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def e(value: object) -> str:
    return escape(str(value), quote=True)


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def chart_for(report: dict) -> str:
    """The NRS chart with the baseline line and, with a plan, the expected band (see `chart`)."""
    points = [(d, a.get("nrs")) for a in report.get("assessments") or [] if (d := _date(a.get("date")))]
    baseline_nrs = t.get(report.get("baseline"), "nrs")
    band = None
    expected, latest = report.get("expected"), report.get("latest")
    start = _date(t.get(report.get("plan"), "start")) or _date(t.get(report.get("baseline"), "date"))
    end = _date(t.get(latest, "date"))
    lows = (t.get(expected, "projected_nrs_low"), t.get(expected, "projected_nrs_high"))
    if start and end and baseline_nrs is not None and None not in lows:
        band = chart.Band(start, max(start, end), baseline_nrs, lows[0], lows[1])
    full = report.get("full_effect")
    full_range = None
    if t.get(full, "projected_nrs_low") is not None and t.get(full, "projected_nrs_high") is not None:
        full_range = (full["projected_nrs_low"], full["projected_nrs_high"])
    return chart.nrs_chart(points, baseline_nrs, band, full_range)


def _key_scores(report: dict) -> str:
    base, latest, change = report.get("baseline"), report.get("latest"), report.get("change")
    rows = []
    for key, label, unit, digits in t.KEY_SCORES:
        change_key, suffix = t.CHANGE_FOR.get(key, (None, ""))
        moved = t.signed_change(t.get(change, change_key), suffix) if change_key else t.GAP
        rows.append(f"<tr><td>{e(label)}</td><td>{e(t.fmt(t.get(base, key), unit, digits))}</td>"
                    f"<td>{e(t.fmt(t.get(latest, key), unit, digits))}</td><td>{e(moved)}</td></tr>")
    return ("<table class=\"key-scores\"><thead><tr><th>Measure</th><th>Baseline</th><th>Latest</th>"
            "<th>Change</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
            f'<p class="legend">{e(t.KEY_SCORES_NOTE)}</p>')


def _alerts(report: dict) -> str:
    alerts = t.alerts_red_flags_first(report)
    parts = [f'<div class="red-flag" role="alert">⚠ {e(a.get("message") or "Red flag reported: seek urgent medical care.")}</div>'
             for a in alerts if a.get("code") == "red_flags"]
    others = [a for a in alerts if a.get("code") != "red_flags"]
    if others:
        parts.append('<ul class="alerts">' + "".join(
            f'<li class="{e(a.get("code") or "alert")}">{e(a.get("message") or a.get("code") or "")}</li>' for a in others
        ) + "</ul>")
    return "".join(parts) or "<p>No alerts.</p>"


def _plan_started(report: dict) -> str:
    start = t.get(report.get("plan"), "start")
    return f", started {start}" if start else ""


def _plan(report: dict) -> str:
    plan = report.get("plan")
    if not plan:
        return "<p>No plan chosen yet.</p>"
    rows = "".join(f"<tr><td>{e(m.get('name') or m.get('id') or '?')}</td><td>{e(m.get('start') or t.GAP)}</td>"
                   f"<td>{e(t.modality_range(m).removesuffix(' at full effect'))}</td></tr>"
                   for m in plan.get("modalities") or [])
    table = ('<table class="plan"><thead><tr><th>Therapy</th><th>From</th><th>At full effect</th></tr></thead>'
             f"<tbody>{rows}</tbody></table>") if rows else "<p>No therapies chosen yet.</p>"
    return table


def render(report: dict, **options: object) -> str:
    base, latest = report.get("baseline"), report.get("latest")
    n = len(report.get("assessments") or [])
    sentence = t.immpact_sentence(report) or "No update since the baseline yet: the change shows after the first update."
    expected = t.expected_sentence(report) or "No plan chosen yet, so there is no expected range to compare with."
    full = t.full_effect_sentence(report)
    pgic = t.pgic_text(report)
    due = report.get("next_update_due")
    band_note = (" Shaded: expected range, from the plan start to the latest assessment; bar: range at full effect."
                 if report.get("expected") else "")
    body = [
        "<header>",
        "<h1>Pain progress report</h1>",
        f'<p class="dates">Generated {e(report.get("generated") or t.GAP)} · baseline '
        f'{e(t.get(base, "date") or t.GAP)} · latest assessment {e(t.get(latest, "date") or t.GAP)} · '
        f'{n} assessment{"" if n == 1 else "s"}</p>',
        f'<p class="next">Next update due: {e(due)}</p>' if due else "<p class=\"next\">Next update due: after the baseline.</p>",
        "</header>",
        '<section class="alerts-section"><h2>Alerts</h2>', _alerts(report), "</section>",
        '<section><h2>Pain over time</h2>', chart_for(report),
        f'<p class="legend">Dots: pain (NRS) at each assessment. Dashed: baseline.{e(band_note)}</p>',
        "</section>",
        '<div class="columns"><section><h2>Key scores</h2>', _key_scores(report), "</section>",
        "<section><h2>Change and expectation</h2>",
        f"<p>{e(sentence)}</p>",
        f"<p>{e(pgic)}</p>" if pgic else "",
        f"<p>{e(expected)}</p>",
        f"<p>{e(full)}</p>" if full else "",
        "</section></div>",
        f"<section><h2>Plan{e(_plan_started(report))}</h2>", _plan(report), "</section>",
        f'<p class="disclaimer">{e(t.disclaimer(report))}</p>',
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>Pain progress report {e(report.get('generated') or '')}</title>"
        f"<style>{STYLE}</style></head><body>\n" + "\n".join(p for p in body if p) + "\n</body></html>\n"
    )
