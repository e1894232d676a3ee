"""paintrack's command line: the app, and `run()`, the only exit point.

`run()` turns every PaintrackError, usage error and interruption into one line on stderr (plus
a hint) and an exit status; the save decides it: once an entry was saved, a failure to print
its summary is a warning and the exit status is 0, and Ctrl-C says whether anything was saved.
Command modules import their heavy dependencies inside the commands, and `run()` imports only
the command module the command line needs (`COMMANDS`), so start-up stays fast.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from typing import Annotated, Any, Optional

import typer

from paintrack import __version__
from paintrack.cli.session import Session
from paintrack.errors import ExitStatus, InputError, PaintrackError

app = typer.Typer(
    name="paintrack",
    help=(
        "Follow a chronic-pain reversal plan and show your clinician, with numbers, whether it "
        "works. Not medical advice."
    ),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"paintrack {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    journal: Annotated[
        Optional[str],
        typer.Option("--journal", metavar="PATH", help="Journal file. Default: $PAINTRACK_JOURNAL, else your user data folder."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Follow a chronic-pain reversal plan and show, with numbers, whether it works."""
    session: Session = ctx.obj
    session.journal_option = journal
    if journal is not None:
        from paintrack.storage.store import resolve_path

        resolve_path(journal)  # an empty --journal is a usage error, before anything else
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


# Each command module registers its commands on `app` when imported. One line per command, in
# the order help lists them; `--help`, a mistyped command or none at all imports them all.
COMMANDS = {
    "demo": "demo",
    "baseline": "assess",
    "update": "assess",
    "log": "diary",
    "evidence": "evidence",
    "plan": "plan",
    "flags": "flags",
    "report": "report",
    "send": "send",
    "list": "corrections",
    "edit": "corrections",
    "delete": "corrections",
    "undo": "corrections",
    "history": "corrections",
    "doctor": "doctor",
    "completion": "completion",
}
MODULES = list(dict.fromkeys(COMMANDS.values()))
ROOT_OPTIONS_WITH_VALUE = ("--journal",)
COMPLETE_ENV = "_PAINTRACK_COMPLETE"  # what `paintrack completion SHELL`'s script sets
#: Commands whose v1 interference flags changed name (refused with the new name).
ASSESSMENT_COMMANDS = ("baseline", "update", "edit")


def register(modules: list[str] | None = None) -> None:
    """Import the command modules (default: all), which registers their commands on `app`."""
    import importlib

    for module in MODULES if modules is None else modules:
        importlib.import_module(f"paintrack.cli.{module}")
    order = {f"paintrack.cli.{m}": i for i, m in enumerate(MODULES)}
    app.registered_commands.sort(key=lambda info: order.get(info.callback.__module__, len(order)))  # type: ignore[union-attr]
    app.registered_groups.sort(key=lambda info: order.get(
        info.typer_instance.registered_callback.callback.__module__, len(order)))  # type: ignore[union-attr]


def command_word(argv: list[str]) -> str | None:
    """The command a command line runs (`paintrack --journal J log 4` → "log"); None for
    `paintrack --help`, `--version` or nothing."""
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
        return arg
    return None


def modules_needed(argv: list[str]) -> list[str] | None:
    """The command modules a command line needs: [] for `--version`, None for all of them."""
    word = command_word(argv)
    if word is None:
        return [] if "--version" in argv and not {"-h", "--help"} & set(argv) else None
    return [COMMANDS[word]] if word in COMMANDS else None


def build_command(argv: list[str]) -> Any:
    """The click command for this command line: only the command it runs is built (typer
    reads every parameter of every command it builds: `undo` need not pay for `edit`'s forty
    flags); all of them for help, a mistyped command or none."""
    word = command_word(argv)
    commands, groups = app.registered_commands, app.registered_groups
    if word in COMMANDS:
        app.registered_commands = [c for c in commands if _command_name(c) == word]
        app.registered_groups = [g for g in groups if g.name == word]
    try:
        return typer.main.get_command(app)
    finally:
        app.registered_commands, app.registered_groups = commands, groups


def _command_name(info: Any) -> str:
    return str(info.name or info.callback.__name__).lower().replace("_", "-")


