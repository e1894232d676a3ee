"""`paintrack edit` and `paintrack delete` (contract: "Reading and correcting"): only the fields
given change, validated as on entry; a delete asks on a terminal and needs --yes otherwise; every
refused command leaves the journal's bytes exactly as they were and echoes no health value."""

from __future__ import annotations

import json
import re

import pytest
from conftest import BASELINE_ARGS

UPDATE_ARGS = ("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--worst", "8", "--least", "3",
               "--walk-m", "400", "--opioid-mme", "20", "--pgic", "3", "--goal-ability", "5", "--note", "tired")


@pytest.fixture
def p(paintrack):
    assert paintrack(*BASELINE_ARGS, "--goal", "walk 30 minutes", "--goal", "carry shopping",
                     "--goal-ability", "3", "--goal-ability", "4").code == 0
    assert paintrack(*UPDATE_ARGS).code == 0
    assert paintrack("log", "5", "--date", "2026-11-20", "--sleep-hours", "6.5", "--mood", "6",
                     "--note", "long walk").code == 0
    assert paintrack("evidence", "add", "pain moved to the other knee", "--category", "inconsistent",
                     "--date", "2026-03-01").code == 0
    return paintrack


def refused(p, *args: str, code: int, says: str, values: tuple[str, ...] = ()):
    """Run a command that must be refused: its exit code, its message, the journal's bytes
    untouched, and none of the health values given or stored in the message."""
    raw = p.bytes()
    r = p(*args)
    assert r.code == code, (args, r.text)
    assert says in r.err, (args, r.err)
    assert p.bytes() == raw, args
    assert "Traceback" not in r.text
    assert not echoes(r.err, values), (args, r.err)
    return r


def echoes(message: str, values: tuple[str, ...]) -> list[str]:
    """The values that appear in `message` as a word of their own (dates aside)."""
    text = re.sub(r"\d{4}-\d{2}-\d{2}", " ", message.lower())
    return [v for v in values if re.search(rf"(?<![\w.-]){re.escape(v.lower())}(?![\w.])", text)]


def only_changed(before: dict, after: dict) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


# --- edit: only the given fields --------------------------------------------------------------


def test_edit_update_changes_only_the_fields_given(p):
    before = p.data()["updates"][0]
    r = p("edit", "update", "2026-02-02", "--nrs", "5", "--walk-m", "420")
    assert r.code == 0, r.text
    assert "nrs 6 → 5" in r.out and "walk m 400 → 420" in r.out and "paintrack undo" in r.out
    after = p.data()["updates"][0]
    assert only_changed(before, after) == {"nrs", "walk_m"}
    assert after["walk_m"] == 420 and after["note"] == "tired" and after["pgic"] == 3


def test_edit_baseline_log_and_evidence(p):
    data = p.data()
    assert p("edit", "baseline", "--duration-months", "24", "--location", "lower back", "--location", "left knee").code == 0
    new = p.data()
    assert only_changed(data["baseline"], new["baseline"]) == {"duration_months", "locations"}
    assert new["baseline"]["locations"] == ["lower back", "left knee"]
    assert p("edit", "log", "2026-11-20", "--stress", "4", "--note", "short walk").code == 0
    entry = p.data()["diary"][0]
    assert entry == {"date": "2026-11-20", "pain": 5, "sleep_hours": 6.5, "mood": 6, "stress": 4, "note": "short walk"}
    assert p("edit", "evidence", "1", "--category", "triggers").code == 0
    assert p.data()["evidence"][0] == {"number": 1, "date": "2026-03-01", "category": "triggers",
                                       "text": "pain moved to the other knee"}
    assert p("edit", "evidence", "1", "--text", "pain moved to the right knee").code == 0
    assert p.data()["evidence"][0]["text"] == "pain moved to the right knee"
    assert p.data()["updates"] == data["updates"]


