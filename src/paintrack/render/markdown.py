"""The report as Markdown: readable as plain text, tidy when rendered (GitHub-flavoured tables)."""

from __future__ import annotations

from paintrack.render import report_text as t

ASSESSMENT_COLUMNS = (
    ("date", "Date", "", 0), ("kind", "Kind", "", 0), ("nrs", "NRS", "", 2),
    ("bpi_severity", "BPI severity", "", 2), ("bpi_interference", "BPI interference", "", 2),
    ("peg", "PEG", "", 2), ("walk_m", "6-min walk (m)", "", 0), ("opioid_mme", "Opioids (MME/day)", "", 1),
    ("pgic", "PGIC", "", 0),
)


def cell(value: object) -> str:
    """Text safe inside a Markdown table cell: pipes, backticks and angle brackets backslash-escaped
    (so user text never becomes a column, code or raw HTML), line breaks folded into spaces."""
    text = str(value).replace("\\", "\\\\")
    for char in "|<>`":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def _table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    align = align or ["---"] * len(header)
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def _value(assessment: dict, key: str, digits: int) -> str:
    value = assessment.get(key)
    return value if key in ("date", "kind") and value else t.fmt(value, digits=digits)


def _inline(text: object) -> str:
    """paintrack's own wording outside a table: one line, angle brackets and pipes escaped,
    backticks kept (they mark commands as code)."""
    return cell(text).replace("\\`", "`")


def _diary(section: object) -> list[str]:
    """"What goes with better days": weekly mean pain and the associations in words."""
    from paintrack import diary

    if not isinstance(section, dict) or not section.get("days"):
        return []
    out = [f"## {diary.HEADING}", "", f"Pain diary: {section.get('days')} days."]
    weekly = section.get("weekly_mean_pain") or []
    if weekly:
        out += [""] + _table(["Week of", "Mean pain"], [[w.get("week_start") or t.GAP, t.fmt(w.get("mean"))] for w in weekly],
                             ["---", "--:"])
    items = [a for a in section.get("associations") or [] if isinstance(a, dict)]
    try:
        lines = diary.association_lines({"associations": items})
    except (KeyError, TypeError):  # a hand-made report without every association field
        lines = [t.association_text(a) for a in items]
    if lines:
        out += ["", diary.INTRO, ""] + [f"- {cell(line)}" for line in lines]
    return out + [""]


def _evidence(report: dict) -> list[str]:
    """The evidence sheet: counts per category, then every entry."""
    entries = [x for x in report.get("evidence") or [] if isinstance(x, dict)]
    if not entries:
        return []
    counts = report.get("evidence_counts")
    if not isinstance(counts, dict):
        counts = {}
        for x in entries:
            counts[x.get("category") or "other"] = counts.get(x.get("category") or "other", 0) + 1
    out = [f"## Evidence sheet: {len(entries)} observation{'' if len(entries) == 1 else 's'}", "",
           "By category: " + " · ".join(f"{cell(c)} {n}" for c, n in counts.items()) + ".", ""]
    out += _table(["Date", "Category", "What happened"],
                  [[x.get("date") or t.GAP, x.get("category") or "", x.get("text") or ""] for x in entries])
    out += ["", "Patterns that suggest learned (neuroplastic) pain, to discuss with a clinician; not a diagnosis.", ""]
    return out


def _aspects(section: object) -> list[str]:
    """The latest four-aspect reflection: ratings, the aspects to emphasise and their techniques."""
    from paintrack import aspects

    if not isinstance(section, dict):
        return []
    ratings = section.get("ratings") or {}
    out = [f"## Four-aspect reflection ({section.get('date') or t.GAP})", "",
           "Ratings 0–10: " + " · ".join(f"{a.name.lower()} {t.fmt(ratings.get(a.id), digits=0)}"
                                         for a in aspects.ASPECTS) + ".", ""]
    focus = [aspects.BY_ID[i] for i in section.get("emphasis") or [] if i in aspects.BY_ID]
    if focus:
        out.append("Emphasise:")
        out.append("")
        out += [f"- **{a.name}** ({t.fmt(ratings.get(a.id), digits=0)}): {'; '.join(a.techniques)}" for a in focus]
    else:
        out.append(f"No aspect is rated {aspects.EMPHASIS_THRESHOLD} or more: none stands out.")
    notes = section.get("notes") or {}
    if notes:
        out.append("")
        out += [f"- {cell(aspects.BY_ID[i].name if i in aspects.BY_ID else i)} note: {cell(text)}" for i, text in notes.items()]
    return out + ["", f"*{aspects.REFLECTION_AID}*", ""]


