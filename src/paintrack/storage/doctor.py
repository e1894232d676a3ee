"""`paintrack doctor`: every check of the journal's files, and putting a backup back.

Checks read only; `restore_backup` keeps the file it replaces aside (`<journal>.replaced-<time>`)
and replaces the journal atomically, so the journal path never disappears. Nothing is deleted.
"""

from __future__ import annotations

import os
import stat
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from paintrack.errors import InputError, PaintrackError
from paintrack.storage.files import FILE_MODE, fsync_folder, token, write_new_file
from paintrack.storage.store import BACKUPS, FOLDER_MODE, Store

OK = "ok"
PROBLEM = "problem"


@dataclass(frozen=True, slots=True)
class Check:
    """One line of `paintrack doctor`: what was checked, ok or problem, and what was found."""

    name: str
    status: str
    detail: str


def checkup(store: Store) -> list[Check]:
    """Every check, in order; reads only, changes nothing (not even the seal)."""
    checks: list[Check] = []
    path = store.path
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as e:
        return [Check("journal", PROBLEM, f"cannot look at {path}: {e.strerror}")]
    backups = store.backups()
    if st is None:
        if backups:
            checks.append(Check("journal", PROBLEM, f"{path} is missing, but backups exist (restore one)"))
        else:
            checks.append(Check("journal", OK, f"no journal yet at {path}"))
    elif stat.S_ISLNK(st.st_mode):
        checks.append(Check("journal", PROBLEM, f"{path} is a symbolic link; paintrack does not follow links"))
    elif not stat.S_ISREG(st.st_mode):
        checks.append(Check("journal", PROBLEM, f"{path} is not a regular file"))
    else:
        checks.append(_check_content(store))
        checks.append(_check_mode("journal permissions", path, st, FILE_MODE))
    folder = path.parent
    if folder.is_dir():
        checks.append(_check_mode("folder permissions", folder, os.stat(folder), FOLDER_MODE))
    checks.extend(_check_backups(store, backups))
    leftovers = store.temp_files()
    if leftovers:
        names = ", ".join(sorted(p.name for p in leftovers))
        checks.append(Check("temp files", PROBLEM, f"left by an interrupted write: {names} (the next write removes them)"))
    else:
        checks.append(Check("temp files", OK, "none left over"))
    checks.append(_check_lock(store))
    return checks


def _check_content(store: Store) -> Check:
    try:
        raw = store.read_bytes()
        journal = store.parse(raw or b"", store.path)
    except PaintrackError as e:
        return Check("journal", PROBLEM, e.message)
    count = len(journal.assessments())
    if journal.migrated_from is not None:
        return Check("journal", OK, f"valid, schema version {journal.migrated_from} (migrated to the current "
                                    f"schema on the next change), {count} assessment(s)")
    sealed = "" if store._sealed(raw or b"") else (
        "; not sealed by this paintrack (edited by hand, restored by hand or written by another "
        "version), so reads validate it in full until its next change"
    )
    return Check("journal", OK, f"valid, schema version 2, {count} assessment(s), "
                                f"{len(journal.history)} recorded change(s){sealed}")


def _check_backups(store: Store, backups: list[tuple[int, Path]]) -> list[Check]:
    if not backups:
        return [Check("backups", OK, "none yet (kept from the second write on)")]
    checks = []
    for n, path in backups:
        name = f"backup {n}"
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            checks.append(Check(name, PROBLEM, f"{path.name} is not a regular file"))
            continue
        try:
            journal = store.parse(store.read_other(path), path)
        except PaintrackError as e:
            checks.append(Check(name, PROBLEM, f"{path.name} cannot be loaded: {e.message.split(': ', 1)[-1]}"))
            continue
        if stat.S_IMODE(st.st_mode) & 0o077:
            checks.append(Check(name, PROBLEM, f"{path.name} has mode {stat.S_IMODE(st.st_mode):04o}; should be 0600"))
            continue
        mtime = datetime.fromtimestamp(st.st_mtime).strftime("%Y-%m-%d %H:%M")
        checks.append(Check(name, OK, f"{path.name} loads ({len(journal.assessments())} assessment(s), {mtime})"))
    return checks


