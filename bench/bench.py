"""Time whole paintrack processes against the import floor, measured in the same run.

    python bench/bench.py [--runs 7] [--out bench/results/latest.md] [--compare VENV]
    python bench/bench.py --history-only [--runs 21]     # issue 14: writes with 2,000 changes
    python bench/bench.py --history-only --instructions  # the same, counted by valgrind

Journals are generated through paintrack's own models and store (bench/journals.py). Each
command runs once as a warm-up, then `--runs` times; the table reports the median wall time in
milliseconds and its ratio to the import floor (`python -c "import typer, rich, pydantic,
platformdirs"`) and to `python -c "import typer"`; the *pydantic floor* row is the least a
command that validates the journal can cost. With `--compare VENV`, jrnl and Watson from
that virtual environment (made by bench/compare.sh) are timed on journals of the same size.

The history section (issue 14) times `log`, `edit` and `undo` on the 10-year + 3-year-diary
journal holding 2,000 recorded changes against `log` on the same journal with no history, the
commands interleaved round by round so that a busy machine slows them alike; it reports each
median and its ratio to that `log`. On a shared machine wall and CPU times move by tens of per
cent; `--instructions` counts the instructions each command executes under valgrind's callgrind
(about 25 s a command), which does not depend on the load. This is a benchmark, not a test: nothing fails on a slow
machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import journals  # noqa: E402

PY = sys.executable
# The console script a user types (beside this interpreter), else `python -m paintrack`.
_SCRIPT = Path(PY).with_name("paintrack")
PAINTRACK = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "paintrack"]
TODAY = "2026-11-23"
PYDANTIC_FLOOR = "import typer; from pydantic import BaseModel; import pydantic.plugin._loader"


def _environment(extra: dict[str, str] | None) -> dict[str, str]:
    # A user's installed paintrack has its bytecode cached; PYTHONDONTWRITEBYTECODE (set in some
    # containers) would make every run recompile paintrack's modules, so it is left out.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "NO_COLOR": "1", "COLUMNS": "100", "PAINTRACK_TODAY": TODAY, **(extra or {})}


def timed(cmd: list[str], runs: int, env: dict[str, str] | None = None, stdin: str | None = None,
          expect: int = 0, check=None, before=None) -> float | None:
    """Median wall time in ms over `runs` after one warm-up; None when the command fails.

    `expect` is the exit code that counts as success (2 for a usage error); `check(stdout)` can
    assert that the output is what the command should print (e.g. that jrnl read the entries);
    `before()` runs before each run, untimed (e.g. to remove the seal the previous run wrote).
    """
    env = _environment(env)
    samples = []
    for i in range(runs + 1):
        if before is not None:
            before()
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, input=stdin, capture_output=True, text=True)
        elapsed = (time.perf_counter() - start) * 1000
        if proc.returncode != expect:
            sys.stderr.write(f"  failed ({proc.returncode}): {' '.join(cmd)}\n  {proc.stderr.strip()[:300]}\n")
            return None
        if i == 0 and check is not None:
            problem = check(proc.stdout)
            if problem:
                sys.stderr.write(f"  wrong output: {' '.join(cmd)}: {problem}\n")
                return None
        if i:
            samples.append(elapsed)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.md")
    parser.add_argument("--compare", type=Path, help="a venv with jrnl and watson (bench/compare.sh)")
    parser.add_argument("--targets", action="store_true",
                        help="issue 15's target commands, counted in instructions (valgrind)")
    parser.add_argument("--skip-stress", action="store_true", help="leave out the 100,000-entry journal")
    parser.add_argument("--history-only", action="store_true", help="only the history section (issue 14)")
    parser.add_argument("--instructions", action="store_true",
                        help="history section: count instructions with valgrind instead of timing")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="paintrack-bench-"))
    rows: list[tuple[str, float | None]] = []
    if args.targets:
        rows = target_rows(work)
        write_table(rows, args.out, unit="million instructions")
        shutil.rmtree(work, ignore_errors=True)
        return 0
    if args.history_only:
        rows = history_rows(work, args.runs, args.instructions)
        write_table(rows, args.out, unit="million instructions" if args.instructions else "ms")
        shutil.rmtree(work, ignore_errors=True)
        return 0

    def add(name: str, cmd: list[str], runs: int | None = None, **kw) -> None:
        ms = timed(cmd, runs or args.runs, **kw)
        rows.append((name, ms))
        print(f"{name:<58} {'n/a' if ms is None else f'{ms:8.1f} ms'}", flush=True)

    # 1. the floors
    add('python -c pass', [PY, "-c", "pass"])
    add('python -c "import typer"', [PY, "-c", "import typer"])
    add("import floor: typer, rich, pydantic, platformdirs", [PY, "-c", "import typer, rich, pydantic, platformdirs"])
    # `import pydantic` is lazy; a command that validates the journal needs BaseModel and the
    # plugin loader (which imports importlib.metadata) as well: the least such a command costs.
    add("pydantic floor: typer + BaseModel + plugin loader", [PY, "-c", PYDANTIC_FLOOR])

    # 2. journals made through paintrack's own code
    sizes = {
        "1 year (13 updates)": journals.years_of_updates(1),
        "10 years (130 updates)": journals.years_of_updates(10),
        "10 years + 3 years of daily diary": journals.years_of_updates(10, diary_days=3 * 365),
        # as many entries as Watson's 2,000 frames (the reference size)
        "10 years + 1,869 days of diary (2,000 entries)": journals.years_of_updates(10, diary_days=1869),
    }
    if not args.skip_stress:
        sizes["stress: 100,000 entries"] = journals.stress(100_000)
    paths = {}
    for label, journal in sizes.items():
        path = work / f"journal-{len(paths)}.json"
        start = time.perf_counter()
        journals.write(journal, path)
        print(f"  wrote {label}: {path.stat().st_size / 1024:.0f} KiB in {time.perf_counter() - start:.1f} s")
        paths[label] = path

    # 3. start-up, help and a usage error (no journal read)
    add("paintrack --version", [*PAINTRACK, "--version"])
    add("paintrack --help", [*PAINTRACK, "--help"])
    add("paintrack report --help", [*PAINTRACK, "report", "--help"])
    add("paintrack report --format (usage error, exit 2)", [*PAINTRACK, "report", "--format"], expect=2)

    # 4. the commands, per journal size
    for label, path in paths.items():
        j = ["--journal", str(path)]
        few = 3 if label.startswith("stress") else None  # seconds each: three runs are enough
        add(f"paintrack report --format json  [{label}]", [*PAINTRACK, *j, "report", "--format", "json"],
            runs=few, check=_json_report)
        add(f"paintrack report (terminal)  [{label}]", [*PAINTRACK, *j, "report", "--format", "rich"], runs=few)
        if label.startswith("stress"):
            continue
        if label.startswith(("10 years (", "10 years + 3")):
            # The same journal without its seal (as after a hand edit, an upgrade or a move): validated
            # in full by the models; the report then seals it, so only this first report is slow.
            unsealed = work / f"unsealed-{path.name}"
            shutil.copy(path, unsealed)
            add(f"paintrack report --format json  [{label}, no seal]",
                [*PAINTRACK, "--journal", str(unsealed), "report", "--format", "json"], check=_json_report,
                before=partial(Path.unlink, unsealed.with_name(unsealed.name + ".seal"), missing_ok=True))
        if label.startswith("10 years + 3") and shutil.which("chromium"):
            # the one-page PDF: Chromium's start dominates it
            add(f"paintrack report --format pdf -o FILE --force  [{label}]",
                [*PAINTRACK, *j, "report", "--format", "pdf", "-o", str(work / "report.pdf"), "--force"], runs=3)
        add(f"paintrack plan  [{label}]", [*PAINTRACK, *j, "plan"])
        copy = work / f"copy-{path.name}"
        # update and log write: each run gets a fresh copy so the entry's date is free
        shutil.copy(path, copy)
        add(
            f"paintrack update --replace  [{label}]",
            [*PAINTRACK, "--journal", str(copy), "update", "--no-input", "--nrs", "4", "--replace", "--date", TODAY],
        )
        add(
            f"paintrack log --replace  [{label}]",
            [*PAINTRACK, "--journal", str(copy), "log", "4", "--no-input", "--replace", "--date", TODAY],
        )

    # 5. the history (issue 14): writes on a journal with 2,000 recorded changes
    rows.extend(history_rows(work, args.runs))

    # 6. the neighbours, on journals of the same size
    if args.compare:
        rows.extend(compare(args.compare, work, args.runs, add))

    write_table(rows, args.out)
    shutil.rmtree(work, ignore_errors=True)  # generated journals (25 MB with the stress one)
    print(f"\nresults: {args.out}")
    return 0


HISTORY_JOURNAL = "10 years + 3 years of daily diary"


def target_rows(work: Path) -> list[tuple[str, float | None]]:
    """Issue 15's targets on the 10-year + 3-year-diary journal, in instructions (callgrind):
    the load does not move them, so a busy machine still gives the ratios. Each command runs
    once to warm up (bytecode, the seal), then once counted."""
    path, unsealed, copy = work / "targets.json", work / "targets-unsealed.json", work / "targets-copy.json"
    journals.write(journals.years_of_updates(10, diary_days=3 * 365), path)
    for other in (unsealed, copy):
        shutil.copy(path, other)
    seal = unsealed.with_name(unsealed.name + ".seal")
    j = ["--journal", str(path)]
    commands = [
        ('python -c "import typer"', [PY, "-c", "import typer"], None),
        ("import floor: typer, rich, pydantic, platformdirs", [PY, "-c", "import typer, rich, pydantic, platformdirs"], None),
        ("paintrack --version", [*PAINTRACK, "--version"], None),
        (f"paintrack report --format json  [{HISTORY_JOURNAL}]", [*PAINTRACK, *j, "report", "--format", "json"], None),
        (f"paintrack report (terminal)  [{HISTORY_JOURNAL}]", [*PAINTRACK, *j, "report", "--format", "rich"], None),
        (f"paintrack report --format json  [{HISTORY_JOURNAL}, no seal]",
         [*PAINTRACK, "--journal", str(unsealed), "report", "--format", "json"], partial(Path.unlink, seal, missing_ok=True)),
        (f"paintrack log --replace  [{HISTORY_JOURNAL}]",
         [*PAINTRACK, "--journal", str(copy), "log", "4", "--no-input", "--replace", "--date", TODAY], None),
    ]
    env = _environment(None)
    rows: list[tuple[str, float | None]] = []
    for name, cmd, before in commands:
        subprocess.run(cmd, env=env, capture_output=True)  # warm-up
        if before is not None:
            before()
        count = _instructions(cmd, env)
        print(f"{name:<70} {'n/a' if count is None else f'{count / 1e6:8.1f} M instructions'}", flush=True)
        rows.append((name, None if count is None else count / 1e6))
    return rows


def history_rows(work: Path, runs: int, instructions: bool = False) -> list[tuple[str, float | None]]:
    """`log`, `edit` and `undo` on the 10-year + 3-year-diary journal with 2,000 recorded
    changes, and on the same journal without history (its first row, `log`, is the reference),
    interleaved: round r runs each command once, in an order rotated by r, so load on the
    machine falls on all of them. (Without history, `undo` reverts what this run's `log` and
    `edit` recorded: by its turn in a round there is always one.)"""
    plain, recorded = work / "history-0.json", work / "history-2000.json"
    for path, changes in ((plain, 0), (recorded, 2000)):
        journal = journals.years_of_updates(10, diary_days=3 * 365, history_changes=changes)
        journals.write(journal, path)
        print(f"  wrote {HISTORY_JOURNAL}, {changes} changes: {path.stat().st_size / 1024:.0f} KiB")
    day = "2026-11-20"  # a diary day of both journals
    commands = {
        f"paintrack log --replace  [{HISTORY_JOURNAL}, no history]":
            lambda r: [*PAINTRACK, "--journal", str(plain), "log", _other_pain(plain, TODAY), "--no-input", "--replace", "--date", TODAY],
        f"paintrack log --replace  [{HISTORY_JOURNAL}, 2,000 changes]":
            lambda r: [*PAINTRACK, "--journal", str(recorded), "log", _other_pain(recorded, TODAY), "--no-input", "--replace", "--date", TODAY],
        f"paintrack edit log DATE --pain N  [{HISTORY_JOURNAL}, 2,000 changes]":
            lambda r: [*PAINTRACK, "--journal", str(recorded), "edit", "log", day, "--pain", _other_pain(recorded, day)],
        f"paintrack undo --yes  [{HISTORY_JOURNAL}, 2,000 changes]":
            lambda r: [*PAINTRACK, "--journal", str(recorded), "undo", "--yes"],
        # the same commands without the history: what the commands cost, apart from the history
        f"paintrack edit log DATE --pain N  [{HISTORY_JOURNAL}, no history]":
            lambda r: [*PAINTRACK, "--journal", str(plain), "edit", "log", day, "--pain", _other_pain(plain, day)],
        f"paintrack undo --yes  [{HISTORY_JOURNAL}, no history]":
            lambda r: [*PAINTRACK, "--journal", str(plain), "undo", "--yes"],
    }
    env = _environment(None)
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for r in range(runs + 1):
        for name in names[r % len(names):] + names[:r % len(names)]:
            cmd = commands[name](r)
            if instructions:
                count = _instructions(cmd, env)
                if count is None:
                    return [(name, None) for name in names]
                if r:
                    wall[name].append(count)
                    cpu[name].append(count)
                continue
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = (time.perf_counter() - start) * 1000
            err = proc.stderr.read().decode() if proc.stderr else ""
            if os.waitstatus_to_exitcode(status) != 0:
                sys.stderr.write(f"  failed: {' '.join(cmd)}\n  {err.strip()[:300]}\n")
                return [(name, None) for name in names]
            if r:  # round 0 warms up
                wall[name].append(elapsed)
                cpu[name].append((usage.ru_utime + usage.ru_stime) * 1000)
    rows: list[tuple[str, float | None]] = []
    base_wall, base_cpu = statistics.median(wall[names[0]]), statistics.median(cpu[names[0]])
    if instructions:
        for name in names:
            n = statistics.median(wall[name])
            print(f"{name:<80} {n / 1e6:8.1f} M instructions ({n / base_wall:.3f} ×)")
            rows.append((f"{name} (million instructions)", n / 1e6))
        return rows
    for name in names:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"{name:<80} wall {w:7.1f} ms ({w / base_wall:.3f} ×)  cpu {c:7.1f} ms ({c / base_cpu:.3f} ×)")
        rows.append((name, w))
        rows.append((f"{name} (CPU time, user + system)", c))
    return rows


def _other_pain(path: Path, day: str) -> str:
    """A pain rating other than the one the diary holds for `day`: every run writes."""
    import json

    held = next((e["pain"] for e in json.loads(path.read_bytes())["diary"] if e["date"] == day), None)
    return "4" if held != 4 else "5"


def _instructions(cmd: list[str], env: dict[str, str]) -> float | None:
    """Instructions `cmd` executes (valgrind's callgrind), or None if it fails."""
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd], env=env,
                          capture_output=True, text=True)
    found = [line for line in proc.stderr.splitlines() if "Collected :" in line]
    if proc.returncode != 0 or not found:
        sys.stderr.write(f"  failed under valgrind: {' '.join(cmd)}\n  {proc.stderr.strip()[-300:]}\n")
        return None
    return float(found[-1].split(":")[-1])