def render(report: dict, **options: object) -> str:
    """The whole report as one Markdown document (UTF-8 text, '\\n' line endings)."""
    out: list[str] = ["# Pain progress report", ""]
    base, latest = report.get("baseline"), report.get("latest")
    out.append(f"Generated {report.get('generated') or t.GAP} · baseline {t.get(base, 'date') or t.GAP}"
               f" · latest assessment {t.get(latest, 'date') or t.GAP}")
    out.append("")

    # 1. Alerts, red flags first and set apart: they matter more than any number below.
    alerts = t.alerts_red_flags_first(report)
    for alert in (a for a in alerts if a.get("code") == "red_flags"):
        out += [f"> **⚠ {cell(alert.get('message') or 'Red flag reported: seek urgent medical care.')}**", ""]
    out += ["## Alerts", ""]
    if alerts:
        out += [f"- **{cell(a.get('code') or 'alert')}**: {cell(a.get('message') or '')}" for a in alerts]
    else:
        out.append("No alerts.")
    out.append("")

    # 2. Change since the baseline and its IMMPACT category.
    out += ["## Change since baseline", ""]
    change = report.get("change")
    rows = []
    for key, label, unit, digits in t.KEY_SCORES:
        change_key, suffix = t.CHANGE_FOR.get(key, (None, ""))
        moved = t.signed_change(t.get(change, change_key), suffix) if change_key else t.GAP
        rows.append([label, t.fmt(t.get(base, key), unit, digits), t.fmt(t.get(latest, key), unit, digits), moved])
    out += _table(["Measure", "Baseline", "Latest", "Change"], rows, ["---", "--:", "--:", "--:"])
    out += ["", t.KEY_SCORES_NOTE, ""]
    sentence = t.immpact_sentence(report)
    out.append(sentence or "No update since the baseline yet: the change shows after the first update.")
    if pgic := t.pgic_text(report):
        out += ["", pgic]
    out.append("")

    # 3. Expected vs actual.
    out += ["## Expected vs actual", ""]
    expected = t.expected_sentence(report)
    out.append(expected or "No plan chosen yet, so there is no expected range to compare with.")
    if full := t.full_effect_sentence(report):
        out += ["", full]
    out.append("")

    # 4. Every assessment.
    out += ["## Assessments", ""]
    assessments = report.get("assessments") or []
    if assessments:
        out += _table(
            [label for _, label, _, _ in ASSESSMENT_COLUMNS],
            [[_value(a, key, digits) for key, _, _, digits in ASSESSMENT_COLUMNS] for a in assessments],
            ["---", "---"] + ["--:"] * (len(ASSESSMENT_COLUMNS) - 2),
        )
        out.append("")
        out.append("NRS: average pain over the last 7 days. BPI severity: mean of worst, least, average, now. "
                   "BPI interference: mean of at least 4 of 7 items. PEG: mean of pain, enjoyment, activity. "
                   f"{t.GAP} = not measured.")
    else:
        out.append("No assessments yet.")
    out.append("")

    # 5. The plan.
    plan = report.get("plan")
    if plan:
        out += ["## Plan", "", f"Started {plan.get('start') or t.GAP}.", ""]
        modalities = plan.get("modalities") or []
        if modalities:
            out += _table(["Therapy", "Started", "Expected at full effect"],
                          [[m.get("name") or m.get("id") or "?", m.get("start") or t.GAP, t.modality_range(m)]
                           for m in modalities])
        else:
            out.append("No therapies chosen yet.")
        out.append("")

    # 6. Diary, evidence sheet and four-aspect reflection, when the journal has them.
    out += _diary(report.get("diary"))
    out += _evidence(report)
    out += _aspects(report.get("aspects"))

    # 7. Next date and the not-medical-advice line.
    out += ["## Next", ""]
    due = report.get("next_update_due")
    out.append(f"Next update due: {due}." if due else "Next update due: record a baseline first.")
    steps = [step for step in report.get("schedule_next") or [] if isinstance(step, dict)]
    if steps:
        out += ["", "Next in the schedule:", ""]
        for step in steps:
            when = step.get("date") or t.GAP
            if step.get("end"):
                when += f" – {step['end']}"
            # the schedule's own wording (schedule.py), `paintrack …` kept as code
            detail = f": {_inline(step['detail'])}" if step.get("detail") else ""
            out.append(f"- **{when}** {_inline(step.get('title') or '')}{detail}")
    out += ["", f"*{cell(t.disclaimer(report))}*", ""]
    return "\n".join(out)
