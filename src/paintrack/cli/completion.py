"""`paintrack completion bash|zsh|fish`: print the shell's completion script (add it to your
shell's start-up file). A command rather than typer's --install-completion: no start-up cost."""

from __future__ import annotations

from typing import Annotated

import typer

from paintrack.cli.app import app


@app.command(rich_help_panel="Your data")
def completion(
    ctx: typer.Context,
    shell: Annotated[str, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
) -> None:
    """Print the completion script for your shell, e.g. `paintrack completion bash >> ~/.bashrc`."""
    from paintrack.errors import InputError

    try:  # typer vendors click
        from typer._click.shell_completion import get_completion_class
    except ImportError:  # pragma: no cover
        from click.shell_completion import get_completion_class  # type: ignore[no-redef,assignment]

    name = shell.strip().lower()
    if name not in ("bash", "zsh", "fish"):
        raise InputError("SHELL must be bash, zsh or fish")
    cls = get_completion_class(name)
    assert cls is not None
    root = ctx.find_root()
    script = cls(root.command, {}, "paintrack", "_PAINTRACK_COMPLETE").source()
    typer.echo(script)
