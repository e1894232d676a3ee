"""`paintrack demo`: a sample journal in a temporary folder, never the user's own."""

from __future__ import annotations

import typer

from paintrack.cli import app
from paintrack.cli.session import Session


@app.command(rich_help_panel="Start here")
def demo(ctx: typer.Context) -> None:
    """Write a realistic six-month sample journal to a temporary folder and show its report."""
    import tempfile
    from pathlib import Path

    from paintrack.catalogue import load_catalogue
    from paintrack.demo import sample_journal
    from paintrack.render.ansi import Screen
    from paintrack.render.progress import print_report
    from paintrack.report import build_report
    from paintrack.store import Store

    session: Session = ctx.obj
    today = session.today()
    # 1. a fresh private folder: the user's own journal is never touched
    folder = Path(tempfile.mkdtemp(prefix="paintrack-demo-"))
    store = Store(folder / "journal.json")
    # 2. the sample journal, dated so that its last update is today
    with store.transaction() as journal:
        sample = sample_journal(today)
        for name in type(sample).model_fields:
            setattr(journal, name, getattr(sample, name))
    # 3. its full report, read back from the file as `paintrack report` would
    screen = Screen()
    print_report(build_report(store.read(), load_catalogue(), today), screen)
    screen.print()
    screen.print(f"Sample journal: {store.path}  (try `paintrack --journal {store.path} report`)")
