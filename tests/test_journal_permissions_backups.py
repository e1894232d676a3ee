"""Private files (0600) in private folders (0700); three backups, the three previous versions,
rotated by every kind of change; leftovers of a killed write cleaned up by the next one."""

from __future__ import annotations

import os
import stat

import pytest
from conftest import BASELINE_ARGS, Paintrack

from paintrack.storage.store import Store


def _mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def _ok(paintrack, *args):
    result = paintrack(*args)
    assert result.code == 0, result.err
    return result


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_new_journal_0600_in_new_folders_0700_whatever_the_umask(tmp_path, umask):
    paintrack = Paintrack(tmp_path / "a" / "b" / "journal.json")
    old = os.umask(umask)
    try:
        _ok(paintrack, *BASELINE_ARGS)
        _ok(paintrack, "log", "4", "--no-input")
    finally:
        os.umask(old)
    assert _mode(paintrack.journal) == 0o600
    assert _mode(paintrack.journal.parent) == 0o700
    assert _mode(tmp_path / "a") == 0o700  # a parent paintrack had to create is private too
    for name in ("journal.json.lock", "journal.json.seal", "journal.json.bak.1"):
        assert _mode(paintrack.journal.with_name(name)) == 0o600, name


def test_an_existing_folder_is_left_as_it_is(tmp_path):
    """paintrack makes the folders it creates private; a folder of the user's keeps its mode
    (`paintrack doctor` points it out)."""
    (tmp_path / "mine").mkdir(mode=0o755)
    os.chmod(tmp_path / "mine", 0o755)
    paintrack = Paintrack(tmp_path / "mine" / "journal.json")
    _ok(paintrack, *BASELINE_ARGS)
    assert _mode(tmp_path / "mine") == 0o755 and _mode(paintrack.journal) == 0o600


def test_a_loose_journal_is_tightened_on_the_next_write_and_told_once(paintrack):
    _ok(paintrack, *BASELINE_ARGS)
    paintrack.journal.chmod(0o644)
    first = _ok(paintrack, "update", "--no-input", "--nrs", "5", "--date", "2026-02-02")
    assert _mode(paintrack.journal) == 0o600
    notice = f"warning: {paintrack.journal} was readable by others (mode 0644); it is now private (0600)"
    assert " ".join(first.err.split()).count(notice) == 1
    second = _ok(paintrack, "log", "4", "--no-input")
    assert "readable by others" not in second.err
    for n in (1, 2):  # the backup of the loose file is private too
        assert _mode(Store(paintrack.journal).backup_path(n)) == 0o600


def test_old_loose_backups_are_tightened(paintrack):
    _ok(paintrack, *BASELINE_ARGS)
    _ok(paintrack, "log", "4", "--no-input")
    Store(paintrack.journal).backup_path(1).chmod(0o644)
    _ok(paintrack, "log", "5", "--no-input", "--replace")
    assert _mode(Store(paintrack.journal).backup_path(2)) == 0o600


def test_three_backups_hold_the_three_previous_versions_through_every_kind_of_change(paintrack):
    """Unlike tools that overwrite one backup every save: .bak.1..3 are the last three versions,
    whichever command made them (add, edit, delete, undo)."""
    _ok(paintrack, *BASELINE_ARGS)
    versions = [paintrack.bytes()]
    for args in (
        ("log", "4", "--date", "2026-11-20", "--no-input"),
        ("edit", "log", "2026-11-20", "--pain", "6", "--no-input"),
        ("delete", "log", "2026-11-20", "--yes"),
        ("undo", "--yes"),
        ("update", "--no-input", "--nrs", "5", "--date", "2026-02-02"),
    ):
        _ok(paintrack, *args)
        versions.append(paintrack.bytes())
        store = Store(paintrack.journal)
        for n in (1, 2, 3):
            if n < len(versions):
                assert store.backup_path(n).read_bytes() == versions[-1 - n], (args, n)
                assert _mode(store.backup_path(n)) == 0o600
    assert not store.backup_path(4).exists()
    assert len(Store(store.backup_path(3)).read().history) == len(store.read().history) - 3
    # a backup is a separate file: changing the journal does not change it
    assert os.stat(store.backup_path(1)).st_ino != os.stat(paintrack.journal).st_ino


def test_a_refused_command_rotates_nothing(paintrack):
    _ok(paintrack, *BASELINE_ARGS)
    _ok(paintrack, "log", "4", "--no-input")
    folder = paintrack.journal.parent
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    for args in (("log", "5", "--no-input"), ("delete", "log", "2020-01-01", "--yes"), ("undo",),
                 ("edit", "log", "2026-11-23", "--pain", "11")):
        assert paintrack(*args).code != 0
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_leftover_temp_files_removed_by_the_next_write(paintrack):
    _ok(paintrack, *BASELINE_ARGS)
    folder = paintrack.journal.parent
    leftovers = [folder / ".journal.json.tmp-4242-deadbeef", folder / ".journal.json.tmp-bak-cafe0123"]
    for p in leftovers:
        p.write_bytes(paintrack.bytes())
        p.chmod(0o600)
    unrelated = folder / "notes.txt"
    unrelated.write_text("mine")
    _ok(paintrack, "log", "4", "--no-input")
    assert not any(p.exists() for p in leftovers)
    assert unrelated.read_text() == "mine"
    assert sorted(p.name for p in folder.iterdir()) == [
        "journal.json", "journal.json.bak.1", "journal.json.lock", "journal.json.seal", "notes.txt"
    ]
