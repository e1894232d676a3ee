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
    """The command to try next: the demo's report as a web page (when this build has it), with
    the program named as this shell can run it."""
    import importlib.util
    import shlex

    report = "report --format html -o demo.html" if importlib.util.find_spec("paintrack.render.formats.html") \
        else "report"
    return f"{program()} --journal {shlex.quote(str(path))} {report}"


def program() -> str:
    """How to run paintrack again from here: `paintrack` when that is on PATH and is this
    program; else the path it was run by (relative to the current folder when it is inside it,
    e.g. `.venv/bin/paintrack` right after the README's first command), or `PYTHON -m paintrack`
    when run that way."""
    import os
    import shlex
    import shutil
    import sys

    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name in ("paintrack", "paintrack.__main__"):  # python -m paintrack
        name = os.path.basename(sys.executable)
        found = shutil.which(name)  # by path: a venv's python is a link to one that lacks paintrack
        python = name if found and os.path.abspath(found) == os.path.abspath(sys.executable) else _shown(sys.executable)
        return f"{shlex.quote(python)} -m paintrack"
    argv0 = sys.argv[0] if sys.argv else ""
    if os.path.splitext(os.path.basename(argv0))[0] != "paintrack" or _same(shutil.which("paintrack"), argv0):
        return "paintrack"  # on PATH (or paintrack is run from within another program: its usual name)
    return shlex.quote(_shown(argv0))


def _same(found: str | None, path: str) -> bool:
    import os

    try:
        return found is not None and os.path.samefile(found, path)
    except OSError:
        return False


def _shown(path: str) -> str:
    """`path` relative to the current folder when it lies inside it (with a `/` so the shell
    does not look it up on PATH), else absolute."""
    import os

    full = os.path.abspath(path)
    try:
        relative = os.path.relpath(full)
    except ValueError:  # another drive (Windows)
        return full
    if relative.startswith(os.pardir):
        return full
    return relative if os.sep in relative else os.path.join(os.curdir, relative)