def check_options(command: Any, argv: list[str]) -> None:
    """A scalar option given twice is a usage error (click would keep the last one silently);
    a version-1 interference flag on an assessment command is refused with its new name."""
    from paintrack.domain.measures import RENAMED_FLAGS

    cmd, path = command, list[str]()
    seen: set[tuple[str, str]] = set()
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            return
        if token.startswith("-") and token != "-" and not _negative_number(token):
            name, eq, _ = token.partition("=")
            param = _option(cmd, name)
            if param is None:
                if path and path[-1] in ASSESSMENT_COMMANDS and name in RENAMED_FLAGS:
                    raise InputError(f"{name} is now {RENAMED_FLAGS[name]}",
                                     hint=f"see `paintrack {path[-1]} --help`")
                if path and getattr(cmd, "context_settings", {}).get("ignore_unknown_options") \
                        and name not in ("-h", "--help"):  # `log 5 --nrs 3`: click would call it an extra argument
                    raise InputError(f"No such option: {option_shown(name)}", hint=f"see `paintrack {' '.join(path)} --help`")
                i += 1
                continue
            if not getattr(param, "multiple", False) and not getattr(param, "count", False):
                key = (" ".join(path), param.name or name)
                if key in seen:
                    raise InputError(f"{name} is given twice", hint="give each option once")
                seen.add(key)
            takes_value = not getattr(param, "is_flag", False) and getattr(param, "nargs", 1) != 0
            i += 2 if takes_value and not eq else 1
            continue
        commands = getattr(cmd, "commands", None)
        if commands is not None and token in commands:
            cmd = commands[token]
            path.append(token)
        i += 1


def check_arguments(argv: list[str]) -> None:
    """Arguments that are not valid UTF-8 arrive with surrogate escapes: refuse them (exit 2)."""
    for i, arg in enumerate(argv):
        if any(0xD800 <= ord(c) <= 0xDFFF for c in arg):
            before = argv[i - 1] if i and argv[i - 1].startswith("-") else None
            where = f"the value of {before}" if before else f"argument {i + 1}"
            raise InputError(f"{where} is not valid UTF-8", hint="type it again, or check your terminal's encoding")


def _negative_number(token: str) -> bool:
    return token[1:].replace(".", "", 1).isdigit()


def _option(cmd: Any, name: str) -> Any:
    for param in getattr(cmd, "params", ()):
        if name in getattr(param, "opts", ()) or name in getattr(param, "secondary_opts", ()):
            return param
    return None


def _click_exceptions() -> Any:
    try:  # typer >= 0.28 vendors click as typer._click
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - older typer with click as a dependency
        from click import exceptions  # type: ignore[no-redef]
    return exceptions


def option_shown(name: str) -> str:
    """An unknown option as an error may name it: `-xVALUE` (a short option's cluster, value and
    all) as `-x`, `--name=value` as `--name`, anything else not at all."""
    name = name.split("=", 1)[0] if name.startswith("--") else name[:2]
    return name if re.fullmatch(r"-{1,2}[A-Za-z][A-Za-z0-9-]{0,40}", name) else "that option"


def usage_error(e: Any, exceptions: Any) -> tuple[str, str]:
    """click's usage error as one line that never echoes what was typed: an unknown option or a
    missing argument is named, a bad value says which parameter, extra arguments are not shown."""
    ctx = getattr(e, "ctx", None)
    where = f"paintrack {ctx.command_path.split(' ', 1)[1]}" if ctx and " " in ctx.command_path else "paintrack"
    hint = f"see `{where} --help`"
    message = e.format_message().replace("\n", " ")
    if isinstance(e, exceptions.NoSuchOption):
        return f"No such option: {option_shown(getattr(e, 'option_name', '') or '')}", hint
    if isinstance(e, exceptions.MissingParameter | exceptions.BadOptionUsage | exceptions.BadArgumentUsage):
        return message, hint  # names the option or argument, with no value in it
    if isinstance(e, exceptions.BadParameter):  # "Invalid value for X: 'what was typed' is not …"
        param = getattr(e, "param", None)
        name = param.get_error_hint(ctx) if param is not None and ctx is not None else "an argument"
        return f"invalid value for {name}", hint
    if isinstance(e, exceptions.UsageError) and message.startswith("Got unexpected extra argument"):
        command = getattr(ctx, "command", None)
        takes_text = any(opt in ("--note", "--text") for p in getattr(command, "params", ()) for opt in p.opts)
        if takes_text:
            hint = f'put a text with spaces in quotes (--note "felt better today"); {hint}'
        return "unexpected extra arguments", hint
    if isinstance(e, exceptions.UsageError) and message.startswith("No such command"):
        # what was typed may be a note without its command (`evidence "it started with stress"`)
        return "no such command", f"{hint} (a text with spaces goes in quotes after its command)"
    if isinstance(e, exceptions.UsageError) and message.startswith("Missing command"):
        return message, hint
    return "the command line could not be read", hint


