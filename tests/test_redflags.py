"""The red-flag screen (PRODUCT.md "Red flags"): nine items in two tiers with their own advice,
the screen's three states ("not asked" is never "none"), a flag active until a later screen
answers it no or a clinician's assessment is recorded, and `paintrack flags`."""

from __future__ import annotations

import json
import os
import sys
from datetime import date

import pexpect
import pytest
from conftest import BASELINE_ARGS, TODAY

from paintrack.domain import redflags
from paintrack.domain.records import Assessment, ClinicianReview, Journal, RedFlagScreen

EMERGENCY = ("sudden-weakness", "saddle-numbness", "bladder-bowel-control")
PROMPT = ("fever", "unexplained-weight-loss", "cancer-history", "infection-risk", "major-trauma", "night-pain")
URGENT_CARE = "Seek urgent medical care now: go to an emergency department or call your local emergency number."
WITHIN_DAYS = "See a doctor within the next few days about this, and before you start new therapies."
UNSCREENED = tuple(a for a in BASELINE_ARGS if a != "--no-red-flags")


def flat(out: str) -> str:
    """The words of terminal output on one line, without the boxes' borders."""
    return " ".join(out.replace("│", " ").split())


def report(paintrack) -> dict:
    r = paintrack("report", "--format", "json")
    assert r.code == 0, r.text
    return json.loads(r.out)


# --- the screen's items and tiers --------------------------------------------------------------

def test_nine_items_in_the_contracts_tiers():
    assert redflags.NAMES == EMERGENCY + PROMPT
    assert {f.name for f in redflags.RED_FLAGS if f.tier == "emergency"} == set(EMERGENCY)
    assert {f.name for f in redflags.RED_FLAGS if f.tier == "prompt"} == set(PROMPT)


@pytest.mark.parametrize("name", EMERGENCY)
def test_an_emergency_flag_says_seek_urgent_care_now(paintrack, name):
    r = paintrack(*UNSCREENED, "--red-flag", name)
    assert r.code == 0, r.text
    head = flat(r.out[:r.out.index("Baseline recorded")])
    assert "URGENT" in head and URGENT_CARE in head
    assert redflags.BY_NAME[name].description in head
    data = report(paintrack)
    flag = data["red_flags"][0]
    assert (flag["name"], flag["tier"], flag["state"]) == (name, "emergency", "active")
    assert flag["advice"].startswith(URGENT_CARE)
    assert data["alerts"][0]["code"] == "red_flags" and data["alerts"][0]["level"] == "urgent"
    assert URGENT_CARE in data["alerts"][0]["message"]


@pytest.mark.parametrize("name", PROMPT)
def test_a_prompt_flag_says_see_a_doctor_within_days(paintrack, name):
    r = paintrack(*UNSCREENED, "--red-flag", name)
    assert r.code == 0, r.text
    head = flat(r.out[:r.out.index("Baseline recorded")])
    assert "SEE A DOCTOR SOON" in head and "URGENT" not in head
    assert WITHIN_DAYS in head
    data = report(paintrack)
    flag = data["red_flags"][0]
    assert (flag["name"], flag["tier"], flag["advice"]) == (name, "prompt", WITHIN_DAYS)
    alert = next(a for a in data["alerts"] if a["code"] == "red_flags")
    assert alert["level"] == "soon" and WITHIN_DAYS in alert["message"]
    assert data["alerts"][0]["code"] == "red_flags"  # the first alert, though only "soon"
    terminal = flat(paintrack("report").out)
    assert terminal.startswith("╭") and terminal.index("SEE A DOCTOR SOON") < terminal.index("Pain progress report")
    assert terminal.count(WITHIN_DAYS) == 1  # boxed first, not again among the other alerts


def test_an_unknown_flag_is_a_usage_error(paintrack):
    r = paintrack(*UNSCREENED, "--red-flag", "headache")
    assert r.code == 2
    assert paintrack.bytes() is None


def test_both_tiers_at_once_emergency_first(paintrack):
    assert paintrack(*UNSCREENED, "--red-flag", "fever", "--red-flag", "saddle-numbness").code == 0
    data = report(paintrack)
    assert [(a["code"], a["level"]) for a in data["alerts"][:2]] == [("red_flags", "urgent"), ("red_flags", "soon")]
    assert [f["name"] for f in data["red_flags"]] == ["saddle-numbness", "fever"]


# --- the three states ---------------------------------------------------------------------------

