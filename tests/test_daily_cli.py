"""Daily use: the v1 flag names refused with the new one, the update reminder in `log` at its
boundary, where the first write put the journal, format aliases, `plan --list` one line per
therapy at 60 columns, the short plan view, and the demo's closing hint run as printed."""

from __future__ import annotations

import shlex
from datetime import date, timedelta

import pytest
from conftest import BASELINE_ARGS, TODAY

from paintrack.cli.app import run
from paintrack.domain.measures import RENAMED_FLAGS

TODAY_D = date.fromisoformat(TODAY)
V1_FLAGS = ("--activity", "--mood", "--walking", "--work", "--relations", "--sleep", "--enjoyment")


# --- v1 interference flags ------------------------------------------------------------------------


@pytest.mark.parametrize("flag", V1_FLAGS)
@pytest.mark.parametrize("form", ["separate", "equals"])
def test_update_refuses_a_v1_flag_naming_the_new_one(paintrack, flag: str, form: str) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    given = [flag, "7"] if form == "separate" else [f"{flag}=7"]
    r = paintrack("update", "--no-input", "--nrs", "5", "--no-red-flags", *given)
    assert r.code == 2
    assert r.err.startswith(f"paintrack: error: {flag} is now {flag}-interference")
    assert "hint: see `paintrack update --help`" in r.err
    assert paintrack.bytes() == before  # never stored silently


def test_sleep_names_both_new_flags(paintrack) -> None:
    r = paintrack("baseline", "--no-input", "--nrs", "5", "--sleep", "7")
    assert r.code == 2
    assert "--sleep is now --sleep-interference (how much pain interfered with sleep) or --sleep-hours (hours slept)" in r.err
    assert paintrack.bytes() is None
    assert RENAMED_FLAGS["--sleep"].startswith("--sleep-interference")


def test_edit_refuses_a_v1_flag_too(paintrack) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("edit", "baseline", "--mood", "3")
    assert r.code == 2 and "--mood" in r.err and "--mood-interference" in r.err


def test_the_v2_flags_are_stored_under_their_meaning(paintrack) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("update", "--no-input", "--nrs", "5", "--no-red-flags", "--sleep-interference", "3",
                  "--sleep-hours", "7", "--mood-interference", "2", "--date", "2026-02-02")
    assert r.code == 0, r.err
    u = paintrack.data()["updates"][0]
    assert (u["sleep_interference"], u["sleep_hours"], u["mood_interference"]) == (3, 7, 2)


def test_log_keeps_its_own_mood_and_sleep(paintrack) -> None:
    r = paintrack("log", "4", "--mood", "8", "--sleep-hours", "7")
    assert r.code == 0, r.err
    entry = paintrack.data()["diary"][0]
    assert (entry["mood"], entry["sleep_hours"]) == (8, 7)


# --- the update reminder in `log` -------------------------------------------------------------------


@pytest.mark.parametrize("days_since, line", [
    (27, None),
    (28, "Your four-weekly update is due today: run `paintrack update` to re-measure."),
    (29, "Your four-weekly update is 1 day overdue (it was due 2026-11-22): run `paintrack update` to re-measure."),
    (30, "Your four-weekly update is 2 days overdue (it was due 2026-11-21): run `paintrack update` to re-measure."),
])
def test_log_says_when_the_update_is_due(paintrack, days_since: int, line: str | None) -> None:
    latest = TODAY_D - timedelta(days=days_since)
    args = [a for a in BASELINE_ARGS]
    args[args.index("--date") + 1] = str(latest)
    assert paintrack(*args).code == 0
    r = paintrack("log", "3")
    assert r.code == 0
    reminders = [x for x in r.out.splitlines() if "four-weekly update" in x]
    assert reminders == ([line] if line else [])


def test_an_update_resets_the_reminder(paintrack) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0  # 2026-01-05: long overdue
    assert "overdue" in paintrack("log", "3", "--date", "yesterday").out
    assert paintrack("update", "--no-input", "--nrs", "5", "--no-red-flags", "--date", "2026-10-27").code == 0
    assert "four-weekly" not in paintrack("log", "3").out  # due 2026-11-24, tomorrow


def test_no_reminder_without_an_assessment(paintrack) -> None:
    r = paintrack("log", "3")
    assert r.code == 0 and "update" not in r.out


# --- where the journal was created --------------------------------------------------------------


def test_the_first_write_says_where_the_journal_is(paintrack) -> None:
    r = paintrack("log", "3")
    assert r.code == 0
    assert f"note: created your journal at {paintrack.journal} (private: only you can read it)" in r.err
    r = paintrack("log", "4", "--date", "yesterday")
    assert r.code == 0 and "created" not in r.err


def test_a_refused_command_creates_nothing(paintrack) -> None:
    r = paintrack("log", "11")
    assert r.code == 2 and "created" not in r.err and paintrack.bytes() is None


# --- format aliases ----------------------------------------------------------------------------------


@pytest.mark.parametrize("alias, name", [("md", "markdown"), ("MD", "markdown"), ("htm", "html"),
                                         ("terminal", "rich")])
def test_format_aliases_are_their_formats(paintrack, alias: str, name: str) -> None:
    from paintrack.render.formats import by_name

    assert by_name(alias).name == name
    assert paintrack(*BASELINE_ARGS).code == 0
    a, b = paintrack("report", "-f", alias), paintrack("report", "--format", name)
    assert a.code == b.code and a.code != 2, a.err
    assert (a.out, a.err) == (b.out, b.err)


