"""One assessment's input: its flags read, then (on a terminal) its interview, as a record.

Without a terminal only the flags count, and a missing `--nrs` is an error. On a terminal with no
measure given, the whole interview runs (the BPI in its order — worst, least, average, now —
with its anchors, then interference, function, the screens, goals); with some measures given,
only a missing `--nrs` is asked. The red-flag screen is always asked on a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from paintrack.cli import interview, parse
from paintrack.cli.interview import Question
from paintrack.domain import instruments, measures, redflags
from paintrack.domain.records import Assessment, RedFlagScreen
from paintrack.errors import InputError

Kind = Literal["baseline", "update"]
_NUMBERS = (*measures.ASSESSMENT, measures.DURATION_MONTHS, measures.PGIC)


@dataclass
class Given:
    """The values given as flags to an assessment command, before the interview asks for the rest."""
    date: date
    values: dict[str, int | float] = field(default_factory=dict)
    red_flags: list[str] = field(default_factory=list)
    no_red_flags: bool = False
    phq9: tuple[int | None, ...] | None = None
    gad7: tuple[int | None, ...] | None = None
    goal_ability: tuple[int, ...] = ()
    side_effects: tuple[str, ...] = ()
    note: str | None = None
    locations: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()

    def measures_given(self) -> bool:
        return any(m.name in self.values for m in measures.ASSESSMENT)


def read_flags(params: dict[str, Any], today: date, kind: Kind) -> Given:
    """Every flag of the command, parsed (an InputError on the first bad one)."""
    when = parse.parse_date(params["date"], today=today) if params.get("date") is not None else today
    given = Given(when)
    for m in _NUMBERS:
        raw = params.get(m.name)
        if raw is not None:
            given.values[m.name] = parse.number(raw, m)
    given.red_flags = list(dict.fromkeys(parse.red_flag(r) for r in params.get("red_flag") or []))
    given.no_red_flags = bool(params.get("no_red_flags"))
    if given.red_flags and given.no_red_flags:
        raise InputError("--red-flag and --no-red-flags contradict each other", hint="give one of them")
    if params.get("phq9") is not None:
        given.phq9 = parse.answers(params["phq9"], len(instruments.PHQ9_ITEMS), "--phq9")
    if params.get("gad7") is not None:
        given.gad7 = parse.answers(params["gad7"], len(instruments.GAD7_ITEMS), "--gad7")
    given.goal_ability = tuple(int(parse.number(r, measures.GOAL_ABILITY, "--goal-ability"))
                               for r in params.get("goal_ability") or [])
    given.side_effects = tuple(dict.fromkeys(parse.side_effect(r) for r in params.get("side_effect") or []))
    if params.get("note") is not None:
        given.note = parse.parse_text(params["note"], "--note")
    given.locations = tuple(parse.parse_text(x, "--location", 200) for x in params.get("location") or [])
    given.goals = tuple(parse.parse_text(x, "--goal", 200) for x in params.get("goal") or [])
    if len(given.goals) > measures.MAX_GOALS:
        raise InputError(f"--goal: at most {measures.MAX_GOALS} goals")
    if len(given.locations) > measures.MAX_LOCATIONS:
        raise InputError(f"--location: at most {measures.MAX_LOCATIONS} places")
    return given


def complete(given: Given, interactive: bool, kind: Kind, goals: tuple[str, ...] | None) -> Assessment:
    """Ask what is missing (on a terminal) and check the answers; the assessment to save."""
    values: dict[str, Any] = dict(given.values)
    extra: dict[str, Any] = {}
    goal_names = given.goals if kind == "baseline" else (goals or ())
    interviewed = interactive and not given.measures_given()
    if interviewed:
        extra = interview.run(_questions(kind, given, goal_names), _title(kind))
        values.update({k: v for k, v in extra.items() if k in measures.BY_NAME})
    elif "nrs" not in values:
        if not interactive:
            raise InputError(f"missing --nrs ({measures.NRS.label}, {parse.range_text(measures.NRS)})",
                             hint="give it as a flag, or run on a terminal without --no-input to be asked")
        extra = interview.run([_nrs_question()], "", review=False)
        values["nrs"] = extra["nrs"]
    if interactive and not interviewed and _screen_to_ask(given):
        extra.update(interview.run(_red_flag_questions(given.red_flags), "", review=False))
    goal_names = extra.get("goals", goal_names)
    ability = extra.get("goal_ability", given.goal_ability)
    if len(ability) > len(goal_names):
        raise InputError(f"--goal-ability: {len(ability)} ratings for {len(goal_names)} goal"
                         f"{'s' if len(goal_names) != 1 else ''}", hint="give one rating per goal, in goal order")
    screen = _screen(given, interactive, extra)
    if not interviewed:  # the interview asked to confirm each implausible answer already
        _check_plausible(values, interactive)
    fields = dict(
        kind=kind, date=given.date, red_flag_screen=screen,
        phq9=extra.get("phq9", given.phq9), gad7=extra.get("gad7", given.gad7),
        goal_ability=tuple(ability), note=extra.get("note", given.note),
        **{k: v for k, v in values.items() if k not in ("pgic", "duration_months")},
    )
    if kind == "baseline":
        fields.update(duration_months=values.get("duration_months"), locations=extra.get("locations", given.locations),
                      goals=tuple(goal_names))
    else:
        fields.update(pgic=values.get("pgic"), side_effects=extra.get("side_effects", given.side_effects))
    return Assessment(**fields)


def _title(kind: Kind) -> str:
    if kind == "baseline":
        return "Baseline assessment: your starting point, which every later check is compared with."
    return "Update: the four-weekly re-measure."


# --- plausibility: least ≤ average ≤ worst ----------------------------------------------------

_PAIN_ORDER = (("least", "least pain"), ("nrs", "average pain"), ("worst", "worst pain"))


def _misfits(values: dict[str, Any]) -> list[tuple[str, str]]:
    """Pairs (lower, higher) of least/average/worst that are the wrong way round."""
    out = []
    for i, (low, _) in enumerate(_PAIN_ORDER):
        for high, _ in _PAIN_ORDER[i + 1:]:
            if values.get(low) is not None and values.get(high) is not None and values[low] > values[high]:
                out.append((low, high))
    return out


def _doubt(key: str) -> Any:
    """The interview's soft check of one of least, average, worst against the others given."""
    names = dict(_PAIN_ORDER)

    def doubt(value: Any, others: dict[str, Any]) -> str | None:
        values = {**others, key: value}
        misfits = [pair for pair in _misfits(values) if key in pair]
        if not misfits:
            return None
        low, high = misfits[0]
        return (f"Your {names[low]} ({values[low]}) is above your {names[high]} ({values[high]}); usually "
                f"least ≤ average ≤ worst. Keep {value} as your {names[key]}?")
    return doubt


