"""The journal's seal (`<journal>.seal`, storage/seal.py): the fast read path of reports.

The seal vouches for exact bytes the schema accepted, keyed on everything that decides validity
(JOURNAL_SCHEMA_SOURCES and pydantic's release). It is written after each write and after a
successful full read; a sealed read returns the records the full read returns; the sealed
reader still checks every range and type (codec.check_ranges), so a hand edit next to a valid
seal is refused; a seal forged over bytes that are not a journal ends in the usual error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import BASELINE_ARGS
from hypothesis import given
from test_journal_properties import SETTINGS, journals

from paintrack.domain import measures
from paintrack.domain.records import Assessment, Journal, RedFlagScreen
from paintrack.storage import codec, schema, seal
from paintrack.storage.seal import journal_seal
from paintrack.storage.store import Store, serialize


def _seal_file(paintrack) -> Path:
    return paintrack.journal.with_name("journal.json.seal")


def _forge(path: Path, raw: bytes) -> None:
    path.write_bytes(raw)
    path.with_name(path.name + ".seal").write_text(journal_seal(raw) + "\n")


@SETTINGS
@given(journals())
def test_a_sealed_read_returns_the_records_of_the_full_read(journal):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "journal.json")
        store.write(journal)
        raw = store.path.read_bytes()
        assert store._sealed(raw)
        real = schema.validate
        schema.validate = lambda *a: pytest.fail("the sealed read validated the bytes")
        try:
            fast = store.snapshot()
        finally:
            schema.validate = real
        assert fast == store.parse(raw, store.path) == journal  # the full validation's records


@pytest.mark.parametrize("args", [
    BASELINE_ARGS, ("log", "4", "--no-input"), ("edit", "log", "2026-11-23", "--pain", "5", "--no-input"),
    ("delete", "log", "2026-11-23", "--yes"), ("undo", "--yes"), ("doctor", "--restore-backup", "1"),
], ids=lambda a: a[0])
def test_every_write_seals_the_journal_privately(paintrack, args):
    for before in (BASELINE_ARGS, ("log", "4", "--no-input"), ("edit", "log", "2026-11-23", "--pain", "5", "--no-input"),
                   ("delete", "log", "2026-11-23", "--yes"), ("undo", "--yes")):
        if before == args:
            break
        assert paintrack(*before).code == 0
    old = paintrack.bytes()
    assert paintrack(*args).code == 0
    assert paintrack.bytes() != old
    assert _seal_file(paintrack).read_bytes() == journal_seal(paintrack.bytes()).encode() + b"\n"
    assert (_seal_file(paintrack).stat().st_mode & 0o777) == 0o600


def test_a_full_read_of_a_valid_unsealed_journal_seals_it(paintrack):
    """After an upgrade, a move or a restore by hand, only the first report is slow."""
    assert paintrack(*BASELINE_ARGS).code == 0
    first = paintrack("report", "--format", "json").out
    _seal_file(paintrack).unlink()
    assert paintrack("report", "--format", "json").out == first
    assert _seal_file(paintrack).read_text().strip() == journal_seal(paintrack.bytes())
    assert paintrack("report", "--format", "json").out == first  # now by the sealed path


def test_a_valid_hand_edit_is_read_as_it_now_is(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    data = paintrack.data()
    data["baseline"]["nrs"] = 5
    paintrack.journal.write_text(json.dumps(data, indent=1))
    result = paintrack("report", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["baseline"]["nrs"] == 5


def test_a_hand_edit_out_of_range_is_refused_although_a_seal_is_beside_it(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    data = paintrack.data()
    data["baseline"]["nrs"] = 11
    paintrack.journal.write_text(json.dumps(data, indent=1))
    before = paintrack.bytes()
    result = paintrack("report", "--format", "json")
    assert result.code == 1
    assert "is not a readable paintrack journal: baseline.nrs: Input should be less than or equal to 10" in result.err
    assert "11" not in result.err.split("journal: ", 1)[1]
    assert paintrack.bytes() == before


# -- the sealed reader's range check, one point either side of every limit ---------------------

BASE = Assessment("update", measures.FIRST_DATE, 5)
LIMITS = [
    ("nrs", 0, 10), ("worst", 0, 10), ("activity_interference", 0, 10), ("walk_m", 0.0, 1000.0),
    ("opioid_mme", 0.0, 5000.0), ("sleep_hours", 0.0, 24.0), ("exercise_sessions", 0, 50),
    ("mindfulness_min", 0, 10080), ("pgic", 1, 7),
]


def _step(v):
    return 1 if isinstance(v, int) else 0.5


@pytest.mark.parametrize("name, low, high", LIMITS, ids=[n for n, *_ in LIMITS])
def test_check_ranges_refuses_one_step_outside_each_limit(name, low, high):
    for ok in (low, high):
        codec.check_ranges(Journal(updates=(replace(BASE, **{name: ok}),)))
    for bad in (low - _step(low), high + _step(high)):
        with pytest.raises(codec.OutOfRange) as caught:
            codec.check_ranges(Journal(updates=(replace(BASE, **{name: bad}),)))
        assert str(caught.value) == f"updates.0.{name}"


@pytest.mark.parametrize("field, ok, bad", [
    ("phq9", (3,) * 9, (3,) * 8 + (4,)), ("phq9", (0,) * 9, (-1,) + (0,) * 8), ("phq9", (None,) * 9, (0,) * 8),
    ("gad7", (3,) * 7, (4,) * 7), ("goal_ability", (10, None, 0), (11,)), ("goal_ability", (0,) * 5, (0,) * 6),
    ("nrs", 1, True), ("walk_m", 1.0, float("nan")), ("side_effects", ("nausea",), ("hiccups",)),
    ("red_flag_screen", RedFlagScreen("flags", (("fever", True),)), RedFlagScreen("flags", (("headache", True),))),
    ("date", measures.LAST_DATE, measures.LAST_DATE + timedelta(days=1)),
    ("date", measures.FIRST_DATE, measures.FIRST_DATE - timedelta(days=1)),
    ("note", "x" * measures.MAX_TEXT, "x" * (measures.MAX_TEXT + 1)),
], ids=lambda v: v if isinstance(v, str) else None)
def test_check_ranges_covers_answers_goals_names_dates_and_types(field, ok, bad):
    codec.check_ranges(Journal(updates=(replace(BASE, **{field: ok}),)))
    with pytest.raises(codec.OutOfRange) as caught:
        codec.check_ranges(Journal(updates=(replace(BASE, **{field: bad}),)))
    assert str(caught.value).startswith(f"updates.0.{field}")


@pytest.mark.parametrize("where, bad", [
    ("diary.0.mood", 11), ("diary.0.pain", -1), ("aspects.0.ratings.cognitive", 11), ("evidence.0.number", 0),
    ("plan.exercise_start_min", 601), ("plan.modalities.0.start", "2200-01-01"), ("reviews.0.flags.0", "headache"),
    ("history.0.changes.0.after.nrs", 11), ("journal_id", "1234"), ("updates.0.date", "20260202"),
])
def test_a_forged_seal_over_an_out_of_range_value_is_refused_by_the_sealed_reader(tmp_path, where, bad):
    data = {
        "schema_version": 2, "journal_id": "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
        "baseline": {"kind": "baseline", "date": "2026-01-05", "nrs": 7},
        "updates": [{"kind": "update", "date": "2026-02-02", "nrs": 6}],
        "plan": {"start": "2026-01-05", "exercise_start_min": 10, "modalities": [{"id": "cbt", "start": "2026-01-05"}]},
        "diary": [{"date": "2026-01-06", "pain": 5, "mood": 4}], "evidence": [{"number": 1, "date": "2026-01-06",
                                                                              "category": "triggers", "text": "x"}],
        "aspects": [{"date": "2026-01-10", "ratings": {"cognitive": 5}}],
        "reviews": [{"number": 1, "date": "2026-01-07", "flags": ["fever"]}],
        "history": [{"number": 1, "time": "2026-01-05T10:00:00+00:00", "command": "baseline", "changes": [
            {"collection": "baseline", "key": None, "before": None,
             "after": {"kind": "baseline", "date": "2026-01-05", "nrs": 7}}]}],
    }
    path = tmp_path / "journal.json"
    _forge(path, json.dumps(data).encode())
    assert Store(path).snapshot().baseline.nrs == 7  # valid, sealed: read by the fast path
    *parents, last = where.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    node[int(last) if isinstance(node, list) else last] = bad
    raw = json.dumps(data).encode()
    _forge(path, raw)
    with pytest.raises(ValueError):  # the sealed reader refuses it (OutOfRange, or a date it cannot read)
        codec.check_ranges(codec.from_data(json.loads(raw)))
    with pytest.raises(Exception) as caught:  # the usual error of the full validation
        Store(path).snapshot()
    assert type(caught.value).__name__ == "PaintrackError"
    assert f"{path} is not a readable paintrack journal: " in caught.value.message
    assert path.read_bytes() == raw


@pytest.mark.parametrize("content", [
    b"garbage", b"[1, 2]", b"[" * 100_000 + b"]" * 100_000, b'{"schema_version": 2, "baseline": []}',
    b'{"schema_version": 2, "baseline": {"kind": "baseline"}}',
    b'{"schema_version": 2, "history": [{"number": 1, "time": "x", "command": "c", "changes": [{"collection": "z"}]}]}',
    b'{"schema_version": 2, "diary": [{"date": "2026-01-06", "pain": 5, "sleep_hours": NaN}]}',
], ids=["garbage", "list", "deep", "baseline-list", "no-date", "bad-history", "nan"])
def test_a_seal_forged_for_bad_bytes_still_ends_in_the_usual_error(paintrack, content):
    assert paintrack(*BASELINE_ARGS).code == 0
    _forge(paintrack.journal, content)
    result = paintrack("report", "--format", "json")
    assert result.code == 1
    assert f"{paintrack.journal} is not a readable paintrack journal" in result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert paintrack.bytes() == content


# -- the key ---------------------------------------------------------------------------------


def test_the_key_covers_the_schema_sources_and_pydantic(monkeypatch):
    data = serialize(Journal())
    usual = journal_seal(data)
    package = Path(seal.__file__).resolve().parent.parent
    assert all((package / name).is_file() for name in seal.JOURNAL_SCHEMA_SOURCES)
    monkeypatch.setattr(seal, "_KEY", None)
    monkeypatch.setattr(seal, "JOURNAL_SCHEMA_SOURCES", seal.JOURNAL_SCHEMA_SOURCES[:-1])  # another schema
    assert journal_seal(data) != usual
    monkeypatch.setattr(seal, "_KEY", None)
    monkeypatch.setattr(seal, "JOURNAL_SCHEMA_SOURCES", (*seal.JOURNAL_SCHEMA_SOURCES, "no-such-module.py"))
    assert journal_seal(data) is None  # no source to key by: never trusted
    monkeypatch.undo()
    monkeypatch.setattr(seal, "_KEY", None)
    monkeypatch.setattr(seal, "_pydantic_release", lambda: b"VERSION = '9.9.9'")  # another pydantic
    assert journal_seal(data) != usual
    monkeypatch.undo()
    monkeypatch.setattr(seal, "_KEY", None)
    assert journal_seal(data) == usual


def test_every_paintrack_module_the_parser_imports_is_in_the_key():
    """A rule that decides validity moved to a module the seal is not keyed on would let a
    stale seal vouch for bytes the new rule rejects."""
    script = (
        "import sys, json; from paintrack.storage import store, schema, codec; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('paintrack'))))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    imported = set(json.loads(out))
    not_rules = {"paintrack", "paintrack.errors", "paintrack.storage", "paintrack.domain",
                 "paintrack.storage.files", "paintrack.storage.seal"}
    keyed = {"paintrack." + name.removesuffix(".py").replace("/", ".") for name in seal.JOURNAL_SCHEMA_SOURCES}
    assert imported - not_rules <= keyed, sorted(imported - not_rules - keyed)


def test_an_unsealable_journal_is_always_validated(paintrack, monkeypatch):
    assert paintrack(*BASELINE_ARGS).code == 0
    monkeypatch.setattr(seal, "_KEY", None)
    monkeypatch.setattr(seal, "JOURNAL_SCHEMA_SOURCES", ("no-such-module.py",))
    assert paintrack("log", "4", "--no-input").code == 0
    assert not _seal_file(paintrack).exists()  # the stale seal was removed, none written
    assert json.loads(paintrack("report", "--format", "json").out)["baseline"]["nrs"] == 7


def test_a_seal_that_cannot_be_written_costs_only_speed(paintrack):
    paintrack.journal.parent.mkdir(parents=True)
    _seal_file(paintrack).mkdir()  # os.replace onto a folder fails
    assert paintrack(*BASELINE_ARGS).code == 0
    result = paintrack("report", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["baseline"]["nrs"] == 7
    assert not [p for p in paintrack.journal.parent.iterdir() if ".tmp-" in p.name]


@pytest.mark.parametrize("content", [b"", b"not a seal\n", b"0" * 64 + b"\n"])
def test_a_damaged_seal_means_a_full_read(paintrack, content):
    assert paintrack(*BASELINE_ARGS).code == 0
    _seal_file(paintrack).write_bytes(content)
    assert not Store(paintrack.journal)._sealed(paintrack.bytes())
    assert paintrack("report", "--format", "json").code == 0
    assert _seal_file(paintrack).read_text().strip() == journal_seal(paintrack.bytes())  # sealed again


def test_a_seal_is_not_followed_through_a_link(paintrack, tmp_path):
    assert paintrack(*BASELINE_ARGS).code == 0
    elsewhere = tmp_path / "elsewhere"
    os.replace(_seal_file(paintrack), elsewhere)
    _seal_file(paintrack).symlink_to(elsewhere)
    assert not Store(paintrack.journal)._sealed(paintrack.bytes())
    assert paintrack("report", "--format", "json").code == 0  # validated instead


def test_an_absent_journal_is_an_empty_one(tmp_path):
    assert Store(tmp_path / "none.json").snapshot() == Journal()
    assert not (tmp_path / "none.json.seal").exists()