def test_clear_removes_one_field(p):
    before = p.data()["updates"][0]
    r = p("edit", "update", "2026-02-02", "--clear", "walk-m", "--clear", "note")
    assert r.code == 0, r.text
    after = p.data()["updates"][0]
    assert only_changed(before, after) == {"walk_m", "note"}
    assert "walk_m" not in after and "note" not in after
    assert p("edit", "log", "2026-11-20", "--clear", "mood").code == 0
    assert "mood" not in p.data()["diary"][0]
    assert p("edit", "update", "2026-02-02", "--clear", "goal-ability").code == 0
    assert "goal_ability" not in p.data()["updates"][0]


def test_clear_refuses_what_an_entry_cannot_be_without(p):
    refused(p, "edit", "update", "2026-02-02", "--clear", "nrs", code=2, says="--clear nrs")
    refused(p, "edit", "log", "2026-11-20", "--clear", "pain", code=2, says="--clear pain")
    refused(p, "edit", "evidence", "1", "--clear", "text", code=2, says="--clear text")
    refused(p, "edit", "update", "2026-02-02", "--clear", "bogus", code=2, says="--clear: an update has no such field",
            values=("bogus",))
    refused(p, "edit", "update", "2026-02-02", "--clear", "date", code=2, says="--clear date")
    refused(p, "edit", "update", "2026-02-02", "--walk-m", "300", "--clear", "walk-m", code=2, says="--clear walk-m")


def test_edit_without_fields_is_a_usage_error(p):
    refused(p, "edit", "update", "2026-02-02", code=2, says="give the fields to change")
    refused(p, "edit", "update", code=2, says="give a date")
    refused(p, "edit", "evidence", code=2, says="give an evidence number")
    refused(p, "edit", "diary", "2026-11-20", "--pain", "3", code=2, says="choose one of baseline, update, log, evidence")


def test_edit_of_an_entry_that_does_not_exist(p):
    refused(p, "edit", "update", "2026-02-03", "--nrs", "3", code=1, says="there is no update 2026-02-03")
    refused(p, "edit", "log", "2026-11-21", "--pain", "3", code=1, says="there is no diary entry 2026-11-21")
    refused(p, "edit", "evidence", "9", "--text", "x", code=1, says="there is no evidence entry 9")


def test_edit_baseline_without_one(paintrack):
    r = paintrack("edit", "baseline", "--nrs", "3")
    assert r.code == 1 and "there is no baseline yet" in r.err
    assert paintrack.bytes() is None


# --- edit: validated as on entry --------------------------------------------------------------


@pytest.mark.parametrize(("args", "says", "values"), [
    (("--nrs", "11"), "--nrs", ("11",)),
    (("--nrs", "-1"), "--nrs", ("-1",)),
    (("--worst", "x"), "--worst", ()),
    (("--walk-m", "1001"), "--walk-m", ("1001",)),
    (("--opioid-mme", "nan"), "--opioid-mme", ("nan",)),
    (("--pgic", "8"), "--pgic", ()),
    (("--phq9", "1,2,3"), "--phq9", ("1,2,3",)),
    (("--red-flag", "headache"), "--red-flag", ("headache",)),
    (("--side-effect", "itching"), "--side-effect", ("itching",)),
    (("--note", "bad\x07bell"), "--note", ("bell",)),
    (("--date", "2027-01-01"), "--date", ()),
    (("--date", "0"), "--date", ()),
])
def test_edit_update_values_are_checked_as_on_entry(p, args, says, values):
    refused(p, "edit", "update", "2026-02-02", *args, code=2, says=says, values=values)


def test_edit_log_values_are_checked_as_on_entry(p):
    refused(p, "edit", "log", "2026-11-20", "--pain", "11", code=2, says="--pain", values=("11",))
    refused(p, "edit", "log", "2026-11-20", "--sleep-hours", "25", code=2, says="--sleep-hours", values=("25",))
    refused(p, "edit", "log", "2026-11-20", "--activity-min", "1441", code=2, says="--activity-min", values=("1441",))
    refused(p, "edit", "evidence", "1", "--category", "hunch", code=2, says="--category", values=("hunch",))
    refused(p, "edit", "evidence", "1", "--text", "   ", code=2, says="--text must not be empty")


