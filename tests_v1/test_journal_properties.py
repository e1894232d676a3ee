"""Properties of the store: any valid journal survives save → load unchanged; any bytes at all
load as a journal or fail with a PaintrackError (never another exception)."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paintrack import measures
from paintrack.errors import PaintrackError
from paintrack.models import (
    Assessment,
    AspectsReflection,
    DiaryEntry,
    EvidenceEntry,
    Journal,
    Plan,
    PlanItem,
)
from paintrack.store import Store, serialize

DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
TEXT = st.text(min_size=1, max_size=40)
RED_FLAGS = st.lists(st.sampled_from(sorted(measures.RED_FLAGS)), max_size=4, unique=True)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _value(m: measures.Measure):
    if m.integer:
        return st.none() | st.integers(int(m.low), int(m.high))
    return st.none() | st.floats(m.low, m.high, allow_nan=False, allow_infinity=False)


def _measures(names):
    return st.fixed_dictionaries({m.name: _value(m) for m in names})


@st.composite
def assessments(draw, kind: str, when: date):
    values = draw(_measures([m for m in measures.ASSESSMENT if m.name != "nrs"]))
    extra = {}
    if kind == "baseline":
        extra = {
            "duration_months": draw(_value(measures.DURATION_MONTHS)),
            "locations": draw(st.lists(TEXT, max_size=3)),
            "goals": draw(st.lists(TEXT, max_size=3)),
        }
    else:
        extra = {"pgic": draw(_value(measures.PGIC))}
    return Assessment(
        kind=kind, date=when, nrs=draw(st.integers(0, 10)), red_flags=draw(RED_FLAGS),
        note=draw(st.none() | TEXT), **values, **extra,
    )


ASPECTS = st.sampled_from(["cognitive", "emotional", "behavioral", "autonomic"])


@st.composite
def journals(draw) -> Journal:
    journal = Journal()
    if draw(st.booleans()):
        base = draw(DATES)
        journal.baseline = draw(assessments("baseline", base))
        days = draw(st.lists(st.dates(min_value=base, max_value=date(2031, 12, 31)), max_size=6, unique=True))
        journal.updates = sorted((draw(assessments("update", d)) for d in days), key=lambda u: u.date)
        journal.baseline_history = [draw(assessments("baseline", d)) for d in draw(st.lists(DATES, max_size=2))]
    if draw(st.booleans()):
        journal.plan = Plan(
            start=draw(DATES),
            exercise_start_min=draw(st.integers(1, 600)),
            modalities=[PlanItem(id=i, start=draw(DATES)) for i in draw(st.lists(
                st.text("abcdefghij-", min_size=1, max_size=12), max_size=4, unique=True))],
        )
    journal.diary = [
        DiaryEntry(
            date=d, pain=draw(st.integers(0, 10)),
            sleep_hours=draw(st.none() | st.floats(0, 24, allow_nan=False)),
            mood=draw(st.none() | st.integers(0, 10)), stress=draw(st.none() | st.integers(0, 10)),
            activity_min=draw(st.none() | st.integers(0, 1440)), note=draw(st.none() | TEXT),
        )
        for d in draw(st.lists(DATES, max_size=5, unique=True))
    ]
    journal.aspects = draw(st.lists(st.builds(
        AspectsReflection, date=DATES,
        ratings=st.dictionaries(ASPECTS, st.integers(0, 10)), notes=st.dictionaries(ASPECTS, TEXT),
    ), max_size=3))
    journal.evidence = draw(st.lists(st.builds(
        EvidenceEntry, date=DATES, category=st.text(min_size=1, max_size=20), text=TEXT), max_size=3))
    return Journal.model_validate(journal.model_dump())  # a valid journal, as the store would hold


@SETTINGS
@given(journals())
def test_any_valid_journal_saves_and_loads_equal(journal):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "journal.json")
        with store.transaction() as held:
            for name in Journal.model_fields:
                setattr(held, name, getattr(journal, name))
        loaded = Store(store.path).read()
        assert loaded == journal
        assert serialize(loaded) == store.path.read_bytes()  # stable: saving again changes nothing


def _json_values():
    leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=10)
    return st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)


@st.composite
def damaged_journal_bytes(draw) -> bytes:
    raw = bytearray(serialize(draw(journals())))
    for _ in range(draw(st.integers(1, 4))):
        if not raw:
            break
        at = draw(st.integers(0, len(raw) - 1))
        action = draw(st.sampled_from(["flip", "delete", "insert", "cut"]))
        if action == "flip":
            raw[at] = draw(st.integers(0, 255))
        elif action == "delete":
            del raw[at]
        elif action == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            del raw[at:]
    return bytes(raw)


@st.composite
def journal_shaped_json(draw) -> bytes:
    """Valid JSON that looks like a journal but has random values in random places."""
    data = json.loads(serialize(draw(journals())))
    data[draw(st.sampled_from(["schema_version", "baseline", "updates", "plan", "diary", "x"]))] = draw(_json_values())
    return json.dumps(data).encode()


ANY_BYTES = (
    st.binary(max_size=512)
    | _json_values().map(lambda v: json.dumps(v).encode())
    | damaged_journal_bytes()
    | journal_shaped_json()
)


@SETTINGS
@given(ANY_BYTES)
def test_loading_any_bytes_gives_a_journal_or_a_paintrack_error(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        path.write_bytes(raw)
        try:
            journal = Store(path).read()
        except PaintrackError as e:
            assert "\n" not in e.message and str(path) in e.message
        else:
            assert isinstance(journal, Journal)
        assert path.read_bytes() == raw