def test_an_unknown_format_names_the_choices(paintrack) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("report", "--format", "docx")
    assert r.code == 2
    assert "rich, json, markdown, html, csv, fhir, pdf (or md, htm, terminal)" in r.err


# --- the plan, short ------------------------------------------------------------------------------


def test_plan_list_is_one_line_per_therapy_ids_whole_at_60_columns(paintrack) -> None:
    from paintrack.storage.catalogue_file import load_catalogue

    ids = list(load_catalogue())
    r = paintrack("plan", "--list", env={"COLUMNS": "60"})
    assert r.code == 0
    lines = r.out.splitlines()
    rows = lines[1:1 + len(ids)]
    assert [row.split()[0] for row in rows] == ids
    assert all(len(line) <= 60 for line in lines)
    assert lines[0].split()[:2] == ["id", "therapy"]
    assert len(lines) <= len(ids) + 6  # a header and one footnote


def test_plan_without_a_plan_off_a_terminal_is_short(paintrack) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("plan", env={"COLUMNS": "60"})
    assert r.code == 0
    assert r.out.startswith("No plan yet.")
    assert len(r.out.splitlines()) <= 25
    assert "graded-exercise " in r.out  # the id whole


def test_the_plan_view_is_short(paintrack) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    add = ("plan", "--add", "pain-education", "--add", "graded-exercise", "--add", "cbt", "--add", "duloxetine",
           "--start", "2026-02-02")
    r = paintrack(*add, env={"COLUMNS": "60"})
    assert r.code == 0
    assert all(len(line) <= 60 for line in r.out.splitlines())
    assert "Cognitive-behavioural" in r.out  # a therapy's words are never split by the table
    assert paintrack("plan", env={"COLUMNS": "80"}).out.count("\n") <= 40
    # with PRT the four aspects are one line, not their table
    assert paintrack("plan", "--add", "prt", env={"COLUMNS": "80"}).code == 0
    view = paintrack("plan", env={"COLUMNS": "80"}).out
    assert view.count("\n") <= 50 and "`paintrack plan --aspects`" in " ".join(view.split())  # 5 therapies
    # the article's whole claim is in --show ID; the short view gives its figure, labelled
    assert "Activates motor cortex" not in r.out
    assert "(the article: 45–60%)" in r.out
    r = paintrack("plan", "--show", "graded-exercise")
    assert r.code == 0 and "Activates motor cortex" in r.out


# --- the demo's closing hint --------------------------------------------------------------------------


def test_the_demos_hint_works_as_printed(paintrack, tmp_path, monkeypatch) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp with space"))
    (tmp_path / "tmp with space").mkdir()
    monkeypatch.chdir(tmp_path)
    r = paintrack("demo")
    assert r.code == 0, r.err
    hint = [line for line in r.out.splitlines() if line.startswith("Try: ")]
    assert len(hint) == 1
    argv = shlex.split(hint[0][len("Try: "):])
    assert argv[0] == "paintrack" and argv[1] == "--journal"
    assert argv[2] == str(tmp_path / "tmp with space" / f"paintrack-demo-{__import__('os').getuid()}" / "journal.json")
    assert run(argv[1:]) == 0
    if "-o" in argv:
        assert (tmp_path / argv[argv.index("-o") + 1]).stat().st_size > 0


# --- plausibility: least ≤ average ≤ worst ------------------------------------------------------


@pytest.mark.parametrize("least, nrs, worst, refused", [
    ("5", "5", "5", None),
    ("6", "5", "9", ("--least", "--nrs")),
    ("4", "7", "7", None),
    ("4", "8", "7", ("--nrs", "--worst")),
    ("8", "9", "7", ("--least", "--worst")),
])
def test_least_average_worst_must_fit_off_a_terminal(paintrack, least, nrs, worst, refused) -> None:
    r = paintrack("baseline", "--no-input", "--no-red-flags", "--least", least, "--nrs", nrs, "--worst", worst)
    if refused is None:
        assert r.code == 0, r.err
        return
    assert r.code == 2
    assert r.err.startswith(f"paintrack: error: {refused[0]} and {refused[1]} do not fit together")
    assert f" {least}" not in r.err.split("together")[1]  # names the fields, not the values
    assert paintrack.bytes() is None


def test_pain_now_may_be_outside_least_and_worst(paintrack) -> None:
    r = paintrack("baseline", "--no-input", "--no-red-flags", "--least", "3", "--nrs", "5", "--worst", "7",
                  "--now", "9")
    assert r.code == 0, r.err


@pytest.mark.parametrize("no_color, styled", [("1", False), ("", True)])
def test_no_color_on_a_terminal_is_plain_text(tmp_path, no_color, styled) -> None:
    """On a real terminal the views are styled; with NO_COLOR set they are plain (the contract:
    no colour, and no bold or dim either)."""
    pexpect = pytest.importorskip("pexpect")
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("paintrack")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "100", "TERM": "xterm-256color",
           "NO_COLOR": no_color}
    out = pexpect.spawn(str(script), ["plan", "--list"], env=env, encoding="utf-8", timeout=30).read()
    assert "graded-exercise" in out
    assert ("\x1b[" in out) is styled
    for args in (["--help"], ["log", "--help"], []):  # typer's help screens too
        shown = pexpect.spawn(str(script), args, env=env, encoding="utf-8", timeout=30).read()
        assert "Usage" in shown and ("\x1b[" in shown) is styled, args
