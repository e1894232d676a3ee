"""Records ↔ the journal's JSON form, without pydantic.

`to_data` writes the canonical form (fields in record order, absent values left out); `from_data`
builds the records from it. Every read builds its records here — after the pydantic schema
(`schema.py`) has validated the bytes, or, on the sealed fast path, after `check_ranges` — so
both paths hand out the same records. `migrate` brings an older journal's data to this form.

The file (`encode`): the records as indented JSON, then, last, `"history"` with one change per
line. The history is most of a long-kept journal and grows with every change, so it is read
lazily (`from_stored`: each line decoded when first used, `domain.history.History`) and each
stored line is written back as it was: a write encodes and validates the records and only the
new history entries, whatever the length of the history.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from paintrack.domain import measures, redflags
from paintrack.domain.aspects import ASPECT_IDS
from paintrack.domain.history import History
from paintrack.domain.records import (
    NOT_ASKED,
    AspectsReflection,
    Assessment,
    Change,
    ClinicianReview,
    DiaryEntry,
    EvidenceEntry,
    HistoryEntry,
    Journal,
    Plan,
    PlanItem,
    RedFlagScreen,
    Settings,
)

SCHEMA_VERSION = 2

# --- records → data ----------------------------------------------------------------------


def _screen_data(s: RedFlagScreen) -> dict[str, Any]:
    return {"how": s.how, "answers": dict(s.answers)}


def assessment_data(a: Assessment) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": a.kind, "date": a.date.isoformat(), "nrs": a.nrs}
    for name in _ASSESSMENT_NUMBERS:
        value = getattr(a, name)
        if value is not None:
            out[name] = value
    if a.red_flag_screen != NOT_ASKED:
        out["red_flag_screen"] = _screen_data(a.red_flag_screen)
    for name in ("phq9", "gad7"):
        value = getattr(a, name)
        if value is not None:
            out[name] = list(value)
    for name in ("goal_ability", "side_effects"):
        value = getattr(a, name)
        if value:
            out[name] = list(value)
    if a.pgic is not None:
        out["pgic"] = a.pgic
    if a.note is not None:
        out["note"] = a.note
    if a.duration_months is not None:
        out["duration_months"] = a.duration_months
    if a.locations:
        out["locations"] = list(a.locations)
    if a.goals:
        out["goals"] = list(a.goals)
    return out


_ASSESSMENT_NUMBERS = (
    "worst", "least", "now", "activity_interference", "mood_interference", "walking_interference",
    "work_interference", "relations_interference", "sleep_interference", "enjoyment_interference",
    "walk_m", "opioid_mme", "sleep_hours", "exercise_sessions", "mindfulness_min",
)


def _omit_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def diary_data(e: DiaryEntry) -> dict[str, Any]:
    return _omit_none({
        "date": e.date.isoformat(), "pain": e.pain, "sleep_hours": e.sleep_hours, "mood": e.mood,
        "stress": e.stress, "activity_min": e.activity_min, "note": e.note,
    })


def evidence_data(e: EvidenceEntry) -> dict[str, Any]:
    return {"number": e.number, "date": e.date.isoformat(), "category": e.category, "text": e.text}


def aspects_data(r: AspectsReflection) -> dict[str, Any]:
    out: dict[str, Any] = {"date": r.date.isoformat()}
    if r.ratings:
        out["ratings"] = dict(r.ratings)
    if r.notes:
        out["notes"] = dict(r.notes)
    return out


def plan_data(p: Plan) -> dict[str, Any]:
    return {
        "start": p.start.isoformat(),
        "exercise_start_min": p.exercise_start_min,
        "modalities": [
            {"id": m.id, "start": m.start.isoformat(), **({"clinician_advised": True} if m.clinician_advised else {})}
            for m in p.modalities
        ],
    }


def review_data(r: ClinicianReview) -> dict[str, Any]:
    out: dict[str, Any] = {"number": r.number, "date": r.date.isoformat()}
    if r.flags:
        out["flags"] = list(r.flags)
    if r.short_duration:
        out["short_duration"] = True
    if r.note is not None:
        out["note"] = r.note
    return out


def settings_data(s: Settings) -> dict[str, Any]:
    return _omit_none({"patient_name": s.patient_name, "patient_id": s.patient_id})


_RECORD_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "baseline": assessment_data, "updates": assessment_data, "diary": diary_data,
    "evidence": evidence_data, "aspects": aspects_data, "plan": plan_data, "reviews": review_data,
    "settings": settings_data,
}


def change_data(c: Change) -> dict[str, Any]:
    encode = _RECORD_DATA[c.collection]
    return {
        "collection": c.collection,
        "key": c.key,
        "before": None if c.before is None else encode(c.before),
        "after": None if c.after is None else encode(c.after),
    }


def history_data(h: HistoryEntry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": h.number,
        "time": h.time.isoformat(timespec="seconds"),
        "command": h.command,
        "changes": [change_data(c) for c in h.changes],
    }
    if h.undoes is not None:
        out["undoes"] = h.undoes
    if h.migration:
        out["migration"] = True
    return out


def to_data(j: Journal, with_history: bool = True) -> dict[str, Any]:
    """The journal as it is written (schema version 2)."""
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    if j.journal_id is not None:
        out["journal_id"] = j.journal_id
    settings = settings_data(j.settings)
    if settings:
        out["settings"] = settings
    if j.baseline is not None:
        out["baseline"] = assessment_data(j.baseline)
    out["updates"] = [assessment_data(a) for a in j.updates]
    if j.plan is not None:
        out["plan"] = plan_data(j.plan)
    out["diary"] = [diary_data(e) for e in j.diary]
    out["evidence"] = [evidence_data(e) for e in j.evidence]
    out["aspects"] = [aspects_data(r) for r in j.aspects]
    out["reviews"] = [review_data(r) for r in j.reviews]
    if with_history:
        out["history"] = [history_data(h) for h in j.history]
    return out


#: How the history starts in the file, and how its lines are joined (raw newlines only ever
#: separate JSON tokens: a string holds `\n` escaped, so these cannot occur inside a value).
HISTORY_KEY = b'\n "history": ['
_SEPARATOR = b",\n  "
_END = b"\n ]\n}\n"


def history_line(h: HistoryEntry) -> bytes:
    return json.dumps(history_data(h), ensure_ascii=False).encode("utf-8")


def _lines(history: Sequence[HistoryEntry]) -> list[bytes]:
    stored = history.stored_text if isinstance(history, History) else (lambda i: None)
    return [stored(i) or history_line(history[i]) for i in range(len(history))]


def _file(head: bytes, lines: Sequence[bytes]) -> bytes:
    body = b"]\n}\n" if not lines else b"\n  " + _SEPARATOR.join(lines) + _END
    return head + HISTORY_KEY + body


def _head(j: Journal) -> bytes:
    text = json.dumps(to_data(j, with_history=False), ensure_ascii=False, indent=1)
    return text[:-2].encode("utf-8") + b","  # without the closing "\n}"


def encode(j: Journal) -> bytes:
    """The journal's file: its records indented, its history one change per line."""
    return _file(_head(j), _lines(j.history))


