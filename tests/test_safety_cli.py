"""Safety through the CLI: the plan gate (refused while a red flag is active or the pain is under
three months, reason first, until `flags --assessed`), the summaries never suggesting a plan
then, a self-harm answer first everywhere and at once on a terminal, active flags first in the
reports and the plan view, and goals (PSFS) measured over time."""

from __future__ import annotations

import json
import os
import re
import sys

import pexpect
from conftest import BASELINE_ARGS, TODAY

UNSCREENED = tuple(a for a in BASELINE_ARGS if a != "--no-red-flags")
SELF_HARM_PHQ9 = ("--phq9", "1,1,0,0,0,0,0,0,1")
CRISIS = ("call your local emergency number now", "call or text 988", "contact your clinician today")


def flat(out: str) -> str:
    return " ".join(out.replace("│", " ").split())


def with_duration(months: str) -> list[str]:
    args = list(UNSCREENED)
    args[args.index("--duration-months") + 1] = months
    return args


def report_json(paintrack) -> dict:
    r = paintrack("report", "--format", "json")
    assert r.code == 0, r.text
    return json.loads(r.out)


# --- the plan gate -----------------------------------------------------------------------------

def test_the_issues_case_is_refused_and_the_summary_suggests_no_plan(paintrack):
    r = paintrack(*with_duration("2"), "--red-flag", "bladder-bowel-control")
    assert r.code == 0, r.text
    out = flat(r.out)
    assert "choose your plan with `paintrack plan` (" not in out
    assert "Next: see a clinician first" in out
    assert out.index("URGENT") < out.index("Baseline recorded")
    before = paintrack.bytes()
    r = paintrack("plan", "--add", "prt", "--add", "scs")
    assert r.code == 1
    first = r.err.splitlines()[0]
    assert first.startswith("paintrack: error: not added: a red flag is active (new loss of bladder or bowel control")
    assert "Seek urgent medical care now" in first and "lasted only 2 months" in first
    assert "paintrack flags --assessed" in r.err
    assert paintrack.bytes() == before
    assert paintrack("report", "--format", "json").code == 0
    assert report_json(paintrack)["plan"] is None


def test_the_plan_opens_after_flags_assessed(paintrack):
    paintrack(*UNSCREENED, "--red-flag", "fever")
    assert paintrack("plan", "--add", "pain-education").code == 1
    r = paintrack("flags", "--assessed", "--date", "2026-01-07", "--note", "bloods normal")
    assert r.code == 0, r.text
    r = paintrack("plan", "--add", "pain-education", "--add", "graded-exercise", "--start", "2026-01-08")
    assert r.code == 0, r.text
    assert report_json(paintrack)["plan"]["modalities"][0]["id"] == "pain-education"


def test_a_short_duration_alone_closes_the_gate_until_assessed(paintrack):
    r = paintrack(*with_duration("2"), "--no-red-flags")
    assert "Next: see a clinician first" in flat(r.out)
    assert "choose your plan with `paintrack plan` (" not in flat(r.out)
    r = paintrack("plan", "--add", "cbt")
    assert r.code == 1
    assert r.err.startswith("paintrack: error: not added: your pain has lasted 2 months")
    assert paintrack("flags", "--assessed").code == 0
    assert paintrack("plan", "--add", "cbt").code == 0
    alert = next(a for a in report_json(paintrack)["alerts"] if a["code"] == "not_chronic")
    assert f"A clinician assessed it on {TODAY}" in alert["message"]


def test_three_months_is_chronic_and_the_gate_is_open(paintrack):
    r = paintrack(*with_duration("3"), "--no-red-flags")
    assert "Next: choose your plan with `paintrack plan`" in flat(r.out)
    assert paintrack("plan", "--add", "cbt").code == 0
    assert not any(a["code"] == "not_chronic" for a in report_json(paintrack)["alerts"])


def test_a_flag_reported_at_an_update_closes_the_gate_but_removing_still_works(paintrack):
    paintrack(*BASELINE_ARGS)
    assert paintrack("plan", "--add", "pain-education", "--add", "cbt").code == 0
    paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--red-flag", "unexplained-weight-loss")
    r = paintrack("plan", "--add", "mbsr")
    assert r.code == 1 and "a red flag is active (unexplained weight loss)" in r.err
    assert "See a doctor within the next few days" in r.err
    assert paintrack("plan", "--remove", "cbt").code == 0


