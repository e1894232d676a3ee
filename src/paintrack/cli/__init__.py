"""paintrack's command line. `main()` is the console script.

Ctrl-C (contract: "Errors and exit codes"): from the moment `main()` runs, an interruption is
one line saying whether anything was saved, exit status 130, never a traceback:
- the app is imported inside the handling, so a Ctrl-C during start-up is caught too;
- while the journal is being written (`Session.uninterrupted`), a Ctrl-C waits until the write
  is done, then says it was saved;
- a KeyboardInterrupt that Python cannot raise where it lands (inside a callback: "Exception
  ignored in …") is not printed;
- once the command has finished, a late Ctrl-C is ignored on the way out.
Only the interpreter's own start-up and the import of this module, before the handler is set,
are outside its reach (nothing can have been saved then).
"""

from __future__ import annotations

import signal
import sys


def stopped(saved: str | None) -> int:
    """Ctrl-C: one line saying whether anything was saved; exit status 130."""
    told = f"your {saved} was saved" if saved else "nothing was saved"
    try:  # noqa: SIM105 (this module imports as little as it can: it runs before the handling)
        print(f"\npaintrack: stopped; {told}", file=sys.stderr)
    except OSError:
        pass
    return 130


def main(argv: list[str] | None = None) -> int:
    session = None

    def on_interrupt(signum: int, frame: object) -> None:
        if session is not None and session.writing:
            session.interrupt_pending = True  # raised once the journal is written
            return
        raise KeyboardInterrupt

    default_hook = sys.unraisablehook

    def unraisable(info: object) -> None:
        if not isinstance(getattr(info, "exc_value", None), KeyboardInterrupt):
            default_hook(info)  # type: ignore[arg-type]

    try:
        signal.signal(signal.SIGINT, on_interrupt)
        sys.unraisablehook = unraisable
        from paintrack.cli.app import run
        from paintrack.cli.session import Session

        session = Session()
        status = run(argv, session)
    except KeyboardInterrupt:
        _ignore_interrupts()
        return stopped(getattr(session, "saved", None))
    except Exception as e:  # a Ctrl-C that Python wrapped while importing (e.g. in a class body)
        if not _interrupted(e):
            raise
        _ignore_interrupts()
        return stopped(getattr(session, "saved", None))
    _ignore_interrupts()
    return status


def _interrupted(e: BaseException) -> bool:
    """Whether `e` is, or was caused by, a KeyboardInterrupt."""
    seen: set[int] = set()
    cause: BaseException | None = e
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _ignore_interrupts() -> None:
    try:  # noqa: SIM105
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):  # not the main thread: nothing to do
        pass
