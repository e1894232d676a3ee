"""Reading and correcting: `list`, `edit`, `delete`, `undo`, `history`.

Every entry is found by the key `list` shows (a date, or an evidence number); every change is
recorded in the journal's history, and `undo` walks it back. Nothing is removed without a trace.
"""

# No `from __future__ import annotations` here: typer would then evaluate `edit`'s forty
# annotations from strings each run (compile + eval, ~20 M instructions, bench/README.md).

from typing import Annotated, Any, Optional

import typer

from paintrack.cli.app import app
from paintrack.cli.session import Session, can_prompt
from paintrack.domain import measures
from paintrack.errors import InputError
from paintrack.render.terminal import clean

Kind = Annotated[Optional[str], typer.Argument(metavar="[assessments|diary|evidence]", help="Which entries (default: all).", show_default=False)]
TARGETS = ("baseline", "update", "log", "evidence")


@app.command("list", rich_help_panel="Your data")
def list_(
    ctx: typer.Context,
    kind: Kind = None,
    from_: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="From this date on.")] = None,
    to: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Up to this date.")] = None,
    last: Annotated[Optional[str], typer.Option("--last", metavar="N", help="Only the latest N of each kind.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table (default), json or csv.")] = "table",
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (private, 0600; - is standard output).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Every entry with the key `edit` and `delete` take: assessments, diary (notes too), evidence."""
    from paintrack.cli import parse
    from paintrack.domain.corrections import select

    session: Session = ctx.obj
    today = session.today()
    # 1. read the flags
    kinds = ("assessments", "diary", "evidence")
    chosen = kinds if kind is None else (kind.strip().lower(),)
    if chosen[0] not in kinds:
        raise InputError("list: choose assessments, diary or evidence (or nothing, for all)")
    how = format.strip().lower()
    if how not in ("table", "json", "csv"):
        raise InputError("--format must be table, json or csv")
    if how == "csv" and kind is None:
        raise InputError("--format csv lists one kind at a time: give assessments, diary or evidence",
                         hint="e.g. `paintrack list diary --format csv -o diary.csv`")
    first = parse.parse_date(from_, "--from", today) if from_ is not None else None
    until = parse.parse_date(to, "--to", today) if to is not None else None
    count = parse.positive_int(last, "--last") if last is not None else None
    target = None
    if output is not None and output != "-":
        from paintrack.storage.files import check_output

        target = check_output(output, session.store.path, force)
    # 2. the entries
    journal = session.store.snapshot()
    picked: dict[str, list[Any]] = {
        "assessments": select(journal.assessments(), first, until, count),
        "diary": select(journal.diary, first, until, count),
        "evidence": select(journal.evidence, first, until, count),
    }
    picked = {k: v for k, v in picked.items() if k in chosen}
    # 3. show or write
    if how == "table" and target is None and output is None:
        from paintrack.render.terminal import listing

        listing.show(session.console, picked)
        return
    from paintrack.render.formats import listing as export

    if how == "table":
        from paintrack.render.terminal import listing

        body = listing.render(picked)
    else:
        body = export.render_json(picked) if how == "json" else export.render_csv(chosen[0], picked[chosen[0]])
    if target is None:
        import sys

        sys.stdout.write(body)
        return
    from paintrack.storage.files import write_output

    write_output(target, body.encode("utf-8"))
    typer.echo(clean(f"Written to {output} ({how})."))


def _text(m: measures.Measure, panel: str) -> Any:
    return typer.Option(m.flag, metavar="N", help=f"{m.label[0].upper()}{m.label[1:]}.", rich_help_panel=panel)


_A = "Assessments (baseline, update)"
_D = "Diary (log)"
_E = "Evidence"


@app.command(rich_help_panel="Your data", context_settings={"ignore_unknown_options": False})
def edit(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="baseline|update|log|evidence", help="Which kind of entry.")],
    key: Annotated[Optional[str], typer.Argument(metavar="[DATE|N]", help="The entry's date (update, log: YYYY-MM-DD, today, yesterday or 'N days ago') or number (evidence), as `paintrack list` shows it.", show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="Move the entry to this date.")] = None,
    nrs: Annotated[Optional[str], _text(measures.NRS, _A)] = None,
    worst: Annotated[Optional[str], _text(measures.WORST, _A)] = None,
    least: Annotated[Optional[str], _text(measures.LEAST, _A)] = None,
    now: Annotated[Optional[str], _text(measures.NOW, _A)] = None,
    activity_interference: Annotated[Optional[str], _text(measures.INTERFERENCE[0], _A)] = None,
    mood_interference: Annotated[Optional[str], _text(measures.INTERFERENCE[1], _A)] = None,
    walking_interference: Annotated[Optional[str], _text(measures.INTERFERENCE[2], _A)] = None,
    work_interference: Annotated[Optional[str], _text(measures.INTERFERENCE[3], _A)] = None,
    relations_interference: Annotated[Optional[str], _text(measures.INTERFERENCE[4], _A)] = None,
    sleep_interference: Annotated[Optional[str], _text(measures.INTERFERENCE[5], _A)] = None,
    enjoyment_interference: Annotated[Optional[str], _text(measures.INTERFERENCE[6], _A)] = None,
    walk_m: Annotated[Optional[str], _text(measures.WALK_M, _A)] = None,
    opioid_mme: Annotated[Optional[str], _text(measures.OPIOID_MME, _A)] = None,
    sleep_hours: Annotated[Optional[str], typer.Option("--sleep-hours", metavar="HOURS", help="Hours of sleep (an assessment's typical night, a diary entry's last night).")] = None,
    exercise_sessions: Annotated[Optional[str], _text(measures.EXERCISE_SESSIONS, _A)] = None,
    mindfulness_min: Annotated[Optional[str], _text(measures.MINDFULNESS_MIN, _A)] = None,
    red_flag: Annotated[Optional[list[str]], typer.Option("--red-flag", metavar="NAME", rich_help_panel=_A, help="The red-flag screen answered by flags: these yes (repeatable).")] = None,
    no_red_flags: Annotated[bool, typer.Option("--no-red-flags", rich_help_panel=_A, help="The red-flag screen answered: no to every item.")] = False,
    phq9: Annotated[Optional[str], typer.Option("--phq9", metavar="A,B,…", rich_help_panel=_A, help="PHQ-9: nine answers 0-3.")] = None,
    gad7: Annotated[Optional[str], typer.Option("--gad7", metavar="A,B,…", rich_help_panel=_A, help="GAD-7: seven answers 0-3.")] = None,
    goal_ability: Annotated[Optional[list[str]], typer.Option("--goal-ability", metavar="0-10", rich_help_panel=_A, help="Each goal's rating, in goal order (repeatable).")] = None,
    side_effect: Annotated[Optional[list[str]], typer.Option("--side-effect", metavar="NAME", rich_help_panel=_A, help="Side effects (repeatable; replaces the list).")] = None,
    pgic: Annotated[Optional[str], _text(measures.PGIC, _A)] = None,
    duration_months: Annotated[Optional[str], _text(measures.DURATION_MONTHS, _A)] = None,
    location: Annotated[Optional[list[str]], typer.Option("--location", metavar="TEXT", rich_help_panel=_A, help="Where it hurts (repeatable; replaces the list).")] = None,
    goal: Annotated[Optional[list[str]], typer.Option("--goal", metavar="TEXT", rich_help_panel=_A, help="The goals (repeatable; replaces the list).")] = None,
    pain: Annotated[Optional[str], _text(measures.PAIN, _D)] = None,
    mood: Annotated[Optional[str], _text(measures.DIARY_BY_NAME["mood"], _D)] = None,
    stress: Annotated[Optional[str], _text(measures.DIARY_BY_NAME["stress"], _D)] = None,
    activity_min: Annotated[Optional[str], _text(measures.DIARY_BY_NAME["activity_min"], _D)] = None,
    text: Annotated[Optional[str], typer.Option("--text", metavar="TEXT", rich_help_panel=_E, help="The evidence's words.")] = None,
    category: Annotated[Optional[str], typer.Option("--category", metavar="C", rich_help_panel=_E, help="The evidence's category.")] = None,
    note: Annotated[Optional[str], typer.Option("--note", metavar="TEXT", help="The entry's note.")] = None,
    clear: Annotated[Optional[list[str]], typer.Option("--clear", metavar="FIELD", help="Remove a field's value, e.g. --clear walk-m (repeatable).")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask.")] = False,
) -> None:
    """Correct one entry: only the fields given change (validated as on entry); --clear FIELD removes one."""
    from paintrack.cli import parse
    from paintrack.domain import corrections, history

    session: Session = ctx.obj
    today = session.today()
    # 1. which entry, and the new values (each parsed as on entry)
    what = _target(target)
    key = parse.entry_key(what, key, today)
    params = dict(ctx.params)
    values = _edit_values(what, params, today)
    cleared = [c.strip().lower().replace("-", "_") for c in clear or []]
    journal = session.store.read()
    try:
        _, before, after = corrections.edit(journal, what, key, values, cleared)  # type: ignore[arg-type]
    except corrections.Unchanged as e:  # nothing saved, nothing recorded: not an error
        typer.echo(f"Nothing was changed: {e.message}.")
        return
    _check_edited(after, journal, can_prompt(no_input))
    # 2. save, then what changed
    session.commit("correction", lambda j: history.commit(
        j, corrections.edit(j, what, key, values, cleared)[0], session.now(),  # type: ignore[arg-type]
        f"edit {what}" + (f" {key}" if key else "")))
    from paintrack.render.terminal import listing

    typer.echo(listing.changed(before, after))


def _target(raw: str) -> str:
    what = raw.strip().lower()
    if what not in TARGETS:
        raise InputError(f"choose one of {', '.join(TARGETS)}")
    return what


_ASSESSMENT_ONLY = ("nrs", "worst", "least", "now", *measures.BY_NAME, "red_flag", "no_red_flags", "phq9", "gad7",
                    "goal_ability", "side_effect", "pgic", "duration_months", "location", "goal")
_DIARY_ONLY = ("pain", "mood", "stress", "activity_min")
_EVIDENCE_ONLY = ("text", "category")
_ALLOWED = {
    "baseline": tuple(n for n in (*_ASSESSMENT_ONLY, "note") if n not in ("pgic", "side_effect")),
    "update": tuple(n for n in (*_ASSESSMENT_ONLY, "note") if n not in ("duration_months", "location", "goal")),
    "log": (*_DIARY_ONLY, "sleep_hours", "note"),
    "evidence": _EVIDENCE_ONLY,
}
_HINTS = {
    ("mood", "baseline"): "--mood is for diary entries; an assessment has --mood-interference",
    ("mood", "update"): "--mood is for diary entries; an assessment has --mood-interference",
    ("pgic", "baseline"): "the impression of change (PGIC) is asked at updates",
    ("side_effect", "baseline"): "side effects are recorded at updates",
    ("duration_months", "update"): "the pain's duration, its locations and the goals belong to the baseline",
    ("location", "update"): "the pain's duration, its locations and the goals belong to the baseline",
    ("goal", "update"): "the goals belong to the baseline; an update rates them with --goal-ability",
}


def _edit_values(what: str, params: dict[str, Any], today: Any) -> dict[str, Any]:
    from paintrack.cli import parse
    from paintrack.domain import instruments, redflags
    from paintrack.domain.corrections import NOUN
    from paintrack.domain.records import RedFlagScreen

    def given(name: str) -> bool:
        value = params.get(name)
        return value not in (None, False, [], ())

    for name in (*_ASSESSMENT_ONLY, *_DIARY_ONLY, *_EVIDENCE_ONLY, "sleep_hours", "note"):
        if given(name) and name not in _ALLOWED[what]:
            raise InputError(f"--{name.replace('_', '-')} does not apply to {NOUN[what]}",
                             hint=_HINTS.get((name, what), f"`paintrack edit {what} --help` lists its fields"))
    values: dict[str, Any] = {}
    if given("date"):
        values["date"] = parse.parse_date(params["date"], today=today)
    if what in ("baseline", "update"):
        for m in (*measures.ASSESSMENT, measures.DURATION_MONTHS, measures.PGIC):
            if given(m.name):
                values[m.name] = parse.number(params[m.name], m)
        if given("red_flag") and given("no_red_flags"):
            raise InputError("--red-flag and --no-red-flags contradict each other")
        if given("red_flag"):
            names = [parse.red_flag(r) for r in params["red_flag"]]
            values["red_flag_screen"] = RedFlagScreen("flags", tuple((n, True) for n in redflags.NAMES if n in names))
        if given("no_red_flags"):
            values["red_flag_screen"] = RedFlagScreen("flags", tuple((n, False) for n in redflags.NAMES))
        if given("phq9"):
            values["phq9"] = parse.answers(params["phq9"], len(instruments.PHQ9_ITEMS), "--phq9")
        if given("gad7"):
            values["gad7"] = parse.answers(params["gad7"], len(instruments.GAD7_ITEMS), "--gad7")
        if given("goal_ability"):
            values["goal_ability"] = tuple(int(parse.number(r, measures.GOAL_ABILITY, "--goal-ability"))
                                           for r in params["goal_ability"])
        if given("side_effect"):
            values["side_effects"] = tuple(dict.fromkeys(parse.side_effect(r) for r in params["side_effect"]))
        if given("location"):
            values["locations"] = tuple(parse.parse_text(x, "--location", 200) for x in params["location"])
        if given("goal"):
            values["goals"] = tuple(parse.parse_text(x, "--goal", 200) for x in params["goal"])
    if what == "log":
        for name in ("pain", "sleep_hours", "mood", "stress", "activity_min"):
            if given(name):
                v = parse.number(params[name], measures.DIARY_BY_NAME[name])
                values[name] = float(v) if name == "sleep_hours" else int(v)
    elif given("sleep_hours"):
        values["sleep_hours"] = float(parse.number(params["sleep_hours"], measures.SLEEP_HOURS))
    if what == "evidence":
        if given("text"):
            values["text"] = parse.parse_text(params["text"], "--text")
        if given("category"):
            values["category"] = parse.category(params["category"])
    if given("note"):
        values["note"] = parse.parse_text(params["note"], "--note")
    for name in ("walk_m", "opioid_mme"):
        if name in values:
            values[name] = float(values[name])
    return values


def _check_edited(after: Any, journal: Any, interactive: bool) -> None:
    """An edited assessment is checked as on entry: least ≤ average ≤ worst (on a terminal, asked
    to confirm). The goal ratings are checked by `corrections.edit`."""
    from paintrack.domain.records import Assessment

    if not isinstance(after, Assessment):
        return
    from paintrack.cli.assessment_input import _check_plausible

    _check_plausible({k: getattr(after, k) for k in ("least", "nrs", "worst")}, interactive)


def _confirm(question: str, yes: bool, no_input: bool, flag: str = "--yes") -> None:
    if yes:
        return
    if can_prompt(no_input):
        from paintrack.cli.interview import confirm_or_stop

        confirm_or_stop(question)
        return
    raise InputError(f"this needs confirming: add {flag}", hint="nothing was changed")


@app.command(rich_help_panel="Your data")
def delete(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="update|log|evidence", help="Which kind of entry.")],
    key: Annotated[Optional[str], typer.Argument(metavar="DATE|N", help="The entry's date (YYYY-MM-DD, today, yesterday or 'N days ago') or evidence number.", show_default=False)] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (needed when not on a terminal).")] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask.")] = False,
) -> None:
    """Delete one entry; it stays in the history (`paintrack undo` brings it back)."""
    from paintrack.cli import parse
    from paintrack.domain import corrections, history

    session: Session = ctx.obj
    what = _target(target)
    key = parse.entry_key(what, key, session.today())
    journal = session.store.read()
    changes, before = corrections.delete(journal, what, key)  # type: ignore[arg-type]
    history.commit(journal, changes, session.now(), "delete")  # refused now, before asking (a red flag)
    from paintrack.render.terminal import listing

    _confirm(clean(f"Delete {listing.describe(before)}?"), yes, no_input)
    session.commit("deletion", lambda j: history.commit(
        j, corrections.delete(j, what, key)[0], session.now(), f"delete {what}" + (f" {key}" if key else "")))  # type: ignore[arg-type]
    typer.echo(clean(f"Deleted {listing.describe(before)}. It is kept in the history: `paintrack undo` "
                     "brings it back."))


@app.command(rich_help_panel="Your data")
def undo(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (needed when not on a terminal).")] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask.")] = False,
) -> None:
    """Revert the latest change; again for the one before (every undo is recorded too)."""
    from paintrack.domain import history

    session: Session = ctx.obj
    journal = session.store.read()
    target = history.undoable(journal)
    if target is None:
        from paintrack.errors import PaintrackError

        raise PaintrackError("there is nothing to undo", hint="`paintrack history` lists the changes")
    history.undo(journal, session.now())  # refused now, before asking (a red flag, a later change)
    what = "; ".join(history.describe(c) for c in target.changes)
    asked = not yes
    _confirm(clean(f"Undo change {target.number} ({target.command}: {what})?"), yes, no_input)
    undone: list[Any] = []

    def revert(j):
        latest = history.undoable(j)
        if latest is None:
            from paintrack.errors import PaintrackError

            raise PaintrackError("there is nothing to undo", hint="`paintrack history` lists the changes")
        # With --yes, the latest change at the time of the write is undone (taken under the lock);
        # after a question, only the change the person confirmed.
        if asked and latest.number != target.number:  # another paintrack changed it meanwhile
            from paintrack.errors import PaintrackError

            raise PaintrackError("the journal changed while you were asked", hint="nothing was undone; run "
                                 "`paintrack undo` again to see what it would revert now")
        new, entry = history.undo(j, session.now())
        undone.append(entry)
        return new

    session.commit("undo", revert)
    entry = undone[0]
    typer.echo(clean(f"Undid change {entry.number} ({entry.command}: "
                     + "; ".join(history.describe(c) for c in entry.changes) + ")."))


@app.command(rich_help_panel="Your data")
def history(
    ctx: typer.Context,
    last: Annotated[Optional[str], typer.Option("--last", metavar="N", help="Only the latest N changes.")] = None,
) -> None:
    """Every change of the journal: when, by which command, what it changed; undone ones marked."""
    from paintrack.cli import parse
    from paintrack.render.terminal import listing

    session: Session = ctx.obj
    count = parse.positive_int(last, "--last") if last is not None else None
    listing.history(session.console, session.store.snapshot(), count)
