"""`paintrack plan`'s views: the short plan, one line per therapy (`--list`), everything about
one therapy (`--show ID`), the picker, and the four-aspect reflection.

Figures are rounded by `domain.numbers` exactly as the report rounds them, so the plan and every
report format print the same digits.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from paintrack.domain import aspects as aspect_rules
from paintrack.domain import planning, redflags, schedule
from paintrack.domain.catalogue import Catalogue, Modality
from paintrack.domain.numbers import pct, rounded
from paintrack.domain.records import AspectsReflection, Journal
from paintrack.domain.report import GROUP_MEAN_CAVEAT, NOT_MEDICAL_ADVICE
from paintrack.render import words
from paintrack.render.terminal import text
from paintrack.render.terminal.flags import safety_first

if TYPE_CHECKING:
    from rich.console import Console

NO_ESTIMATE = "no estimate"


def modality_range(m: Modality) -> str:
    if not m.has_estimate:
        return NO_ESTIMATE
    return words.fraction_range(m.reduction_low, m.reduction_high)


def trial_figures(m: Modality) -> str:
    """'72% (32% with open-label placebo)', or 'no estimate'."""
    found = modality_range(m)
    if m.has_estimate and m.control_reduction is not None:
        found += f" ({words.fraction_range(m.control_reduction, m.control_reduction)} with {m.control_arm})"
    return found


_TIME_WORDS = re.compile(r"\b(weeks?|months?|years?)\b")


def responders_sentence(m: Modality) -> list[str]:
    """'In the trial, 66 of 100 were pain-free or nearly (0-1/10) after 4 weeks; 20 of 100 with placebo.'"""
    lines = []
    for r in m.responders:
        when = "" if _TIME_WORDS.search(r.definition) else f" after {r.week:g} weeks"  # said once
        line = f"In the trials, {_of100(r.share)} of 100 had {r.definition}{when}"
        if r.control_share is not None:
            line += f"; {_of100(r.control_share)} of 100 with {r.control or 'the comparator'}"
        lines.append(line + ".")
    return lines


def _of100(share: float) -> str:
    return words.num(rounded(100 * share, "walk"), "walk")


def time_course(m: Modality, start: date | None = None) -> str:
    if not m.timecourse:
        return NO_ESTIMATE
    points = ", ".join(f"{share:.0%} at week {week:g}" for week, share in m.timecourse)
    text_ = f"measured: {points}"
    full = m.full_effect_weeks
    if start is not None and full is not None:
        text_ += f"; full effect by {schedule.weeks_later(start, full)}"
    if m.wanes_after_weeks is not None:
        verified = "" if m.verified("wanes_after_weeks") else " (the source article's claim, unverified)"
        text_ += f"; benefit may wane after about {m.wanes_after_weeks:g} weeks{verified}"
    return text_


def catalogue_lines(console: Console, catalogue: Catalogue) -> None:
    """`--list`: one line per therapy, its id whole; the name is shortened to fit, never the id."""
    rows = [("id", "therapy", "effect (control)", "certainty")]
    for m in catalogue.values():
        rows.append((m.id, m.name, trial_figures(m), m.certainty or "—"))
    wide = [max(len(r[i]) for r in rows) for i in range(4)]
    name_width = max(8, min(wide[1], console.width - wide[0] - wide[2] - wide[3] - 6))
    for n, (ident, name, found, certainty) in enumerate(rows):
        line = text(ident.ljust(wide[0] + 2), "bold")
        shown = text(name)
        shown.truncate(name_width, overflow="ellipsis", pad=True)
        line.append_text(shown)
        line.append(f"  {found.ljust(wide[2])}  {certainty}")
        if n == 0:
            line.stylize("bold")
        console.print(line, no_wrap=True, overflow="ellipsis")
    console.print(text("Effect: mean pain reduction in the trials' treated group (the comparison group's). "
                       "`paintrack plan --show ID` shows what the trials found, for whom, against what; "
                       "`paintrack plan --add ID` adds it.", "dim"))


def show_modality(console: Console, m: Modality, journal: Journal | None) -> None:
    """`--show ID`: all of one therapy's evidence, with its sources."""
    console.print(text(f"{m.name} ({m.id})", "bold"))
    console.print(text(f"Category: {m.category}. How it is thought to work: {m.mechanism}"))
    console.print(text(f"Who was studied: {m.population}"))
    console.print(text(f"Compared with: {m.comparator}"))
    console.print(text(f"Certainty of the evidence: {words.certainty_line(m)}"))
    if m.has_estimate:
        line = f"Mean pain reduction in the treated group: {modality_range(m)}"
        if m.control_reduction is not None:
            line += (f"; with {m.control_arm}: {words.fraction_range(m.control_reduction, m.control_reduction)}"
                     f" (the specific effect: {words.fraction_range(m.specific_effect, m.specific_effect)})")
        console.print(text(line))
    else:
        console.print(text(f"Mean pain reduction: {NO_ESTIMATE} (no source gives one as a share of baseline pain)."))
    console.print(text(f"Time course: {time_course(m)}"))
    for line in responders_sentence(m):
        console.print(text(line))
    for h in m.harms:
        when = f" by week {h.week:g}" if h.week else ""
        console.print(text(f"Harms: {_of100(h.share)} of 100 had {h.what}{when}."))
    if m.advanced:
        console.print(text("An advanced option: suggested only after 12 weeks of care with pain above 5/10 "
                           "(add it earlier only with --clinician-advised)."))
    if m.article_claim is not None:
        console.print(text(f"The source article claims (unverified; it cites no studies): {m.article_claim.text}",
                           "italic"))
    if journal is not None:
        for warning in planning.population_warnings(m, journal):
            console.print(text(f"Differs from the people studied: {warning}.", "yellow"))
    console.print(text("Sources:", "bold"))
    for s in m.sources:
        mark = "" if s.verified else " [unverified]"
        console.print(text(f"  • {s.citation()}{mark}"))
        console.print(text(f'    "{s.quote}"', "dim"))
        if s.derivation:
            console.print(text(f"    Worked out: {s.derivation}", "dim"))
    console.print(text(GROUP_MEAN_CAVEAT, "dim"))


