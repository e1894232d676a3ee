"""`paintrack report` and `paintrack demo` through the real `main()`."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import types
from datetime import date

import pytest

from conftest import BASELINE_ARGS
from paintrack.models import Plan, PlanItem
from paintrack.store import Store

COURSE = [("2026-08-24", "7"), ("2026-09-21", "6"), ("2026-10-19", "6"), ("2026-11-16", "4")]


def report_json(paintrack) -> dict:
    r = paintrack("report", "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_scripted_course(paintrack):
    """Baseline NRS 8, plan graded-exercise + cbt, updates every 4 weeks at 7, 6, 6, 4."""
    assert paintrack("baseline", "--no-input", "--nrs", "8", "--date", "2026-07-27", "--duration-months", "12").code == 0
    with Store(paintrack.journal).transaction() as journal:  # `paintrack plan` is another command
        start = date(2026, 7, 27)
        journal.plan = Plan(start=start, modalities=[PlanItem(id="graded-exercise", start=start),
                                                     PlanItem(id="cbt", start=start)])
    stalled_after = []
    for when, nrs in COURSE:
        assert paintrack("update", "--no-input", "--nrs", nrs, "--date", when).code == 0
        data = report_json(paintrack)
        stalled_after.append("stalled" in [a["code"] for a in data["alerts"]])
    assert stalled_after == [False, False, True, False]  # only after 6 → 6
    assert data["change"]["nrs_reduction_pct"] == 50.0
    assert data["change"]["nrs_reduction_points"] == 4
    assert data["immpact"] == "substantial" and data["reversal"] is True
    assert data["pain_free_or_nearly"] is False
    assert data["next_update_due"] == "2026-12-14"  # 2026-11-16 + 28 days
    assert data["generated"] == "2026-11-23"
    assert [a["nrs"] for a in data["assessments"]] == [8, 7, 6, 6, 4]
    assert [m["id"] for m in data["plan"]["modalities"]] == ["graded-exercise", "cbt"]
    assert data["expected"] is not None and data["status"] in ("ahead", "on_track", "behind")
    assert data["alerts"] == []  # nothing else applies: chronic, on time, no flags, no opioids


def test_json_is_utf8_indented_and_complete(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-02-02", "--note", "Knie besser — gut").code == 0
    r = paintrack("report", "--format", "json")
    assert r.out.startswith('{\n  "schema": "paintrack.report/1"')
    assert "Knie besser — gut" in r.out  # ensure_ascii=False
    data = json.loads(r.out)
    assert data["latest"]["nrs"] == 5 and data["baseline"]["nrs"] == 7
    assert data["change"]["nrs_reduction_pct"] == round(200 / 7, 1)
    assert data["immpact"] == "minimal" and data["status"] == "no_plan"
    # the latest (2026-02-02) is 294 days old; only 4 weeks after the baseline, so no advanced options
    assert [a["code"] for a in data["alerts"]] == ["update_overdue"]
    assert "294 days ago" in data["alerts"][0]["message"]


def test_rich_report_is_plain_when_piped(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-11-16").code == 0
    r = paintrack("report")
    assert r.code == 0, r.err
    assert "\x1b[" not in r.out
    assert "Pain progress report" in r.out and "Pain 7 → 5: down 2 points, 28.6% reduction" in r.out
    assert "Next update due: 2026-12-14" in r.out and "not medical advice" in r.out


def test_report_with_gaps_does_not_crash(paintrack):
    assert paintrack("baseline", "--no-input", "--nrs", "8", "--date", "2026-10-01").code == 0
    assert paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-10-29").code == 0
    r = paintrack("report")
    assert r.code == 0, r.err
    assert "BPI severity — · BPI interference —" in r.out
    data = report_json(paintrack)
    assert data["latest"]["bpi_severity"] is None and data["change"]["walk_m_gain"] is None
    assert data["change"]["nrs_reduction_pct"] == 25.0


def test_report_without_baseline(paintrack):
    r = paintrack("report")
    assert r.code == 1 and "no baseline" in r.err and "paintrack baseline" in r.err
    assert not paintrack.journal.exists()


@pytest.mark.parametrize("name, fmt", [("r.json", None), ("r.txt", None), ("r.out", "json")])
def test_output_file_is_private_and_matches(paintrack, tmp_path, name, fmt):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-11-16").code == 0
    target = tmp_path / name
    r = paintrack("report", "--output", str(target), *(("--format", fmt) if fmt else ()))
    assert r.code == 0, r.err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    if name.endswith(".txt"):
        assert "Pain progress report" in text and max(len(line) for line in text.splitlines()) <= 80
    else:
        assert json.loads(text) == report_json(paintrack)
    assert str(target) in r.out


@pytest.mark.parametrize(
    "args, words",
    [(("--format", "pdf"), "--format must be one of"), (("--output", "r.pdf"), "extension"),
     (("--format", "json", "--patient-id", "p1"), "--patient-id applies to --format fhir only")],
)
def test_bad_options_exit_2(paintrack, tmp_path, args, words):
    assert paintrack(*BASELINE_ARGS).code == 0
    r = paintrack("report", *[str(tmp_path / a) if a.startswith("r.") else a for a in args])
    assert r.code == 2 and words in r.err
    assert list(tmp_path.glob("r.*")) == []


@pytest.mark.parametrize("fmt", ["markdown", "html", "csv", "fhir"])
def test_missing_renderer_is_a_clear_error(paintrack, monkeypatch, fmt):
    assert paintrack(*BASELINE_ARGS).code == 0
    monkeypatch.setitem(sys.modules, f"paintrack.render.{fmt}", None)  # as if the module were absent
    r = paintrack("report", "--format", fmt)
    assert r.code == 1
    assert r.err.splitlines()[0] == f"paintrack: error: the {fmt} report is not available in this build"


@pytest.mark.parametrize("name, fmt, options", [("r.md", "markdown", {}), ("r.htm", "html", {}),
                                                ("r.csv", "csv", {}), ("r.x", "fhir", {"patient_id": "p-1"})])
def test_renderers_get_the_report_data(paintrack, monkeypatch, tmp_path, name, fmt, options):
    assert paintrack(*BASELINE_ARGS).code == 0
    calls = []
    fake = types.ModuleType(f"paintrack.render.{fmt}")
    fake.render = lambda report, **kw: calls.append((report, kw)) or f"{fmt} of {report['baseline']['date']} ü\n"
    monkeypatch.setitem(sys.modules, f"paintrack.render.{fmt}", fake)
    extra = ("--format", "fhir", "--patient-id", "p-1") if fmt == "fhir" else ()
    r = paintrack("report", "--output", str(tmp_path / name), *extra)
    assert r.code == 0, r.err
    assert (tmp_path / name).read_bytes() == f"{fmt} of 2026-01-05 ü\n".encode()
    (report, kw), = calls
    assert report == report_json(paintrack) and kw == options


def test_demo_prints_the_full_report_and_leaves_the_journal_alone(paintrack):
    r = paintrack("demo")
    assert r.code == 0, r.err
    for part in ("Pain progress report", "Assessments", "Trends", "Change since baseline", "IMMPACT: substantial",
                 "REVERSAL", "Expected vs actual", "Next update due: 2026-12-21", "not medical advice",
                 "Sample journal:"):
        assert part in r.out, part
    assert r.out.count("update  ") >= 6
    assert not paintrack.journal.exists()


def test_report_in_a_real_subprocess(tmp_path):
    env = {**os.environ, "PAINTRACK_TODAY": "2026-11-23", "NO_COLOR": "1", "PAINTRACK_JOURNAL": str(tmp_path / "j.json")}
    run = lambda *a: subprocess.run([sys.executable, "-m", "paintrack", *a], env=env, capture_output=True, text=True)
    assert run(*BASELINE_ARGS).returncode == 0
    r = run("report", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["baseline"]["nrs"] == 7


@pytest.mark.parametrize("updates", [12, 1500])  # the standard library's encoder, then pydantic's
def test_both_json_encoders_write_the_same_text(updates):
    from pydantic_core import to_json

    from paintrack.catalogue import load_catalogue
    from paintrack.render.json import RUST_ENCODER_ROWS
    from paintrack.render.json import render as json_text
    from paintrack.demo import sample_journal
    from paintrack.models import Assessment
    from paintrack.report import build_report

    today = date(2026, 11, 23)
    journal = sample_journal(today)
    start = journal.baseline.date
    journal.updates = [
        Assessment(kind="update", date=date.fromordinal(start.toordinal() + 1 + i), nrs=i % 11,
                   walk_m=300 + i % 7 / 3, note="décalé – ça va ✓" if i % 5 == 0 else None)
        for i in range(updates)
    ]
    journal.baseline = journal.baseline.model_copy(update={"date": start})
    data = build_report(journal, load_catalogue(), max(today, journal.updates[-1].date))
    assert (len(data["assessments"]) > RUST_ENCODER_ROWS) == (updates > RUST_ENCODER_ROWS)
    text = json_text(data)
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert text == to_json(data, indent=2).decode("utf-8") + "\n"
    assert "décalé – ça va ✓" in text
