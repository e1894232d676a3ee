"""The context a clinician needs, in every human format; whose report it is (`--patient-name`,
`--patient-id`), for one report or stored with `--remember` until `--forget`."""

from __future__ import annotations

import io
import json
import sys
import types
from dataclasses import replace
from datetime import datetime

import pytest
from pypdf import PdfReader
from test_format_html import NO_CHROMIUM, demo, page_text, screen

from paintrack.storage.store import Store


def store(paintrack, journal=None) -> None:
    Store(paintrack.journal).replace_all(journal or demo(), datetime(2026, 11, 23, 12).astimezone())


def rich_journal():
    """The demo with an active red flag, side effects and evidence: every kind of context."""
    j = demo()
    last = replace(j.updates[-1], red_flag_screen=screen("fever"), side_effects=("nausea",))
    return replace(j, updates=j.updates[:-1] + (last,))


CONTEXT = (
    "Patient: Ann Example, id p-17",
    "18 months", "lower back",  # duration and locations
    "walk 30 minutes", "garden for an hour",  # the goals
    "sessions/week", "min/week",  # adherence
    "nausea",  # side effects
    "Slept badly; stiff all day.", "Worse after a long drive; better once I kept walking.",  # notes
    "Red flag reported on 2026-11-23: fever or feeling very unwell with the pain",
    "some other conditions show some of them too",  # the evidence sheet's caveat
    "Expected ranges are averages of groups of people in trials",
    "paintrack is a tracking aid, not medical advice",
    "next update due 2026-12-21",  # compared without colons: "Next update due: …" on the page
)


def human_texts(paintrack, tmp_path, *flags: str) -> dict[str, str]:
    texts = {
        "terminal": paintrack("report", *flags).out,
        "markdown": paintrack("report", "--format", "md", *flags).out.replace("\\", ""),
    }
    assert paintrack("report", "-o", str(tmp_path / "r.html"), "--force", *flags).code == 0
    texts["html"] = page_text((tmp_path / "r.html").read_text(encoding="utf-8"))
    return {k: " ".join(v.split()) for k, v in texts.items()}


def test_the_context_is_in_every_human_format(paintrack, tmp_path):
    store(paintrack, rich_journal())
    for name, text in human_texts(paintrack, tmp_path, "--patient-name", "Ann Example", "--patient-id", "p-17").items():
        for expected in CONTEXT:
            assert expected.lower().replace(":", "") in text.lower().replace(":", ""), (name, expected)
        assert text.lower().count("not medical advice") == 1, name


@pytest.mark.chromium
@pytest.mark.skipif(NO_CHROMIUM is not None, reason=str(NO_CHROMIUM))
def test_the_context_is_in_the_pdf(paintrack, tmp_path):
    store(paintrack, rich_journal())
    out = tmp_path / "r.pdf"
    assert paintrack("report", "-o", str(out), "--patient-name", "Ann Example", "--patient-id", "p-17").code == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split()).lower()
    assert len(reader.pages) == 1
    for expected in CONTEXT:
        assert expected.lower().replace(":", "") in text.replace(":", ""), expected


def test_a_name_for_one_report_is_not_kept(paintrack, tmp_path):
    store(paintrack)
    before = paintrack.bytes()
    done = paintrack("report", "--patient-name", "Ann Example")
    assert done.code == 0 and "Patient: Ann Example" in done.out
    assert paintrack.bytes() == before
    assert "Patient:" not in paintrack("report").out
    data = json.loads(paintrack("report", "--format", "json", "--patient-id", "p-17").out)
    assert data["patient"] == {"name": None, "id": "p-17"}
    assert json.loads(paintrack("report", "--format", "json").out)["patient"] is None