def test_not_asked_is_recorded_and_shown_as_not_asked(paintrack):
    r = paintrack(*UNSCREENED)
    assert r.code == 0, r.text
    assert "Red-flag screen: not asked" in r.out
    screen = paintrack.data()["baseline"].get("red_flag_screen")
    assert screen is None or screen == {"how": "not_asked", "answers": {}}
    data = report(paintrack)
    assert data["assessments"][0]["red_flag_screen"] == {"how": "not_asked", "positive": [], "negative": []}
    assert data["red_flags"] == []
    assert "Red-flag screen not asked on 2026-01-05 (not the same as no red flags)" in flat(paintrack("report").out)
    assert "not asked yet" in paintrack("flags").out


def test_no_red_flags_is_recorded_as_every_item_no(paintrack):
    r = paintrack(*BASELINE_ARGS)
    assert "Red-flag screen: no to every item." in r.out
    data = report(paintrack)
    screen = data["assessments"][0]["red_flag_screen"]
    assert screen["how"] == "flags" and screen["positive"] == [] and screen["negative"] == list(redflags.NAMES)
    terminal = paintrack("report").out
    row = next(line for line in terminal.splitlines() if line.startswith("2026-01-05"))
    assert "not asked" not in row and "RED" not in row
    assert "Red-flag screen not asked" not in terminal
    assert "screen answered at 1 assessment" in paintrack("flags").out


def test_red_flag_given_as_a_flag_answers_only_that_item(paintrack):
    paintrack(*UNSCREENED, "--red-flag", "fever")
    screen = report(paintrack)["assessments"][0]["red_flag_screen"]
    assert screen == {"how": "flags", "positive": ["fever"], "negative": []}


def test_red_flag_and_no_red_flags_contradict(paintrack):
    r = paintrack(*BASELINE_ARGS, "--red-flag", "fever")
    assert r.code == 2 and "contradict" in r.err
    assert paintrack.bytes() is None


def _spawn(journal, *args: str) -> pexpect.spawn:
    env = {**os.environ, "PAINTRACK_JOURNAL": str(journal), "PAINTRACK_TODAY": TODAY, "NO_COLOR": "1",
           "COLUMNS": "100", "TERM": "dumb"}
    env.pop("PAINTRACK_DEBUG", None)
    return pexpect.spawn(sys.executable, ["-m", "paintrack", *args], env=env, encoding="utf-8",
                         timeout=20, dimensions=(50, 100))


def test_on_a_terminal_every_item_is_asked_yes_or_no(tmp_path):
    journal = tmp_path / "j.json"
    child = _spawn(journal, "baseline", "--nrs", "6", "--duration-months", "12", "--date", "2026-01-05")
    asked = []
    for flag in redflags.RED_FLAGS:
        child.expect(r"\? \(y/n\)")
        asked.append(" ".join(child.before.split()))
        if flag.name == "fever":
            child.sendline("maybe")  # not an answer: asked again
            child.expect(r"\? \(y/n\)")
        child.sendline("y" if flag.name in ("saddle-numbness", "fever") else "n")
        if flag.name == "saddle-numbness":  # an emergency yes is told at once, before the next item
            child.expect("Seek urgent medical care now")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    for flag, shown in zip(redflags.RED_FLAGS, asked):
        assert shown.endswith(flag.question), (flag.name, shown)
    stored = json.loads(journal.read_text())["baseline"]["red_flag_screen"]
    assert stored["how"] == "terminal"
    assert stored["answers"] == {n: n in ("saddle-numbness", "fever") for n in redflags.NAMES}


def test_on_a_terminal_a_given_flag_is_not_asked_again(tmp_path):
    journal = tmp_path / "j.json"
    child = _spawn(journal, "baseline", "--nrs", "6", "--red-flag", "night-pain", "--date", "2026-01-05")
    for _ in range(len(redflags.NAMES) - 1):
        child.expect(r"\? \(y/n\)")
        child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    stored = json.loads(journal.read_text())["baseline"]["red_flag_screen"]
    assert stored["how"] == "terminal" and len(stored["answers"]) == 9


# --- active until answered no or assessed --------------------------------------------------------

def _at(day: str, *flags: str, how: str = "flags", no: tuple[str, ...] = ()) -> Assessment:
    answers = tuple((n, True) for n in flags) + tuple((n, False) for n in no)
    return Assessment(kind="update", date=date.fromisoformat(day), nrs=5,
                      red_flag_screen=RedFlagScreen(how, answers) if answers else RedFlagScreen())  # type: ignore[arg-type]