def new_entries(history: Sequence[HistoryEntry]) -> int:
    """How many entries at the end of `history` are new (not read from the file); -1 when a
    new entry comes before a stored one (then the whole history counts as new)."""
    if not isinstance(history, History):
        return len(history)
    stored = [history.stored_text(i) is not None for i in range(len(history))]
    first_new = stored.index(False) if False in stored else len(stored)
    return -1 if any(stored[first_new:]) else len(stored) - first_new


def encode_for_check(j: Journal) -> tuple[bytes, bytes, int]:
    """(the file, the part of it to validate, how many history entries that part holds): the
    records and the new entries. The stored entries are written back byte for byte, as they
    were validated when read."""
    head, lines = _head(j), _lines(j.history)
    data = _file(head, lines)
    new = new_entries(j.history)
    if new < 0:
        return data, data, len(lines)
    return data, _file(head, lines[len(lines) - new:]), new


def _decode_line(text: bytes) -> HistoryEntry:
    """One stored history entry, its records' ranges checked as the sealed reader checks the
    journal's (a lazy entry is checked when it is first used)."""
    try:
        entry = history(json.loads(text))
        for c in entry.changes:
            _check_change(c)
        return entry
    except OutOfRange as e:
        from paintrack.errors import PaintrackError

        raise PaintrackError(f"a change in the journal's history is not valid ({e})",
                             hint="`paintrack doctor` checks the journal and its backups") from None
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        from paintrack.errors import PaintrackError

        raise PaintrackError(f"a change in the journal's history cannot be read ({type(e).__name__})",
                             hint="`paintrack doctor` checks the journal and its backups") from None