def _check_plausible(values: dict[str, Any], interactive: bool) -> None:
    """Flags given: least ≤ average ≤ worst, or confirmed on a terminal (pain now may be anywhere)."""
    misfits = _misfits(values)
    if not misfits:
        return
    names = dict(_PAIN_ORDER)
    low, high = misfits[0]
    if interactive and interview.confirm(f"Your {names[low]} is above your {names[high]}. Keep these answers as they are?"):
        return
    flag = {"least": "--least", "nrs": "--nrs", "worst": "--worst"}
    raise InputError(f"{flag[low]} and {flag[high]} do not fit together: {names[low]} is above {names[high]}",
                     hint="check the values and give them again")


# --- the red-flag screen ----------------------------------------------------------------------

RED_FLAG_INTRO = "Red-flag screen: signs that need a doctor before anything else. In the last few weeks:"


def _screen_to_ask(given: Given) -> bool:
    return not given.no_red_flags


def _red_flag_questions(preset: list[str]) -> list[Question]:
    """Every item of the screen, yes or no (an emergency yes is told at once); items given as
    --red-flag are not asked again."""
    questions: list[Question] = []
    for flag in redflags.RED_FLAGS:
        if flag.name in preset:
            continue
        questions.append(Question(
            f"red_flag:{flag.name}", f"Have you had {flag.question}? (y/n)", interview.yes_no, required=True,
            show=interview.show_yes_no, after=_emergency_now if flag.tier == "emergency" else None,
            label=f"Red flag: {flag.description}", intro=RED_FLAG_INTRO if not questions else ""))
    return questions


