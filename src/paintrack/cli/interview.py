"""Questions on a terminal: one at a time, with their anchors, wrapped to the terminal; "b"
goes back to the previous question; a summary at the end to confirm or change any answer.

The interview is a list of `Question`s; `run()` asks them in order and returns the answers by
key. Nothing is saved here: the command saves what the interview returns.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from paintrack.errors import InputError

BACK = "b"
SKIPPED = object()


@dataclass
class Question:
    key: str
    prompt: str
    parse: Callable[[str], Any]
    help: str = ""
    required: bool = False
    show: Callable[[Any], str] = str
    after: Callable[[Any], None] | None = None  # e.g. the self-harm message, at once
    when: Callable[[dict[str, Any]], bool] = field(default=lambda answers: True)
    check: Callable[[Any, dict[str, Any]], None] | None = None  # against earlier answers


def width() -> int:
    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns))


def say(message: str, indent: int = 0) -> None:
    """Print `message` wrapped to the terminal, words never broken."""
    pad = " " * indent
    for paragraph in message.split("\n"):
        lines = textwrap.wrap(paragraph, width=width() - 1, initial_indent=pad, subsequent_indent=pad,
                              break_long_words=False, break_on_hyphens=False) or [""]
        for line in lines:
            print(line, flush=True)


def ask(prompt: str) -> str:
    say(prompt)
    try:
        return input("> ")
    except EOFError:
        raise KeyboardInterrupt from None


def run(questions: Sequence[Question], title: str, review: bool = True) -> dict[str, Any]:
    """Ask `questions` in order ("b" goes back), then review: Enter saves, a number changes
    that answer. Returns {key: answer} for the answered questions."""
    answers: dict[str, Any] = {}
    say(title)
    say('Type "b" to go back to the previous question; press Enter to skip an optional one.')
    i = 0
    while i < len(questions):
        q = questions[i]
        if not q.when(answers):
            answers.pop(q.key, None)
            i += 1
            continue
        outcome = _ask_one(q, answers)
        if outcome is BACK:
            answers.pop(q.key, None)
            i = _previous(questions, answers, i)
            continue
        if outcome is SKIPPED:
            answers.pop(q.key, None)
        else:
            answers[q.key] = outcome
            if q.after is not None:
                q.after(outcome)
        i += 1
    while review:
        shown = [q for q in questions if q.when(answers)]
        say("")
        say("Your answers:")
        for n, q in enumerate(shown, 1):
            value = q.show(answers[q.key]) if q.key in answers else "—"
            say(f"{n:>2}. {q.prompt.split('(')[0].strip()}: {value}", indent=2)
        raw = ask(f"Press Enter to save, or type a number (1-{len(shown)}) to change that answer.").strip()
        if not raw:
            break
        if raw.isdigit() and 1 <= int(raw) <= len(shown):
            q = shown[int(raw) - 1]
            outcome = _ask_one(q, answers)
            if outcome is SKIPPED:
                answers.pop(q.key, None)
            elif outcome is not BACK:
                answers[q.key] = outcome
                if q.after is not None:
                    q.after(outcome)
            continue
        say(f"  Please press Enter, or type a number from 1 to {len(shown)}.")
    return answers


def _previous(questions: Sequence[Question], answers: dict[str, Any], i: int) -> int:
    j = i - 1
    while j > 0 and not questions[j].when(answers):
        j -= 1
    return max(0, j)


def _ask_one(q: Question, answers: dict[str, Any]) -> Any:
    while True:
        text = q.prompt + (f"\n  {q.help}" if q.help else "")
        if not q.required:
            text += "\n  (Enter to skip)"
        raw = ask(text)
        stripped = raw.strip()
        if stripped.lower() == BACK:
            return BACK
        if not stripped:
            if q.required:
                say("  This one is needed; please answer it.")
                continue
            return SKIPPED
        try:
            value = q.parse(raw)
            if q.check is not None and value is not SKIPPED:
                q.check(value, answers)
            return value
        except InputError as e:
            say(f"  {e.message.replace('answer: ', '')}; please try again.")


def yes_no(raw: str) -> bool:
    text = raw.strip().lower()
    if text in ("y", "yes"):
        return True
    if text in ("n", "no"):
        return False
    raise InputError("answer y (yes) or n (no)")


def confirm(question: str) -> bool:
    """A yes/no question outside an interview (Enter is no)."""
    while True:
        raw = ask(f"{question} (y/n)").strip()
        if not raw:
            return False
        try:
            return yes_no(raw)
        except InputError as e:
            say(f"  {e.message}")