def numbered(console: Console, catalogue: Catalogue) -> None:
    """The catalogue numbered, for the picker (`paintrack plan` with no plan, on a terminal)."""
    console.print(text("No plan yet. The therapies in the catalogue:", "bold"))
    for n, m in enumerate(catalogue.values(), 1):
        console.print(text(f"{n:>3}. {m.id}: {m.name} ({modality_range(m)}; certainty {m.certainty or '—'})"))


def no_plan(console: Console, catalogue: Catalogue, journal: Journal) -> None:
    safety_first(console, journal)
    console.print(text("No plan yet.", "bold"))
    gate = redflags.plan_gate(journal)
    if gate.closed:
        console.print(text("Adding therapies waits for a clinician's assessment (see `paintrack flags`).", "yellow"))
    catalogue_lines(console, catalogue)


def show_plan(console: Console, journal: Journal, catalogue: Catalogue, today: date,
              messages: list[str] | None = None) -> None:
    """The short plan: its therapies, the expected outcome, the next dated steps."""
    from rich.table import Table

    plan = journal.plan
    assert plan is not None
    safety_first(console, journal)
    for line in messages or []:
        console.print(text(line))
    head = text("Your plan", "bold")
    head.append(f" (from {plan.start}; graded exercise starts at {plan.exercise_start_min} min/day)")
    console.print(head)
    table = Table(box=None, pad_edge=False, header_style="bold")
    names = [catalogue[i.id].name if i.id in catalogue else i.id for i in plan.modalities]
    longest_word = max((len(w) for n in names for w in n.split()), default=7)
    name_min = min(24, longest_word)  # the therapy's words whole
    table.add_column("therapy", overflow="fold", min_width=name_min)
    table.add_column("start", no_wrap=True)
    table.add_column("effect (control)", overflow="fold", max_width=max(9, console.width - name_min - 12 - 11 - 2))
    table.add_column("certainty", no_wrap=True)
    for item in plan.modalities:
        m = catalogue.get(item.id)
        if m is None:
            table.add_row(text(item.id), str(item.start), "not in the catalogue", "—")
            continue
        table.add_row(text(m.name), str(item.start), text(trial_figures(m)), m.certainty or "—")
    console.print(table)
    for item in plan.modalities:
        m = catalogue.get(item.id)
        if m is None:
            continue
        # short by default: one responder sentence; the rest is in `--show ID`
        for line in responders_sentence(m)[:1]:
            console.print(text(f"  {m.name}: {line}"))
        for warning in planning.population_warnings(m, journal):
            console.print(text(f"  {m.name}: differs from the people studied: {warning}.", "yellow"))
        claim = m.article_claim
        if m.has_estimate and claim is not None and claim.reduction_low is not None and claim.reduction_high is not None:
            console.print(text(f"  {m.name}: the source article claims {words.fraction_range(claim.reduction_low, claim.reduction_high)}"
                               f" (unverified; it cites no studies); the trials: {trial_figures(m)}."))
    outcome = planning.outcome(journal, catalogue, today)
    console.print()
    console.print(text("Expected outcome", "bold"))
    for line in outcome_lines(outcome, catalogue):
        console.print(text("  " + line))
    steps = schedule.next_steps(journal, catalogue, today)[:5]
    if steps:
        console.print()
        console.print(text("Next steps", "bold"))
        for s in steps:
            when = s.date.isoformat() + (f" – {s.end}" if s.end else "")
            console.print(text(f"  {when}  {s.title}" + (f": {s.detail}" if s.detail else ""),
                               "" if s.in_plan else "dim"))
    console.print(text("`paintrack plan --calendar plan.ics` writes the whole schedule to your calendar; "
                       "`paintrack plan --show ID` shows one therapy's evidence (responders, the article's claims, "
                       "sources).", "dim"))
    latest = aspect_rules.latest(journal.aspects)
    if latest is not None or "prt" in plan.ids():
        console.print()
        console.print(text(aspects_line(latest)))
    console.print(text(NOT_MEDICAL_ADVICE, "dim"))


