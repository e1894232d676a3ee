"""Nothing lost when a writer is killed: SIGKILL at random instants and at exact fault points.

A real subprocess (tests/journal_worker.py, pre-loaded, forking one writer per trial) runs a
stream of `log`, `edit log`, `delete log --yes` and `undo --yes` on one journal; the test kills
the writer with SIGKILL, then checks that the journal loads, is exactly the state before or
after the interrupted operation (its diary and its history, whole), holds every operation whose
command had exited 0, and that every backup and leftover is whole and private. The kills are
timed from a calibration on this machine now (a busy CI machine is slower), so they land inside
the stream of writes. Run alone with `pytest -m slow tests/test_journal_crash.py`.
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
from collections import Counter
from pathlib import Path

import pytest
from conftest import BASELINE_ARGS

from paintrack.domain.records import Journal
from paintrack.errors import PaintrackError
from paintrack.storage.store import BACKUPS, Store

WORKER = Path(__file__).with_name("journal_worker.py")
sys.path.insert(0, str(WORKER.parent))
from journal_worker import KINDS, day, expected_diary, kind_of, operation  # noqa: E402

pytestmark = pytest.mark.slow

RANDOM_KILLS = 100
CALIBRATION_S = 0.6
FAULT_TRIALS = 20


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

    def next_line(self, timeout: float = 60) -> str:
        return self.lines.get(timeout=timeout)

    def start(self, journal: Path, first: int, fault: str = "none", nth: int = 0) -> int:
        self.proc.stdin.write(f"run {journal} {first} {fault} {nth}\n")
        self.proc.stdin.flush()
        line = self.next_line()
        assert line.startswith("pid "), line
        return int(line.split()[1])

    def until_exit(self, pid: int) -> list[int]:
        """Every operation the writer acknowledged (exit 0), up to its death."""
        acked = []
        while True:
            line = self.next_line()
            if line.startswith(f"exit {pid} "):
                return acked
            assert line.startswith("ok "), f"the writer failed: {line}"
            acked.append(int(line.split()[1]))

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


def _load(path: Path) -> Journal:
    try:
        return Store(path).parse(path.read_bytes(), path)  # validated in full; nothing written
    except PaintrackError as e:  # pragma: no cover - this is the failure the test looks for
        pytest.fail(f"{path.name} does not load after a kill: {e.message}")


def _done(journal: Journal) -> int:
    """How many operations the journal holds: its history, whole and numbered 1, 2, 3 …, has
    the baseline's entry, then one entry per operation, each of the operation's own command."""
    numbers = [h.number for h in journal.history]
    assert numbers == list(range(1, len(numbers) + 1)), "history numbers are not consecutive"
    done = len(numbers) - 1
    for k, entry in enumerate(journal.history[1:]):
        words = operation(k)
        assert entry.command.split()[0] == words[0], (k, entry.command)
        if kind_of(k) == "undo":
            assert entry.undoes == entry.number - 1  # it reverted the deletion just before it
    diary = {e.date.isoformat(): e.pain for e in journal.diary}
    assert diary == expected_diary(done), f"the diary is not the state after {done} operations"
    assert journal.baseline is not None and journal.baseline.nrs == 7
    return done


def _check_after_kill(path: Path, acked_upto: int) -> int:
    """The journal is the state before or after the interrupted operation, whole; nothing
    acknowledged is lost; backups and leftovers are whole and private. Returns its count."""
    done = _done(_load(path))
    assert done >= acked_upto, f"acknowledged operations lost: {acked_upto - done}"
    assert done in (acked_upto, acked_upto + 1), "neither before nor after the interrupted operation"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    newer = done
    for n in range(1, BACKUPS + 1):  # every backup that exists is a whole journal, older in turn
        bak = Store(path).backup_path(n)
        if bak.exists():
            assert stat.S_IMODE(bak.stat().st_mode) == 0o600
            held = _done(_load(bak))
            # a kill after the replace but before the rotation leaves the backups a version
            # further behind, one between the rotation's renames a gap: never a backup newer
            # than the one before it, never one that does not load
            assert held < newer, (n, held, done)
            newer = held
    for tmp in path.parent.glob(f".{path.name}.tmp-*"):  # leftovers are private while they exist
        assert stat.S_IMODE(tmp.lstat().st_mode) == 0o600, tmp
    return done


def test_random_sigkill_never_loses_an_acknowledged_change(worker, journal):
    rng = random.Random(int(os.environ.get("PAINTRACK_CRASH_SEED", "7")))
    # Calibrate: how long one acknowledged operation takes on this machine now.
    pid = worker.start(journal, 0)
    time.sleep(CALIBRATION_S)
    os.kill(pid, signal.SIGKILL)
    acked = worker.until_exit(pid)
    done = _check_after_kill(journal, len(acked))
    slept, acked_so_far = CALIBRATION_S, len(acked)
    in_flight: Counter[str] = Counter()
    landed_after = 0
    acked_total = 0
    started = time.monotonic()
    for _ in range(RANDOM_KILLS):
        # the time an acknowledged operation takes, start-up of each writer included, as seen so
        # far: it grows with the journal and with the machine's load, and the kills follow it
        per_op = slept / max(1, acked_so_far)
        first = done
        pid = worker.start(journal, first)
        delay = rng.uniform(0, 6 * per_op)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        acked = worker.until_exit(pid)
        assert acked == list(range(first, first + len(acked)))
        acked_total += len(acked)
        slept, acked_so_far = slept + delay, acked_so_far + len(acked)
        in_flight[kind_of(first + len(acked))] += 1
        done = _check_after_kill(journal, first + len(acked))
        landed_after += done == first + len(acked) + 1
    elapsed = time.monotonic() - started
    print(f"{RANDOM_KILLS} kills ({per_op * 1000:.0f} ms an operation), {acked_total} acknowledged operations, "
          f"none lost; in flight: {dict(in_flight)}; {landed_after} landed after the replace but before the "
          f"acknowledgement; {elapsed:.1f} s")
    # the kills landed in the middle of a stream of writes, in every kind of operation
    assert acked_total > RANDOM_KILLS / 2
    assert all(in_flight[kind] >= RANDOM_KILLS // 12 for kind in KINDS), in_flight


def _temp_files(journal: Path) -> list[Path]:
    """The new journals killed writes left (besides, a killed write may leave its staged
    backup, `.tmp-bak-*`: a second name for the journal it was replacing)."""
    staged = list(journal.parent.glob(f".{journal.name}.tmp-bak-*"))
    assert len(staged) <= 1
    for path in staged:
        _load(path)
    return [p for p in journal.parent.glob(f".{journal.name}.tmp-*") if p not in staged]


def _run(worker, journal: Path, done: int, count: int) -> int:
    """Run exactly `count` operations (the writer is stopped at the next one's replace)."""
    pid = worker.start(journal, done, "journal@all", count + 1)
    assert worker.until_exit(pid) == list(range(done, done + count))
    assert _check_after_kill(journal, done + count) == done + count
    return done + count


@pytest.mark.parametrize("nth", [1, 2, 3, 4, 5])
def test_a_kill_at_each_replace_of_an_undo_leaves_it_undone_or_not_never_half(worker, journal, nth):
    """An undo makes five replaces: the journal, .bak.2 → .bak.3, .bak.1 → .bak.2, the old
    journal → .bak.1, and the seal. Killed at the first, the undo did not happen; at any later
    one, it did, whole; either way the next undo works."""
    done = _run(worker, journal, 0, 7)  # the next is the second cycle's undo: three backups exist
    assert kind_of(done) == "undo"
    before = journal.read_bytes()
    pid = worker.start(journal, done, "any@undo", nth)
    assert worker.until_exit(pid) == []
    after = _check_after_kill(journal, done)
    if nth == 1:
        assert after == done and journal.read_bytes() == before, "the journal changed although the replace never ran"
    else:
        assert after == done + 1, "the undo's journal was in place but is gone"
    # the next writer carries on from there: one more cycle, every step acknowledged
    pid = worker.start(journal, after, "journal@all", 5)
    assert worker.until_exit(pid) == list(range(after, after + 4))
    assert _check_after_kill(journal, after + 4) == after + 4
    assert len(_temp_files(journal)) == 1  # only the last killed write's temp file is left


@pytest.mark.parametrize("fault", ["journal@all", "any@all"])
def test_crash_at_exact_points_keeps_the_old_journal_or_the_new_whole(worker, journal, fault):
    rng = random.Random(11)
    done = 0
    for _ in range(FAULT_TRIALS):
        first = done
        nth = rng.randint(1, 4) if fault == "journal@all" else rng.randint(1, 12)
        pid = worker.start(journal, first, fault, nth)
        acked = worker.until_exit(pid)  # the writer kills itself at the fault point
        done = _check_after_kill(journal, first + len(acked))
        leftovers = _temp_files(journal)
        if fault == "journal@all":
            assert len(acked) == nth - 1
            assert done == first + len(acked), "the journal changed although the replace never ran"
            # the killed write left its temp file: whole, validated, private — and only one
            assert len(leftovers) == 1
            assert _done(_load(leftovers[0])) == done + 1
    # the next write cleans up what the killed ones left
    pid = worker.start(journal, done, "journal@all", 2)
    assert worker.until_exit(pid) == [done]
    assert len(_temp_files(journal)) <= 1
    assert _check_after_kill(journal, done + 1) == done + 1
    assert day(0) in {e.date.isoformat() for e in _load(journal).diary}
