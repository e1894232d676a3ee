"""Questions on a terminal: one at a time, with their anchors, wrapped to the terminal; "b"
goes back to the previous question; a summary at the end to confirm or change any answer.

The interview is a list of `Question`s; `run()` asks them in order and returns the answers by
key. Nothing is saved here: the command saves what the interview returns.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from paintrack.errors import InputError

BACK = object()  # an answer "b": go back one question
SKIPPED = object()  # Enter on an optional question (or "no" to an optional questionnaire)
BACK_WORDS = ("b",)  # not "back": it answers "Where does it hurt?"
_HANGING = re.compile(r"\s*(?:\d+\.\s+|[-!•]\s+)?")


@dataclass
class Question:
    """One interview question: its prompt, how its answer is read, and when it is asked."""
    key: str
    prompt: str
    parse: Callable[[str], Any]
    help: str = ""
    required: bool = False
    show: Callable[[Any], str] = str
    after: Callable[[Any], None] | None = None  # e.g. the self-harm message, at once
    when: Callable[[dict[str, Any]], bool] = field(default=lambda answers: True)
    #: a hard check against the other answers (an InputError: asked again)
    check: Callable[[Any, dict[str, Any]], None] | None = None
    #: a soft check: a question to confirm ("keep it?"), or None when the answer fits
    doubt: Callable[[Any, dict[str, Any]], str | None] | None = None
    label: str = ""  # the answer's name in the summary (default: the prompt)
    intro: str = ""  # said once before the question when it comes in turn (a section's heading)
    #: the prompt from the answers so far (e.g. naming the goals just given); default `prompt`
    dynamic: Callable[[dict[str, Any]], str] | None = None

    def text(self, answers: dict[str, Any]) -> str:
        return self.dynamic(answers) if self.dynamic is not None else self.prompt

    def name(self) -> str:
        return self.label or self.prompt.split("(")[0].strip().rstrip("?")


def width() -> int:
    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns))


def say(message: str, indent: int = 0) -> None:
    """Print `message` wrapped to the terminal, words never broken; a line's continuation is
    indented under its text (after its own indent, and after a "1. " or "! " lead)."""
    pad = " " * indent
    for paragraph in message.split("\n"):
        lead = _HANGING.match(paragraph)
        hang = " " * (len(lead.group(0)) if lead else 0)
        lines = textwrap.wrap(paragraph, width=width() - 1, initial_indent=pad, subsequent_indent=pad + hang,
                              break_long_words=False, break_on_hyphens=False) or [""]
        for line in lines:
            print(line, flush=True)


def ask(prompt: str) -> str:
    """One answer. Ctrl-C or Ctrl-D stops the command (typer.Abort: `run()` says that nothing
    was saved and exits 130); typer would turn a bare KeyboardInterrupt into a silent exit."""
    say(prompt)
    try:
        return input("> ")
    except (EOFError, KeyboardInterrupt):
        import typer

        raise typer.Abort() from None


def is_back(raw: str) -> bool:
    return raw.strip().lower() in BACK_WORDS


def run(questions: Sequence[Question], title: str, review: bool = True) -> dict[str, Any]:
    """Ask `questions` in order ("b" goes back), then review: Enter saves, a number changes
    that answer. Returns {key: answer} for the answered questions."""
    answers: dict[str, Any] = {}
    if title:
        say(title)
    if len(questions) > 1:
        say('Type "b" to go back to the previous question; press Enter to skip an optional one.')
    i = 0
    while i < len(questions):
        q = questions[i]
        if not q.when(answers):
            answers.pop(q.key, None)
            i += 1
            continue
        if q.intro:
            say("")
            say(q.intro)
        outcome = _ask_one(q, answers)
        if outcome is BACK:
            j = _previous(questions, answers, i)
            if j == i:
                say("  This is the first question.")
            i = j
            continue
        _keep(q, outcome, answers)
        i += 1
    if review:
        _review(questions, answers)
    return answers


def _keep(q: Question, outcome: Any, answers: dict[str, Any]) -> None:
    if outcome is SKIPPED:
        answers.pop(q.key, None)
        return
    answers[q.key] = outcome
    if q.after is not None:
        q.after(outcome)


def _review(questions: Sequence[Question], answers: dict[str, Any]) -> None:
    """The summary: Enter saves; a number asks that question again."""
    show_all = True
    while True:
        shown = [q for q in questions if q.when(answers)]
        if show_all:
            say("")
            say("Your answers:")
            for n, q in enumerate(shown, 1):
                value = q.show(answers[q.key]) if q.key in answers else "—"
                say(f"{n:>2}. {q.name()}: {value}", indent=1)
        raw = ask(f"Press Enter to save, or type a number (1-{len(shown)}) to change that answer.").strip()
        if not raw:
            return
        if not (raw.isdigit() and 1 <= int(raw) <= len(shown)):
            say(f"  Please press Enter, or type a number from 1 to {len(shown)}.")
            show_all = False
            continue
        q = shown[int(raw) - 1]
        outcome = _ask_one(q, answers)
        if outcome is not BACK:
            _keep(q, outcome, answers)
            _recheck(questions, answers)
        show_all = True


def _recheck(questions: Sequence[Question], answers: dict[str, Any]) -> None:
    """After a change: an answer that no longer fits the others (e.g. more ratings than goals)
    is asked again."""
    for q in questions:
        if q.key in answers and q.check is not None and q.when(answers):
            try:
                q.check(answers[q.key], answers)
            except InputError as e:
                say(f"  {q.name()}: {_plain(e.message)}; please answer it again.")
                outcome = _ask_one(q, answers)
                if outcome is not BACK:
                    _keep(q, outcome, answers)
        elif q.key in answers and not q.when(answers):
            answers.pop(q.key, None)


def _previous(questions: Sequence[Question], answers: dict[str, Any], i: int) -> int:
    """The question before `i` that is asked (the first one stays the first)."""
    j = i - 1
    while j >= 0 and not questions[j].when(answers):
        j -= 1
    return max(0, j) if j >= 0 else i


_FIELD = re.compile(r"^(answer|each rating) \([^)]*\) ")


def _plain(message: str) -> str:
    """An error about a typed answer, without the flag-style field name: "the answer must be …"."""
    return _FIELD.sub(lambda m: f"the {m.group(1).replace('each ', '')} ", message)


def _ask_one(q: Question, answers: dict[str, Any]) -> Any:
    while True:
        text = q.text(answers) + "".join(f"\n  {line}" for line in q.help.split("\n") if q.help)
        if q.key in answers:
            text += f"\n  (your answer: {q.show(answers[q.key])}; type b to keep it)"
        if not q.required:
            text += "\n  (Enter to skip)"
        raw = ask(text)
        stripped = raw.strip()
        if is_back(stripped):
            return BACK
        if not stripped:
            if q.required:
                say("  This one is needed; please answer it.")
                continue
            return SKIPPED
        try:
            value = q.parse(raw)
            if value is BACK or value is SKIPPED:
                return value
            others = {k: v for k, v in answers.items() if k != q.key}
            if q.check is not None:
                q.check(value, others)
            doubt = q.doubt(value, others) if q.doubt is not None else None
            if doubt is not None and not confirm(doubt):
                continue
            return value
        except InputError as e:
            say(f"  {_plain(e.message)}; please try again.")


def yes_no(raw: str) -> bool:
    text = raw.strip().lower()
    if text in ("y", "yes"):
        return True
    if text in ("n", "no"):
        return False
    raise InputError("answer y (yes) or n (no)")


def show_yes_no(value: bool) -> str:
    return "yes" if value else "no"


#: What a declined confirmation says: a plain line, not an error (exit 2, as without --yes).
DECLINED = "Nothing was changed."


def declined() -> NoReturn:
    """The answer was no ("Replace it?", "Delete …?", "Undo …?"): say so plainly, and stop
    with the usage status, as a command that needed --yes without a terminal does."""
    import typer

    from paintrack.errors import ExitStatus

    say(DECLINED)
    raise typer.Exit(ExitStatus.USAGE)


def confirm_or_stop(question: str) -> bool:
    """`confirm(question)`, and a no stops the command (`declined`)."""
    if not confirm(question):
        declined()
    return True


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
