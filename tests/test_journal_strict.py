"""Strict loading (contract v2, "The journal"): `true` is not a number, `0` is not a date, an
unknown field, a value out of its range or a duplicate key is an error — exit 1, one line naming
the file and the field (never the value), the `paintrack doctor --restore-backup` hint, and the
file byte-for-byte untouched — from every command, with or without a seal beside the file.
No date anywhere (in the journal or typed) crashes a command.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import BASELINE_ARGS, Paintrack

from paintrack.storage.seal import journal_seal
from paintrack.storage.store import Store

#: Every command that reads the journal; the writers among them are refused before writing.
COMMANDS = [
    ("report", "--format", "json"),
    ("report",),
    ("list",),
    ("history",),
    ("plan",),
    ("evidence",),
    ("log", "3", "--no-input"),
    ("edit", "log", "2026-11-20", "--pain", "2", "--no-input"),
    ("delete", "log", "2026-11-20", "--yes"),
    ("undo", "--yes"),
    ("update", "--no-input", "--nrs", "4"),
    ("evidence", "add", "worse when stressed"),
]


def build(paintrack) -> dict:
    """A journal with every kind of record (made by the commands), as JSON data."""
    for args in (
        (*BASELINE_ARGS[:-1], "--red-flag", "fever", "--goal", "walk to the shop", "--goal-ability", "3",
         "--phq9", "1,1,1,1,1,1,1,1,0", "--gad7", "1,1,1,1,1,1,1", "--opioid-mme", "20"),
        ("flags", "--assessed", "--date", "2026-01-06"),
        ("update", "--no-input", "--nrs", "5", "--date", "2026-02-02", "--pgic", "3", "--phq9", "1,1,1,1,1,1,1,1,0",
         "--gad7", "0,0,0,0,0,0,0", "--goal-ability", "5", "--side-effect", "nausea", "--no-red-flags"),
        ("log", "4", "--date", "2026-11-20", "--mood", "6", "--sleep-hours", "7.5", "--no-input"),
        ("evidence", "add", "eased on holiday", "--category", "triggers"),
        ("plan", "--add", "cbt", "--start", "2026-01-05"),
    ):
        result = paintrack(*args)
        assert result.code == 0, (args, result.text)
    data = paintrack.data()
    data["aspects"] = [{"date": "2026-03-01", "ratings": {"cognitive": 5}, "notes": {"emotional": "tense"}}]
    return data


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict:
    return build(Paintrack(tmp_path_factory.mktemp("made") / "journal.json"))


@pytest.fixture
def good(paintrack, made):
    paintrack.journal.parent.mkdir(mode=0o700, parents=True)
    write(paintrack.journal, made, seal=True)  # valid: the seal paintrack would write
    paintrack.journal.with_name("journal.json.lock").touch(mode=0o600)
    return paintrack, made


def write(path: Path, data: dict | bytes, seal: bool = False) -> bytes:
    raw = data if isinstance(data, bytes) else json.dumps(data, indent=1, ensure_ascii=False).encode()
    path.write_bytes(raw)
    path.chmod(0o600)
    seal_path = path.with_name(path.name + ".seal")
    if seal:  # a seal that matches the bytes: forged by hand (paintrack seals only what it validated)
        seal_path.write_text(journal_seal(raw) + "\n")
    elif seal_path.exists():
        seal_path.unlink()
    return raw


def _set(data: dict, path: str, value) -> dict:
    data = json.loads(json.dumps(data))
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


# (where, the bad value, what the error names)
BAD_VALUES = {
    "nrs-true": ("baseline.nrs", True, "baseline.nrs"),
    "date-zero": ("updates.0.date", 0, "updates.0.date"),
    "date-9999": ("diary.0.date", "9999-12-31", "diary.0.date"),
    "date-1899": ("evidence.0.date", "1899-12-31", "evidence.0.date"),
    "date-not-a-day": ("diary.0.date", "2026-02-30", "diary.0.date"),
    "date-basic-format": ("updates.0.date", "20260202", "updates.0.date"),
    "unknown-field": ("updates.0.mystery", 1, "updates.0.mystery"),
    "unknown-top-level": ("mystery", [], "mystery"),
    "walk-out-of-range": ("baseline.walk_m", 1000.5, "baseline.walk_m"),
    "walk-true": ("baseline.walk_m", True, "baseline.walk_m"),
    "mme-negative": ("baseline.opioid_mme", -0.5, "baseline.opioid_mme"),
    "pgic-8": ("updates.0.pgic", 8, "updates.0.pgic"),
    "pgic-0": ("updates.0.pgic", 0, "updates.0.pgic"),
    "phq9-answer-4": ("baseline.phq9.3", 4, "baseline.phq9.3"),
    "gad7-answer-negative": ("updates.0.gad7.0", -1, "updates.0.gad7.0"),
    "phq9-eight-items": ("baseline.phq9", [1] * 8, "baseline.phq9"),
    "goal-ability-11": ("baseline.goal_ability.0", 11, "baseline.goal_ability.0"),
    "diary-mood-11": ("diary.0.mood", 11, "diary.0.mood"),
    "diary-sleep-string": ("diary.0.sleep_hours", "7.5", "diary.0.sleep_hours"),
    "aspect-rating-11": ("aspects.0.ratings.cognitive", 11, "aspects.0.ratings.cognitive"),
    "evidence-number-0": ("evidence.0.number", 0, "evidence.0.number"),
    "plan-start-minutes-0": ("plan.exercise_start_min", 0, "plan.exercise_start_min"),
    "red-flag-unknown": ("baseline.red_flag_screen.answers.headache", True, "baseline.red_flag_screen.answers"),
    "side-effect-unknown": ("updates.0.side_effects.0", "hiccups", "updates.0.side_effects.0"),
    "review-flag-unknown": ("reviews.0.flags.0", "headache", "reviews.0.flags.0"),
    "history-record-out-of-range": ("history.0.changes.0.after.nrs", 11, "history.0.changes.0"),
    "journal-id-not-a-uuid": ("journal_id", "1234", "journal_id"),
    "note-empty": ("diary.0.note", "", "diary.0.note"),
}


def _check_refused(paintrack, result, field: str, shown: str | None = None) -> None:
    assert result.code == 1, result.text
    assert "Traceback" not in result.text and "internal error" not in result.text
    lines = result.err.splitlines()
    prefix = f"paintrack: error: {paintrack.journal} is not a readable paintrack journal: "
    assert lines[0].startswith(prefix), lines[0]
    assert field in lines[0]
    if shown is not None:
        assert shown not in lines[0][len(prefix):], "the error echoes the value"
    assert len(lines) == 2 and lines[1].startswith("hint: ") and "paintrack doctor --restore-backup" in lines[1]


def _folder(paintrack, seal: bool = True) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(paintrack.journal.parent.iterdir()) if seal or ".seal" not in p.name}


#: The sealed reader checks ranges and types; the JSON's shape (unknown fields, duplicate keys)
#: was checked by the schema when paintrack sealed the bytes, so a seal forged over an unknown
#: field may read the journal without it (nothing the schema rejects is shown; the next write,
#: validated, leaves it out), or refuse it as the full read does.
SHAPE_ONLY = ("unknown-field", "unknown-top-level")
READ_AND_WRITE = (COMMANDS[0], COMMANDS[2], COMMANDS[6])  # report, list, log: every command for three cases


@pytest.mark.parametrize("sealed", [False, True], ids=["unsealed", "forged-seal"])
@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_a_bad_value_is_refused_by_reads_and_writes_naming_the_field_not_the_value(good, case, sealed):
    paintrack, data = good
    where, value, field = BAD_VALUES[case]
    write(paintrack.journal, _set(data, where, value), seal=sealed)
    before = _folder(paintrack)
    shown = json.dumps(value) if not isinstance(value, bool | list) and value not in (0, 1, "") else None
    commands = READ_AND_WRITE
    if sealed and case in SHAPE_ONLY and paintrack(*COMMANDS[0]).code == 0:
        assert paintrack(*COMMANDS[6]).code == 0
        assert field.split(".")[-1] not in paintrack.journal.read_text()
        assert Store(paintrack.journal).parse(paintrack.bytes(), paintrack.journal).diary[-1].pain == 3
        return
    if case in ("nrs-true", "date-zero", "date-9999") and not sealed:
        commands = COMMANDS
    for args in commands:
        result = paintrack(*args)
        _check_refused(paintrack, result, field, shown and shown.strip('"'))
        assert _folder(paintrack) == before, args


def test_a_duplicate_key_is_refused_naming_the_key(good):
    paintrack, data = good
    raw = json.dumps(data, indent=1).encode().replace(b'"nrs": 5,', b'"nrs": 5, "nrs": 2,', 1)
    write(paintrack.journal, raw)
    before = _folder(paintrack)
    for args in READ_AND_WRITE:
        _check_refused(paintrack, paintrack(*args), "the key 'nrs' appears twice")
    assert _folder(paintrack) == before


def test_doctor_shows_the_bad_field_and_exits_1(good):
    paintrack, data = good
    write(paintrack.journal, _set(data, "baseline.nrs", True))
    before = _folder(paintrack)
    result = paintrack("doctor", env={"COLUMNS": "300"})
    assert result.code == 1
    row = next(line for line in result.out.splitlines() if line.strip("│┃ ").startswith("journal "))
    assert "PROBLEM" in row and "baseline.nrs: Input should be a valid integer" in row
    assert _folder(paintrack) == before


def test_a_valid_journal_loads_and_a_hand_edit_within_the_ranges_is_read_as_it_now_is(good):
    paintrack, data = good
    for args in COMMANDS[:6]:
        assert paintrack(*args).code == 0, args
    write(paintrack.journal, _set(data, "baseline.nrs", 10))
    report = json.loads(paintrack("report", "--format", "json").out)
    assert report["baseline"]["nrs"] == 10


# -- no date crashes a command ----------------------------------------------------------------


def extreme_dates(data: dict) -> dict:
    """The journal's date range end to end: the first day and the last it may hold."""
    data = _set(data, "baseline.date", "1900-01-01")
    data = _set(data, "updates.0.date", "2199-12-31")
    data["diary"] = [{"date": "1900-01-01", "pain": 3}, *data["diary"], {"date": "2199-12-31", "pain": 4, "note": "x"}]
    data["diary"] += [{"date": f"1900-01-{d:02d}", "pain": d % 11} for d in range(2, 12)]
    data["diary"].sort(key=lambda e: e["date"])
    data = _set(data, "evidence.0.date", "2199-12-31")
    data = _set(data, "aspects.0.date", "1900-01-01")
    data = _set(data, "reviews.0.date", "2199-12-31")
    data["plan"] = {"start": "2199-12-31", "exercise_start_min": 10, "modalities": [
        {"id": "cbt", "start": "2199-12-31"}, {"id": "graded-exercise", "start": "2199-12-31"}]}
    return data