def _emergency_now(yes: bool) -> None:
    if yes:
        interview.say(f"  ! {redflags.ADVICE['emergency']}")


def _screen(given: Given, interactive: bool, extra: dict[str, Any]) -> RedFlagScreen:
    if interactive and _screen_to_ask(given):
        answers = tuple((n, True if n in given.red_flags else bool(extra[f"red_flag:{n}"])) for n in redflags.NAMES)
        return RedFlagScreen("terminal", answers)
    if given.no_red_flags:
        return RedFlagScreen("flags", tuple((n, False) for n in redflags.NAMES))
    if given.red_flags:
        return RedFlagScreen("flags", tuple((n, True) for n in redflags.NAMES if n in given.red_flags))
    return RedFlagScreen()


# --- the questions ----------------------------------------------------------------------------


def _nrs_question() -> Question:
    m = measures.NRS
    return Question("nrs", "Your AVERAGE pain over the last 7 days (0-10)",
                    lambda raw: parse.number(raw, m, "answer"), help=measures.PAIN_ANCHORS, required=True,
                    label="Average pain, last 7 days", doubt=_doubt("nrs"))


def _value(m: measures.Measure, prompt: str, help: str = "", required: bool = False, label: str = "") -> Question:
    return Question(m.name, prompt, lambda raw: parse.number(raw, m, "answer"),
                    help=help or f"{parse.range_text(m)}", required=required, label=label,
                    show=lambda v: f"{v:g}" if isinstance(v, float) else str(v))


def _screen_show(answers: tuple[int | None, ...]) -> str:
    """'0, 1, 0, 2 (total 3)'; a skipped item is '—': '2, —, 2 (item 2 skipped: no total)'."""
    shown = ", ".join("—" if a is None else str(a) for a in answers)
    skipped = [i for i, a in enumerate(answers, 1) if a is None]
    if not skipped:
        return f"{shown} (total {sum(a for a in answers if a is not None)})"
    which = f"item {skipped[0]}" if len(skipped) == 1 else f"{len(skipped)} items"
    return f"{shown} ({which} skipped: no total)"


def _instrument(key: str, name: str, stem: str, items: tuple[str, ...], after_item9: bool) -> Question:
    """A questionnaire (PHQ-9, GAD-7) in its exact wording and answer options; optional. Each item
    is 0-3; Enter skips an item, "b" goes back one item (from the first: to the question before)."""
    options = "\n".join(f"{i} = {o}" for i, o in enumerate(instruments.FREQUENCY_OPTIONS))

    def ask_items(raw: str) -> Any:
        if interview.yes_no(raw) is False:
            return interview.SKIPPED
        interview.say(stem)
        interview.say("Answer each with a number:\n" + "\n".join(f"  {line}" for line in options.split("\n")))
        interview.say('Enter skips an item; "b" goes back one.')
        got: list[int | None] = []
        while len(got) < len(items):
            n = len(got) + 1
            answer = interview.ask(f"  {n}. {items[n - 1]}").strip()
            if interview.is_back(answer):
                if not got:
                    return interview.BACK
                got.pop()
                continue
            if answer == "":
                got.append(None)
            elif answer in ("0", "1", "2", "3"):
                got.append(int(answer))
                if after_item9 and n == instruments.SELF_HARM_ITEM and int(answer) > 0:
                    _self_harm_now()
            else:
                interview.say("  Please answer 0, 1, 2 or 3 (or Enter to skip this item).")
        return tuple(got)

    return Question(key, f"Answer the {name}, about the last 2 weeks? (y/n)", ask_items, show=_screen_show,
                    label=name.split(" (")[0])


