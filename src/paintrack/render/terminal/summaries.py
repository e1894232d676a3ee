"""What `baseline` and `update` print after saving: urgent things first (a self-harm answer,
then red flags, with what to do), the scores, what changed, what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from paintrack.domain import alerts, instruments, recording, redflags
from paintrack.domain.numbers import rounded
from paintrack.domain.records import Assessment, Journal
from paintrack.render import words
from paintrack.render.terminal import text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def _urgent(console: Console, a: Assessment) -> None:
    from rich.panel import Panel

    harm = alerts.self_harm(a)
    if harm is not None:
        console.print(Panel(text(harm.message), title="URGENT", border_style="bold red"))
    yes = a.red_flag_screen.positive
    for tier, style in (("emergency", "bold red"), ("prompt", "bold yellow")):
        flags = [n for n in yes if redflags.BY_NAME[n].tier == tier]
        if flags:
            message = f"Red flag: {redflags.describe(flags)}. {redflags.ADVICE[tier]}"  # type: ignore[index]
            console.print(Panel(text(message), title="URGENT" if tier == "emergency" else "SEE A DOCTOR SOON",
                                border_style=style))


def _scores(a: Assessment) -> Table:
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Measure")
    table.add_column("Value", justify="right")
    table.add_column("Meaning")
    table.add_row("Pain (NRS, 7-day average)", str(a.nrs), "0 no pain … 10 as bad as you can imagine")
    table.add_row("BPI pain severity", words.num(rounded(instruments.bpi_severity(a), "score"), "score"),
                  "mean of worst, least, average, now")
    table.add_row("BPI pain interference", words.num(rounded(instruments.bpi_interference(a), "score"), "score"),
                  "mean of the answered items (4 or more of 7)")
    table.add_row("PEG", words.num(rounded(instruments.peg(a), "peg"), "peg"), "mean of pain, enjoyment, activity")
    table.add_row("Six-minute walk", words.num(a.walk_m, "walk", "m"), "distance")
    if a.opioid_mme is not None:
        table.add_row("Opioid dose", words.num(a.opioid_mme, "mme", "MME/day"), "morphine milligram equivalents")
    phq, gad = instruments.phq9_total(a), instruments.gad7_total(a)
    if phq is not None:
        table.add_row("PHQ-9", str(phq), f"{instruments.band(phq, instruments.PHQ9_BANDS)} depression symptoms")
    if gad is not None:
        table.add_row("GAD-7", str(gad), f"{instruments.band(gad, instruments.GAD7_BANDS)} anxiety symptoms")
    psfs = rounded(instruments.psfs(a), "score")
    if psfs is not None:
        table.add_row("Goals (PSFS)", words.num(psfs, "score"), "mean ability, 0 unable … 10 as before")
    if a.pgic is not None:
        table.add_row("Global impression (PGIC)", str(a.pgic), instruments.PGIC_LABELS[a.pgic])
    return table


def _screen_line(a: Assessment) -> str:
    s = a.red_flag_screen
    if not s.asked:
        return "Red-flag screen: not asked (answer it with --red-flag NAME or --no-red-flags)."
    if s.positive:
        rest = "" if len(s.answers) == len(redflags.NAMES) else "; the others not asked"
        return f"Red-flag screen: yes to {len(s.positive)} item(s), shown above{rest}."
    if len(s.negative) == len(redflags.NAMES):
        return "Red-flag screen: no to every item."
    return f"Red-flag screen: no to {len(s.negative)} item(s); the others not asked."


def baseline(console: Console, a: Assessment, journal: Journal) -> None:
    _urgent(console, a)
    head = text("Baseline recorded", "bold")
    head.append(f" for {a.date}.")
    console.print(head)
    console.print(_scores(a))
    console.print(text(_screen_line(a)))
    if a.duration_months is not None:
        if redflags.is_chronic(a.duration_months):
            console.print(text(f"Pain duration: {a.duration_months} months (chronic: three months or more)."))
        else:
            short = alerts.not_chronic(journal)
            if short is not None:
                console.print(text(short.message, "yellow"))
    if a.locations:
        console.print(text("Where: " + ", ".join(a.locations)))
    for goal, ability in zip(a.goals, [*a.goal_ability, *[None] * len(a.goals)]):
        console.print(text(f"Goal: {goal} (ability now: {words.num(ability)}/10)"))
    gate = redflags.plan_gate(journal)
    if gate.closed:
        console.print(text("Next: see a clinician first (see above). Once they have assessed it, record that with "
                           "`paintrack flags --assessed`; then choose your plan with `paintrack plan`.", "bold"))
    else:
        console.print(text("Next: choose your plan with `paintrack plan` (`paintrack plan --list` shows every option)."))


def update(console: Console, a: Assessment, journal: Journal) -> None:
    _urgent(console, a)
    head = text("Update recorded", "bold")
    head.append(f" for {a.date}.")
    console.print(head)
    console.print(_scores(a))
    console.print(text(_screen_line(a)))
    base = journal.baseline
    previous = recording.previous_assessment(journal, a.date)
    for label, before in (("baseline", base), ("previous assessment", previous)):
        if before is None or (label != "baseline" and before is base):
            continue
        moved = before.nrs - a.nrs
        how = f"down {words.points(moved)}" if moved > 0 else f"up {words.points(-moved)}" if moved < 0 else "unchanged"
        line = f"Since the {label} ({before.date}): pain {before.nrs} → {a.nrs}, {how}"
        pct = instruments.reduction_pct(before.nrs, a.nrs)
        if pct is not None and moved:
            line += f" ({words.less(rounded(pct, 'pct'))})"
        console.print(text(line + "."))
    if base is not None:  # what needs a clinician within days, said at once
        for alert in (alerts.worsening(base, a), alerts.high_opioid_dose(alerts.last_dosed(journal, a.date), a)):
            if alert is not None:
                console.print(text(alert.message, "bold yellow"))
    if a.side_effects:
        console.print(text("Side effects: " + ", ".join(a.side_effects) + ". Tell your prescriber; do not change a "
                           "medication on your own."))
    due = recording.next_due(journal)
    if due is not None:
        console.print(text(f"Next update due: {due}."))