def test_a_flag_stays_active_through_screens_that_do_not_answer_it():
    base = Assessment(kind="baseline", date=date(2026, 1, 5), nrs=6,
                      red_flag_screen=RedFlagScreen("flags", (("fever", True),)), duration_months=12)
    j = Journal(baseline=base, updates=(_at("2026-02-02"), _at("2026-03-02", "night-pain")))
    assert [(s.name, s.state) for s in redflags.active_flags(j)] == [("fever", "active"), ("night-pain", "active")]
    j2 = Journal(baseline=base, updates=(*j.updates, _at("2026-03-30", no=("fever",))))
    states = {s.name: (s.state, s.since) for s in redflags.flag_statuses(j2)}
    assert states == {"fever": ("cleared", date(2026, 3, 30)), "night-pain": ("active", None)}
    review = ClinicianReview(1, date(2026, 4, 1), ("night-pain",))
    j3 = Journal(baseline=base, updates=j2.updates, reviews=(review,))
    assert redflags.active_flags(j3) == []
    assert {s.name: s.state for s in redflags.flag_statuses(j3)} == {"fever": "cleared", "night-pain": "assessed"}
    assert not redflags.plan_gate(j3).closed
    # reported again after the assessment: active again, from the new report
    j4 = Journal(baseline=base, updates=(*j2.updates, _at("2026-04-27", "night-pain")), reviews=(review,))
    assert [(s.name, s.reported) for s in redflags.active_flags(j4)] == [("night-pain", date(2026, 4, 27))]


def test_a_review_before_the_report_does_not_cover_it():
    base = Assessment(kind="baseline", date=date(2026, 1, 5), nrs=6, duration_months=12)
    j = Journal(baseline=base, updates=(_at("2026-02-02", "fever"),), reviews=(ClinicianReview(1, date(2026, 1, 20)),))
    assert [s.name for s in redflags.active_flags(j)] == ["fever"]


def test_flags_lists_active_and_past_flags_and_assessed_closes_them(paintrack):
    paintrack(*UNSCREENED, "--red-flag", "fever", "--red-flag", "bladder-bowel-control")
    r = paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--red-flag", "cancer-history")
    assert r.code == 0, r.text
    out = paintrack("flags").out
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert any(line.startswith("new loss of bladder or bowel control") and "emergency 2026-01-05 active" in line
               for line in lines)
    assert any(line.startswith("a history of cancer") and "2026-02-02 active" in line for line in lines)
    assert "waits until a clinician has assessed this" in flat(out)
    r = paintrack("flags", "--assessed", "--date", "2026-02-10", "--note", "MRI clear")
    assert r.code == 0, r.text
    shown = flat(r.out)
    assert "assessed by a clinician on 2026-02-10" in shown
    assert "Assessed by a clinician on 2026-02-10" in shown and "(MRI clear)" in shown
    assert "waits until" not in shown
    data = report(paintrack)
    assert {f["name"]: (f["state"], f["since"]) for f in data["red_flags"]} == {
        "bladder-bowel-control": ("assessed", "2026-02-10"), "fever": ("assessed", "2026-02-10"),
        "cancer-history": ("assessed", "2026-02-10")}
    assert not any(a["code"] == "red_flags" for a in data["alerts"])
    assert "assessed by a clinician on 2026-02-10" in flat(paintrack("report").out)
    # a later screen that answers no clears nothing more; one that answers yes again reactivates
    paintrack("update", "--no-input", "--date", "2026-03-02", "--nrs", "5", "--red-flag", "fever")
    data = report(paintrack)
    assert (data["red_flags"][0]["name"], data["red_flags"][0]["state"], data["red_flags"][0]["reported"]) == ("fever", "active", "2026-03-02")


def test_flags_assessed_with_nothing_to_assess_is_refused(paintrack):
    paintrack(*BASELINE_ARGS)
    before = paintrack.bytes()
    r = paintrack("flags", "--assessed")
    assert r.code == 1 and "nothing for a clinician to assess" in r.err
    assert paintrack.bytes() == before


def test_flags_assessed_before_the_report_is_refused(paintrack):
    paintrack(*UNSCREENED, "--red-flag", "fever")
    r = paintrack("flags", "--assessed", "--date", "2026-01-04")
    assert r.code == 2 and "before the assessment that reported a flag" in r.err