def _self_harm_now() -> None:
    from paintrack.domain.alerts import CRISIS, SELF_HARM_NOW

    interview.say("")
    interview.say("  " + SELF_HARM_NOW + " " + CRISIS, 2)
    interview.say("")


def _list_answer(limit: int, field: str) -> Any:
    def read(raw: str) -> tuple[str, ...]:
        items = tuple(parse.parse_text(p, field, 200) for p in raw.split(",") if p.strip())
        if len(items) > limit:
            raise InputError(f"at most {limit}")
        return items
    return read


def _side_effects(raw: str) -> tuple[str, ...]:
    names = list(measures.SIDE_EFFECTS)
    picked = []
    for part in raw.replace(" ", ",").split(","):
        p = part.strip().lower()
        if not p:
            continue
        if p.isdigit() and 1 <= int(p) <= len(names):
            picked.append(names[int(p) - 1])
        else:
            picked.append(parse.side_effect(p))
    return tuple(dict.fromkeys(picked))


_ABILITY_HELP = "0 = unable … 10 = able as before the pain; one number per activity, separated by commas"


def _goal_list(goals: tuple[str, ...]) -> str:
    return "; ".join(f"({n}) {g}" for n, g in enumerate(goals, 1))


def _questions(kind: Kind, given: Given, goals: tuple[str, ...]) -> list[Question]:
    """The whole interview, in order; questions answered by a flag are not asked again."""
    qs: list[Question] = [
        _value(measures.WORST, "Your WORST pain in the last 7 days (0-10)", measures.PAIN_ANCHORS,
               label="Worst pain, last 7 days"),
        _value(measures.LEAST, "Your LEAST pain in the last 7 days (0-10)", measures.PAIN_ANCHORS,
               label="Least pain, last 7 days"),
        _nrs_question(),
        _value(measures.NOW, "Your pain RIGHT NOW (0-10)", measures.PAIN_ANCHORS, label="Pain right now"),
    ]
    qs[0].doubt, qs[1].doubt = _doubt("worst"), _doubt("least")
    for m in measures.INTERFERENCE:
        what = m.label.replace("how much pain interfered with ", "")
        qs.append(_value(m, f"In the last 7 days, how much has pain interfered with your {what}? (0-10)",
                         measures.INTERFERENCE_ANCHORS, label=f"Interference with {what.split(' (')[0]}"))
    qs[4].intro = "How much pain has interfered with your life (Brief Pain Inventory):"
    qs += [
        _value(measures.WALK_M, "Six-minute walk distance (metres, 0-1000)", measures.WALK_M.help,
               label="Six-minute walk (m)"),
        _value(measures.OPIOID_MME, "Opioid dose (MME per day)", measures.OPIOID_MME.help,
               label="Opioid dose (MME/day)"),
        _value(measures.SLEEP_HOURS, "Hours of sleep on a typical night (0-24)", label="Sleep (hours a night)"),
        _value(measures.EXERCISE_SESSIONS, "Graded-exercise sessions per week", label="Exercise sessions a week"),
        _value(measures.MINDFULNESS_MIN, "Minutes of mindfulness practice per week",
               label="Mindfulness (minutes a week)"),
    ]
    if kind == "baseline":
        qs += [
            _value(measures.DURATION_MONTHS, "How many months has the pain lasted?",
                   "chronic pain is pain lasting more than three months", label="Pain duration (months)"),
            Question("locations", "Where does it hurt? (places separated by commas)",
                     _list_answer(measures.MAX_LOCATIONS, "location"), show=", ".join, label="Where it hurts"),
            Question("goals", f"Up to {measures.MAX_GOALS} activities your pain makes hard, separated by commas "
                     "(e.g. walk 30 minutes, garden for an hour)", _list_answer(measures.MAX_GOALS, "goal"),
                     show="; ".join, label="Goals"),
            Question("goal_ability", "How able are you now to do each activity?", _abilities(measures.MAX_GOALS),
                     help=_ABILITY_HELP, show=_show_abilities, label="Goal ratings", check=_one_per_goal(given.goals),
                     when=lambda answers: bool(answers.get("goals") or given.goals),
                     dynamic=lambda answers: "How able are you now to do each activity? "
                     + _goal_list(tuple(answers.get("goals") or given.goals))),
        ]
    elif goals:
        qs.append(Question("goal_ability", "How able are you now to do each of your goals? " + _goal_list(goals),
                           _abilities(len(goals)), help=_ABILITY_HELP, show=_show_abilities, label="Goal ratings"))
    qs += _red_flag_questions(given.red_flags) if _screen_to_ask(given) else []
    qs += [
        _instrument("phq9", "PHQ-9 (9 questions on mood)", instruments.PHQ9_STEM, instruments.PHQ9_ITEMS, True),
        _instrument("gad7", "GAD-7 (7 questions on anxiety)", instruments.GAD7_STEM, instruments.GAD7_ITEMS, False),
    ]
    if kind == "update":
        labels = "\n".join(f"{n} = {label}" for n, label in instruments.PGIC_LABELS.items())
        qs.append(_value(measures.PGIC, "Since the baseline, how would you describe the change in your pain "
                         "and how you manage overall? (1-7)", labels, label="Change since the baseline (PGIC)"))
        listed = ", ".join(f"{i} {name}" for i, name in enumerate(measures.SIDE_EFFECTS, 1))
        qs.append(Question("side_effects", "Any side effects of your treatments since the last assessment? "
                           "(numbers or names, separated by commas)", _side_effects, help=listed, show=", ".join,
                           label="Side effects"))
    qs.append(Question("note", "A note for your clinician", lambda raw: parse.parse_text(raw, "note"), label="Note"))
    return [q for q in qs if not _given(q.key, given)]


