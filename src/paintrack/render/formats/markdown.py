"""The report as Markdown (`--format markdown`): the whole report, nothing shortened, readable
as plain text and tidy when rendered (GitHub-flavoured tables).

Order as on the terminal: a self-harm answer and active red flags first (URGENT), then whose
report and its dates, the key scores, every assessment, the change and exactly what was met,
expected vs actual beside the comparators, the alerts, goals, adherence, side effects and notes,
the diary, the evidence sheet, the four aspects, the schedule, the disclaimer once.

User text (goals, locations, notes, evidence, the patient's name) can become neither a link, an
image, raw HTML, code nor a table column: every Markdown-active character is backslash-escaped
(`[x](javascript:…)` shows as typed), '://' and 'www.' are broken up so that no autolink forms,
and line breaks fold into spaces. paintrack's own wording keeps its `commands` as code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from paintrack.domain.report import Report
from paintrack.render import words
from paintrack.render.terminal import clean

_ACTIVE = re.compile(r"([\\`*_\[\]<>|~&$@])")
_AUTOLINK = re.compile(r"(?i)(://|\bwww\.)")


def md(text: object, strip: bool = True) -> str:
    """User text, inert in Markdown: one line; backslash, backtick, emphasis, brackets (links and
    images), angle brackets (HTML, autolinks), pipes (table columns), tildes, '&' (entities), '$'
    (maths) and '@' (e-mail autolinks) escaped; '://' and 'www.' broken up (no autolink)."""
    line = clean(re.sub(r"\s+", " ", str(text)))
    line = _ACTIVE.sub(r"\\\1", line)
    line = _AUTOLINK.sub(lambda m: ":\\/\\/" if m.group(1) == "://" else m.group(1)[:3] + "\\.", line)
    return line.strip() if strip else line


def ours(text: str) -> str:
    """paintrack's own wording: inert like user text, except `commands` between backticks stay code."""
    parts = text.split("`")
    return "".join(f"`{p}`" if i % 2 else md(p, strip=False) for i, p in enumerate(parts)).strip()