def test_remember_stores_the_name_line_until_forget(paintrack):
    store(paintrack)
    done = paintrack("report", "--format", "md", "--patient-name", "Ann Example", "--patient-id", "p-17", "--remember")
    assert done.code == 0 and "**Patient: Ann Example, id p\\-17**" not in done.out
    assert "**Patient: Ann Example, id p-17**" in done.out
    assert "stored in the journal" in done.err and "--forget" in done.err
    assert paintrack.data()["settings"] == {"patient_name": "Ann Example", "patient_id": "p-17"}
    assert "Patient: Ann Example, id p-17" in paintrack("report").out  # every later report
    # a flag overrides the stored value for one report; --remember with one keeps the other
    assert "Patient: Ann E., id p-17" in paintrack("report", "--patient-name", "Ann E.").out
    assert paintrack("report", "--patient-id", "p-18", "--remember").code == 0
    assert paintrack.data()["settings"] == {"patient_name": "Ann Example", "patient_id": "p-18"}
    history = paintrack("history", "--last", "3").out
    assert history.count("report --remember") == 2
    done = paintrack("report", "--forget")
    assert done.code == 0 and "Patient:" not in done.out and "removed" in done.err
    assert "settings" not in paintrack.data()
    assert paintrack("undo", "--yes").code == 0  # the history can bring it back
    assert paintrack.data()["settings"]["patient_id"] == "p-18"


def test_remembering_the_same_again_changes_nothing(paintrack):
    store(paintrack)
    assert paintrack("report", "--patient-id", "p-1", "--remember").code == 0
    after = paintrack.bytes()
    assert paintrack("report", "--patient-id", "p-1", "--remember").code == 0
    assert paintrack.bytes() == after


@pytest.mark.parametrize(("args", "message"), [
    (("--patient-id", "p 17"), "--patient-id must be a FHIR id"),
    (("--patient-id", "x" * 65), "--patient-id must be a FHIR id"),
    (("--patient-name", "Ann\x1b[2J"), "--patient-name must not contain control characters"),
    (("--patient-name", "   "), "--patient-name must not be empty"),
    (("--patient-name", "A" * 201), "--patient-name is 201 characters long; at most 200 are kept"),
    (("--remember",), "--remember stores --patient-name or --patient-id: give at least one"),
    (("--patient-id", "p1", "--remember", "--forget"), "--remember and --forget cannot be used together"),
    (("--patient-name", "Ann", "--forget"), "--forget removes the stored name and id"),
])
def test_bad_name_line_flags_are_usage_errors_that_echo_nothing(paintrack, args, message):
    store(paintrack)
    before = paintrack.bytes()
    done = paintrack("report", *args)
    assert done.code == 2 and message in done.err
    assert "p 17" not in done.err and "Ann" not in done.err.replace("--patient-name", "")
    assert paintrack.bytes() == before


def test_a_name_or_id_just_inside_the_limits(paintrack):
    store(paintrack)
    assert paintrack("report", "--patient-name", "A" * 200).code == 0
    assert paintrack("report", "--patient-id", "x" * 64).code == 0


def test_remember_without_a_baseline_saves_nothing(paintrack):
    done = paintrack("report", "--patient-name", "Ann", "--remember")
    assert done.code == 1 and "no baseline" in done.err
    assert paintrack.bytes() is None


def test_the_fhir_export_still_gets_the_patient_id(paintrack, monkeypatch):
    seen = {}

    def render(report, patient_id=None):
        seen.update(patient_id=patient_id, patient=report.patient)
        return "{}\n"

    fake = types.ModuleType("paintrack.render.formats.fhir")
    fake.render = render  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "paintrack.render.formats.fhir", fake)
    store(paintrack)
    done = paintrack("report", "--format", "fhir", "--patient-id", "abc-123")
    assert done.code == 0, done.err
    assert seen["patient_id"] == "abc-123" and seen["patient"].id == "abc-123"
    paintrack("report", "--format", "fhir")
    assert seen["patient_id"] is None


@pytest.mark.parametrize(("sessions", "shown"), [("1", "graded exercise 1 session/week"),
                                                  ("2", "graded exercise 2 sessions/week"),
                                                  ("0", "graded exercise 0 sessions/week")])
def test_adherence_says_one_session_in_the_singular(paintrack, sessions, shown):
    from conftest import BASELINE_ARGS

    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--exercise-sessions", sessions)
    assert r.code == 0, r.text
    out = " ".join(paintrack("report").out.replace("│", " ").split())
    assert shown in out
