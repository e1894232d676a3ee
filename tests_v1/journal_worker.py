"""Test helper (not a test): a pre-loaded paintrack that forks writers for the crash tests.

Run as `python journal_worker.py`. It imports paintrack once, then reads commands from stdin:

    run JOURNAL START FAULT N

and forks a writer that records updates dated BASE + START, START + 1, … by calling the real
`paintrack.cli.main([... "update" ...])`, and writes `ok DATE` to stdout after each exit 0 (so the
test knows which writes were acknowledged). It prints `pid PID` after the fork and
`exit PID STATUS` once the writer has died (killed by the test, or by its injected fault), so
everything the writer printed is already in the pipe when the test reads `exit`.

FAULT injects a crash at an exact point, SQLite-style: `none`; `replace-journal` (the Nth
`os.replace` onto the journal kills the writer with SIGKILL: the temp file is written and
fsynced, the backups rotated, the journal not yet replaced); `any-replace` (the Nth `os.replace`
of any kind, which also lands between the backup-rotation steps).
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date, timedelta

BASE = date(2000, 1, 1)


def day(i: int) -> str:
    return (BASE + timedelta(days=i)).isoformat()


def _inject(fault: str, nth: int, journal: str) -> None:
    real_replace = os.replace
    calls = {"n": 0}

    def replace(src, dst, *args, **kwargs):
        if fault == "any-replace" or os.fspath(dst) == journal:
            calls["n"] += 1
            if calls["n"] == nth:
                os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(src, dst, *args, **kwargs)

    os.replace = replace


def _writer(journal: str, start: int, fault: str, nth: int) -> None:
    from paintrack.cli import main

    sys.stdout = sys.stderr = open(os.devnull, "w")
    if fault != "none":
        _inject(fault, nth, journal)
    i = start
    while BASE + timedelta(days=i) <= date(2026, 11, 23):
        code = main(["--journal", journal, "update", "--no-input", "--date", day(i), "--nrs", str(i % 11)])
        if code != 0:
            os.write(1, f"fail {day(i)} {code}\n".encode())
            return
        os.write(1, f"ok {day(i)}\n".encode())
        i += 1


def serve() -> None:
    # Load everything a write needs once, so each forked writer starts in a millisecond.
    import filelock  # noqa: F401
    import pydantic  # noqa: F401

    import paintrack.cli  # noqa: F401
    import paintrack.cli.assess  # noqa: F401  (commands load lazily; the writers all run `update`)
    import paintrack.entries  # noqa: F401
    import paintrack.models  # noqa: F401
    import paintrack.render.terminal  # noqa: F401
    import paintrack.store  # noqa: F401

    os.write(1, b"ready\n")
    for line in sys.stdin:
        cmd, journal, start, fault, nth = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                _writer(journal, int(start), fault, int(nth))
            except BaseException as e:  # noqa: BLE001 - reported to the test, never hidden
                os.write(1, f"error {type(e).__name__}: {e}\n".encode())
            finally:
                os._exit(0)
        os.write(1, f"pid {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"exit {pid} {status}\n".encode())


if __name__ == "__main__":
    serve()
