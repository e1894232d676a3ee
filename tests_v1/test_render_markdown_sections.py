"""The Markdown export carries the diary's associations, the evidence sheet with counts, the
four-aspect emphasis and the schedule's next dates — each only when it has content."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from report_samples import baseline_only, built_from_demo, many_nulls

from paintrack import aspects
from paintrack.catalogue import load_catalogue
from paintrack.demo import sample_journal
from paintrack.models import DiaryEntry, EvidenceEntry
from paintrack.render import markdown
from paintrack.render import report_text as t
from paintrack.report import build_report

TODAY = date(2026, 11, 23)
HEADINGS = ("## What goes with better days", "## Evidence sheet", "## Four-aspect reflection", "Next in the schedule")


def section(text: str, heading: str) -> str:
    return text.split(heading, 1)[1].split("\n## ", 1)[0]


def test_diary_weeks_and_sentences_from_the_report():
    report = built_from_demo()
    part = section(markdown.render(report), "## What goes with better days")
    for week in report["diary"]["weekly_mean_pain"]:
        assert f"| {week['week_start']} | {t.fmt(week['mean'])} |" in part
    mood = next(a for a in report["diary"]["associations"] if a["factor"] == "mood")
    rho = f"{mood['same_day_rho']:.2f}".replace("-", "\u2212")
    assert (f"- on days with a better mood, pain tended to be lower (strong association, ρ = {rho}, n = {mood['n']}); "
            "this is an association, not proof of cause") in part
    assert "not what causes what" in part
    assert part.count("pain the next day was about the same") == 4


def test_fewer_than_14_days_say_not_enough_days_yet():
    j = sample_journal(TODAY)
    j.diary = [DiaryEntry(date=TODAY - timedelta(days=i), pain=4, sleep_hours=7) for i in range(13)]
    part = section(markdown.render(build_report(j, load_catalogue(), TODAY)), "## What goes with better days")
    assert "- sleep: not enough days yet (13 of 14)" in part and "tended to be" not in part


def test_evidence_counts_and_every_entry():
    j = sample_journal(TODAY)
    j.evidence += [EvidenceEntry(date=date(2026, 9, 1) + timedelta(days=i), category="triggers", text=f"entry {i}")
                   for i in range(9)]
    report = build_report(j, load_catalogue(), TODAY)
    part = section(markdown.render(report), "## Evidence sheet")
    assert part.startswith(": 11 observations")
    assert "By category: stress-onset 1 · triggers 9 · emotion-attention 1." in part
    for entry in report["evidence"]:
        assert f"| {entry['date']} | {entry['category']} | {entry['text']} |" in part


def test_aspects_emphasis_techniques_and_notes():
    report = built_from_demo()
    part = section(markdown.render(report), "## Four-aspect reflection")
    assert part.startswith(f" ({report['aspects']['date']})")
    for i in report["aspects"]["emphasis"]:
        a = aspects.BY_ID[i]
        assert f"- **{a.name}** ({report['aspects']['ratings'][i]}): {'; '.join(a.techniques)}" in part
    assert "**Autonomic**" not in part
    assert "- Cognitive note: I still think bending will damage my discs." in part
    assert f"*{aspects.REFLECTION_AID}*" in part


def test_schedule_next_dates():
    report = built_from_demo()
    part = section(markdown.render(report), "## Next")
    for step in report["schedule_next"]:
        assert f"- **{step['date']}** {step['title']}: `paintrack update`: pain, BPI, six-minute walk" in part


@pytest.mark.parametrize("sample", [baseline_only, many_nulls])
def test_absent_when_empty(sample):
    text = markdown.render(sample())
    for heading in HEADINGS:
        assert heading not in text
