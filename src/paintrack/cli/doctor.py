"""`paintrack doctor`: check the journal, its backups and its folder; restore a backup.

The checks themselves live in `store` (the only code that touches the journal files); this
command runs them, shows one table and exits 0 when all is well, 1 when something is wrong.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from paintrack.cli import app
from paintrack.cli.session import Session


@app.command(rich_help_panel="Your data")
def doctor(
    ctx: typer.Context,
    restore_backup: Annotated[
        bool,
        typer.Option(
            "--restore-backup",
            help="Put a backup back as the journal: backup N if given (1 = newest), else the newest "
            "that loads. The current file is kept aside as <journal>.replaced-<time>; nothing is deleted.",
        ),
    ] = False,
    n: Annotated[
        Optional[str],
        typer.Argument(metavar="N", help="With --restore-backup: which backup (1 = newest).", show_default=False),
    ] = None,
) -> None:
    """Check the journal: valid, private, backups loadable, no leftovers, lock free."""
    from paintrack.errors import InputError
    from paintrack.store import BACKUPS, PROBLEM

    session: Session = ctx.obj
    store = session.store
    # 1. restore first when asked (the check below then shows the result)
    if n is not None and not restore_backup:
        raise InputError(f"a backup number ({n[:24]!r}) only goes with --restore-backup")
    if restore_backup:
        number = None
        if n is not None:
            if not (n.isascii() and n.isdigit() and 1 <= int(n) <= BACKUPS):
                raise InputError(f"--restore-backup N must be a backup number from 1 to {BACKUPS}; got {n[:24]!r}")
            number = int(n)
        number, kept = store.restore_backup(number)
        typer.echo(f"Restored backup {number} as {store.path}.")
        if kept is not None:
            typer.echo(f"The file it replaced is kept as {kept}.")
    # 2. run every check and show them in one table
    checks = store.checkup()
    from rich.table import Table

    from paintrack.render import terminal

    table = Table(title=f"Journal check: {store.path}", show_header=True, header_style="bold", title_justify="left")
    table.add_column("Check")
    table.add_column("Status")
    table.add_column("Detail", overflow="fold")
    for check in checks:
        status = "[green]ok[/]" if check.status != PROBLEM else "[bold red]PROBLEM[/]"
        table.add_row(check.name, status, check.detail)
    terminal.console().print(table)
    if any(c.status == PROBLEM for c in checks):
        raise typer.Exit(1)
