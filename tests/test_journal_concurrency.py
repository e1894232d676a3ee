"""Several paintrack processes writing one journal at once: every acknowledged change kept, the
history numbered 1, 2, 3 … without a gap or a repeat, or a clear refusal when the lock is held."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from importlib.metadata import version

import pytest
from conftest import BASELINE_ARGS

from paintrack.storage.store import Store

# Each writer waits for the go file, runs its operations through the real `main()` and prints
# one JSON line per command: its arguments and exit status.
WRITER = textwrap.dedent(
    """
    import json, os, sys, time
    from paintrack.cli import main
    journal, go, ops = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    out = os.fdopen(os.dup(1), "w")
    sys.stdout = open(os.devnull, "w")
    while not os.path.exists(go):  # start together
        time.sleep(0.001)
    for args in ops:
        code = main(["--journal", journal, *args])
        print(json.dumps([args, code]), file=out, flush=True)
    """
)

HOLDER = textwrap.dedent(
    """
    import sys, time
    from filelock import FileLock
    lock = FileLock(sys.argv[1])
    with lock:
        print("held", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


def _env(**extra):
    return {**os.environ, "PAINTRACK_TODAY": "2026-11-23", "NO_COLOR": "1", **extra}


def _day(n: int) -> str:
    return (date(2026, 1, 5) + timedelta(days=n)).isoformat()


def _run_together(journal, go, plans: list[list[list[str]]]) -> list[list[tuple[list[str], int]]]:
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(journal), str(go), json.dumps(ops)], env=_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for ops in plans
    ]
    time.sleep(0.3)
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append([tuple(json.loads(line)) for line in out.splitlines()])
    return results


def _history_is_consecutive(journal) -> None:
    assert [h.number for h in journal.history] == list(range(1, len(journal.history) + 1))


def test_three_writers_log_edit_delete_nothing_acknowledged_is_lost(paintrack, tmp_path):
    assert paintrack(*BASELINE_ARGS).code == 0
    plans, expected = [], {}
    for k in range(3):
        ops = []
        for i in range(10):
            d = _day(1 + k + 3 * i)  # distinct per process
            ops += [["log", str(i % 11), "--date", d, "--no-input"],
                    ["edit", "log", d, "--pain", str((i + k + 1) % 11), "--no-input"]]
            if i % 4 == 3:
                ops.append(["delete", "log", d, "--yes"])
            else:
                expected[d] = (i + k + 1) % 11
        if k == 0:
            ops.append(["update", "--no-input", "--nrs", "5", "--date", _day(60)])
        plans.append(ops)
    results = _run_together(paintrack.journal, tmp_path / "go", plans)
    for ops in results:
        assert [code for _, code in ops] == [0] * len(ops)  # every command acknowledged
    journal = Store(paintrack.journal).read(seal=False)  # valid: loads through the full validation
    assert {e.date.isoformat(): e.pain for e in journal.diary} == expected
    assert [u.date.isoformat() for u in journal.updates] == [_day(60)] and journal.baseline.nrs == 7
    _history_is_consecutive(journal)
    assert len(journal.history) == 1 + sum(len(ops) for ops in results)  # one entry per change, none lost
    owner = {d: k for d, k in ((_day(1 + k + 3 * i), k) for k in range(3) for i in range(10))}
    owners = [owner[h.changes[0].key] for h in journal.history if h.changes[0].key in owner]
    assert sum(a != b for a, b in zip(owners, owners[1:])) >= 3  # the writers really ran at once
    for ops in plans:  # each writer's changes, in its own order
        dates = {a[3] if a[0] == "log" else a[2] for a in ops if a[0] in ("log", "edit", "delete")}
        mine = [h.command for h in journal.history if h.changes[0].key in dates]
        assert mine == [" ".join(a[:3]) if a[0] != "log" else "log" for a in ops if a[0] != "update"]


