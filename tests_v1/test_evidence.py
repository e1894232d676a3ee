"""The evidence sheet: `paintrack evidence add` / `paintrack evidence`, and its report section."""

from __future__ import annotations

from datetime import date

import pytest

from paintrack import evidence
from paintrack.models import EvidenceEntry


def test_add_then_list_shows_the_entries_and_counts(paintrack):
    r = paintrack("evidence", "add", "worse on stressful work days", "--category", "triggers")
    assert r.code == 0, r.err
    assert r.out == "Added to the evidence sheet (triggers, 2026-11-23); it now has 1 entry.\n"
    assert paintrack("evidence", "add", "both knees the same", "--category", "symmetry", "--date", "2026-11-02").code == 0
    assert paintrack("evidence", "add", "knee pain moved to the hip", "--category", "inconsistent", "--date", "2026-11-10").code == 0
    assert paintrack("evidence", "add", "the left knee too", "--category", "symmetry", "--date", "2026-11-12").code == 0
    listed = paintrack("evidence")
    assert listed.code == 0
    assert "Evidence sheet" in listed.out
    rows = [line for line in listed.out.splitlines() if line.startswith("2026-")]
    assert [row.split()[:2] for row in rows] == [
        ["2026-11-02", "symmetry"], ["2026-11-10", "inconsistent"], ["2026-11-12", "symmetry"], ["2026-11-23", "triggers"]
    ]
    assert "2  symmetry: the symptoms are symmetrical" in listed.out
    assert "1  triggers:" in listed.out
    assert paintrack("evidence", "list").out == listed.out


def test_text_is_shown_as_typed_not_as_markup(paintrack):
    assert paintrack("evidence", "add", "[bold]both[/bold] sides", "--category", "symmetry").code == 0
    assert "[bold]both[/bold] sides" in paintrack("evidence").out


def test_an_empty_sheet_says_how_to_start(paintrack):
    r = paintrack("evidence")
    assert r.code == 0 and "empty" in r.out and "paintrack evidence add" in r.out
    assert not paintrack.journal.exists()  # listing writes nothing


def test_unknown_category_exits_2_and_lists_the_valid_ones(paintrack):
    r = paintrack("evidence", "add", "something", "--category", "weather")
    assert r.code == 2
    assert r.err.startswith(
        "paintrack: error: --category must be one of stress-onset, no-injury, inconsistent, triggers, "
        "symmetry, delayed, emotion-attention, other; got 'weather'"
    )
    assert not paintrack.journal.exists()


@pytest.mark.parametrize(
    "args, field",
    [
        (("x", "--date", "2026-11-24"), "--date"),
        (("x", "--date", "2026-13-01"), "--date"),
        (("bell\x07",), "TEXT"),
        (("",), "TEXT"),
        (("x" * 2001,), "TEXT"),
        ((), "TEXT"),
    ],
)
def test_bad_input_exits_2_names_the_field_and_writes_nothing(paintrack, args, field):
    assert paintrack("evidence", "add", "first", "--category", "no-injury").code == 0
    before = paintrack.bytes()
    r = paintrack("evidence", "add", "--no-input", *args)
    assert r.code == 2
    lines = [line for line in r.err.splitlines() if line.startswith("paintrack: error:")]
    assert len(lines) == 1 and field in lines[0]
    assert paintrack.bytes() == before


def test_without_a_terminal_the_category_defaults_to_other(paintrack):
    assert paintrack("evidence", "add", "pain eased on holiday").code == 0
    assert paintrack.data()["evidence"] == [{"date": "2026-11-23", "category": "other", "text": "pain eased on holiday"}]


def test_on_a_terminal_the_categories_are_offered(paintrack, monkeypatch):
    monkeypatch.setattr("paintrack.cli.evidence.can_prompt", lambda no_input: not no_input)
    r = paintrack("evidence", "add", "hurts a day after gardening", input="9\nsideways\n6\n")
    assert r.code == 0, r.err
    assert "6. delayed: the pain comes with a delay" in r.out
    assert r.err.count("please try again") == 2
    assert paintrack.data()["evidence"][0]["category"] == "delayed"
    r = paintrack("evidence", "add", input="  \nless pain when absorbed in a film\nemotion-attention\n")
    assert r.code == 0, r.err
    assert paintrack.data()["evidence"][1] == {
        "date": "2026-11-23", "category": "emotion-attention", "text": "less pain when absorbed in a film"
    }


def test_every_seed_prompt_has_a_category():
    assert list(evidence.CATEGORIES) == [
        "stress-onset", "no-injury", "inconsistent", "triggers", "symmetry", "delayed", "emotion-attention", "other"
    ]
    assert "stressful" in evidence.CATEGORIES["stress-onset"]
    assert "healed" in evidence.CATEGORIES["no-injury"]
    assert "spread" in evidence.CATEGORIES["inconsistent"]
    assert "physical load" in evidence.CATEGORIES["triggers"]
    assert "both sides" in evidence.CATEGORIES["symmetry"]
    assert "delay" in evidence.CATEGORIES["delayed"]
    assert "emotion or attention" in evidence.CATEGORIES["emotion-attention"]


def test_evidence_section_and_counts():
    entries = [
        EvidenceEntry(date=date(2026, 11, 5), category="symmetry", text="both wrists"),
        EvidenceEntry(date=date(2026, 10, 1), category="stress-onset", text="began when I changed jobs"),
        EvidenceEntry(date=date(2026, 11, 5), category="symmetry", text="both ankles"),
    ]
    assert evidence.evidence_section(entries) == [
        {"date": "2026-10-01", "category": "stress-onset", "text": "began when I changed jobs"},
        {"date": "2026-11-05", "category": "symmetry", "text": "both wrists"},
        {"date": "2026-11-05", "category": "symmetry", "text": "both ankles"},
    ]
    assert evidence.evidence_counts(entries) == {"stress-onset": 1, "symmetry": 2}
    assert list(evidence.evidence_counts(entries)) == ["stress-onset", "symmetry"]  # the categories' order
    assert evidence.evidence_section([]) == [] and evidence.evidence_counts([]) == {}
