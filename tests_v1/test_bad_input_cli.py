"""Every assessment flag of `baseline` and `update` with values that must be refused:
exit 2, one line naming the flag, nothing written."""

from __future__ import annotations

import pytest

from conftest import BASELINE_ARGS
from paintrack import measures

BASELINE_FLAGS = [*measures.ASSESSMENT, measures.DURATION_MONTHS]
UPDATE_FLAGS = [*measures.ASSESSMENT, measures.PGIC]


def _bad_values(m: measures.Measure) -> dict[str, str]:
    high = int(m.high)
    values = {
        "above-range": str(high + 1),
        "below-range": "-1",
        "non-numeric": "seven",
        "empty": "",
        "blank": "   ",
        "negative-zero": "-0",
        "very-long": "1" * 10_000,
        "control-char": "5\x00",
        "escape-sequence": "\x1b[31m5",
        "newline-inside": "5\n6",
        "nan": "nan",
        "infinity": "inf",
        "exponent": "1e1",
        "comma-decimal": "5,5",
        "plus-sign": "+5",
    }
    if m.integer:
        values["float-where-int"] = "5.5"
        values["float-zero-where-int"] = "5.0"
    else:
        values["too-many-decimals"] = "5.1234"
        values["just-a-dot"] = "."
    if m.low > 0:
        values["zero-below-range"] = "0"
    return values


def _cases(flags):
    return [
        pytest.param(m.flag, value, id=f"{m.flag[2:]}-{name}")
        for m in flags
        for name, value in _bad_values(m).items()
    ]


def _error_line(result) -> str:
    lines = [line for line in result.err.splitlines() if line.startswith("paintrack: error:")]
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.text
    return lines[0]


@pytest.fixture
def with_baseline(paintrack, baseline_bytes):
    paintrack.journal.parent.mkdir(mode=0o700)
    paintrack.journal.write_bytes(baseline_bytes)
    paintrack.journal.chmod(0o600)
    return paintrack


@pytest.fixture(scope="module")
def baseline_bytes(tmp_path_factory):
    from conftest import Paintrack

    p = Paintrack(tmp_path_factory.mktemp("b") / "journal.json")
    assert p(*BASELINE_ARGS).code == 0
    return p.bytes()


@pytest.mark.parametrize("flag, value", _cases(BASELINE_FLAGS))
def test_baseline_bad_value(paintrack, flag, value):
    nrs = () if flag == "--nrs" else ("--nrs", "7")
    result = paintrack("baseline", "--no-input", *nrs, f"{flag}={value}")
    assert result.code == 2
    line = _error_line(result)
    assert line.startswith(f"paintrack: error: {flag} (")
    assert len(line) < 200 and "\x00" not in line and "\x1b" not in line
    assert not paintrack.journal.exists()


@pytest.mark.parametrize("flag, value", _cases(UPDATE_FLAGS))
def test_update_bad_value(with_baseline, flag, value):
    before = with_baseline.bytes()
    nrs = () if flag == "--nrs" else ("--nrs", "5")
    result = with_baseline("update", "--no-input", *nrs, f"{flag}={value}")
    assert result.code == 2
    line = _error_line(result)
    assert line.startswith(f"paintrack: error: {flag} (")
    assert len(line) < 200 and "\x00" not in line and "\x1b" not in line
    assert with_baseline.bytes() == before


BAD_DATES = {
    "month-13": "2026-13-01",
    "february-30": "2026-02-30",
    "two-digit-year": "26-01-05",
    "slashes": "2026/01/05",
    "no-padding": "2026-1-5",
    "words": "yesterday",
    "empty": "",
    "with-time": "2026-01-05T10:00",
    "control-char": "2026-01-05\x00",
    "very-long": "2026-01-05" * 1000,
    "year-zero": "0000-01-01",
}


@pytest.mark.parametrize("command", ["baseline", "update"])
@pytest.mark.parametrize("value", list(BAD_DATES.values()), ids=list(BAD_DATES))
def test_malformed_date(with_baseline, command, value):
    before = with_baseline.bytes()
    result = with_baseline(command, "--no-input", "--force", "--nrs", "5", f"--date={value}") if command == "baseline" \
        else with_baseline(command, "--no-input", "--nrs", "5", f"--date={value}")
    assert result.code == 2
    line = _error_line(result)
    assert line.startswith("paintrack: error: --date must be a date as YYYY-MM-DD; got ")
    assert len(line) < 200
    assert with_baseline.bytes() == before


@pytest.mark.parametrize("command", ["baseline", "update"])
@pytest.mark.parametrize("value", ["2026-11-24", "2099-01-01", "9999-12-31"], ids=["tomorrow", "far-future", "year-9999"])
def test_date_in_the_future(with_baseline, command, value):
    before = with_baseline.bytes()
    extra = ("--force",) if command == "baseline" else ()
    result = with_baseline(command, "--no-input", *extra, "--nrs", "5", "--date", value)
    assert result.code == 2
    assert _error_line(result) == f"paintrack: error: --date {value} is in the future (today is 2026-11-23)"
    assert with_baseline.bytes() == before


@pytest.mark.parametrize("value", ["2026-01-04", "2025-06-30", "1900-01-01"], ids=["day-before", "months-before", "long-before"])
def test_update_before_baseline(with_baseline, value):
    before = with_baseline.bytes()
    result = with_baseline("update", "--no-input", "--nrs", "5", "--date", value)
    assert result.code == 2
    assert _error_line(result) == f"paintrack: error: --date {value} is before the baseline (2026-01-05)"
    assert with_baseline.bytes() == before


BAD_FLAGS = {
    "unknown": "headache",
    "empty": "",
    "underscore": "sudden_weakness",
    "partial": "sudden",
    "control-char": "fever\x00",
    "very-long": "fever" * 2000,
}


@pytest.mark.parametrize("command", ["baseline", "update"])
@pytest.mark.parametrize("value", list(BAD_FLAGS.values()), ids=list(BAD_FLAGS))
def test_unknown_red_flag(with_baseline, command, value):
    before = with_baseline.bytes()
    extra = ("--force",) if command == "baseline" else ()
    result = with_baseline(command, "--no-input", *extra, "--nrs", "5", "--red-flag", "fever", f"--red-flag={value}")
    assert result.code == 2
    line = _error_line(result)
    assert line.startswith("paintrack: error: --red-flag must be one of sudden-weakness, bladder-bowel-control, ")
    assert len(line) < 200
    assert with_baseline.bytes() == before


@pytest.mark.parametrize("command", ["baseline", "update"])
@pytest.mark.parametrize(
    "value, message",
    [("", "--note must not be empty"), ("a\x00b", "--note must not contain control characters"),
     ("x" * 501, "--note is 501 characters long")],
    ids=["empty", "control-char", "too-long"],
)
def test_bad_note(with_baseline, command, value, message):
    before = with_baseline.bytes()
    extra = ("--force",) if command == "baseline" else ()
    result = with_baseline(command, "--no-input", *extra, "--nrs", "5", f"--note={value}")
    assert result.code == 2
    assert _error_line(result).startswith(f"paintrack: error: {message}")
    assert with_baseline.bytes() == before
