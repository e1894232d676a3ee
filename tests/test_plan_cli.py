"""`paintrack plan`: honest expectations, with sources, for whom and against what; the advanced
options after the source article's gate."""

from __future__ import annotations

import json

import pytest
from conftest import BASELINE_ARGS


def baseline(paintrack, nrs: str = "7", date: str = "2026-01-05", *extra: str):
    args = list(BASELINE_ARGS)
    args[args.index("--nrs") + 1] = nrs
    args[args.index("--date") + 1] = date
    # keep the BPI items plausible around the chosen average
    args[args.index("--least") + 1] = "0"
    args[args.index("--worst") + 1] = "10"
    assert paintrack(*args, *extra).code == 0


@pytest.mark.parametrize("modality", ["scs", "rfa"])
@pytest.mark.parametrize("weeks, nrs, allowed", [(11, 7, False), (12, 7, True), (12, 5, False), (12, 6, True)])
def test_advanced_options_after_twelve_weeks_with_pain_above_five(paintrack, modality, weeks, nrs, allowed):
    from datetime import date, timedelta

    start = date(2026, 11, 23) - timedelta(weeks=weeks)
    baseline(paintrack, "7", start.isoformat())
    assert paintrack("update", "--no-input", "--nrs", str(nrs), "--date", "2026-11-23").code == 0
    before = paintrack.bytes()
    r = paintrack("plan", "--add", modality)
    if allowed:
        assert r.code == 0, r.err
        assert modality in [m["id"] for m in paintrack.data()["plan"]["modalities"]]
    else:
        assert r.code == 1 and "--clinician-advised" in r.err and "5/10" in r.err
        assert paintrack.bytes() == before


@pytest.mark.parametrize("modality", ["scs", "rfa"])
def test_a_later_start_does_not_open_the_gate(paintrack, modality):
    """Weeks of care are counted to today, not to the start asked for: 0 weeks of care with a
    start 12 weeks ahead is still refused."""
    baseline(paintrack, "7", "2026-11-23")
    before = paintrack.bytes()
    r = paintrack("plan", "--add", modality, "--start", "2027-02-22")
    assert r.code == 1 and "0 weeks of care so far" in r.err and "--clinician-advised" in r.err
    assert paintrack.bytes() == before


def test_clinician_advised_adds_it_early_and_says_so(paintrack):
    baseline(paintrack)
    r = paintrack("plan", "--add", "scs", "--clinician-advised")
    assert r.code == 0, r.err
    assert "on a clinician's advice" in r.out
    item = paintrack.data()["plan"]["modalities"][0]
    assert item == {"id": "scs", "start": "2026-11-23", "clinician_advised": True}


def test_plan_view_shows_comparator_certainty_responders_and_the_population(paintrack):
    baseline(paintrack, "7")
    r = paintrack("plan", "--add", "prt", "--add", "mbsr", "--start", "2026-01-05")
    assert r.code == 0, r.err
    out = " ".join(r.out.split())
    assert "72% (32% with open-label placebo)" in out
    assert "32% (18% with usual care)" in out
    assert "66 of 100 had pain 0-1/10" in out and "20 of 100 with open-label placebo" in out
    assert "differs from the people studied: your baseline pain is 7/10" in out
    assert "No trial has tested prt + mbsr together" in out
    assert "never a promise" in out
    assert "low" in out  # the certainty


def test_a_modality_without_a_figure_says_no_estimate_and_shows_the_articles_claim_as_such(paintrack):
    baseline(paintrack)
    r = paintrack("plan", "--add", "graded-exercise")
    assert r.code == 0, r.err
    out = " ".join(r.out.split())
    assert "no estimate" in out
    assert "the source article claims" in out and "45" in out  # labelled, not used
    assert "Combined: no estimate" in out
    assert json.loads(paintrack("report", "--format", "json").out)["expected"] is None


def test_no_seed_file_numbers_in_what_the_user_reads(paintrack):
    baseline(paintrack)
    texts = [paintrack("plan", "--add", "prt").out, paintrack("plan", "--list").out,
             paintrack("plan", "--show", "graded-exercise").out, paintrack("report").out]
    for text in texts:
        assert "seed" not in text.lower()


def test_show_lists_every_source_with_its_citation_and_quote(paintrack):
    r = paintrack("plan", "--show", "prt")
    assert r.code == 0
    out = " ".join(r.out.split())
    assert "doi:10.1001/jamapsychiatry.2021.2669" in out
    assert "Compared with:" in out and "Who was studied:" in out
    assert out.count("•") >= 3


def test_list_is_one_line_per_modality_with_the_id_whole(paintrack):
    r = paintrack("plan", "--list", env={"COLUMNS": "60"})
    assert r.code == 0
    first_column = [line.split()[0] for line in r.out.splitlines() if line and not line.startswith(" ")]
    for modality_id in ("graded-exercise", "pain-education", "vr-exposure", "gabapentinoid", "duloxetine"):
        assert modality_id in first_column


def test_unknown_id_suggests_close_matches_and_writes_nothing(paintrack):
    baseline(paintrack)
    before = paintrack.bytes()
    r = paintrack("plan", "--add", "graded-exercis")
    assert r.code == 2 and "did you mean graded-exercise" in r.err
    assert paintrack.bytes() == before


def test_medication_alias_and_its_own_rows(paintrack):
    baseline(paintrack)
    assert paintrack("plan", "--add", "medication").code == 0
    assert paintrack("plan", "--add", "duloxetine").code == 0
    ids = [m["id"] for m in paintrack.data()["plan"]["modalities"]]
    assert ids == ["medication", "duloxetine"]


def test_the_plan_view_puts_the_articles_claim_beside_the_trials_figures(paintrack):
    """A therapy with a trial figure and a figure claimed by the source article shows both, the
    claim labelled as unverified (MBSR: the article's 20–40% against the trial's 32%, 18% with
    usual care)."""
    baseline(paintrack, "7")
    assert paintrack("plan", "--add", "pain-education", "--add", "mbsr").code == 0
    view = " ".join(paintrack("plan").out.split())
    assert ("Mindfulness-based stress reduction (MBSR): the source article claims 20–40% (unverified; it cites no "
            "studies); the trials: 32% (18% with usual care).") in view
