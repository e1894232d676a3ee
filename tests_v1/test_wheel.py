"""The installed (non-editable) wheel finds data/modalities.toml inside the package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd: Path, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_installed_wheel_lists_the_catalogue(tmp_path: Path):
    # 1. build the wheel (pip's cache supplies hatchling)
    dist = tmp_path / "dist"
    built = run(sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(dist), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("paintrack-*.whl")
    # 2. install it into a fresh venv, not editable
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", str(venv), cwd=tmp_path).returncode == 0
    bin_ = venv / ("Scripts" if os.name == "nt" else "bin")
    installed = run(str(bin_ / "python"), "-m", "pip", "install", "-q", str(wheel), cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    # 3. run it far from the source tree: the catalogue must come from the installed package
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAINTRACK")}
    env.update(NO_COLOR="1", COLUMNS="200", PAINTRACK_JOURNAL=str(tmp_path / "j" / "journal.json"))
    where = run(str(bin_ / "python"), "-c", "from paintrack.catalogue import default_path; print(default_path())",
                cwd=tmp_path, env=env)
    path = Path(where.stdout.strip())
    assert path.is_file() and venv in path.parents and path.parts[-2:] == ("data", "modalities.toml")
    listed = run(str(bin_ / "paintrack"), "plan", "--list", cwd=tmp_path, env=env)
    assert listed.returncode == 0, listed.stderr
    for modality_id in ("graded-exercise", "prt", "rfa"):
        assert modality_id in listed.stdout
    assert "Ashar et al. 2022" in listed.stdout
