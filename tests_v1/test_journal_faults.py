"""Faults while writing and bad journal files: a clear one-line error, non-zero exit, and the
journal byte-for-byte as it was.

Faults are injected in-process by monkeypatching `os` (ENOSPC, EIO, EROFS, EACCES). The tests run
as root, where chmod does not stop writes and no read-only mount is available, so a read-only
folder is simulated: every open for writing, create, rename, link and unlink in the journal's
folder fails with EROFS (or EACCES).
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from conftest import BASELINE_ARGS
from paintrack import store as store_module
from paintrack.errors import PaintrackError
from paintrack.store import MAX_JOURNAL_BYTES, Store

UPDATE = ("update", "--no-input", "--nrs", "5")


def _error_line(result) -> str:
    lines = [line for line in result.err.splitlines() if line.startswith("paintrack: error:")]
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.text
    return lines[0]


def _snapshot(folder: Path) -> dict[str, bytes | str]:
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
    """A journal with a baseline and one update (so one backup exists)."""
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-02-02").code == 0
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


WRITE_FAULTS = {
    "disk-full-on-write": (lambda mp, folder: mp.setattr(os, "write", _fail(os.write, errno.ENOSPC)),
                           "No space left on device"),
    "io-error-on-fsync": (lambda mp, folder: mp.setattr(os, "fsync", _fail(os.fsync, errno.EIO)),
                          "Input/output error"),
    "read-only-folder-erofs": (lambda mp, folder: _read_only(mp, folder, errno.EROFS), "Read-only file system"),
    "read-only-folder-eacces": (lambda mp, folder: _read_only(mp, folder, errno.EACCES), "Permission denied"),
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
}


@pytest.mark.parametrize("fault", list(WRITE_FAULTS))
def test_write_fault_clear_error_journal_and_backups_unchanged(recorded, monkeypatch, fault):
    folder = recorded.journal.parent
    before = _snapshot(folder)
    inject, reason = WRITE_FAULTS[fault]
    inject(monkeypatch, folder)
    result = recorded(*UPDATE)
    monkeypatch.undo()
    assert result.code == 1
    line = _error_line(result)
    assert str(recorded.journal) in line and reason in line
    assert _snapshot(folder) == before  # journal, backups, lock: byte-for-byte; no temp file left


def test_folder_fsync_failing_after_the_replace_is_reported_truthfully(recorded, monkeypatch):
    """The new journal is in place but may not be durable: say so, do not claim it was left as it was."""
    real = os.fsync

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = recorded(*UPDATE)
    monkeypatch.undo()
    assert result.code == 1
    assert "was written, but the folder could not be synced to disk: Input/output error" in _error_line(result)
    assert len(recorded.data()["updates"]) == 2  # the write itself is whole


def test_new_file_that_does_not_read_back_is_never_installed_and_backups_not_rotated(recorded, monkeypatch):
    """Backups rotate only after the new file has been re-read and validated."""
    folder = recorded.journal.parent
    before = _snapshot(folder)
    real = store_module.serialize
    monkeypatch.setattr(store_module, "serialize", lambda journal: real(journal)[:-40])  # a cut-off write
    result = recorded(*UPDATE)
    monkeypatch.undo()
    assert result.code == 1
    assert "not a readable paintrack journal" in _error_line(result)
    assert _snapshot(folder) == before


@pytest.mark.parametrize(
    "mutate, field",
    [
        (lambda j: setattr(j.updates[0], "walk_m", float("nan")), "walk_m"),
        (lambda j: setattr(j.updates[0], "sleep_hours", float("inf")), "sleep_hours"),
        (lambda j: setattr(j.baseline, "nrs", 11), "nrs"),
        (lambda j: j.updates.append(j.updates[0].model_copy()), "two updates"),
    ],
    ids=["nan-dumped-as-null", "infinity", "out-of-range", "duplicate-date"],
)
def test_an_invalid_change_is_refused_before_it_reaches_the_file(recorded, mutate, field):
    """pydantic dumps NaN as null and models do not validate assignment: the store re-validates."""
    before = _snapshot(recorded.journal.parent)
    with pytest.raises(PaintrackError) as caught:
        with Store(recorded.journal).transaction() as journal:
            mutate(journal)
    assert caught.value.message.startswith("not saved: the change would make the journal invalid")
    assert field in caught.value.message
    assert _snapshot(recorded.journal.parent) == before


def test_write_order_fsync_before_rename_temp_beside_the_journal(recorded, monkeypatch):
    """Lessons from jrnl & co: fsync the temp file before the rename; the temp file is in the
    journal's own folder (not /tmp, where a rename would cross file systems); fsync the folder."""
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def where(fd):
        return os.readlink(f"/proc/self/fd/{fd}")

    monkeypatch.setattr(os, "fsync", lambda fd: (events.append(("fsync", where(fd))), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (events.append(("replace", f"{a} -> {b}")), real_replace(a, b))[1])
    assert recorded(*UPDATE).code == 0
    monkeypatch.undo()
    journal = str(recorded.journal)
    i_replace = next(i for i, (kind, what) in enumerate(events) if kind == "replace" and what.endswith(f"-> {journal}"))
    tmp = events[i_replace][1].split(" -> ")[0]
    assert Path(tmp).parent == recorded.journal.parent and ".tmp-" in tmp
    assert ("fsync", tmp) in events[:i_replace]  # the data reached the disk before the rename
    assert ("fsync", str(recorded.journal.parent)) in events[i_replace:]  # and the rename itself too


# -- journal files paintrack must refuse ----------------------------------------------------

GOOD = {
    "schema_version": 1,
    "baseline": {"kind": "baseline", "date": "2026-01-05", "nrs": 7},
    "updates": [{"kind": "update", "date": "2026-02-02", "nrs": 6}],
}


def _json(**changes) -> bytes:
    return json.dumps({**GOOD, **changes}).encode()


def _update(**fields) -> bytes:
    return _json(updates=[{**GOOD["updates"][0], **fields}])


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "the file is empty"),
    "whitespace-only": (b"  \n\n", "the file is empty"),
    "truncated-json": (_json()[:-25], "not valid JSON"),
    "not-json": (b"journal: yes\n", "not valid JSON"),
    "json-list": (b"[1, 2, 3]", "no schema_version"),
    "json-string": (b'"schema_version"', "no schema_version"),
    "no-schema-version": (json.dumps({"updates": []}).encode(), "no schema_version"),
    "updates-not-a-list": (_json(updates="many"), "updates"),
    "unknown-key": (_json(extra_field=1), "extra_field"),
    "nan": (_json().replace(b'"nrs": 6', b'"nrs": NaN'), "NaN is not a number"),
    "infinity": (_json().replace(b'"nrs": 6', b'"nrs": Infinity'), "Infinity is not a number"),
    "minus-infinity": (_json().replace(b'"nrs": 6', b'"nrs": -Infinity'), "-Infinity is not a number"),
    "overflow-to-infinity": (_update(walk_m=0).replace(b'"walk_m": 0', b'"walk_m": 1e999'), "walk_m"),
    "nrs-out-of-range": (_update(nrs=11), "updates.0.nrs"),
    "nrs-negative": (_update(nrs=-1), "updates.0.nrs"),
    "nrs-float": (_update(nrs=6.5), "updates.0.nrs"),
    "walk-out-of-range": (_update(walk_m=1000.5), "updates.0.walk_m"),
    "integer-with-5000-digits": (_json().replace(b'"nrs": 6', b'"nrs": ' + b"9" * 5000), "not valid JSON"),
    "bad-date": (_update(date="2026-02-30"), "updates.0.date"),
    "unknown-red-flag": (_update(red_flags=["headache"]), "red_flags"),
    "schema-version-string": (_json(schema_version="1"), "schema_version is not a positive whole number"),
    "schema-version-zero": (_json(schema_version=0), "schema_version is not a positive whole number"),
    "schema-version-bool": (_json(schema_version=True), "schema_version is not a positive whole number"),
    "invalid-utf8": (_json().replace(b"update", b"upd\xffte", 1), "not valid UTF-8"),
    "utf16": (_json().decode().encode("utf-16"), "not valid UTF-8"),
    "duplicate-dates": (_json(updates=[GOOD["updates"][0], GOOD["updates"][0]]), "two updates on 2026-02-02"),
    "duplicate-key-top": (_json()[:-1] + b', "updates": []}', "the key 'updates' appears twice"),
    "duplicate-key-nested": (_json().replace(b'"nrs": 6', b'"nrs": 6, "nrs": 2'), "the key 'nrs' appears twice"),
    "update-before-baseline": (_update(date="2025-12-01"), "before the baseline"),
    "updates-without-baseline": (_json(baseline=None), "updates without a baseline"),
    "nested-too-deeply": (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_unreadable_journal_exit_1_names_file_and_problem_untouched(paintrack, name):
    content, reason = BAD_FILES[name]
    paintrack.journal.parent.mkdir(parents=True)
    paintrack.journal.write_bytes(content)
    before = _snapshot(paintrack.journal.parent)
    result = paintrack(*UPDATE)
    assert result.code == 1
    line = _error_line(result)
    assert line.startswith(f"paintrack: error: {paintrack.journal} is not a readable paintrack journal: ")
    assert reason in line
    assert len(line) < 300  # one readable line, even for a 5000-digit number
    assert "hint:" in result.err and ".bak.1" in result.err
    assert _snapshot(paintrack.journal.parent) == before


def test_validation_errors_never_echo_the_journal_content(paintrack):
    """hide_input_in_errors: a wrong value is named by its place, not repeated (health data)."""
    paintrack.journal.parent.mkdir(parents=True)
    paintrack.journal.write_bytes(_update(note=["PRIVATE-NOTE-ABOUT-MY-BACK"], nrs="PRIVATE-SEVEN"))
    result = paintrack(*UPDATE)
    assert result.code == 1
    assert "PRIVATE" not in result.text
    assert "updates.0." in _error_line(result)


def test_schema_from_the_future_refused_never_rewritten(paintrack):
    paintrack.journal.parent.mkdir(parents=True)
    paintrack.journal.write_bytes(_json(schema_version=2, future_field={"x": 1}))
    before = _snapshot(paintrack.journal.parent)
    result = paintrack(*UPDATE)
    assert result.code == 1
    assert _error_line(result) == (
        f"paintrack: error: {paintrack.journal} was written by a newer paintrack "
        "(journal schema 2; this version reads up to 1)"
    )
    assert "upgrade paintrack" in result.err
    assert _snapshot(paintrack.journal.parent) == before


def test_huge_file_refused_without_reading_it(paintrack):
    paintrack.journal.parent.mkdir(parents=True)
    with open(paintrack.journal, "wb") as f:  # sparse: instant, takes no disk space
        f.truncate(MAX_JOURNAL_BYTES + 1)
    result = paintrack(*UPDATE)
    assert result.code == 1
    assert "larger than a journal can be (64 MiB)" in _error_line(result)
    assert paintrack.journal.stat().st_size == MAX_JOURNAL_BYTES + 1


def test_journal_is_a_directory(paintrack):
    paintrack.journal.mkdir(parents=True)
    result = paintrack(*UPDATE)
    assert result.code == 1
    assert _error_line(result) == f"paintrack: error: {paintrack.journal} is not a regular file"
    assert paintrack.journal.is_dir() and not any(paintrack.journal.iterdir())


@pytest.mark.parametrize("target", ["dangling", "hostile", "valid-journal"])
def test_journal_that_is_a_symlink_is_refused_and_its_target_untouched(paintrack, tmp_path, target):
    """Policy: never follow a link for the journal (a rename would replace the link, and a
    link can point anywhere), even a link to a valid journal."""
    paintrack.journal.parent.mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    if target == "hostile":
        outside.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    elif target == "valid-journal":
        outside.write_bytes(_json())
    paintrack.journal.symlink_to(outside)
    outside_before = outside.read_bytes() if outside.exists() else None
    folder_before = _snapshot(paintrack.journal.parent)
    for args in (UPDATE, BASELINE_ARGS):
        result = paintrack(*args)
        assert result.code == 1
        assert _error_line(result) == (
            f"paintrack: error: {paintrack.journal} is a symbolic link; paintrack does not follow links for the journal"
        )
    assert (outside.read_bytes() if outside.exists() else None) == outside_before
    assert _snapshot(paintrack.journal.parent) == folder_before


def test_lock_file_that_is_a_symlink_is_not_followed(recorded, tmp_path):
    victim = tmp_path / "victim"
    victim.write_bytes(b"important\n")
    lock = recorded.journal.with_name("journal.json.lock")
    lock.unlink()
    lock.symlink_to(victim)
    before = recorded.bytes()
    result = recorded(*UPDATE)
    assert result.code == 1
    assert "cannot lock" in _error_line(result)
    assert victim.read_bytes() == b"important\n" and recorded.bytes() == before


def test_reading_arbitrary_failures_is_paintrack_error_not_oserror(paintrack, monkeypatch):
    paintrack.journal.parent.mkdir(parents=True)
    paintrack.journal.write_bytes(_json())
    monkeypatch.setattr(os, "open", _fail(os.open, errno.EIO, lambda p, *a, **k: str(p) == str(paintrack.journal)))
    with pytest.raises(PaintrackError) as caught:
        Store(paintrack.journal).read()
    assert "Input/output error" in caught.value.message
