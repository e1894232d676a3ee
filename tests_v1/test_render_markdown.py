"""The Markdown export: what a reader of the file sees."""

from __future__ import annotations

import pytest

from report_samples import SAMPLES, baseline_only, full_course, many_nulls

from paintrack.render import markdown


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_renders_with_title_next_date_and_disclaimer(name):
    text = markdown.render(SAMPLES[name]())
    assert text.startswith("# Pain progress report\n")
    assert "## Next" in text
    assert "not medical advice" in text


def test_change_table_and_immpact_category():
    text = markdown.render(full_course())
    assert "| Pain (NRS) | 7 | 3 | 57.1% less |" in text
    assert "| 6-minute walk | 380 m | 490 m | 110 m more |" in text
    assert "| Opioid dose | 30 MME/day | 10 MME/day | 66.7% less |" in text
    assert "Pain 7 → 3: 57.1% less (IMMPACT: substantial improvement, 50% or more less pain)." in text
    assert "That is a reversal" in text
    assert "Global impression of change (PGIC): 2 — much improved; IMMPACT: moderate." in text


def test_expected_vs_actual_and_full_effect():
    text = markdown.render(full_course())
    assert ("Expected by now: 45–70% less pain (projected NRS 2.1–3.9); actual: 57.1% less (NRS 3), "
            "within the expected range.") in text
    assert "At full effect: 45–72% less pain (projected NRS 2–3.9)." in text


def test_red_flags_first_even_when_the_list_is_not():
    report = full_course()
    report["alerts"].reverse()
    text = markdown.render(report)
    assert text.index("> **⚠ Red flag: fever.") < text.index("## Alerts")
    alerts = text.split("## Alerts", 1)[1].split("##", 1)[0]
    assert alerts.index("**red_flags**") < alerts.index("**medication_review**")


def test_assessment_table_has_one_row_per_assessment_in_order():
    report = full_course()
    text = markdown.render(report)
    section = text.split("## Assessments", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| 2026-")]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == [a["date"] for a in report["assessments"]]
    assert rows[0] == "| 2026-06-08 | baseline | 7 | 6.5 | 6.43 | 7 | 380 | 30 | — |"


def test_user_text_cannot_break_tables_or_inject_html():
    text = markdown.render(full_course())
    assert "| 2026-11-20 | activity | Gardened for 40 minutes \\<no flare\\> \\| felt fine |" in text
    assert "Medication \\<started\\> 26 weeks ago" in text
    report = full_course()
    report["evidence"][0]["text"] = "line one\nline two | three"
    assert "| line one line two \\| three |" in markdown.render(report)


def test_baseline_only_says_what_is_missing():
    text = markdown.render(baseline_only())
    assert "No update since the baseline yet" in text
    assert "No plan chosen yet" in text
    assert "No alerts." in text
    assert "Next update due: 2026-11-30." in text
    assert "| Pain (NRS) | 6 | 6 | — |" in text
    assert "## Plan" not in text and "## Pain diary" not in text


def test_gaps_show_as_dashes_and_nothing_crashes():
    text = markdown.render(many_nulls())
    assert "| 2026-03-30 | update | — | — | — | — | 300 | — | — |" in text
    assert "Next update due: record a baseline first." in text
    assert text.rstrip().endswith("*paintrack is a tracking aid, not medical advice: discuss every change of treatment with your clinician.*")


def test_diary_and_evidence_when_present():
    text = markdown.render(full_course())
    assert "| 2026-11-02 | 3.4 |" in text
    # the diary's own wording, as on the terminal: association, not cause; "n of 14" below 14 days
    assert ("- on days with more sleep, pain tended to be lower (moderate association, ρ = −0.42, n = 19); "
            "this is an association, not proof of cause") in text
    assert "- stress: not enough days yet (9 of 14)" in text


def test_empty_report_does_not_crash():
    text = markdown.render({"schema": "paintrack.report/1"})
    assert "No assessments yet." in text and "No alerts." in text


def test_fallback_disclaimer_is_the_terminal_wording():
    from paintrack.render import report_text, terminal

    assert report_text.NOT_MEDICAL_ADVICE == terminal.NOT_MEDICAL_ADVICE
