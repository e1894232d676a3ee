"""The journal's history and `paintrack undo` / `paintrack history` (contract: "The journal",
History; "Reading and correcting"). Every change is recorded with its time, command and the
records before and after; undo walks back one change at a time and puts back the exact bytes
of the records; a refused undo leaves the journal's bytes as they were."""

from __future__ import annotations

import json
from datetime import UTC

import pytest
from conftest import BASELINE_ARGS, TODAY


def records(raw: bytes | None) -> bytes:
    """The journal's bytes up to its history (written last): every record, byte for byte."""
    assert raw is not None
    head, sep, _ = raw.partition(b'\n "history": ')
    assert sep, "the journal has its history last"
    return head


def entries(paintrack) -> list[dict]:
    return paintrack.data()["history"]


@pytest.fixture
def started(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    return paintrack


def test_every_kind_of_change_is_recorded_with_time_command_and_records(started):
    p = started
    steps = [
        (("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--walk-m", "400"), "update"),
        (("log", "5", "--date", "2026-11-20", "--mood", "6"), "log"),
        (("log", "4", "--date", "2026-11-20", "--replace"), "log --replace"),
        (("evidence", "add", "pain moved to the other knee"), "evidence add"),
        (("edit", "update", "2026-02-02", "--nrs", "5"), "edit update 2026-02-02"),
        (("update", "--no-input", "--date", "2026-02-02", "--nrs", "4", "--replace"), "update --replace"),
        (("delete", "log", "2026-11-20", "--yes"), "delete log 2026-11-20"),
        (("plan", "--add", "pain-education", "--start", "2026-03-01"), "plan"),
        (("plan", "--remove", "pain-education"), "plan"),
        ((*BASELINE_ARGS[:-1], "--red-flag", "fever", "--force"), "baseline --force"),
        (("flags", "--assessed", "--date", "2026-11-01"), "flags --assessed"),
    ]
    for args, command in steps:
        r = p(*args)
        assert r.code == 0, (args, r.text)
        assert entries(p)[-1]["command"] == command
    history = entries(p)
    assert [h["number"] for h in history] == list(range(1, len(steps) + 2))
    assert all(h["time"].startswith(TODAY + "T") for h in history)
    by_command = {h["command"]: h for h in history}
    # an add has no record before it; a delete none after; a replace both
    log_add = by_command["log"]["changes"][0]
    assert (log_add["collection"], log_add["key"], log_add["before"]) == ("diary", "2026-11-20", None)
    assert log_add["after"] == {"date": "2026-11-20", "pain": 5, "mood": 6}
    replaced = by_command["log --replace"]["changes"][0]
    assert replaced["before"] == {"date": "2026-11-20", "pain": 5, "mood": 6}
    assert replaced["after"] == {"date": "2026-11-20", "pain": 4}
    deleted = by_command["delete log 2026-11-20"]["changes"][0]
    assert deleted["before"] == {"date": "2026-11-20", "pain": 4} and deleted["after"] is None
    edited = by_command["edit update 2026-02-02"]["changes"][0]
    assert (edited["before"]["nrs"], edited["after"]["nrs"]) == (6, 5)
    assert edited["before"]["walk_m"] == edited["after"]["walk_m"] == 400
    forced = by_command["baseline --force"]["changes"][0]
    assert forced["collection"] == "baseline"
    assert forced["before"]["red_flag_screen"]["answers"]["fever"] is False
    assert forced["after"]["red_flag_screen"]["answers"]["fever"] is True
    review = by_command["flags --assessed"]["changes"][0]
    assert review["collection"] == "reviews" and review["after"]["flags"] == ["fever"]
    plans = [h for h in history if h["command"] == "plan"]
    assert plans[0]["changes"][0]["before"] is None
    assert [m["id"] for m in plans[0]["changes"][0]["after"]["modalities"]] == ["pain-education"]
    assert plans[1]["changes"][0]["after"] is None


def test_aspects_reflection_is_recorded(started, monkeypatch):
    import paintrack.cli.plan as plan_cli

    monkeypatch.setattr(plan_cli, "can_prompt", lambda no_input: True)
    answers = "\n".join(["6", "", "3", "noticed it", "", "", "7", ""]) + "\n\n"
    r = started("plan", "--aspects", input=answers)
    assert r.code == 0, r.text
    last = entries(started)[-1]
    assert last["command"] == "plan --aspects"
    change = last["changes"][0]
    assert change["collection"] == "aspects" and change["before"] is None and change["key"] == TODAY
    assert change["after"]["ratings"] and change["after"]["notes"] == {k: "noticed it" for k in change["after"]["notes"]}


def test_restore_of_a_backup_is_recorded_and_undone(started):
    p = started
    assert p("log", "5", "--date", "2026-11-20").code == 0
    assert p("log", "6", "--date", "2026-11-21").code == 0
    before_restore = records(p.bytes())
    r = p("doctor", "--restore-backup", "1")
    assert "Restored backup 1" in r.out, r.text
    last = entries(p)[-1]
    assert last["command"] == "doctor --restore-backup 1"
    assert [(c["collection"], c["key"], c["after"]) for c in last["changes"]] == [("diary", "2026-11-21", None)]
    assert p("undo", "--yes").code == 0
    assert records(p.bytes()) == before_restore


def test_history_lists_every_change_and_last_n(started):
    p = started
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        assert p("log", "5", "--date", day).code == 0
    assert p("undo", "--yes").code == 0
    r = p("history")
    assert r.code == 0
    lines = r.out.splitlines()
    assert any("added baseline 2026-01-05" in line for line in lines)
    assert any("added diary entry 2026-11-20" in line for line in lines)
    assert any("(undone)" in line and "log" in line for line in lines)
    assert any("undid change 4" in line for line in lines)
    r = p("history", "--last", "2")
    assert r.code == 0
    numbers = [line.split("│")[1].strip() for line in r.out.splitlines() if line.startswith("│") and line.split("│")[1].strip()]
    assert numbers == ["4", "5"]
    assert "2026-11-20" not in r.out
    for bad in ("0", "-1", "two"):
        r = p("history", "--last", bad)
        assert r.code == 2 and "--last" in r.err


def test_history_of_a_new_journal(paintrack):
    r = paintrack("history")
    assert r.code == 0 and "No changes recorded yet." in r.out
    assert paintrack.bytes() is None


def test_undo_walks_back_step_by_step_to_the_exact_bytes(started):
    p = started
    states = [records(p.bytes())]
    for args in (
        ("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--pgic", "3", "--note", "tired"),
        ("log", "5", "--date", "2026-11-20", "--sleep-hours", "6.5", "--note", "long walk"),
        ("evidence", "add", "pain moved", "--category", "inconsistent"),
        ("edit", "log", "2026-11-20", "--pain", "3", "--clear", "note"),
        ("delete", "update", "2026-02-02", "--yes"),
    ):
        assert p(*args).code == 0, args
        states.append(records(p.bytes()))
    assert len(set(states)) == len(states)
    for expected in reversed(states[:-1]):
        r = p("undo", "--yes")
        assert r.code == 0, r.text
        assert records(p.bytes()) == expected
    # only the baseline is left to undo; then nothing
    r = p("undo", "--yes")
    assert r.code == 0 and "baseline" in r.out
    assert p.data()["updates"] == [] and "baseline" not in p.data()
    raw = p.bytes()
    r = p("undo", "--yes")
    assert r.code == 1 and "nothing to undo" in r.err
    assert p.bytes() == raw
    # every undo is itself recorded, and names the change it reverted
    undos = [h for h in entries(p) if h["command"] == "undo"]
    assert [h["undoes"] for h in undos] == [6, 5, 4, 3, 2, 1]


def test_edit_then_undo_gives_back_identical_records(started):
    p = started
    assert p("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--worst", "8", "--walk-m", "410.5").code == 0
    before = records(p.bytes())
    assert p("edit", "update", "2026-02-02", "--walk-m", "420", "--clear", "worst", "--date", "2026-02-03").code == 0
    assert records(p.bytes()) != before
    assert p("undo", "--yes").code == 0
    assert records(p.bytes()) == before


def test_delete_then_undo_brings_the_record_back(started):
    p = started
    assert p("log", "5", "--date", "2026-11-20", "--note", "a good day").code == 0
    before = records(p.bytes())
    assert p("delete", "log", "2026-11-20", "--yes").code == 0
    assert p.data()["diary"] == []
    r = p("undo", "--yes")
    assert r.code == 0
    assert "deleted diary entry 2026-11-20" in r.out
    assert records(p.bytes()) == before


def test_replace_then_undo_brings_the_old_update_back(started):
    p = started
    args = ("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--worst", "8", "--least", "3",
            "--walk-m", "400", "--opioid-mme", "20", "--pgic", "3")
    assert p(*args).code == 0
    before = records(p.bytes())
    assert p("update", "--no-input", "--date", "2026-02-02", "--nrs", "5", "--replace").code == 0
    assert p.data()["updates"][0] == {"kind": "update", "date": "2026-02-02", "nrs": 5}
    assert p("undo", "--yes").code == 0
    assert records(p.bytes()) == before


def test_baseline_force_then_undo_brings_the_old_baseline_back(started):
    p = started
    before = records(p.bytes())
    assert p("baseline", "--no-input", "--date", "2026-01-06", "--nrs", "3", "--force").code == 0
    assert p.data()["baseline"]["nrs"] == 3
    assert p("undo", "--yes").code == 0
    assert records(p.bytes()) == before


def test_undo_after_a_new_change_skips_what_was_undone(started):
    p = started
    assert p("log", "5", "--date", "2026-11-20").code == 0  # 2
    assert p("log", "6", "--date", "2026-11-21").code == 0  # 3
    assert p("undo", "--yes").code == 0  # 4 undoes 3
    assert p("log", "7", "--date", "2026-11-22").code == 0  # 5
    assert p("undo", "--yes").code == 0  # 6 undoes 5
    r = p("undo", "--yes")  # 7 undoes 2 (3 is undone already)
    assert r.code == 0 and "Undid change 2 " in r.out
    assert p.data()["diary"] == []
    assert [h.get("undoes") for h in entries(p)][-3:] == [None, 5, 2]


def test_undo_needs_yes_without_a_terminal(started):
    p = started
    assert p("log", "5", "--date", "2026-11-20").code == 0
    raw = p.bytes()
    r = p("undo")
    assert r.code == 2
    assert "--yes" in r.err and "nothing was changed" in r.err
    assert p.bytes() == raw
    r = p("undo", "--no-input")
    assert r.code == 2 and p.bytes() == raw


def test_undo_asks_on_a_terminal(started, monkeypatch):
    import paintrack.cli.corrections as corrections_cli

    monkeypatch.setattr(corrections_cli, "can_prompt", lambda no_input: not no_input)
    p = started
    assert p("log", "5", "--date", "2026-11-20").code == 0
    raw = p.bytes()
    r = p("undo", input="n\n")
    assert "Undo change 2 (log: added diary entry 2026-11-20)?" in r.out
    assert r.code == 2 and r.out.endswith("Nothing was changed.\n") and r.err == ""
    assert p.bytes() == raw
    r = p("undo", input="\n")  # Enter is no
    assert r.code == 2 and p.bytes() == raw
    r = p("undo", input="y\n")
    assert r.code == 0 and p.data()["diary"] == []


def test_undo_refuses_a_change_the_journal_no_longer_matches(started):
    p = started
    assert p("log", "5", "--date", "2026-11-20").code == 0
    data = p.data()
    data["diary"][0]["pain"] = 2  # edited by hand, outside paintrack: no history for it
    p.journal.write_text(json.dumps(data, indent=1) + "\n")
    raw = p.bytes()
    r = p("undo", "--yes")
    assert r.code == 1
    assert "cannot undo change 2" in r.err and "nothing was changed" in r.err
    assert "2" not in r.err.replace("change 2", "")  # the hand-edited pain is not echoed
    assert p.bytes() == raw


V1_JOURNAL = {
    "schema_version": 1,
    "baseline": {"kind": "baseline", "date": "2026-01-05", "nrs": 7, "worst": 9, "mood": 4, "red_flags": []},
    "updates": [{"kind": "update", "date": "2026-02-02", "nrs": 6}],
    "diary": [{"date": "2026-02-03", "pain": 5}],
    "evidence": [{"date": "2026-02-03", "category": "other", "text": "moved"}],
}


def test_a_migration_is_never_undone(paintrack):
    p = paintrack
    p.journal.parent.mkdir(parents=True)
    p.journal.write_text(json.dumps(V1_JOURNAL))
    assert p("log", "4", "--date", "2026-11-20").code == 0
    data = p.data()
    journal_id = data["journal_id"]
    assert [h.get("migration", False) for h in data["history"]] == [True, False]
    migrated = records(p.bytes())
    r = p("undo", "--yes")
    assert r.code == 0 and "Undid change 2 " in r.out
    raw = p.bytes()
    r = p("undo", "--yes")
    assert r.code == 1 and "nothing to undo" in r.err
    assert p.bytes() == raw
    data = p.data()
    assert data["journal_id"] == journal_id and data["schema_version"] == 2
    assert data["baseline"]["mood_interference"] == 4 and data["evidence"][0]["number"] == 1
    assert records(p.bytes()) != migrated and [e["date"] for e in data["diary"]] == ["2026-02-03"]


def test_evidence_numbers_are_never_reused(started):
    p = started
    for text in ("one", "two", "three"):
        assert p("evidence", "add", text).code == 0
    assert p("delete", "evidence", "3", "--yes").code == 0
    r = p("evidence", "add", "four")
    assert "Added evidence 4" in r.out
    assert [e["number"] for e in p.data()["evidence"]] == [1, 2, 4]
    assert p("undo", "--yes").code == 0  # the add of 4
    assert p("undo", "--yes").code == 0  # the delete of 3: number 3 is back
    assert [e["number"] for e in p.data()["evidence"]] == [1, 2, 3]
    r = p("evidence", "add", "five")
    assert "Added evidence 5" in r.out


def test_unchanged_edit_records_nothing(started):
    p = started
    assert p("log", "5", "--date", "2026-11-20").code == 0
    raw = p.bytes()
    r = p("edit", "log", "2026-11-20", "--pain", "5")
    assert r.code == 0
    assert p.bytes() == raw
    assert len(entries(p)) == 2


# --- the history on disk: one change per line, written back as stored, read lazily -------------


def history_lines(raw: bytes) -> list[bytes]:
    _, _, rest = raw.partition(b'\n "history": [\n')
    return rest.rpartition(b"\n ]\n}\n")[0].split(b",\n")


def test_each_change_is_one_line_and_stays_byte_for_byte(started):
    p = started
    for day in ("2026-11-20", "2026-11-21"):
        assert p("log", "5", "--date", day, "--note", "a note, with \"quotes\" and\ttabs").code == 0
    first = history_lines(p.bytes())
    assert len(first) == 3 and all(line.startswith(b'  {"number": ') for line in first)
    assert all(json.loads(line)["number"] == n for n, line in enumerate(first, 1))
    assert p("edit", "log", "2026-11-20", "--pain", "3").code == 0
    assert p("undo", "--yes").code == 0
    after = history_lines(p.bytes())
    assert after[:3] == first and len(after) == 5


@pytest.fixture
def decodes(monkeypatch):
    """How many history entries were decoded from their stored form."""
    from paintrack.storage import codec

    count = [0]
    real = codec._decode_line

    def counting(text):
        count[0] += 1
        return real(text)

    monkeypatch.setattr(codec, "_decode_line", counting)
    return count


def test_commands_read_only_the_changes_they_need(started, decodes):
    p = started
    for day in range(1, 21):
        assert p("log", "5", "--date", f"2026-10-{day:02d}").code == 0
    for args, most in ((("log", "4", "--date", "2026-11-20"), 1), (("report",), 0), (("list",), 0),
                       (("edit", "log", "2026-10-05", "--pain", "2"), 1), (("undo", "--yes"), 2),
                       (("undo", "--yes"), 6), (("history", "--last", "3"), 3)):
        # (an undo reads the journal twice, to ask and under the lock, walking back over the
        # latest entries each time: the second walks over the first undo and the edit it undid)
        decodes[0] = 0
        r = p(*args)
        assert r.code == 0, (args, r.text)
        assert decodes[0] <= most, (args, decodes[0])


def test_a_journal_not_in_paintracks_form_is_validated_then_rewritten(started):
    p = started
    assert p("log", "5", "--date", "2026-11-20").code == 0
    data = p.data()
    p.journal.write_text(json.dumps(data, indent=4))  # valid, but not as paintrack writes it
    r = p("list")
    assert r.code == 0 and "2026-11-20" in r.out
    r = p("doctor")
    assert "not sealed by this paintrack" in " ".join(r.out.split()), r.out  # validated on every read
    assert p("log", "4", "--date", "2026-11-21").code == 0
    assert history_lines(p.bytes())[0].startswith(b'  {"number": 1, ')
    assert p.data()["history"][:2] == data["history"]


def test_a_seal_over_bytes_in_another_form_is_not_trusted(started):
    """A seal that matches bytes paintrack did not write in its own form (only a forged one
    can): the journal is validated in full instead, and still reads."""
    from paintrack.storage.seal import journal_seal

    p = started
    assert p("log", "5", "--date", "2026-11-20").code == 0
    data = p.data()
    raw = json.dumps(data, indent=1).encode()
    p.journal.write_bytes(raw)
    p.journal.with_name("journal.json.seal").write_text(journal_seal(raw) + "\n")
    r = p("undo", "--yes")
    assert r.code == 0 and "Undid change 2 " in r.out
    assert p.data()["diary"] == []


def test_history_sequence_behaves_like_a_tuple():
    from datetime import datetime

    from paintrack.domain.history import History, appended
    from paintrack.domain.records import HistoryEntry

    when = datetime(2026, 11, 23, tzinfo=UTC)
    entries = [HistoryEntry(n, when, f"c{n}") for n in range(1, 6)]
    decoded: list[bytes] = []

    def decode(text: bytes) -> HistoryEntry:
        decoded.append(text)
        return entries[int(text) - 1]

    h = History.stored([str(n).encode() for n in range(1, 6)], decode)
    assert len(h) == 5 and decoded == []
    assert h[-1] is entries[4] and decoded == [b"5"]
    assert h[-1] is entries[4] and decoded == [b"5"]  # decoded once
    assert list(h[1:3]) == entries[1:3] and isinstance(h[1:3], History)
    assert h == tuple(entries) and h == History(entries) and h != tuple(entries[:4])
    longer = appended(h, HistoryEntry(6, when, "c6"))
    assert len(longer) == 6 and len(h) == 5
    assert [longer.stored_text(i) for i in (0, 5)] == [b"1", None]
    assert [e.number for e in reversed(longer)] == [6, 5, 4, 3, 2, 1]


def test_undo_refuses_when_another_change_lands_while_it_asks(started, monkeypatch):
    """The undo confirmed is the undo done: if another paintrack records a change while the
    question is open, nothing is undone."""
    from datetime import date, datetime

    import paintrack.cli.corrections as corrections_cli
    from paintrack.domain import history, recording
    from paintrack.domain.records import DiaryEntry
    from paintrack.storage.store import Store

    p = started
    assert p("log", "5", "--date", "2026-11-20").code == 0
    seen = {}

    def meanwhile(question, yes, no_input, flag="--yes"):
        seen["question"] = question
        when = datetime(2026, 11, 23, 21, tzinfo=UTC)
        Store(p.journal).commit(lambda j: history.commit(
            j, recording.log_changes(j, DiaryEntry(date(2026, 11, 21), 3), False), when, "log"), when)
        seen["raw"] = p.bytes()

    monkeypatch.setattr(corrections_cli, "_confirm", meanwhile)
    r = p("undo")
    assert seen["question"] == "Undo change 2 (log: added diary entry 2026-11-20)?"
    assert r.code == 1 and "the journal changed while you were asked" in r.err and "nothing was undone" in r.err
    assert p.bytes() == seen["raw"]
    assert [e["date"] for e in p.data()["diary"]] == ["2026-11-20", "2026-11-21"]
