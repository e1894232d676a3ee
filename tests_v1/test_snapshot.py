"""The read-only snapshot and the journal's seal (the fast read path of `report`).

The pydantic models stay the schema of record: these tests check that a snapshot has exactly the
models' fields and values, that the seal vouches only for bytes the models accepted under the same
models, and that every other file (hand-edited, restored, damaged) is validated in full.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from pydantic import BaseModel

from conftest import BASELINE_ARGS
from paintrack import models, seal, snapshot
from paintrack.catalogue import load_catalogue
from paintrack.demo import sample_journal
from paintrack.report import build_report
from paintrack.seal import journal_seal as seal_of
from paintrack.store import Store, serialize
from test_journal_properties import SETTINGS, journals

PAIRS = [
    (snapshot.Journal, models.Journal), (snapshot.Assessment, models.Assessment),
    (snapshot.Plan, models.Plan), (snapshot.PlanItem, models.PlanItem),
    (snapshot.DiaryEntry, models.DiaryEntry), (snapshot.AspectsReflection, models.AspectsReflection),
    (snapshot.EvidenceEntry, models.EvidenceEntry),
]


@pytest.mark.parametrize("record, model", PAIRS, ids=[m.__name__ for _, m in PAIRS])
def test_snapshot_records_have_the_models_fields_in_order_with_the_same_defaults(record, model):
    fields = dataclasses.fields(record)
    assert [f.name for f in fields] == list(model.model_fields)
    for f in fields:
        info = model.model_fields[f.name]
        if info.is_required():
            assert f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING, f.name
        elif f.default_factory is not dataclasses.MISSING:
            assert f.default_factory() == info.get_default(call_default_factory=True), f.name
        else:
            assert f.default == info.get_default(call_default_factory=True), f.name


def assert_same(view, model, where="journal"):
    """Every field of the model, recursively, has the same value (and type) in the snapshot."""
    if isinstance(model, BaseModel):
        assert not isinstance(view, BaseModel), where
        assert [f.name for f in dataclasses.fields(view)] == list(type(model).model_fields), where
        for name in type(model).model_fields:
            assert_same(getattr(view, name), getattr(model, name), f"{where}.{name}")
    elif isinstance(model, list):
        assert isinstance(view, list) and len(view) == len(model), where
        for i, (v, m) in enumerate(zip(view, model)):
            assert_same(v, m, f"{where}.{i}")
    else:
        assert view == model and type(view) is type(model), (where, view, model)


def _save(journal: models.Journal, path: Path) -> Store:
    target = Store(path)
    with target.transaction() as held:
        for name in models.Journal.model_fields:
            setattr(held, name, getattr(journal, name))
    return target


@SETTINGS
@given(journals())
def test_sealed_and_validated_snapshots_equal_the_models(journal):
    with tempfile.TemporaryDirectory() as folder:
        saved = _save(journal, Path(folder) / "journal.json")
        assert saved._sealed(saved.path.read_bytes())
        fast = saved.snapshot()  # trusted: the bytes match the seal
        assert_same(fast, saved.read())
        saved.seal_path.unlink()
        assert not saved._sealed(saved.path.read_bytes())
        assert saved.snapshot() == fast  # validated in full: the same snapshot


def test_the_report_is_the_same_from_the_models_and_from_the_snapshot(tmp_path):
    today = date(2026, 11, 23)
    saved = _save(sample_journal(today), tmp_path / "journal.json")
    catalogue = load_catalogue()
    from_models = build_report(saved.read(), catalogue, today)
    from_snapshot = build_report(saved.snapshot(), catalogue, today)
    assert from_snapshot == from_models
    assert from_models["diary"]["associations"] and from_models["evidence"] and from_models["aspects"]


def test_an_absent_journal_is_an_empty_snapshot(tmp_path):
    assert Store(tmp_path / "none.json").snapshot() == snapshot.from_journal(models.Journal())


def test_every_write_seals_the_journal_privately(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    seal_file = paintrack.journal.with_name("journal.json.seal")
    assert seal_file.read_bytes().strip().decode() == seal_of(paintrack.bytes())
    assert (seal_file.stat().st_mode & 0o777) == 0o600
    assert paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-02-02").code == 0
    assert seal_file.read_bytes().strip().decode() == seal_of(paintrack.bytes())


def test_a_hand_edited_journal_is_validated_although_a_seal_is_beside_it(paintrack):
    """The seal vouches for bytes, not for a file name: an edit that breaks the schema is refused."""
    assert paintrack(*BASELINE_ARGS).code == 0
    data = paintrack.data()
    data["baseline"]["nrs"] = 11
    paintrack.journal.write_text(json.dumps(data, indent=1))
    before = paintrack.bytes()
    result = paintrack("report", "--format", "json")
    assert result.code == 1
    assert "is not a readable paintrack journal: baseline.nrs: Input should be less than or equal to 10" in result.err
    assert "11" not in result.err  # the value itself is health data: not echoed
    assert paintrack.bytes() == before


def test_a_valid_hand_edit_is_read_as_it_now_is(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    data = paintrack.data()
    data["baseline"]["nrs"] = 5
    paintrack.journal.write_text(json.dumps(data, indent=1))
    result = paintrack("report", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["baseline"]["nrs"] == 5


def test_a_seal_from_other_models_does_not_match(monkeypatch):
    data = serialize(models.Journal())
    usual = seal_of(data)
    monkeypatch.setattr(seal, "JOURNAL_SCHEMA_SOURCES", ("models.py",))  # other schema source, same bytes
    assert seal_of(data) != usual
    monkeypatch.setattr(seal, "JOURNAL_SCHEMA_SOURCES", ("no-such-module.py",))
    assert seal_of(data) is None  # no source to key by: never trusted


def test_a_seal_that_cannot_be_written_costs_only_speed(paintrack):
    paintrack.journal.parent.mkdir(parents=True)
    paintrack.journal.with_name("journal.json.seal").mkdir()  # os.replace onto a folder fails
    assert paintrack(*BASELINE_ARGS).code == 0
    result = paintrack("report", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["baseline"]["nrs"] == 7
    assert not [p for p in paintrack.journal.parent.iterdir() if ".tmp-" in p.name]


def test_a_restored_backup_is_sealed_again(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-02-02").code == 0
    paintrack.journal.write_bytes(b"garbage")
    result = paintrack("doctor", "--restore-backup")
    assert "Restored backup 1" in result.out
    seal_file = paintrack.journal.with_name("journal.json.seal")
    assert seal_file.read_bytes().strip().decode() == seal_of(paintrack.bytes())
    assert json.loads(paintrack("report", "--format", "json").out)["latest"]["nrs"] == 7


def test_a_seal_is_not_followed_through_a_link(paintrack, tmp_path):
    assert paintrack(*BASELINE_ARGS).code == 0
    seal_file = paintrack.journal.with_name("journal.json.seal")
    elsewhere = tmp_path / "elsewhere"
    os.replace(seal_file, elsewhere)
    seal_file.symlink_to(elsewhere)
    assert not Store(paintrack.journal)._sealed(paintrack.bytes())
    assert paintrack("report", "--format", "json").code == 0  # validated instead


@pytest.mark.parametrize("content", [b"garbage", b"[1, 2]", b'{"schema_version": 1, "baseline": {"kind": "baseline"}}'])
def test_a_seal_forged_for_bad_bytes_still_ends_in_the_usual_error(paintrack, content):
    """Only paintrack writes seals; if one is made for bytes that are not a journal, the read
    falls back to full validation and its one-line error, never a traceback."""
    assert paintrack(*BASELINE_ARGS).code == 0
    paintrack.journal.write_bytes(content)
    paintrack.journal.with_name("journal.json.seal").write_text(seal_of(content) + "\n")
    result = paintrack("report", "--format", "json")
    assert result.code == 1
    assert "is not a readable paintrack journal" in result.err and "Traceback" not in result.err
    assert paintrack.bytes() == content
