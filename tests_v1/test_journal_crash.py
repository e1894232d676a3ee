"""Nothing lost when a writer is killed: SIGKILL at random instants and at exact fault points.

A real subprocess (tests/journal_worker.py, pre-loaded and forking one writer per trial) runs a
stream of `paintrack update` writes on one journal; the test kills the writer with SIGKILL, then
checks that the journal loads, is exactly the state before or after the interrupted write, and
holds every update whose command had exited 0. 200+ random kills plus injected crashes between
the temp-file write and the replace, in a few seconds.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import BASELINE_ARGS
from paintrack.errors import PaintrackError
from paintrack.store import Store

WORKER = Path(__file__).with_name("journal_worker.py")
sys.path.insert(0, str(WORKER.parent))
from journal_worker import day  # noqa: E402

RANDOM_KILLS = 220
CALIBRATION_S = 1.0
FAULT_TRIALS = 40


class Worker:
    """The pre-loaded paintrack process and the lines it prints."""

    def __init__(self):
        env = {**os.environ, "PAINTRACK_TODAY": "2026-11-23", "NO_COLOR": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True, bufsize=1
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        assert self.next_line() == "ready"

    def _pump(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self, timeout: float = 30) -> str:
        return self.lines.get(timeout=timeout)

    def start(self, journal: Path, first: int, fault: str = "none", nth: int = 0) -> int:
        self.proc.stdin.write(f"run {journal} {first} {fault} {nth}\n")
        self.proc.stdin.flush()
        line = self.next_line()
        assert line.startswith("pid "), line
        return int(line.split()[1])

    def until_exit(self, pid: int) -> list[str]:
        """Every date the writer acknowledged (exit 0), up to its death."""
        acked = []
        while True:
            line = self.next_line()
            if line == f"exit {pid}" or line.startswith(f"exit {pid} "):
                return acked
            assert line.startswith("ok "), f"the writer failed: {line}"
            acked.append(line.split()[1])

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture
def worker():
    w = Worker()
    yield w
    w.close()


@pytest.fixture
def journal(paintrack) -> Path:
    assert paintrack(*BASELINE_ARGS[:3], "2000-01-01", *BASELINE_ARGS[4:]).code == 0
    return paintrack.journal


def _update_dates(path: Path) -> list[str]:
    return [u.date.isoformat() for u in Store(path).read().updates]


def _check_after_kill(path: Path, acked: set[str], before: list[str], in_flight: str) -> list[str]:
    """The journal loads, equals the state before or after the interrupted write, loses nothing."""
    try:
        now = _update_dates(path)
    except PaintrackError as e:  # pragma: no cover - this is the failure the test looks for
        pytest.fail(f"the journal does not load after a kill: {e.message}")
    assert acked <= set(now), f"acknowledged updates lost: {sorted(acked - set(now))}"
    assert now in (before, before + [in_flight]), f"neither before nor after the write of {in_flight}"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for n in (1, 2, 3):  # every backup that exists is a whole journal
        bak = Store(path).backup_path(n)
        if bak.exists():
            Store(bak).read()
    for tmp in path.parent.glob(f".{path.name}.tmp-*"):  # leftovers are private while they exist
        assert stat.S_IMODE(tmp.lstat().st_mode) == 0o600, tmp
    return now


def test_random_sigkill_never_loses_an_acknowledged_update(worker, journal):
    rng = random.Random(int(os.environ.get("PAINTRACK_CRASH_SEED", "7")))
    dates: list[str] = []
    acked_total: set[str] = set()
    after_states = 0
    # Calibrate: how long one acknowledged write takes on this machine now (a busy CI machine is
    # slower), so the random kills land inside the stream of writes, not before its first one.
    first = 1
    pid = worker.start(journal, first)
    time.sleep(CALIBRATION_S)
    os.kill(pid, signal.SIGKILL)
    acked = worker.until_exit(pid)
    acked_total |= set(acked)
    dates = _check_after_kill(journal, acked_total, acked, day(first + len(acked)))
    per_write = CALIBRATION_S / max(1, len(acked))
    calibration_acks = len(acked_total)
    started = time.monotonic()
    for _ in range(RANDOM_KILLS):
        first = len(dates) + 1
        pid = worker.start(journal, first)
        time.sleep(rng.uniform(0, 10 * per_write))
        os.kill(pid, signal.SIGKILL)
        acked = worker.until_exit(pid)
        acked_total |= set(acked)
        in_flight = day(first + len(acked))
        new = _check_after_kill(journal, acked_total, dates + acked, in_flight)
        after_states += new[-1:] == [in_flight]
        dates = new
    elapsed = time.monotonic() - started
    print(f"{RANDOM_KILLS} kills ({per_write * 1000:.0f} ms a write), {len(acked_total) - calibration_acks} acknowledged updates, none lost; "
          f"{after_states} kills landed after the replace but before the acknowledgement; {elapsed:.1f} s")
    # the kills did land in the middle of a stream of writes, not before its first one
    assert len(acked_total) - calibration_acks > RANDOM_KILLS / 4
    assert elapsed < 600 * max(1.0, per_write / 0.05)  # bounded: minutes even on a slow machine


@pytest.mark.parametrize("fault", ["replace-journal", "any-replace"])
def test_crash_between_temp_write_and_replace_keeps_the_old_journal(worker, journal, fault):
    rng = random.Random(11)
    dates: list[str] = []
    acked_total: set[str] = set()
    for _ in range(FAULT_TRIALS):
        first = len(dates) + 1
        nth = rng.randint(1, 4)
        pid = worker.start(journal, first, fault, nth)
        acked = worker.until_exit(pid)  # the writer kills itself at the fault point
        acked_total |= set(acked)
        in_flight = day(first + len(acked))
        new = _check_after_kill(journal, acked_total, dates + acked, in_flight)
        leftovers = list(journal.parent.glob(f".{journal.name}.tmp-*"))
        if fault == "replace-journal":
            assert len(acked) == nth - 1
            assert new == dates + acked, "the journal changed although the replace never ran"
            # the killed write left its temp file: whole, validated, private — and only one of them
            assert len(leftovers) == 1
            assert day(first + len(acked)) in _update_dates(leftovers[0])
        dates = new
    # the next write cleans up what the killed one left
    pid = worker.start(journal, len(dates) + 1, "replace-journal", 2)
    worker.until_exit(pid)
    assert len(list(journal.parent.glob(f".{journal.name}.tmp-*"))) <= 1
    assert set(_update_dates(journal)) >= acked_total