def test_edit_keeps_least_average_worst_in_order(p):
    # stored: nrs 6, worst 8, least 3
    refused(p, "edit", "update", "2026-02-02", "--least", "7", code=2, says="--least and --nrs do not fit together",
            values=("7", "6"))
    refused(p, "edit", "update", "2026-02-02", "--nrs", "9", code=2, says="--nrs and --worst do not fit together",
            values=("9", "8"))
    refused(p, "edit", "update", "2026-02-02", "--worst", "5", code=2, says="do not fit together", values=("5",))
    # one point either side of the boundary: least = nrs and nrs = worst are fine
    assert p("edit", "update", "2026-02-02", "--least", "6").code == 0
    assert p("edit", "update", "2026-02-02", "--worst", "6").code == 0


def test_edit_asks_on_a_terminal_when_least_average_worst_disagree(p, monkeypatch):
    import paintrack.cli.corrections as corrections_cli

    monkeypatch.setattr(corrections_cli, "can_prompt", lambda no_input: not no_input)
    raw = p.bytes()
    r = p("edit", "update", "2026-02-02", "--least", "7", input="n\n")
    assert r.code == 2 and "Keep these answers as they are?" in r.out
    assert p.bytes() == raw
    r = p("edit", "update", "2026-02-02", "--least", "7", input="y\n")
    assert r.code == 0 and p.data()["updates"][0]["least"] == 7


def test_goal_ratings_never_outnumber_the_goals(p):
    refused(p, "edit", "update", "2026-02-02", "--goal-ability", "5", "--goal-ability", "6", "--goal-ability", "7",
            code=2, says="3 ratings for 2 goals")
    refused(p, "edit", "baseline", "--goal-ability", "1", "--goal-ability", "2", "--goal-ability", "3",
            code=2, says="3 ratings for 2 goals")
    # the baseline's own ratings (2) and the update's (1) must still fit its goals
    refused(p, "edit", "baseline", "--goal", "walk 30 minutes", code=2, says="2 ratings for 1 goal\n")
    refused(p, "edit", "baseline", "--clear", "goals", code=2, says="ratings for 0 goals")
    assert p("edit", "update", "2026-02-02", "--goal-ability", "5", "--goal-ability", "6").code == 0
    assert p.data()["updates"][0]["goal_ability"] == [5, 6]
    assert p("edit", "baseline", "--goal", "walk 45 minutes", "--goal", "carry shopping").code == 0
    # with the baseline's own ratings cleared, the update's two ratings still need two goals
    assert p("edit", "baseline", "--clear", "goal-ability").code == 0
    r = refused(p, "edit", "baseline", "--goal", "walk 45 minutes", code=2,
                says="the update of 2026-02-02 rates 2 goals; the baseline would have 1", values=("5", "6"))
    assert "paintrack edit update 2026-02-02 --goal-ability" in r.err
    refused(p, "edit", "baseline", "--clear", "goals", code=2, says="rates 2 goals; the baseline would have 0")


def test_mood_on_an_assessment_is_refused_with_a_hint(p):
    r = refused(p, "edit", "update", "2026-02-02", "--mood", "3", code=2, says="--mood does not apply to an update",
                values=("3",))
    assert "--mood-interference" in r.err
    r = refused(p, "edit", "baseline", "--mood", "3", code=2, says="--mood does not apply to the baseline")
    assert "--mood-interference" in r.err
    assert p("edit", "update", "2026-02-02", "--mood-interference", "3").code == 0
    assert p.data()["updates"][0]["mood_interference"] == 3


def test_fields_of_another_kind_of_entry_are_refused_by_name(p):
    refused(p, "edit", "log", "2026-11-20", "--mood-interference", "3", code=2,
            says="--mood-interference does not apply to a diary entry")
    refused(p, "edit", "log", "2026-11-20", "--nrs", "3", code=2, says="--nrs does not apply to a diary entry")
    refused(p, "edit", "evidence", "1", "--pain", "3", code=2, says="--pain does not apply to an evidence entry")
    refused(p, "edit", "evidence", "1", "--note", "x", code=2, says="--note does not apply to an evidence entry")
    refused(p, "edit", "update", "2026-02-02", "--text", "x", code=2, says="--text does not apply to an update")
    refused(p, "edit", "update", "2026-02-02", "--duration-months", "3", code=2,
            says="--duration-months does not apply to an update")
    refused(p, "edit", "update", "2026-02-02", "--goal", "swim", code=2, says="--goal does not apply to an update")
    refused(p, "edit", "baseline", "--pgic", "3", code=2, says="--pgic does not apply to the baseline")
    refused(p, "edit", "baseline", "--side-effect", "nausea", code=2, says="--side-effect does not apply to the baseline")
    refused(p, "edit", "update", "2026-02-02", "--activity", "3", code=2, says="--activity is now --activity-interference")


