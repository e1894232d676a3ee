"""Faults while writing: a clear one-line error, non-zero exit, and the journal and its backups
byte-for-byte as they were; and the order of a write (fsync before the replace, the temp file
beside the journal, backups rotated only once the new journal is in place).

Faults are injected in-process by monkeypatching `os` (ENOSPC, EIO, EROFS, EACCES, EPERM). The
tests may run as root, where chmod does not stop writes and no read-only mount is available,
so a read-only folder is simulated: every open for writing, create, rename, link and unlink in
the journal's folder fails with EROFS (or EACCES).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from conftest import BASELINE_ARGS

from paintrack.domain.records import DiaryEntry
from paintrack.errors import PaintrackError
from paintrack.storage import store as store_module
from paintrack.storage.store import BACKUPS, Store

NOW = datetime(2026, 11, 23, 20, 0).astimezone()

#: One command of each kind of write; each changes the `recorded` journal.
WRITES = {
    "update": ("update", "--no-input", "--nrs", "5"),
    "log": ("log", "3", "--no-input"),
    "edit": ("edit", "log", "2026-11-20", "--pain", "6", "--no-input"),
    "delete": ("delete", "log", "2026-11-20", "--yes"),
    "undo": ("undo", "--yes"),
}


def error_line(result) -> str:
    lines = [line for line in result.err.splitlines() if line.startswith("paintrack: error:")]
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.text
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every name in the folder with its bytes (or link target): to prove nothing changed."""
    out: dict[str, bytes | str] = {}
    for p in sorted(folder.iterdir()):
        if p.is_symlink():
            out[p.name] = "-> " + os.readlink(p)
        elif p.is_dir():
            out[p.name] = "<dir>"
        else:
            out[p.name] = p.read_bytes()
    return out


@pytest.fixture
def recorded(paintrack):
    """A baseline, two updates and a diary entry: all three backups exist."""
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-02-02").code == 0
    assert paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-03-02").code == 0
    assert paintrack("log", "4", "--date", "2026-11-20", "--no-input").code == 0
    for n in range(1, BACKUPS + 1):
        assert Store(paintrack.journal).backup_path(n).exists()
    return paintrack


# -- faults during a write ----------------------------------------------------------------


def _fail(call, err: int, when=lambda *a, **k: True):
    def wrapper(*args, **kwargs):
        if when(*args, **kwargs):
            raise OSError(err, os.strerror(err))
        return call(*args, **kwargs)

    return wrapper


def _in(folder: Path):
    def matches(path, *args, **kwargs):
        return isinstance(path, (str, os.PathLike)) and Path(path).parent == folder

    return matches


def _writing(folder: Path):
    def matches(path, flags, *args, **kwargs):
        return _in(folder)(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)

    return matches


def _read_only(monkeypatch, folder: Path, err: int) -> None:
    monkeypatch.setattr(os, "open", _fail(os.open, err, _writing(folder)))
    for name in ("replace", "rename", "link", "unlink"):
        monkeypatch.setattr(os, name, _fail(getattr(os, name), err, _in(folder)))


def _onto_journal(folder: Path):
    def matches(src, dst, *args, **kwargs):
        return Path(dst) == folder / "journal.json"

    return matches


WRITE_FAULTS = {
    "disk-full-on-write": (lambda mp, folder: mp.setattr(os, "write", _fail(os.write, errno.ENOSPC)),
                           "No space left on device"),
    "io-error-on-fsync": (lambda mp, folder: mp.setattr(os, "fsync", _fail(os.fsync, errno.EIO)),
                          "Input/output error"),
    # the lock comes first: a folder paintrack cannot write is found before anything is read
    "read-only-folder-erofs": (lambda mp, folder: _read_only(mp, folder, errno.EROFS), "Read-only file system", "lock"),
    "read-only-folder-eacces": (lambda mp, folder: _read_only(mp, folder, errno.EACCES), "Permission denied", "lock"),
    "temp-file-refused": (
        lambda mp, folder: mp.setattr(os, "open", _fail(os.open, errno.EACCES, lambda p, *a, **k: ".tmp-" in str(p))),
        "Permission denied",
    ),
    "disk-full-copying-backup": (
        lambda mp, folder: (
            mp.setattr(os, "link", _fail(os.link, errno.EPERM)),  # no hard links: the backup is copied
            mp.setattr(os, "fsync", _fail(os.fsync, errno.ENOSPC, lambda fd: "bak" in os.readlink(f"/proc/self/fd/{fd}"))),
        ),
        "No space left on device",
    ),
    # an immutable journal (chattr +i), or a kill in that window: the final replace fails
    "final-replace-refused": (
        lambda mp, folder: mp.setattr(os, "replace", _fail(os.replace, errno.EPERM, _onto_journal(folder))),
        "Operation not permitted",
    ),
}


