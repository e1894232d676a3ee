"""The terminal report shows the plan schedule's next dates (within 80 columns) and the
evidence sheet's counts per category."""

from __future__ import annotations


from report_samples import built_from_demo
from test_one_figure_range import terminal
from test_report import CATALOGUE, D0, W, baseline, plan, update

from paintrack.models import Journal
from paintrack.report import build_report


def test_demo_shows_the_next_dates_after_the_due_date():
    report = built_from_demo()
    text = terminal(report)
    block = text.split("Next in the schedule:\n", 1)[1].splitlines()
    for line, step in zip(block, report["schedule_next"]):
        assert line == f"  {step['date']}  {step['title']}: {step['detail']}"
    assert text.index("Next update due: 2026-12-21") < text.index("Next in the schedule:")
    assert text.index("Next in the schedule:") < text.index("not medical advice")


def test_long_steps_wrap_within_80_columns_under_their_text():
    j = Journal(baseline=baseline(), updates=[update(4, 6)], plan=plan("cbt", "medication"))
    report = build_report(j, CATALOGUE, D0 + 5 * W)
    text = terminal(report)
    lines = text.split("Next in the schedule:\n", 1)[1].splitlines()
    assert max(len(line) for line in text.splitlines()) <= 80
    d = lambda weeks: (D0 + weeks * W).isoformat()  # noqa: E731
    assert lines[0].startswith(f"  {d(0)} – {d(8)}  CBT: 8-week module")
    check = next(i for i, line in enumerate(lines) if "Check: consider advanced options" in line)
    assert lines[check].startswith(f"  {d(12)} – {d(16)}  Check: consider advanced options: if pain remains")
    indent = lines[check].index("Check")
    assert lines[check + 1].startswith(" " * indent) and lines[check + 1].strip()  # wrapped under the text


def test_no_plan_no_schedule_lines():
    j = Journal(baseline=baseline(), updates=[update(4, 6)])
    assert "Next in the schedule" not in terminal(build_report(j, CATALOGUE, D0 + 4 * W))


def test_evidence_counts_per_category():
    text = terminal(built_from_demo())
    assert "Evidence sheet: 2 observations (stress-onset 1, emotion-attention 1)" in " ".join(text.split())