def from_stored(raw: bytes) -> Journal:
    """A journal in paintrack's own form (`encode`), its history left in its stored form;
    ValueError when `raw` is not in that form."""
    at = raw.find(HISTORY_KEY)
    if at < 0:
        raise ValueError("no history where paintrack writes it")
    rest = raw[at + len(HISTORY_KEY):]
    if rest == b"]\n}\n":
        lines: list[bytes] = []
    elif rest.startswith(b"\n  ") and rest.endswith(_END):
        lines = rest[3:-len(_END)].split(_SEPARATOR)
    else:
        raise ValueError("the history is not in the form paintrack writes")
    if raw[at - 1:at] != b",":
        raise ValueError("the history is not in the form paintrack writes")
    journal = from_data(json.loads(raw[:at - 1] + b"\n}"))
    return replace(journal, history=History.stored(lines, _decode_line))


# --- data → records ----------------------------------------------------------------------


def _date(text: str) -> date:
    if len(text) != 10 or text[4] != "-" or text[7] != "-":  # YYYY-MM-DD only, as the schema reads
        raise ValueError("not a date")
    return date.fromisoformat(text)


def _screen(data: dict[str, Any] | None) -> RedFlagScreen:
    if data is None:
        return NOT_ASKED
    return RedFlagScreen(data["how"], tuple((k, v) for k, v in data.get("answers", {}).items()))


def _tuple_or_none(values: list | None) -> tuple | None:
    return None if values is None else tuple(values)


def assessment(d: dict[str, Any]) -> Assessment:
    g = d.get
    return Assessment(
        kind=d["kind"], date=_date(d["date"]), nrs=d["nrs"],
        worst=g("worst"), least=g("least"), now=g("now"),
        activity_interference=g("activity_interference"), mood_interference=g("mood_interference"),
        walking_interference=g("walking_interference"), work_interference=g("work_interference"),
        relations_interference=g("relations_interference"), sleep_interference=g("sleep_interference"),
        enjoyment_interference=g("enjoyment_interference"),
        walk_m=_float(g("walk_m")), opioid_mme=_float(g("opioid_mme")), sleep_hours=_float(g("sleep_hours")),
        exercise_sessions=g("exercise_sessions"), mindfulness_min=g("mindfulness_min"),
        red_flag_screen=_screen(g("red_flag_screen")),
        phq9=_tuple_or_none(g("phq9")), gad7=_tuple_or_none(g("gad7")),
        goal_ability=tuple(g("goal_ability", ())), side_effects=tuple(g("side_effects", ())),
        pgic=g("pgic"), note=g("note"), duration_months=g("duration_months"),
        locations=tuple(g("locations", ())), goals=tuple(g("goals", ())),
    )


def _float(value: Any) -> float | None:
    if value is None:
        return None
    if type(value) is not float and type(value) is not int:  # `true` is not a number
        raise ValueError("not a number")
    return float(value)


def diary(d: dict[str, Any]) -> DiaryEntry:
    g = d.get
    return DiaryEntry(_date(d["date"]), d["pain"], _float(g("sleep_hours")), g("mood"), g("stress"),
                      g("activity_min"), g("note"))


def evidence(d: dict[str, Any]) -> EvidenceEntry:
    return EvidenceEntry(d["number"], _date(d["date"]), d["category"], d["text"])


def aspects(d: dict[str, Any]) -> AspectsReflection:
    return AspectsReflection(_date(d["date"]), tuple(d.get("ratings", {}).items()), tuple(d.get("notes", {}).items()))


def plan(d: dict[str, Any]) -> Plan:
    return Plan(
        _date(d["start"]), d.get("exercise_start_min", 10),
        tuple(PlanItem(m["id"], _date(m["start"]), m.get("clinician_advised", False)) for m in d.get("modalities", ())),
    )


def review(d: dict[str, Any]) -> ClinicianReview:
    return ClinicianReview(d["number"], _date(d["date"]), tuple(d.get("flags", ())), d.get("short_duration", False),
                           d.get("note"))


def settings(d: dict[str, Any] | None) -> Settings:
    return Settings() if not d else Settings(d.get("patient_name"), d.get("patient_id"))


