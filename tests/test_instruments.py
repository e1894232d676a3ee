"""The instruments' published scoring, against hand-computed cases: PHQ-9 and GAD-7 totals and
bands (one point either side of each cut-point), item 9 on its own, BPI, PEG, PSFS, and the
IMMPACT readings of a change (Dworkin 2008, improvement only, with the absolute floor)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BASELINE_ARGS

from paintrack.domain import instruments
from paintrack.domain.records import Assessment

D = date(2026, 1, 5)


def assessment(**fields) -> Assessment:
    return Assessment(kind="baseline", date=D, nrs=fields.pop("nrs", 5), **fields)


def spread(total: int, items: int) -> tuple[int, ...]:
    """Answers 0-3 adding up to `total`, filled from the first item (item 9 of the PHQ-9 last)."""
    answers = []
    for _ in range(items):
        answers.append(min(3, total))
        total -= answers[-1]
    assert total == 0
    return tuple(answers)


# --- PHQ-9 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("total", "band"), [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (6, "mild"),
    (9, "mild"), (10, "moderate"), (11, "moderate"),
    (14, "moderate"), (15, "moderately severe"), (16, "moderately severe"),
    (19, "moderately severe"), (20, "severe"), (21, "severe"), (27, "severe"),
])
def test_phq9_bands_one_point_either_side(total, band):
    a = assessment(phq9=spread(total, 9))
    assert instruments.phq9_total(a) == total
    assert instruments.band(instruments.phq9_total(a), instruments.PHQ9_BANDS) == band


@pytest.mark.parametrize(("total", "band"), [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (6, "mild"), (9, "mild"), (10, "moderate"),
    (11, "moderate"), (14, "moderate"), (15, "severe"), (16, "severe"), (21, "severe"),
])
def test_gad7_bands_one_point_either_side(total, band):
    a = assessment(gad7=spread(total, 7))
    assert instruments.gad7_total(a) == total
    assert instruments.band(instruments.gad7_total(a), instruments.GAD7_BANDS) == band


def test_hand_computed_totals():
    # 1+0+2+3+1+0+2+1+0 = 10 (moderate); 3+3+2+1+0+0+1 = 10 (moderate)
    a = assessment(phq9=(1, 0, 2, 3, 1, 0, 2, 1, 0), gad7=(3, 3, 2, 1, 0, 0, 1))
    assert instruments.phq9_total(a) == 10
    assert instruments.gad7_total(a) == 10
    assert instruments.self_harm_answer(a) == 0


def test_a_total_needs_every_item_but_item_9_counts_alone():
    skipped = (1, 1, None, 1, 1, 1, 1, 1, 2)
    a = assessment(phq9=skipped, gad7=(1, 1, 1, None, 1, 1, 1))
    assert instruments.phq9_total(a) is None
    assert instruments.gad7_total(a) is None
    assert instruments.self_harm_answer(a) == 2
    only_item9 = assessment(phq9=(None,) * 8 + (1,))
    assert instruments.phq9_total(only_item9) is None
    assert instruments.self_harm_answer(only_item9) == 1
    assert instruments.self_harm_answer(assessment(phq9=(1,) * 8 + (None,))) is None
    assert instruments.self_harm_answer(assessment()) is None


def test_the_instruments_exact_wording_and_options():
    assert instruments.FREQUENCY_OPTIONS == ("Not at all", "Several days", "More than half the days", "Nearly every day")
    assert len(instruments.PHQ9_ITEMS) == 9 and len(instruments.GAD7_ITEMS) == 7
    # the forms Pfizer published (phqscreeners.com), word for word
    assert instruments.PHQ9_ITEMS == (
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety "
        "or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    )
    assert instruments.GAD7_ITEMS == (
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    )
    assert instruments.GAD7_STEM == "Over the last 2 weeks, how often have you been bothered by the following problems?"
    assert instruments.PHQ9_STEM.startswith("Over the last 2 weeks, how often have you been bothered")


# --- BPI, PEG, PSFS ----------------------------------------------------------------------------

def test_bpi_severity_needs_all_four():
    assert instruments.bpi_severity(assessment(nrs=6, worst=9, least=3, now=5)) == pytest.approx(23 / 4)
    assert instruments.bpi_severity(assessment(nrs=6, worst=9, least=3)) is None


def test_bpi_interference_needs_four_of_seven():
    four = assessment(activity_interference=7, mood_interference=6, walking_interference=8, work_interference=4)
    assert instruments.bpi_interference(four) == pytest.approx(25 / 4)
    three = assessment(activity_interference=7, mood_interference=6, walking_interference=8)
    assert instruments.bpi_interference(three) is None


def test_peg_needs_all_three():
    assert instruments.peg(assessment(nrs=7, enjoyment_interference=6, activity_interference=8)) == pytest.approx(7)
    assert instruments.peg(assessment(nrs=7, enjoyment_interference=6)) is None


def test_psfs_is_the_mean_of_the_rated_goals():
    assert instruments.psfs(assessment(goal_ability=(3, 6, None))) == pytest.approx(4.5)
    assert instruments.psfs(assessment(goal_ability=(None, None))) is None
    assert instruments.psfs(assessment()) is None


# --- IMMPACT, worsened, PGIC -------------------------------------------------------------------

@pytest.mark.parametrize(("before", "after", "category"), [
    (2, 1, "minimal"),  # 50% but one point: not "substantial"
    (3, 2, "minimal"),  # 33% but one point: not "moderate"
    (1, 1, "none"),
    (0, 3, "none"),  # worsening is not an IMMPACT category
    (0, 0, "none"),
    (4, 2, "substantial"),  # 50% and 2 points
    (5, 3, "moderate"),  # 40%, 2 points
    (6, 4, "moderate"),  # 33.3%, 2 points
    (7, 5, "minimal"),  # 28.6%: one point-percent short of moderate
    (10, 7, "moderate"),  # exactly 30%
    (10, 8, "minimal"),  # 20%
    (10, 9, "minimal"),  # exactly 10%, 1 point
    (9, 9, "none"),
    (10, 5, "substantial"),  # exactly 50%
    (9, 5, "moderate"),  # 44%
    (5, 6, "none"),
])
def test_immpact_categories_with_the_absolute_floor(before, after, category):
    assert instruments.immpact_category(before, after) == category


@pytest.mark.parametrize(("before", "after", "worse"), [
    (0, 3, True), (0, 2, True), (0, 1, False),  # from 0 only points count
    (5, 7, True), (5, 6, False),  # 2 points; 1 point and 20%
    (3, 4, True), (4, 5, False),  # 33% and 25%
    (10, 10, False), (6, 5, False), (1, 2, True),  # 100% up
])
def test_worsened_thresholds(before, after, worse):
    assert instruments.worsened(before, after) is worse


@pytest.mark.parametrize(("pgic", "reading"), [
    (1, "substantial"), (2, "moderate"), (3, "minimal"), (4, "none"), (5, "none"), (7, "none"), (None, None),
])
def test_pgic_immpact(pgic, reading):
    assert instruments.pgic_immpact(pgic) == reading


# --- through the CLI: the saved summary ---------------------------------------------------------

def test_baseline_summary_shows_totals_and_bands(paintrack):
    r = paintrack(*BASELINE_ARGS, "--phq9", "1,0,2,3,1,0,2,1,0", "--gad7", "3,3,2,1,0,0,0")
    assert r.code == 0, r.text
    assert "PHQ-9" in r.out and "10  moderate depression symptoms" in r.out
    assert "GAD-7" in r.out and "9  mild anxiety symptoms" in r.out


def test_an_instrument_with_a_wrong_number_of_answers_is_a_usage_error(paintrack):
    r = paintrack(*BASELINE_ARGS, "--phq9", "1,1,1")
    assert r.code == 2
    assert paintrack.bytes() is None
    r = paintrack(*BASELINE_ARGS, "--gad7", "1,1,1,1,1,1,4")
    assert r.code == 2
