"""The Markdown report: the whole report in the terminal's order, and user text that can never
become a link, an image, raw HTML, code or a table column."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

import pytest
from markdown_it import MarkdownIt
from test_format_html import crowded, demo, five_modalities, red_flag_evidence, report_of, screen, two_years

from paintrack.domain.records import Assessment, EvidenceEntry, Settings
from paintrack.render import words
from paintrack.render.formats import markdown

HOSTILE = ("[x](javascript:alert(1)) ![](http://evil.example/t.png) <script>alert(2)</script> a|b `code` "
           "*bold* _it_ ~~gone~~ &amp; $x$ <https://evil.example> www.evil.example me@evil.example \\")


def to_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)


def hostile_journal():
    j = demo()
    assert j.baseline is not None
    j = replace(j, baseline=replace(j.baseline, goals=(HOSTILE, "walk"), goal_ability=(3, 2), locations=(HOSTILE,)),
                evidence=(EvidenceEntry(1, date(2026, 7, 1), "other", HOSTILE),),
                settings=Settings(HOSTILE, None))
    return replace(j, updates=j.updates[:-1] + (replace(j.updates[-1], note=HOSTILE),))


def test_user_text_makes_no_link_image_html_code_or_column():
    text = markdown.render(report_of(hostile_journal()))
    rendered = to_html(text)
    assert "<a " not in rendered and "<img" not in rendered and "<script" not in rendered
    assert "<code>code</code>" not in rendered and "<strong>bold" not in rendered and "<em>it" not in rendered
    assert "<del>" not in rendered
    # what was typed reads as typed, in the name line, the locations, goals, notes and evidence
    typed = ("[x](javascript:alert(1)) ![](http://evil.example/t.png) &lt;script&gt;alert(2)&lt;/script&gt; a|b "
             "`code` *bold* _it_ ~~gone~~ &amp;amp; $x$ &lt;https://evil.example&gt; www.evil.example me@evil.example \\")
    assert rendered.count(typed) >= 5
    # no bare URL or www. for a GFM autolink to pick up
    assert "://" not in text and "www.e" not in text and not re.search(r"(?<!\\)@", text)
    # the evidence table keeps its four columns
    row = next(line for line in text.splitlines() if line.startswith("| 1 | 2026-07-01"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 5


def test_the_escape_check_can_fail():
    assert "<a " in to_html("[x](javascript:alert(1))") or "<a" in to_html("[x](http://a.example)")
    assert "<img" in to_html("![](http://evil.example/t.png)")


def test_paintrack_wording_keeps_its_commands_as_code():
    assert markdown.ours("record one with `paintrack update` [now]") == "record one with `paintrack update` \\[now\\]"
    assert markdown.md("a  b\n c") == "a b c"


def test_urgent_first_then_the_report_in_the_terminal_order():
    text = markdown.render(report_of(crowded()))
    first = text.splitlines()[0]
    assert first.startswith("> **URGENT: On 2026-11-23 you answered")
    order = [text.index(s) for s in ("URGENT: Red flag reported", "Soon: Red flag reported", "# Pain progress report",
                                     "**Patient: Alexandra", "## Key scores", "## Assessments",
                                     "## Change since baseline", "## Expected vs actual", "## Alerts",
                                     "## Goals, adherence and notes", "## What went together", "## Evidence sheet",
                                     "## Four-aspect reflection")]
    assert order == sorted(order)
    assert text.rstrip().endswith("*paintrack is a tracking aid, not medical advice: discuss every change of "
                                  "treatment with your clinician.*")
    assert text.count("not medical advice") == 1


def test_every_assessment_and_the_whole_context():
    r = report_of(five_modalities())
    text = markdown.render(r)
    rows = [line for line in text.splitlines() if re.match(r"\| 20\d\d-\d\d-\d\d \| (baseline|update) \|", line)]
    assert len(rows) == len(r.assessments) == 7
    assert rows[0] == "| 2026-06-08 | baseline | 6 | 5.8 | 5.7 | 6 | 390 | 20.0 | 6 | 6 | 2.5 | — | none |"
    for expected in (
        "Pain for 18 months (at the baseline); where: lower back.",
        "- walk 30 minutes: 3 (2026-06-08) → 3 → 4 → 4 → 5 → 5 → 6 (2026-11-23)",
        "- Exercise (sessions/week): 2 (2026-07-06) → 3 → 2 → 3 → 3 → 4 (2026-11-23); in the plan: Physical therapy",
        "- 2026-11-23: nausea, dizziness",
        "- 2026-11-12 (diary): Slept badly; stiff all day.",
        "**Next update due: 2026-12-21**",
        "| Mindfulness-based stress reduction (MBSR) |",
        "32% less pain in the treated group; 18% with usual care",
        "*Expected ranges are averages of groups of people in trials",
        "Reversal criteria: pain halved and sustained no; normal activities yes",
        "| Pain (NRS, 7-day average) | 6 | 4 | −2 (33.3% less) |",
        "| BPI interference | 5.7 | 3.6 | 37.5% less |",
    ):
        assert expected in text, expected


def test_evidence_is_listed_whole_with_its_caveat():
    r = report_of(red_flag_evidence())
    text = markdown.render(r)
    assert sum(1 for line in text.splitlines() if re.match(r"\| \d+ \| 20", line)) == 11
    assert markdown.md(r.evidence[-1].text) in text  # in full, not clipped
    assert f"*{r.evidence_caveat}*" in text
    assert markdown.md(r.notes[0].text) in text


def test_reversal_met_is_named_exactly():
    text = markdown.render(report_of(two_years()))
    assert ("- **★ Pain halved at two assessments, 4 weeks apart (2026-10-26, 2026-11-23), with normal activities "
            "(BPI interference 4 or less): reversal as the source article defines it**") in text


def test_latest_with_the_last_known_value_and_one_next_update_date():
    j = demo()
    nrs_only = Assessment("update", date(2026, 11, 10), 4, red_flag_screen=screen(), pgic=3)  # off-cycle, pain only
    text = markdown.render(report_of(replace(j, updates=j.updates[:-1] + (nrs_only,))))
    assert "| BPI severity | 5.8 | 4.3 (2026-10-26) | — |" in text
    assert "| Six-minute walk (m) | 390 | 430 (2026-10-26) | — |" in text
    assert words.LAST_KNOWN_NOTE in text
    assert "**Next update due: 2026-12-08**" in text
    assert text.count("Next update due") == 1 and "2026-12-21" not in text


@pytest.mark.parametrize("fmt", ["markdown", "md"])
def test_report_format_markdown_through_the_command(paintrack, fmt):
    from paintrack.storage.store import Store

    Store(paintrack.journal).replace_all(demo(), datetime(2026, 11, 23, 12).astimezone())
    done = paintrack("report", "--format", fmt)
    assert done.code == 0, done.err
    assert done.out == markdown.render(report_of(demo()))


def test_one_trial_figure_is_called_a_group_average_and_a_spread_a_range():
    """The demo's plan has one therapy with a figure (MBSR's single group mean): no range is made
    up around it; two therapies with figures give a range, called one."""
    single = words.full_effect_sentence(report_of(demo()))
    assert single is not None and "32% less pain, NRS 4.1: a trial group's average, never a promise." in single
    assert "–" not in single.split(":")[1]
    j = demo()
    spread = replace(j, plan=replace(j.plan, modalities=(*j.plan.modalities, replace(j.plan.modalities[-1], id="prt"))))
    both = words.full_effect_sentence(report_of(spread))
    assert both is not None and "a range from trials' group averages" in both and "–" in both
