"""`paintrack baseline` and `paintrack update`: one assessment each.

Flags are read as text and parsed by `measures`, so every bad value gets the same one-line
message naming the field and its range (exit 2), and nothing is written.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from paintrack import measures
from paintrack.cli import app
from paintrack.cli.session import Session, can_prompt


def _opt(name: str, metavar: str = "0-10", panel: str = "Pain (Brief Pain Inventory)"):
    m = measures.BY_NAME[name]
    unit = f" ({m.unit})" if m.unit else ""
    return Annotated[
        Optional[str], typer.Option(m.flag, metavar=metavar, help=f"{m.label[0].upper()}{m.label[1:]}{unit}.", rich_help_panel=panel)
    ]


_I = "Interference: how much pain interfered (BPI)"
_F = "Function, medication, sleep, adherence"
Date = Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="Date of the assessment. Default: today.")]
Nrs = _opt("nrs")
Worst, Least, Now = _opt("worst"), _opt("least"), _opt("now")
Activity, Mood, Walking, Work = _opt("activity", panel=_I), _opt("mood", panel=_I), _opt("walking", panel=_I), _opt("work", panel=_I)
Relations, Sleep, Enjoyment = _opt("relations", panel=_I), _opt("sleep", panel=_I), _opt("enjoyment", panel=_I)
WalkM = _opt("walk_m", "0-1000", _F)
OpioidMme = _opt("opioid_mme", "MME", _F)
SleepHours = _opt("sleep_hours", "0-24", _F)
ExerciseSessions = _opt("exercise_sessions", "N", _F)
MindfulnessMin = _opt("mindfulness_min", "MIN", _F)
RedFlags = Annotated[
    Optional[list[str]],
    typer.Option(
        "--red-flag",
        metavar="NAME",
        help="A red flag (repeatable): " + ", ".join(measures.RED_FLAGS) + ".",
    ),
]
Note = Annotated[Optional[str], typer.Option("--note", metavar="TEXT", help="Free text.")]
NoInput = Annotated[bool, typer.Option("--no-input", help="Never ask; a missing required value is an error.")]


@app.command(rich_help_panel="Measure")
def baseline(
    ctx: typer.Context,
    nrs: Nrs = None,
    date: Date = None,
    worst: Worst = None,
    least: Least = None,
    now: Now = None,
    activity: Activity = None,
    mood: Mood = None,
    walking: Walking = None,
    work: Work = None,
    relations: Relations = None,
    sleep: Sleep = None,
    enjoyment: Enjoyment = None,
    walk_m: WalkM = None,
    opioid_mme: OpioidMme = None,
    sleep_hours: SleepHours = None,
    exercise_sessions: ExerciseSessions = None,
    mindfulness_min: MindfulnessMin = None,
    red_flag: RedFlags = None,
    note: Note = None,
    duration_months: _opt("duration_months", "N", "Baseline only") = None,
    location: Annotated[Optional[list[str]], typer.Option("--location", metavar="TEXT", help="Where it hurts (repeatable).", rich_help_panel="Baseline only")] = None,
    goal: Annotated[Optional[list[str]], typer.Option("--goal", metavar="TEXT", help='A functional goal, e.g. "walk 30 minutes" (repeatable).', rich_help_panel="Baseline only")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing baseline (the old one is kept in history).")] = False,
    no_input: NoInput = False,
) -> None:
    """Record the intake assessment: pain (0-10), Brief Pain Inventory, six-minute walk, red flags.

    On a terminal, anything missing is asked one question at a time.
    """
    from paintrack import entries

    session: Session = ctx.obj
    params = ctx.params
    today = session.today()
    # 1. read the flags: a bad value fails here (exit 2), before anything else
    when = measures.parse_date(date, today=today) if date is not None else today
    wanted = (*measures.ASSESSMENT, measures.DURATION_MONTHS)
    flags = _parse_flags(params, wanted)
    flags["locations"] = [measures.parse_text(x, "--location", 200) for x in location or []]
    flags["goals"] = [measures.parse_text(x, "--goal", 200) for x in goal or []]
    # 2. an existing baseline needs --force (refused before any question is asked)
    entries.check_baseline(session.store.read(), when, force)
    # 3. ask what is missing, on a terminal
    assessment = _assessment("baseline", when, _ask(flags, wanted, can_prompt(no_input)))
    # 4. save under the lock (re-checked there), then show the summary
    with session.store.transaction() as journal:
        entries.record_baseline(journal, assessment, force)
    session.tell_notices()
    from paintrack.render import terminal

    terminal.print_baseline_summary(assessment)


@app.command(rich_help_panel="Measure")
def update(
    ctx: typer.Context,
    nrs: Nrs = None,
    date: Date = None,
    worst: Worst = None,
    least: Least = None,
    now: Now = None,
    activity: Activity = None,
    mood: Mood = None,
    walking: Walking = None,
    work: Work = None,
    relations: Relations = None,
    sleep: Sleep = None,
    enjoyment: Enjoyment = None,
    walk_m: WalkM = None,
    opioid_mme: OpioidMme = None,
    sleep_hours: SleepHours = None,
    exercise_sessions: ExerciseSessions = None,
    mindfulness_min: MindfulnessMin = None,
    red_flag: RedFlags = None,
    note: Note = None,
    pgic: _opt("pgic", "1-7", "Updates only") = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace an update on the same date.")] = False,
    no_input: NoInput = False,
) -> None:
    """Re-measure (every four weeks): pain, BPI, walk test, opioid dose, sleep, adherence.

    On a terminal, anything missing is asked one question at a time.
    """
    from paintrack import entries

    session: Session = ctx.obj
    today = session.today()
    interactive = can_prompt(no_input)
    # 1. read the flags: a bad value fails here (exit 2), before anything else
    when = measures.parse_date(date, today=today) if date is not None else today
    wanted = (*measures.ASSESSMENT, measures.PGIC)
    flags = _parse_flags(ctx.params, wanted)
    # 2. refuse early: no baseline, a date before it, or a same-day update without --replace
    existing = session.store.read()
    if not replace and interactive and any(u.date == when for u in existing.updates):
        replace = typer.confirm(f"There is already an update on {when}. Replace it?", default=False)
    entries.check_update(existing, when, replace)
    # 3. ask what is missing, on a terminal
    assessment = _assessment("update", when, _ask(flags, wanted, interactive))
    # 4. save under the lock (re-checked there); warn if the last assessment is recent
    with session.store.transaction() as journal:
        recent = entries.too_soon(journal, when)
        previous = entries.record_update(journal, assessment, replace)
        baseline_ = journal.baseline
        due = entries.next_due(journal)
    session.tell_notices()
    from paintrack.render import terminal

    if recent is not None:
        terminal.warn(
            f"the previous assessment ({recent.date}) is less than four weeks old; "
            "changes over a shorter time are harder to read"
        )
    terminal.print_update_summary(assessment, baseline_, previous, due)


def _parse_flags(params: dict[str, Any], wanted) -> dict[str, Any]:
    from paintrack.cli import ask

    fields: dict[str, Any] = ask.parse_flags(wanted, params)
    fields["red_flags"] = [measures.parse_red_flag(raw) for raw in params.get("red_flag") or []]
    if params.get("note") is not None:
        fields["note"] = measures.parse_text(params["note"], "--note")
    return fields


def _ask(fields: dict[str, Any], wanted, interactive: bool) -> dict[str, Any]:
    from paintrack.cli import ask

    given = {k: v for k, v in fields.items() if k in measures.BY_NAME}
    fields.update(ask.fill_missing(given, wanted, interactive))
    fields["red_flags"] = ask.red_flag_screen(fields["red_flags"], interactive)
    return fields


def _assessment(kind: str, when, fields: dict[str, Any]):
    from paintrack.models import Assessment

    return Assessment(kind=kind, date=when, **fields)
