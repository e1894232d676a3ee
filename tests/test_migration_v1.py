"""A version-1 journal (contract: "The journal"): it loads and migrates in memory, reads never
rewrite it, the next change writes it back in version 2 with nothing lost, and `report --format
fhir` writes the migration first so the journal_id never changes afterwards. A journal from a
newer schema is refused and never rewritten.

The fixture is written by hand in the version-1 schema (paintrack 1's `models.py`, serialised
with `exclude_none`): interference items without the `_interference` suffix, `red_flags` as a
list, `baseline_history`, unnumbered evidence, two four-aspect reflections on one day.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from datetime import datetime

import pytest

from paintrack.storage.store import Store

NOW = datetime(2026, 11, 23, 20, 0).astimezone()

V1_BASELINE = {
    "kind": "baseline", "date": "2026-01-05", "nrs": 7, "worst": 9, "least": 4, "now": 6,
    "activity": 7, "mood": 6, "walking": 8, "work": 7, "relations": 4, "sleep": 6, "enjoyment": 7,
    "walk_m": 380.0, "opioid_mme": 30.0, "sleep_hours": 6.5, "exercise_sessions": 2, "mindfulness_min": 30,
    "red_flags": ["fever"], "note": "intake visit", "duration_months": 18,
    "locations": ["lower back", "left hip"], "goals": ["walk to the shop", "garden"],
}
V1 = {
    "schema_version": 1,
    "baseline": V1_BASELINE,
    "updates": [
        {"kind": "update", "date": "2026-02-02", "nrs": 6, "activity": 5, "mood": 5, "walking": 6, "work": 5,
         "walk_m": 410.5, "opioid_mme": 25.0, "red_flags": [], "pgic": 3, "note": "a bit better",
         "locations": [], "goals": []},
        {"kind": "update", "date": "2026-03-02", "nrs": 5, "sleep_hours": 7.0, "exercise_sessions": 4,
         "red_flags": ["sudden-weakness", "bladder-bowel-control"], "pgic": 2, "locations": [], "goals": []},
    ],
    "baseline_history": [
        {"kind": "baseline", "date": "2025-12-01", "nrs": 8, "red_flags": [], "locations": [], "goals": []},
        {"kind": "baseline", "date": "2025-12-15", "nrs": 9, "walk_m": 300.0, "red_flags": [], "locations": ["neck"],
         "goals": []},
    ],
    "plan": {"start": "2026-01-05", "exercise_start_min": 15, "modalities": [
        {"id": "pain-education", "start": "2026-01-05"}, {"id": "graded-exercise", "start": "2026-01-12"}]},
    "diary": [
        {"date": "2026-01-06", "pain": 6, "sleep_hours": 7.0, "mood": 5, "stress": 4, "activity_min": 20, "note": "ok day"},
        {"date": "2026-01-07", "pain": 7},
        {"date": "2026-11-20", "pain": 4, "note": "long walk"},
    ],
    "aspects": [
        {"date": "2026-01-10", "ratings": {"cognitive": 5, "autonomic": 2}, "notes": {}},
        {"date": "2026-01-10", "ratings": {"emotional": 7}, "notes": {"emotional": "tense at work"}},
        {"date": "2026-02-10", "ratings": {}, "notes": {"behavioral": "avoiding stairs"}},
    ],
    "evidence": [
        {"date": "2026-01-08", "category": "triggers", "text": "worse on work days"},
        {"date": "2026-01-07", "category": "no-injury", "text": "no injury at the start"},
    ],
}
RENAMED = {"activity": "activity_interference", "mood": "mood_interference", "walking": "walking_interference",
           "work": "work_interference", "relations": "relations_interference", "sleep": "sleep_interference",
           "enjoyment": "enjoyment_interference"}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
READS = [("report", "--format", "json"), ("report",), ("list",), ("list", "diary", "--format", "json"),
         ("history",), ("plan",), ("evidence",), ("flags",), ("doctor",)]


def folder(paintrack) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(paintrack.journal.parent.iterdir())}


def put(paintrack, data: dict) -> bytes:
    paintrack.journal.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    raw = json.dumps(data, indent=1).encode()
    paintrack.journal.write_bytes(raw)
    paintrack.journal.chmod(0o600)
    return raw


@pytest.fixture
def v1(paintrack):
    raw = put(paintrack, V1)
    return paintrack, raw


def v2_assessment(a: dict) -> dict:
    """What a version-1 assessment becomes: the same values, interference renamed, red flags a
    screen answered by flags, empty lists left out."""
    out = {}
    for key, value in a.items():
        if key == "red_flags":
            if value:
                out["red_flag_screen"] = {"how": "flags", "answers": dict.fromkeys(value, True)}
        elif value != []:
            out[RENAMED.get(key, key)] = value
    return out


def no_empty(record: dict) -> dict:
    return {k: v for k, v in record.items() if v not in ({}, [])}  # version 2 leaves them out


def test_reads_load_it_and_never_rewrite_it(v1):
    paintrack, _ = v1
    before = folder(paintrack)
    for args in READS:
        result = paintrack(*args, env={"COLUMNS": "200"})
        assert result.code == 0, (args, result.text)
        assert folder(paintrack) == before, args  # not rewritten, not sealed, no backup
    report = json.loads(paintrack("report", "--format", "json").out)
    assert report["journal_id"] is None  # made when the migration is written
    assert report["baseline"]["nrs"] == 7 and report["baseline"]["bpi_interference"] == 6.4
    assert report["baseline"]["goals"] == ["walk to the shop", "garden"]
    assert [a["date"] for a in report["assessments"]] == ["2026-01-05", "2026-02-02", "2026-03-02"]
    assert report["assessments"][2]["red_flag_screen"]["positive"] == ["sudden-weakness", "bladder-bowel-control"]
    doctor = paintrack("doctor", env={"COLUMNS": "200"}).out
    assert "valid, schema version 1 (migrated to the current schema on the next change), 3 assessment(s)" in doctor


def test_the_next_change_writes_version_2_with_nothing_lost(v1):
    paintrack, raw = v1
    assert paintrack("log", "3", "--no-input").code == 0
    assert Store(paintrack.journal).backup_path(1).read_bytes() == raw  # the version-1 file, kept as it was
    data = paintrack.data()
    assert data["schema_version"] == 2 and UUID.fullmatch(data["journal_id"])
    assert data["baseline"] == v2_assessment(V1_BASELINE)
    assert data["updates"] == [v2_assessment(u) for u in V1["updates"]]
    assert data["plan"] == V1["plan"]
    assert data["diary"] == [*V1["diary"][:2], {"date": "2026-11-20", "pain": 4, "note": "long walk"},
                             {"date": "2026-11-23", "pain": 3}]
    assert data["evidence"] == [{"number": 1, **V1["evidence"][0]}, {"number": 2, **V1["evidence"][1]}]
    assert data["aspects"] == [no_empty(V1["aspects"][1]), no_empty(V1["aspects"][2])]
    history = data["history"]
    assert [h["number"] for h in history] == [1, 2, 3, 4, 5]
    # each baseline `baseline --force` replaced, in order: old → the next one
    chain = [*V1["baseline_history"], V1_BASELINE]
    for entry, (old, new) in zip(history[:2], zip(chain, chain[1:])):
        assert entry["changes"] == [{"collection": "baseline", "key": None,
                                     "before": v2_assessment(old), "after": v2_assessment(new)}]
    # the earlier reflection of 2026-01-10 is in the history, not lost
    assert history[2]["changes"] == [{"collection": "aspects", "key": "2026-01-10", "before": no_empty(V1["aspects"][0]),
                                      "after": None}]
    assert history[3]["migration"] is True and "journal schema 1 → 2" in history[3]["command"]
    assert history[4]["command"] == "log"
    # and it reads back through the full validation, sealed for the next report
    journal = Store(paintrack.journal).read(seal=False)
    assert journal.migrated_from is None and len(journal.diary) == 4
    assert paintrack.journal.with_name("journal.json.seal").exists()


def test_undo_after_the_migration_reverts_the_change_not_the_migration(v1):
    paintrack, _ = v1
    assert paintrack("log", "3", "--no-input").code == 0
    journal_id = paintrack.data()["journal_id"]
    assert paintrack("undo", "--yes").code == 0
    data = paintrack.data()
    assert data["schema_version"] == 2 and data["journal_id"] == journal_id
    assert [e["date"] for e in data["diary"]] == ["2026-01-06", "2026-01-07", "2026-11-20"]
    assert data["history"][-1]["undoes"] == 5


def test_writing_the_migration_gives_the_journal_its_id_once(v1):
    """What `report --format fhir` (and `send`) do first: exported identifiers never change."""
    paintrack, raw = v1
    store = Store(paintrack.journal)
    first = store.write_migration(NOW)
    assert UUID.fullmatch(first.journal_id) and first.history[-1].migration
    assert store.backup_path(1).read_bytes() == raw
    written = paintrack.bytes()
    again = Store(paintrack.journal).write_migration(NOW)
    assert again.journal_id == first.journal_id and paintrack.bytes() == written  # nothing more written
    assert paintrack("log", "3", "--no-input").code == 0
    assert paintrack.data()["journal_id"] == first.journal_id
    assert sum(bool(h.get("migration")) for h in paintrack.data()["history"]) == 1


@pytest.mark.skipif(importlib.util.find_spec("paintrack.render.formats.fhir") is None,
                    reason="the FHIR renderer is not in this build")
def test_a_fhir_report_writes_the_migration_first_and_its_ids_never_change(v1):
    paintrack, _ = v1
    first = paintrack("report", "--format", "fhir")
    assert first.code == 0, first.text
    data = paintrack.data()
    assert data["schema_version"] == 2 and data["history"][-1]["migration"] is True
    assert paintrack("log", "3", "--no-input").code == 0
    second = paintrack("report", "--format", "fhir")
    assert paintrack.data()["journal_id"] == data["journal_id"]
    ids = {e["resource"].get("identifier", [{}])[0].get("value") for e in json.loads(first.out)["entry"]}
    later = {e["resource"].get("identifier", [{}])[0].get("value") for e in json.loads(second.out)["entry"]}
    assert ids <= later


@pytest.mark.parametrize("plan, written", [
    ({"start": "2026-01-05", "exercise_start_min": 10, "modalities": []}, None),
    ({"start": "2026-01-01", "exercise_start_min": 10, "modalities": [{"id": "cbt", "start": "2026-01-12"}]},
     {"start": "2026-01-12", "exercise_start_min": 10, "modalities": [{"id": "cbt", "start": "2026-01-12"}]}),
], ids=["no-modality", "start-before-its-modalities"])
def test_a_version_1_plan_version_2_would_refuse_is_brought_to_version_2(paintrack, plan, written):
    put(paintrack, {**V1, "plan": plan})
    assert paintrack("report", "--format", "json").code == 0
    assert paintrack("log", "3", "--no-input").code == 0
    assert paintrack.data().get("plan") == written


def test_a_version_1_journal_is_strict_too(paintrack):
    data = copy.deepcopy(V1)
    data["updates"][0]["nrs"] = True
    raw = put(paintrack, data)
    for args in (("report", "--format", "json"), ("log", "3", "--no-input")):
        result = paintrack(*args)
        assert result.code == 1
        assert "is not a readable paintrack journal: updates.0.nrs: Input should be a valid integer" in result.err
    assert paintrack.bytes() == raw


def test_a_journal_from_a_newer_schema_is_refused_and_never_rewritten(v1):
    paintrack, _ = v1
    newer = {**V1, "schema_version": 3, "future_field": {"x": 1}}
    put(paintrack, newer)
    before = folder(paintrack)
    for args in (*READS[:-1], ("log", "3", "--no-input"), ("undo", "--yes"), ("edit", "log", "2026-11-20", "--pain", "2")):
        result = paintrack(*args)
        assert result.code == 1, args
        assert result.err.splitlines()[0] == (f"paintrack: error: {paintrack.journal} was written by a newer paintrack "
                                              "(journal schema 3; this version reads up to 2)")
        assert "upgrade paintrack; the journal was not changed" in result.err
        assert folder(paintrack) == before
    doctor = paintrack("doctor", env={"COLUMNS": "200"})
    assert doctor.code == 1 and "newer paintrack" in doctor.out
    assert folder(paintrack) == before
