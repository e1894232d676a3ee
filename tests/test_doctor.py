"""`paintrack doctor`: one table of checks, exit 0 healthy / 1 not; `--restore-backup [N]`
puts a backup back, recorded as a change in the history when the current journal loads (so
`undo` reverts it), and keeps the file it replaced aside. Nothing is ever deleted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import BASELINE_ARGS

from paintrack.storage.seal import journal_seal
from paintrack.storage.store import Store

WIDE = {"COLUMNS": "300"}  # one table row per line, even with long temp paths


def _row(out: str, check: str) -> str:
    rows = [line for line in out.splitlines() if line.strip("│┃ ").startswith(check)]
    assert rows, out
    return " ".join(rows[0].split())


def _folder(paintrack) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(paintrack.journal.parent.iterdir())}


def _records(paintrack) -> dict:
    """The journal's records, without its history and id."""
    return {k: v for k, v in paintrack.data().items() if k not in ("history", "journal_id")}


@pytest.fixture
def three_versions(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    for day in ("02-02", "03-02"):
        assert paintrack("update", "--no-input", "--nrs", "5", "--date", f"2026-{day}").code == 0
    return paintrack


def test_healthy_journal_exit_0_every_check_ok_and_nothing_written(three_versions):
    before = _folder(three_versions)
    result = three_versions("doctor", env=WIDE)
    assert result.code == 0, result.out
    for check, detail in [
        ("journal ", "valid, schema version 2, 3 assessment(s), 3 recorded change(s)"),
        ("journal permissions", "0600"),
        ("folder permissions", "0700"),
        ("backup 1", "journal.json.bak.1 loads (2 assessment(s)"),
        ("backup 2", "journal.json.bak.2 loads (1 assessment(s)"),
        ("temp files", "none left over"),
        ("lock", "free"),
    ]:
        row = _row(result.out, check)
        assert " ok " in row and detail in row, row
    assert "PROBLEM" not in result.out and "not sealed" not in result.out
    assert _folder(three_versions) == before


def test_a_journal_changed_outside_paintrack_is_valid_but_said_to_be_unsealed(three_versions):
    data = three_versions.data()
    data["updates"][0]["nrs"] = 6  # a valid hand edit
    three_versions.journal.write_text(json.dumps(data, indent=1))
    three_versions.journal.chmod(0o600)
    before = _folder(three_versions)
    result = three_versions("doctor", env=WIDE)
    assert result.code == 0, result.out
    row = _row(result.out, "journal ")
    assert " ok " in row and "valid, schema version 2, 3 assessment(s), 3 recorded change(s); not sealed" in row
    assert _folder(three_versions) == before  # doctor reads only: it does not seal either
    assert three_versions("log", "4", "--no-input").code == 0  # the next change seals it
    assert "not sealed" not in three_versions("doctor", env=WIDE).out


def test_no_journal_yet_is_healthy(paintrack):
    result = paintrack("doctor", env=WIDE)
    assert result.code == 0
    assert "no journal yet" in result.out


@pytest.mark.parametrize(
    "damage, check, detail",
    [
        (lambda p: p.journal.write_bytes(b"{"), "journal ", "not valid JSON"),
        (lambda p: p.journal.write_bytes(p.journal.read_bytes().replace(b'"nrs": 7', b'"nrs": true', 1)),
         "journal ", "baseline.nrs: Input should be a valid integer"),
        (lambda p: p.journal.chmod(0o644), "journal permissions", "0644"),
        (lambda p: p.journal.parent.chmod(0o755), "folder permissions", "0755"),
        (lambda p: Store(p.journal).backup_path(2).write_bytes(b""), "backup 2", "the file is empty"),
        (lambda p: Store(p.journal).backup_path(1).chmod(0o640), "backup 1", "0640"),
        (lambda p: (p.journal.parent / ".journal.json.tmp-1-ab").write_bytes(b"x"), "temp files", ".journal.json.tmp-1-ab"),
        (lambda p: p.journal.unlink(), "journal ", "missing, but backups exist"),
        (lambda p: (p.journal.unlink(), p.journal.symlink_to(Store(p.journal).backup_path(1))), "journal ",
         "symbolic link"),
    ],
    ids=["corrupt", "strict", "journal-mode", "folder-mode", "backup-unloadable", "backup-mode", "temp-leftover",
         "journal-missing", "journal-symlink"],
)
def test_problem_exit_1_shown_in_its_row(three_versions, damage, check, detail):
    damage(three_versions)
    result = three_versions("doctor", env=WIDE)
    assert result.code == 1
    row = _row(result.out, check)
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


# -- restoring a backup -----------------------------------------------------------------------


def test_restoring_over_a_loading_journal_is_a_change_in_the_history_and_undo_reverts_it(three_versions):
    paintrack = three_versions
    current = _records(paintrack)
    backup2 = json.loads(Store(paintrack.journal).backup_path(2).read_bytes())
    result = paintrack("doctor", "--restore-backup", "2", env=WIDE)
    assert result.code == 0, result.text
    assert f"Restored backup 2 as {paintrack.journal}." in result.out
    restored = _records(paintrack)
    assert restored == {k: v for k, v in backup2.items() if k not in ("history", "journal_id")}
    history = paintrack.data()["history"]
    assert [h["number"] for h in history] == [1, 2, 3, 4]  # nothing of the history lost
    assert history[-1]["command"] == "doctor --restore-backup 2"
    assert history[-1]["changes"] == [  # backup 2 is the journal of before both updates
        {"collection": "updates", "key": u["date"], "before": u, "after": None} for u in current["updates"]]
    kept = [p for p in paintrack.journal.parent.iterdir() if ".replaced-" in p.name]
    assert len(kept) == 1 and (kept[0].stat().st_mode & 0o777) == 0o600
    assert f"The file it replaced is kept as {kept[0]}." in " ".join(result.out.split())
    assert paintrack("undo", "--yes").out.startswith("Undid change 4 (doctor --restore-backup 2")
    assert _records(paintrack) == current  # the records of before the restore, exactly


def test_restore_newest_loadable_backup_of_an_unreadable_journal(three_versions):
    store = Store(three_versions.journal)
    folder = three_versions.journal.parent
    store.backup_path(1).write_bytes(b"not json")  # the newest backup is damaged: skipped
    three_versions.journal.write_bytes(b"garbage")
    before = _folder(three_versions)
    result = three_versions("doctor", "--restore-backup", env=WIDE)
    assert result.code == 1, result.text  # restored; the damaged backup 1 is still reported
    assert "PROBLEM" in _row(result.out, "backup 1") and " ok " in _row(result.out, "journal ")
    assert f"Restored backup 2 as {three_versions.journal}." in result.out
    restored = three_versions.data()
    backup = json.loads(before["journal.json.bak.2"])
    assert {k: v for k, v in restored.items() if k != "history"} == {k: v for k, v in backup.items() if k != "history"}
    assert restored["history"][:-1] == backup["history"]
    replaced = [p for p in folder.iterdir() if p.name.startswith("journal.json.replaced-")]
    assert len(replaced) == 1 and replaced[0].read_bytes() == b"garbage"
    assert (replaced[0].stat().st_mode & 0o777) == 0o600
    assert restored["history"][-1]["command"] == f"doctor --restore-backup 2 (the unreadable file kept as {replaced[0].name})"
    assert restored["history"][-1]["changes"] == []
    after = _folder(three_versions)
    for name, content in before.items():  # nothing deleted, no backup changed
        assert name in after
        if name not in ("journal.json", "journal.json.seal"):
            assert after[name] == content, name
    assert after["journal.json.seal"].strip().decode() == journal_seal(after["journal.json"])  # sealed again
    assert (three_versions.journal.stat().st_mode & 0o777) == 0o600
    # the restored journal is usable
    assert three_versions("update", "--no-input", "--nrs", "4", "--date", "2026-04-02").code == 0


def test_restore_when_the_journal_is_missing(three_versions):
    three_versions.journal.unlink()
    result = three_versions("doctor", "--restore-backup", env=WIDE)
    assert result.code == 0, result.text
    assert "kept as" not in result.out
    assert len(three_versions.data()["updates"]) == 1


def test_restore_numbered_backup_twice_keeps_both_replaced_files(three_versions):
    v3 = three_versions.bytes()
    assert three_versions("doctor", "--restore-backup", "2", env=WIDE).code == 0
    assert len(three_versions.data()["updates"]) == 0
    assert three_versions("doctor", "--restore-backup", "2", env=WIDE).code == 0  # backup 2 is now version 2
    replaced = sorted(p for p in three_versions.journal.parent.iterdir() if ".replaced-" in p.name)
    assert len(replaced) == 2 and v3 in [p.read_bytes() for p in replaced]
    assert len(three_versions.data()["updates"]) == 1
    assert [h["command"] for h in three_versions.data()["history"]][-2:] == [
        "doctor --restore-backup 2", "doctor --restore-backup 2"]


def test_restoring_a_backup_that_holds_what_the_journal_holds_changes_nothing(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("log", "4", "--no-input").code == 0
    assert paintrack("undo", "--yes").code == 0  # records as after the baseline; backup 2 holds those
    before = _folder(paintrack)
    result = paintrack("doctor", "--restore-backup", "2", env=WIDE)
    assert result.code == 0 and "kept as" not in result.out
    assert "Backup 2 holds what the journal holds: nothing was changed." in result.out
    assert _folder(paintrack) == before


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("--restore-backup", "3"), 1, "there is no backup 3 (journal.json.bak.3)"),
        (("--restore-backup", "4"), 2, "--restore-backup N must be"),
        (("--restore-backup", "0"), 2, "--restore-backup N must be"),
        (("--restore-backup", "two"), 2, "--restore-backup N must be"),
        (("1",), 2, "a backup number only goes with --restore-backup"),
    ],
    ids=["missing-backup", "above-range", "below-range", "not-a-number", "number-without-flag"],
)
def test_restore_refusals_change_nothing(three_versions, args, code, message):
    before = _folder(three_versions)
    result = three_versions("doctor", *args, env=WIDE)
    assert result.code == code
    assert result.err.splitlines()[0].startswith(f"paintrack: error: {message}")
    assert _folder(three_versions) == before


