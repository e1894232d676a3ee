"""`paintrack baseline` and `paintrack update`: one assessment each.

Steps: 1. read the flags (a bad value: exit 2, before anything else); 2. refuse early what the
journal cannot take (exit 1); 3. on a terminal, ask what is missing (the whole interview when no
measure is given; the red-flag screen always); 4. save; 5. show the summary, urgent things first.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from paintrack.cli.app import app
from paintrack.cli.session import Session, can_prompt
from paintrack.domain import measures, redflags

_P = "Pain (Brief Pain Inventory)"
_I = "Interference: how much pain interfered (BPI)"
_F = "Function, medication, sleep, adherence"
_S = "Screens"


def _opt(m: measures.Measure, metavar: str, panel: str) -> Any:
    """The typer option of one measure (its flag, range and label written once, in measures)."""
    unit = f" ({m.unit})" if m.unit else ""
    return typer.Option(m.flag, metavar=metavar, help=f"{m.label[0].upper()}{m.label[1:]}{unit}.", rich_help_panel=panel)


Date = Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="Date: YYYY-MM-DD, today, yesterday or 'N days ago'. Default: today.")]
Nrs = Annotated[Optional[str], _opt(measures.NRS, "0-10", _P)]
Worst = Annotated[Optional[str], _opt(measures.WORST, "0-10", _P)]
Least = Annotated[Optional[str], _opt(measures.LEAST, "0-10", _P)]
Now = Annotated[Optional[str], _opt(measures.NOW, "0-10", _P)]
Activity = Annotated[Optional[str], _opt(measures.INTERFERENCE[0], "0-10", _I)]
Mood = Annotated[Optional[str], _opt(measures.INTERFERENCE[1], "0-10", _I)]
Walking = Annotated[Optional[str], _opt(measures.INTERFERENCE[2], "0-10", _I)]
Work = Annotated[Optional[str], _opt(measures.INTERFERENCE[3], "0-10", _I)]
Relations = Annotated[Optional[str], _opt(measures.INTERFERENCE[4], "0-10", _I)]
Sleep = Annotated[Optional[str], _opt(measures.INTERFERENCE[5], "0-10", _I)]
Enjoyment = Annotated[Optional[str], _opt(measures.INTERFERENCE[6], "0-10", _I)]
WalkM = Annotated[Optional[str], _opt(measures.WALK_M, "METRES", _F)]
OpioidMme = Annotated[Optional[str], _opt(measures.OPIOID_MME, "MME", _F)]
SleepHours = Annotated[Optional[str], _opt(measures.SLEEP_HOURS, "HOURS", _F)]
ExerciseSessions = Annotated[Optional[str], _opt(measures.EXERCISE_SESSIONS, "N", _F)]
MindfulnessMin = Annotated[Optional[str], _opt(measures.MINDFULNESS_MIN, "MIN", _F)]
RedFlags = Annotated[Optional[list[str]], typer.Option(
    "--red-flag", metavar="NAME", rich_help_panel=_S,
    help="A red flag answered yes (repeatable): " + ", ".join(redflags.NAMES) + ".")]
NoRedFlags = Annotated[bool, typer.Option("--no-red-flags", rich_help_panel=_S,
                                          help="The red-flag screen answered: no to every item.")]
Phq9 = Annotated[Optional[str], typer.Option("--phq9", metavar="A,B,…", rich_help_panel=_S,
                                             help="PHQ-9: nine answers 0-3, comma-separated (last 2 weeks).")]
Gad7 = Annotated[Optional[str], typer.Option("--gad7", metavar="A,B,…", rich_help_panel=_S,
                                             help="GAD-7: seven answers 0-3, comma-separated (last 2 weeks).")]
GoalAbility = Annotated[Optional[list[str]], typer.Option(
    "--goal-ability", metavar="0-10", rich_help_panel="Goals",
    help="How able you are to do each goal, in goal order (repeatable): 0 unable … 10 able as before the pain.")]
Note = Annotated[Optional[str], typer.Option("--note", metavar="TEXT", help="Free text.")]
NoInput = Annotated[bool, typer.Option("--no-input", help="Never ask; a missing required value is an error.")]


@app.command(rich_help_panel="Measure")
def baseline(
    ctx: typer.Context,
    nrs: Nrs = None, date: Date = None, worst: Worst = None, least: Least = None, now: Now = None,
    activity_interference: Activity = None, mood_interference: Mood = None,
    walking_interference: Walking = None, work_interference: Work = None,
    relations_interference: Relations = None, sleep_interference: Sleep = None,
    enjoyment_interference: Enjoyment = None,
    walk_m: WalkM = None, opioid_mme: OpioidMme = None, sleep_hours: SleepHours = None,
    exercise_sessions: ExerciseSessions = None, mindfulness_min: MindfulnessMin = None,
    red_flag: RedFlags = None, no_red_flags: NoRedFlags = False, phq9: Phq9 = None, gad7: Gad7 = None,
    goal_ability: GoalAbility = None, note: Note = None,
    duration_months: Annotated[Optional[str], _opt(measures.DURATION_MONTHS, "N", "Baseline only")] = None,
    location: Annotated[Optional[list[str]], typer.Option("--location", metavar="TEXT", rich_help_panel="Baseline only",
                                                          help="Where it hurts (repeatable).")] = None,
    goal: Annotated[Optional[list[str]], typer.Option("--goal", metavar="TEXT", rich_help_panel="Goals",
                                                      help='An activity the pain makes hard, e.g. "walk 30 minutes" (repeatable, up to 5).')] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing baseline (the old one is kept in the history).")] = False,
    no_input: NoInput = False,
) -> None:
    """Record the intake assessment: pain, Brief Pain Inventory, six-minute walk, red flags, PHQ-9, GAD-7, goals.

    On a terminal, anything missing is asked, one question at a time, then shown for you to confirm.
    """
    from paintrack.cli import assessment_input as form
    from paintrack.domain import history, recording

    session: Session = ctx.obj
    today = session.today()
    interactive = can_prompt(no_input)
    # 1. read the flags
    given = form.read_flags(ctx.params, today, kind="baseline")
    # 2. an existing baseline needs --force (refused before any question is asked)
    recording.check_baseline(session.store.read(), given.date, force)
    # 3. ask what is missing, on a terminal
    assessment = form.complete(given, interactive, kind="baseline", goals=None)
    # 4. save
    session.commit("baseline", lambda j: history.commit(
        j, recording.baseline_changes(j, assessment, force), session.now(),
        "baseline --force" if force else "baseline"))
    # 5. the summary
    from paintrack.render.terminal import summaries

    summaries.baseline(session.console, assessment, session.store.snapshot())


@app.command(rich_help_panel="Measure")
def update(
    ctx: typer.Context,
    nrs: Nrs = None, date: Date = None, worst: Worst = None, least: Least = None, now: Now = None,
    activity_interference: Activity = None, mood_interference: Mood = None,
    walking_interference: Walking = None, work_interference: Work = None,
    relations_interference: Relations = None, sleep_interference: Sleep = None,
    enjoyment_interference: Enjoyment = None,
    walk_m: WalkM = None, opioid_mme: OpioidMme = None, sleep_hours: SleepHours = None,
    exercise_sessions: ExerciseSessions = None, mindfulness_min: MindfulnessMin = None,
    red_flag: RedFlags = None, no_red_flags: NoRedFlags = False, phq9: Phq9 = None, gad7: Gad7 = None,
    goal_ability: GoalAbility = None, note: Note = None,
    side_effect: Annotated[Optional[list[str]], typer.Option(
        "--side-effect", metavar="NAME", rich_help_panel="Updates only",
        help="A side effect since the last assessment (repeatable): " + ", ".join(measures.SIDE_EFFECTS) + ".")] = None,
    pgic: Annotated[Optional[str], _opt(measures.PGIC, "1-7", "Updates only")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace the update on that date whole (names the fields it drops).")] = False,
    no_input: NoInput = False,
) -> None:
    """Re-measure (every four weeks): pain, BPI, walk test, opioid dose, screens, goals, side effects.

    On a terminal, anything missing is asked, one question at a time, then shown for you to confirm.
    """
    from paintrack.cli import assessment_input as form
    from paintrack.cli import interview
    from paintrack.domain import history, recording

    session: Session = ctx.obj
    today = session.today()
    interactive = can_prompt(no_input)
    # 1. read the flags
    given = form.read_flags(ctx.params, today, kind="update")
    # 2. refuse early: no baseline, a date before it, a same-day update without --replace
    existing = session.store.read()
    if not replace and interactive and recording.same_day_update(existing, given.date) is not None:
        replace = interview.confirm_or_stop(f"There is already an update on {given.date}. Replace it whole?")
    old = recording.check_update(existing, given.date, replace)
    goals = existing.baseline.goals if existing.baseline else ()
    # 3. ask what is missing, on a terminal
    assessment = form.complete(given, interactive, kind="update", goals=goals)
    if old is not None:
        # refused now, before naming what it drops (an active red flag never goes quiet)
        history.commit(existing, recording.update_changes(existing, assessment, replace), session.now(), "update")
        form.confirm_dropped(old, assessment, interactive)
    # 4. save (re-checked under the lock); warn if the last assessment is recent
    recent = recording.too_soon(existing, given.date)
    journal = session.commit("update", lambda j: history.commit(
        j, recording.update_changes(j, assessment, replace), session.now(),
        "update --replace" if replace else "update"))
    # 5. the summary
    from paintrack.render.terminal import summaries

    if recent is not None:
        session.warn(f"the previous assessment ({recent.date}) is less than four weeks old; "
                     "changes over a shorter time are harder to read")
    summaries.update(session.console, assessment, journal)

