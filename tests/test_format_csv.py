"""`report --format csv`: the assessments' table, one row per assessment, its columns those
documented in README.md ("CSV columns")."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from test_format_html import demo, report_of, screen, two_years

from paintrack.domain.records import Assessment
from paintrack.render.formats import csv as csv_format
from paintrack.storage.store import Store

DOC = Path(__file__).resolve().parents[1] / "README.md"


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def documented_columns() -> list[str]:
    """The column names in the README's CSV table, in order."""
    section = DOC.read_text(encoding="utf-8").split("<!-- csv-columns -->")[1].strip().split("\n\n")[0]
    return re.findall(r"^\| `([a-z0-9_]+)` \|", section, re.M)


def test_the_columns_are_the_documented_ones():
    assert documented_columns() == list(csv_format.COLUMNS)
    header = csv_format.render(report_of(demo())).split("\r\n")[0]
    assert header.split(",") == list(csv_format.COLUMNS)


def test_one_row_per_assessment_with_the_report_s_figures():
    r = report_of(demo())
    text = csv_format.render(r)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    table = rows(text)
    assert [t["date"] for t in table] == [str(a.date) for a in r.assessments]
    first, last = table[0], table[-1]
    assert (first["kind"], first["nrs"], first["bpi_severity"], first["bpi_interference"], first["peg"]) == \
        ("baseline", "6", "5.8", "5.7", "6")
    assert (last["walk_m"], last["opioid_mme"], last["psfs"], last["pgic"], last["phq9"], last["phq9_band"]) == \
        ("440", "15", "5.5", "3", "3", "minimal")
    assert first["exercise_sessions"] == "" and first["pgic"] == ""  # not measured: an empty cell
    assert last["phq9_answers"] == "1;1;1;0;0;0;0;0;0" and last["goal_1"] == "6" and last["goal_3"] == ""
    assert first["red_flag_screen"] == "terminal" and first["red_flags"] == ""


def test_red_flags_side_effects_skipped_answers_and_notes():
    j = demo()
    odd = replace(j.updates[-1], red_flag_screen=screen("fever", "night-pain"), side_effects=("nausea", "falls"),
                  phq9=(1, None, 0, 0, 0, 0, 0, 0, 0), note='=HYPERLINK("http://evil.example","x"), with "quotes"')
    table = rows(csv_format.render(report_of(replace(j, updates=j.updates[:-1] + (odd,)))))
    last = table[-1]
    assert last["red_flags"] == "fever;night-pain" and last["side_effects"] == "nausea;falls"
    assert last["phq9_answers"] == "1;;0;0;0;0;0;0;0" and last["phq9"] == ""  # a skipped item: no total
    assert last["note"] == "'" + '=HYPERLINK("http://evil.example","x"), with "quotes"'  # never a formula
    assert table[-2]["note"] == ""


def test_a_note_that_is_not_a_formula_is_kept_as_written():
    assert csv_format.text_cell("better - after the walk") == "better - after the walk"
    assert csv_format.text_cell("-3 days of flare") == "'-3 days of flare"
    assert csv_format.text_cell("line\none") == "line one"


def test_two_years_of_updates(paintrack):
    Store(paintrack.journal).replace_all(two_years(), datetime(2026, 11, 23, 12).astimezone())
    done = paintrack("report", "--format", "csv")
    assert done.code == 0, done.err
    assert done.out.count("\r\n") == 28  # the header and 27 rows, CRLF as written
    table = rows(done.out)
    assert len(table) == 27 and table[0]["kind"] == "baseline" and table[-1]["date"] == "2026-11-23"


def test_report_to_a_csv_file_by_its_extension(paintrack, tmp_path):
    Store(paintrack.journal).replace_all(demo(), datetime(2026, 11, 23, 12).astimezone())
    out = tmp_path / "assessments.csv"
    done = paintrack("report", "-o", str(out))
    assert done.code == 0 and "Report written to" in done.out
    assert out.read_bytes() == csv_format.render(report_of(demo())).encode("utf-8")
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_pain_only_update_leaves_its_other_cells_empty():
    j = demo()
    only = Assessment("update", date(2026, 11, 23), 4, red_flag_screen=screen())
    last = rows(csv_format.render(report_of(replace(j, updates=j.updates[:-1] + (only,)))))[-1]
    assert last["nrs"] == "4" and last["bpi_severity"] == "" and last["walk_m"] == "" and last["goal_1"] == ""
