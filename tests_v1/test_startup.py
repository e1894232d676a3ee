"""Start-up stays light: what `paintrack --version`, `log` and `report --format json` import.

Not timings (bench/ measures those): these tests fail when a heavy module is imported at the top
of a CLI module again, or when a command is missing from the lazy command table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import BASELINE_ARGS
from paintrack import cli

# Each is 5-40 ms of start-up; --version needs none of them.
HEAVY = ("rich", "pydantic", "pydantic_core", "filelock", "platformdirs", "tomllib",
         "paintrack.models", "paintrack.store", "paintrack.report", "paintrack.catalogue")


def imported_after(args: list[str], env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """Run main(args) in a fresh interpreter; the modules it imported and what it printed."""
    script = (
        "import json, sys; from paintrack.cli import main; rc = main(sys.argv[1:]); "
        "print('\\n' + json.dumps(sorted(sys.modules))); sys.exit(rc)"
    )
    env = {**os.environ, "NO_COLOR": "1", "PAINTRACK_TODAY": "2026-11-23", **(env or {})}
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    out, _, modules = proc.stdout.rstrip().rpartition("\n")
    return set(json.loads(modules)), out


def heavy_in(modules: set[str], names=HEAVY) -> list[str]:
    return sorted(m for m in modules if m in names or m.split(".")[0] in names)


def test_version_imports_no_heavy_module_and_no_command_module():
    modules, out = imported_after(["--version"])
    assert out.strip() == f"paintrack {cli.__version__}"
    assert heavy_in(modules) == []
    assert not [m for m in modules if m.startswith("paintrack.cli.") and m != "paintrack.cli.session"]


def test_log_imports_only_its_own_command_and_no_rich(tmp_path):
    journal = tmp_path / "journal.json"
    modules, out = imported_after(["--journal", str(journal), "log", "4", "--no-input"])
    assert "Logged 2026-11-23: pain 4." in out
    assert heavy_in(modules, ("rich",)) == []
    assert {"paintrack.cli.diary"} == {m for m in modules if m.split(".")[:2] == ["paintrack", "cli"]
                                       and m.count(".") == 2} - {"paintrack.cli.session", "paintrack.cli.ask"}


def test_json_report_does_not_import_rich(paintrack, tmp_path):
    assert paintrack(*BASELINE_ARGS).code == 0
    modules, out = imported_after(["--journal", str(paintrack.journal), "report", "--format", "json"])
    assert json.loads(out)["baseline"]["nrs"] is not None
    assert heavy_in(modules, ("rich",)) == []


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "", "FORCE_COLOR": "1"}])
def test_terminal_report_does_not_import_rich(paintrack, env):
    """The terminal report draws itself (paintrack.render.ansi), plain or in colour."""
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-02-02").code == 0
    modules, out = imported_after(["--journal", str(paintrack.journal), "report"], env)
    assert "Change since baseline" in out and ("\x1b[1m" in out) == bool(env)
    assert heavy_in(modules, ("rich",)) == []


def test_report_on_a_sealed_journal_builds_no_pydantic_models(paintrack):
    """The fast read path: a journal whose bytes match its seal is read without pydantic's models,
    and the shipped catalogue (its digest checked by the tests) without the catalogue schema."""
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-02-02").code == 0
    for args in (["--format", "json"], ["--format", "rich"]):
        modules, out = imported_after(["--journal", str(paintrack.journal), "report", *args])
        assert "2026-02-02" in out
        assert heavy_in(modules, ("pydantic", "pydantic_core", "paintrack.models", "paintrack.catalogue_schema",
                                  "filelock")) == []


@pytest.mark.parametrize("args", [["plan"], ["evidence"]])
def test_showing_the_plan_or_the_evidence_sheet_builds_no_pydantic_models(paintrack, args):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("plan", "--add", "cbt", "--start", "2026-01-05").code == 0
    assert paintrack("evidence", "add", "pain eased on holiday", "--category", "triggers").code == 0
    modules, out = imported_after(["--journal", str(paintrack.journal), *args])
    assert ("30–50%" in out) if args == ["plan"] else ("pain eased on holiday" in out)
    assert heavy_in(modules, ("pydantic", "paintrack.models", "paintrack.catalogue_schema")) == []


def test_report_on_an_unsealed_journal_validates_it_with_the_models(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    paintrack.journal.with_name("journal.json.seal").unlink()
    modules, _ = imported_after(["--journal", str(paintrack.journal), "report", "--format", "json"])
    assert "paintrack.models" in modules and "pydantic.main" in modules


def test_every_command_is_in_the_lazy_table_under_its_own_module():
    """COMMANDS must name every command and the module that defines it (else it would vanish)."""
    script = (
        "import json; from paintrack import cli; cli.register(); "
        "cmds = {(c.name or c.callback.__name__): c.callback.__module__ for c in cli.app.registered_commands}; "
        "groups = {g.name: g.typer_instance.registered_callback.callback.__module__ for g in cli.app.registered_groups}; "
        "print(json.dumps({**cmds, **groups}))"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    registered = json.loads(proc.stdout)
    assert registered == {name: f"paintrack.cli.{module}" for name, module in cli.COMMANDS.items()}


@pytest.mark.parametrize(
    "argv, needed",
    [
        (["--version"], []),
        (["report", "--format", "json"], ["report"]),
        (["--journal", "report", "log", "4"], ["diary"]),  # "report" here is the journal's path
        (["--journal=x.json", "update", "--nrs", "4"], ["assess"]),
        (["evidence", "add"], ["evidence"]),
        ([], None),  # no command: help, which lists them all
        (["--help"], None),
        (["-h", "report"], None),
        (["reprot"], None),  # a mistyped command: the close-match suggestion needs every name
        (["--journal"], None),
    ],
)
def test_modules_needed(argv, needed):
    assert cli.modules_needed(argv) == needed


def test_help_is_the_same_after_another_command_registered_first(paintrack):
    """Commands register in the order they are first run; help still lists them in one order."""
    assert paintrack("doctor").code == 0  # in this process, doctor may be registered first
    in_process = paintrack("--help").out
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    fresh = subprocess.run([sys.executable, "-m", "paintrack", "--help"], capture_output=True, text=True,
                           env=env, check=True).stdout
    assert in_process == fresh
    for name in cli.COMMANDS:
        assert f" {name} " in fresh
