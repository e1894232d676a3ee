"""The report as one self-contained, printable HTML page.

No network: no external fonts, scripts, style sheets or images; the chart is inline SVG. It
prints on one A4 or Letter page (@page margins, @media print rules, compact type). Every text
that comes from the journal or the report is escaped with `html.escape`.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

from paintrack import aspects, diary
from paintrack.render import chart
from paintrack.render import report_text as t

EVIDENCE_SHOWN = 6  # the newest entries the page lists; the Markdown export lists them all
EVIDENCE_CHARS = 160  # of each entry's text on the page (the Markdown export has it whole)
WEEKS_SHOWN = 12  # the newest weeks of the diary's weekly mean pain

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
.columns > section.plan table.plan { width: auto; }
.disclaimer { font-style: italic; color: #333; margin-top: 8pt; font-size: 9pt; }
.small { font-size: 9pt; }
.small h2 { font-size: 10.5pt; }
.small ul { margin: 2pt 0; padding-left: 12pt; }
.small li { margin: 0 0 1pt; }
.extras { columns: 2; column-gap: 8mm; margin-top: 4pt; }
.extras li { break-inside: avoid; }
.extras h2 { margin-top: 4pt; break-after: avoid; }
.extras section.aspects, .extras section.keep { break-inside: avoid; }
.extras section > p:first-of-type { break-before: avoid; }
.muted { color: #444; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.95em; white-space: nowrap; }
.columns.even > section:first-child { flex: 1; }
@media print {
  body { padding: 0; max-width: none; font-size: 8.5pt; line-height: 1.2; }
  h1 { font-size: 14pt; }
  h2 { font-size: 10pt; margin: 5pt 0 2pt; }
  p { margin: 2pt 0; }
  table { font-size: 8pt; }
  .chart { max-height: 40mm; }
  ul.alerts { font-size: 8pt; }
  th, td { padding: 0.6pt 4pt; }
  .red-flag { font-size: 10pt; padding: 4pt 6pt; }
  h2 { break-after: avoid; }
  table, .chart, .red-flag { break-inside: avoid; }
  .red-flag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .small { font-size: 7.5pt; line-height: 1.15; }
  .small h2 { font-size: 9pt; margin: 4pt 0 1pt; }
  .small table { font-size: 7.5pt; }
  .small p { margin: 1pt 0; }
  .columns { gap: 6mm; }
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


def _code(text: str) -> str:
    """Escape `text`, then show `paintrack …` spans (between backticks) as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", e(text))


def _short(day: object) -> str:
    """'2026-09-28' → '28 Sep' (other text unchanged)."""
    d = _date(day)
    return d.strftime("%d %b") if d else str(day or t.GAP)


def opioid_line(report: dict) -> str:
    """The opioid dose at each assessment, oldest first, when any assessment has one."""
    doses = [(a.get("date"), a.get("opioid_mme")) for a in report.get("assessments") or []
             if a.get("opioid_mme") is not None]
    if not doses:
        return ""
    when = _short(doses[0][0]) if len(doses) == 1 else f"{_short(doses[0][0])} – {_short(doses[-1][0])}"
    values = " → ".join(t.fmt(mme, digits=1) for _, mme in doses)
    return f'<p class="opioid legend">Opioid dose (MME/day) at each assessment, {e(when)}: {e(values)}</p>'


def schedule_section(report: dict) -> str:
    """The plan schedule's next dates (report `schedule_next`); '' when none."""
    steps = [s for s in report.get("schedule_next") or [] if isinstance(s, dict)]
    if not steps:
        return ""
    items = []
    for step in steps:
        when = e(step.get("date") or t.GAP)
        if step.get("end"):
            when += f"–{e(step['end'])}"
        detail = f": {_code(step['detail'])}" if step.get("detail") else ""
        items.append(f"<li><b>{when}</b> {e(step.get('title') or '')}{detail}</li>")
    return ('<section class="schedule small"><h2>Next in the schedule</h2><ul>' + "".join(items) + "</ul></section>")


