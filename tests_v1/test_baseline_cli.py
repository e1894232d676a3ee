"""`paintrack baseline` as a user drives it: the issue's must-show cases."""

from __future__ import annotations

import stat

import pytest

from conftest import BASELINE_ARGS


def test_baseline_writes_private_journal_with_bpi_scores(paintrack):
    result = paintrack(*BASELINE_ARGS)
    assert result.code == 0, result.err
    assert stat.S_IMODE(paintrack.journal.stat().st_mode) == 0o600
    assert stat.S_IMODE(paintrack.journal.parent.stat().st_mode) == 0o700
    data = paintrack.data()
    assert data["schema_version"] == 1
    assert data["baseline"]["nrs"] == 7 and data["baseline"]["duration_months"] == 18
    # BPI severity = (9 + 4 + 7 + 6) / 4 = 6.5; interference = 45 / 7 = 6.43
    assert "BPI pain severity" in result.out and "6.5" in result.out
    assert "6.43" in result.out


@pytest.mark.parametrize(
    "args, field",
    [
        (("--nrs", "11"), "--nrs"),
        (("--nrs", "seven"), "--nrs"),
        (("--nrs", "7", "--date", "2026-11-24"), "--date"),
        (("--nrs", "7", "--red-flag", "headache"), "--red-flag"),
        (("--nrs", "7", "--walk-m", "1001"), "--walk-m"),
        (("--nrs", "7", "--worst", "7.5"), "--worst"),
        (("--nrs=-0",), "--nrs"),
    ],
)
def test_bad_value_exits_2_names_field_and_leaves_journal_untouched(paintrack, args, field):
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    result = paintrack("baseline", "--no-input", "--force", *args)
    assert result.code == 2
    lines = [line for line in result.err.splitlines() if line.startswith("paintrack: error:")]
    assert len(lines) == 1 and field in lines[0]
    assert "Traceback" not in result.text
    assert paintrack.bytes() == before


def test_bad_value_on_a_new_journal_writes_nothing(paintrack):
    result = paintrack("baseline", "--no-input", "--nrs", "11")
    assert result.code == 2 and "0 to 10" in result.err
    assert not paintrack.journal.exists()


def test_missing_nrs_without_terminal_names_the_flag(paintrack):
    result = paintrack("baseline", "--no-input", "--worst", "5")
    assert result.code == 2
    assert "missing --nrs" in result.err


@pytest.mark.parametrize("content", [b'{"schema_version": 1, "baseline": {"kind": "base', b"\x00\xffgarbage", b""])
def test_corrupt_journal_exit_1_one_line_untouched(paintrack, content):
    paintrack.journal.parent.mkdir(parents=True)
    paintrack.journal.write_bytes(content)
    result = paintrack(*BASELINE_ARGS)
    assert result.code == 1
    assert result.err.splitlines()[0].startswith(f"paintrack: error: {paintrack.journal}")
    assert "backup" in result.err or "bak" in result.err
    assert "Traceback" not in result.text
    assert paintrack.journal.read_bytes() == content


def test_existing_baseline_refused_then_force_keeps_history(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    refused = paintrack("baseline", "--no-input", "--nrs", "5")
    assert refused.code == 1 and "already exists" in refused.err and "--force" in refused.err
    assert paintrack.bytes() == before
    forced = paintrack("baseline", "--no-input", "--nrs", "5", "--force", "--date", "2026-01-10")
    assert forced.code == 0, forced.err
    data = paintrack.data()
    assert data["baseline"]["nrs"] == 5
    assert [b["nrs"] for b in data["baseline_history"]] == [7]


def test_short_duration_says_what_chronic_means(paintrack):
    result = paintrack("baseline", "--no-input", "--nrs", "6", "--duration-months", "2")
    assert result.code == 0
    assert "more than three months" in result.out


def test_red_flag_comes_first_with_urgent_care_advice(paintrack):
    result = paintrack("baseline", "--no-input", "--nrs", "6", "--red-flag", "bladder-bowel-control")
    assert result.code == 0
    first = result.out.strip().splitlines()[0]
    assert "Red flag" in first and "loss of bladder or bowel control" in result.out
    assert "urgent" in result.out.split("Baseline recorded")[0]
