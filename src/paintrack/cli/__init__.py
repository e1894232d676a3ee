"""paintrack's command line. `main()` is the console script: it imports the app inside the
interruption handling, so a Ctrl-C during start-up is one line, never a traceback."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    try:
        from paintrack.cli.app import run
    except KeyboardInterrupt:
        print("\npaintrack: stopped; nothing was saved", file=sys.stderr)
        return 130
    return run(argv)