_RECORD: dict[str, Callable[[Any], Any]] = {
    "baseline": assessment, "updates": assessment, "diary": diary, "evidence": evidence,
    "aspects": aspects, "plan": plan, "reviews": review, "settings": settings,
}


def change(d: dict[str, Any]) -> Change:
    decode = _RECORD[d["collection"]]
    before, after = d.get("before"), d.get("after")
    return Change(d["collection"], d.get("key"), None if before is None else decode(before),
                  None if after is None else decode(after))


def history(d: dict[str, Any]) -> HistoryEntry:
    return HistoryEntry(d["number"], datetime.fromisoformat(d["time"]), d["command"],
                        tuple(change(c) for c in d.get("changes", ())), d.get("undoes"), d.get("migration", False))


def from_data(d: dict[str, Any], migrated_from: int | None = None) -> Journal:
    """Records from the journal's data (validated, or sealed and range-checked)."""
    baseline = d.get("baseline")
    p = d.get("plan")
    return Journal(
        journal_id=d.get("journal_id"),
        baseline=None if baseline is None else assessment(baseline),
        updates=tuple(sorted((assessment(a) for a in d.get("updates", ())), key=lambda a: a.date)),
        plan=None if p is None else plan(p),
        diary=tuple(sorted((diary(e) for e in d.get("diary", ())), key=lambda e: e.date)),
        evidence=tuple(sorted((evidence(e) for e in d.get("evidence", ())), key=lambda e: e.number)),
        aspects=tuple(sorted((aspects(r) for r in d.get("aspects", ())), key=lambda r: r.date)),
        reviews=tuple(sorted((review(r) for r in d.get("reviews", ())), key=lambda r: r.number)),
        settings=settings(d.get("settings")),
        history=tuple(history(h) for h in d.get("history", ())),
        migrated_from=migrated_from,
    )


# --- the sealed path's range check ---------------------------------------------------------


class OutOfRange(ValueError):
    pass


_NUMBER = (1, 10_000_000)
_EXERCISE_START_MIN = (1, 600)  # the schema's range (`plan` asks 1-120)
_FIRST, _LAST = measures.FIRST_DATE, measures.LAST_DATE
_RED_FLAGS = frozenset(redflags.NAMES)
_SIDE_EFFECTS = frozenset(measures.SIDE_EFFECTS)
_ASPECTS = frozenset(ASPECT_IDS)
_SCREEN_HOWS = frozenset(("terminal", "flags", "not_asked"))
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # as schema.Uuid
_SETTINGS = {"patient_id": re.compile(r"[A-Za-z0-9\-.]{1,64}"), "patient_name": re.compile(r".{1,200}", re.DOTALL)}
_COLLECTIONS = frozenset(("baseline", "updates", "diary", "evidence", "aspects", "plan", "reviews", "settings"))


def _limits(ms: tuple[measures.Measure, ...]) -> tuple[tuple[str, bool, float, float], ...]:
    return tuple((m.name, m.integer, m.low, m.high) for m in ms)


# Checked on every sealed read: plain loops over (name, whole, low, high), no call per value, and
# the field's place only spelled out when something is wrong (a 10-year journal: ~1 ms).
_ASSESSMENT_LIMITS = _limits(tuple(m for m in measures.BY_NAME.values()))
_DIARY_LIMITS = _limits(measures.DIARY)


def _numbers(record: Any, limits: tuple[tuple[str, bool, float, float], ...]) -> None:
    for name, whole, low, high in limits:
        v = getattr(record, name)
        if v is None:
            continue
        if (type(v) is not int) if whole else (type(v) is not float):  # `true` is not a number
            raise OutOfRange(name)
        if not low <= v <= high:  # also refuses nan
            raise OutOfRange(name)


def _text(value: Any, field: str) -> None:
    if value is not None and (type(value) is not str or not 0 < len(value) <= measures.MAX_TEXT):
        raise OutOfRange(field)


def _answers(values: tuple | None, length: int, high: int, field: str, exact: bool = True) -> None:
    """Answers to an instrument's items: `length` of them (at most, unless `exact`), each a
    whole number from 0 to `high` or unanswered."""
    if values is None:
        return
    if len(values) > length or (exact and len(values) != length):
        raise OutOfRange(field)
    for i, v in enumerate(values):
        if v is not None and (type(v) is not int or not 0 <= v <= high):
            raise OutOfRange(f"{field}.{i}")


