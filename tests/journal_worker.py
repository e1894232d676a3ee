"""Test helper (not a test): a pre-loaded paintrack that forks writers for the crash tests.

Run as `python journal_worker.py`. It imports paintrack once, then reads commands from stdin:

    run JOURNAL START FAULT N

and forks a writer that runs the operations START, START + 1, … (see `operation`) by calling
the real `paintrack.cli.main([...])`, and writes `ok K` to stdout after each exit 0 (so the test
knows which writes were acknowledged). It prints `pid PID` after the fork and `exit PID STATUS`
once the writer has died (killed by the test, or by its injected fault), so everything the
writer printed is already in the pipe when the test reads `exit`.

The operations cycle through every kind of write, four to a diary day: `log` a day, `edit log`
its pain, `delete log` it, `undo` the deletion (the entry comes back with the edited pain). So
after K operations the journal's diary and history are known exactly (`expected_diary`), and
each operation adds exactly one history entry.

FAULT injects a crash at an exact point, SQLite-style: `none`, or `TARGET@KIND` — the Nth
matching `os.replace` kills the writer with SIGKILL. TARGET `journal` counts the replaces onto
the journal (the temp file is written, fsynced and read back, the journal not yet replaced);
`any` counts every replace (also between the backup-rotation steps and on the seal). KIND
`all` counts in every operation, or only in one kind (`log`, `edit`, `delete`, `undo`).
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date, timedelta

BASE = date(2000, 1, 1)
KINDS = ("log", "edit", "delete", "undo")


def day(i: int) -> str:
    return (BASE + timedelta(days=i)).isoformat()


def logged_pain(d: int) -> int:
    return d % 11


def edited_pain(d: int) -> int:
    return (d + 5) % 11


def operation(k: int) -> list[str]:
    """The command line of operation k (0-based)."""
    d, kind = divmod(k, 4)
    if kind == 0:
        return ["log", str(logged_pain(d)), "--date", day(d), "--no-input"]
    if kind == 1:
        return ["edit", "log", day(d), "--pain", str(edited_pain(d)), "--no-input"]
    if kind == 2:
        return ["delete", "log", day(d), "--yes"]
    return ["undo", "--yes"]


def kind_of(k: int) -> str:
    return KINDS[k % 4]


def expected_diary(done: int) -> dict[str, int]:
    """Diary date → pain after the first `done` operations."""
    diary = {day(d): edited_pain(d) for d in range(done // 4)}
    d, step = divmod(done, 4)
    if step == 1:
        diary[day(d)] = logged_pain(d)
    elif step == 2:
        diary[day(d)] = edited_pain(d)
    return diary  # step 3: deleted, not yet undone


_running = {"kind": ""}


def _inject(fault: str, nth: int, journal: str) -> None:
    target, _, kind = fault.partition("@")
    real_replace = os.replace
    calls = {"n": 0}

    def replace(src, dst, *args, **kwargs):
        if (target == "any" or os.fspath(dst) == journal) and kind in ("all", _running["kind"]):
            calls["n"] += 1
            if calls["n"] == nth:
                os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(src, dst, *args, **kwargs)

    os.replace = replace


def _writer(journal: str, start: int, fault: str, nth: int) -> None:
    from paintrack.cli import main

    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the writer's life
    if fault != "none":
        _inject(fault, nth, journal)
    k = start
    while True:
        _running["kind"] = kind_of(k)
        code = main(["--journal", journal, *operation(k)])
        if code != 0:
            os.write(1, f"fail {k} {code}\n".encode())
            return
        os.write(1, f"ok {k}\n".encode())
        k += 1


def serve() -> None:
    # Load everything a write needs once, so each forked writer starts in a millisecond.
    import filelock  # noqa: F401
    import pydantic  # noqa: F401
    import rich.console
    import rich.table  # noqa: F401

    import paintrack.cli.app
    import paintrack.storage.schema
    import paintrack.storage.store

    paintrack.cli.app.register(["diary", "corrections"])
    os.write(1, b"ready\n")
    for line in sys.stdin:
        _, journal, start, fault, nth = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                _writer(journal, int(start), fault, int(nth))
            except BaseException as e:
                os.write(1, f"error {type(e).__name__}: {e}\n".encode())
            finally:
                os._exit(0)
        os.write(1, f"pid {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"exit {pid} {status}\n".encode())


if __name__ == "__main__":
    serve()