def table(head: tuple[str, ...], rows: Sequence[tuple[str, ...]], right: set[int] | None = None) -> list[str]:
    """A GitHub table; cells already escaped by the caller (`md` or `ours`)."""
    right = right or set()
    align = ["--:" if i in right else "---" for i in range(len(head))]
    return (["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
            + ["| " + " | ".join(r) + " |" for r in rows])


def urgent(report: Report) -> list[str]:
    first = sorted((a for a in report.alerts if a.level == "urgent" or a.code == "red_flags"),
                   key=lambda a: (a.code != "self_harm", a.code != "red_flags", a.level != "urgent"))
    out = []
    for a in first:
        label = words.URGENT if a.level == "urgent" else words.LEVEL[a.level]
        out += [f"> **{md(label)}: {ours(a.message)}**", ""]
    return out


def header(report: Report) -> list[str]:
    out = [f"# {md(words.HEADLINE)}", ""]
    patient = words.patient_line(report)
    if patient:
        out += [f"**{md(patient)}**", ""]
    out += [md(words.header_line(report)) + "  ", f"**{md(words.next_update_line(report))}**  ",
            md(words.duration_line(report) + "."), ""]
    return out


def key_scores(report: Report) -> list[str]:
    rows = [tuple(md(c) for c in r) for r in words.key_score_rows(report)]
    out = [f"## {md(words.KEY_SCORES_TITLE)}", ""]
    out += table(tuple(md(h) for h in words.KEY_SCORES_HEAD), rows, {1, 2, 3})
    out += ["", md(words.SCORES_NOTE)]
    if report.last_known:
        out += ["", md(words.LAST_KNOWN_NOTE)]
    return out + [""]


def assessments(report: Report) -> list[str]:
    rows = []
    for r in report.assessments:
        flags = words.screen_cell(r.red_flag_screen.positive, r.red_flag_screen.how)
        rows.append(tuple(md(c) for c in (
            str(r.date), r.kind, words.num(r.nrs, "nrs_int"), words.num(r.bpi_severity, "score"),
            words.num(r.bpi_interference, "score"), words.num(r.peg, "peg"), words.num(r.walk_m, "walk"),
            words.num(r.opioid_mme, "mme"), words.num(r.phq9), words.num(r.gad7), words.num(r.psfs, "score"),
            words.num(r.pgic), flags)))
    return [f"## {md(words.ASSESSMENTS_TITLE)}", ""] + table(
        tuple(md(h) for h in words.ASSESSMENTS_HEAD), rows, set(range(2, 12))) + [""]


def change(report: Report) -> list[str]:
    out = [f"## {md(words.CHANGE_TITLE)}", "", ours(words.change_sentence(report))]  # the rest: key scores
    badges = words.badges(report)
    if badges:
        out += [""] + [f"- **★ {ours(b)}**" for b in badges]
    for line in (words.reversal_note(report), words.pgic_sentence(report)):
        if line:
            out += ["", ours(line)]
    return out + [""]


def expected(report: Report) -> list[str]:
    out = [f"## {md(words.EXPECTED_TITLE)}", "", ours(words.expected_sentence(report))]
    full = words.full_effect_sentence(report)
    if full:
        out += ["", ours(full)]
    if report.plan is not None:
        rows = [(md(words.therapy_name(m)), md(str(m.start)),
                 md(words.modality_range(m)), md(words.modality_certainty(m))) for m in report.plan.modalities]
        out += ["", md(words.plan_since(report.plan.start)), ""]
        out += table(tuple(md(h) for h in words.PLAN_HEAD), rows)
        untested = words.untested_sentence(report.plan.untested_combination)
        if untested:
            out += ["", ours(untested)]
        out += ["", f"*{ours(report.plan.caveat)}*"]
    return out + [""]


def alerts(report: Report) -> list[str]:
    others = [a for a in report.alerts if a.level != "urgent" and a.code != "red_flags"]
    past = words.past_flags_line(report)
    if not others and not past:
        return []
    out = [f"## {md(words.ALERTS_TITLE)}", ""]
    out += [f"- **{md(words.LEVEL[a.level])}**: {ours(a.message)}" for a in others]
    if past:
        out += ["", md(past)]
    return out + [""]


def context(report: Report) -> list[str]:
    out: list[str] = []
    if report.goals:
        out += [f"### {md(words.GOALS_TITLE)}", ""]
        out += [f"- {md(words.goal_line(g.goal, [(r.date, r.ability) for r in g.ratings]))}" for g in report.goals]
        out.append("")
    adherence = words.adherence_lines(report)
    if adherence:
        out += [f"### {md(words.ADHERENCE_TITLE)}", ""] + [f"- {md(line)}" for line in adherence] + [""]
    if report.side_effects:
        out += [f"### {md(words.SIDE_EFFECTS_TITLE)}", ""]
        out += [f"- {md(words.side_effect_line(s.date, s.effects))}" for s in report.side_effects] + [""]
    if report.notes:
        out += [f"### {md(words.NOTES_TITLE)}", ""]
        out += [f"- {md(words.note_line(n.date, n.source, n.text))}" for n in report.notes] + [""]
    return ([f"## {md(words.CONTEXT_TITLE)}", ""] + out) if out else []


def diary(report: Report) -> list[str]:
    d = report.diary
    if not d.days:
        return []
    out = [f"## {md(words.WHAT_GOES_WITH)}", "", md(words.weekly_pain_line(d)), ""]
    out += [f"- {ours(words.association_sentence(a, d.min_paired_days))}" for a in d.associations]
    return out + ["", f"*{ours(words.diary_caveat(d))}*", ""]


def evidence(report: Report) -> list[str]:
    if not report.evidence:
        return []
    out = [f"## {md(words.EVIDENCE_TITLE)}", "", md(words.evidence_counts_line(report)), ""]
    out += table(tuple(md(h) for h in words.EVIDENCE_HEAD),
                 [(str(x.number), md(str(x.date)), md(x.category), md(x.text)) for x in report.evidence], {0})
    return out + ["", f"*{md(report.evidence_caveat)}*", ""]


def aspects(report: Report) -> list[str]:
    line = words.aspects_line(report)
    if not line or report.aspects is None:
        return []
    out = [f"## {md(words.ASPECTS_TITLE)}", "", md(line)]
    if report.aspects.notes:
        out += [""] + [f"- {md(words.ASPECT_NAMES.get(k, k))}: {md(t)}" for k, t in report.aspects.notes]
    return out + [""]


def schedule(report: Report) -> list[str]:
    steps = [s for s in report.schedule_next if s.kind != "re-measure"]  # the one next-update date is above
    if not steps:
        return []
    return [f"## {md(words.SCHEDULE_TITLE)}", ""] + [
        f"- {ours(words.step_line(s.date, s.end, s.title, s.detail))}" for s in steps] + [""]


def render(report: Report, **_: object) -> str:
    """The whole report as one Markdown document (UTF-8, '\\n' line ends)."""
    out: list[str] = []
    for part in (urgent, header, key_scores, assessments, change, expected, alerts, context, diary, evidence,
                 aspects, schedule):
        out += part(report)
    out += [f"*{md(report.disclaimer)}*", ""]
    return "\n".join(out)