def _print_error(message: str, hint: str | None) -> None:
    from paintrack.render.terminal import clean

    print(f"paintrack: error: {clean(message)}", file=sys.stderr)
    if hint:
        print(f"hint: {clean(hint)}", file=sys.stderr)


def run(argv: list[str] | None = None, session: Session | None = None) -> int:
    """Run paintrack; return the exit status (the only exit point)."""
    # No pydantic plugins: paintrack uses none, one installed beside it must not see health
    # data, and it spares pydantic's entry-point scan (docs.pydantic.dev: Plugins).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    exceptions = _click_exceptions()
    argv = sys.argv[1:] if argv is None else argv
    session = session or Session()
    stdout_closed = sys.stdout is None  # `paintrack log 4 >&-`: Python gives no stdout at all
    help_shown = bool({"-h", "--help"} & set(argv)) or (command_word(argv) is None and "--version" not in argv)
    if os.environ.get("NO_COLOR") and help_shown:
        from typer import rich_utils

        rich_utils.COLOR_SYSTEM = None  # help plain too: no bold or dim (the contract)
    _reserve_standard_fds()
    try:
        check_arguments(argv)
        register(modules_needed(argv))
        command = build_command(argv)
        check_options(command, argv)
        if os.environ.get(COMPLETE_ENV):  # the shell asks for completions: typer answers and exits
            command.main(args=argv, prog_name="paintrack", complete_var=COMPLETE_ENV, obj=session)
        # Not `command.main()`: it turns Ctrl-C into a silent exit status and returns the status
        # of `typer.Exit` instead of raising it; every outcome is decided below.
        with command.make_context("paintrack", list(argv), obj=session) as context:
            command.invoke(context)
        if session.saved and stdout_closed:  # typer.echo printed nothing, silently
            return _saved_anyway(session, "standard output is closed")
        if stdout_closed:  # what the command printed went nowhere
            _print_error("cannot write the output: standard output is closed", None)
            return ExitStatus.RUNTIME
        return ExitStatus.OK
    except PaintrackError as e:
        if session.saved:
            return _saved_anyway(session, e.message)
        _print_error(e.message, e.hint)
        return e.exit_code
    except exceptions.ClickException as e:
        message, hint = usage_error(e, exceptions)
        _print_error(message, hint)
        return e.exit_code
    except typer.Exit as e:
        return e.exit_code
    except SystemExit as e:  # a completion request answered
        return e.code if isinstance(e.code, int) else ExitStatus.OK
    except (typer.Abort, KeyboardInterrupt, EOFError):
        from paintrack.cli import stopped

        return stopped(session.saved)
    except BrokenPipeError:  # `paintrack report | head -1`: the reader has all it wanted
        _quiet_stdout()
        return ExitStatus.OK if session.saved else ExitStatus.RUNTIME
    except OSError as e:  # the storage layer reports its own: this is the output (a full disk, /dev/full)
        _quiet_stdout()
        reason = e.strerror or type(e).__name__
        if session.saved:
            return _saved_anyway(session, reason)
        _print_error(f"cannot write the output: {reason}", None)
        return ExitStatus.RUNTIME
    except Exception as e:
        from paintrack.cli import _interrupted, stopped

        if _interrupted(e):  # a Ctrl-C that Python wrapped (e.g. in a class body: RuntimeError)
            return stopped(session.saved)
        if os.environ.get("PAINTRACK_DEBUG") == "1":
            raise
        if session.saved:
            return _saved_anyway(session, f"internal error {type(e).__name__}")
        _print_error(f"internal error ({type(e).__name__}); nothing was saved",
                     "run again with PAINTRACK_DEBUG=1 to see the details, and report it")
        return ExitStatus.RUNTIME


def _saved_anyway(session: Session, problem: str) -> int:
    """Saved, then printing failed: the save decides the exit code."""
    _quiet_stdout()
    with contextlib.suppress(OSError):
        print(f"paintrack: warning: your {session.saved} was saved, but its summary could not be shown "
              f"({problem.splitlines()[0][:120]}); do not enter it again", file=sys.stderr)
    return ExitStatus.OK


def _reserve_standard_fds() -> None:
    """A standard descriptor closed by the caller (`>&-`) is pointed at /dev/null, so that no
    file paintrack opens later (the journal, its temp file) can become descriptor 1 and receive
    what is printed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                devnull = os.open(os.devnull, os.O_RDWR)
                if devnull != fd:
                    os.dup2(devnull, fd)
                    os.close(devnull)
            except OSError:
                pass


def _quiet_stdout() -> None:
    """After a failed write to stdout, point it at /dev/null so the interpreter's final flush
    cannot fail again (and print a traceback) on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