def diary_section(report: dict) -> str:
    """"What goes with better days": weekly mean pain and the associations, worded as
    associations (not causes); '' without diary entries."""
    section = report.get("diary")
    if not isinstance(section, dict) or not section.get("days"):
        return ""
    weekly = [w for w in section.get("weekly_mean_pain") or [] if isinstance(w, dict)]
    parts = [f'<section class="diary small"><h2>{e(diary.HEADING)}</h2>']
    if weekly:
        shown = weekly[-WEEKS_SHOWN:]
        span = _short(shown[0].get("week_start")) if len(shown) == 1 else \
            f"{_short(shown[0].get('week_start'))} – {_short(shown[-1].get('week_start'))}"
        means = " · ".join(t.fmt(w.get("mean"), digits=1) for w in shown)
        earlier = f", the latest {len(shown)} of {len(weekly)}" if len(shown) < len(weekly) else ""
        parts.append(f'<p class="weekly">Weekly mean pain (diary, {e(section["days"])} days; weeks of '
                     f"{e(span)}{e(earlier)}): <b>{e(means)}</b></p>")
    lines = association_lines(section)
    if lines:
        parts.append(f'<p class="not-cause"><b>{e(diary.NOT_CAUSE.capitalize())}.</b> Spearman rank '
                     f"correlations of the diary with pain, from {diary.MIN_PAIRED_DAYS} paired days on: what "
                     "tended to go together, not what causes what.</p>")
        parts.append('<ul class="associations">' + "".join(f"<li>{e(line)}</li>" for line in lines) + "</ul>")
    parts.append("</section>")
    return "".join(parts)


def association_lines(section: dict) -> list[str]:
    """`diary.association_lines` without the "…; this is an association, not proof of cause"
    ending (said once above the list), and the next-day factors with no clear association
    gathered on one line, so the section stays short enough for the one printed page."""
    items = [a for a in section.get("associations") or [] if isinstance(a, dict)]
    try:
        lines = diary.association_lines({"associations": items})
    except (KeyError, TypeError):  # a hand-made report without every association field
        return [t.association_text(a) for a in items]
    flat = [a for a in items if a.get("next_day_n", 0) >= diary.MIN_PAIRED_DAYS
            and a.get("next_day_rho") is not None and diary.strength(a["next_day_rho"]) is None]
    if len(flat) > 1:
        gone = {diary.association_sentence(a, next_day=True) for a in flat}
        lines = [line for line in lines if line not in gone]
        more = {"sleep_hours": "more sleep", "mood": "a better mood", "stress": "more stress",
                "activity_min": "more activity"}
        named = ", ".join(f"{more.get(a['factor'], a['factor'])} (ρ = {diary._rho_text(a['next_day_rho'])})"
                          for a in flat)
        n = min(a["next_day_n"] for a in flat)
        lines.append(f"the next day, pain was about the same after days with {named}: no clear association"
                     f" (n ≥ {n})" if len({a["next_day_n"] for a in flat}) > 1 else
                     f"the next day, pain was about the same after days with {named}: no clear association (n = {n})")
    suffix = f"; {diary.NOT_CAUSE}"
    return [line.removesuffix(suffix) for line in lines]


def _clip(text: str, chars: int = EVIDENCE_CHARS) -> str:
    """At most `chars` characters, cut at a word and marked with '…'."""
    text = " ".join(text.split())
    if len(text) <= chars:
        return text
    return text[:chars].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def evidence_section(report: dict) -> str:
    """The evidence sheet: counts per category and the newest entries; '' when empty."""
    entries = [x for x in report.get("evidence") or [] if isinstance(x, dict)]
    if not entries:
        return ""
    counts = report.get("evidence_counts")
    if not isinstance(counts, dict):
        counts = {}
        for x in entries:
            counts[x.get("category") or "other"] = counts.get(x.get("category") or "other", 0) + 1
    total = len(entries)
    shown = entries[-EVIDENCE_SHOWN:]
    listed = "".join(f"<li><b>{e(x.get('date') or t.GAP)}</b> <i>{e(x.get('category') or '')}</i>: "
                     f"{e(_clip(x.get('text') or ''))}</li>" for x in shown)
    clipped = any(len(" ".join((x.get("text") or "").split())) > EVIDENCE_CHARS for x in shown)
    more = " ".join(([f"The newest {len(shown)} of {total}."] if len(shown) < total else [])
                    + (["Long entries are shortened (…)."] if clipped else []))
    more = f'<p class="muted">{more} The Markdown export lists them all, in full.</p>' if more else ""
    per = " · ".join(f"{e(c)} {e(n)}" for c, n in counts.items())
    keep = " keep" if len(shown) <= 3 else ""  # a short sheet stays in one column
    return (f'<section class="evidence small{keep}"><h2>Evidence sheet: {total} observation{"" if total == 1 else "s"}</h2>'
            f"<p>By category: {per}.</p><ul>{listed}</ul>{more}"
            '<p class="muted">Patterns that suggest learned (neuroplastic) pain, to discuss with a clinician; '
            "not a diagnosis.</p></section>")


