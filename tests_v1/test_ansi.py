"""The terminal report's own drawing (paintrack.render.ansi): wrapping, width, alignment,
colour only where it belongs, and a real terminal."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BASELINE_ARGS
from hypothesis import given
from hypothesis import strategies as st
from test_progress_render import CATALOGUE, TODAY, wide_journal

from paintrack.render.ansi import (
    Screen,
    cells,
    styled,
    terminal_width,
    wants_colour,
    wrap,
)
from paintrack.render.progress import print_report
from paintrack.report import build_report

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def lines_of(text: str, width: int, hang: int) -> list[str]:
    return [" " * pad + text[start:end] for pad, start, end in wrap(text, width, hang)]


# --- display width and wrapping --------------------------------------------------------------


def test_display_width_counts_wide_characters_twice_and_marks_not_at_all():
    assert cells("NRS 7") == 5
    assert cells("7 → 3 · ≥ 50% —") == 15
    assert cells("痛みの記録") == 10  # full-width: two columns each
    assert cells("e\u0301") == 1  # e + combining acute accent
    assert cells("") == 0


def test_wrap_keeps_the_indent_and_hangs_continuation_lines():
    assert lines_of("  aaa bbb ccc ddd", 10, 4) == ["  aaa bbb", "    ccc", "    ddd"]
    assert lines_of("Pain (NRS)        ▆▆▅", 80, 2) == ["Pain (NRS)        ▆▆▅"]  # inner spaces kept
    assert lines_of("", 80, 2) == [""]
    assert lines_of("x" * 25, 10, 2) == ["x" * 10, "  " + "x" * 8, "  " + "x" * 7]  # a long word is cut


words = st.text(alphabet=st.sampled_from("abcxyz→·—痛み"), min_size=1, max_size=30)


@given(st.lists(words, max_size=40), st.integers(20, 120), st.integers(0, 10), st.integers(0, 4))
def test_wrapped_lines_fit_and_lose_no_word(parts, width, hang, indent):
    text = " " * indent + " ".join(parts)
    lines = lines_of(text, width, hang)
    assert all(cells(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())  # every character, in order
    assert lines[0].startswith(" " * indent) or not text.strip()  # only spaces: one empty line
    assert all(line.startswith(" " * min(hang, width // 2)) and line.strip() for line in lines[1:])


# --- colour and width: what the output is -----------------------------------------------------


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("environ, tty, colour", [
    ({}, True, True),
    ({}, False, False),
    ({"NO_COLOR": "1"}, True, False),
    ({"NO_COLOR": ""}, True, True),  # NO_COLOR counts when it is not empty (no-color.org)
    ({"TERM": "dumb"}, True, False),
    ({"FORCE_COLOR": "1"}, False, True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
])
def test_colour_only_on_a_terminal_without_no_color(environ, tty, colour):
    assert wants_colour(Tty() if tty else io.StringIO(), environ, platform="linux") is colour


def test_on_windows_colour_needs_windows_terminal_or_a_term():
    assert wants_colour(Tty(), {}, platform="win32") is False  # the classic console
    assert wants_colour(Tty(), {"WT_SESSION": "0b1c"}, platform="win32") is True
    assert wants_colour(Tty(), {"TERM": "xterm-256color"}, platform="win32") is True


def test_a_closed_output_is_plain_and_80_wide():
    closed = io.StringIO()
    closed.close()
    assert wants_colour(closed, {}) is False  # isatty() raises ValueError on a closed file
    assert terminal_width(closed, {}) == 80


def test_width_from_columns_else_80_off_a_terminal():
    assert terminal_width(io.StringIO(), {"COLUMNS": "123"}) == 123
    assert terminal_width(io.StringIO(), {"COLUMNS": "wide"}) == 80
    assert terminal_width(io.StringIO(), {}) == 80


def test_unknown_style_is_a_programming_error():
    with pytest.raises(ValueError, match="blink"):
        styled("x", "bold blink")


# --- tables, boxes, styles --------------------------------------------------------------------


def test_table_aligns_by_display_width_and_strips_trailing_spaces():
    out = io.StringIO()
    Screen(out, width=80, colour=False).table(
        (("Name", "left"), ("NRS", "right"), ("Note", "left")),
        [["痛み", "7", ""], ["pain", "10", "ok"]], title="T", caption="1 earlier row not shown")
    assert out.getvalue().splitlines() == [
        "T",
        "Name  NRS  Note",
        "痛み    7",
        "pain   10  ok",
        "1 earlier row not shown",
    ]


def test_box_is_exactly_as_wide_as_the_screen():
    out = io.StringIO()
    Screen(out, width=40, colour=False).box("URGENT", "Seek urgent medical care now " * 3, "bold red")
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("╭") and " URGENT " in lines[0] and lines[-1].startswith("╰")
    assert {cells(line) for line in lines} == {40}
    assert "".join(line[2:-2] for line in lines[1:-1]).split() == ("Seek urgent medical care now " * 3).split()


def test_colour_report_is_the_plain_report_with_escape_codes():
    report = build_report(wide_journal(), CATALOGUE, TODAY)
    plain, coloured = io.StringIO(), io.StringIO()
    print_report(report, Screen(plain, width=80, colour=False))
    print_report(report, Screen(coloured, width=80, colour=True))
    assert "\x1b[" not in plain.getvalue()
    assert ESCAPE.sub("", coloured.getvalue()) == plain.getvalue()
    text = coloured.getvalue()
    assert "\x1b[1mPain progress report\x1b[0m" in text
    assert "\x1b[1;31mRED\x1b[0m" in text  # the red-flag column
    assert "\x1b[1;31m╭" in text  # the URGENT box
    assert "\x1b[1;32m★ REVERSAL (≥ 50% less pain)\x1b[0m" in text


def test_control_characters_in_data_never_reach_the_terminal():
    """A catalogue name or alert carrying an escape sequence is shown with "?" in its place."""
    report = build_report(wide_journal(), CATALOGUE, TODAY)
    report["plan"]["modalities"][0]["name"] = "Evil\x1b]0;owned\x07\x1b[2J"
    report["alerts"][0]["message"] = "Seek care\rnow\x9b2J"
    out = io.StringIO()
    print_report(report, Screen(out, width=80, colour=True))
    text = ESCAPE.sub("", out.getvalue())  # paintrack's own colour codes
    assert not any(c in text for c in "\x1b\x07\r\x9b")
    assert "Evil?]0;owned??[2J" in text and "Seek care?now?2J" in text


def test_an_output_that_cannot_show_the_bars_gets_question_marks_not_an_error():
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    Screen(out, width=80, colour=False).print("Pain (NRS) ▆▆▅ 7 → 3")
    out.flush()
    assert raw.getvalue() == b"Pain (NRS) ??? 7 ? 3\n"


# --- through the CLI --------------------------------------------------------------------------


def test_force_color_colours_the_report_and_no_color_wins(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "3", "--date", "2026-02-02").code == 0
    coloured = paintrack("report", env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert coloured.code == 0 and "\x1b[1mChange since baseline\x1b[0m" in coloured.out
    assert "\x1b[" not in paintrack("report", env={"FORCE_COLOR": "1"}).out  # NO_COLOR=1 is the fixture's


def test_report_file_as_text_is_plain_and_80_columns(paintrack, tmp_path):
    assert paintrack(*BASELINE_ARGS).code == 0
    out = tmp_path / "report.txt"
    assert paintrack("report", "--output", str(out), env={"NO_COLOR": None, "FORCE_COLOR": "1", "COLUMNS": "200"}).code == 0
    text = out.read_text()
    assert "\x1b[" not in text and "Pain progress report" in text
    assert max(cells(line) for line in text.splitlines()) <= 80


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_on_a_real_terminal_the_report_is_coloured_and_fits_its_width(paintrack):
    """`paintrack report` in a pseudo-terminal 60 columns wide: colour, and prose wrapped at 60."""
    import fcntl
    import pty
    import struct
    import termios

    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "3", "--date", "2026-02-02").code == 0
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 60, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "FORCE_COLOR", "TERM")}
    env.update(PAINTRACK_TODAY="2026-11-23", TERM="xterm")
    proc = subprocess.Popen([sys.executable, "-m", "paintrack", "--journal", str(paintrack.journal), "report"],
                            stdout=secondary, stderr=subprocess.PIPE, env=env, cwd=Path(__file__).parent)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    text = b"".join(chunks).decode().replace("\r\n", "\n")
    assert "\x1b[1mPain progress report\x1b[0m" in text
    plain = ESCAPE.sub("", text)
    table = plain.split("Assessments\n", 1)[1].split("\n\n", 1)[0]
    assert max(cells(line) for line in plain.splitlines() if line not in table.splitlines()) <= 60
    assert "not medical advice" in plain