def _check_assessment(a: Assessment) -> None:
    if a.kind not in ("baseline", "update"):
        raise OutOfRange("kind")
    if not _FIRST <= a.date <= _LAST:
        raise OutOfRange("date")
    if a.nrs is None:
        raise OutOfRange("nrs")
    _numbers(a, _ASSESSMENT_LIMITS)
    s = a.red_flag_screen
    if s.how not in _SCREEN_HOWS or any(k not in _RED_FLAGS or type(v) is not bool for k, v in s.answers):
        raise OutOfRange("red_flag_screen")
    if a.phq9 is not None:
        _answers(a.phq9, 9, 3, "phq9")
    if a.gad7 is not None:
        _answers(a.gad7, 7, 3, "gad7")
    if a.goal_ability:
        _answers(a.goal_ability, measures.MAX_GOALS, 10, "goal_ability", exact=False)
    for e in a.side_effects:
        if e not in _SIDE_EFFECTS:
            raise OutOfRange("side_effects")
    if a.note is not None:
        _text(a.note, "note")
    for text in a.locations:
        _text(text, "locations")
    for text in a.goals:
        _text(text, "goals")


def _check_diary(e: DiaryEntry) -> None:
    if not _FIRST <= e.date <= _LAST:
        raise OutOfRange("date")
    if e.pain is None:
        raise OutOfRange("pain")
    _numbers(e, _DIARY_LIMITS)
    if e.note is not None:
        _text(e.note, "note")


def _whole(value: Any, low: int, high: int, field: str) -> None:
    if type(value) is not int or not low <= value <= high:
        raise OutOfRange(field)


def _dated(day: date) -> None:
    if not _FIRST <= day <= _LAST:
        raise OutOfRange("date")


def _check_evidence(e: EvidenceEntry) -> None:
    _whole(e.number, *_NUMBER, "number")
    _dated(e.date)
    _text(e.text, "text")
    _text(e.category, "category")


def _check_aspects(r: AspectsReflection) -> None:
    _dated(r.date)
    for aspect, rating in r.ratings:
        if aspect not in _ASPECTS:
            raise OutOfRange("ratings")
        _whole(rating, 0, 10, f"ratings.{aspect}")
    for aspect, note in r.notes:
        if aspect not in _ASPECTS:
            raise OutOfRange("notes")
        _text(note, f"notes.{aspect}")


def _check_plan(p: Plan) -> None:
    if not _FIRST <= p.start <= _LAST:
        raise OutOfRange("start")
    _whole(p.exercise_start_min, *_EXERCISE_START_MIN, "exercise_start_min")
    for i, item in enumerate(p.modalities):
        if not _FIRST <= item.start <= _LAST:
            raise OutOfRange(f"modalities.{i}.start")


def _check_review(r: ClinicianReview) -> None:
    _whole(r.number, *_NUMBER, "number")
    _dated(r.date)
    if any(f not in _RED_FLAGS for f in r.flags):
        raise OutOfRange("flags")
    _text(r.note, "note")


def _check_settings(s: Settings) -> None:
    for name in ("patient_id", "patient_name"):
        value = getattr(s, name)
        if value is not None and (type(value) is not str or not _SETTINGS[name].fullmatch(value)):
            raise OutOfRange(name)


_CHECKS: dict[str, Callable[[Any], None]] = {
    "baseline": _check_assessment, "updates": _check_assessment, "diary": _check_diary,
    "evidence": _check_evidence, "aspects": _check_aspects, "plan": _check_plan, "reviews": _check_review,
    "settings": _check_settings,
}


def _within(where: str, check: Callable[[Any], None], record: Any) -> None:
    try:
        check(record)
    except OutOfRange as e:
        raise OutOfRange(f"{where}.{e}") from None