def test_three_writers_logging_and_undoing_at_once_undo_the_latest_change_each_time(paintrack, tmp_path):
    """`undo` reverts the latest change not yet undone, whoever made it: taken under the lock,
    the undos of three processes revert distinct changes, latest first, and every log not
    undone is there."""
    assert paintrack(*BASELINE_ARGS).code == 0
    plans = []
    for k in range(3):
        ops = []
        for i in range(7):
            ops += [["log", str(k), "--date", _day(1 + k + 6 * i), "--no-input"],
                    ["log", str(k), "--date", _day(4 + k + 6 * i), "--no-input"],
                    ["undo", "--yes"]]
        plans.append(ops)
    results = _run_together(paintrack.journal, tmp_path / "go", plans)
    for ops in results:
        assert [code for _, code in ops] == [0] * len(ops)
    journal = Store(paintrack.journal).read(seal=False)
    _history_is_consecutive(journal)
    assert len(journal.history) == 1 + 63
    undone: set[int] = set()
    for entry in journal.history[1:]:
        if entry.undoes is None:
            assert entry.command == "log"
            continue
        latest = max(h.number for h in journal.history[1:entry.number - 1]
                     if h.undoes is None and h.number not in undone)
        assert entry.undoes == latest  # the latest change not yet undone, at the time of the undo
        undone.add(entry.undoes)
    by_number = {h.number: h for h in journal.history}
    logged = {h.changes[0].key: h.changes[0].after.pain for h in journal.history[1:] if h.undoes is None}
    gone = {by_number[n].changes[0].key for n in undone}
    assert len(undone) == 21 and len(logged) == 42
    assert {e.date.isoformat(): e.pain for e in journal.diary} == {d: p for d, p in logged.items() if d not in gone}


def test_lock_held_too_long_exit_1_clear_message_nothing_written(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    lock_path = paintrack.journal.with_name("journal.json.lock")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path), "30"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        results = [paintrack(*args, env={"PAINTRACK_LOCK_TIMEOUT": "0.3"}) for args in (
            ("update", "--no-input", "--nrs", "5"), ("undo", "--yes"), ("delete", "log", "2026-01-06", "--yes"),
        )]
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    result = results[0]
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"paintrack: error: {paintrack.journal} is locked by another paintrack process (waited 0.3 s)"
    )
    assert "nothing was written" in result.err
    assert results[1].code == 1 and "is locked by another paintrack process" in results[1].err
    assert results[2].code != 0
    assert 0.6 <= waited < 10
    assert paintrack.bytes() == before


def test_lock_held_briefly_is_waited_for_then_the_write_happens(paintrack):
    """The lesson from tools whose lock did not wait: a busy journal is a wait, not a failure."""
    assert paintrack(*BASELINE_ARGS).code == 0
    lock_path = paintrack.journal.with_name("journal.json.lock")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path), "0.6"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        result = paintrack("update", "--no-input", "--nrs", "5", env={"PAINTRACK_LOCK_TIMEOUT": "10"})
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=10)
    assert result.code == 0, result.err
    assert waited >= 0.3  # it really waited for the holder
    assert [u["nrs"] for u in paintrack.data()["updates"]] == [5]


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf", "1e9", "3600.5"],
                         ids=["word", "negative", "nan", "inf", "huge", "just-over"])
def test_bad_lock_timeout_is_a_usage_error(paintrack, value):
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    result = paintrack("update", "--no-input", "--nrs", "5", env={"PAINTRACK_LOCK_TIMEOUT": value})
    assert result.code == 2
    assert result.err.splitlines()[0].startswith("paintrack: error: PAINTRACK_LOCK_TIMEOUT must be")
    assert paintrack.bytes() == before


@pytest.mark.parametrize("value", ["0", "3600", ""])
def test_lock_timeout_at_its_limits_is_accepted(paintrack, value):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "5", env={"PAINTRACK_LOCK_TIMEOUT": value}).code == 0


def test_lock_is_a_separate_private_file_and_filelock_is_recent_enough(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    lock_path = paintrack.journal.with_name("journal.json.lock")
    assert lock_path.is_file() and lock_path != paintrack.journal
    assert lock_path.stat().st_mode & 0o077 == 0
    assert tuple(int(x) for x in version("filelock").split(".")[:3]) >= (3, 20, 3)
