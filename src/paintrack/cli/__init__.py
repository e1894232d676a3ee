"""paintrack's command line: parse, prompt, call the domain, render — no arithmetic here.

`main()` is the only exit point: every PaintrackError, usage error and interruption becomes one
line on stderr (plus a hint) and the contract's exit code. Command modules import their heavy
dependencies (pydantic models, rich, renderers) inside the commands, and main() imports only
the command module the command line needs (`COMMANDS`), so start-up stays fast: a new command
is one line in `COMMANDS` (tests/test_startup.py checks the table against what registers).
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from paintrack import __version__
from paintrack.cli.session import Session

app = typer.Typer(
    name="paintrack",
    help=(
        "Follow a chronic-pain reversal plan and show your clinician, with numbers, whether it "
        "works. Not medical advice."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"paintrack {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    journal: Annotated[
        Optional[str],
        typer.Option(
            "--journal",
            metavar="PATH",
            help="Journal file. Default: $PAINTRACK_JOURNAL, else your user data folder.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Follow a chronic-pain reversal plan and show, with numbers, whether it works."""
    if ctx.obj is None:
        ctx.obj = Session(journal_option=journal)


# Each command module registers its commands on `app` when imported. main() imports only the
# module of the command being run, so typer builds one command instead of all of them (its
# signature inspection of every command was 8 ms of each run); `--help`, a mistyped command or
# no command at all imports every module. One line per command, in the order help lists them.
COMMANDS = {
    "baseline": "assess",
    "update": "assess",
    "demo": "demo",
    "log": "diary",
    "evidence": "evidence",
    "report": "report",
    "plan": "plan",
    "doctor": "doctor",
}
MODULES = list(dict.fromkeys(COMMANDS.values()))
ROOT_OPTIONS_WITH_VALUE = ("--journal",)


def register(modules: list[str] | None = None) -> None:
    """Import the command modules (default: all), which registers their commands on `app`."""
    import importlib

    for module in MODULES if modules is None else modules:
        importlib.import_module(f"paintrack.cli.{module}")
    # The same order in help whichever modules an earlier call in this process imported.
    order = {f"paintrack.cli.{m}": i for i, m in enumerate(MODULES)}
    app.registered_commands.sort(key=lambda info: order.get(info.callback.__module__, len(order)))


def modules_needed(argv: list[str]) -> list[str] | None:
    """The command modules a command line needs: [] for `--version`, None for all of them."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help", "--"):
            return None
        if arg in ROOT_OPTIONS_WITH_VALUE:
            i += 2
            continue
        if arg.startswith("-"):
            i += 1
            continue
        return [COMMANDS[arg]] if arg in COMMANDS else None
    return [] if "--version" in argv else None


def _click_exceptions():
    try:  # typer >= 0.28 vendors click as typer._click
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - older typer with click as a dependency
        from click import exceptions
    return exceptions


def _print_error(message: str, hint: str | None) -> None:
    print(f"paintrack: error: {message}", file=sys.stderr)
    if hint:
        print(f"hint: {hint}", file=sys.stderr)


def main(argv: list[str] | None = None, obj: Session | None = None) -> int:
    """Run paintrack; return the exit code (the console script passes it to sys.exit)."""
    from paintrack.errors import PaintrackError

    # No pydantic plugins: paintrack uses none, and one installed beside it (an observability
    # plugin, say) must not see health data. It also spares pydantic's entry-point scan at the
    # first validation (documented: docs.pydantic.dev, Concepts > Plugins > Disabling plugins).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    exceptions = _click_exceptions()
    if argv is None:
        argv = sys.argv[1:]
    try:
        register(modules_needed(argv))
        rv = app(args=argv, prog_name="paintrack", standalone_mode=False, obj=obj)
        return rv if isinstance(rv, int) else 0
    except PaintrackError as e:
        _print_error(e.message, e.hint)
        return e.exit_code
    except exceptions.ClickException as e:
        ctx = getattr(e, "ctx", None)
        where = f"paintrack {ctx.command_path.split(' ', 1)[1]}" if ctx and " " in ctx.command_path else "paintrack"
        _print_error(e.format_message().replace("\n", " "), f"see `{where} --help`")
        return e.exit_code
    except (typer.Abort, KeyboardInterrupt, EOFError):
        print("\npaintrack: stopped; nothing was written", file=sys.stderr)
        return 130
    except Exception as e:
        if os.environ.get("PAINTRACK_DEBUG") == "1":
            raise
        _print_error(
            f"internal error ({type(e).__name__}); nothing more was written",
            "run again with PAINTRACK_DEBUG=1 to see the details, and report it",
        )
        return 1
