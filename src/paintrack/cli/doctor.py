"""`paintrack doctor`: check the journal, its backups and its folder; restore a backup.

The checks live in `storage/doctor.py`; this runs them and shows one table: exit 0 when all is
well, 1 when something is wrong.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from paintrack.cli.app import app
from paintrack.cli.session import Session
from paintrack.render.terminal import clean


@app.command(rich_help_panel="Your data")
def doctor(
    ctx: typer.Context,
    restore_backup: Annotated[bool, typer.Option(
        "--restore-backup",
        help="Put a backup back as the journal: backup N if given (1 = newest), else the newest that loads. "
             "The current file is kept aside as <journal>.replaced-<time>, and the restore is recorded in the history.")] = False,
    n: Annotated[Optional[str], typer.Argument(metavar="N", help="With --restore-backup: which backup (1 = newest).", show_default=False)] = None,
) -> None:
    """Check the journal: valid, private, backups loadable, no leftovers, lock free."""
    from paintrack.cli import parse
    from paintrack.errors import InputError
    from paintrack.storage import doctor as checks
    from paintrack.storage.store import BACKUPS

    session: Session = ctx.obj
    store = session.store
    # 1. restore first when asked (the check below then shows the result)
    if n is not None and not restore_backup:
        raise InputError("a backup number only goes with --restore-backup")
    if restore_backup:
        number = parse.positive_int(n, "--restore-backup N", 1, BACKUPS) if n is not None else None
        number, kept, changed = checks.restore_backup(store, number, session.now())
        if changed:
            session.saved = "restore"
            typer.echo(f"Restored backup {number} as {clean(str(store.path))}.")
        else:
            typer.echo(f"Backup {number} holds what the journal holds: nothing was changed.")
        if kept is not None:
            typer.echo(f"The file it replaced is kept as {clean(str(kept))}.")
    # 2. every check, in one table
    from paintrack.render.terminal import doctor as view

    found = checks.checkup(store)
    view.show(session.console, store.path, [(c.name, c.status == checks.PROBLEM, c.detail) for c in found])
    if any(c.status == checks.PROBLEM for c in found):
        raise typer.Exit(1)