# Every fault with a change and an undo; the final replace (the new rule: backups rotate only
# after it) with every kind of change.
CASES = [(fault, command) for fault in WRITE_FAULTS for command in
         (WRITES if fault == "final-replace-refused" else ("log", "undo"))]


@pytest.mark.parametrize("fault, command", CASES, ids=[f"{f}-{c}" for f, c in CASES])
def test_write_fault_clear_error_journal_and_backups_unchanged(recorded, monkeypatch, fault, command):
    folder = recorded.journal.parent
    before = snapshot(folder)
    inject, reason, *step = WRITE_FAULTS[fault]
    inject(monkeypatch, folder)
    result = recorded(*WRITES[command])
    monkeypatch.undo()
    assert result.code == 1, result.text
    line = error_line(result)
    if step == ["lock"]:
        assert line == f"paintrack: error: cannot lock {recorded.journal}.lock: {reason}"
        assert "nothing was written" in result.err
    else:
        assert line == f"paintrack: error: cannot write {recorded.journal}: {reason}"
        assert "the journal and its backups were left as they were" in result.err  # and that is true:
    assert snapshot(folder) == before  # journal, backups, seal, lock: byte-for-byte; no temp file left
    assert "saved" not in result.out


@pytest.mark.parametrize("command", ["log", "undo"])
def test_ctrl_c_during_a_write_saves_nothing_says_so_and_leaves_no_temp_file(recorded, monkeypatch, command):
    folder = recorded.journal.parent
    before = snapshot(folder)
    real = os.fsync

    def interrupted(fd):
        if ".tmp-" in os.readlink(f"/proc/self/fd/{fd}"):
            raise KeyboardInterrupt
        return real(fd)

    monkeypatch.setattr(os, "fsync", interrupted)
    result = recorded(*WRITES[command])
    monkeypatch.undo()
    assert result.code == 130
    assert result.err.strip() == "paintrack: stopped; nothing was saved"
    assert snapshot(folder) == before


def test_the_same_write_succeeds_once_the_fault_is_gone(recorded, monkeypatch):
    folder = recorded.journal.parent
    monkeypatch.setattr(os, "replace", _fail(os.replace, errno.EPERM, _onto_journal(folder)))
    assert recorded(*WRITES["edit"]).code == 1
    monkeypatch.undo()
    before = recorded.bytes()
    assert recorded(*WRITES["edit"]).code == 0
    store = Store(recorded.journal)
    assert store.backup_path(1).read_bytes() == before  # rotated once, now, with the journal in place
    assert [e.pain for e in store.read().diary] == [6]


def test_folder_fsync_failing_after_the_replace_is_reported_truthfully(recorded, monkeypatch):
    """The new journal is in place but may not be durable: say so, do not claim it was left as
    it was; the journal it replaced still becomes .bak.1."""
    real = os.fsync
    before = recorded.bytes()

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = recorded(*WRITES["update"])
    monkeypatch.undo()
    assert result.code == 1
    assert error_line(result) == (f"paintrack: error: {recorded.journal} was written, but the folder could not be "
                                  "synced to disk: Input/output error")
    assert len(recorded.data()["updates"]) == 3  # the write itself is whole
    assert Store(recorded.journal).backup_path(1).read_bytes() == before
    assert not list(recorded.journal.parent.glob(".journal.json.tmp-*"))


