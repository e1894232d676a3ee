"""`paintrack evidence add TEXT` and `paintrack evidence` (list): the evidence sheet."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from paintrack.cli.app import app
from paintrack.cli.session import Session, can_prompt
from paintrack.domain.evidence import CATEGORIES, DEFAULT_CATEGORY
from paintrack.errors import InputError

evidence_app = typer.Typer(
    help="The evidence sheet: observations that suggest your pain is learned by the brain (neuroplastic) "
    "rather than driven by damage. `paintrack evidence` lists it.",
    no_args_is_help=False,
    invoke_without_command=True,
)
app.add_typer(evidence_app, name="evidence", rich_help_panel="Measure")
_CATEGORY_HELP = "Category (default: other): " + "; ".join(f"{k} = {v}" for k, v in CATEGORIES.items()) + "."


@evidence_app.callback()
def evidence(ctx: typer.Context) -> None:
    """The evidence sheet. Without a subcommand, list it."""
    if ctx.invoked_subcommand is None:
        _show(ctx.obj)


@evidence_app.command("list")
def list_(ctx: typer.Context) -> None:
    """List the evidence sheet (the same as `paintrack evidence`)."""
    _show(ctx.obj)


@evidence_app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[Optional[list[str]], typer.Argument(
        metavar="TEXT", help="What you noticed, in your own words (several words are joined with spaces; quotes are optional).",
        show_default=False)] = None,
    category: Annotated[Optional[str], typer.Option("--category", metavar="C", help=_CATEGORY_HELP)] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="When you noticed it: YYYY-MM-DD, today, yesterday or 'N days ago'. Default: today.")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask; a missing TEXT is an error.")] = False,
) -> None:
    """Add one observation to the evidence sheet (on a terminal without --category, the list is offered).

    The words of TEXT may be given unquoted, as jrnl takes them: they are joined with spaces."""
    from paintrack.cli import interview, parse
    from paintrack.domain import history, recording

    session: Session = ctx.obj
    interactive = can_prompt(no_input)
    # 1. read the values (exit 2 on a bad one)
    when = parse.parse_date(date, today=session.today()) if date is not None else session.today()
    kind = parse.category(category) if category is not None else None
    said = parse.parse_text(" ".join(text), "TEXT") if text else None  # `evidence add felt it less`
    # 2. ask what is missing, on a terminal
    if said is None:
        if not interactive:
            raise InputError("missing TEXT (what you noticed)",
                             hint='e.g. `paintrack evidence add "pain moved to the other knee" --category inconsistent`')
        said = interview.run([interview.Question("text", "What did you notice?",
                                                 lambda raw: parse.parse_text(raw, "answer"), required=True)],
                             "", review=False)["text"]
    if kind is None:
        kind = _ask_category() if interactive else DEFAULT_CATEGORY
    # 3. save, then one line back
    journal = session.commit("evidence entry", lambda j: history.commit(
        j, recording.evidence_changes(j, when, kind, said), session.now(), "evidence add"))
    total, number = len(journal.evidence), journal.evidence[-1].number
    typer.echo(f"Added evidence {number} ({kind}, {when}); the sheet has {total} entr{'y' if total == 1 else 'ies'}.")


def _ask_category() -> str:
    from paintrack.cli import interview, parse

    ids = list(CATEGORIES)
    interview.say("Which kind of evidence is it?")
    for i, (name, meaning) in enumerate(CATEGORIES.items(), 1):
        interview.say(f"{i}. {name}: {meaning}", indent=2)

    def pick(raw: str) -> str:
        text = raw.strip()
        if text.isdigit() and 1 <= int(text) <= len(ids):
            return ids[int(text) - 1]
        return parse.category(text, "category")

    answer = interview.run([interview.Question("category", f"Category (1-{len(ids)} or its name)", pick)], "",
                           review=False)
    return str(answer.get("category", DEFAULT_CATEGORY))


def _show(session: Session) -> None:
    from paintrack.render.terminal import evidence as view

    view.show(session.console, session.store.snapshot())