def test_restore_with_no_loadable_backup(three_versions):
    for n in (1, 2):
        Store(three_versions.journal).backup_path(n).write_bytes(b"")
    before = _folder(three_versions)
    result = three_versions("doctor", "--restore-backup", env=WIDE)
    assert result.code == 1 and "there is no backup that loads" in result.err
    assert _folder(three_versions) == before


@pytest.mark.parametrize("journal_loads", [True, False], ids=["journal-loads", "journal-unreadable"])
def test_a_restore_that_fails_at_the_replace_changes_nothing(three_versions, monkeypatch, journal_loads):
    import errno

    if not journal_loads:
        three_versions.journal.write_bytes(b"garbage")
    before = _folder(three_versions)
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst) == str(three_versions.journal):
            raise OSError(errno.EPERM, os.strerror(errno.EPERM))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    result = three_versions("doctor", "--restore-backup", "2", env=WIDE)
    monkeypatch.undo()
    assert result.code == 1
    verb = "write" if journal_loads else "restore"
    assert result.err.splitlines()[0] == f"paintrack: error: cannot {verb} {three_versions.journal}: Operation not permitted"
    assert _folder(three_versions) == before  # journal and backups as they were, nothing kept aside


def test_a_journal_path_that_is_a_link_is_moved_aside_as_it_is_never_followed(three_versions, tmp_path):
    victim = tmp_path / "victim"
    victim.write_bytes(b"important\n")
    three_versions.journal.unlink()
    three_versions.journal.symlink_to(victim)
    result = three_versions("doctor", "--restore-backup", env=WIDE)
    assert result.code == 0, result.text
    assert not three_versions.journal.is_symlink() and len(three_versions.data()["updates"]) == 1
    (kept,) = [p for p in three_versions.journal.parent.iterdir() if ".replaced-" in p.name]
    assert kept.is_symlink() and os.readlink(kept) == str(victim)
    assert victim.read_bytes() == b"important\n"
