"""`paintrack plan`: choose modalities from the catalogue and see what to expect, and when.

Flags are read as text and checked by `planning` (one line naming the flag, exit 2, nothing
written). The projection and the schedule are computed by pure modules; this only calls them.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from paintrack.cli import app
from paintrack.cli.session import Session


@app.command(rich_help_panel="Plan")
def plan(
    ctx: typer.Context,
    add: Annotated[
        Optional[list[str]],
        typer.Option("--add", metavar="ID", help="Add a modality to your plan (repeatable). See --list for ids."),
    ] = None,
    remove: Annotated[
        Optional[list[str]], typer.Option("--remove", metavar="ID", help="Remove a modality from your plan (repeatable).")
    ] = None,
    start: Annotated[
        Optional[str],
        typer.Option("--start", metavar="YYYY-MM-DD", help="Start date of the modalities added. Default: today; may be ahead, up to a year."),
    ] = None,
    exercise_start_min: Annotated[
        Optional[str],
        typer.Option("--exercise-start-min", metavar="1-120", help="Graded-exercise minutes a day in the first week (default 10); grows 10% a week."),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="Show the modality catalogue: ranges, evidence, time course, sources.")] = False,
    aspects: Annotated[
        bool,
        typer.Option("--aspects", help="Reflect on the four aspects of pain reprocessing therapy (asked on a terminal)."),
    ] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask questions.")] = False,
) -> None:
    """Choose evidence-based modalities; see the expected outcome and a dated schedule.

    Without flags: your plan, its combined expected reduction (now and at full effect), the
    projected pain range from your baseline, and the schedule.
    """
    from paintrack import planning
    from paintrack.catalogue import load_catalogue

    session: Session = ctx.obj
    today = session.today()
    # 1. read the flags and the catalogue: a bad value fails here (exit 2), before any write
    catalogue = load_catalogue()
    added, removed = planning.check_request(add or [], remove or [], catalogue)
    when = planning.parse_start(start, today) if start is not None else None
    minutes = planning.parse_exercise_start_min(exercise_start_min) if exercise_start_min is not None else None
    if when is not None and not added:
        from paintrack.errors import InputError

        raise InputError("--start: give it together with --add (it dates the modalities being added)")
    changing = bool(added or removed or minutes is not None)
    if aspects:
        _reflect(session, no_input, changing or list_)
        return
    # 2. the catalogue on request
    from paintrack.render import plan_view

    if list_ and not changing:  # the catalogue alone: the journal is not even read
        plan_view.print_catalogue(catalogue)
        return
    # 3. change the plan under the lock (checked again there), or just read it
    changes = planning.Changes()
    if changing:
        with session.store.transaction() as journal:
            changes = planning.apply(journal, added, removed, when, today, minutes, catalogue)
        session.tell_notices()
    else:  # only shown: the sealed journal needs no validation (Store.snapshot)
        journal = session.store.snapshot()
    # 4. show the plan (or the catalogue when there is none yet)
    if journal.plan is None and not changing:
        plan_view.print_catalogue(catalogue, has_baseline=journal.baseline is not None)
        plan_view.console().print("[bold]No plan yet.[/]")
        return
    for modality_id in changes.before_baseline:
        plan_view.console(stderr=True).print(
            f"warning: {modality_id} starts before your baseline ({journal.baseline.date}); its effect up to "
            "then is already in your baseline score, and the projection counts it from its start"
        )
    from paintrack import schedule

    outcome = planning.outcome(journal, catalogue, today)
    steps = schedule.build(journal.plan, catalogue, journal.baseline.date if journal.baseline else None) if journal.plan else []
    plan_view.print_plan(journal.plan, catalogue, outcome, steps, changes.messages)
    _show_aspects(journal)
    if list_:
        plan_view.print_catalogue(catalogue)


def _reflect(session: Session, no_input: bool, other_flags: bool) -> None:
    """`plan --aspects`: ask the four-aspect reflection, keep it with its date, show the reading."""
    from paintrack.cli.session import can_prompt
    from paintrack.errors import InputError

    # 1. it is a conversation: a terminal is needed, and it goes alone
    if other_flags:
        raise InputError("--aspects: run it on its own, without --add, --remove or --list")
    if not can_prompt(no_input):
        raise InputError("--aspects asks four short questions: run it on a terminal, without --no-input")
    # 2. ask, then keep it in the journal
    from paintrack.cli.aspects_prompt import ask_reflection

    reflection = ask_reflection(session.today())
    with session.store.transaction() as journal:
        journal.aspects.append(reflection)
    # 3. what to emphasise, with the matching techniques
    from paintrack.render import plan_view
    from paintrack.render.aspects_view import aspects_view

    plan_view.console().print(aspects_view(reflection))


def _show_aspects(journal) -> None:
    """The plan view ends with the latest four-aspect reflection (or, with PRT, how to make one)."""
    from paintrack import aspects
    from paintrack.render import plan_view
    from paintrack.render.aspects_view import aspects_view

    latest = aspects.latest(journal.aspects)
    has_prt = journal.plan is not None and any(item.id == "prt" for item in journal.plan.modalities)
    if latest is not None or has_prt:
        plan_view.console().print()
        plan_view.console().print(aspects_view(latest))
