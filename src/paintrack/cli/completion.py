"""`paintrack completion bash|zsh|fish`: print the shell's completion script (add it to your
shell's start-up file).

A command rather than typer's `--install-completion`: that option makes every start-up pay for
typer's completion set-up (and shell detection); here the cost falls only on this command and on
the completion requests themselves. The script calls `paintrack` with `_PAINTRACK_COMPLETE` set
(`complete_bash`, `complete_zsh`, `complete_fish`) and the words typed so far; `run()` then loads
every command module (the command line is empty), this module registers typer's completion
classes on import, and typer answers the request and exits.
"""

from __future__ import annotations

from typing import Annotated

import typer
from typer._completion_classes import completion_init

from paintrack.cli.app import app

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_PAINTRACK_COMPLETE"

completion_init()  # typer's bash, zsh, fish (and PowerShell) classes: answers completion requests


@app.command(rich_help_panel="Your data")
def completion(
    ctx: typer.Context,
    shell: Annotated[str, typer.Argument(metavar="SHELL", help="bash, zsh or fish.", show_default=False)],
) -> None:
    """Print the completion script for your shell, e.g. `paintrack completion bash >> ~/.bashrc`."""
    from typer._click.shell_completion import get_completion_class

    from paintrack.errors import InputError

    name = shell.strip().lower()
    cls = get_completion_class(name) if name in SHELLS else None
    if cls is None:
        raise InputError("SHELL must be bash, zsh or fish",
                         hint="e.g. `paintrack completion bash >> ~/.bashrc`, then open a new shell")
    script = cls(ctx.find_root().command, {}, "paintrack", COMPLETE_VAR).source()
    typer.echo(script.strip("\n"))
