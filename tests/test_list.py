"""`paintrack list [assessments|diary|evidence] [--from D] [--to D] [--last N] [--format
table|json|csv] [--output FILE]` (contract: "Reading and correcting"; the output guard: "Files
paintrack writes besides the journal"). Every entry with the key edit and delete take, diary
notes included."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest
from conftest import BASELINE_ARGS

NOTE = "a long note about the way the pain started after moving house last spring"


@pytest.fixture
def p(paintrack):
    assert paintrack(*BASELINE_ARGS, "--note", NOTE, "--goal", "walk 30 minutes", "--goal-ability", "3").code == 0
    for day, nrs in (("2026-02-02", "6"), ("2026-03-02", "5"), ("2026-03-30", "4")):
        assert paintrack("update", "--no-input", "--date", day, "--nrs", nrs, "--pgic", "3").code == 0
    for day, pain, note in (("2026-11-18", "6", None), ("2026-11-19", "5", "walked to the shop"),
                            ("2026-11-20", "4", "slept badly, pain lower anyway")):
        extra = ("--note", note) if note else ()
        assert paintrack("log", pain, "--date", day, "--sleep-hours", "6.5", *extra).code == 0
    for text, when in (("pain moved to the other knee", "2026-03-01"), ("worse on stressful days", "2026-11-19")):
        assert paintrack("evidence", "add", text, "--date", when, "--category", "inconsistent").code == 0
    return paintrack


def keys_in(out: str) -> list[str]:
    """The first word of each line that starts with a key (a date or an evidence number); a
    wrapped cell's next line starts with spaces."""
    found = []
    for line in out.splitlines():
        first = line.split(maxsplit=1)[0] if line.strip() and not line[0].isspace() else ""
        if (first[:4].isdigit() and len(first) == 10) or first.isdigit():
            found.append(first)
    return found


def column(out: str, title: str, heading: str) -> str:
    """The words of one column of the table titled `title`, top to bottom."""
    lines = out.splitlines()
    top = [line.strip() for line in lines].index(title)
    header = next(i for i in range(top, len(lines)) if lines[i].startswith("key "))
    names = lines[header].split()
    starts = [lines[header].index(f" {n}") + 1 if i else 0 for i, n in enumerate(names)]
    i = names.index(heading)
    start, end = starts[i], (starts[i + 1] if i + 1 < len(starts) else None)
    cells = []
    for line in lines[header + 2:]:
        if not line.strip():
            break
        cells.append(line[start:end].strip())
    return " ".join(c for c in cells if c)


def test_list_shows_every_entry_with_its_key_and_the_diary_notes(p):
    raw = p.bytes()
    r = p("list")
    assert r.code == 0, r.text
    assert keys_in(r.out) == ["2026-01-05", "2026-02-02", "2026-03-02", "2026-03-30",
                              "2026-11-18", "2026-11-19", "2026-11-20", "1", "2"]
    assert column(r.out, "Assessments", "note") == NOTE
    entered = column(r.out, "Assessments", "entered")
    for words in ("nrs 7 · worst 9 · least 4 · now 6", "walk-m 380", "red flags none", "goal-ability 3",
                  "duration-months 18", "goals walk 30 minutes", "nrs 4 · red flags not asked · pgic 3"):
        assert words in entered, words
    assert column(r.out, "Diary", "note") == "walked to the shop slept badly, pain lower anyway"
    assert column(r.out, "Diary", "sleep-hours") == "6.5 6.5 6.5"
    assert column(r.out, "Evidence", "text") == "pain moved to the other knee worse on stressful days"
    assert "paintrack edit KIND KEY" in " ".join(r.out.split())
    assert p.bytes() == raw


def test_list_one_kind(p):
    r = p("list", "diary")
    assert r.code == 0
    assert keys_in(r.out) == ["2026-11-18", "2026-11-19", "2026-11-20"]
    assert "Assessments" not in r.out and "Evidence" not in r.out
    r = p("list", "evidence")
    assert keys_in(r.out) == ["1", "2"]
    r = p("list", "Assessments")
    assert keys_in(r.out) == ["2026-01-05", "2026-02-02", "2026-03-02", "2026-03-30"]


def test_a_narrow_terminal_loses_nothing(p):
    r = p("list", env={"COLUMNS": "40"})
    assert r.code == 0
    assert max(len(line) for line in r.out.splitlines()) <= 40
    flat = " ".join(r.out.split())
    for words in (NOTE, "slept badly, pain lower anyway", "pain moved to the other knee"):
        assert words in flat, words
    for key in ("2026-01-05 baseline", "2026-11-20", "2026-03-30 update"):
        assert key in r.out


@pytest.mark.parametrize(("args", "keys"), [
    (("--from", "2026-03-01"), ["2026-03-02", "2026-03-30", "2026-11-18", "2026-11-19", "2026-11-20", "1", "2"]),
    (("--to", "2026-03-01"), ["2026-01-05", "2026-02-02", "1"]),
    (("--from", "2026-03-02", "--to", "2026-11-18"), ["2026-03-02", "2026-03-30", "2026-11-18"]),
    (("--last", "1"), ["2026-03-30", "2026-11-20", "2"]),
    (("--last", "2", "--to", "2026-11-19"), ["2026-03-02", "2026-03-30", "2026-11-18", "2026-11-19", "1", "2"]),
    (("--from", "3 days ago"), ["2026-11-20", ]),
])
def test_date_filters_and_last(p, args, keys):
    r = p("list", *args)
    assert r.code == 0, r.text
    assert keys_in(r.out) == keys


