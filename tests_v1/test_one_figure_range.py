"""A one-figure range (low == high, e.g. pain education 25%) reads "25%", never "25–25%",
in every format: terminal report, Markdown, HTML, and `paintrack plan`."""

from __future__ import annotations

import io
from datetime import date

import pytest

from conftest import BASELINE_ARGS
from paintrack.catalogue import load_catalogue
from paintrack.models import Assessment, Journal, Plan, PlanItem
from paintrack.render import html, markdown, report_text
from paintrack.render.ansi import Screen
from paintrack.render.progress import print_report
from paintrack.report import build_report
from report_samples import built_from_demo

CATALOGUE = load_catalogue()


def terminal(report: dict) -> str:
    buffer = io.StringIO()
    print_report(report, Screen(buffer, width=80, colour=False))
    return buffer.getvalue()


def test_the_shared_formatters():
    assert report_text.pct_range(25, 25) == "25%"
    assert report_text.pct_range(45, 69.6) == "45–70%"
    assert report_text.pct_range(39.1, 78.3, digits=1) == "39.1–78.3%"
    assert report_text.nrs_range(5.25, 5.25) == "5.2"  # ends equal: one figure
    assert report_text.nrs_range(2.128, 3.85) == "2.1–3.9"
    assert report_text.span("7.0", "7.0") == "7.0"


def education_only() -> dict:
    """Baseline NRS 8, pain education (catalogue: 25%, one figure) from the baseline, one update."""
    start = date(2026, 1, 5)
    j = Journal(
        baseline=Assessment(kind="baseline", date=start, nrs=8, duration_months=12),
        updates=[Assessment(kind="update", date=date(2026, 3, 2), nrs=6)],
        plan=Plan(start=start, modalities=[PlanItem(id="pain-education", start=start)]),
    )
    return build_report(j, CATALOGUE, date(2026, 3, 2))


def test_catalogue_still_has_the_one_figure_modality():
    m = CATALOGUE["pain-education"]
    assert m.reduction_low == m.reduction_high == 0.25


@pytest.mark.parametrize("render", [markdown.render, html.render, terminal], ids=["markdown", "html", "terminal"])
def test_no_format_writes_an_empty_range(render):
    for report in (education_only(), built_from_demo()):
        text = render(report)
        assert "25–25" not in text and "0–0%" not in text


def test_education_only_reads_one_figure_everywhere():
    report = education_only()
    assert report["full_effect"]["reduction_pct_low"] == report["full_effect"]["reduction_pct_high"] == 25.0
    md, page, screen = markdown.render(report), html.render(report), terminal(report)
    assert "| Pain neuroscience education | 2026-01-05 | 25% less pain at full effect |" in md
    assert "At full effect: 25% less pain (projected NRS 6)." in md  # 8 × 0.75
    assert "<td>25% less pain</td>" in page
    assert "At full effect: 25% less pain (projected NRS 6)." in page
    assert "Pain neuroscience education (25%)" in screen
    assert "At full effect: 25% less pain, NRS 6 (a range, not a promise)" in screen


def test_demo_plan_table_shows_education_as_one_figure():
    report = built_from_demo()
    assert "<td>Pain neuroscience education</td><td>2026-06-11</td><td>25% less pain</td>" in html.render(report)
    assert "<td>45–60% less pain</td>" in html.render(report)


def test_plan_command_shows_one_figure(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0  # baseline NRS 7 on 2026-01-05
    result = paintrack("plan", "--add", "pain-education", "--start", "2026-01-05")
    assert result.code == 0, result.err
    assert "25–25" not in result.out and "25% (one" in result.out
    full = next(line for line in result.out.splitlines() if line.startswith("at full effect"))
    assert full.split()[-3:] == ["25%", "5.3", "/10"]  # 7 × 0.75 = 5.25, half up
