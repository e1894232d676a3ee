"""The red-flag screen, which flags are active, and the plan gate.

Emergency flags (possible cauda equina syndrome or spinal cord compression) need urgent care
now; prompt flags (possible infection, cancer, fracture) need a doctor within days. A flag is
active from the assessment that reported it until a later screen answers it no, or a clinician's
assessment (`paintrack flags --assessed`) is recorded on or after that assessment's date. While
a flag is active, or the pain has lasted under three months, adding therapies to the plan is
refused until a clinician has assessed them. Pure functions over records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from paintrack.domain.records import Assessment, ClinicianReview, Journal
from paintrack.errors import PaintrackError

Tier = Literal["emergency", "prompt"]


@dataclass(frozen=True, slots=True)
class RedFlag:
    """One red-flag question of the screen, with its tier (emergency or prompt)."""
    name: str
    tier: Tier
    question: str  # asked as "In the last few weeks, have you had …?"
    description: str  # in reports


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag("sudden-weakness", "emergency", "new or worsening weakness in an arm or a leg",
            "new or worsening weakness in an arm or leg"),
    RedFlag("saddle-numbness", "emergency", "numbness around the groin, buttocks or genitals",
            "numbness around the groin, buttocks or genitals"),
    RedFlag("bladder-bowel-control", "emergency",
            "new loss of control of your bladder or bowels, or difficulty passing urine",
            "new loss of bladder or bowel control, or difficulty passing urine"),
    RedFlag("fever", "prompt", "a fever, or feeling very unwell, together with the pain",
            "fever or feeling very unwell with the pain"),
    RedFlag("unexplained-weight-loss", "prompt", "weight loss you cannot explain",
            "unexplained weight loss"),
    RedFlag("cancer-history", "prompt", "cancer now or in the past", "a history of cancer"),
    RedFlag("infection-risk", "prompt",
            "a higher risk of infection: injecting drugs, a weakened immune system, or a recent serious infection",
            "a raised risk of infection (injecting drugs, weakened immune system, recent serious infection)"),
    RedFlag("major-trauma", "prompt", "a serious fall or accident, or osteoporosis",
            "a serious fall or accident, or osteoporosis"),
    RedFlag("night-pain", "prompt", "severe pain at night that rest does not ease",
            "severe pain at night not eased by rest"),
)
BY_NAME = {f.name: f for f in RED_FLAGS}
NAMES = tuple(BY_NAME)

ADVICE: dict[Tier, str] = {
    "emergency": (
        "Seek urgent medical care now: go to an emergency department or call your local emergency "
        "number. Do not wait for your next appointment."
    ),
    "prompt": (
        "See a doctor within the next few days about this, and before you start new therapies."
    ),
}
CHRONIC_MONTHS = 3


def is_chronic(duration_months: int | None) -> bool | None:
    """Pain lasting three months or more counts as chronic; None when the duration is unknown."""
    return None if duration_months is None else duration_months >= CHRONIC_MONTHS


@dataclass(frozen=True, slots=True)
class FlagStatus:
    """One flag that some assessment reported: active, or how it stopped being active."""

    name: str
    tier: Tier
    reported: date  # the latest assessment that answered it yes
    state: Literal["active", "assessed", "cleared"]
    since: date | None = None  # assessed or cleared on
    note: str | None = None  # assessed: the note recorded with the clinician's assessment


def _events(journal: Journal) -> list[tuple[date, int, Assessment | ClinicianReview]]:
    # Same day: the assessment first, then a clinician's review of it.
    events: list[tuple[date, int, Assessment | ClinicianReview]] = [
        (a.date, 0, a) for a in journal.assessments()
    ]
    events += [(r.date, 1, r) for r in journal.reviews]
    events.sort(key=lambda e: (e[0], e[1]))
    return events


def flag_statuses(journal: Journal) -> list[FlagStatus]:
    """Every flag ever reported, in the screen's order, with its state now."""
    state: dict[str, FlagStatus] = {}
    for day, _, event in _events(journal):
        if isinstance(event, ClinicianReview):
            for name in event.flags:
                s = state.get(name)
                if s is not None and s.state == "active":
                    state[name] = FlagStatus(name, s.tier, s.reported, "assessed", day, event.note)
            continue
        for name, yes in event.red_flag_screen.answers:
            flag = BY_NAME.get(name)
            if flag is None:
                continue
            if yes:
                state[name] = FlagStatus(name, flag.tier, day, "active")
            elif name in state and state[name].state == "active":
                s = state[name]
                state[name] = FlagStatus(name, s.tier, s.reported, "cleared", day)
    return [state[f.name] for f in RED_FLAGS if f.name in state]