READS_AND_WRITES = [
    ("report",), ("report", "--format", "json"), ("report", "--format", "markdown"), ("report", "--format", "html"),
    ("report", "--format", "csv"), ("report", "--format", "fhir"), ("list",), ("list", "diary", "--format", "csv"),
    ("list", "--from", "2199-01-01"), ("history",), ("plan",), ("evidence",), ("flags",), ("doctor",),
    ("log", "3", "--no-input"), ("log", "2", "--date", "1900-01-01", "--replace", "--no-input"),
    ("edit", "log", "2199-12-31", "--pain", "2", "--no-input"), ("delete", "log", "1900-01-01", "--yes"),
    ("undo", "--yes"), ("update", "--no-input", "--nrs", "4", "--date", "2026-03-02"),
]


def test_the_first_and_last_dates_a_journal_may_hold_crash_no_command(good):
    paintrack, data = good
    write(paintrack.journal, extreme_dates(data))
    for args in READS_AND_WRITES:
        result = paintrack(*args, env={"COLUMNS": "200"})
        assert "Traceback" not in result.text and "internal error" not in result.text, (args, result.text)
        assert result.code in (0, 1, 2), args
        assert result.code == 0 or args[0] in ("report", "list"), (args, result.text)  # formats of other builds
        if result.code == 1:
            assert result.err.startswith("paintrack: error:") and "is not a readable" not in result.err, (args, result.err)


