"""The interview on a real pseudo-terminal (pexpect): the BPI's order with its anchors, "b" to go
back, the plausibility check, the red-flag screen, PHQ-9 / GAD-7 in their exact wording with the
crisis message right after item 9, the summary to change an answer, wrapping to the terminal
(60, 80, 120 columns, no word broken), and what the journal holds afterwards."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from conftest import BASELINE_ARGS, TODAY

from paintrack.domain import instruments, measures, redflags
from paintrack.domain.alerts import CRISIS

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _loose(text: str) -> str:
    """A pattern for `text` however the terminal wrapped it (words whole, any whitespace between)."""
    return r"\s+".join(re.escape(word) for word in text.split())


class Terminal:
    """paintrack on a pseudo-terminal of `columns` columns; answers are typed after prompts."""

    def __init__(self, journal: Path, *args: str, columns: int = 60):
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PAINTRACK_JOURNAL")}
        env.update(PAINTRACK_TODAY=TODAY, NO_COLOR="1", TERM="xterm")
        self.columns = columns
        self.log = io.StringIO()
        self.child = pexpect.spawn(sys.executable, ["-m", "paintrack", "--journal", str(journal), *args],
                                   env=env, dimensions=(50, columns), encoding="utf-8", timeout=20)
        self.child.delaybeforesend = None
        self.child.logfile_read = self.log

    def answer(self, prompt: str, reply: str) -> None:
        """Wait for `prompt` (however wrapped) and the "> " that follows it, then type `reply`."""
        self.child.expect(_loose(prompt))
        self.child.expect_exact("> ")
        self.child.sendline(reply)

    def expect(self, text: str) -> None:
        self.child.expect(_loose(text))

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus  # type: ignore[no-any-return]

    @property
    def transcript(self) -> str:
        return _ANSI.sub("", self.log.getvalue()).replace("\r\n", "\n")

    def flat(self) -> str:
        """The transcript with all whitespace as single spaces: a word broken by wrapping would
        not match its text here."""
        return " ".join(self.transcript.split())

    def lines_fit(self) -> list[str]:
        """Lines longer than the terminal (a file path, which cannot be wrapped, aside)."""
        return [line for line in self.transcript.split("\n") if len(line) > self.columns and "/" not in line]


def _journal(path: Path) -> dict:
    return json.loads(path.read_text())


def _severity(term: Terminal, worst: str, least: str, average: str, now: str) -> None:
    term.answer("Your WORST pain in the last 7 days (0-10)", worst)
    term.answer("Your LEAST pain in the last 7 days (0-10)", least)
    term.answer("Your AVERAGE pain over the last 7 days (0-10)", average)
    term.answer("Your pain RIGHT NOW (0-10)", now)


def _no_red_flags(term: Terminal) -> None:
    for flag in redflags.RED_FLAGS:
        term.answer(f"Have you had {flag.question}? (y/n)", "n")


def test_baseline_interview_order_anchors_back_review_and_saved_values(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    term = Terminal(journal, "baseline", columns=60)
    # "b" at the first question stays there
    term.answer("Your WORST pain in the last 7 days (0-10)", "b")
    term.expect("This is the first question.")
    term.answer("Your WORST pain in the last 7 days (0-10)", "8")
    # least above worst: asked to confirm; "n" asks it again; "b" goes back to worst
    term.answer("Your LEAST pain in the last 7 days (0-10)", "9")
    term.answer("Your least pain (9) is above your worst pain (8); usually least ≤ average ≤ worst. "
                "Keep 9 as your least pain? (y/n)", "n")
    term.answer("Your LEAST pain in the last 7 days (0-10)", "b")
    term.answer("Your WORST pain in the last 7 days (0-10) " + measures.PAIN_ANCHORS
                + " (your answer: 8; type b to keep it)", "9")
    term.answer("Your LEAST pain in the last 7 days (0-10)", "3")
    term.answer("Your AVERAGE pain over the last 7 days (0-10)", "6")
    term.answer("Your pain RIGHT NOW (0-10)", "5")
    for what, value in zip(("general activity", "mood", "walking ability", "normal work (outside the home and housework)",
                            "relations with other people", "sleep", "enjoyment of life"), "6576456"):
        term.answer(f"how much has pain interfered with your {what}? (0-10) {measures.INTERFERENCE_ANCHORS}", value)
    term.answer("Six-minute walk distance (metres, 0-1000) " + measures.WALK_M.help, "380")
    term.answer("Opioid dose (MME per day) " + measures.OPIOID_MME.help, "0")
    term.answer("Hours of sleep on a typical night (0-24)", "6.5")
    term.answer("Graded-exercise sessions per week", "2")
    term.answer("Minutes of mindfulness practice per week", "30")
    term.answer("How many months has the pain lasted?", "18")
    term.answer("Where does it hurt?", "low back, left knee")
    term.answer("activities your pain makes hard", "walk 30 minutes, garden for an hour")
    term.answer("How able are you now to do each activity? (1) walk 30 minutes; (2) garden for an hour", "3,4,5")
    term.answer("How able are you now to do each activity?", "3,4")
    term.expect("Red-flag screen: signs that need a doctor before anything else.")
    _no_red_flags(term)
    term.answer("Answer the PHQ-9 (9 questions on mood), about the last 2 weeks? (y/n)", "y")
    for n, reply in enumerate("0101000", 1):
        term.answer(f"{n}. {instruments.PHQ9_ITEMS[n - 1]}", reply)
    term.answer(f"8. {instruments.PHQ9_ITEMS[7]}", "b")  # back one item
    term.answer(f"7. {instruments.PHQ9_ITEMS[6]}", "0")
    term.answer(f"8. {instruments.PHQ9_ITEMS[7]}", "0")
    term.answer(f"9. {instruments.PHQ9_ITEMS[8]}", "1")
    term.expect(CRISIS)  # at once, before the next question
    term.answer("Answer the GAD-7 (7 questions on anxiety), about the last 2 weeks? (y/n)", "n")
    term.answer("A note for your clinician", "tired but hopeful")
    # the summary; change answer 3 (average pain), then save
    term.expect("Your answers:")
    term.expect("3. Average pain, last 7 days: 6")
    term.expect("Red flag: new or worsening weakness in an arm or leg: no")
    term.expect("PHQ-9: 0, 1, 0, 1, 0, 0, 0, 0, 1 (total 3)")
    term.answer("Press Enter to save, or type a number", "3")
    term.answer("Your AVERAGE pain over the last 7 days (0-10)", "5")
    term.expect("3. Average pain, last 7 days: 5")
    term.answer("Press Enter to save, or type a number", "")
    assert term.finish() == 0

    text = term.transcript
    # the BPI's order: worst, least, average, now — each with its anchors
    order = [text.index(p) for p in ("Your WORST pain", "Your LEAST pain", "Your AVERAGE pain", "Your pain RIGHT NOW")]
    assert order == sorted(order)
    assert term.flat().count(measures.PAIN_ANCHORS) >= 4
    # the crisis message comes right after item 9's answer, before the GAD-7 question
    item9 = text.index("> 1", text.index(instruments.PHQ9_ITEMS[8].split()[-1]))
    assert item9 < text.index("988") < text.index("Answer the GAD-7")
    # 60 columns: every line fits and no word is broken (the exact wording reads whole)
    assert term.lines_fit() == []
    flat = term.flat()
    for whole in (instruments.PHQ9_STEM, *instruments.PHQ9_ITEMS, *instruments.FREQUENCY_OPTIONS,
                  measures.WALK_M.help, measures.OPIOID_MME.help, measures.INTERFERENCE_ANCHORS, CRISIS,
                  *(f.question for f in redflags.RED_FLAGS)):
        assert whole in flat, whole
    assert "created your journal at" in flat

    b = _journal(journal)["baseline"]
    assert (b["worst"], b["least"], b["nrs"], b["now"]) == (9, 3, 5, 5)
    assert [b[m.name] for m in measures.INTERFERENCE] == [6, 5, 7, 6, 4, 5, 6]
    assert (b["walk_m"], b["opioid_mme"], b["sleep_hours"], b["exercise_sessions"], b["mindfulness_min"]) == (380, 0, 6.5, 2, 30)
    assert b["duration_months"] == 18
    assert b["locations"] == ["low back", "left knee"]
    assert b["goals"] == ["walk 30 minutes", "garden for an hour"]
    assert b["goal_ability"] == [3, 4]
    assert b["red_flag_screen"] == {"how": "terminal", "answers": {n: False for n in redflags.NAMES}}
    assert b["phq9"] == [0, 1, 0, 1, 0, 0, 0, 0, 1]
    assert "gad7" not in b
    assert b["note"] == "tired but hopeful"


def test_skipping_everything_optional_at_80_columns_with_gad7(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    term = Terminal(journal, "baseline", columns=80)
    term.answer("Your WORST pain", "")
    term.answer("Your LEAST pain", "")
    term.answer("Your AVERAGE pain", "")  # required: asked again
    term.expect("This one is needed; please answer it.")
    term.answer("Your AVERAGE pain", "eleven")
    term.expect("the answer must be a whole number from 0 to 10; please try again.")
    term.answer("Your AVERAGE pain", "4")
    term.answer("Your pain RIGHT NOW", "")
    for _ in range(7 + 5 + 3):  # interference, function and adherence, duration, places, goals
        term.answer("(Enter to skip)", "")
    _no_red_flags(term)
    term.answer("Answer the PHQ-9", "n")
    term.answer("Answer the GAD-7", "y")
    term.expect(instruments.GAD7_STEM)
    for n, item in enumerate(instruments.GAD7_ITEMS, 1):
        term.answer(f"{n}. {item}", "" if n == 4 else "2")
    term.answer("A note for your clinician", "")
    term.expect("GAD-7: 2, 2, 2, —, 2, 2, 2 (item 4 skipped: no total)")
    term.answer("Press Enter to save", "")
    assert term.finish() == 0
    assert term.lines_fit() == []
    b = _journal(journal)["baseline"]
    assert b["nrs"] == 4 and "worst" not in b and "goals" not in b
    assert b["gad7"] == [2, 2, 2, None, 2, 2, 2]
    assert "988" not in term.transcript


def test_update_interview_pgic_labels_goal_ratings_side_effects_at_120_columns(paintrack, tmp_path: Path) -> None:
    assert paintrack(*BASELINE_ARGS, "--goal", "walk 30 minutes", "--goal", "garden", "--goal-ability", "2",
                     "--goal-ability", "3").code == 0
    term = Terminal(paintrack.journal, "update", columns=120)
    _severity(term, "", "", "4", "")
    for _ in range(7 + 5):
        term.answer("(Enter to skip)", "")
    term.answer("How able are you now to do each of your goals? (1) walk 30 minutes; (2) garden", "5,6")
    _no_red_flags(term)
    term.answer("Answer the PHQ-9", "n")
    term.answer("Answer the GAD-7", "n")
    labels = " ".join(f"{n} = {label}" for n, label in instruments.PGIC_LABELS.items())
    term.answer("Since the baseline, how would you describe the change in your pain and how you manage overall? "
                "(1-7) " + labels, "2")
    term.answer("Any side effects of your treatments since the last assessment?", "1, dizziness")
    term.answer("A note for your clinician", "")
    term.expect("Change since the baseline (PGIC): 2")
    term.answer("Press Enter to save", "")
    assert term.finish() == 0
    assert term.lines_fit() == []
    u = _journal(paintrack.journal)["updates"][0]
    assert (u["nrs"], u["pgic"], u["goal_ability"]) == (4, 2, [5, 6])
    assert u["side_effects"] == ["nausea", "dizziness"]
    assert u["red_flag_screen"]["how"] == "terminal"


def test_emergency_red_flag_is_told_at_once_and_recorded(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    # measures given as flags: only the red-flag screen is asked
    term = Terminal(journal, "baseline", "--nrs", "5", "--duration-months", "6", columns=60)
    first, second = redflags.RED_FLAGS[0], redflags.RED_FLAGS[1]
    term.answer(f"Have you had {first.question}? (y/n)", "maybe")
    term.expect("answer y (yes) or n (no)")
    term.answer(f"Have you had {first.question}? (y/n)", "y")
    term.expect(redflags.ADVICE["emergency"])
    term.answer(f"Have you had {second.question}? (y/n)", "b")  # back: answer the first again
    term.answer(f"Have you had {first.question}? (y/n)", "y")
    for flag in redflags.RED_FLAGS[1:]:
        term.answer(f"Have you had {flag.question}? (y/n)", "n")
    assert term.finish() == 0
    text = term.flat()
    advice = text.index(redflags.ADVICE["emergency"])
    assert text.index(first.question) < advice < text.index(second.question)
    screen = _journal(journal)["baseline"]["red_flag_screen"]
    assert screen["how"] == "terminal"
    assert screen["answers"]["sudden-weakness"] is True
    assert [v for k, v in screen["answers"].items() if k != "sudden-weakness"] == [False] * 8


@pytest.mark.parametrize("key", ["ctrl-d", "ctrl-c"])
def test_stopping_mid_interview_saves_nothing_and_says_so(tmp_path: Path, key: str) -> None:
    journal = tmp_path / "journal.json"
    term = Terminal(journal, "baseline", columns=60)
    term.answer("Your WORST pain", "7")
    term.child.expect("LEAST")
    term.child.expect_exact("> ")
    term.child.sendeof() if key == "ctrl-d" else term.child.sendintr()
    assert term.finish() == 130
    assert "stopped; nothing was saved" in term.transcript
    assert not journal.exists()


def test_log_asks_the_pain_with_its_anchors(paintrack) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    term = Terminal(paintrack.journal, "log", columns=60)
    term.answer("Your pain today (0-10) " + measures.PAIN_ANCHORS, "4")
    term.expect("Logged 2026-11-23: pain 4.")
    assert term.finish() == 0
    assert _journal(paintrack.journal)["diary"][0]["pain"] == 4


def test_plan_with_no_plan_on_a_terminal_offers_a_numbered_picker(paintrack) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    term = Terminal(paintrack.journal, "plan", columns=60)
    term.expect("1. pain-education:")
    term.answer("Which would you like to add?", "99")
    term.expect("choose numbers from 1 to")
    term.answer("Which would you like to add?", "1, cbt")
    term.expect("Your plan")
    assert term.finish() == 0
    assert term.lines_fit() == []
    ids = [m["id"] for m in _journal(paintrack.journal)["plan"]["modalities"]]
    assert ids == ["pain-education", "cbt"]


def test_plan_picker_left_empty_changes_nothing(paintrack) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    before = paintrack.bytes()
    term = Terminal(paintrack.journal, "plan", columns=80)
    term.answer("Which would you like to add?", "")
    term.expect("No plan yet.")
    assert term.finish() == 0
    assert paintrack.bytes() == before


def test_changing_the_goals_in_the_summary_asks_their_ratings_again(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    term = Terminal(journal, "baseline", columns=60)
    _severity(term, "", "", "5", "")
    for _ in range(7 + 5 + 2):  # interference, function and adherence, duration, places
        term.answer("(Enter to skip)", "")
    term.answer("activities your pain makes hard", "walk 30 minutes, garden")
    term.answer("How able are you now to do each activity?", "3,4")
    _no_red_flags(term)
    term.answer("Answer the PHQ-9", "n")
    term.answer("Answer the GAD-7", "n")
    term.answer("A note for your clinician", "")
    term.expect("Goal ratings: 3, 4")
    term.answer("Press Enter to save", "19")  # the goals
    term.answer("(your answer: walk 30 minutes; garden; type b to keep it)", "walk 30 minutes")
    term.expect("Goal ratings: give at most 1 number, one per activity; please answer it again.")
    term.answer("How able are you now to do each activity? (1) walk 30 minutes", "6")
    term.expect("Goal ratings: 6")
    term.answer("Press Enter to save", "")
    assert term.finish() == 0
    b = _journal(journal)["baseline"]
    assert (b["goals"], b["goal_ability"]) == (["walk 30 minutes"], [6])


def test_no_picker_while_adding_waits_for_a_clinician(paintrack) -> None:
    args = list(BASELINE_ARGS)
    args[args.index("--duration-months") + 1] = "2"  # not chronic yet: the plan gate is closed
    assert paintrack(*args).code == 0
    term = Terminal(paintrack.journal, "plan", columns=60)
    term.expect("No plan yet.")
    term.expect("Adding therapies waits for a clinician's assessment")
    assert term.finish() == 0
    assert "Which would you like to add?" not in term.transcript