def _given(key: str, given: Given) -> bool:
    """Whether a flag already answered this question."""
    attrs = {"phq9": given.phq9, "gad7": given.gad7, "note": given.note, "locations": given.locations or None,
             "goals": given.goals or None, "goal_ability": given.goal_ability or None,
             "side_effects": given.side_effects or None}
    return key in given.values or attrs.get(key) is not None


def _show_abilities(v: tuple[int | None, ...]) -> str:
    return ", ".join("—" if a is None else str(a) for a in v)


def _abilities(count: int) -> Any:
    def read(raw: str) -> tuple[int | None, ...]:
        parts = [p.strip() for p in raw.split(",")]
        if len(parts) > count:
            raise InputError(f"give at most {count} numbers, one per goal")
        return tuple(None if not p else int(parse.number(p, measures.GOAL_ABILITY, "each rating")) for p in parts)
    return read


def _one_per_goal(flag_goals: tuple[str, ...]) -> Any:
    def check(value: tuple[int | None, ...], answers: dict[str, Any]) -> None:
        goals = answers.get("goals") or flag_goals
        if len(value) > len(goals):
            raise InputError(f"give at most {len(goals)} number{'s' if len(goals) != 1 else ''}, one per activity")
    return check


def confirm_dropped(old: Assessment, new: Assessment, interactive: bool) -> None:
    """`--replace` names the fields it drops, and asks on a terminal."""
    from paintrack.domain.recording import dropped_fields

    dropped = [n for n in dropped_fields(old, new) if n not in ("kind", "date")]
    if not dropped:
        return
    names = ", ".join(n.replace("_", "-") for n in dropped)
    if interactive:
        interview.confirm_or_stop(f"Replacing the update of {old.date} drops: {names}. Replace it?")
        return
    import sys

    print(f"note: --replace drops the earlier entry's {names} (kept in the history; `paintrack undo` "
          "brings it back)", file=sys.stderr)