def test_a_later_screen_answering_no_clears_the_flag(paintrack):
    paintrack(*UNSCREENED, "--red-flag", "sudden-weakness")
    paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--no-red-flags")
    data = report(paintrack)
    assert data["red_flags"][0]["state"] == "cleared" and data["red_flags"][0]["since"] == "2026-02-02"
    assert not any(a["code"] == "red_flags" for a in data["alerts"])
    assert "answered no on 2026-02-02" in flat(paintrack("report").out)


# --- an active flag never goes quiet without an answer of no or a clinician's assessment -------

VANISHED = "paintrack: error: not changed: the active red flag saddle-numbness would disappear"


def _refused(paintrack, *args: str) -> None:
    """`args` is refused: exit 1, one line naming the flag and a hint, the journal unchanged."""
    before = paintrack.bytes()
    r = paintrack(*args)
    assert r.code == 1, r.text
    lines = r.err.splitlines()
    assert lines[0].startswith(VANISHED), r.err
    assert lines[1].startswith("hint: ") and "paintrack flags --assessed" in lines[1] and "--no-red-flags" in lines[1]
    assert len(lines) == 2
    assert paintrack.bytes() == before
    assert [f["state"] for f in report(paintrack)["red_flags"]] == ["active"]
    assert paintrack("plan", "--add", "pain-education").code == 1


def test_a_baseline_replaced_without_a_screen_keeps_its_flag(paintrack):
    paintrack(*UNSCREENED, "--red-flag", "saddle-numbness")
    _refused(paintrack, *UNSCREENED, "--force")
    _refused(paintrack, *[("2026-01-06" if a == "2026-01-05" else a) for a in UNSCREENED], "--force")
    _refused(paintrack, *UNSCREENED, "--force", "--red-flag", "fever")  # answers another item only
    _refused(paintrack, "edit", "baseline", "--clear", "red-flag-screen")
    _refused(paintrack, "undo", "--yes")  # the baseline's own entry
    # answering it yes again keeps it: allowed
    assert paintrack(*UNSCREENED, "--force", "--red-flag", "saddle-numbness", "--note", "x").code == 0


def test_deleting_replacing_or_undoing_the_update_that_reported_a_flag_is_refused(paintrack):
    paintrack(*BASELINE_ARGS)
    r = paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--red-flag", "saddle-numbness")
    assert r.code == 0, r.text
    _refused(paintrack, "delete", "update", "2026-02-02", "--yes")
    _refused(paintrack, "update", "--no-input", "--date", "2026-02-02", "--nrs", "5", "--replace")
    _refused(paintrack, "edit", "update", "2026-02-02", "--clear", "red-flag-screen")
    _refused(paintrack, "undo", "--yes")
    # a later update without a screen leaves it active, and undoing that one is fine
    assert paintrack("update", "--no-input", "--date", "2026-03-02", "--nrs", "5").code == 0
    assert paintrack("undo", "--yes").code == 0
    assert [f["state"] for f in report(paintrack)["red_flags"]] == ["active"]


def test_a_same_day_baselines_no_does_not_clear_the_updates_yes(paintrack):
    """A baseline answering no and an update of the same day answering yes: the no came first,
    so deleting, clearing or undoing the update is refused like any other route."""
    paintrack(*BASELINE_ARGS)  # 2026-01-05, every item answered no
    r = paintrack("update", "--no-input", "--date", "2026-01-05", "--nrs", "6", "--red-flag", "saddle-numbness")
    assert r.code == 0, r.text
    _refused(paintrack, "delete", "update", "2026-01-05", "--yes")
    _refused(paintrack, "edit", "update", "2026-01-05", "--clear", "red-flag-screen")
    _refused(paintrack, "undo", "--yes")
    # the update itself corrected to no is still allowed
    assert paintrack("edit", "update", "2026-01-05", "--no-red-flags").code == 0
    assert report(paintrack)["red_flags"] == []


def test_a_correction_to_no_is_allowed(paintrack):
    paintrack(*BASELINE_ARGS)
    paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--red-flag", "saddle-numbness")
    r = paintrack("edit", "update", "2026-02-02", "--no-red-flags")
    assert r.code == 0, r.text
    assert report(paintrack)["red_flags"] == []
    assert paintrack("plan", "--add", "pain-education").code == 0
    # ... and so is the baseline re-entered answering it no
    other = paintrack.__class__(paintrack.journal.with_name("other.json"))
    other(*UNSCREENED, "--red-flag", "saddle-numbness")
    assert other(*UNSCREENED, "--force", "--no-red-flags").code == 0
    assert report(other)["red_flags"] == []


