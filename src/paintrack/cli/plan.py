"""`paintrack plan`: choose therapies from the catalogue and see, with sources, what to expect.

Steps: 1. read the flags and the catalogue (exit 2 on a bad value, nothing written); 2. the
catalogue or one modality on request (`--list`, `--show ID`: the journal is not needed);
3. change the plan under the lock, or just read it (a numbered picker on a terminal when there
is no plan yet); 4. show the plan: short, with the expected outcome and the next dated steps.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from paintrack.cli.app import app
from paintrack.cli.session import Session, can_prompt
from paintrack.errors import InputError, PaintrackError


@app.command(rich_help_panel="Plan")
def plan(
    ctx: typer.Context,
    add: Annotated[Optional[list[str]], typer.Option("--add", metavar="ID", help="Add a therapy to your plan (repeatable); --list shows the ids.")] = None,
    remove: Annotated[Optional[list[str]], typer.Option("--remove", metavar="ID", help="Remove a therapy from your plan (repeatable).")] = None,
    start: Annotated[Optional[str], typer.Option("--start", metavar="DATE", help="Start of the therapies added: YYYY-MM-DD, today, yesterday or 'N days ago' (default today); up to a year ahead as YYYY-MM-DD.")] = None,
    exercise_start_min: Annotated[Optional[str], typer.Option("--exercise-start-min", metavar="1-120", help="Graded-exercise minutes a day in the first week (default 10); grows 10% a week.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="One line per therapy in the catalogue.")] = False,
    show: Annotated[Optional[str], typer.Option("--show", metavar="ID", help="Everything the trials found for one therapy, with sources.")] = None,
    calendar: Annotated[Optional[str], typer.Option("--calendar", metavar="FILE.ics", help="Write the dated schedule as calendar events (RFC 5545).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --calendar file if it exists.")] = False,
    clinician_advised: Annotated[bool, typer.Option("--clinician-advised", help="Add scs or rfa before 12 weeks of care, on your specialist's advice.")] = False,
    aspects: Annotated[bool, typer.Option("--aspects", help="Reflect on the four aspects of pain reprocessing therapy (asked on a terminal).")] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask questions.")] = False,
) -> None:
    """Choose therapies; see what trials found, for whom, against what, and when; a dated schedule."""
    from paintrack.cli import parse
    from paintrack.domain import history, measures, planning
    from paintrack.storage.catalogue_file import load_catalogue

    session: Session = ctx.obj
    today = session.today()
    # 1. read the flags and the catalogue
    catalogue = load_catalogue()
    added, removed = planning.check_request(add or [], remove or [], catalogue)
    when = _start(start, today) if start is not None else None
    minutes = int(parse.number(exercise_start_min, measures.EXERCISE_START_MIN)) if exercise_start_min is not None else None
    if when is not None and not added:
        raise InputError("--start: give it together with --add (it dates the therapies being added)")
    changing = bool(added or removed or minutes is not None)
    if aspects:
        _reflect(session, no_input, changing or list_ or show is not None or calendar is not None)
        return
    if calendar is not None and (list_ or show is not None):
        raise InputError("--calendar writes your plan's schedule: give it without --list or --show")
    # the calendar file is checked before anything is changed (the output guard: exit 2)
    target = _calendar_target(session, calendar, force, no_input) if calendar not in (None, "-") else None
    # 2. the catalogue, or one modality, on request
    from paintrack.render.terminal import plan as view

    if show is not None:
        modality = catalogue[planning.resolve_id(show, catalogue, "--show")]
        view.show_modality(session.console, modality, session.store.snapshot() if session.store.exists() else None)
        return
    if list_ and not changing:
        view.catalogue_lines(session.console, catalogue)
        return
    # 3. change the plan under the lock (checked again there), or read it
    result = planning.Changes()
    journal = session.store.snapshot()
    if (not changing and journal.plan is None and can_prompt(no_input) and calendar is None
            and not planning.gate_closed(journal)):  # no picker while adding would be refused
        added = _pick(session, catalogue)
        changing = bool(added)
    if changing:
        def change(j):
            nonlocal result
            result = planning.apply(j, added, removed, when, today, minutes, catalogue, clinician_advised)
            return history.commit(j, result.changes, session.now(), "plan")

        journal = session.commit("plan", change)
    # 4. show the plan (and write its calendar)
    if journal.plan is None:
        for message in result.messages:
            session.console.print(message)
        if calendar is not None:
            raise PaintrackError("--calendar: there is no plan yet, so no schedule to write",
                                 hint="add therapies first: `paintrack plan --add ID` (`paintrack plan --list` shows them)")
        if not changing:
            view.no_plan(session.console, catalogue, journal)
        return
    for modality_id in result.before_baseline:
        session.warn(f"{modality_id} starts before your baseline ({journal.baseline.date}); its effect up to "  # type: ignore[union-attr]
                     "then is already in your baseline score")
    if calendar == "-":  # the calendar alone on standard output, for a pipe
        import paintrack.render.formats.ics as ics

        sys.stdout.write(ics.render(journal, catalogue))
        return
    view.show_plan(session.console, journal, catalogue, today, result.messages)
    if target is not None:
        _write_calendar(session, journal, catalogue, target, calendar or "")


def _pick(session: Session, catalogue) -> list[str]:
    """A numbered picker: the ids chosen (none: nothing is changed)."""
    from paintrack.cli import interview
    from paintrack.render.terminal import plan as view

    view.numbered(session.console, catalogue)
    ids = list(catalogue)

    def read(raw: str) -> list[str]:
        picked = []
        for part in raw.replace(" ", ",").split(","):
            p = part.strip().lower()
            if not p:
                continue
            if p.isdigit() and 1 <= int(p) <= len(ids):
                picked.append(ids[int(p) - 1])
            elif p in catalogue:
                picked.append(p)
            else:
                raise InputError(f"choose numbers from 1 to {len(ids)} or ids, separated by commas")
        return list(dict.fromkeys(picked))

    answer = interview.run([interview.Question(
        "ids", "Which would you like to add? Numbers or ids, separated by commas (`paintrack plan --show ID` first "
        "shows one's evidence)", read)], "", review=False)
    return list(answer.get("ids", []))


def _start(raw: str, today):
    """A start may be in the past, or ahead up to a year (as a date)."""
    from datetime import date, timedelta

    from paintrack.cli import parse

    try:
        return parse.parse_date(raw, field="--start", today=today)
    except InputError:
        when = parse.parse_date(raw, field="--start", today=date.max)
        if when > today + timedelta(days=365):
            raise InputError(f"--start {when} is more than a year ahead (today is {today})") from None
        return when


def _calendar_target(session: Session, raw: str, force: bool, no_input: bool):
    """The --calendar file, through the output guard (never the journal, a device, a folder; an
    existing file only with --force, or when confirmed on a terminal)."""
    from paintrack.cli import interview
    from paintrack.storage.files import check_output

    if not raw.lower().endswith(".ics"):
        raise InputError("--calendar takes a file name ending in .ics (or - for standard output)")
    return check_output(raw, session.store.path, force, interview.confirm_or_stop if can_prompt(no_input) else None,
                        field="--calendar")


def _write_calendar(session: Session, journal, catalogue, target, raw: str) -> None:
    import paintrack.render.formats.ics as ics
    from paintrack.render.terminal import text as text_line
    from paintrack.storage.files import write_output

    text = ics.render(journal, catalogue)
    write_output(target, text.encode("utf-8"))
    events = text.count("BEGIN:VEVENT")
    session.console.print(text_line(f"Calendar written to {raw}: {events} events. Importing it again updates "
                                    "them (no duplicates)."))


def _rating(m):
    from paintrack.cli import parse

    return lambda raw: parse.number(raw, m, "answer")


def _reflect(session: Session, no_input: bool, other_flags: bool) -> None:
    """`plan --aspects`: ask the four-aspect reflection, keep it with its date, show the reading."""
    from paintrack.cli import interview, parse
    from paintrack.domain import history, measures, recording
    from paintrack.domain.aspects import ASPECTS, REFLECTION_AID
    from paintrack.domain.records import AspectsReflection

    # 1. it is a conversation: a terminal is needed, and it goes alone
    if other_flags:
        raise InputError("--aspects: run it on its own, without --add, --remove, --list or --show")
    if not can_prompt(no_input):
        raise InputError("--aspects asks four short questions: run it on a terminal, without --no-input")
    # 2. ask, then keep it in the journal
    questions = []
    for n, aspect in enumerate(ASPECTS, 1):
        m = measures.ASPECT_RATING
        questions.append(interview.Question(
            f"rating:{aspect.id}", f"{n}. {aspect.name}: {aspect.about}. {aspect.question}",
            _rating(m), help="0 = not at all … 10 = completely"))
        questions.append(interview.Question(f"note:{aspect.id}", "A note, e.g. an example from this week",
                                            lambda raw: parse.parse_text(raw, "note")))
    answers = interview.run(questions, "Four aspects of how you respond to pain (pain reprocessing therapy). "
                            + REFLECTION_AID)
    reflection = AspectsReflection(
        session.today(),
        tuple((a.id, int(answers[f"rating:{a.id}"])) for a in ASPECTS if f"rating:{a.id}" in answers),
        tuple((a.id, str(answers[f"note:{a.id}"])) for a in ASPECTS if f"note:{a.id}" in answers),
    )
    session.commit("four-aspect reflection", lambda j: history.commit(
        j, recording.aspects_changes(j, reflection), session.now(), "plan --aspects"))
    # 3. what to emphasise, with the matching techniques
    from paintrack.render.terminal import plan as view

    view.aspects(session.console, reflection)
