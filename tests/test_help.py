"""Help: bare `paintrack` prints it (exit 0, no empty error line); `--help` and `-h` list every
command; each command's help shows the v2 flags and the date forms."""

from __future__ import annotations

import pytest

from paintrack.cli.app import COMMANDS

#: the commands the contract names (and `send`, once it is built: every registered command is listed)
EXPECTED = ("demo", "baseline", "update", "log", "evidence", "plan", "flags", "report", "list", "edit",
            "delete", "undo", "history", "doctor", "completion")


def _listed(help_text: str) -> list[str]:
    """The command names in help's panels, in order."""
    names = []
    for line in help_text.splitlines():
        cells = line.strip("│ ").split()
        if cells and cells[0] in COMMANDS and line.lstrip().startswith("│"):
            names.append(cells[0])
    return names


def test_bare_paintrack_prints_the_help(paintrack) -> None:
    r = paintrack()
    assert r.code == 0
    assert r.err == ""
    assert "Usage: paintrack [OPTIONS] COMMAND [ARGS]..." in r.out
    assert "error" not in r.out.lower()
    assert sorted(_listed(r.out)) == sorted(set(COMMANDS))
    assert set(EXPECTED) <= set(COMMANDS)


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_every_command(paintrack, flag: str) -> None:
    r = paintrack(flag)
    assert r.code == 0 and r.err == ""
    assert sorted(_listed(r.out)) == sorted(set(COMMANDS))
    assert set(EXPECTED) <= set(COMMANDS)
    assert set(EXPECTED) <= set(COMMANDS) <= {*EXPECTED, "send"}


@pytest.mark.parametrize("command", sorted(set(COMMANDS)))
def test_every_command_has_help(paintrack, command: str) -> None:
    r = paintrack(command, "--help")
    assert r.code == 0, r.err
    assert f"Usage: paintrack {command}" in r.out


@pytest.mark.parametrize("command", ["baseline", "update"])
def test_assessment_help_shows_the_v2_interference_flags(paintrack, command: str) -> None:
    out = paintrack(command, "--help").out
    for name in ("activity", "mood", "walking", "work", "relations", "sleep", "enjoyment"):
        assert f"--{name}-interference" in out
    assert "--sleep-hours" in out
    assert "--mood " not in out and "--sleep " not in out
    assert "yesterday" in out


def test_log_help_shows_the_date_forms(paintrack) -> None:
    out = " ".join(paintrack("log", "--help").out.split())
    assert "YYYY-MM-DD, today, yesterday or 'N days ago'" in out


def test_a_mistyped_command_is_one_line_and_a_hint(paintrack) -> None:
    r = paintrack("reprot")
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert lines[0].startswith("paintrack: error: ") and lines[0] != "paintrack: error:"
    assert lines[1].startswith("hint: ")