def test_a_flag_given_twice_is_refused(p):
    refused(p, "edit", "update", "2026-02-02", "--nrs", "5", "--nrs", "4", code=2, says="--nrs is given twice",
            values=("5", "4"))


# --- edit --date: moving an entry ---------------------------------------------------------------


def test_date_moves_an_entry(p):
    before = p.data()["updates"][0]
    assert p("edit", "update", "2026-02-02", "--date", "2026-02-09").code == 0
    after = p.data()["updates"][0]
    assert only_changed(before, after) == {"date"} and after["date"] == "2026-02-09"
    assert p("edit", "log", "2026-11-20", "--date", "yesterday").code == 0
    assert p.data()["diary"][0]["date"] == "2026-11-22"
    assert p("edit", "evidence", "1", "--date", "2026-03-02").code == 0
    assert p.data()["evidence"][0]["date"] == "2026-03-02"


def test_moving_onto_another_entry_is_refused(p):
    assert p("log", "4", "--date", "2026-11-21").code == 0
    assert p("update", "--no-input", "--date", "2026-03-02", "--nrs", "5").code == 0
    refused(p, "edit", "log", "2026-11-20", "--date", "2026-11-21", code=1, says="there is already an entry on 2026-11-21")
    refused(p, "edit", "update", "2026-02-02", "--date", "2026-03-02", code=1,
            says="there is already an entry on 2026-03-02")


def test_dates_keep_the_baseline_first(p):
    refused(p, "edit", "update", "2026-02-02", "--date", "2026-01-04", code=2, says="is before the baseline")
    refused(p, "edit", "baseline", "--date", "2026-02-03", code=2, says="is after the first update")
    assert p("edit", "update", "2026-02-02", "--date", "2026-01-05").code == 0  # on the baseline's day: allowed
    assert p("edit", "baseline", "--date", "2026-01-04").code == 0


# --- delete -------------------------------------------------------------------------------------


def test_delete_needs_yes_without_a_terminal(p):
    r = refused(p, "delete", "update", "2026-02-02", code=2, says="--yes")
    assert "nothing was changed" in r.err
    refused(p, "delete", "log", "2026-11-20", "--no-input", code=2, says="--yes")


def test_delete_each_kind_and_it_stays_in_the_history(p):
    for args, gone in ((("update", "2026-02-02"), "updates"), (("log", "2026-11-20"), "diary"),
                       (("evidence", "1"), "evidence")):
        stored = p.data()[gone][0]
        r = p("delete", *args, "--yes")
        assert r.code == 0, r.text
        assert "kept in the history" in r.out and "paintrack undo" in r.out
        data = p.data()
        assert data[gone] == []
        last = data["history"][-1]
        assert last["command"] == f"delete {args[0]} {args[1]}"
        assert last["changes"] == [{"collection": gone, "key": args[1], "before": stored, "after": None}]


def test_delete_asks_on_a_terminal(p, monkeypatch):
    import paintrack.cli.corrections as corrections_cli

    monkeypatch.setattr(corrections_cli, "can_prompt", lambda no_input: not no_input)
    raw = p.bytes()
    r = p("delete", "log", "2026-11-20", input="n\n")
    assert "Delete the diary entry of 2026-11-20" in r.out
    assert r.code == 2 and p.bytes() == raw
    assert r.out.endswith("Nothing was changed.\n") and r.err == ""  # a plain line, not an error
    r = p("delete", "log", "2026-11-20", input="y\n")
    assert r.code == 0 and p.data()["diary"] == []