def _check_lock(store: Store) -> Check:
    from filelock import FileLock, Timeout

    lock_path = store.lock_path
    if not os.path.lexists(lock_path):
        return Check("lock", OK, "free")
    if os.path.islink(lock_path):
        return Check("lock", PROBLEM, f"{lock_path.name} is a symbolic link")
    lock = FileLock(lock_path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return Check("lock", PROBLEM, f"held by another paintrack process ({lock_path.name})")
    except OSError as e:
        return Check("lock", PROBLEM, f"cannot open {lock_path.name}: {e.strerror}")
    lock.release()
    return Check("lock", OK, f"free ({lock_path.name})")


def _check_mode(name: str, path: Path, st: os.stat_result, wanted: int) -> Check:
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o077:
        tail = " (tightened on the next write)" if wanted == FILE_MODE else ""
        return Check(name, PROBLEM, f"{path} has mode {mode:04o}; should be {wanted:04o}{tail}")
    return Check(name, OK, f"{mode:04o}")


def restore_backup(store: Store, n: int | None, now: datetime) -> tuple[int, Path | None, bool]:
    """Put backup `n` (default: the newest that loads) back as the journal.

    The current journal is kept aside as `<journal>.replaced-<timestamp>` first. When it still
    loads, the restore is recorded as a change in its history (undo can revert it, and nothing
    it held is lost) and written like any change; when it does not, the backup's journal goes
    back with the restore noted in its history, and the backups stay as they are. Returns the
    backup's number, where the old file was kept, and whether anything changed (a backup that
    holds what the journal holds changes nothing).
    """
    from paintrack.domain import history

    with store.lock():
        try:
            current = store.read(seal=False) if os.path.lexists(store.path) else None
        except PaintrackError:
            current = None
        if current is None:
            return _restore_file(store, n, now)
        n, data = _pick_backup(store, n)
        target = store.parse(data, store.backup_path(n))
        base = store.identified(current, now)  # a version-1 journal's migration is recorded first
        restored = history.commit(base, history.differences(base, target), now, f"doctor --restore-backup {n}")
        if restored is base:  # the backup holds what the journal holds: nothing to change
            return n, None, False
        kept = _keep_aside(store)
        try:
            store.write(restored)
        except BaseException:
            if kept is not None:  # nothing was restored: no second name for the journal left behind
                with suppress(OSError):
                    kept.unlink()
            raise
        return n, kept, True


def _keep_aside(store: Store) -> Path | None:
    if not os.path.lexists(store.path):
        return None
    kept = _aside_path(store)
    os.link(store.path, kept, follow_symlinks=False)
    os.chmod(kept, FILE_MODE)
    return kept


def _restore_file(store: Store, n: int | None, now: datetime) -> tuple[int, Path | None, bool]:
    """The journal does not load (or is missing): the backup's journal goes back, the restore
    noted in its history (a version-1 backup goes back as it is). One replace, no rotation: the
    backups stay as they are."""
    from paintrack.domain import history

    n, raw = _pick_backup(store, n)
    journal = store.parse(raw, store.backup_path(n))
    path = store.path
    kept = _aside_path(store) if os.path.lexists(path) else None
    if journal.migrated_from is None:
        note = f"doctor --restore-backup {n}"
        if kept is not None:
            note += f" (the unreadable file kept as {kept.name})"
        data = store.encode(history.record_event(journal, now, note[:500]))
    else:
        data = raw
    folder = path.parent
    tmp = folder / f".{path.name}.tmp-{os.getpid()}-{token()}"
    moved = False
    try:
        write_new_file(tmp, data)
        with open(tmp, "rb") as f:  # read back byte for byte before anything moves
            if f.read() != data:
                raise PaintrackError(f"cannot restore {path}: the disk gave back other bytes",
                                     hint="the journal was left as it was; check the disk")
        if kept is not None:
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode):
                os.link(path, kept, follow_symlinks=False)
                os.chmod(kept, FILE_MODE)
            else:  # a link or a folder: moved aside as it is (never followed)
                os.rename(path, kept)
                moved = True
        os.replace(tmp, path)
    except BaseException as e:
        _undo_restore(path, tmp, kept, moved)
        if isinstance(e, OSError):
            raise PaintrackError(f"cannot restore {path}: {e.strerror or e}", hint="nothing was changed") from None
        raise
    try:
        fsync_folder(folder)
    except OSError as e:
        raise PaintrackError(f"{path} was restored, but the folder could not be synced to disk: {e.strerror or e}",
                             hint="a power cut now could bring back the file it replaced; check the disk") from None
    if journal.migrated_from is None:
        store.seal(data)  # validated by encode
    return n, kept, True


def _undo_restore(path: Path, tmp: Path, kept: Path | None, moved: bool) -> None:
    """A restore failed before its replace: the journal path as it was, nothing left over."""
    with suppress(OSError):
        tmp.unlink()
    if kept is None:
        return
    with suppress(OSError):
        if moved:
            os.rename(kept, path)
        elif os.path.lexists(path):
            kept.unlink()


def _pick_backup(store: Store, n: int | None) -> tuple[int, bytes]:
    if n is not None:
        if not 1 <= n <= BACKUPS:
            raise InputError(f"--restore-backup must be from 1 to {BACKUPS}; got {n}")
        path = store.backup_path(n)
        if not os.path.lexists(path):
            raise PaintrackError(f"there is no backup {n} ({path.name})", hint="`paintrack doctor` lists the backups")
        if os.path.islink(path):
            raise PaintrackError(f"{path} is a symbolic link; paintrack does not follow links")
        data = store.read_other(path)
        store.parse(data, path)
        return n, data
    for m, path in store.backups():
        if os.path.islink(path):
            continue
        try:
            data = store.read_other(path)
            store.parse(data, path)
        except PaintrackError:
            continue
        return m, data
    raise PaintrackError("there is no backup that loads", hint="nothing was changed")


def _aside_path(store: Store) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    candidate = store.path.with_name(f"{store.path.name}.replaced-{stamp}")
    k = 1
    while os.path.lexists(candidate):
        k += 1
        candidate = store.path.with_name(f"{store.path.name}.replaced-{stamp}-{k}")
    return candidate
