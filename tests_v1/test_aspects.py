"""The four PRT aspects: emphasis rule, the interactive reflection, the plan-view renderable."""

from __future__ import annotations

from datetime import date

import pytest
from rich.console import Console
from typer.testing import CliRunner

from paintrack import aspects
from paintrack.cli.aspects_prompt import ask_reflection
from paintrack.models import AspectsReflection
from paintrack.render.aspects_view import aspects_view

DAY = date(2026, 11, 23)


def reflection(**ratings):
    return AspectsReflection(date=DAY, ratings=ratings)


def test_the_four_aspects_carry_the_seeds_techniques():
    assert [a.id for a in aspects.ASPECTS] == ["cognitive", "emotional", "behavioral", "autonomic"]
    tech = {a.id: " ".join(a.techniques) for a in aspects.ASPECTS}
    assert "education" in tech["cognitive"] and "evidence" in tech["cognitive"]
    assert "somatic tracking" in tech["emotional"] and "safety reappraisal" in tech["emotional"]
    assert "graded exposure" in tech["behavioral"] and "fixing" in tech["behavioral"]
    assert "breathing" in tech["autonomic"] and "relaxation" in tech["autonomic"]
    assert all(a.question.endswith("?") for a in aspects.ASPECTS)


@pytest.mark.parametrize(
    "ratings, expected",
    [
        ({"cognitive": 2, "emotional": 9, "behavioral": 5, "autonomic": 4}, ["emotional", "behavioral"]),
        ({"cognitive": 7, "emotional": 7, "behavioral": 8, "autonomic": 7}, ["behavioral", "cognitive", "emotional", "autonomic"]),
        ({"cognitive": 4, "emotional": 0, "behavioral": 1, "autonomic": 4}, []),
        ({"autonomic": 10}, ["autonomic"]),  # unrated aspects are not emphasised
        ({}, []),
    ],
)
def test_emphasis_is_rated_five_or_more_highest_first(ratings, expected):
    assert [a.id for a in aspects.emphasis(reflection(**ratings))] == expected


def test_no_reflection_means_no_emphasis_and_no_report_section():
    assert aspects.emphasis(None) == []
    assert aspects.aspects_section(None) is None
    assert aspects.latest([]) is None


def test_aspects_section_and_latest():
    older = AspectsReflection(date=date(2026, 10, 1), ratings={"cognitive": 9})
    newer = AspectsReflection(date=DAY, ratings={"emotional": 6, "autonomic": 2}, notes={"emotional": "fed up"})
    assert aspects.latest([newer, older]) is newer
    assert aspects.aspects_section(newer) == {
        "date": "2026-11-23",
        "ratings": {"cognitive": None, "emotional": 6, "behavioral": None, "autonomic": 2},
        "notes": {"emotional": "fed up"},
        "emphasis": ["emotional"],
    }


def test_ask_reflection_asks_each_aspect_with_its_range_and_reasks_bad_answers():
    runner = CliRunner()
    answers = "\n".join(["11", "3", "", "8", "dread in the morning", "", "", "6", ""]) + "\n"
    with runner.isolation(input=answers) as (out, err, _):
        result = ask_reflection(DAY)
        shown = out.getvalue().decode()
        complaints = err.getvalue().decode()
    assert result == AspectsReflection(
        date=DAY, ratings={"cognitive": 3, "emotional": 8, "autonomic": 6}, notes={"emotional": "dread in the morning"}
    )
    assert shown.count("(a whole number from 0 to 10, Enter to skip)") == 5  # 4 aspects + one re-ask
    assert "not a scored instrument" in shown
    assert "How much does the pain bring fear, frustration" in shown
    assert "from 0 to 10; got '11'" in complaints


def render(thing) -> str:
    console = Console(width=100, record=True, no_color=True)
    console.print(thing)
    return console.export_text()


def test_plan_view_marks_the_emphasised_aspects_and_says_it_is_a_reflection_aid():
    text = render(aspects_view(AspectsReflection(date=DAY, ratings={"cognitive": 2, "emotional": 8, "behavioral": 6}, notes={"behavioral": "stretching all day"})))
    assert "not a scored instrument" in text
    assert "► Emotional       8/10" in text and "► Behavioral      6/10" in text
    assert "  Cognitive       2/10" in text and "  Autonomic          —" in text
    assert "Emphasise (► rated 5 or more, highest first): emotional, behavioral." in text
    assert "Your note: stretching all day" in text
    assert "graded exposure" in text


def test_plan_view_without_ratings_says_none_stands_out_or_how_to_reflect():
    assert "none stands out" in render(aspects_view(reflection(cognitive=1)))
    blank = render(aspects_view(None))
    assert "paintrack plan --aspects" in blank and "not a scored instrument" in blank
    assert "How much do you avoid activities" in blank
