"""`paintrack flags`: every red flag reported, its tier and state, and the plan gate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from paintrack.domain import alerts, redflags
from paintrack.domain.records import Journal
from paintrack.render import words
from paintrack.render.terminal import text

if TYPE_CHECKING:
    from rich.console import Console


def show(console: Console, journal: Journal) -> None:
    from rich.table import Table

    statuses = redflags.flag_statuses(journal)
    screened = [a for a in journal.assessments() if a.red_flag_screen.asked]
    if not statuses:
        said = f"answered at {len(screened)} assessment(s)" if screened else "not asked yet"
        console.print(text(f"No red flag has been reported (screen {said})."))
    else:
        table = Table(box=None, pad_edge=False, header_style="bold")
        for heading in ("flag", "tier", "reported", "state"):
            table.add_column(heading, overflow="fold")
        for s in sorted(statuses, key=lambda s: (s.state != "active", s.tier != "emergency")):
            state = words.FLAG_STATE[s.state] + (f" on {s.since}" if s.since else "")
            table.add_row(text(redflags.BY_NAME[s.name].description), words.TIER[s.tier], str(s.reported),
                          text(state, "bold red" if s.state == "active" else ""))
        console.print(table)
        for s in redflags.active_flags(journal):
            console.print(text(f"{redflags.BY_NAME[s.name].description}: {redflags.ADVICE[s.tier]}",
                               "bold red" if s.tier == "emergency" else "yellow"))
    gate = redflags.plan_gate(journal)
    if gate.short_duration_months is not None:
        console.print(text(f"Your pain has lasted {gate.short_duration_months} month(s): under three months, it "
                           "needs a clinician's assessment before a plan."))
    if gate.closed:
        console.print(text("Adding therapies to your plan waits until a clinician has assessed this; then record "
                           "it with `paintrack flags --assessed [--date D] [--note TEXT]`."))
    for r in journal.reviews:
        covered = redflags.describe(list(r.flags)) if r.flags else ""
        if r.short_duration:
            covered = (covered + "; " if covered else "") + "pain under three months"
        console.print(text(f"Assessed by a clinician on {r.date}: {covered}" + (f" ({r.note})" if r.note else "")))


def safety_first(console: Console, journal: Journal) -> None:
    """A self-harm answer, then the active red flags with what to do: what the plan view shows
    before anything else."""
    from rich.panel import Panel

    harm = alerts.self_harm(alerts.self_harm_assessment(journal))
    if harm is not None:
        console.print(Panel(text(harm.message), title="URGENT", border_style="bold red"))
    for f in redflags.active_flags(journal):
        console.print(text(f"Red flag active since {f.reported}: {redflags.BY_NAME[f.name].description}. "
                           f"{redflags.ADVICE[f.tier]}", "bold red" if f.tier == "emergency" else "bold yellow"))