def _json_report(out: str) -> str | None:
    import json

    report = json.loads(out)
    return None if report.get("assessments") else "no assessments in the JSON report"


def compare(venv: Path, work: Path, runs: int, add) -> list:
    """jrnl with 500 entries and Watson with 2,000 frames (the issue's reference sizes), and
    jrnl/Watson on as many entries as the 10-year + diary paintrack journal holds."""
    import compare_tools

    jrnl, watson = str(venv / "bin" / "jrnl"), str(venv / "bin" / "watson")
    add("jrnl --version", [jrnl, "--version"])
    for n in (500, 130 + 1 + 3 * 365, 2000):
        env = compare_tools.jrnl_env(work / f"jrnl-{n}", n)
        add(f"jrnl -n 10  [{n} entries]", [jrnl, "-n", "10"], env=env, check=compare_tools.jrnl_printed(10))
    add("watson --version", [watson, "--version"])
    for n in (2000, 130 + 1 + 3 * 365):
        env = compare_tools.watson_env(work / f"watson-{n}", n)
        add(f"watson report --all  [{n} frames]", [watson, "report", "--all"], env=env,
            check=compare_tools.watson_reported(n))
    return []


def write_table(rows: list[tuple[str, float | None]], out: Path, unit: str = "ms") -> None:
    floor = dict(rows).get("import floor: typer, rich, pydantic, platformdirs")
    typer_ms = dict(rows).get('python -c "import typer"')
    lines = [
        f"Measured {date.today()} on {platform.node() or 'this machine'}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.platform()}.",
        "",
        f"| command | median {unit} | × import floor | × `import typer` |",
        "|---|---:|---:|---:|",
    ]
    for name, ms in rows:
        if ms is None:
            lines.append(f"| {name} | n/a | | |")
            continue
        r1 = f"{ms / floor:.2f}" if floor else ""
        r2 = f"{ms / typer_ms:.2f}" if typer_ms else ""
        lines.append(f"| {name} | {ms:.1f} | {r1} | {r2} |")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