def test_the_plan_view_shows_self_harm_then_active_flags_first(paintrack):
    paintrack(*BASELINE_ARGS)
    paintrack("plan", "--add", "pain-education")
    paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--red-flag", "night-pain",
              "--red-flag", "saddle-numbness", *SELF_HARM_PHQ9)
    out = flat(paintrack("plan").out)
    harm = out.index("better off dead")
    emergency = out.index("Red flag active since 2026-02-02: numbness around the groin")
    prompt = out.index("Red flag active since 2026-02-02: severe pain at night")
    assert harm < emergency < prompt < out.index("Your plan")


# --- self-harm first ---------------------------------------------------------------------------

def test_self_harm_first_in_the_baseline_summary_and_the_reports(paintrack):
    r = paintrack(*UNSCREENED, "--red-flag", "sudden-weakness", *SELF_HARM_PHQ9)
    assert r.code == 0, r.text
    out = flat(r.out)
    assert out.startswith("╭") and out.index("better off dead") < out.index("Red flag:") < out.index("Baseline recorded")
    for phrase in CRISIS:
        assert phrase in out, phrase
    data = report_json(paintrack)
    assert [(a["code"], a["level"]) for a in data["alerts"][:2]] == [("self_harm", "urgent"), ("red_flags", "urgent")]
    assert data["assessments"][0]["phq9_item9"] == 1
    terminal = flat(paintrack("report").out)
    assert terminal.index("better off dead") < terminal.index("Red flag reported") < terminal.index("Pain progress report")


def test_self_harm_first_in_the_update_summary(paintrack):
    paintrack(*BASELINE_ARGS)
    r = paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--phq9", "0,0,0,0,0,0,0,0,3",
                  "--red-flag", "fever")
    assert r.code == 0, r.text
    out = flat(r.out)
    assert "(nearly every day)" in out
    assert out.index("better off dead") < out.index("Red flag:") < out.index("Update recorded")


def test_self_harm_wording_is_calm_and_direct(paintrack):
    paintrack(*BASELINE_ARGS, *SELF_HARM_PHQ9)
    message = report_json(paintrack)["alerts"][0]["message"]
    assert message.startswith("On 2026-01-05 you answered that you have had thoughts that you would be better off "
                              "dead, or of hurting yourself (several days).")
    assert "You do not have to carry this alone." in message
    assert "!" not in message and message.upper() != message
    for phrase in CRISIS:
        assert phrase in message


def test_no_self_harm_alert_for_an_item_9_of_0(paintrack):
    paintrack(*BASELINE_ARGS, "--phq9", "3,3,3,3,3,3,3,3,0")
    data = report_json(paintrack)
    assert not any(a["code"] == "self_harm" for a in data["alerts"])
    assert data["latest"]["phq9"] == 24
    assert "better off dead" not in paintrack("report").out


def _spawn(journal, *args: str) -> pexpect.spawn:
    env = {**os.environ, "PAINTRACK_JOURNAL": str(journal), "PAINTRACK_TODAY": TODAY, "NO_COLOR": "1",
           "COLUMNS": "100", "TERM": "dumb"}
    return pexpect.spawn(sys.executable, ["-m", "paintrack", *args], env=env, encoding="utf-8",
                         timeout=20, dimensions=(50, 100))


def test_on_a_terminal_the_crisis_help_comes_right_after_item_9(tmp_path):
    """The whole interview on a pseudo-terminal: PHQ-9 answered, item 9 = 1; the help is on the
    screen before the next question, and again, first, after saving."""
    journal = tmp_path / "j.json"
    child = _spawn(journal, "baseline")
    transcript = []
    for _ in range(80):
        if child.expect([r"\n> ", pexpect.EOF]) == 1:
            break
        asked = child.before
        transcript.append(asked)
        if "Press Enter to save" in asked:
            answer = ""
        elif "(y/n)" in asked:
            answer = "y" if "PHQ-9" in asked else "n"
        elif re.search(r"\n\s+9\. Thoughts that you would be better off dead", asked):
            answer = "1"
        elif re.search(r"\n\s+\d\. ", asked):
            answer = "0"
        elif "AVERAGE" in asked:
            answer = "6"
        elif "months has the pain lasted" in asked:
            answer = "12"
        else:
            answer = ""
        child.sendline(answer)
    else:
        raise AssertionError("the interview did not end")
    after_item9 = transcript.index(next(t for t in transcript if re.search(r"\n\s+9\. Thoughts", t))) + 1
    shown = flat(transcript[after_item9])
    assert "Thank you for answering this honestly" in shown and "paintrack does not alert anyone by itself" in shown
    assert "does not pass your answers" not in shown
    for phrase in CRISIS:
        assert phrase in shown
    assert "GAD-7" in shown  # the very next question
    saved = flat(child.before)
    child.close()
    assert child.exitstatus == 0
    assert saved.index("better off dead") < saved.index("Baseline recorded")
    stored = json.loads(journal.read_text())["baseline"]
    assert stored["phq9"] == [0, 0, 0, 0, 0, 0, 0, 0, 1]


