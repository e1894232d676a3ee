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
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from paintrack.domain import measures
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
    try:
        return history(json.loads(text))
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
    return None if value is None else float(value)


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


def _within(value: float | None, m: measures.Measure, where: str) -> None:
    if value is not None and not m.contains(value):
        raise OutOfRange(f"{where}.{m.name}")


def _dated(day: date, where: str) -> None:
    if not measures.FIRST_DATE <= day <= measures.LAST_DATE:
        raise OutOfRange(f"{where}.date")


def check_ranges(j: Journal) -> None:
    """The schema's ranges, checked on records the sealed path built (a seal can only be stale
    in ways this catches: the schema's checks of types ran when the journal was sealed)."""
    for i, a in enumerate(j.assessments()):
        where = f"assessments.{i}"
        _dated(a.date, where)
        for m in measures.BY_NAME.values():
            _within(getattr(a, m.name), m, where)
    for i, e in enumerate(j.diary):
        _dated(e.date, f"diary.{i}")
        for m in measures.DIARY:
            _within(getattr(e, m.name), m, f"diary.{i}")


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
    not record the "no" answers); evidence entries are numbered in file order; each baseline
    that `baseline --force` replaced becomes a history entry (the time it happened was not kept:
    the migration's time stands in). No journal_id yet: it is made when the migration is written.
    """
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    baselines = [_v1_assessment(b) for b in data.get("baseline_history", ())]
    if data.get("baseline") is not None:
        out["baseline"] = _v1_assessment(data["baseline"])
    out["updates"] = [_v1_assessment(u) for u in data.get("updates", ())]
    if data.get("plan") is not None:
        out["plan"] = data["plan"]
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
