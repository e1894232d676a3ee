"""The installed (non-editable) wheel finds data/modalities.toml inside the package and runs
`paintrack demo` far from the source tree."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd: Path, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_an_installed_wheel_finds_its_catalogue_and_runs_the_demo(tmp_path: Path):
    # 1. build the wheel (pip's cache supplies hatchling)
    dist = tmp_path / "dist"
    built = run(sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(dist), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("paintrack-*.whl")
    # 2. install it, not editable, into a fresh venv; its dependencies are this environment's
    #    (a .pth line adds our site-packages after the venv's own: no network needed, and no
    #    .pth file in it runs, so the editable paintrack there is not seen)
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", "--without-pip", str(venv), cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    purelib = Path(run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                       cwd=tmp_path).stdout.strip())
    ours = [p for p in {sysconfig.get_paths()["purelib"], *site.getsitepackages()} if Path(p, "typer").is_dir()]
    (purelib / "deps.pth").write_text("\n".join(ours) + "\n")
    installed = run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel),
                    cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    # 3. run it far from the source tree: the catalogue must come from the installed package
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAINTRACK", "PYTHON"))}
    env.update(NO_COLOR="1", COLUMNS="200", HOME=str(home), TMPDIR=str(tmp_path / "tmp"),
               PAINTRACK_JOURNAL=str(home / "mine" / "journal.json"))
    (tmp_path / "tmp").mkdir()
    where = run(str(python), "-c", "import paintrack; from paintrack.storage.catalogue_file import default_path; "
                "print(paintrack.__file__); print(default_path())", cwd=home, env=env)
    assert where.returncode == 0, where.stderr
    package, catalogue = (Path(line) for line in where.stdout.split())
    assert purelib in package.parents  # the wheel's paintrack, not the source tree's
    assert catalogue.is_file() and purelib in catalogue.parents and catalogue.parts[-2:] == ("data", "modalities.toml")
    assert catalogue.read_bytes() == (ROOT / "data" / "modalities.toml").read_bytes()
    assert catalogue.with_suffix(".json").read_bytes() == (ROOT / "data" / "modalities.json").read_bytes()
    demo_folder = tmp_path / "tmp" / f"paintrack-demo-{os.getuid()}"
    for _ in range(2):  # repeated demos do not pile up folders or files
        demo = run(str(venv / "bin" / "paintrack"), "demo", cwd=home, env=env)
        assert demo.returncode == 0, demo.stderr
        assert "Traceback" not in demo.stderr
        assert demo.stdout.startswith("Pain progress report")
        assert f"Sample journal: {demo_folder / 'journal.json'}" in demo.stdout
        assert [p.name for p in (tmp_path / "tmp").iterdir()] == [demo_folder.name]
        assert sorted(p.name for p in demo_folder.iterdir()) == ["journal.json", "journal.json.lock", "journal.json.seal"]
    assert not (home / "mine").exists() and not (home / ".local").exists()  # never the user's journal
    listed = run(str(venv / "bin" / "paintrack"), "plan", "--list", cwd=home, env=env)
    assert listed.returncode == 0, listed.stderr
    for modality_id in ("graded-exercise", "prt", "rfa"):
        assert modality_id in listed.stdout