def active_flags(journal: Journal) -> list[FlagStatus]:
    """The active flags, emergency ones first."""
    active = [s for s in flag_statuses(journal) if s.state == "active"]
    return sorted(active, key=lambda s: s.tier != "emergency")


def short_duration_unassessed(journal: Journal) -> int | None:
    """The baseline's duration in months when it is under three months and no clinician's
    assessment of it is recorded; None otherwise."""
    b = journal.baseline
    if b is None or is_chronic(b.duration_months) is not False:
        return None
    if any(r.short_duration and r.date >= b.date for r in journal.reviews):
        return None
    return b.duration_months


@dataclass(frozen=True, slots=True)
class Gate:
    """Why `plan --add` is refused now (empty: it is open)."""

    flags: tuple[FlagStatus, ...] = ()
    short_duration_months: int | None = None

    @property
    def closed(self) -> bool:
        return bool(self.flags) or self.short_duration_months is not None


def plan_gate(journal: Journal) -> Gate:
    return Gate(tuple(active_flags(journal)), short_duration_unassessed(journal))


def describe(names: tuple[str, ...] | list[str]) -> str:
    return "; ".join(BY_NAME[n].description if n in BY_NAME else n for n in names)


def vanished(before: Journal, after: Journal) -> list[FlagStatus]:
    """The flags active in `before` that a change to `after` would make disappear.

    A flag active before must, after, still be active, or be answered no by a later screen or by
    the reporting entry itself (a mistaken yes corrected), or be assessed by a clinician on or
    after the date that reported it. Anything else (the reporting assessment deleted, replaced or re-entered
    without a screen, its screen cleared, an undo of it) would let a red flag go quiet without
    an answer: those flags are returned, in the screen's order."""
    gone: list[FlagStatus] = []
    now = {s.name: s for s in flag_statuses(after)}
    for s in flag_statuses(before):
        if s.state != "active":
            continue
        later = now.get(s.name)
        if later is not None and (later.state == "active" or (later.since is not None and later.since >= s.reported)):
            continue
        # a "no" counts when it is later than the report, or is the reporting entry itself corrected
        # (another entry of the same day, such as a baseline, may have said no before the yes)
        reporting = {(a.kind, a.date) for a in before.assessments()
                     if a.date == s.reported and a.red_flag_screen.answer(s.name) is True}
        if any(a.red_flag_screen.answer(s.name) is False
               and (a.date > s.reported or (a.date == s.reported and (a.kind, a.date) in reporting))
               for a in after.assessments()):
            continue
        if any(r.date >= s.reported and s.name in r.flags for r in after.reviews):
            continue
        gone.append(s)
    return gone


def require_kept(before: Journal, after: Journal) -> None:
    """Refuse (PaintrackError, exit 1) a change that would make an active red flag disappear
    (see `vanished`): one line naming the flags, a hint saying how a flag stops being active."""
    gone = vanished(before, after)
    if not gone:
        return
    names = ", ".join(s.name for s in gone)
    flags = f"the active red flag {names}" if len(gone) == 1 else f"the active red flags {names}"
    raise PaintrackError(
        f"not changed: {flags} would disappear; a flag stays active until a screen answers it no "
        "or a clinician's assessment is recorded",
        hint="answer the red-flag screen again (--red-flag NAME keeps a flag; --no-red-flags, in this "
             "entry or a new update, corrects a mistaken yes; to swap a mistaken flag for another, "
             "--no-red-flags first, then --red-flag NAME), or record a clinician's assessment with "
             "`paintrack flags --assessed`; nothing was changed",
    )
