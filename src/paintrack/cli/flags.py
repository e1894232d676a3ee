"""`paintrack flags`: every red flag reported and its state; `--assessed` records that a
clinician assessed the active flags (and a pain duration under three months), which opens the
plan gate for them."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from paintrack.cli.app import app
from paintrack.cli.session import Session


@app.command(rich_help_panel="Measure")
def flags(
    ctx: typer.Context,
    assessed: Annotated[bool, typer.Option("--assessed", help="A clinician has assessed the active red flags (and a pain duration under three months).")] = False,
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="When the clinician assessed them (default today).")] = None,
    note: Annotated[Optional[str], typer.Option("--note", metavar="TEXT", help="What the clinician said, in your words.")] = None,
) -> None:
    """Red flags reported, active or assessed; record a clinician's assessment with --assessed."""
    from paintrack.cli import parse
    from paintrack.domain import history, recording
    from paintrack.errors import InputError
    from paintrack.render.terminal import flags as view

    session: Session = ctx.obj
    today = session.today()
    if not assessed and (date is not None or note is not None):
        raise InputError("--date and --note go with --assessed")
    if assessed:
        when = parse.parse_date(date, today=today) if date is not None else today
        said = parse.parse_text(note, "--note") if note is not None else None
        session.commit("clinician's assessment", lambda j: history.commit(
            j, recording.review_changes(j, when, said), session.now(), "flags --assessed"))
    view.show(session.console, session.store.snapshot())