# --- goals (PSFS) over time --------------------------------------------------------------------

def test_goals_rated_at_baseline_and_updates(paintrack):
    r = paintrack(*BASELINE_ARGS, "--goal", "walk 30 minutes", "--goal", "garden for an hour",
                  "--goal-ability", "3", "--goal-ability", "2")
    assert r.code == 0, r.text
    assert "Goals (PSFS)" in r.out and "2.5" in r.out
    paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--goal-ability", "5",
              "--goal-ability", "4")
    paintrack("update", "--no-input", "--date", "2026-03-02", "--nrs", "5", "--goal-ability", "6")
    data = report_json(paintrack)
    assert data["baseline"]["goals"] == ["walk 30 minutes", "garden for an hour"]
    assert data["baseline"]["psfs"] == 2.5
    assert [a["psfs"] for a in data["assessments"]] == [2.5, 4.5, 6.0]  # the third: only one goal rated
    assert data["change"]["psfs_gain"] == 3.5
    assert data["goals"] == [
        {"goal": "walk 30 minutes", "ratings": [{"date": "2026-01-05", "ability": 3},
                                                {"date": "2026-02-02", "ability": 5},
                                                {"date": "2026-03-02", "ability": 6}]},
        {"goal": "garden for an hour", "ratings": [{"date": "2026-01-05", "ability": 2},
                                                   {"date": "2026-02-02", "ability": 4},
                                                   {"date": "2026-03-02", "ability": None}]},
    ]
    out = paintrack("report").out
    assert "Goal: walk 30 minutes: 3 (2026-01-05) → 5 (2026-02-02) → 6 (2026-03-02)" in out
    assert "Goals (PSFS)" in out and "2.5 → 6.0" in out


def test_more_ratings_than_goals_is_a_usage_error(paintrack):
    paintrack(*BASELINE_ARGS, "--goal", "walk 30 minutes", "--goal-ability", "3")
    before = paintrack.bytes()
    r = paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--goal-ability", "5",
                  "--goal-ability", "4")
    assert r.code == 2 and "--goal-ability" in r.err
    assert paintrack.bytes() == before
    assert paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--goal-ability", "11").code == 2


def test_on_a_terminal_no_picker_is_offered_while_the_gate_is_closed(paintrack):
    paintrack(*UNSCREENED, "--red-flag", "major-trauma")
    child = _spawn(paintrack.journal, "plan")
    index = child.expect([r"\n> ", pexpect.EOF])
    shown = flat(child.before)
    child.close()
    assert index == 1, "a picker was offered"
    assert child.exitstatus == 0
    assert shown.index("Red flag active since 2026-01-05: a serious fall or accident") < shown.index("No plan yet.")
    assert "Adding therapies waits for a clinician's assessment" in shown


def test_an_assessment_dated_before_the_baseline_is_refused(paintrack):
    paintrack(*with_duration("2"), "--no-red-flags")
    before = paintrack.bytes()
    r = paintrack("flags", "--assessed", "--date", "2026-01-04")
    assert r.code == 2 and "before the baseline (2026-01-05)" in r.err
    assert paintrack.bytes() == before
    assert paintrack("plan", "--add", "cbt").code == 1


def test_the_update_summary_says_at_once_what_needs_a_clinician_within_days(paintrack):
    args = list(BASELINE_ARGS)
    args[args.index("--nrs") + 1] = "4"
    args[args.index("--least") + 1] = "2"
    assert paintrack(*args, "--opioid-mme", "20").code == 0
    r = paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "8", "--pgic", "7", "--opioid-mme", "120")
    out = flat(r.out)
    assert "Contact your clinician within the next few days" in out
    assert "at 90 or more, the risk of an overdose is much higher" in out
    calm = paintrack("update", "--no-input", "--date", "2026-03-02", "--nrs", "4", "--opioid-mme", "20")
    assert "Contact your clinician" not in calm.out and "overdose" not in calm.out


def test_a_screen_answered_by_flags_says_the_others_were_not_asked(paintrack):
    r = paintrack(*UNSCREENED, "--red-flag", "fever")
    assert "Red-flag screen: yes to 1 item(s), shown above; the others not asked." in flat(r.out)
