"""Start-up stays light: what `paintrack --version`, `log`, `report --format json` and a usage
error import.

Not timings (bench/ measures those): these tests fail when a heavy module is imported at the top
of a CLI module again, when the sealed read path starts building pydantic's models, or when a
command is missing from the lazy command table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import BASELINE_ARGS

from paintrack import __version__
from paintrack.cli import app as cli_app

# Each is 5-40 ms of start-up; --version needs none of them.
HEAVY = ("rich", "pydantic", "pydantic_core", "filelock", "platformdirs", "tomllib",
         "paintrack.storage.schema", "paintrack.storage.store", "paintrack.domain.report",
         "paintrack.storage.catalogue_schema")

# The shipped catalogue is read without its schema when its bytes match the digest recorded in
# catalogue_file.SHIPPED_DIGEST (kept current by tests/test_catalogue.py). Here the digest is
# pinned to the file as it is, so these tests look at the journal's read path alone.
PIN_CATALOGUE = (
    "from paintrack.storage import catalogue_file as c; from paintrack.storage.seal import digest; "
    "c.SHIPPED_DIGEST = digest(c.default_path().read_bytes()); "
)


def imported_after(args: list[str], env: dict[str, str] | None = None, code: int = 0,
                   pin: bool = True) -> tuple[set[str], str]:
    """Run main(args) in a fresh interpreter; the modules it imported and what it printed."""
    script = (
        "import json, sys; " + (PIN_CATALOGUE if pin else "") + "from paintrack.cli import main; rc = main(sys.argv[1:]); "
        "print('\\n' + json.dumps(sorted(sys.modules))); sys.exit(rc)"
    )
    env = {**os.environ, "NO_COLOR": "1", "PAINTRACK_TODAY": "2026-11-23", "COLUMNS": "100", **(env or {})}
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env)
    assert proc.returncode == code, proc.stderr
    out, _, modules = proc.stdout.rstrip().rpartition("\n")
    return set(json.loads(modules)), out + proc.stderr


def heavy_in(modules: set[str], names=HEAVY) -> list[str]:
    return sorted(m for m in modules if m in names or m.split(".")[0] in names)


def test_version_imports_no_heavy_module_and_no_command_module():
    modules, out = imported_after(["--version"], pin=False)
    assert out.strip() == f"paintrack {__version__}"
    assert heavy_in(modules) == []
    assert not [m for m in modules if m.startswith("paintrack.cli.") and m not in ("paintrack.cli.app", "paintrack.cli.session", "paintrack.cli.parse")]


@pytest.mark.parametrize("args", [["log"], ["report", "--no-such-flag"], ["reprot"], ["log", "4", "--mood", "11"],
                                  ["--journal", "", "log", "4"]],
                         ids=["missing-argument", "unknown-flag", "mistyped-command", "bad-value", "empty-journal"])
def test_a_usage_error_stays_cheap(args, tmp_path):
    modules, out = imported_after(["--journal", str(tmp_path / "j.json"), *args] if args[0] != "--journal" else args,
                                  code=2, pin=False)
    assert "paintrack: error:" in out or "Usage" in out or "Error" in out
    assert heavy_in(modules, ("rich", "pydantic", "pydantic_core", "filelock", "paintrack.storage.schema")) == []
    assert not (tmp_path / "j.json").exists()


def test_log_imports_only_its_own_command_and_no_rich(tmp_path):
    journal = tmp_path / "journal.json"
    modules, out = imported_after(["--journal", str(journal), "log", "4", "--no-input"], pin=False)
    assert "Logged 2026-11-23: pain 4." in out
    assert heavy_in(modules, ("rich",)) == []
    commands = {m for m in modules if m.startswith("paintrack.cli.") and m.count(".") == 2}
    assert commands - {"paintrack.cli.app", "paintrack.cli.session", "paintrack.cli.parse"} == {"paintrack.cli.diary"}


@pytest.fixture
def sealed(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-02-02").code == 0
    assert paintrack("plan", "--add", "cbt", "--start", "2026-01-05").code == 0
    assert paintrack("evidence", "add", "pain eased on holiday", "--category", "triggers").code == 0
    return paintrack


def test_a_json_report_on_a_sealed_journal_imports_no_pydantic_and_no_rich(sealed):
    modules, out = imported_after(["--journal", str(sealed.journal), "report", "--format", "json"])
    assert json.loads(out)["latest"]["date"] == "2026-02-02"
    assert heavy_in(modules, ("pydantic", "pydantic_core", "rich", "filelock", "paintrack.storage.schema",
                              "paintrack.storage.catalogue_schema")) == []


@pytest.mark.parametrize("args", [["report"], ["plan"], ["evidence"]])
def test_showing_a_sealed_journal_builds_no_pydantic_models(sealed, args):
    modules, out = imported_after(["--journal", str(sealed.journal), *args])
    assert {"report": "2026-02-02", "plan": "Your plan (from 2026-01-05", "evidence": "pain eased on holiday"}[args[0]] in out
    assert heavy_in(modules, ("pydantic", "pydantic_core", "paintrack.storage.schema")) == []


def test_a_report_on_an_unsealed_journal_validates_it_then_seals_it(sealed):
    seal_file = sealed.journal.with_name("journal.json.seal")
    seal_file.unlink()
    modules, _ = imported_after(["--journal", str(sealed.journal), "report", "--format", "json"])
    assert "paintrack.storage.schema" in modules and "pydantic.main" in modules
    assert seal_file.exists()
    modules, _ = imported_after(["--journal", str(sealed.journal), "report", "--format", "json"])
    assert "pydantic" not in modules  # only the first report after the seal went missing is slow


def test_every_command_is_in_the_lazy_table_under_its_own_module():
    """COMMANDS must name every command and the module that defines it (else it would vanish)."""
    script = (
        "import json; from paintrack.cli import app; app.register(); "
        "cmds = {(c.name or c.callback.__name__): c.callback.__module__ for c in app.app.registered_commands}; "
        "groups = {g.name: g.typer_instance.registered_callback.callback.__module__ for g in app.app.registered_groups}; "
        "print(json.dumps({**cmds, **groups}))"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    registered = json.loads(proc.stdout)
    assert registered == {name: f"paintrack.cli.{module}" for name, module in cli_app.COMMANDS.items()}


@pytest.mark.parametrize(
    "argv, needed",
    [
        (["--version"], []),
        (["report", "--format", "json"], ["report"]),
        (["--journal", "report", "log", "4"], ["diary"]),  # "report" here is the journal's path
        (["edit", "log", "2026-11-20"], ["corrections"]),
        (["undo", "--yes"], ["corrections"]),
        (["evidence", "add"], ["evidence"]),
        ([], None),  # no command: help, which lists them all
        (["--help"], None),
        (["-h", "report"], None),
        (["reprot"], None),  # a mistyped command: the close-match suggestion needs every name
        (["--journal"], None),
    ],
)
def test_modules_needed(argv, needed):
    assert cli_app.modules_needed(argv) == needed


def test_help_is_the_same_after_another_command_registered_first(paintrack):
    """Commands register in the order they are first run; help still lists them in one order."""
    assert paintrack("doctor").code == 0  # in this process, doctor may be registered first
    in_process = paintrack("--help").out
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    fresh = subprocess.run([sys.executable, "-m", "paintrack", "--help"], capture_output=True, text=True,
                           env=env, check=True).stdout
    assert in_process == fresh
    for name in cli_app.COMMANDS:
        assert f" {name} " in fresh