def check_ranges(j: Journal) -> None:
    """The schema's ranges and types, checked on records the sealed path built, the history's
    included (a seal can only be stale or forged in ways this catches: the schema's checks of
    the JSON's shape ran when paintrack sealed the bytes). OutOfRange names the field
    ('updates.3.pgic'), never the value."""
    if j.journal_id is not None and (type(j.journal_id) is not str or not _UUID.fullmatch(j.journal_id)):
        raise OutOfRange("journal_id")
    _within("settings", _check_settings, j.settings)
    if j.baseline is not None:
        _within("baseline", _check_assessment, j.baseline)
    if j.plan is not None:
        _within("plan", _check_plan, j.plan)
    for name in ("updates", "diary", "evidence", "aspects", "reviews"):
        check = _CHECKS[name]
        records = getattr(j, name)
        try:
            for record in records:
                check(record)
        except OutOfRange:
            for i, record in enumerate(records):  # find which one, to name it
                _within(f"{name}.{i}", check, record)
            raise
    if isinstance(j.history, History) and j.history.lazy:
        return  # each stored entry is checked as it is decoded (`_decode_line`)
    try:
        for h in j.history:
            for c in h.changes:
                _check_change(c)
    except OutOfRange:
        for i, h in enumerate(j.history):
            for k, c in enumerate(h.changes):
                _within(f"history.{i}.changes.{k}", _check_change, c)
        raise


def _check_change(c: Change) -> None:
    if c.collection not in _COLLECTIONS or (c.key is not None and (type(c.key) is not str or not 0 < len(c.key) <= 32)):
        raise OutOfRange("key")
    check = _CHECKS[c.collection]
    if c.before is not None:
        check(c.before)
    if c.after is not None:
        check(c.after)


# --- migration ------------------------------------------------------------------------------

_V1_INTERFERENCE = {
    "activity": "activity_interference", "mood": "mood_interference", "walking": "walking_interference",
    "work": "work_interference", "relations": "relations_interference", "sleep": "sleep_interference",
    "enjoyment": "enjoyment_interference",
}


def _v1_assessment(a: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in a.items():
        if key == "red_flags":
            if value:
                out["red_flag_screen"] = {"how": "flags", "answers": {name: True for name in value}}
            continue
        out[_V1_INTERFERENCE.get(key, key)] = value
    return out


def migrate_v1(data: dict[str, Any], now: datetime) -> dict[str, Any]:
    """A version-1 journal (validated by the v1 schema) in the version-2 form, nothing lost.

    Interference items are renamed; red flags become a screen answered by flags (version 1 did
    not record the "no" answers); evidence entries are numbered in file order; a plan starts on
    its earliest modality's start (a hand-edited version-1 plan could say otherwise), and a plan
    of no modality, which holds nothing entered, is no plan; each baseline
    that `baseline --force` replaced becomes a history entry (the time it happened was not kept:
    the migration's time stands in). No journal_id yet: it is made when the migration is written.
    """
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    baselines = [_v1_assessment(b) for b in data.get("baseline_history", ())]
    if data.get("baseline") is not None:
        out["baseline"] = _v1_assessment(data["baseline"])
    out["updates"] = [_v1_assessment(u) for u in data.get("updates", ())]
    plan = data.get("plan")
    if plan is not None and plan.get("modalities"):  # version 1 allowed a plan of no modality
        starts = [m["start"] for m in plan["modalities"]]
        out["plan"] = {**plan, "start": min(starts)}  # version 2: the plan starts with its first one
    out["diary"] = list(data.get("diary", ()))
    out["evidence"] = [{"number": i, **e} for i, e in enumerate(data.get("evidence", ()), 1)]
    by_day: dict[str, dict[str, Any]] = {}
    for r in data.get("aspects", ()):
        by_day[r["date"]] = r  # version 1 allowed two on a day: the later one is kept here…
    out["aspects"] = sorted(by_day.values(), key=lambda r: r["date"])
    history: list[dict[str, Any]] = []
    chain = [*baselines, out.get("baseline")]
    for n, (old, new) in enumerate(zip(chain, chain[1:]), 1):
        history.append({
            "number": n, "time": now.isoformat(timespec="seconds"),
            "command": "baseline --force (before version 2 kept the time)",
            "changes": [{"collection": "baseline", "key": None, "before": old, "after": new}],
        })
    dropped = [r for r in data.get("aspects", ()) if by_day[r["date"]] is not r]
    if dropped:  # …and the earlier ones go to the history, never lost
        history.append({
            "number": len(history) + 1, "time": now.isoformat(timespec="seconds"),
            "command": "migration: one four-aspect reflection a day",
            "changes": [{"collection": "aspects", "key": r["date"], "before": r, "after": None} for r in dropped],
        })
    out["reviews"] = []
    out["history"] = history
    return out