@pytest.mark.parametrize("date", ["0001-01-01", "1899-12-31", "9999-12-31", "2026-11-24", "99999999 days ago",
                                  "2026-02-30"])
@pytest.mark.parametrize("args", [
    ("log", "3", "--no-input", "--date", "{}"), ("update", "--no-input", "--nrs", "4", "--date", "{}"),
    ("evidence", "add", "x", "--date", "{}"), ("list", "--from", "{}"), ("list", "--to", "{}"),
    ("edit", "log", "{}", "--pain", "2", "--no-input"), ("delete", "log", "{}", "--yes"),
    ("flags", "--assessed", "--date", "{}"),
], ids=lambda a: " ".join(a[:2]) if isinstance(a, tuple) else None)
def test_a_typed_date_out_of_range_is_a_usage_error_never_a_crash(good, args, date):
    paintrack, _ = good
    before = _folder(paintrack)
    result = paintrack(*(a.replace("{}", date) for a in args))
    assert "Traceback" not in result.text and "internal error" not in result.text, result.text
    assert result.code in (1, 2) and result.err.startswith("paintrack: error:"), result.text
    assert _folder(paintrack) == before


def test_the_first_date_is_accepted(good):
    paintrack, _ = good
    assert paintrack("log", "3", "--no-input", "--date", "1900-01-01").code == 0
    assert os.path.exists(paintrack.journal)