def test_once_assessed_the_reporting_entry_may_go(paintrack):
    paintrack(*BASELINE_ARGS)
    paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--red-flag", "saddle-numbness")
    assert paintrack("flags", "--assessed", "--date", "2026-02-05", "--note", "MRI clear").code == 0
    r = paintrack("delete", "update", "2026-02-02", "--yes")
    assert r.code == 0, r.text
    assert paintrack("undo", "--yes").code == 0  # the update back, and still assessed
    assert [f["state"] for f in report(paintrack)["red_flags"]] == ["assessed"]


def test_vanished_compares_active_flags_before_and_after():
    base = Assessment(kind="baseline", date=date(2026, 1, 5), nrs=6, duration_months=12)
    before = Journal(baseline=base, updates=(_at("2026-02-02", "fever"), _at("2026-03-02", "night-pain")))
    assert redflags.vanished(before, before) == []
    # the report of 2026-03-02 gone: night-pain vanishes, fever stays
    after = Journal(baseline=base, updates=before.updates[:1])
    assert [s.name for s in redflags.vanished(before, after)] == ["night-pain"]
    # answered no on the very report's date (a correction), or later: allowed
    for day in ("2026-03-02", "2026-03-30"):
        fixed = Journal(baseline=base, updates=(before.updates[0], _at(day, no=("night-pain",))))
        assert redflags.vanished(before, fixed) == []
    # a no before the report, or an assessment before it, does not answer it
    earlier = Journal(baseline=base, updates=(_at("2026-02-02", "fever", no=("night-pain",)),),
                      reviews=(ClinicianReview(1, date(2026, 2, 10), ("night-pain",)),))
    assert [s.name for s in redflags.vanished(before, earlier)] == ["night-pain"]
    assessed = Journal(baseline=base, updates=before.updates[:1],
                       reviews=(ClinicianReview(1, date(2026, 3, 2), ("night-pain",)),))
    assert redflags.vanished(before, assessed) == []


# --- the clinician's note in every report ------------------------------------------------------

def test_the_clinicians_note_is_in_every_report(paintrack):
    paintrack(*UNSCREENED, "--red-flag", "saddle-numbness")
    r = paintrack("flags", "--assessed", "--date", "2026-01-09", "--note", "MRI clear, no cauda equina")
    assert r.code == 0, r.text
    said = "The clinician's note (2026-01-09): “MRI clear, no cauda equina”."
    state = "numbness around the groin, buttocks or genitals: assessed by a clinician on 2026-01-09"
    data = report(paintrack)
    assert [(f["name"], f["state"], f["since"], f["note"]) for f in data["red_flags"]] == [
        ("saddle-numbness", "assessed", "2026-01-09", "MRI clear, no cauda equina")]
    assert all(n["source"] != "clinician" for n in data["notes"])  # shown with the flag, not twice
    terminal = flat(paintrack("report").out)
    assert f"{state}. {said}" in terminal and terminal.count("MRI clear") == 1
    md = " ".join(paintrack("report", "--format", "md").out.split())
    assert state in md and "MRI clear, no cauda equina" in md and md.count("MRI clear") == 1
    page = paintrack("report", "--format", "html").out
    assert state in page and "MRI clear, no cauda equina" in page and page.count("MRI clear") == 1


def test_a_note_on_the_pain_duration_alone_is_among_the_recent_notes(paintrack):
    args = list(BASELINE_ARGS)
    args[args.index("--duration-months") + 1] = "2"
    paintrack(*args)
    assert paintrack("flags", "--assessed", "--date", "2026-01-09", "--note", "Fine to start <b>rehab</b>").code == 0
    data = report(paintrack)
    assert {"date": "2026-01-09", "source": "clinician", "text": "Fine to start <b>rehab</b>"} in data["notes"]
    assert "2026-01-09 (clinician): Fine to start <b>rehab</b>" in " ".join(paintrack("report", "--format", "md").out.split()).replace("\\", "")
    assert "Note (clinician, 2026-01-09): Fine to start <b>rehab</b>" in flat(paintrack("report").out)
    page = paintrack("report", "--format", "html").out
    assert "Fine to start &lt;b&gt;rehab&lt;/b&gt;" in page and "<b>rehab" not in page
