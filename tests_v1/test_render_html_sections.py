"""The HTML page carries what the other formats carry: the schedule's next dates, "What goes
with better days", the evidence sheet with counts, the four-aspect emphasis, the opioid dose
over time — each only when it has content — and still prints on one page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import chromium
from report_samples import baseline_only, built_from_demo, full_course, many_nulls

from paintrack import aspects, evidence
from paintrack.catalogue import load_catalogue
from paintrack.demo import sample_journal
from paintrack.models import AspectsReflection, DiaryEntry, EvidenceEntry
from paintrack.render import html
from paintrack.render import report_text as t
from paintrack.report import build_report

TODAY = date(2026, 11, 23)
NEEDS_CHROMIUM = pytest.mark.skipif(chromium.available() is not None, reason=str(chromium.available()))
HEADINGS = ("Next in the schedule", "What goes with better days", "Evidence sheet", "Four-aspect reflection",
            "Opioid dose (MME/day)")


def demo() -> tuple[dict, str]:
    report = built_from_demo()
    return report, html.render(report)


def test_schedule_next_dates_from_the_report():
    report, page = demo()
    assert [s["date"] for s in report["schedule_next"]] == ["2026-12-21", "2027-01-18"]
    section = page.split("Next in the schedule", 1)[1].split("</section>", 1)[0]
    for step in report["schedule_next"]:
        assert f"<b>{step['date']}</b> {step['title']}" in section
    assert "<code>paintrack update</code>: pain, BPI, six-minute walk" in section


def test_what_goes_with_better_days_uses_the_diary_numbers():
    report, page = demo()
    diary = report["diary"]
    section = page.split("What goes with better days", 1)[1].split("</section>", 1)[0]
    means = " · ".join(t.fmt(w["mean"], digits=1) for w in diary["weekly_mean_pain"])
    assert f"Weekly mean pain (diary, {diary['days']} days; weeks of 28 Sep – 23 Nov): <b>{means}</b>" in section
    sleep = next(a for a in diary["associations"] if a["factor"] == "sleep_hours")
    rho = f"{sleep['same_day_rho']:.2f}".replace("-", "\u2212")
    assert (f"on days with more sleep, pain tended to be lower (strong association, ρ = {rho}, "
            f"n = {sleep['n']})") in section
    assert "This is an association, not proof of cause." in section
    # every next-day rho of the demo is below 0.1: one line for all four
    assert section.count("the next day, pain was about the same") == 1
    assert "no clear association (n = 55)" in section


def test_fewer_than_14_diary_days_say_not_enough_days_yet():
    j = sample_journal(TODAY)
    j.diary = [DiaryEntry(date=TODAY - timedelta(days=i), pain=3 + i % 4, sleep_hours=6 + i % 3) for i in range(10)]
    page = html.render(build_report(j, load_catalogue(), TODAY))
    section = page.split("What goes with better days", 1)[1].split("</section>", 1)[0]
    assert "sleep: not enough days yet (10 of 14)" in section
    assert "mood: not enough days yet (0 of 14)" in section
    assert "tended to be" not in section


def test_evidence_sheet_lists_entries_and_counts():
    report, page = demo()
    section = page.split("Evidence sheet", 1)[1].split("</section>", 1)[0]
    assert f": {len(report['evidence'])} observations</h2>" in section
    per = " · ".join(f"{c} {n}" for c, n in report["evidence_counts"].items())
    assert per == "stress-onset 1 · emotion-attention 1"
    assert f"By category: {per}." in section
    for entry in report["evidence"]:
        assert f"<b>{entry['date']}</b> <i>{entry['category']}</i>: {html.e(entry['text'])}" in section
    assert "not a diagnosis" in section


def test_a_long_evidence_sheet_shows_the_newest_and_says_so():
    j = sample_journal(TODAY)
    j.evidence = [EvidenceEntry(date=date(2026, 7, 1) + timedelta(days=i), category="triggers", text=f"entry {i}")
                  for i in range(12)]
    page = html.render(build_report(j, load_catalogue(), TODAY))
    assert "By category: triggers 12." in page
    assert html.EVIDENCE_SHOWN == 6
    assert "entry 11" in page and "entry 6" in page and "entry 5<" not in page
    assert "The newest 6 of 12. The Markdown export lists them all, in full." in page


def test_a_long_entry_is_shortened_on_the_page_and_says_so():
    j = sample_journal(TODAY)
    j.evidence = [EvidenceEntry(date=TODAY, category="delayed", text="word " * 300 + "THE END")]
    page = html.render(build_report(j, load_catalogue(), TODAY))
    item = page.split("<i>delayed</i>: ", 1)[1].split("</li>", 1)[0]
    assert item.endswith("word…") and len(item) <= html.EVIDENCE_CHARS + 1 and "THE END" not in page
    assert "Long entries are shortened (…). The Markdown export lists them all, in full." in page


def test_four_aspects_emphasis_with_techniques_as_a_reflection_aid():
    report, page = demo()
    section = page.split("Four-aspect reflection", 1)[1].split("</section>", 1)[0]
    assert report["aspects"]["emphasis"] == ["cognitive", "behavioral", "emotional"]
    assert "Ratings 0–10: cognitive 8 · emotional 6 · behavioral 7 · autonomic 3." in section
    order = [section.index(f"<b>{aspects.BY_ID[i].name}</b> ({report['aspects']['ratings'][i]})")
             for i in report["aspects"]["emphasis"]]
    assert order == sorted(order)
    assert "graded exposure: return to avoided activities" in section
    assert "<b>Autonomic</b>" not in section  # rated 3: not emphasised
    assert html.e(aspects.REFLECTION_AID) in section and "not a scored instrument" in section


def test_a_reflection_without_emphasis_says_none_stands_out():
    j = sample_journal(TODAY)
    j.aspects = [AspectsReflection(date=TODAY, ratings={"cognitive": 2, "autonomic": 4})]
    page = html.render(build_report(j, load_catalogue(), TODAY))
    assert "No aspect is rated 5 or more: none stands out." in page
    assert "cognitive 2 · emotional — · behavioral — · autonomic 4" in page


def test_opioid_dose_over_time():
    report, page = demo()
    doses = " → ".join(t.fmt(a["opioid_mme"], digits=1) for a in report["assessments"])
    assert doses == "30 → 30 → 25 → 20 → 15 → 10 → 10"
    assert f"Opioid dose (MME/day) at each assessment, 08 Jun – 23 Nov: {doses}" in page


@pytest.mark.parametrize("sample", [baseline_only, many_nulls])
def test_sections_are_absent_when_there_is_nothing_to_show(sample):
    page = html.render(sample())
    for heading in HEADINGS:
        assert heading not in page, heading


def test_sample_without_schedule_or_aspects_shows_only_what_it_has():
    page = html.render(full_course())  # diary and evidence, no schedule_next, no aspects
    assert "What goes with better days" in page and "Evidence sheet: 1 observation<" in page
    assert "By category: activity 1." in page  # counted from the entries when the report has no counts
    assert "Next in the schedule" not in page and "Four-aspect reflection" not in page


def test_no_alerts_is_one_line_in_the_header():
    _, page = demo()
    assert "Next update due: 2026-12-21. No alerts.</p>" in page
    assert "<h2>Alerts</h2>" not in page
    assert "<h2>Alerts</h2>" in html.render(full_course())


def _long_demo() -> dict:
    """The demo with a full evidence sheet of long entries and the widest notes."""
    j = sample_journal(TODAY)
    j.evidence = [EvidenceEntry(date=date(2026, 7, 1) + timedelta(days=7 * i),
                                category=list(evidence.CATEGORIES)[i % 8],
                                text="A longer observation of what happened that day and how the pain behaved. " * 3)
                  for i in range(html.EVIDENCE_SHOWN + 3)]
    return build_report(j, load_catalogue(), TODAY)


@NEEDS_CHROMIUM
@pytest.mark.parametrize("paper", ["A4", "letter"])
@pytest.mark.parametrize("sample", ["demo", "long_demo"])
def test_demo_prints_on_one_page(tmp_path, paper, sample):
    report = built_from_demo() if sample == "demo" else _long_demo()
    page = html.render(report).replace("</head>", f"<style>@page {{ size: {paper}; }}</style></head>", 1)
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    assert chromium.pdf_pages(path, tmp_path / "report.pdf") == 1
