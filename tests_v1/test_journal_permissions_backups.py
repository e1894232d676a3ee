"""Private files, several backups rotated only after a validated write, leftovers cleaned up."""

from __future__ import annotations

import os
import stat

from conftest import BASELINE_ARGS
from paintrack.store import Store


def _mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def _update(paintrack, day: str, nrs: str = "5"):
    result = paintrack("update", "--no-input", "--nrs", nrs, "--date", f"2026-{day}")
    assert result.code == 0, result.err
    return result


def test_new_journal_0600_in_new_folders_0700(tmp_path):
    from conftest import Paintrack

    paintrack = Paintrack(tmp_path / "a" / "b" / "journal.json")
    old = os.umask(0o022)
    try:
        assert paintrack(*BASELINE_ARGS).code == 0
    finally:
        os.umask(old)
    assert _mode(paintrack.journal) == 0o600
    assert _mode(paintrack.journal.parent) == 0o700
    assert _mode(tmp_path / "a") == 0o700  # a parent paintrack had to create is private too
    assert _mode(paintrack.journal.with_name("journal.json.lock")) == 0o600


def test_loose_journal_tightened_on_next_write_and_told_once(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    paintrack.journal.chmod(0o644)
    first = _update(paintrack, "02-02")
    assert _mode(paintrack.journal) == 0o600
    notice = f"warning: {paintrack.journal} was readable by others (mode 0644); it is now private (0600)"
    assert " ".join(first.err.split()).count(notice) == 1  # rich may wrap the line
    second = _update(paintrack, "03-02")
    assert "readable by others" not in second.err
    for n in (1, 2):  # the backup of the loose file is private too
        assert _mode(Store(paintrack.journal).backup_path(n)) == 0o600


def test_old_loose_backups_are_tightened(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    _update(paintrack, "02-02")
    bak1 = Store(paintrack.journal).backup_path(1)
    bak1.chmod(0o644)
    _update(paintrack, "03-02")
    assert _mode(Store(paintrack.journal).backup_path(2)) == 0o600


def test_three_backups_hold_the_three_previous_versions(paintrack):
    """Unlike tools that overwrite one backup every save: .bak.1..3 are the last three versions."""
    assert paintrack(*BASELINE_ARGS).code == 0
    versions = [paintrack.bytes()]
    for day in ("02-02", "03-02", "04-02", "05-04"):
        _update(paintrack, day)
        versions.append(paintrack.bytes())
    store = Store(paintrack.journal)
    assert store.backup_path(1).read_bytes() == versions[-2]
    assert store.backup_path(2).read_bytes() == versions[-3]
    assert store.backup_path(3).read_bytes() == versions[-4]
    assert not store.backup_path(4).exists()
    for n in (1, 2, 3):
        assert _mode(store.backup_path(n)) == 0o600
        assert len(Store(store.backup_path(n)).read().updates) == 4 - n
    # the backup is a separate file: changing the journal does not change it
    assert os.stat(store.backup_path(1)).st_ino != os.stat(paintrack.journal).st_ino


def test_leftover_temp_files_removed_by_the_next_write(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    folder = paintrack.journal.parent
    leftovers = [folder / ".journal.json.tmp-4242-deadbeef", folder / ".journal.json.tmp-bak-cafe0123"]
    for p in leftovers:
        p.write_bytes(paintrack.bytes())
        p.chmod(0o600)
    unrelated = folder / "notes.txt"
    unrelated.write_text("mine")
    _update(paintrack, "02-02")
    assert not any(p.exists() for p in leftovers)
    assert unrelated.read_text() == "mine"
    assert sorted(p.name for p in folder.iterdir()) == [
        "journal.json", "journal.json.bak.1", "journal.json.lock", "journal.json.seal", "notes.txt"
    ]
