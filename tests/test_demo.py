"""Demo v2: a modest, realistic six-month course (about a third less pain, IMMPACT moderate, as
expected within the plan's range, not a reversal), a one-point change that no longer flips the
status, and repeated demos that reuse one folder and never touch the user's journal."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date

import pytest

from paintrack.domain import diary
from paintrack.domain.demo import sample_journal
from paintrack.domain.records import Journal
from paintrack.domain.report import build_report
from paintrack.storage.catalogue_file import load_catalogue

TODAY = date(2026, 11, 23)
CATALOGUE = load_catalogue()


def with_latest_nrs(journal: Journal, nrs: int) -> Journal:
    return replace(journal, updates=(*journal.updates[:-1], replace(journal.updates[-1], nrs=nrs)))


def test_a_modest_course_not_a_reversal():
    r = build_report(sample_journal(TODAY), CATALOGUE, TODAY)
    assert (r.baseline.nrs, r.latest.nrs) == (6, 4)
    assert r.change is not None and 25 <= r.change.nrs_reduction_pct <= 40  # type: ignore[operator]
    assert r.immpact == "moderate"
    assert r.worsened is False
    assert r.reversal is False
    assert r.reversal_criteria is not None and not r.reversal_criteria.halved_sustained
    assert r.pain_free_or_nearly is False
    assert r.status == "as_expected"
    assert r.pgic_immpact == "minimal"
    assert [a.level for a in r.alerts if a.level != "info"] == []  # nothing urgent in a calm course
    assert len(r.assessments) == 7 and r.latest.date == TODAY


@pytest.mark.parametrize(("nrs", "status"), [
    (3, "better_than_expected"), (4, "as_expected"), (5, "as_expected"), (6, "less_than_expected")])
def test_one_point_either_way_does_not_flip_the_status(nrs, status):
    """v1: NRS 4 'on track', NRS 5 'behind'. v2: both within one rating's measurement error of
    the projected 4.8 (3.8 to 5.8)."""
    r = build_report(with_latest_nrs(sample_journal(TODAY), nrs), CATALOGUE, TODAY)
    assert r.expected is not None
    assert (r.expected.projected_nrs_low, r.expected.projected_nrs_high) == (4.8, 4.8)
    assert r.status == status


def test_the_diary_eases_with_the_course_and_has_a_real_sleep_link():
    j = sample_journal(TODAY)
    weeks = diary.weekly_mean_pain(j.diary)
    assert len(weeks) == 8 and all(w.days == 7 for w in weeks)
    assert weeks[0].mean - weeks[-1].mean >= 0.7
    sleep = next(a for a in diary.associations(j.diary) if a.factor == "sleep_hours")
    assert sleep.same_day_rho is not None and sleep.ci_high is not None and sleep.ci_high < 0


def test_the_sample_is_dated_to_end_today_whatever_today_is():
    for today in (date(2026, 11, 22), date(2027, 2, 3)):
        j = sample_journal(today)
        assert j.latest().date == today  # type: ignore[union-attr]
        assert j.diary[-1].date <= today and (today - j.diary[-1].date).days < 7


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_repeated_demos_reuse_one_folder_and_never_touch_the_users_journal(paintrack, temp_dir):
    first = paintrack("demo")
    assert first.code == 0, first.text
    second = paintrack("demo")
    assert second.code == 0, second.text
    folders = [p for p in temp_dir.iterdir()]
    assert len(folders) == 1 and folders[0].name.startswith("paintrack-demo-")
    assert (folders[0].stat().st_mode & 0o777) == 0o700
    path = folders[0] / "journal.json"
    assert f"Sample journal: {path}" in first.out.replace("\n", "")
    assert f"Sample journal: {path}" in second.out.replace("\n", "")
    assert sorted(p.name for p in folders[0].iterdir() if not p.name.endswith((".lock", ".seal"))) == ["journal.json"]
    assert paintrack.bytes() is None  # the user's journal (--journal) was never written


def test_the_demo_report_reads_as_modest(paintrack, temp_dir):
    out = " ".join(paintrack("demo").out.split())
    assert "Pain 6 → 4: down 2 points (33.3% less); IMMPACT: moderate improvement" in out
    assert "within the range the trials suggest (allowing one point of measurement error)" in out
    assert "REVERSAL" not in out and "★" not in out
    assert "pain halved and sustained no" in out


def test_the_demo_refuses_a_folder_that_is_not_its_own(paintrack, temp_dir):
    import os

    target = temp_dir / "elsewhere"
    target.mkdir()
    os.symlink(target, temp_dir / f"paintrack-demo-{os.getuid()}")
    r = paintrack("demo")
    assert r.code == 1 and "is not a private folder of yours" in r.err
    assert list(target.iterdir()) == []


def test_demo_folder_is_one_private_folder(temp_dir):
    import os

    from paintrack.storage.store import demo_folder

    first = demo_folder()
    assert first.parent == temp_dir and first.name == f"paintrack-demo-{os.getuid()}"
    os.chmod(first, 0o755)
    assert demo_folder() == first
    assert (first.stat().st_mode & 0o777) == 0o700
    assert [p for p in temp_dir.iterdir()] == [first]


# --- the closing hint, run as printed by a shell ----------------------------------------------------

def _hint_after(argv: list[str], cwd, env: dict[str, str]) -> str:
    import subprocess

    r = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    hints = [line for line in r.stdout.splitlines() if line.startswith("Try: ")]
    assert len(hints) == 1, r.stdout
    return hints[0][len("Try: "):]


@pytest.mark.parametrize("how", ["relative script", "absolute script", "on PATH", "python -m"])
def test_the_hint_runs_as_printed_where_paintrack_is_not_on_path(tmp_path, how):
    """After the README's first command (`.venv/bin/paintrack demo`, paintrack not on PATH) the
    printed `Try: …` must run in a shell from the same folder (it said `paintrack`: rc 127)."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("paintrack")
    if not script.exists():
        pytest.skip("needs the installed console script")
    (tmp_path / "tmp").mkdir()
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "paintrack").symlink_to(script)  # as if installed here
    path = os.pathsep.join(d for d in ("/usr/bin", "/bin") if os.path.isdir(d))
    if how == "on PATH":
        path = f"{tmp_path / '.venv' / 'bin'}{os.pathsep}{path}"
    env = {"PATH": path, "HOME": str(tmp_path), "TMPDIR": str(tmp_path / "tmp"), "NO_COLOR": "1", "LC_ALL": "C.UTF-8"}
    assert how == "on PATH" or shutil.which("paintrack", path=path) is None
    argv = {"relative script": [".venv/bin/paintrack", "demo"], "absolute script": [str(script), "demo"],
            "on PATH": ["paintrack", "demo"], "python -m": [sys.executable, "-m", "paintrack", "demo"]}[how]
    hint = _hint_after(argv, tmp_path, env)
    expected = {"relative script": ".venv/bin/paintrack --journal ", "absolute script": f"{script} --journal ",
                "on PATH": "paintrack --journal ", "python -m": f"{sys.executable} -m paintrack --journal "}[how]
    assert hint.startswith(expected), hint
    r = subprocess.run(["sh", "-c", hint], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, (hint, r.stderr)
    assert (tmp_path / "demo.html").stat().st_size > 0 if "-o demo.html" in hint else True
