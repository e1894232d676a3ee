"""Several paintrack processes writing one journal at once: every entry kept, or a clear refusal."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from importlib.metadata import version

import pytest

from conftest import BASELINE_ARGS
from paintrack.store import Store

WRITER = textwrap.dedent(
    """
    import os, sys, time
    from datetime import date, timedelta
    from paintrack.cli import main
    journal, k, go = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sys.stdout = open(os.devnull, "w")
    while not os.path.exists(go):  # start together
        time.sleep(0.001)
    for i in range(50):
        d = (date(2026, 1, 5) + timedelta(days=1 + k + 3 * i)).isoformat()  # distinct per process
        code = main(["--journal", journal, "update", "--no-input", "--date", d, "--nrs", str(i % 11)])
        if code != 0:
            sys.exit(10 + code)
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


def test_three_processes_50_updates_each_all_kept(paintrack, tmp_path):
    assert paintrack(*BASELINE_ARGS).code == 0
    go = tmp_path / "go"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(paintrack.journal), str(k), str(go)], env=_env(),
                         stderr=subprocess.PIPE, text=True)
        for k in range(3)
    ]
    time.sleep(0.3)
    go.touch()
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    journal = Store(paintrack.journal).read()  # valid: loads through the full validation
    assert len(journal.updates) == 150
    assert len({u.date for u in journal.updates}) == 150
    assert journal.baseline is not None and journal.baseline.nrs == 7


def test_lock_held_too_long_exit_1_clear_message_nothing_written(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    lock_path = paintrack.journal.with_name("journal.json.lock")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path), "30"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        result = paintrack("update", "--no-input", "--nrs", "5", env={"PAINTRACK_LOCK_TIMEOUT": "0.3"})
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"paintrack: error: {paintrack.journal} is locked by another paintrack process (waited 0.3 s)"
    )
    assert "nothing was written" in result.err
    assert 0.3 <= waited < 5
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


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf", "1e9"], ids=["word", "negative", "nan", "inf", "huge"])
def test_bad_lock_timeout_is_a_usage_error(paintrack, value):
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    result = paintrack("update", "--no-input", "--nrs", "5", env={"PAINTRACK_LOCK_TIMEOUT": value})
    assert result.code == 2
    assert result.err.splitlines()[0].startswith("paintrack: error: PAINTRACK_LOCK_TIMEOUT must be")
    assert paintrack.bytes() == before


def test_lock_is_a_separate_private_file_and_filelock_is_recent_enough(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    lock_path = paintrack.journal.with_name("journal.json.lock")
    assert lock_path.is_file() and lock_path != paintrack.journal
    assert lock_path.stat().st_mode & 0o077 == 0
    assert tuple(int(x) for x in version("filelock").split(".")[:3]) >= (3, 20, 3)
