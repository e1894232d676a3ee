"""Properties of the store: any valid journal (built from the domain's records) survives
write → read unchanged, byte-stable; any bytes at all load as a journal or fail with a
PaintrackError naming the file (never another exception), and the file is left as it was."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paintrack.domain import measures, redflags
from paintrack.domain.aspects import ASPECT_IDS
from paintrack.domain.records import (
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
from paintrack.errors import PaintrackError
from paintrack.storage.seal import journal_seal
from paintrack.storage.store import Store, serialize

DATES = st.dates(min_value=measures.FIRST_DATE, max_value=measures.LAST_DATE)
TEXT = st.text(min_size=1, max_size=30)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def value(m: measures.Measure):
    if m.integer:
        return st.none() | st.integers(int(m.low), int(m.high))
    return st.none() | st.floats(m.low, m.high, allow_nan=False, allow_infinity=False)


@st.composite
def screens(draw) -> RedFlagScreen:
    how = draw(st.sampled_from(["not_asked", "terminal", "flags"]))
    if how == "not_asked":
        return RedFlagScreen()
    names = list(redflags.NAMES) if how == "terminal" else draw(
        st.lists(st.sampled_from(redflags.NAMES), unique=True, max_size=4))
    return RedFlagScreen(how, tuple((n, draw(st.booleans())) for n in names))


def answers(n: int):
    return st.none() | st.tuples(*[st.none() | st.integers(0, 3)] * n)


@st.composite
def assessments(draw, kind: str, when) -> Assessment:
    values = {m.name: draw(value(m)) for m in measures.ASSESSMENT if m.name != "nrs"}
    goals = tuple(draw(st.lists(TEXT, max_size=measures.MAX_GOALS))) if kind == "baseline" else ()
    extra = (
        {"duration_months": draw(value(measures.DURATION_MONTHS)), "goals": goals,
         "locations": tuple(draw(st.lists(TEXT, max_size=3)))}
        if kind == "baseline" else
        {"pgic": draw(value(measures.PGIC)),
         "side_effects": tuple(draw(st.lists(st.sampled_from(sorted(measures.SIDE_EFFECTS)), unique=True, max_size=3)))}
    )
    return Assessment(
        kind=kind, date=when, nrs=draw(st.integers(0, 10)), red_flag_screen=draw(screens()),
        phq9=draw(answers(9)), gad7=draw(answers(7)),
        goal_ability=tuple(draw(st.lists(st.none() | st.integers(0, 10), max_size=measures.MAX_GOALS))),
        note=draw(st.none() | TEXT), **values, **extra,
    )


def diary_entry(when):
    return st.builds(
        DiaryEntry, date=st.just(when), pain=st.integers(0, 10),
        sleep_hours=st.none() | st.floats(0, 24, allow_nan=False), mood=st.none() | st.integers(0, 10),
        stress=st.none() | st.integers(0, 10), activity_min=st.none() | st.integers(0, 1440), note=st.none() | TEXT,
    )


def pairs(values):
    return st.dictionaries(st.sampled_from(ASPECT_IDS), values, max_size=4).map(lambda d: tuple(d.items()))


@st.composite
def plans(draw) -> Plan:
    ids = draw(st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True), min_size=1, max_size=4, unique=True))
    items = tuple(PlanItem(i, draw(DATES), draw(st.booleans())) for i in ids)
    return Plan(min(i.start for i in items), draw(st.integers(1, 600)), items)


TIMES = st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5)),
                                                timezone(timedelta(hours=5, minutes=30))])).map(
    lambda t: t.replace(microsecond=0))


@st.composite
def journals(draw) -> Journal:
    baseline, updates = None, ()
    if draw(st.booleans()):
        base = draw(DATES)
        baseline = draw(assessments("baseline", base))
        days = sorted(draw(st.lists(st.dates(min_value=base, max_value=measures.LAST_DATE), max_size=5, unique=True)))
        updates = tuple(draw(assessments("update", d)) for d in days)
    diary = tuple(draw(diary_entry(d)) for d in sorted(draw(st.lists(DATES, max_size=5, unique=True))))
    evidence = tuple(
        EvidenceEntry(n, draw(DATES), draw(st.text(min_size=1, max_size=20)), draw(TEXT))
        for n in sorted(draw(st.lists(st.integers(1, 10_000_000), max_size=3, unique=True)))
    )
    aspects = tuple(
        AspectsReflection(d, draw(pairs(st.integers(0, 10))), draw(pairs(TEXT)))
        for d in sorted(draw(st.lists(DATES, max_size=3, unique=True)))
    )
    reviews = tuple(
        ClinicianReview(n, draw(DATES), tuple(draw(st.lists(st.sampled_from(redflags.NAMES), unique=True, max_size=3))),
                        draw(st.booleans()), draw(st.none() | TEXT))
        for n in sorted(draw(st.lists(st.integers(1, 100), max_size=2, unique=True)))
    )
    records = [("updates", u) for u in updates] + [("diary", e) for e in diary] + [("evidence", e) for e in evidence]
    history = []
    if baseline is not None:
        records.append(("baseline", baseline))
    for number in sorted(draw(st.lists(st.integers(1, 10_000), max_size=4, unique=True))):
        changes = []
        for collection, record in draw(st.lists(st.sampled_from(records), max_size=3)) if records else ():
            key = None if collection == "baseline" else str(record.number) if collection == "evidence" else record.date.isoformat()
            before, after = draw(st.sampled_from([(None, record), (record, None), (record, record)]))
            changes.append(Change(collection, key, before, after))
        history.append(HistoryEntry(number, draw(TIMES), draw(st.text(min_size=1, max_size=40)), tuple(changes),
                                    draw(st.none() | st.integers(1, 10_000)), draw(st.booleans())))
    return Journal(
        journal_id=draw(st.none() | st.uuids().map(str)), baseline=baseline, updates=updates,
        plan=draw(st.none() | plans()), diary=diary, evidence=evidence, aspects=aspects, reviews=reviews,
        settings=Settings(draw(st.none() | st.text(min_size=1, max_size=20)),
                          draw(st.none() | st.from_regex(r"[A-Za-z0-9\-.]{1,20}", fullmatch=True))),
        history=tuple(history),
    )


@SETTINGS
@given(journals())
def test_any_valid_journal_is_written_and_read_back_equal_and_byte_stable(journal):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "journal.json")
        store.write(journal)  # validated once, read back byte for byte
        written = store.path.read_bytes()
        loaded = Store(store.path).read()
        assert loaded == journal
        assert serialize(loaded) == written  # stable: saving again changes nothing
        store.write(loaded)
        assert store.path.read_bytes() == written
        assert store.backup_path(1).read_bytes() == written


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
    where = draw(st.sampled_from(["schema_version", "journal_id", "baseline", "updates", "plan", "diary",
                                  "evidence", "history", "x"]))
    data[where] = draw(_json_values())
    return json.dumps(data).encode()


ANY_BYTES = (
    journals().map(serialize)  # some load
    | st.binary(max_size=512)
    | _json_values().map(lambda v: json.dumps(v).encode())
    | damaged_journal_bytes()
    | journal_shaped_json()
)


@SETTINGS
@given(ANY_BYTES)
def test_any_bytes_load_as_a_journal_or_fail_with_a_paintrack_error_file_untouched(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        path.write_bytes(raw)
        outcomes = []
        for sealed in (False, True):  # validated in full; then with a seal forged for the bytes
            if sealed:
                path.with_name("journal.json.seal").write_text(journal_seal(raw) + "\n")
            try:
                outcomes.append(Store(path).read())
            except PaintrackError as e:
                assert "\n" not in e.message and str(path) in e.message
                outcomes.append(None)
            assert path.read_bytes() == raw
        assert outcomes[0] is None or isinstance(outcomes[0], Journal)
        if outcomes[0] is not None:
            assert outcomes[1] == outcomes[0]  # the sealed read gives the full read's records
