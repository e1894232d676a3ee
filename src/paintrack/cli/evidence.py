"""`paintrack evidence add TEXT` and `paintrack evidence` (list): the evidence sheet."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from paintrack import measures
from paintrack.cli import app
from paintrack.cli.session import Session, can_prompt
from paintrack.errors import InputError
from paintrack.evidence import CATEGORIES, DEFAULT_CATEGORY

evidence_app = typer.Typer(
    help=(
        "The evidence sheet: observations that suggest your pain is learned by the brain "
        "(neuroplastic) rather than driven by damage. `paintrack evidence` lists it."
    ),
    no_args_is_help=False,
    invoke_without_command=True,
)
app.add_typer(evidence_app, name="evidence", rich_help_panel="Measure")

_CATEGORY_HELP = "Category (default: other): " + "; ".join(f"{k} = {v}" for k, v in CATEGORIES.items()) + "."


@evidence_app.callback()
def evidence(ctx: typer.Context) -> None:
    """The evidence sheet: observations that suggest your pain is learned by the brain
    (neuroplastic). Without a subcommand, list it."""
    if ctx.invoked_subcommand is None:
        _show(ctx.obj)


@evidence_app.command("list")
def list_(ctx: typer.Context) -> None:
    """List the evidence sheet (the same as `paintrack evidence`)."""
    _show(ctx.obj)


@evidence_app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[Optional[str], typer.Argument(metavar="TEXT", help="What you noticed, in your own words.", show_default=False)] = None,
    category: Annotated[Optional[str], typer.Option("--category", metavar="C", help=_CATEGORY_HELP)] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="When you noticed it. Default: today.")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask; a missing TEXT is an error.")] = False,
) -> None:
    """Add one observation to the evidence sheet.

    Categories (see --category): stress-onset, no-injury, inconsistent, triggers, symmetry, delayed, emotion-attention, other. On a terminal without --category, the list is offered; otherwise the default is "other".
    """
    from paintrack import evidence as sheet

    session: Session = ctx.obj
    interactive = can_prompt(no_input)
    # 1. read the values: a bad one fails here (exit 2), before anything is asked or written
    when = measures.parse_date(date, today=session.today()) if date is not None else session.today()
    kind = sheet.parse_category(category) if category is not None else None
    said = measures.parse_text(text, "TEXT", sheet.MAX_TEXT) if text is not None else None
    # 2. ask what is missing, on a terminal
    if said is None:
        if not interactive:
            raise InputError(
                "missing TEXT (what you noticed)",
                hint='give it as the argument, e.g. `paintrack evidence add "pain moved to the other knee" --category inconsistent`',
            )
        said = _ask_text()
    if kind is None:
        kind = _ask_category() if interactive else DEFAULT_CATEGORY
    # 3. save, then one line back
    from paintrack.models import EvidenceEntry

    entry = EvidenceEntry(date=when, category=kind, text=said)
    with session.store.transaction() as journal:
        journal.evidence.append(entry)
        total = len(journal.evidence)
    session.tell_notices()
    typer.echo(f"Added to the evidence sheet ({kind}, {when}); it now has {total} entr{'y' if total == 1 else 'ies'}.")


def _ask_text() -> str:
    while True:
        raw = typer.prompt("What did you notice?", default="", show_default=False)
        try:
            return measures.parse_text(raw, "answer", 2000)
        except InputError as e:
            typer.echo(f"  {e.message}; please try again", err=True)


def _ask_category() -> str:
    from paintrack import evidence as sheet

    ids = list(CATEGORIES)
    typer.echo("Which kind of evidence is it?")
    for i, (name, meaning) in enumerate(CATEGORIES.items(), 1):
        typer.echo(f"  {i}. {name}: {meaning}")
    while True:
        raw = typer.prompt(f"Category (1-{len(ids)} or its name, Enter for {DEFAULT_CATEGORY})", default="", show_default=False)
        text = raw.strip()
        if not text:
            return DEFAULT_CATEGORY
        if text.isdigit() and 1 <= int(text) <= len(ids):
            return ids[int(text) - 1]
        try:
            return sheet.parse_category(text, field="category")
        except InputError as e:
            typer.echo(f"  {e.message}; please try again", err=True)


def _show(session: Session) -> None:
    from paintrack import evidence as sheet
    from paintrack.render.evidence_view import category_counts, evidence_table

    journal = session.store.snapshot()  # only shown: a sealed journal needs no validation
    from paintrack.render import terminal

    out = terminal.console()
    if not journal.evidence:
        out.print("The evidence sheet is empty. Add what you notice, for example:")
        out.print('  paintrack evidence add "pain is worse on stressful work days" --category triggers')
        out.print("Categories: " + ", ".join(CATEGORIES) + " (`paintrack evidence add --help` explains each).")
        return
    out.print(evidence_table(sheet.evidence_section(journal.evidence)))
    out.print(category_counts(sheet.evidence_counts(journal.evidence)))
