"""Dates (contract v2): YYYY-MM-DD, `today`, `yesterday` or `N days ago`, from 1900-01-01 to
today, wherever a date is typed; no date crashes a command."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BASELINE_ARGS

from paintrack.cli.parse import parse_date
from paintrack.errors import InputError

TODAY = date(2026, 11, 23)
DAYS_SINCE_1900 = (TODAY - date(1900, 1, 1)).days


@pytest.mark.parametrize("raw, expected", [
    ("today", TODAY),
    ("Today", TODAY),
    ("yesterday", date(2026, 11, 22)),
    ("  YESTERDAY ", date(2026, 11, 22)),
    ("0 days ago", TODAY),
    ("1 day ago", date(2026, 11, 22)),
    ("3 days ago", date(2026, 11, 20)),
    ("3  days   ago", date(2026, 11, 20)),
    ("30 days ago", date(2026, 10, 24)),
    (f"{DAYS_SINCE_1900} days ago", date(1900, 1, 1)),
    ("2026-11-23", TODAY),
    ("2024-02-29", date(2024, 2, 29)),
    ("1900-01-01", date(1900, 1, 1)),
])
def test_accepted(raw: str, expected: date) -> None:
    assert parse_date(raw, today=TODAY) == expected


@pytest.mark.parametrize("raw, words", [
    ("1899-12-31", "on or after 1900-01-01"),
    ("0001-01-01", "on or after 1900-01-01"),
    (f"{DAYS_SINCE_1900 + 1} days ago", "on or after 1900-01-01"),
    ("99999 days ago", "on or after 1900-01-01"),
    ("2026-11-24", "in the future (today is 2026-11-23)"),
    ("9999-12-31", "in the future"),
    ("tomorrow", "must be a date"),
    ("2026-02-29", "must be a date"),
    ("2026-13-01", "must be a date"),
    ("20261122", "must be a date"),
    ("22/11/2026", "must be a date"),
    ("3 weeks ago", "must be a date"),
    ("-1 days ago", "must be a date"),
    ("1000000 days ago", "must be a date"),
    ("\u0663 days ago", "must be a date"),  # an Arabic-Indic digit: ASCII digits only
    ("", "must be a date"),
    ("0", "must be a date"),
])
def test_refused(raw: str, words: str) -> None:
    with pytest.raises(InputError) as e:
        parse_date(raw, "--date", today=TODAY)
    assert words in e.value.message
    assert e.value.message.startswith("--date ")
    if "must be a date" in words:
        assert "YYYY-MM-DD, today, yesterday or N days ago" in e.value.message


def _saved_dates(paintrack) -> dict:
    d = paintrack.data()
    return {
        "baseline": d["baseline"]["date"],
        "updates": [u["date"] for u in d["updates"]],
        "diary": [e["date"] for e in d["diary"]],
        "evidence": [e["date"] for e in d["evidence"]],
    }


def test_natural_dates_in_every_command_that_takes_one(paintrack) -> None:
    assert paintrack("baseline", "--no-input", "--nrs", "6", "--duration-months", "2", "--no-red-flags",
                     "--date", "40 days ago").code == 0
    assert paintrack("update", "--no-input", "--nrs", "5", "--no-red-flags", "--date", "yesterday").code == 0
    assert paintrack("log", "4", "--date", "today").code == 0
    assert paintrack("log", "3", "--date", "2 days ago").code == 0
    assert paintrack("evidence", "add", "better on holiday", "--date", "yesterday").code == 0
    assert _saved_dates(paintrack) == {
        "baseline": "2026-10-14", "updates": ["2026-11-22"], "diary": ["2026-11-21", "2026-11-23"],
        "evidence": ["2026-11-22"],
    }
    r = paintrack("flags", "--assessed", "--date", "yesterday")
    assert r.code == 0, r.err
    assert paintrack.data()["reviews"][0]["date"] == "2026-11-22"
    r = paintrack("list", "diary", "--from", "yesterday", "--to", "today", "--format", "csv")
    assert r.code == 0 and "2026-11-23" in r.out and "2026-11-21" not in r.out
    r = paintrack("plan", "--add", "cbt", "--start", "3 days ago")
    assert r.code == 0, r.err
    assert paintrack.data()["plan"]["modalities"][0]["start"] == "2026-11-20"


_BAD = ("0001-01-01", "9999-12-31", "1899-12-31", "2026-11-24", "someday", "99999 days ago")
_COMMANDS = (
    ("log", "3"),
    ("baseline", "--no-input", "--nrs", "5", "--no-red-flags", "--force"),
    ("update", "--no-input", "--nrs", "5", "--no-red-flags"),
    ("evidence", "add", "a note"),
    ("flags", "--assessed"),
    ("list", "diary", "--from"),
    ("list", "diary", "--to"),
    ("plan", "--add", "cbt", "--start"),
)


# a plan may start tomorrow (test_a_plan_may_start_ahead_within_a_year)
@pytest.mark.parametrize("command, bad", [(c, b) for c in _COMMANDS for b in _BAD
                                          if not (c[0] == "plan" and b == "2026-11-24")])
def test_no_date_crashes_a_command(paintrack, command: tuple[str, ...], bad: str) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    args = (*command, bad) if command[-1].startswith("--") and command[-1] not in ("--force", "--no-red-flags", "--assessed") \
        else (*command, "--date", bad)
    r = paintrack(*args)
    if command[0] == "plan" and bad == "9999-12-31":
        assert "more than a year ahead" in r.err  # a start may be ahead, up to a year
    assert r.code == 2, (args, r.err)
    assert "Traceback" not in r.text and "internal error" not in r.err
    assert r.err.startswith("paintrack: error: ")
    assert len(r.err.strip().splitlines()) <= 2
    assert paintrack.bytes() == before


def test_a_plan_may_start_ahead_within_a_year(paintrack) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("plan", "--add", "cbt", "--start", "2027-11-23").code == 0
    assert paintrack("plan", "--add", "mbsr", "--start", "2027-11-24").code == 2
