"""`paintrack log` and its history: one entry a day; `--replace` replaces the day's entry whole,
names the fields it drops (on a terminal it asks first), and the old entry stays in the history
(contract: "Diary", "Reading and correcting", "The journal" History). The journal's bytes are
compared before and after every refused command."""

from __future__ import annotations

import pytest
from conftest import BASELINE_ARGS


@pytest.fixture
def p(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("log", "5", "--date", "2026-11-20", "--sleep-hours", "6.5", "--mood", "6", "--stress", "3",
                  "--activity-min", "40", "--note", "walked to the shop")
    assert r.code == 0, r.text
    return paintrack


FULL = {"date": "2026-11-20", "pain": 5, "sleep_hours": 6.5, "mood": 6, "stress": 3, "activity_min": 40,
        "note": "walked to the shop"}


def test_a_second_entry_on_a_day_is_refused(p):
    raw = p.bytes()
    r = p("log", "4", "--date", "2026-11-20")
    assert r.code == 1
    assert "there is already a diary entry on 2026-11-20" in r.err
    assert "paintrack edit log DATE" in r.err and "--replace" in r.err
    assert "5" not in r.err.replace("2026-11-20", "")  # the stored pain is not echoed
    assert p.bytes() == raw


def test_replace_names_what_it_drops_and_keeps_it_in_the_history(p):
    r = p("log", "4", "--date", "2026-11-20", "--mood", "7", "--replace")
    assert r.code == 0, r.text
    assert "Replaced the entry for 2026-11-20: pain 4, mood 7." in r.out
    assert r.err.strip() == ("note: --replace drops that day's sleep-hours, stress, activity-min, note (kept in "
                             "the history; `paintrack undo` brings it back)")
    data = p.data()
    assert data["diary"] == [{"date": "2026-11-20", "pain": 4, "mood": 7}]
    last = data["history"][-1]
    assert last["command"] == "log --replace"
    assert last["changes"] == [{"collection": "diary", "key": "2026-11-20", "before": FULL,
                                "after": {"date": "2026-11-20", "pain": 4, "mood": 7}}]


def test_replace_that_drops_nothing_says_nothing(p):
    r = p("log", "4", "--date", "2026-11-20", "--sleep-hours", "7", "--mood", "6", "--stress", "3",
          "--activity-min", "40", "--note", "rested", "--replace")
    assert r.code == 0 and r.err == ""


def test_replace_on_a_free_day_just_logs(p):
    r = p("log", "3", "--date", "2026-11-21", "--replace")
    assert r.code == 0 and r.err == "" and "Logged 2026-11-21: pain 3." in r.out
    assert p.data()["history"][-1]["changes"][0]["before"] is None


def test_undo_brings_the_replaced_entry_back(p):
    before = p.bytes().partition(b'\n "history": ')[0]
    assert p("log", "2", "--date", "2026-11-20", "--replace").code == 0
    assert p("undo", "--yes").code == 0
    assert p.bytes().partition(b'\n "history": ')[0] == before
    assert p.data()["diary"] == [FULL]


def test_on_a_terminal_replace_asks_when_it_would_drop_fields(p, monkeypatch):
    import paintrack.cli.diary as diary_cli

    monkeypatch.setattr(diary_cli, "can_prompt", lambda no_input: not no_input)
    raw = p.bytes()
    r = p("log", "4", "--date", "2026-11-20", "--replace", input="n\n")
    assert ("There is already a diary entry on 2026-11-20; replacing it drops its sleep-hours, mood, stress, "
            "activity-min, note. Replace it?") in " ".join(r.out.split())
    assert r.code == 2 and r.out.endswith("Nothing was changed.\n") and r.err == ""
    assert p.bytes() == raw
    r = p("log", "4", "--date", "2026-11-20", "--replace", input="y\n")
    assert r.code == 0 and r.err == ""
    assert p.data()["diary"] == [{"date": "2026-11-20", "pain": 4}]
    # nothing dropped: --replace does not ask
    r = p("log", "3", "--date", "2026-11-20", "--replace", input="")
    assert r.code == 0 and "Replace it?" not in r.out


def test_on_a_terminal_without_replace_the_question_names_what_goes(p, monkeypatch):
    import paintrack.cli.diary as diary_cli

    monkeypatch.setattr(diary_cli, "can_prompt", lambda no_input: not no_input)
    raw = p.bytes()
    r = p("log", "4", "--date", "2026-11-20", "--note", "better", input="n\n")
    assert "replacing it drops its sleep-hours, mood, stress, activity-min. Replace it?" in " ".join(r.out.split())
    assert r.code == 2 and r.out.endswith("Nothing was changed.\n") and r.err == ""  # as every declined question
    assert p.bytes() == raw
    r = p("log", "4", "--date", "2026-11-20", "--note", "better", input="y\n")
    assert r.code == 0
    assert p.data()["diary"] == [{"date": "2026-11-20", "pain": 4, "note": "better"}]
    assert p.data()["history"][-1]["command"] == "log --replace"


def test_no_input_never_asks(p, monkeypatch):
    import paintrack.cli.diary as diary_cli

    monkeypatch.setattr(diary_cli, "can_prompt", lambda no_input: not no_input)
    r = p("log", "4", "--date", "2026-11-20", "--replace", "--no-input", input="n\n")
    assert r.code == 0 and "Replace it?" not in r.out and "drops that day's" in r.err


def test_every_log_is_recorded(p):
    for day in ("2026-11-21", "2026-11-22"):
        assert p("log", "4", "--date", day).code == 0
    history = p.data()["history"]
    assert [h["command"] for h in history] == ["baseline", "log", "log", "log"]
    assert [h["changes"][0]["key"] for h in history[1:]] == ["2026-11-20", "2026-11-21", "2026-11-22"]