def test_the_baseline_cannot_be_deleted(p):
    r = refused(p, "delete", "baseline", "--yes", code=2, says="the baseline cannot be deleted")
    assert "paintrack edit baseline" in r.err


def test_delete_of_what_does_not_exist(p):
    refused(p, "delete", "update", "2026-02-03", "--yes", code=1, says="there is no update 2026-02-03")
    refused(p, "delete", "evidence", "2", "--yes", code=1, says="there is no evidence entry 2")
    refused(p, "delete", "log", "--yes", code=2, says="give a date")
    refused(p, "delete", "plan", "--yes", code=2, says="choose one of")


@pytest.mark.parametrize("key", ["today", "Today", "0 days ago", "2026-11-23"])
def test_edit_and_delete_keys_take_the_date_forms_of_date(p, key):
    """The key of `edit/delete update|log DATE` takes what --date takes (contract: "Dates")."""
    assert p("log", "4", "--date", "today").code == 0
    r = p("edit", "log", key, "--pain", "1")
    assert r.code == 0 and "Corrected the diary entry of 2026-11-23" in r.out, r.text
    assert p.data()["history"][-1]["command"] == "edit log 2026-11-23"  # the date, not the words
    assert [(e["date"], e["pain"]) for e in p.data()["diary"]][-1] == ("2026-11-23", 1)
    r = p("delete", "log", key, "--yes")
    assert r.code == 0 and "Deleted the diary entry of 2026-11-23" in r.out, r.text


def test_relative_keys_find_older_entries(p):
    r = p("delete", "log", "3 days ago", "--yes")
    assert r.code == 0 and "Deleted the diary entry of 2026-11-20" in r.out, r.text
    assert p("log", "2", "--date", "yesterday").code == 0
    r = p("edit", "log", "yesterday", "--mood", "7")
    assert r.code == 0 and "2026-11-22" in r.out, r.text
    r = p("edit", "update", "2026-02-02", "--nrs", "5")
    assert r.code == 0, r.text


@pytest.mark.parametrize(("args", "says"), [
    (("edit", "log", "2026-13-45", "--pain", "2"), "DATE must be a date: YYYY-MM-DD, today, yesterday or N days ago"),
    (("edit", "update", "soon", "--nrs", "2"), "DATE must be a date"),
    (("delete", "log", "2026-02-30", "--yes"), "DATE must be a date"),
    (("delete", "log", "1899-12-31", "--yes"), "DATE must be on or after 1900-01-01"),
    (("edit", "evidence", "first", "--text", "x"), "N (the evidence number) must be a whole number"),
    (("delete", "evidence", "0", "--yes"), "N (the evidence number) must be a whole number"),
])
def test_a_malformed_key_is_a_usage_error_naming_the_argument(p, args, says):
    r = refused(p, *args, code=2, says=says)
    assert r.err.startswith(f"paintrack: error: {says}")


def test_a_key_after_today_finds_nothing_rather_than_refusing(p):
    refused(p, "edit", "log", "2027-01-01", "--pain", "3", code=1, says="there is no diary entry 2027-01-01")


@pytest.mark.parametrize("args", [
    ("delete", "log", "2026-11-20"),
    ("undo",),
    ("log", "3", "--date", "2026-11-20"),  # "There is already a diary entry …. Replace it?"
    ("log", "3", "--date", "2026-11-20", "--replace"),
    ("report", "-o", "existing.md"),  # "existing.md exists. Replace it?"
])
def test_no_at_a_real_terminal_is_a_plain_nothing_was_changed(p, args, tmp_path):
    """A declined question is not an error: one plain line, exit 2 as without --yes (README
    "History and undo"), the journal and the file untouched."""
    import os
    import sys

    pexpect = pytest.importorskip("pexpect")
    (tmp_path / "existing.md").write_text("mine")
    raw = p.bytes()
    env = {**os.environ, "PAINTRACK_JOURNAL": str(p.journal), "PAINTRACK_TODAY": "2026-11-23", "NO_COLOR": "1",
           "COLUMNS": "100", "TERM": "dumb"}
    env.pop("PAINTRACK_DEBUG", None)
    child = pexpect.spawn(sys.executable, ["-m", "paintrack", *args], env=env, encoding="utf-8", timeout=30,
                          dimensions=(50, 100), cwd=str(tmp_path))
    child.expect(r"\? \(y/n\)")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    shown = child.before.replace("\r\n", "\n")
    assert child.exitstatus == 2, shown
    assert shown.strip().endswith("Nothing was changed.") and "error" not in shown, shown
    assert p.bytes() == raw and (tmp_path / "existing.md").read_text() == "mine"


