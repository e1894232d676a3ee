"""`paintrack plan --calendar FILE.ics`: the dated schedule as RFC 5545 events, read back with
the `icalendar` package; stable UIDs (importing twice does not duplicate); the output guard."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import BASELINE_ARGS

icalendar = pytest.importorskip("icalendar")

START = date(2026, 2, 2)
BASELINE = date(2026, 1, 5)


@pytest.fixture
def planned(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("plan", "--add", "pain-education", "--add", "cbt", "--add", "duloxetine", "--start", str(START))
    assert r.code == 0, r.err
    return paintrack


def _events(path: Path) -> list:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    return list(cal.walk("VEVENT"))


def _summary(event) -> str:
    return str(event["SUMMARY"])


def _day(event, key: str) -> date:
    return event[key].dt


def test_the_schedule_as_events(planned, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    r = planned("plan", "--calendar", str(out))
    assert r.code == 0, r.err
    events = _events(out)
    assert f"Calendar written to {out}: {len(events)} events." in " ".join(r.out.split())
    for e in events:
        assert e["UID"] and e["DTSTAMP"] and _summary(e).startswith("paintrack: ")
        assert _day(e, "DTEND") > _day(e, "DTSTART")  # all-day: the end is exclusive
    remeasure = sorted(_day(e, "DTSTART") for e in events if _summary(e) == "paintrack: Re-measure")
    assert remeasure[0] == BASELINE + timedelta(days=28)
    assert {b - a for a, b in zip(remeasure, remeasure[1:])} == {timedelta(days=28)}
    assert len(remeasure) >= 6  # at least six months of re-measures
    cbt = next(e for e in events if "8-week module" in _summary(e))
    assert (_day(cbt, "DTSTART"), _day(cbt, "DTEND")) == (START, START + timedelta(weeks=8, days=1))
    follow_up = [e for e in events if _summary(e) == "paintrack: Medication follow-up"]
    assert [_day(e, "DTSTART") for e in follow_up] == [START + timedelta(weeks=4)]
    assert "side-effects" in str(follow_up[0]["DESCRIPTION"])
    start = next(e for e in events if _summary(e).startswith("paintrack: Start: Duloxetine"))
    assert _day(start, "DTSTART") == START
    check = next(e for e in events if "consider advanced options" in _summary(e))
    assert _day(check, "DTSTART") == START + timedelta(weeks=12)
    assert _day(check, "DTEND") == START + timedelta(weeks=16, days=1)
    # a long description is folded and reads back whole
    assert str(check["DESCRIPTION"]) == ("if pain remains above 5/10, discuss spinal cord stimulation or "
                                         "radiofrequency ablation with your specialist")
    education = next(e for e in events if _summary(e) == "paintrack: Education first")
    assert _day(education, "DTSTART") == START


def test_the_file_is_rfc5545_text(planned, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    assert planned("plan", "--calendar", str(out)).code == 0
    data = out.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # folded continuation lines
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


def test_uids_are_unique_and_stable_across_runs(planned, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert planned("plan", "--calendar", str(first)).code == 0
    assert planned("plan", "--calendar", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()  # the same journal: the same file
    uids = [str(e["UID"]) for e in _events(first)]
    assert len(uids) == len(set(uids))
    # a change to the plan keeps every earlier event's UID: importing again updates, never duplicates
    assert planned("plan", "--add", "mbsr", "--start", "2026-03-02").code == 0
    assert planned("plan", "--calendar", str(second), "--force").code == 0
    later = {str(e["UID"]): e for e in _events(second)}
    assert set(uids) <= set(later)
    assert len(later) == len(_events(second))
    mbsr = [e for e in later.values() if "Mindfulness" in _summary(e)]
    assert len(mbsr) == 1 and _day(mbsr[0], "DTSTART") == date(2026, 3, 2)
    # the re-imported events are newer: a higher SEQUENCE, a DTSTAMP not older
    old = {(e["DTSTAMP"].dt, int(e["SEQUENCE"])) for e in _events(first)}
    new = {(e["DTSTAMP"].dt, int(e["SEQUENCE"])) for e in later.values()}
    assert len(old) == len(new) == 1
    (old_stamp, old_seq), (new_stamp, new_seq) = old.pop(), new.pop()
    assert new_seq > old_seq and new_stamp >= old_stamp


def test_uids_differ_between_journals(planned, tmp_path: Path) -> None:
    from conftest import Paintrack

    other = Paintrack(tmp_path / "other" / "journal.json")
    assert other(*BASELINE_ARGS).code == 0
    assert other("plan", "--add", "pain-education", "--add", "cbt", "--add", "duloxetine", "--start", str(START)).code == 0
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    assert planned("plan", "--calendar", str(a)).code == 0
    assert other("plan", "--calendar", str(b)).code == 0
    assert not {str(e["UID"]) for e in _events(a)} & {str(e["UID"]) for e in _events(b)}


def test_standard_output_holds_the_calendar_alone(planned) -> None:
    r = planned("plan", "--calendar", "-")
    assert r.code == 0
    cal = icalendar.Calendar.from_ical(r.out.encode())
    assert len(list(cal.walk("VEVENT"))) > 10
    assert "Your plan" not in r.out


def test_an_existing_file_needs_force(planned, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    out.write_text("mine")
    r = planned("plan", "--calendar", str(out))
    assert r.code == 2
    assert "--calendar" in r.err and "already exists" in r.err and "--force" in r.err
    assert out.read_text() == "mine"
    assert "Your plan" not in r.out  # refused before anything is shown or changed
    assert planned("plan", "--calendar", str(out), "--force").code == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_the_guard_protects_the_journal(planned, tmp_path: Path) -> None:
    before = planned.bytes()
    link = tmp_path / "plan.ics"
    link.symlink_to(planned.journal)
    for target in (link, planned.journal.with_suffix(".ics")):
        if target != link:
            os.link(planned.journal, target)  # a hard link with a calendar's name
        r = planned("plan", "--calendar", str(target), "--force")
        assert r.code == 2, target
        assert "journal" in r.err
    assert planned.bytes() == before


@pytest.mark.parametrize("raw, words", [
    ("plan.txt", "ending in .ics"),
    ("missing/plan.ics", "does not exist"),
])
def test_bad_calendar_names(planned, tmp_path: Path, raw: str, words: str) -> None:
    r = planned("plan", "--calendar", str(tmp_path / raw))
    assert r.code == 2 and words in r.err
    assert not (tmp_path / raw).exists()


def test_a_folder_is_refused(planned, tmp_path: Path) -> None:
    folder = tmp_path / "folder.ics"
    folder.mkdir()
    r = planned("plan", "--calendar", str(folder), "--force")
    assert r.code == 2 and "is a folder" in r.err


def test_no_plan_no_calendar(paintrack, tmp_path: Path) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    out = tmp_path / "plan.ics"
    r = paintrack("plan", "--calendar", str(out))
    assert r.code == 1
    assert "no plan yet" in r.err and "paintrack plan --add ID" in r.err
    assert not out.exists()


def test_added_and_written_in_one_command(paintrack, tmp_path: Path) -> None:
    assert paintrack(*BASELINE_ARGS).code == 0
    out = tmp_path / "plan.ics"
    r = paintrack("plan", "--add", "cbt", "--start", str(START), "--calendar", str(out))
    assert r.code == 0, r.err
    assert any("8-week module" in _summary(e) for e in _events(out))


def test_an_update_off_the_cycle_re_times_the_coming_re_measures(planned, tmp_path: Path) -> None:
    """One next-update date everywhere: after an update 5 weeks (not 4) after the baseline, the
    calendar, the plan view and the report's next steps all re-measure 28 days after it, as the
    report's `next_update_due` says."""
    update = BASELINE + timedelta(days=36)
    assert planned("update", "--no-input", "--nrs", "5", "--date", str(update)).code == 0
    out = tmp_path / "plan.ics"
    assert planned("plan", "--calendar", str(out)).code == 0
    remeasure = sorted(_day(e, "DTSTART") for e in _events(out) if _summary(e) == "paintrack: Re-measure")
    assert remeasure[:3] == [BASELINE + timedelta(days=28), update + timedelta(days=28), update + timedelta(days=56)]
    assert update + timedelta(days=21) not in remeasure  # the old cycle's date (baseline + 56) is gone
    import json

    with_today = {"PAINTRACK_TODAY": str(update)}
    report = json.loads(planned("report", "--format", "json", env=with_today).out)
    assert report["next_update_due"] == str(update + timedelta(days=28))
    coming = [s["date"] for s in report["schedule_next"] if s["kind"] == "re-measure"]
    assert coming[0] == str(update + timedelta(days=28))
    view = " ".join(planned("plan", env=with_today).out.split())
    assert f"{update + timedelta(days=28)} Re-measure" in view and f"{BASELINE + timedelta(days=56)} Re-measure" not in view


def test_an_overdue_re_measure_shows_as_overdue_in_the_plan_and_the_report(planned) -> None:
    """No update 41 days after the baseline: the re-measure due at day 28 is the next step, marked
    overdue, in the plan view and the report's next steps, on the report's next-update date."""
    import json

    late = {"PAINTRACK_TODAY": str(BASELINE + timedelta(days=41))}
    due = BASELINE + timedelta(days=28)
    report = json.loads(planned("report", "--format", "json", env=late).out)
    assert report["next_update_due"] == str(due)
    first = next(s for s in report["schedule_next"] if s["kind"] == "re-measure")
    assert first["date"] == str(due) and first["title"] == "Re-measure (overdue)"
    view = " ".join(planned("plan", env=late).out.split())
    assert f"{due} Re-measure (overdue): it was due {due}" in view
