"""`paintrack demo`: a sample journal in one temporary folder of its own (never the user's
journal; each demo replaces the last), and its report."""

from __future__ import annotations

from pathlib import Path

import typer

from paintrack.cli.app import app
from paintrack.cli.session import Session


@app.command(rich_help_panel="Start here")
def demo(ctx: typer.Context) -> None:
    """Write a realistic six-month sample journal to a temporary folder and show its report."""
    from paintrack.domain.demo import sample_journal
    from paintrack.domain.report import build_report
    from paintrack.render.terminal import text
    from paintrack.render.terminal.report import show
    from paintrack.storage.catalogue_file import load_catalogue
    from paintrack.storage.store import Store, demo_folder

    session: Session = ctx.obj
    today = session.today()
    # 1. the demo's own private folder (the same one each time): never the user's journal
    store = Store(demo_folder() / "journal.json")
    # 2. the sample journal, dated so that its last update is today, replacing the last demo's
    store.replace_all(sample_journal(today), session.now())
    # 3. its report, read back from the file as `paintrack report` would
    show(build_report(store.read(), load_catalogue(), today), session.console)
    session.console.print()
    # 4. the hint, runnable as printed (the path quoted for the shell)
    session.console.print(text(f"Sample journal: {store.path}"))
    session.console.print(text(f"Try: {hint(store.path)}"), no_wrap=True, overflow="ignore", crop=False)


def hint(path: Path) -> str:
    """The command to try next: the demo's report as a web page (when this build has it)."""
    import importlib.util
    import shlex

    report = "report --format html -o demo.html" if importlib.util.find_spec("paintrack.render.formats.html") \
        else "report"
    return f"paintrack --journal {shlex.quote(str(path))} {report}"