# --- update --replace ---------------------------------------------------------------------------


def test_update_replace_names_the_fields_it_drops(p):
    r = p("update", "--no-input", "--date", "2026-02-02", "--nrs", "5", "--walk-m", "410", "--replace")
    assert r.code == 0, r.text
    assert ("note: --replace drops the earlier entry's worst, least, opioid-mme, goal-ability, pgic, note "
            "(kept in the history; `paintrack undo` brings it back)") in r.err
    assert p.data()["updates"][0] == {"kind": "update", "date": "2026-02-02", "nrs": 5, "walk_m": 410}
    assert p.data()["history"][-1]["command"] == "update --replace"


def test_update_replace_asks_on_a_terminal(p, monkeypatch):
    import paintrack.cli.assess as assess_cli

    monkeypatch.setattr(assess_cli, "can_prompt", lambda no_input: not no_input)
    raw = p.bytes()
    screen = "n\n" * 9  # the red-flag screen is always asked on a terminal
    r = p("update", "--date", "2026-02-02", "--nrs", "5", "--replace", input=screen + "n\n")
    assert ("Replacing the update of 2026-02-02 drops: worst, least, walk-m, opioid-mme, goal-ability, pgic, "
            "note. Replace it?") in " ".join(r.out.split())
    assert r.code == 2 and r.out.endswith("Nothing was changed.\n") and r.err == ""
    assert p.bytes() == raw
    r = p("update", "--date", "2026-02-02", "--nrs", "5", "--replace", input=screen + "y\n")
    assert r.code == 0, r.text
    assert p.data()["updates"][0]["nrs"] == 5 and "walk_m" not in p.data()["updates"][0]


def test_a_second_update_on_a_day_is_refused(p):
    r = refused(p, "update", "--no-input", "--date", "2026-02-02", "--nrs", "4", code=1,
                says="there is already an update on 2026-02-02", values=("4", "6"))
    assert "paintrack edit update DATE" in r.err and "--replace" in r.err


def test_a_mistaken_phq9_or_gad7_can_be_cleared(p):
    """Answers entered by mistake can be removed (a cleared instrument is 'not asked', None)."""
    assert p("edit", "baseline", "--phq9", "1,1,1,1,1,1,1,1,2", "--gad7", "1,1,1,1,1,1,1").code == 0
    for field in ("phq9", "gad7"):
        r = p("edit", "baseline", "--clear", field)
        assert r.code == 0, r.text
        assert p.data()["baseline"].get(field) is None
    assert "self_harm" not in {a["code"] for a in json.loads(p("report", "--format", "json").out)["alerts"]}


def test_an_edit_that_changes_nothing_saves_and_records_nothing(p):
    p("edit", "baseline", "--clear", "phq9")  # whatever the fixture holds, now none
    raw = p.bytes()
    r = p("edit", "baseline", "--clear", "phq9")
    assert r.code == 0 and r.out == "Nothing was changed: the baseline already holds that.\n", r.text
    assert p.bytes() == raw and "undo" not in r.out
    date = p.data()["baseline"]["date"]
    r = p("edit", "baseline", "--date", date)
    assert r.code == 0 and r.out.startswith("Nothing was changed") and p.bytes() == raw


@pytest.mark.parametrize("what, field", [("baseline", "pgic"), ("baseline", "side-effects"),
                                         ("update", "goals"), ("update", "duration-months")])
def test_clear_names_a_field_the_kind_never_has(p, what, field):
    key = () if what == "baseline" else (p.data()["updates"][0]["date"],)
    refused(p, "edit", what, *key, "--clear", field, code=2, says="--clear: ", values=(field,))
