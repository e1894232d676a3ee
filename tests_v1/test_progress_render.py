"""The terminal progress report: sparklines, order of sections, 80 columns, gaps."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paintrack.demo import sample_journal
from paintrack.models import Journal
from paintrack.render.ansi import Screen
from paintrack.render.progress import BARS, print_report, sparkline
from paintrack.report import build_report
from test_report import CATALOGUE, baseline, plan, update

TODAY = date(2026, 11, 23)


def render(report: dict, width: int = 80) -> str:
    buffer = io.StringIO()
    print_report(report, Screen(buffer, width=width, colour=False))
    return buffer.getvalue()


# --- sparkline ----------------------------------------------------------------------------


def test_sparkline_on_a_fixed_scale():
    assert sparkline([0, 10, 5], 0, 10) == "▁█▅"  # 5/10 × 7 = 3.5 → rounds to 4 (▅)
    assert sparkline([8, 7, 6, 6, 4], 0, 10) == "▇▆▅▅▄"


def test_sparkline_free_scale_gaps_and_flat():
    assert sparkline([380, None, 490]) == "▁·█"
    assert sparkline([5, 5, 5]) == "▄▄▄"
    assert sparkline([None, None]) == "··"
    assert sparkline([]) == ""


@given(st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6)), max_size=30))
def test_sparkline_one_character_per_value(values):
    line = sparkline(values)
    assert len(line) == len(values)
    assert all(c in BARS + "·" for c in line)
    present = [v for v in values if v is not None]
    if present and min(present) != max(present):
        assert line[values.index(min(present))] == "▁" and line[values.index(max(present))] == "█"


# --- the report on a terminal -------------------------------------------------------------


def wide_journal() -> Journal:
    """Every column at its widest: decimals, a big walk and dose, PGIC, a red flag."""
    full = dict(worst=9, least=4, now=6, activity=7, mood=6, walking=8, work=7, relations=4, sleep=6, enjoyment=7)
    return Journal(
        baseline=baseline(10, walk_m=1000, opioid_mme=4999.5, duration_months=2, **full),
        updates=[update(4 * i, 10 - i, pgic=7, walk_m=999.5, opioid_mme=5000, red_flags=["fever"], **full)
                 for i in range(1, 9)],
        plan=plan("graded-exercise", "cbt", "medication", "no-figure"),
    )


@pytest.mark.parametrize("journal", [sample_journal(TODAY), wide_journal()])
def test_fits_80_columns_without_wrapping_the_table(journal):
    report = build_report(journal, CATALOGUE, TODAY)
    text = render(report)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    header = next(i for i, line in enumerate(lines) if line.startswith("Date"))
    rows = lines[header + 1: header + 1 + len(report["assessments"])]
    for row, a in zip(rows, report["assessments"]):  # one line per assessment, all columns on it
        assert row.startswith(a["date"]) and a["kind"] in row
        assert row.split()[2] == str(a["nrs"])
    assert lines[header + 1 + len(report["assessments"])].strip() == ""


def test_red_flags_come_first_and_every_section_is_there():
    report = build_report(wide_journal(), CATALOGUE, TODAY)
    text = render(report)
    assert text.index("URGENT") < text.index("Pain progress report")
    assert "Seek urgent medical care" in text
    for part in ("Assessments", "Trends", "Change since baseline", "IMMPACT", "Expected vs actual",
                 "Alerts", "Next update due", "not medical advice"):
        assert part in text, part
    assert text.index("Alerts") > text.index("Expected vs actual")
    assert all(line.rstrip().endswith("RED") for line in text.splitlines() if line.startswith("2026-0") and "update" in line)
    assert "BPI interference unchanged" in text and "Six-minute walk −0.5 m" in text
    assert "opioid dose unchanged" in text  # 4999.5 → 5000: 0.01% more, below the 0.1% shown


def test_badges_pgic_and_expected_range():
    j = Journal(baseline=baseline(8), updates=[update(4, 7), update(8, 1, pgic=1)], plan=plan("graded-exercise", "cbt"))
    text = render(build_report(j, CATALOGUE, j.latest().date))
    assert "REVERSAL" in text and "PAIN-FREE OR NEARLY" in text
    assert "Pain 8 → 1: down 7 points, 87.5% reduction" in text
    assert "IMMPACT: substantial" in text
    assert "Global impression (PGIC): 1 very much improved — IMMPACT: substantial" in text
    # 8 weeks in: 20–46.7% expected, NRS 8 × (1 − r) = 4.3–6.4
    assert "Expected by 2026-03-02: 20–46.7% less pain, NRS 4.3–6.4" in text
    assert "ahead of the expected range" in text
    assert "Next update due: 2026-03-30" in text


def test_no_badge_when_not_earned():
    j = Journal(baseline=baseline(8), updates=[update(4, 6)])
    text = render(build_report(j, CATALOGUE, j.latest().date))
    assert "REVERSAL" not in text and "PAIN-FREE" not in text and "URGENT" not in text
    assert "No expected range" in text


def test_gaps_show_as_dashes():
    j = Journal(baseline=baseline(8), updates=[update(4, 6)])  # NRS only, nothing else
    text = render(build_report(j, CATALOGUE, j.latest().date))
    row = next(line for line in text.splitlines() if line.startswith("2026-02-02"))
    assert row.split()[2:] == ["6", "—", "—", "—", "—", "—", "—"]
    assert "BPI severity — · BPI interference —" in text
    assert "Six-minute walk —" in text


def test_baseline_only():
    j = Journal(baseline=baseline(8))
    text = render(build_report(j, CATALOGUE, date(2026, 1, 5)))
    assert "No update yet" in text and "Next update due: 2026-02-02" in text
