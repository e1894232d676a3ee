"""`paintrack log PAIN`: the evening diary entry, one a day.

Typed every evening, so it stays fast: no rich, no renderer; the journal models come in with
the store, and the reply is one plain line (two once there is a week of entries).
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from paintrack import measures
from paintrack.cli import app
from paintrack.cli.session import Session, can_prompt
from paintrack.errors import InputError

_D = measures.DIARY_BY_NAME


def _opt(name: str, metavar: str):
    m = _D[name]
    return Annotated[Optional[str], typer.Option(m.flag, metavar=metavar, help=f"{m.label[0].upper()}{m.label[1:]}.")]


# ignore_unknown_options: a negative PAIN ("log -1") reaches the PAIN check instead of
# reading as an unknown option; a real unknown option is still refused as an extra argument.
@app.command(rich_help_panel="Measure", context_settings={"ignore_unknown_options": True})
def log(
    ctx: typer.Context,
    pain: Annotated[
        Optional[str], typer.Argument(metavar="PAIN", help="Pain today, 0 no pain … 10 worst imaginable (a whole number).", show_default=False)
    ] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="Day of the entry. Default: today.")] = None,
    sleep_hours: _opt("sleep_hours", "0-24") = None,
    mood: _opt("mood", "0-10") = None,
    stress: _opt("stress", "0-10") = None,
    activity_min: _opt("activity_min", "0-1440") = None,
    note: Annotated[Optional[str], typer.Option("--note", metavar="TEXT", help="Free text.")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace the entry already made for that day.")] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask; a missing PAIN is an error.")] = False,
) -> None:
    """Diary: log today's pain (0-10), and optionally sleep, mood, stress and activity. One entry a day.

    On a terminal, a missing PAIN is asked (with nothing else given, every item is asked).
    """
    from paintrack import diary
    from paintrack.cli import ask

    session: Session = ctx.obj
    today = session.today()
    interactive = can_prompt(no_input)
    # 1. read the values: a bad one fails here (exit 2), before anything is asked or written
    when = measures.parse_date(date, today=today) if date is not None else today
    given = {"sleep_hours": sleep_hours, "mood": mood, "stress": stress, "activity_min": activity_min}
    values = ask.parse_flags(measures.DIARY[1:], given)
    if pain is not None:
        values["pain"] = measures.PAIN.parse(pain, field="PAIN")
    text = measures.parse_text(note, "--note") if note is not None else None
    if "pain" not in values and not interactive:
        raise InputError(
            f"missing PAIN ({measures.PAIN.label}, {measures.PAIN.range_text()})",
            hint="give it as the first argument, e.g. `paintrack log 4`, or run on a terminal without --no-input",
        )
    # 2. one entry a day: refuse a second one early (or, on a terminal, offer to replace it)
    existing = session.store.read()
    if not replace and interactive and diary.same_day(existing, when) is not None:
        replace = typer.confirm(f"There is already a diary entry on {when}. Replace it?", default=False)
    diary.check_log(existing, when, replace)
    # 3. a missing PAIN is asked (only on a terminal: without one it failed in step 1)
    if "pain" not in values:
        values = ask.fill_missing(values, measures.DIARY, True, required=frozenset({"pain"}))
    # 4. save under the lock (re-checked there), then one line back
    from paintrack.models import DiaryEntry

    entry = DiaryEntry(date=when, note=text, **values)
    with session.store.transaction() as journal:
        replaced = diary.record_log(journal, entry, replace)
        recent = diary.recent_mean(journal.diary, when) if len(journal.diary) >= diary.RECENT_DAYS else None
    session.tell_notices()
    typer.echo(_confirmation(entry, replaced is not None))
    if recent is not None:
        mean, count = recent
        typer.echo(f"Mean pain over the {diary.RECENT_DAYS} days to {when}: {mean:.1f} ({count} of {diary.RECENT_DAYS} days logged).")


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