def test_a_new_file_that_does_not_read_back_is_never_installed(recorded, monkeypatch):
    """The temp file is read back byte for byte before anything moves: a disk that drops the
    end of a write (here: os.write claims the whole buffer, keeps all but 40 bytes) changes nothing."""
    folder = recorded.journal.parent
    before = snapshot(folder)
    real = os.write

    def short_write(fd, data):
        if ".tmp-" in os.readlink(f"/proc/self/fd/{fd}"):
            real(fd, bytes(data)[:-40])
            return len(data)
        return real(fd, data)

    monkeypatch.setattr(os, "write", short_write)
    result = recorded(*WRITES["log"])
    monkeypatch.undo()
    assert result.code == 1
    assert error_line(result) == f"paintrack: error: cannot write {recorded.journal}: the disk gave back other bytes"
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda j: replace(j, diary=(replace(j.diary[0], sleep_hours=float("nan")),)), "diary.0.sleep_hours"),
        (lambda j: replace(j, diary=(replace(j.diary[0], activity_min=1441),)), "diary.0.activity_min"),
        (lambda j: replace(j, baseline=replace(j.baseline, nrs=11)), "baseline.nrs"),
        (lambda j: replace(j, updates=(*j.updates, j.updates[0])), "two updates on one day"),
        (lambda j: replace(j, diary=(*j.diary, DiaryEntry(j.diary[0].date.replace(year=2200), 3))), "diary.1.date"),
    ],
    ids=["nan", "out-of-range", "baseline-out-of-range", "duplicate-date", "date-past-the-range"],
)
def test_an_invalid_change_is_refused_before_it_reaches_the_file(recorded, change, field):
    """Records are plain dataclasses: the store validates every journal it writes, once."""
    before = snapshot(recorded.journal.parent)
    with pytest.raises(PaintrackError) as caught:
        Store(recorded.journal).commit(change, NOW)
    assert caught.value.message.startswith("not saved: the change would make the journal invalid")
    assert field in caught.value.message
    assert snapshot(recorded.journal.parent) == before


def test_write_order_fsync_then_read_back_then_replace_then_folder_fsync_then_backups(recorded, monkeypatch):
    """Lessons from jrnl & co: fsync the temp file before the rename; the temp file is in the
    journal's own folder (not /tmp, where a rename would cross file systems); fsync the folder;
    and only then do the backups move."""
    events: list[tuple[str, str]] = []
    real_fsync, real_replace, real_open = os.fsync, os.replace, os.open

    def where(fd):
        return os.readlink(f"/proc/self/fd/{fd}")

    def reading(path, mode="r", *args, **kwargs):
        if "r" in mode:
            events.append(("read", str(path)))
        return open(path, mode, *args, **kwargs)

    def open_(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        if not flags & (os.O_WRONLY | os.O_RDWR):
            events.append(("read", where(fd)))
        return fd

    monkeypatch.setattr(os, "fsync", lambda fd: (events.append(("fsync", where(fd))), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (events.append(("replace", f"{a} -> {b}")), real_replace(a, b))[1])
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(store_module, "open", reading, raising=False)  # the store's read-back
    assert recorded(*WRITES["undo"]).code == 0
    monkeypatch.undo()
    journal, folder = str(recorded.journal), str(recorded.journal.parent)
    i_replace = next(i for i, (kind, what) in enumerate(events) if kind == "replace" and what.endswith(f"-> {journal}"))
    tmp = events[i_replace][1].split(" -> ")[0]
    assert Path(tmp).parent == recorded.journal.parent and ".tmp-" in tmp
    i_fsync = events.index(("fsync", tmp))
    assert i_fsync < i_replace  # the data reached the disk before the rename
    assert any(kind == "read" and what == tmp for kind, what in events[i_fsync:i_replace])  # read back
    i_folder = events.index(("fsync", folder), i_replace)  # and the rename itself reached the disk
    rotations = [i for i, (kind, what) in enumerate(events) if kind == "replace" and ".bak." in what]
    assert len(rotations) == BACKUPS and min(rotations) > i_folder  # backups move last