def aspects_section(report: dict) -> str:
    """The latest four-aspect reflection: where to put the emphasis, and techniques; '' without one."""
    section = report.get("aspects")
    if not isinstance(section, dict):
        return ""
    ratings = section.get("ratings") or {}
    focus = [aspects.BY_ID[i] for i in section.get("emphasis") or [] if i in aspects.BY_ID]
    rated = " · ".join(f"{a.name.lower()} {e(t.fmt(ratings.get(a.id), digits=0))}" for a in aspects.ASPECTS)
    parts = [f'<section class="aspects small"><h2>Four-aspect reflection ({e(section.get("date") or t.GAP)})</h2>',
             f"<p>Ratings 0–10: {rated}.</p>"]
    if focus:
        parts.append("<ul>" + "".join(
            f"<li><b>{e(a.name)}</b> ({e(t.fmt(ratings.get(a.id), digits=0))}): {_code('; '.join(a.techniques))}</li>"
            for a in focus) + "</ul>")
    else:
        parts.append(f"<p>No aspect is rated {aspects.EMPHASIS_THRESHOLD} or more: none stands out.</p>")
    parts.append(f'<p class="muted">{e(aspects.REFLECTION_AID)}</p></section>')
    return "".join(parts)


def _extras(report: dict) -> str:
    """The sections that only appear with content, flowed in two columns of small type."""
    parts = [diary_section(report), evidence_section(report), aspects_section(report)]
    found = "".join(p for p in parts if p)
    return f'<div class="extras">{found}</div>' if found else ""


def _pair(left: str, right: str, even: bool = True) -> str:
    """Two sections side by side when both have content (`even`: equal widths, else the left
    one as wide as it needs), else the one that has."""
    if left and right:
        return f'<div class="columns{" even" if even else ""}">{left}{right}</div>'
    return left or right


def render(report: dict, **options: object) -> str:
    base, latest = report.get("baseline"), report.get("latest")
    n = len(report.get("assessments") or [])
    sentence = t.immpact_sentence(report) or "No update since the baseline yet: the change shows after the first update."
    expected = t.expected_sentence(report) or "No plan chosen yet, so there is no expected range to compare with."
    full = t.full_effect_sentence(report)
    pgic = t.pgic_text(report)
    due = report.get("next_update_due")
    no_alerts = "" if t.alerts_red_flags_first(report) else " No alerts."
    band_note = (" Shaded: expected range, from the plan start to the latest assessment; bar: range at full effect."
                 if report.get("expected") else "")
    body = [
        "<header>",
        "<h1>Pain progress report</h1>",
        f'<p class="dates">Generated {e(report.get("generated") or t.GAP)} · baseline '
        f'{e(t.get(base, "date") or t.GAP)} · latest assessment {e(t.get(latest, "date") or t.GAP)} · '
        f'{n} assessment{"" if n == 1 else "s"}</p>',
        f'<p class="next">Next update due: {e(due) if due else "after the baseline"}.{no_alerts}</p>',
        "</header>",
        "" if no_alerts else f'<section class="alerts-section"><h2>Alerts</h2>{_alerts(report)}</section>',
        '<section><h2>Pain over time</h2>', chart_for(report),
        f'<p class="legend">Dots: pain (NRS) at each assessment. Dashed: baseline.{e(band_note)}</p>',
        opioid_line(report),
        "</section>",
        '<div class="columns"><section><h2>Key scores</h2>', _key_scores(report), "</section>",
        "<section><h2>Change and expectation</h2>",
        f"<p>{e(sentence)}</p>",
        f"<p>{e(pgic)}</p>" if pgic else "",
        f"<p>{e(expected)}</p>",
        f"<p>{e(full)}</p>" if full else "",
        "</section></div>",
        _pair(f'<section class="plan"><h2>Plan{e(_plan_started(report))}</h2>{_plan(report)}</section>',
              schedule_section(report), even=False),
        _extras(report),
        f'<p class="disclaimer">{e(t.disclaimer(report))}</p>',
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>Pain progress report {e(report.get('generated') or '')}</title>"
        f"<style>{STYLE}</style></head><body>\n" + "\n".join(p for p in body if p) + "\n</body></html>\n"
    )