def aspects_line(reflection: AspectsReflection | None) -> str:
    """The four aspects in the short plan view: one line (the table is `plan --aspects`'s)."""
    names = ", ".join(a.name.lower() for a in aspect_rules.ASPECTS)
    if reflection is None:
        return (f"Four aspects of pain reprocessing therapy ({names}): reflect on which fit you with "
                "`paintrack plan --aspects`.")
    stressed = aspect_rules.emphasis(reflection)
    found = (f"emphasise {', '.join(a.name.lower() for a in stressed)}" if stressed
             else f"none rated {aspect_rules.EMPHASIS_THRESHOLD} or more")
    return (f"Four-aspect reflection of {reflection.date}: {found} (`paintrack plan --aspects` shows the "
            "techniques and asks again).")


def _claim(m: Modality) -> str:
    """The source article's figure, in brackets beside a therapy with no estimate (its words are
    in `--show ID`)."""
    claim = m.article_claim
    if claim is None or m.has_estimate or claim.reduction_low is None or claim.reduction_high is None:
        return ""
    return f" (the article: {words.fraction_range(claim.reduction_low, claim.reduction_high)})"


def outcome_lines(o: planning.Outcome, catalogue: Catalogue) -> list[str]:
    """The expected outcome in the same digits as the report (rounded once, by domain.numbers)."""
    lines = []
    if o.expected_full is None:
        lines.append(f"Combined: {NO_ESTIMATE} (no chosen therapy has a verified figure for the change in its "
                     "treated group itself).")
    else:
        for label, reduction, projected in (
            (f"now ({o.now}, {o.now_label})", o.expected_now, o.projected_now),
            (f"at full effect ({o.full_effect_date})", o.expected_full, o.projected_full),
        ):
            assert reduction is not None
            line = f"{label}: {words.pct_range(pct(reduction.low), pct(reduction.high))} less pain"
            if projected is not None:
                line += (f", projected NRS {words.nrs_range(rounded(projected.low, 'nrs'), rounded(projected.high, 'nrs'))}"
                         f" (baseline {o.baseline_nrs}/10)")
            lines.append(line)
        lines.append("The best single therapy's range, plus only the specific effect (beyond the comparison group) "
                     "of each other therapy: what happens anyway is counted once.")
    untested = words.untested_sentence(o.untested)
    if untested:
        lines.append(untested)
    if o.no_estimate:
        named = [catalogue[mid].name + _claim(catalogue[mid]) for mid in o.no_estimate]
        line = f"{NO_ESTIMATE[0].upper()}{NO_ESTIMATE[1:]}, so not counted in the combined range: {'; '.join(named)}."
        if any(_claim(catalogue[mid]) for mid in o.no_estimate):
            line += " \"The article\": what the source article claims, which no trial figure confirms."
        lines.append(line)
    for mid in o.unknown:
        lines.append(f"{mid}: not in the catalogue; not counted.")
    if o.baseline_nrs is None and o.expected_full is not None:
        lines.append("Record a baseline (`paintrack baseline`) to turn these into projected pain scores.")
    lines.append(GROUP_MEAN_CAVEAT)
    return lines


def aspects(console: Console, reflection: AspectsReflection | None) -> None:
    from rich.table import Table

    title = text("Four aspects (pain reprocessing therapy)", "bold")
    if reflection is not None:
        title.append(f" — your reflection of {reflection.date}")
    console.print(title)
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Aspect", no_wrap=True)
    table.add_column("Fits you", justify="right", no_wrap=True)
    table.add_column("What it is" if reflection is None else "Techniques", overflow="fold")
    stressed = aspect_rules.emphasis(reflection)
    for a in aspect_rules.ASPECTS:
        if reflection is None:
            table.add_row(a.name, "—", text(f"{a.about}. {a.question}"))
            continue
        rating = reflection.rating(a.id)
        detail = text("; ".join(a.techniques))
        note = reflection.note(a.id)
        if note:
            detail.append(text(f" Your note: {note}", "italic"))
        table.add_row(("► " if a in stressed else "  ") + a.name, "—" if rating is None else f"{rating}/10", detail)
    console.print(table)
    if reflection is None:
        console.print(text("Reflect on them with `paintrack plan --aspects`."))
    elif stressed:
        console.print(text(f"Emphasise (► rated {aspect_rules.EMPHASIS_THRESHOLD} or more, highest first): "
                           + ", ".join(a.name.lower() for a in stressed) + ". Not everyone needs work on all four."))
    else:
        console.print(text(f"No aspect is rated {aspect_rules.EMPHASIS_THRESHOLD} or more: none stands out. "
                           "Not everyone needs work on all four; discuss it with your therapist."))
    console.print(text(aspect_rules.REFLECTION_AID, "dim"))
