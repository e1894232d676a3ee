"""`paintrack evidence add TEXT [--category C] [--date D]` and `paintrack evidence` (contract:
"Diary, evidence sheet, four aspects"): each observation gets a number that is never reused,
is recorded in the history, and is shown as typed; refused commands leave the journal's bytes."""

from __future__ import annotations

import re

import pytest
from conftest import TODAY

from paintrack.domain.report import EVIDENCE_CAVEAT


def test_the_words_of_text_may_be_given_unquoted(paintrack):
    """`evidence add pain moved again` (as jrnl takes it): the words are one TEXT, joined with
    spaces; options may come between them; an error never echoes them."""
    r = paintrack("evidence", "add", "pain", "moved", "--category", "inconsistent", "to", "my", "hip")
    assert r.code == 0, r.text
    assert r.out == f"Added evidence 1 (inconsistent, {TODAY}); the sheet has 1 entry.\n"
    r = paintrack("evidence", "add", "I", "feel", "it", "less", "on", "holiday")
    assert r.code == 0, r.text
    assert [e["text"] for e in paintrack.data()["evidence"]] == ["pain moved to my hip", "I feel it less on holiday"]
    r = paintrack("evidence", "add", "worse", "a\x07b")
    assert r.code == 2 and r.err.startswith("paintrack: error: TEXT must not contain control characters")
    assert "worse" not in r.err


def test_add_then_the_sheet(paintrack):
    p = paintrack
    r = p("evidence", "add", "pain moved to the other knee", "--category", "inconsistent", "--date", "2026-11-01")
    assert r.code == 0, r.text
    assert r.out == "Added evidence 1 (inconsistent, 2026-11-01); the sheet has 1 entry.\n"
    r = p("evidence", "add", "worse on stressful work days", "--category", "Triggers")
    assert r.out == f"Added evidence 2 (triggers, {TODAY}); the sheet has 2 entries.\n"
    r = p("evidence", "add", "less when absorbed in a film", "--date", "yesterday")
    assert r.out == "Added evidence 3 (other, 2026-11-22); the sheet has 3 entries.\n"
    assert [e["number"] for e in p.data()["evidence"]] == [1, 2, 3]
    for args in (("evidence",), ("evidence", "list")):
        r = p(*args)
        assert r.code == 0
        flat = " ".join(r.out.split())
        for words in ("pain moved to the other knee", "worse on stressful work days", "2026-11-22",
                      "Counts: inconsistent 1, triggers 1, other 1", EVIDENCE_CAVEAT):
            assert words in flat, words


def test_every_add_is_in_the_history(paintrack):
    assert paintrack("evidence", "add", "one", "--date", "2026-11-01").code == 0
    (entry,) = paintrack.data()["history"]
    assert entry["command"] == "evidence add"
    assert entry["changes"] == [{"collection": "evidence", "key": "1", "before": None,
                                 "after": {"number": 1, "date": "2026-11-01", "category": "other", "text": "one"}}]


def test_an_empty_sheet_says_how_to_add(paintrack):
    r = paintrack("evidence")
    assert r.code == 0 and "The evidence sheet is empty" in r.out and 'paintrack evidence add "' in r.out
    assert paintrack.bytes() is None


def test_numbers_are_never_reused(paintrack):
    p = paintrack
    for text in ("one", "two"):
        assert p("evidence", "add", text).code == 0
    assert p("delete", "evidence", "2", "--yes").code == 0
    assert "Added evidence 3 " in p("evidence", "add", "three").out
    assert p("undo", "--yes").code == 0  # three's add undone: 3 is still used in the history
    assert "Added evidence 4 " in p("evidence", "add", "four").out
    r = p("evidence")
    assert re.findall(r"^│\s+(\d+)\s+│", r.out, re.M) == ["1", "4"]


@pytest.mark.parametrize(("args", "code", "says"), [
    (("evidence", "add", "x", "--category", "hunch"), 2, "--category must be one of stress-onset, no-injury"),
    (("evidence", "add"), 2, "missing TEXT"),
    (("evidence", "add", "   "), 2, "TEXT must not be empty"),
    (("evidence", "add", "a\x1b[2Jb"), 2, "TEXT must not contain control characters"),
    (("evidence", "add", "x" * 2001), 2, "TEXT is 2001 characters long"),
    (("evidence", "add", "x", "--date", "2026-11-24"), 2, "--date is in the future"),
    (("evidence", "add", "x", "--date", "1899-12-31"), 2, "--date must be on or after 1900-01-01"),
    (("evidence", "add", "x", "--date", "soon"), 2, "--date must be a date"),
    (("evidence", "remove", "1"), 2, "no such command"),
    (("evidence", "it started with stress"), 2, "paintrack: error: no such command\n"),
])
def test_refused_adds_leave_the_journal(paintrack, args, code, says):
    assert paintrack("evidence", "add", "first").code == 0
    raw = paintrack.bytes()
    r = paintrack(*args)
    assert r.code == code, r.text
    assert says in r.err, r.err
    assert paintrack.bytes() == raw


def test_on_a_terminal_the_text_and_category_are_asked(paintrack, monkeypatch):
    import paintrack.cli.evidence as evidence_cli

    monkeypatch.setattr(evidence_cli, "can_prompt", lambda no_input: not no_input)
    r = paintrack("evidence", "add", input="pain spread to both hips\n5\n")
    assert r.code == 0, r.text
    assert "What did you notice?" in r.out and "5. symmetry:" in r.out
    assert paintrack.data()["evidence"][0]["text"] == "pain spread to both hips"
    assert paintrack.data()["evidence"][0]["category"] == "symmetry"
    r = paintrack("evidence", "add", "another", "--no-input")
    assert r.code == 0 and paintrack.data()["evidence"][1]["category"] == "other"
