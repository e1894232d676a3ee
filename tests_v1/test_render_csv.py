"""The CSV export, read back with the csv module as a spreadsheet would."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report_samples import SAMPLES, full_course, many_nulls

from paintrack.render import csv as csv_export


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_one_row_per_assessment_with_the_sample_values(name):
    report = SAMPLES[name]()
    rows = read(csv_export.render(report))
    assert len(rows) == len(report["assessments"])
    for row, assessment in zip(rows, report["assessments"]):
        assert list(row) == list(csv_export.COLUMNS)
        assert row["date"] == str(assessment["date"])[:10] and row["kind"] == assessment["kind"]
        for column in csv_export.COLUMNS[2:-1]:
            value = assessment.get(column)
            if value is None:
                assert row[column] == "", column
            else:
                assert float(row[column]) == pytest.approx(value, abs=0.005), column
        flags = row["red_flags"].split(";") if row["red_flags"] else []
        assert flags == list(assessment.get("red_flags") or [])


def test_header_crlf_and_exact_first_rows():
    text = csv_export.render(full_course())
    lines = text.split("\r\n")
    assert lines[0].startswith("date,kind,nrs,worst,least,now,activity,")
    assert lines[1] == "2026-06-08,baseline,7,9,4,6,7,6,8,7,4,6,7,6.5,6.43,7,380,30,5.5,,,,"
    assert lines[-2].endswith(",490,10,7,4,150,2,fever")
    assert lines[-1] == "" and "\n" not in text.replace("\r\n", "")


def test_gaps_are_empty_cells():
    rows = read(csv_export.render(many_nulls()))
    assert rows[1]["nrs"] == "" and rows[1]["walk_m"] == "300" and rows[1]["bpi_severity"] == ""
    assert rows[0]["least"] == "" and rows[0]["bpi_severity"] == ""


def test_dates_are_iso_and_in_report_order():
    rows = read(csv_export.render(full_course()))
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert all(len(r["date"]) == 10 and r["date"][4] == r["date"][7] == "-" for r in rows)


def test_written_as_bytes_a_spreadsheet_reads_the_same(tmp_path):
    path = tmp_path / "report.csv"
    path.write_bytes(csv_export.render(full_course()).encode("utf-8"))
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 8 and rows[7][-1] == "fever"


@given(st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(0, 1000, allow_nan=False)))
def test_cell_round_trips_within_two_decimals(value):
    text = csv_export.cell(value)
    if value is None:
        assert text == ""
    else:
        assert abs(float(text) - value) <= 0.005 + 1e-9


def test_several_red_flags_share_one_cell():
    report = full_course()
    report["assessments"][-1]["red_flags"] = ["fever", "sudden-weakness"]
    assert read(csv_export.render(report))[-1]["red_flags"] == "fever;sudden-weakness"
