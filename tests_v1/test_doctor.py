"""`paintrack doctor`: one table of checks, exit 0 healthy / 1 not; --restore-backup [N]."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from conftest import BASELINE_ARGS

from paintrack.store import Store

WIDE = {"COLUMNS": "300"}  # one table row per line, even with long temp paths


def _row(out: str, check: str) -> str:
    rows = [line for line in out.splitlines() if line.strip("│┃ ").startswith(check)]
    assert rows, out
    return rows[0]


@pytest.fixture
def three_versions(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    for day in ("02-02", "03-02"):
        assert paintrack("update", "--no-input", "--nrs", "5", "--date", f"2026-{day}").code == 0
    return paintrack


def test_healthy_journal_exit_0_every_check_ok(three_versions):
    result = three_versions("doctor", env=WIDE)
    assert result.code == 0, result.out
    for check, detail in [
        ("journal ", "valid, schema version 1, 3 assessment(s)"),
        ("journal permissions", "0600"),
        ("folder permissions", "0700"),
        ("backup 1", "journal.json.bak.1 loads (2 assessment(s)"),
        ("backup 2", "journal.json.bak.2 loads (1 assessment(s)"),
        ("temp files", "none left over"),
        ("lock", "free"),
    ]:
        row = _row(result.out, check)
        assert " ok " in row and detail in row, row
    assert "PROBLEM" not in result.out
    assert "not sealed" not in result.out


def test_a_journal_changed_outside_paintrack_is_valid_but_said_to_be_unsealed(three_versions):
    data = three_versions.data()
    data["updates"][0]["nrs"] = 6  # a valid hand edit
    three_versions.journal.write_text(json.dumps(data, indent=1))
    result = three_versions("doctor", env=WIDE)
    assert result.code == 0, result.out
    row = _row(result.out, "journal ")
    assert " ok " in row and "valid, schema version 1, 3 assessment(s); not sealed by this paintrack" in row
    assert three_versions("update", "--no-input", "--nrs", "4", "--date", "2026-04-02").code == 0
    assert "not sealed" not in three_versions("doctor", env=WIDE).out  # the next change seals it


def test_no_journal_yet_is_healthy(paintrack):
    result = paintrack("doctor", env=WIDE)
    assert result.code == 0
    assert "no journal yet" in result.out


@pytest.mark.parametrize(
    "damage, check, detail",
    [
        (lambda p: p.journal.write_bytes(b"{"), "journal ", "not valid JSON"),
        (lambda p: p.journal.chmod(0o644), "journal permissions", "0644"),
        (lambda p: p.journal.parent.chmod(0o755), "folder permissions", "0755"),
        (lambda p: Store(p.journal).backup_path(2).write_bytes(b""), "backup 2", "the file is empty"),
        (lambda p: Store(p.journal).backup_path(1).chmod(0o640), "backup 1", "0640"),
        (lambda p: (p.journal.parent / ".journal.json.tmp-1-ab").write_bytes(b"x"), "temp files", ".journal.json.tmp-1-ab"),
        (lambda p: p.journal.unlink(), "journal ", "missing, but backups exist"),
    ],
    ids=["corrupt", "journal-mode", "folder-mode", "backup-unloadable", "backup-mode", "temp-leftover", "journal-missing"],
)
def test_problem_exit_1_shown_in_its_row(three_versions, damage, check, detail):
    damage(three_versions)
    result = three_versions("doctor", env=WIDE)
    assert result.code == 1
    row = " ".join(_row(result.out, check).split())
    assert "PROBLEM" in row and detail in " ".join(result.out.split())


def test_lock_held_by_another_process_is_a_problem(three_versions):
    lock = three_versions.journal.with_name("journal.json.lock")
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import time; from filelock import FileLock
            with FileLock({str(lock)!r}):
                print("held", flush=True); time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = three_versions("doctor", env=WIDE)
    finally:
        holder.kill()
        holder.wait()
    assert result.code == 1
    assert "PROBLEM" in _row(result.out, "lock") and "held by another" in result.out


def test_restore_newest_loadable_backup_keeps_the_current_file_aside(three_versions):
    store = Store(three_versions.journal)
    folder = three_versions.journal.parent
    store.backup_path(1).write_bytes(b"not json")  # the newest backup is damaged: skipped
    three_versions.journal.write_bytes(b"garbage")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = three_versions("doctor", "--restore-backup", env=WIDE)
    assert result.code == 1, result.text  # restored; the damaged backup 1 is still reported
    assert "PROBLEM" in _row(result.out, "backup 1") and " ok " in _row(result.out, "journal ")
    assert f"Restored backup 2 as {three_versions.journal}." in result.out
    assert three_versions.bytes() == before["journal.json.bak.2"]
    replaced = [p for p in folder.iterdir() if p.name.startswith("journal.json.replaced-")]
    assert len(replaced) == 1 and replaced[0].read_bytes() == b"garbage"
    assert (replaced[0].stat().st_mode & 0o777) == 0o600
    assert f"kept as {replaced[0]}" in " ".join(result.out.split())
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    for name, content in before.items():  # nothing deleted, no backup changed
        assert name in after
        if name not in ("journal.json", "journal.json.seal"):  # the seal follows the journal
            assert after[name] == content
    assert (three_versions.journal.stat().st_mode & 0o777) == 0o600
    # the restored journal is usable
    assert three_versions("update", "--no-input", "--nrs", "4", "--date", "2026-04-02").code == 0


def test_restore_numbered_backup_twice_keeps_both_replaced_files(three_versions):
    v3 = three_versions.bytes()
    assert three_versions("doctor", "--restore-backup", "2", env=WIDE).code == 0
    assert three_versions.bytes() == Store(three_versions.journal).backup_path(2).read_bytes()
    assert three_versions("doctor", "--restore-backup", "1", env=WIDE).code == 0
    replaced = sorted(p for p in three_versions.journal.parent.iterdir() if ".replaced-" in p.name)
    assert len(replaced) == 2 and v3 in [p.read_bytes() for p in replaced]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("--restore-backup", "3"), 1, "there is no backup 3 (journal.json.bak.3)"),
        (("--restore-backup", "4"), 2, "--restore-backup N must be a backup number from 1 to 3; got '4'"),
        (("--restore-backup", "two"), 2, "--restore-backup N must be a backup number from 1 to 3; got 'two'"),
        (("1",), 2, "a backup number ('1') only goes with --restore-backup"),
    ],
    ids=["missing-backup", "out-of-range", "not-a-number", "number-without-flag"],
)
def test_restore_refusals_change_nothing(three_versions, args, code, message):
    folder = three_versions.journal.parent
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = three_versions("doctor", *args, env=WIDE)
    assert result.code == code
    assert result.err.splitlines()[0] == f"paintrack: error: {message}"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_restore_with_no_loadable_backup(three_versions):
    for n in (1, 2):
        Store(three_versions.journal).backup_path(n).write_bytes(b"")
    before = three_versions.bytes()
    result = three_versions("doctor", "--restore-backup", env=WIDE)
    assert result.code == 1 and "there is no backup that loads" in result.err
    assert three_versions.bytes() == before