def test_nothing_in_range(p):
    r = p("list", "--from", "2026-11-21")
    assert r.code == 0
    assert "Assessments: none." in r.out and "Diary: none." in r.out and "Evidence: none." in r.out


@pytest.mark.parametrize(("args", "says"), [
    (("list", "notes"), "choose assessments, diary or evidence"),
    (("list", "--format", "xml"), "--format must be table, json or csv"),
    (("list", "--format", "csv"), "one kind at a time"),
    (("list", "--from", "2026-13-01"), "--from must be a date"),
    (("list", "--to", "2027-01-01"), "--to is in the future"),
    (("list", "--last", "0"), "--last must be a whole number"),
    (("list", "--last", "1", "--last", "2"), "--last is given twice"),
])
def test_bad_options_are_usage_errors(p, args, says):
    raw = p.bytes()
    r = p(*args)
    assert r.code == 2 and says in r.err, r.text
    assert r.out == "" and p.bytes() == raw


def test_json_has_every_field_and_the_key(p):
    r = p("list", "--format", "json")
    assert r.code == 0
    data = json.loads(r.out)
    assert set(data) == {"assessments", "diary", "evidence"}
    assert [a["key"] for a in data["assessments"]] == ["2026-01-05", "2026-02-02", "2026-03-02", "2026-03-30"]
    baseline = data["assessments"][0]
    assert baseline["note"] == NOTE and baseline["goals"] == ["walk 30 minutes"] and baseline["walk_m"] == 380
    assert baseline["red_flag_screen"]["how"] == "flags"
    assert data["diary"][2] == {"key": "2026-11-20", "date": "2026-11-20", "pain": 4, "sleep_hours": 6.5, "mood": None,
                                "stress": None, "activity_min": None, "note": "slept badly, pain lower anyway"}
    assert data["evidence"][0] == {"key": "1", "number": 1, "date": "2026-03-01", "category": "inconsistent",
                                   "text": "pain moved to the other knee"}
    r = p("list", "diary", "--format", "json", "--last", "1")
    assert [e["key"] for e in json.loads(r.out)["diary"]] == ["2026-11-20"]


def test_csv_one_kind_rfc4180(p):
    r = p("list", "diary", "--format", "csv")
    assert r.code == 0
    assert r.out.startswith("key,date,pain,sleep_hours,mood,stress,activity_min,note\r\n")
    rows = list(csv.reader(io.StringIO(r.out, newline="")))
    assert rows[3] == ["2026-11-20", "2026-11-20", "4", "6.5", "", "", "", "slept badly, pain lower anyway"]
    assert r.out.count("\r\n") == 4
    r = p("list", "evidence", "--format", "csv")
    assert list(csv.reader(io.StringIO(r.out)))[1] == ["1", "1", "2026-03-01", "inconsistent",
                                                       "pain moved to the other knee"]
    r = p("list", "assessments", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert rows[0]["key"] == "2026-01-05" and rows[0]["note"] == NOTE and rows[0]["worst"] == "9"
    assert rows[1]["pgic"] == "3" and rows[1]["worst"] == ""


def test_output_file_is_private_and_refuses_to_replace(p, tmp_path):
    target = tmp_path / "diary.csv"
    r = p("list", "diary", "--format", "csv", "--output", str(target))
    assert r.code == 0 and "Written to" in r.out
    assert target.read_bytes().startswith(b"key,date,pain,sleep_hours,mood,stress,activity_min,note\r\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_bytes()
    r = p("list", "diary", "--format", "csv", "--last", "1", "--output", str(target))
    assert r.code == 2 and "--force" in r.err
    assert target.read_bytes() == first
    r = p("list", "diary", "--format", "csv", "--last", "1", "--output", str(target), "--force")
    assert r.code == 0 and target.read_text().count("\n") == 2
    table = tmp_path / "all.txt"
    assert p("list", "--output", str(table)).code == 0
    assert column(table.read_text(), "Assessments", "note") == NOTE


def test_output_never_replaces_the_journal_or_its_files(p, tmp_path):
    raw = p.bytes()
    folder = p.journal.parent
    os.link(p.journal, tmp_path / "hard-link.json")
    (tmp_path / "soft-link.json").symlink_to(p.journal)
    for target in (p.journal, folder / "journal.json.bak.1", folder / "journal.json.lock",
                   folder / "journal.json.seal", tmp_path / "hard-link.json", tmp_path / "soft-link.json"):
        for force in ((), ("--force",)):
            r = p("list", "--format", "json", "--output", str(target), *force)
            assert r.code == 2, (target, r.text)
            assert p.bytes() == raw
    r = p("list", "--format", "json", "--output", str(tmp_path))
    assert r.code == 2
    r = p("list", "--format", "json", "--output", "/dev/null", "--force")
    assert r.code == 2 and p.bytes() == raw


def test_output_dash_is_stdout(p):
    r = p("list", "evidence", "--format", "csv", "--output", "-")
    assert r.code == 0 and r.out.startswith("key,number,date,category,text\r\n")


def test_list_without_a_journal_writes_nothing(paintrack):
    r = paintrack("list")
    assert r.code == 0 and "Assessments: none." in r.out
    assert not paintrack.journal.parent.exists() or not any(paintrack.journal.parent.iterdir())
