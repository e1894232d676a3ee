"""On a terminal, paintrack asks: one question at a time, range shown, bad answers asked again."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pytest

import paintrack.cli.assess as assess


@pytest.fixture
def on_a_terminal(monkeypatch):
    monkeypatch.setattr(assess, "can_prompt", lambda no_input: not no_input)


def test_baseline_interview_asks_each_item_and_reasks_bad_answers(paintrack, on_a_terminal):
    answers = [
        "eleven", "12", "7",          # nrs: two bad answers, then 7
        "9", "4", "6",                # worst, least, now
        "7", "6", "8", "7", "4", "6", "7",  # interference
        "380", "", "", "", "",        # walk; skip opioid, sleep hours, sessions, mindfulness
        "18",                         # duration months
        "n", "n", "n", "n",           # red-flag screen
    ]
    result = paintrack("baseline", input="\n".join(answers) + "\n")
    assert result.code == 0, result.err
    assert "Average pain over the last 7 days (a whole number from 0 to 10)" in result.out
    assert result.err.count("please try again") == 2
    baseline = paintrack.data()["baseline"]
    assert (baseline["nrs"], baseline["worst"], baseline["walk_m"], baseline["duration_months"]) == (7, 9, 380.0, 18)
    assert "opioid_mme" not in baseline
    assert "6.43" in result.out


def test_red_flag_screen_is_always_asked_on_a_terminal(paintrack, on_a_terminal):
    result = paintrack("baseline", "--nrs", "6", input="n\ny\nn\nn\n")
    assert result.code == 0, result.err
    assert result.out.count("Recently, have you had") == 4
    assert paintrack.data()["baseline"]["red_flags"] == ["bladder-bowel-control"]
    assert "Seek urgent medical care" in result.out


def test_no_input_never_asks(paintrack, on_a_terminal):
    result = paintrack("baseline", "--no-input", "--worst", "6")
    assert result.code == 2 and "missing --nrs" in result.err
    assert "Recently" not in result.out


def test_real_terminal_session(tmp_path):
    """A real pseudo-terminal: paintrack sees a TTY, asks for --nrs, and re-asks a bad answer."""
    journal = tmp_path / "j.json"
    master, slave = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "PAINTRACK_TODAY": "2026-11-23"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "paintrack", "--journal", str(journal), "baseline", "--worst", "8"],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
    )
    os.close(slave)
    seen = b""

    def wait_for(text: bytes, timeout: float = 20) -> None:
        nonlocal seen
        end = time.monotonic() + timeout
        while text not in seen:
            if time.monotonic() > end:
                raise AssertionError(f"never saw {text!r} in {seen!r}")
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(master, 4096)
                except OSError:
                    break

    try:
        wait_for(b"Average pain over the last 7 days")
        os.write(master, b"ten\r")
        wait_for(b"please try again")
        os.write(master, b"6\r")
        for _ in range(4):
            wait_for(b"[y/N]")
            seen = seen.replace(b"[y/N]", b"", 1)
            os.write(master, b"n\r")
        assert proc.wait(timeout=20) == 0
    finally:
        proc.kill()
        os.close(master)
    import json

    assert json.loads(journal.read_text())["baseline"]["nrs"] == 6
