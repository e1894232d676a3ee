"""The HTML page: self-contained, escaped, ranked; the chart; and, in headless Chromium, one
printed page on A4 and Letter for realistic journals, every box inside it, no request.

The realistic journals (SAMPLES) are built here and used by the PDF and context tests too.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import chromium
import pytest

from paintrack.domain.demo import sample_journal
from paintrack.domain.records import (
    AspectsReflection,
    Assessment,
    ClinicianReview,
    DiaryEntry,
    EvidenceEntry,
    Journal,
    Plan,
    PlanItem,
    RedFlagScreen,
    Settings,
)
from paintrack.domain.redflags import NAMES
from paintrack.domain.report import Report, build_report
from paintrack.render import words
from paintrack.render.formats import chart, html
from paintrack.storage.catalogue_file import load_catalogue

TODAY = date(2026, 11, 23)
NO_CHROMIUM = chromium.available()
LONG = ("Flare after the move: carried boxes for two days, then could hardly sit through dinner; better after "
        "three days of short walks and the breathing exercise. The new chair at work helps, the commute does not. "
        "Slept badly most of the week because of the neighbours' building work, which may explain part of it. ")


# --- realistic journals ---------------------------------------------------------------------------


def screen(*yes: str) -> RedFlagScreen:
    return RedFlagScreen("terminal", tuple((n, n in yes) for n in NAMES))


def assessment(kind: str, day: date, nrs: int, i: int = 0, **extra: object) -> Assessment:
    rng = random.Random(i)
    items = ("activity", "mood", "walking", "work", "relations", "sleep", "enjoyment")
    fields: dict = dict(
        kind=kind, date=day, nrs=nrs, worst=min(10, nrs + 2), least=max(0, nrs - 2), now=nrs,
        **{f"{k}_interference": max(0, min(10, nrs + rng.randint(-2, 1))) for k in items},
        walk_m=float(380 + 3 * i), opioid_mme=float(max(0, 30 - i)), sleep_hours=6.0,
        exercise_sessions=min(5, 1 + i // 3) if kind == "update" else None,
        mindfulness_min=min(300, 30 * i) if kind == "update" else None,
        red_flag_screen=screen(), phq9=(1, 1, 1, 0, 1, 0, 1, 0, 0), gad7=(1, 1, 0, 1, 0, 1, 0),
        goal_ability=tuple(min(10, 2 + i // 3 + g) for g in range(3)), pgic=3 if kind == "update" else None,
    )
    fields.update(extra)
    return Assessment(**fields)


def demo() -> Journal:
    return sample_journal(TODAY)


def two_years() -> Journal:
    """Two years of four-weekly updates with a daily diary."""
    start = TODAY - timedelta(days=28 * 26)
    baseline = assessment("baseline", start, 7, 0, duration_months=30, locations=("lower back", "left hip"),
                          goals=("walk the dog for 30 minutes", "sit through a film", "garden for an hour"),
                          note="Started after a lifting injury in 2024; worse in winter.")
    updates = tuple(assessment("update", start + timedelta(days=28 * k), max(2, 7 - k // 5), k,
                               note="Good month." if k % 6 == 0 else None,
                               side_effects=("nausea",) if k in (3, 4) else ())
                    for k in range(1, 27))
    rng = random.Random(3)
    diary = tuple(DiaryEntry(start + timedelta(days=d), pain=max(0, min(10, 6 - d // 200 + rng.randint(-2, 2))),
                             sleep_hours=rng.choice([5.5, 6, 6.5, 7, 7.5]), mood=rng.randint(3, 8),
                             stress=rng.randint(1, 8), activity_min=rng.choice([0, 15, 30, 45, 60]),
                             note="Long walk by the river." if d % 90 == 0 else None)
                  for d in range(0, 28 * 26 + 1))
    plan = Plan(start + timedelta(days=3), 10, (PlanItem("pain-education", start + timedelta(days=3)),
                                                 PlanItem("graded-exercise", start + timedelta(days=10)),
                                                 PlanItem("cbt", start + timedelta(days=17))))
    return Journal(journal_id="00000000-0000-4000-8000-000000000002", baseline=baseline, updates=updates,
                   plan=plan, diary=diary)


EVIDENCE_CATEGORIES = ("stress-onset", "no-injury", "inconsistent", "triggers", "symmetry", "delayed",
                       "emotion-attention", "other", "triggers", "inconsistent", "emotion-attention")


def red_flag_evidence() -> Journal:
    """One active red flag (fever), 11 evidence entries and long notes."""
    j = demo()
    latest = replace(j.updates[-1], red_flag_screen=screen("fever"), note=LONG * 6)
    updates = tuple(replace(u, note=LONG * 2) for u in j.updates[:-1]) + (latest,)
    evidence = tuple(EvidenceEntry(n + 1, TODAY - timedelta(days=150 - 12 * n), c,
                                   f"Observation {n + 1}: " + LONG[: 120 + 25 * n])
                     for n, c in enumerate(EVIDENCE_CATEGORIES))
    diary = tuple(replace(d, note=LONG * 3) if i % 9 == 0 else d for i, d in enumerate(j.diary))
    assert j.baseline is not None
    return replace(j, updates=updates, evidence=evidence, diary=diary, baseline=replace(j.baseline, note=LONG * 4))


def five_modalities() -> Journal:
    """The demo with a plan of five modalities."""
    j = demo()
    assert j.plan is not None
    s = j.plan.start
    plan = Plan(s, 10, (PlanItem("pain-education", s), PlanItem("graded-exercise", s + timedelta(weeks=1)),
                        PlanItem("mbsr", s + timedelta(weeks=2)), PlanItem("duloxetine", s + timedelta(weeks=3)),
                        PlanItem("cbt", s + timedelta(weeks=4))))
    return replace(j, plan=plan, updates=j.updates[:-1] + (replace(j.updates[-1], side_effects=("nausea", "dizziness")),))


def crowded() -> Journal:
    """Beyond realistic: a self-harm answer, an emergency and a prompt red flag, five goals and
    five modalities, two years of diary, 11 evidence entries, long notes, side effects at every
    update, a high opioid dose and a long name line."""
    j = two_years()
    rf = red_flag_evidence()
    five = five_modalities().plan
    assert j.baseline is not None and j.plan is not None and five is not None
    goals = ("walk the dog for 30 minutes", "sit through a film", "garden for an hour", "play with my grandchildren",
             "drive to my sister's (two hours)")
    baseline = replace(j.baseline, goals=goals, goal_ability=(2, 3, 1, 2, 1), note=LONG * 4)
    last = replace(j.updates[-1], phq9=(2, 2, 1, 1, 1, 1, 1, 1, 1), red_flag_screen=screen("saddle-numbness", "fever"),
                   side_effects=("nausea", "dizziness", "drowsiness", "constipation"), note=LONG * 6,
                   opioid_mme=95.0, goal_ability=(3, 4, 2, 3, 2))
    updates = tuple(replace(u, note=LONG * 2, side_effects=("dry-mouth",), goal_ability=(3, 4, 2, 3, 2))
                    for u in j.updates[:-1]) + (last,)
    diary = tuple(replace(d, note=LONG * 2) if i % 5 == 0 else d for i, d in enumerate(j.diary))
    plan = replace(five, start=j.plan.start, modalities=tuple(replace(m, start=j.plan.start + timedelta(weeks=k))
                                                              for k, m in enumerate(five.modalities)))
    reflection = AspectsReflection(TODAY - timedelta(days=30), (("cognitive", 8), ("emotional", 7),
                                                                ("behavioral", 7), ("autonomic", 6)))
    return replace(j, baseline=baseline, updates=updates, diary=diary, evidence=rf.evidence, plan=plan,
                   aspects=(reflection,), settings=Settings("Alexandra Montgomery-Featherstonehaugh", "MRN-0012345678"))


def long_texts() -> Journal:
    """Every free text at its longest (2,000 characters; a name of 200), and seven locations."""
    j = demo()
    assert j.baseline is not None
    words_2000 = ("word " * 400).strip()
    baseline = replace(j.baseline, goals=tuple(f"goal {i} " + words_2000 for i in range(5)),
                       goal_ability=(1, 2, 3, 4, 5), locations=tuple(f"place {i} " + words_2000 for i in range(7)),
                       note=words_2000)
    updates = tuple(replace(u, note=words_2000, goal_ability=(2, 3, 4, 5, 6)) for u in j.updates)
    return replace(j, baseline=baseline, updates=updates, settings=Settings("N" * 200, "p-1"),
                   evidence=tuple(EvidenceEntry(n, TODAY - timedelta(days=n), "other", words_2000) for n in range(1, 12)))


ASSESSED_NOTE = "MRI clear, no cauda equina. "


def assessed_flags() -> Journal:
    """The red-flag journal with its flags (an emergency and a prompt one) assessed by a clinician
    two days later, with a long note."""
    j = red_flag_evidence()
    latest = replace(j.updates[-1], red_flag_screen=screen("saddle-numbness", "fever"))
    review = ClinicianReview(1, latest.date + timedelta(days=2), ("saddle-numbness", "fever"),
                             note=ASSESSED_NOTE + LONG * 3)
    return replace(j, updates=(*j.updates[:-1], latest), reviews=(review,))


REALISTIC = {"demo": demo, "two_years": two_years, "red_flag_evidence": red_flag_evidence,
             "five_modalities": five_modalities, "assessed_flags": assessed_flags}
SAMPLES = {**REALISTIC, "crowded": crowded, "long_texts": long_texts}


def report_of(journal: Journal, today: date = TODAY) -> Report:
    return build_report(journal, load_catalogue(), today)


def page_text(markup: str) -> str:
    """The page's visible text, whitespace folded (what a reader, or a PDF's text, holds)."""
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.skip += tag in ("style", "title", "svg")
            if tag in BLOCKS:
                self.parts.append(" ")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("style", "title", "svg")
            if tag in BLOCKS:
                self.parts.append(" ")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(markup)
    return " ".join("".join(parser.parts).split())


BLOCKS = {"p", "li", "h1", "h2", "h3", "td", "th", "tr", "div", "section", "header", "footer", "ul", "table", "figure"}


def write(tmp_path: Path, markup: str, name: str = "report") -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(markup, encoding="utf-8")
    return path


# --- the page, without a browser -----------------------------------------------------------------


class Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.refs += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href", "srcset", "action", "data")]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_page_is_self_contained(name):
    page = html.render(report_of(SAMPLES[name]()))
    refs = Refs()
    refs.feed(page)
    assert refs.refs == []
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(refs.tags)
    assert "url(" not in page and "@import" not in page
    assert f'<meta http-equiv="Content-Security-Policy" content="{html.CSP}">' in page
    assert "default-src 'none'" in html.CSP


def test_the_reference_check_can_fail():
    refs = Refs()
    refs.feed('<img src="http://example.invalid/x.png"><a href="javascript:1">x</a>')
    assert refs.refs == ["http://example.invalid/x.png", "javascript:1"]


def test_user_text_is_escaped_and_controls_replaced():
    j = demo()
    assert j.baseline is not None
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> \x1b[31m\u202e'
    j = replace(j, baseline=replace(j.baseline, goals=(hostile,), goal_ability=(3,), locations=(hostile,)),
                updates=j.updates[:-1] + (replace(j.updates[-1], note=hostile, goal_ability=(5,)),),
                settings=Settings(hostile, None))
    page = html.render(report_of(j))
    assert "<script" not in page and "<img" not in page and "\x1b" not in page and "\u202e" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # name, location, goal, note


def test_a_self_harm_answer_then_red_flags_come_before_anything_else():
    page = html.render(report_of(crowded()))
    harm, emergency, prompt = (page.index(f'data-section="box-{c}"') for c in ("self_harm", "red_flags", "red_flags"))
    prompt = page.index('data-section="box-red_flags"', emergency + 1)
    header = page.index('data-section="header"')
    assert harm < emergency < prompt < header
    text = page_text(page)
    assert text.startswith("URGENT: On 2026-11-23 you answered")
    assert "URGENT: Red flag reported on 2026-11-23: numbness around the groin" in text
    assert "Soon: Red flag reported on 2026-11-23: fever" in text


def test_the_context_a_clinician_needs_is_on_the_page():
    j = replace(five_modalities(), settings=Settings("Ann Example", "p-17"))
    text = page_text(html.render(report_of(j)))
    for expected in (
        "Patient: Ann Example, id p-17",
        "Pain for 18 months (at the baseline); where: lower back.",
        "Goal: walk 30 minutes: 3 → 3 → 4 → 4 → 5 → 5 → 6",
        "Goal: garden for an hour: 2 → 3 → 3 → 4 → 4 → 5 → 5",
        "PSFS at the 7 assessments, 2026-06-08 to 2026-11-23",
        "Exercise (sessions/week): 2 (2026-07-06) → 3 → 2 → 3 → 3 → 4 (2026-11-23); in the plan: Physical therapy",
        "Mindfulness (min/week): 40 (2026-07-06) → 90 → 120 → 150 → 150 → 180 (2026-11-23)",
        "Side effects 2026-11-23: nausea, dizziness",
        "Note 2026-11-12 (diary): Slept badly; stiff all day.",
        "Note 2026-08-31 (update): Worse after a long drive; better once I kept walking.",
        "Next update due: 2026-12-21",
        # the comparator beside the expectation; the caveats; the criteria named exactly
        "32% less pain in the treated group; 18% with usual care",
        "Expected ranges are averages of groups of people in trials",
        "These patterns suggest learned (neuroplastic) pain, but some other conditions show some of them too",
        "Reversal criteria: pain halved and sustained no; normal activities yes; pain-free for six months no",
    ):
        assert expected in text, expected
    assert text.count("paintrack is a tracking aid, not medical advice") == 1


def test_a_clinicians_note_is_shown_with_the_flags_it_assessed():
    j = assessed_flags()
    on = j.reviews[0].date
    shown = page_text(html.render(report_of(j, on)))
    assert f"numbness around the groin, buttocks or genitals: assessed by a clinician on {on}" in shown
    assert f"fever or feeling very unwell with the pain: assessed by a clinician on {on}" in shown
    note = shown[shown.index(f"The clinician's note ({on}): “MRI clear, no cauda equina."):]
    assert "…”" in note[:html.NOTE_CHARS + 40]  # shortened on the page (the Markdown report has it whole)
    assert shown.count("MRI clear") == 1  # not again among the recent notes


def test_what_was_met_is_named_exactly():
    text = page_text(html.render(report_of(two_years())))
    assert ("★ Pain halved at two assessments, 4 weeks apart (2026-10-26, 2026-11-23), with normal activities "
            "(BPI interference 4 or less): reversal as the source article defines it") in text
    assert "REVERSAL" not in text


def test_latest_shows_the_last_known_value_and_its_date():
    j = demo()
    nrs_only = Assessment("update", TODAY, 4, red_flag_screen=screen(), pgic=3)
    j = replace(j, updates=j.updates[:-1] + (nrs_only,))
    text = page_text(html.render(report_of(j)))
    # the previous update (2026-10-26) measured them; the latest, only the pain score
    assert "BPI severity 5.8 4.3 (2026-10-26)" in text
    assert "BPI interference 5.7 3.9 (2026-10-26)" in text
    assert "Opioid dose (MME/day) 20.0 15.0 (2026-10-26)" in text
    assert "PEG 6 4 (2026-10-26)" in text
    assert words.LAST_KNOWN_NOTE in text
    assert words.LAST_KNOWN_NOTE not in page_text(html.render(report_of(demo())))


def test_one_next_update_date_after_an_off_cycle_update():
    j = demo()
    off = replace(j.updates[-1], date=date(2026, 11, 10))  # 13 days before the four-weekly cycle
    page = html.render(report_of(replace(j, updates=j.updates[:-1] + (off,))))
    text = page_text(page)
    assert "Next update due: 2026-12-08" in text
    assert text.count("Next update due") == 1
    assert "2026-12-21" not in text and "Re-measure" not in text  # the schedule's own cycle is not shown


def test_the_demo_is_shown_whole():
    text = page_text(html.render(report_of(demo())))
    assert "… and" not in text and "Shortened to fit" not in text
    assert text.count("same day,") == 4  # every diary association
    assert "Hardly noticed my back" in text and "The pain began during the months" in text


def test_a_rich_journal_shortens_its_lower_ranked_sections_and_says_so():
    page = html.render(report_of(red_flag_evidence()))
    evidence = re.search(r'<section class="evidence[^"]*"[^>]*>(.*?)</section>', page, re.S)
    assert evidence
    shown = evidence.group(1).count("<li>")
    assert 0 < shown < 11
    assert f"… and {11 - shown} more" in evidence.group(1)
    text = page_text(page)
    assert "Shortened to fit one page" in text and "--format md" in text
    assert " …" in text  # long notes are clipped at a word
    # the higher-ranked context keeps its goals and adherence whole
    assert "Goal: walk 30 minutes" in text and "Goal: garden for an hour" in text and "Mindfulness (min/week)" in text


def _more_alerts(j: Journal) -> Journal:
    """Side effects and 90 MME/day at the latest update, two months before the report: six alerts."""
    last = replace(j.updates[-1], side_effects=("nausea", "dizziness"), opioid_mme=90.0)
    return replace(j, updates=(*j.updates[:-1], last))


@pytest.mark.parametrize("journal", [crowded, red_flag_evidence, five_modalities, two_years], ids=lambda f: f.__name__)
@pytest.mark.parametrize("more", [False, True])
def test_alerts_rank_first_every_alert_is_on_the_page(journal, more):
    """Alerts rank above the context: a rich journal shortens goals, notes or evidence, never
    an alert (each alert code's message is on the page, and the section has no "… and N more")."""
    report = report_of(_more_alerts(journal()), TODAY + timedelta(days=60)) if more else report_of(journal())
    page = html.render(report)
    alerts = re.search(r'<section class="alerts[^"]*"[^>]*>(.*?)</section>', page, re.S)
    shown = [a for a in report.alerts if a.level != "urgent" and a.code != "red_flags"]
    if not shown:
        return
    assert alerts
    if alerts.group(1).count("<li") == len(shown):
        assert "… and" not in alerts.group(1)
        return
    # too many alerts for the page (the crowded journal): then nothing ranked below them is shown
    assert "… and" in alerts.group(1)
    lower = re.findall(r'<section class="(?:context|schedule|evidence|diary)[^"]*"[^>]*>(.*?)</section>', page, re.S)
    assert all("<li" not in section for section in lower), journal.__name__


def _section(rank: int, items: int, chars: int = 120, keep: int = 0) -> html.Section:
    entries = [html.Item("x", "word " * (chars // 5)) for _ in range(items)]
    return html.Section(f"s{rank}", f"Section {rank}", [html.Group(rank, entries, keep=keep)])


def test_fit_fills_by_rank_and_stays_within_the_budget():
    narrow = [_section(2, 6), _section(5, 6), _section(8, 6)]
    height = html.fit(0, [], narrow, budget=200)
    assert height <= 200
    shown = [s.groups[0].shown for s in narrow]
    assert shown[0] == 6 and shown[0] >= shown[1] >= shown[2] and shown[2] < 6
    roomy = [_section(2, 6), _section(5, 6), _section(8, 6)]
    html.fit(0, [], roomy, budget=10_000)
    assert [s.groups[0].shown for s in roomy] == [6, 6, 6]
    # a budget one entry short of everything: only the lowest-ranked section loses one
    full = html.flow_height(roomy)
    tight = [_section(2, 6), _section(5, 6), _section(8, 6)]
    html.fit(0, [], tight, budget=full - 1)
    assert [s.groups[0].shown for s in tight] == [6, 6, 5]


def test_a_section_that_cannot_fit_leaves_out_the_lower_ranked_ones_too():
    narrow = [_section(2, 3, chars=2000, keep=3), _section(5, 1, chars=40)]
    html.fit(0, [], narrow, budget=60)
    assert not narrow[0].dropped and narrow[0].groups[0].shown == 0  # its heading and "… and 3 more"
    assert narrow[1].dropped
    assert "… and 3 more" in narrow[0].markup()
    nothing = [_section(2, 3, chars=2000, keep=3), _section(5, 1, chars=40)]
    html.fit(0, [], nothing, budget=10)
    assert nothing[0].dropped and nothing[1].dropped


# --- the chart -------------------------------------------------------------------------------------


@pytest.mark.parametrize("days", [1, 6, 10, 45, 70, 180, 400, 730, 1100, 3650, 9000])
def test_date_ticks_suit_the_span_and_never_touch(days):
    first, width = date(2025, 3, 14), 262.0
    left, right = chart.LEFT, width - chart.RIGHT_PLAIN
    ticks = chart.choose_ticks(first, first + timedelta(days=days), left, right, width)
    scale = chart.Scale(first, first + timedelta(days=days), left, right, 0, 1)
    xs = [scale.x(t.day) for t in ticks]
    for row in ([t.label for t in ticks], [t.year for t in ticks]):
        boxes = [(x - chart.text_width(lbl, chart.FONT) / 2, x + chart.text_width(lbl, chart.FONT) / 2)
                 for x, lbl in zip(xs, row, strict=True) if lbl]
        assert all(a >= 0 and b <= width for a, b in boxes)
        assert all(b1 + chart.LABEL_GAP <= a2 for (_, b1), (a2, _) in zip(boxes, boxes[1:], strict=False))
    if days >= 6:
        assert len(ticks) >= 3  # a two-year chart had two labels
    assert any(t.year for t in ticks) or all(t.label.isdigit() for t in ticks)  # the year is always shown


def test_the_tick_check_can_fail():
    assert not chart._fits([10, 14], ["Nov", "Dec"], 0, 100)
    assert chart._fits([10, 60], ["Nov", "Dec"], 0, 100)


def test_two_years_get_quarterly_ticks_with_years():
    ticks = chart.choose_ticks(date(2024, 11, 25), date(2026, 11, 23), chart.LEFT, 252, 262)
    assert [t.label for t in ticks][:3] == ["Jan", "Apr", "Jul"]
    assert [t.year for t in ticks if t.year] == ["2025", "2026"]


def test_chart_labels_print_at_8_5_points_and_mark_baseline_band_and_full_effect():
    r = report_of(demo())
    svg = chart.nrs_chart(r, 240)
    assert 'width="240.0pt"' in svg and 'viewBox="0 0 240.0 132.0"' in svg  # 1 unit = 1 pt: nothing scales it
    assert f'font-size="{chart.FONT}"' in svg and chart.FONT >= 8
    assert "font-size" not in chart.CSS  # no rule shrinks a label
    assert len(re.findall(r'<circle class="nrs-point"', svg)) == len(r.assessments)
    baseline = re.search(r'<line class="baseline" x1="[\d.]+" y1="([\d.]+)"', svg)
    assert baseline
    scale_y = chart.Scale(r.baseline.date, r.latest.date, 0, 1, chart.TOP, chart.HEIGHT - chart.BOTTOM_TWO_ROWS)
    assert float(baseline.group(1)) == pytest.approx(scale_y.y(6), abs=0.06)
    assert 'class="expected-band"' in svg and 'class="full-effect"' in svg and "baseline 6" in svg
    plain = chart.nrs_chart(report_of(replace(demo(), plan=None)), 240)
    assert 'class="expected-band"' not in plain and 'class="full-effect"' not in plain


# --- in headless Chromium ---------------------------------------------------------------------------

PAGE_BOTTOM_PX = 259.4 * chromium.MM  # Letter's printable height, the shorter: 980 px
SHEET_WIDTH_PX = 190 * chromium.MM


@pytest.mark.chromium
@pytest.mark.skipif(NO_CHROMIUM is not None, reason=str(NO_CHROMIUM))
@pytest.mark.parametrize("paper", ["A4", "letter"])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_prints_on_one_page(tmp_path, name, paper):
    page = write(tmp_path, html.render(report_of(SAMPLES[name]())))
    assert chromium.pdf_pages(page, tmp_path / "report.pdf", paper) == 1


@pytest.mark.chromium
@pytest.mark.skipif(NO_CHROMIUM is not None, reason=str(NO_CHROMIUM))
@pytest.mark.parametrize("name", ["demo", "five_modalities", "long_texts"])  # the tallest pages
def test_one_page_without_arial_or_its_look_alikes(tmp_path, name):
    """A machine with none of the fonts of Arial's widths falls back to DejaVu Sans, set smaller."""
    page = html.render(report_of(SAMPLES[name]()))
    assert html.FONT_STACK in page
    fallback = write(tmp_path, page.replace(html.FONT_STACK, "PaintrackFallback"), "fallback")
    assert chromium.pdf_pages(fallback, tmp_path / "fallback.pdf", "letter") == 1
    assert chromium.measure(fallback)["overflowing"] == []


@pytest.mark.chromium
@pytest.mark.skipif(NO_CHROMIUM is not None, reason=str(NO_CHROMIUM))
def test_the_page_count_can_fail(tmp_path):
    page = write(tmp_path, html.render(report_of(crowded()), budget=100_000))  # nothing shortened
    assert chromium.pdf_pages(page, tmp_path / "long.pdf", "A4") > 1


@pytest.mark.chromium
@pytest.mark.skipif(NO_CHROMIUM is not None, reason=str(NO_CHROMIUM))
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_box_is_inside_the_page_and_every_label_readable(tmp_path, name):
    layout = chromium.measure(write(tmp_path, html.render(report_of(SAMPLES[name]()))))
    assert layout["sheet"]["width"] == pytest.approx(SHEET_WIDTH_PX, abs=1)
    keys = [s["key"] for s in layout["sections"]]
    assert {"header", "scores", "change", "expected", "disclaimer"} <= set(keys)
    for s in layout["sections"]:
        assert s["bottom"] <= PAGE_BOTTOM_PX and s["right"] <= SHEET_WIDTH_PX + 1 and s["left"] >= -1, s
    assert min(t["px"] for t in layout["texts"]) >= 8 * 96 / 72 - 0.01  # 8 pt
    assert layout["overflowing"] == []  # no text runs out of its box (a 200-letter name wraps)
    labels = layout["labels"]
    assert labels and min(lbl["px"] for lbl in labels) >= 8 * 96 / 72  # chart labels at 8 pt or more, printed
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
            assert apart, (a["text"], b["text"])


@pytest.mark.chromium
@pytest.mark.skipif(NO_CHROMIUM is not None, reason=str(NO_CHROMIUM))
@pytest.mark.parametrize("name", ["demo", "crowded"])
def test_the_screenshot_has_ink_only_inside_the_page(tmp_path, name):
    shot = chromium.screenshot(write(tmp_path, html.render(report_of(SAMPLES[name]()))), tmp_path / "shot.png",
                               816, 1150)
    width, height, _ = chromium.png_rows(shot)
    assert (width, height) == (816, 1150)
    inked = chromium.inked_rows(shot)
    top = chromium.MARGIN_MM * chromium.MM  # the screen's margin stands for the page's
    assert len(inked) > 600  # a real page of text, not a blank one
    assert min(inked) >= top - 1 and max(inked) <= top + PAGE_BOTTOM_PX


@pytest.mark.chromium
@pytest.mark.skipif(NO_CHROMIUM is not None, reason=str(NO_CHROMIUM))
def test_the_ink_check_can_fail(tmp_path):
    page = write(tmp_path, html.render(report_of(crowded()), budget=100_000))
    inked = chromium.inked_rows(chromium.screenshot(page, tmp_path / "long.png", 816, 1400))
    assert max(inked) > chromium.MARGIN_MM * chromium.MM + PAGE_BOTTOM_PX


@pytest.mark.chromium
@pytest.mark.skipif(NO_CHROMIUM is not None, reason=str(NO_CHROMIUM))
def test_chromium_makes_no_request_for_the_page(tmp_path):
    page = write(tmp_path, html.render(report_of(crowded())))
    assert chromium.page_requests(page, tmp_path / "net.json") == []


@pytest.mark.chromium
@pytest.mark.skipif(NO_CHROMIUM is not None, reason=str(NO_CHROMIUM))
def test_the_network_check_sees_a_page_request(tmp_path):
    page = write(tmp_path, '<!DOCTYPE html><html><body><img src="http://example.invalid/x.png"></body></html>', "leaky")
    assert chromium.page_requests(page, tmp_path / "net.json") == ["http://example.invalid/x.png"]
