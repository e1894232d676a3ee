"""`paintrack log PAIN`: the evening diary entry, one a day.

Typed every evening, so it stays fast: no rich; the reply is one plain line (two once there is
a week of entries, and one more when the four-weekly update is due).
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from paintrack.cli.app import app
from paintrack.cli.session import Session, can_prompt
from paintrack.domain import measures
from paintrack.errors import InputError

_D = measures.DIARY_BY_NAME


def _opt(name: str, metavar: str) -> Any:
    m = _D[name]
    return typer.Option(m.flag, metavar=metavar, help=f"{m.label[0].upper()}{m.label[1:]}.")


# ignore_unknown_options: a negative PAIN ("log -1") reaches the PAIN check instead of reading
# as an unknown option; a real unknown option is still refused as an extra argument.
@app.command(rich_help_panel="Measure", context_settings={"ignore_unknown_options": True})
def log(
    ctx: typer.Context,
    pain: Annotated[Optional[str], typer.Argument(metavar="PAIN", help="Pain today, 0 no pain … 10 as bad as you can imagine.", show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="Day of the entry: YYYY-MM-DD, today, yesterday or 'N days ago'. Default: today.")] = None,
    sleep_hours: Annotated[Optional[str], _opt("sleep_hours", "0-24")] = None,
    mood: Annotated[Optional[str], _opt("mood", "0-10")] = None,
    stress: Annotated[Optional[str], _opt("stress", "0-10")] = None,
    activity_min: Annotated[Optional[str], _opt("activity_min", "0-1440")] = None,
    note: Annotated[Optional[str], typer.Option("--note", metavar="TEXT", help="Free text.")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace the entry already made for that day (names what it drops).")] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask; a missing PAIN is an error.")] = False,
) -> None:
    """Diary: today's pain (0-10), and optionally sleep, mood, stress, activity and a note. One entry a day."""
    from paintrack.cli import parse
    from paintrack.domain import history, recording
    from paintrack.domain.records import DiaryEntry

    session: Session = ctx.obj
    today = session.today()
    interactive = can_prompt(no_input)
    # 1. read the values: a bad one fails here (exit 2)
    when = parse.parse_date(date, today=today) if date is not None else today
    values: dict[str, int | float] = {}
    for name, raw in (("sleep_hours", sleep_hours), ("mood", mood), ("stress", stress), ("activity_min", activity_min)):
        if raw is not None:
            values[name] = parse.number(raw, _D[name])
    if pain is not None:
        values["pain"] = parse.number(pain, measures.PAIN, "PAIN")
    text = parse.parse_text(note, "--note") if note is not None else None
    if "pain" not in values and not interactive:
        raise InputError(f"missing PAIN ({measures.PAIN.label}, {parse.range_text(measures.PAIN)})",
                         hint="give it as the first argument, e.g. `paintrack log 4`, or run on a terminal")
    # 2. one entry a day: refuse a second one early (or, on a terminal, offer to replace it)
    existing = session.store.read()
    same = recording.same_day_log(existing, when)
    if same is not None and interactive:  # ask; and --replace asks too when it would drop something
        drops = _drops(same, DiaryEntry(when, 0, _float(values.get("sleep_hours")), _int(values.get("mood")),
                                        _int(values.get("stress")), _int(values.get("activity_min")), text))
        if not replace or drops:
            from paintrack.cli.interview import confirm_or_stop

            said = f"; replacing it drops its {drops}" if drops else ""
            replace = confirm_or_stop(f"There is already a diary entry on {when}{said}. Replace it?")
    old = recording.check_log(existing, when, replace)
    # 3. a missing PAIN is asked (only on a terminal)
    if "pain" not in values:
        from paintrack.cli import interview

        m = measures.PAIN
        answers = interview.run([interview.Question("pain", "Your pain today (0-10)",
                                                    lambda raw: parse.number(raw, m, "answer"),
                                                    help=measures.PAIN_ANCHORS, required=True)], "", review=False)
        values["pain"] = answers["pain"]
    entry = DiaryEntry(when, int(values["pain"]), _float(values.get("sleep_hours")), _int(values.get("mood")),
                       _int(values.get("stress")), _int(values.get("activity_min")), text)
    if old is not None and not interactive and _drops(old, entry):
        session.warn(f"--replace drops that day's {_drops(old, entry)} (kept in the history; "
                     "`paintrack undo` brings it back)", "note")
    # 4. save under the lock (re-checked there), then a line back
    journal = session.commit("diary entry", lambda j: history.commit(
        j, recording.log_changes(j, entry, replace), session.now(), "log --replace" if replace else "log"))
    typer.echo(_confirmation(entry, old is not None))
    if len(journal.diary) >= 7:
        recent = recording.recent_mean(journal.diary, when)
        if recent is not None:
            mean, count = recent
            typer.echo(f"Mean pain over the 7 days to {when}: {mean:.1f} ({count} of 7 days logged).")
    due = recording.update_due(journal, today)
    if due is not None:
        day, late = due
        when_due = "due today" if late == 0 else f"{late} day{'s' if late != 1 else ''} overdue (it was due {day})"
        typer.echo(f"Your four-weekly update is {when_due}: run `paintrack update` to re-measure.")


def _drops(old: Any, new: Any) -> str:
    """The fields `--replace` would drop, named as their flags are ('sleep-hours, note')."""
    from paintrack.domain import recording

    return ", ".join(n.replace("_", "-") for n in recording.dropped_fields(old, new) if n != "date")


def _float(v: int | float | None) -> float | None:
    return None if v is None else float(v)


def _int(v: int | float | None) -> int | None:
    return None if v is None else int(v)


def _confirmation(entry, replaced: bool) -> str:
    parts = [f"pain {entry.pain}"]
    if entry.sleep_hours is not None:
        parts.append(f"sleep {entry.sleep_hours:g} h")
    if entry.mood is not None:
        parts.append(f"mood {entry.mood}")
    if entry.stress is not None:
        parts.append(f"stress {entry.stress}")
    if entry.activity_min is not None:
        parts.append(f"activity {entry.activity_min} min")
    verb = "Replaced the entry for" if replaced else "Logged"
    return f"{verb} {entry.date}: {', '.join(parts)}."
