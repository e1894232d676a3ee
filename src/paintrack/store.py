"""The journal file: the only module that reads or writes it.

Guarantees (README "Your data"):
- Every write takes a lock (a separate `<journal>.lock` file), writes a temp file in the same
  folder (mode 0600), flushes and fsyncs it, re-reads and validates it, rotates the backups,
  `os.replace`s it over the journal and fsyncs the folder. A reader sees the old journal or the
  new one, whole; a crash at any instant leaves one of them.
- The previous versions are kept as `<journal>.bak.1` (newest) … `.bak.3`.
- A file that is empty, unparsable, of the wrong shape or from a newer schema is an error,
  never an empty journal, and is never rewritten.
- The journal path must not be a symbolic link: paintrack refuses to read or write through one
  (a rename would replace the link, not its target, and a link can point anywhere).
- After each write, `<journal>.seal` records a digest of the bytes the models just validated
  (keyed by the models' source). `snapshot()` trusts a journal whose bytes match its seal without
  validating them again; any other journal (edited, restored, from another version) is
  validated in full. A missing or stale seal only makes the read slower.
"""

from __future__ import annotations

import gc
import json
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paintrack import SCHEMA_VERSION
from paintrack.errors import PaintrackError
from paintrack.seal import journal_seal

if TYPE_CHECKING:
    from paintrack import snapshot
    from paintrack.models import Journal

JOURNAL_ENV = "PAINTRACK_JOURNAL"
LOCK_TIMEOUT_ENV = "PAINTRACK_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT_S = 10.0
BACKUPS = 3
MAX_JOURNAL_BYTES = 64 * 1024 * 1024
FILE_MODE = 0o600
FOLDER_MODE = 0o700


def resolve_path(option: str | os.PathLike[str] | None = None) -> Path:
    """`--journal PATH`, else $PAINTRACK_JOURNAL, else the platform's user data folder."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(JOURNAL_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("paintrack", appauthor=False)) / "journal.json"


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


class _NotANumber(ValueError):
    pass


def _no_constants(name: str) -> Any:
    raise _NotANumber(f"{name} is not a number paintrack accepts")


def parse_journal(raw: bytes) -> Journal:
    """Bytes → Journal, or ValueError with a short reason (no health data in it).

    The cyclic garbage collector is paused while the file is parsed: parsing makes many small
    objects and no cycles, and the collector's passes over them were two thirds of the load
    time of a 100,000-entry journal (bench/README.md).
    """
    with _collector_paused():
        return _parse_journal(raw)


@contextmanager
def _collector_paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _parse_journal(raw: bytes) -> Journal:
    if not raw.strip():
        raise ValueError("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"not valid UTF-8 (byte {e.start})") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as e:
        raise ValueError(f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    except RecursionError:
        raise ValueError("not valid JSON (nested too deeply)") from None
    except (_DuplicateKey, _NotANumber) as e:
        raise ValueError(f"not valid JSON ({e})") from None
    except ValueError:  # e.g. an integer with thousands of digits (int_max_str_digits)
        raise ValueError("not valid JSON (a number paintrack cannot read)") from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise ValueError("not a paintrack journal (no schema_version)")
    version = data["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("schema_version is not a positive whole number")
    if version > SCHEMA_VERSION:
        raise _NewerSchema(version)
    data = _migrate(data)
    from pydantic import ValidationError

    from paintrack.models import Journal

    try:
        return Journal.model_validate(data)
    except ValidationError as e:
        raise ValueError(_first_error(e)) from None


def _first_error(e: Any) -> str:
    """'updates.0.nrs: Input should be less than or equal to 10' (never the value itself)."""
    first = e.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "journal"
    return f"{where}: {first['msg']}"


class _NewerSchema(ValueError):
    def __init__(self, version: int):
        super().__init__(f"schema version {version}")
        self.version = version


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older journal up to SCHEMA_VERSION in memory (written back on the next change)."""
    # Version 1 is the first schema; migrations from older versions go here, one step each.
    return data


def _revalidate(journal: Journal) -> None:
    """Validate the journal as a whole before it is written.

    The models do not validate assignment, so a caller could have set a NaN or an out-of-range
    value, or appended a second update on one date; pydantic would dump NaN as null. Refuse to
    write such a journal rather than store something other than what was meant.
    """
    from pydantic import ValidationError

    from paintrack.models import Journal

    try:
        Journal.model_validate(journal.model_dump())
    except ValidationError as e:
        raise PaintrackError(
            f"not saved: the change would make the journal invalid ({_first_error(e)})",
            hint="the journal was left as it was; this is a bug in paintrack, please report it",
        ) from None


def serialize(journal: Journal) -> bytes:
    return journal.model_dump_json(indent=1, exclude_none=True).encode("utf-8") + b"\n"


class Store:
    """A journal at `path`. Reading needs no lock; `transaction()` locks, reads and writes."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.notices: list[str] = []

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def backup_path(self, n: int = 1) -> Path:
        return self.path.with_name(f"{self.path.name}.bak.{n}")

    def _hint(self) -> str:
        return (
            f"the file was left as it is; earlier versions are kept beside it as "
            f"{self.backup_path(1).name} … .bak.{BACKUPS} (`paintrack doctor` checks them)"
        )

    # -- reading -------------------------------------------------------------------------

    def exists(self) -> bool:
        return os.path.lexists(self.path)

    def read_bytes(self) -> bytes | None:
        """The journal's bytes, None when there is no journal yet; refuses links and folders."""
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            return None
        except OSError as e:
            raise PaintrackError(f"cannot read {self.path}: {e.strerror}") from None
        if stat.S_ISLNK(st.st_mode):
            raise PaintrackError(
                f"{self.path} is a symbolic link; paintrack does not follow links for the journal",
                hint="point --journal (or PAINTRACK_JOURNAL) at the real file",
            )
        if not stat.S_ISREG(st.st_mode):
            raise PaintrackError(f"{self.path} is not a regular file", hint=self._hint())
        if st.st_size > MAX_JOURNAL_BYTES:
            raise PaintrackError(
                f"{self.path} is {st.st_size // (1024 * 1024)} MiB, larger than a journal can be "
                f"({MAX_JOURNAL_BYTES // (1024 * 1024)} MiB)",
                hint=self._hint(),
            )
        try:
            raw = _read_bounded(self.path)
        except OSError as e:
            raise PaintrackError(f"cannot read {self.path}: {e.strerror}", hint=self._hint()) from None
        if len(raw) > MAX_JOURNAL_BYTES:
            raise PaintrackError(f"{self.path} is larger than a journal can be", hint=self._hint())
        return raw

    def read(self) -> Journal:
        """The journal as models, validated (an absent journal is an empty one)."""
        raw = self.read_bytes()
        if raw is None:
            from paintrack.models import Journal

            return Journal()
        return self._parse(raw, self.path)

    def snapshot(self) -> snapshot.Journal:
        """The journal read-only, for commands that only read it. A journal whose bytes match
        its seal was validated when it was written and is not validated again (no pydantic
        import: the fast path of `report`); any other journal is validated as `read()` does."""
        from paintrack import snapshot

        raw = self.read_bytes()
        if raw is None:
            return snapshot.Journal()
        if self._sealed(raw):
            try:
                with _collector_paused():
                    return snapshot.from_data(json.loads(raw))
            except (ValueError, TypeError, KeyError, AttributeError):
                pass  # a seal paintrack did not make: validate, and say what is wrong
        return snapshot.from_journal(self._parse(raw, self.path))

    @property
    def seal_path(self) -> Path:
        return self.path.with_name(self.path.name + ".seal")

    def _sealed(self, raw: bytes) -> bool:
        expected = journal_seal(raw)
        if expected is None:
            return False
        try:
            fd = os.open(self.seal_path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as f:
                found = f.read(256)
        except OSError:
            return False
        return found.strip() == expected.encode("ascii")

    def _seal(self, data: bytes) -> None:
        """Record that `data`, now the journal, passed the models. Best effort: a seal that is
        missing or stale makes readers validate the journal themselves, nothing worse."""
        seal = journal_seal(data)
        tmp = self.path.with_name(f".{self.path.name}.tmp-seal-{_token()}")
        try:
            if seal is None:
                self.seal_path.unlink(missing_ok=True)
                return
            _write_new_file(tmp, seal.encode("ascii") + b"\n", sync=False)
            os.replace(tmp, self.seal_path)
        except OSError:
            with suppress(OSError):
                tmp.unlink()
            with suppress(OSError):
                self.seal_path.unlink()

    def _parse(self, raw: bytes, where: Path) -> Journal:
        try:
            return parse_journal(raw)
        except _NewerSchema as e:
            raise PaintrackError(
                f"{where} was written by a newer paintrack (journal schema {e.version}; "
                f"this version reads up to {SCHEMA_VERSION})",
                hint="upgrade paintrack; the journal was not changed",
            ) from None
        except ValueError as e:
            raise PaintrackError(f"{where} is not a readable paintrack journal: {e}", hint=self._hint()) from None

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Journal]:
        """Lock, read, let the caller change the journal, then write it (only if no error)."""
        with self._lock():
            journal = self.read()
            yield journal
            self._write(journal)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        self._ensure_folder()
        timeout = lock_timeout()
        lock = FileLock(self.lock_path, timeout=timeout, mode=FILE_MODE)
        try:
            lock.acquire()
        except Timeout:
            raise PaintrackError(
                f"{self.path} is locked by another paintrack process (waited {timeout:g} s)",
                hint="try again when it has finished; nothing was written",
            ) from None
        except OSError as e:
            raise PaintrackError(f"cannot lock {self.lock_path}: {e.strerror}") from None
        try:
            yield
        finally:
            lock.release()

    def _ensure_folder(self) -> None:
        folder = self.path.parent
        if folder.exists():
            return
        missing = [folder, *(p for p in folder.parents if not p.exists())]
        try:
            for path in reversed(missing):  # every folder paintrack creates is private, parents too
                with suppress(FileExistsError):
                    path.mkdir(mode=FOLDER_MODE)
                    os.chmod(path, FOLDER_MODE)
        except OSError as e:
            raise PaintrackError(f"cannot create the folder {folder}: {e.strerror}") from None

    def _temp_files(self) -> list[Path]:
        return list(self.path.parent.glob(f".{self.path.name}.tmp-*"))

    def _write(self, journal: Journal) -> None:
        _revalidate(journal)
        data = serialize(journal)
        folder = self.path.parent
        for leftover in self._temp_files():  # from a write that was killed; holds health data
            with suppress(OSError):
                leftover.unlink()
        tmp = folder / f".{self.path.name}.tmp-{os.getpid()}-{_token()}"
        try:
            _write_new_file(tmp, data)  # 0600, flushed and fsynced before anything else
            with open(tmp, "rb") as f:  # re-read and validate before any backup is rotated
                self._parse(f.read(), tmp)
            self._keep_backup()
            os.replace(tmp, self.path)
        except OSError as e:
            with suppress(OSError):
                tmp.unlink()
            raise PaintrackError(
                f"cannot write {self.path}: {e.strerror or e}", hint="the journal was left as it was"
            ) from None
        except PaintrackError:
            with suppress(OSError):
                tmp.unlink()
            raise
        try:
            _fsync_folder(folder)
        except OSError as e:
            raise PaintrackError(
                f"{self.path} was written, but the folder could not be synced to disk: {e.strerror or e}",
                hint="a power cut now could bring back the previous version; check the disk",
            ) from None
        self._seal(data)

    def _keep_backup(self) -> None:
        """Shift .bak.1 … .bak.N-1 up one, and keep the current journal as .bak.1."""
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            return
        if stat.S_IMODE(st.st_mode) & 0o077:
            os.chmod(self.path, FILE_MODE)
            self.notices.append(
                f"{self.path} was readable by others (mode {stat.S_IMODE(st.st_mode):04o}); "
                f"it is now private (0600)"
            )
        # The copy is made first: if it fails (disk full), the backups have not moved.
        staging = self.path.with_name(f".{self.path.name}.tmp-bak-{_token()}")
        try:
            try:
                os.link(self.path, staging)
            except OSError:
                with open(self.path, "rb") as src:
                    _write_new_file(staging, src.read())
            for n in range(BACKUPS - 1, 0, -1):
                if os.path.lexists(self.backup_path(n)):
                    os.replace(self.backup_path(n), self.backup_path(n + 1))
            for n in range(2, BACKUPS + 1):  # backups hold health data too: never looser than 0600
                with suppress(OSError):
                    st = os.lstat(self.backup_path(n))
                    if stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) & 0o077:
                        os.chmod(self.backup_path(n), FILE_MODE)
            os.replace(staging, self.backup_path(1))
        finally:
            # Gone after the replace, except when rename() was between two names of one file, which
            # does nothing (POSIX): an earlier write was killed after this step, so .bak.1 is already
            # this journal. Either way no extra name is left behind.
            with suppress(FileNotFoundError):
                staging.unlink()

    # -- health check and restore (`paintrack doctor`) -------------------------------------

    def backups(self) -> list[tuple[int, Path]]:
        """The backups that exist (links count too, so the check can flag them), newest first."""
        return [(n, self.backup_path(n)) for n in range(1, BACKUPS + 1) if os.path.lexists(self.backup_path(n))]

    def checkup(self) -> list[Check]:
        """Every check `paintrack doctor` shows, in order; reads only, changes nothing."""
        checks: list[Check] = []
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            st = None
        except OSError as e:
            return [Check("journal", PROBLEM, f"cannot look at {self.path}: {e.strerror}")]
        backups = self.backups()
        if st is None:
            if backups:
                checks.append(Check("journal", PROBLEM, f"{self.path} is missing, but backups exist (restore one)"))
            else:
                checks.append(Check("journal", OK, f"no journal yet at {self.path}"))
        elif stat.S_ISLNK(st.st_mode):
            checks.append(Check("journal", PROBLEM, f"{self.path} is a symbolic link; paintrack does not follow links"))
        elif not stat.S_ISREG(st.st_mode):
            checks.append(Check("journal", PROBLEM, f"{self.path} is not a regular file"))
        else:
            checks.append(self._check_content())
            checks.append(_check_mode("journal permissions", self.path, st, FILE_MODE))
        folder = self.path.parent
        if folder.is_dir():
            checks.append(_check_mode("folder permissions", folder, os.stat(folder), FOLDER_MODE))
        checks.extend(self._check_backups(backups))
        leftovers = self._temp_files()
        if leftovers:
            names = ", ".join(sorted(p.name for p in leftovers))
            checks.append(Check("temp files", PROBLEM, f"left by an interrupted write: {names} (the next write removes them)"))
        else:
            checks.append(Check("temp files", OK, "none left over"))
        checks.append(self._check_lock())
        return checks

    def _check_content(self) -> Check:
        try:
            raw = self.read_bytes()
            journal = self._parse(raw or b"", self.path)
        except PaintrackError as e:
            return Check("journal", PROBLEM, e.message)
        count = len(journal.assessments())
        sealed = "" if self._sealed(raw or b"") else (
            "; not sealed by this paintrack (edited by hand, restored by hand or written by another "
            "version), so reports validate it in full until the next change"
        )
        return Check("journal", OK, f"valid, schema version {journal.schema_version}, {count} assessment(s){sealed}")

    def _check_backups(self, backups: list[tuple[int, Path]]) -> list[Check]:
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
                journal = self._parse(self._read_other(path), path)
            except PaintrackError as e:
                checks.append(Check(name, PROBLEM, f"{path.name} cannot be loaded: {e.message.split(': ', 1)[-1]}"))
                continue
            if stat.S_IMODE(st.st_mode) & 0o077:
                checks.append(Check(name, PROBLEM, f"{path.name} has mode {stat.S_IMODE(st.st_mode):04o}; should be 0600"))
                continue
            mtime = datetime.fromtimestamp(st.st_mtime).strftime("%Y-%m-%d %H:%M")
            checks.append(Check(name, OK, f"{path.name} loads ({len(journal.assessments())} assessment(s), {mtime})"))
        return checks

    def _check_lock(self) -> Check:
        from filelock import FileLock, Timeout

        if not os.path.lexists(self.lock_path):
            return Check("lock", OK, "free")
        if os.path.islink(self.lock_path):
            return Check("lock", PROBLEM, f"{self.lock_path.name} is a symbolic link")
        lock = FileLock(self.lock_path, timeout=0)
        try:
            lock.acquire()
        except Timeout:
            return Check("lock", PROBLEM, f"held by another paintrack process ({self.lock_path.name})")
        except OSError as e:
            return Check("lock", PROBLEM, f"cannot open {self.lock_path.name}: {e.strerror}")
        lock.release()
        return Check("lock", OK, f"free ({self.lock_path.name})")

    def _read_other(self, path: Path) -> bytes:
        """Bytes of a backup: a regular file, not followed through a link, size-limited."""
        try:
            if os.lstat(path).st_size > MAX_JOURNAL_BYTES:
                raise PaintrackError(f"{path} is larger than a journal can be")
            return _read_bounded(path)
        except OSError as e:
            raise PaintrackError(f"cannot read {path}: {e.strerror}") from None

    def restore_backup(self, n: int | None = None) -> tuple[int, Path | None]:
        """Put backup `n` (default: the newest that loads) back as the journal.

        The current journal is kept aside as `<journal>.replaced-<timestamp>` first; nothing is
        deleted. Returns the backup's number and where the old journal was kept (None if there
        was none). The journal path never disappears: it is hard-linked aside, then replaced.
        """
        with self._lock():
            n, data = self._pick_backup(n)
            folder = self.path.parent
            tmp = folder / f".{self.path.name}.tmp-{os.getpid()}-{_token()}"
            kept: Path | None = None
            try:
                _write_new_file(tmp, data)
                if os.path.lexists(self.path):
                    kept = self._aside_path()
                    st = os.lstat(self.path)
                    if stat.S_ISREG(st.st_mode):
                        os.link(self.path, kept, follow_symlinks=False)
                        os.chmod(kept, FILE_MODE)
                    else:  # a link or a folder: moved aside as it is (never followed)
                        os.rename(self.path, kept)
                os.replace(tmp, self.path)
                _fsync_folder(folder)
            except OSError as e:
                with suppress(OSError):
                    tmp.unlink()
                raise PaintrackError(f"cannot restore {self.path}: {e.strerror or e}") from None
            self._seal(data)  # the backup was validated when it was picked
            return n, kept

    def _pick_backup(self, n: int | None) -> tuple[int, bytes]:
        if n is not None:
            if not 1 <= n <= BACKUPS:
                raise PaintrackError(f"--restore-backup must be from 1 to {BACKUPS}; got {n}", exit_code=2)
            path = self.backup_path(n)
            if not os.path.lexists(path):
                raise PaintrackError(f"there is no backup {n} ({path.name})", hint="`paintrack doctor` lists the backups")
            if os.path.islink(path):
                raise PaintrackError(f"{path} is a symbolic link; paintrack does not follow links")
            data = self._read_other(path)
            self._parse(data, path)
            return n, data
        for m, path in self.backups():
            if os.path.islink(path):
                continue
            try:
                data = self._read_other(path)
                self._parse(data, path)
            except PaintrackError:
                continue
            return m, data
        raise PaintrackError("there is no backup that loads", hint="nothing was changed")

    def _aside_path(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        candidate = self.path.with_name(f"{self.path.name}.replaced-{stamp}")
        k = 1
        while os.path.lexists(candidate):
            k += 1
            candidate = self.path.with_name(f"{self.path.name}.replaced-{stamp}-{k}")
        return candidate


OK = "ok"
PROBLEM = "problem"


@dataclass(frozen=True)
class Check:
    """One line of `paintrack doctor`: what was checked, OK or PROBLEM, and what was found."""

    name: str
    status: str
    detail: str


def _check_mode(name: str, path: Path, st: os.stat_result, wanted: int) -> Check:
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o077:
        return Check(name, PROBLEM, f"{path} has mode {mode:04o}; should be {wanted:04o} (tightened on the next write)"
                     if wanted == FILE_MODE else f"{path} has mode {mode:04o}; should be {wanted:04o}")
    return Check(name, OK, f"{mode:04o}")


def _token() -> str:
    """A random suffix for a temp file name (what secrets.token_hex(4) gives, without its imports)."""
    return os.urandom(4).hex()


def _read_bounded(path: Path) -> bytes:
    """At most MAX_JOURNAL_BYTES + 1 bytes (bounded even if the file grew since it was
    measured), never through a link."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as f:
        return f.read(MAX_JOURNAL_BYTES + 1)


def _write_new_file(path: Path, data: bytes, sync: bool = True) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def write_file_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a report or export file: temp file beside it (0600: it holds health data), fsync,
    os.replace, folder fsync. A reader sees the old file or the new one, never half of it."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{_token()}")
    try:
        _write_new_file(tmp, data)
        os.replace(tmp, path)
        _fsync_folder(path.parent)
    except OSError as e:
        with suppress(OSError):
            tmp.unlink()
        raise PaintrackError(f"cannot write {path}: {e.strerror or e}") from None


def lock_timeout() -> float:
    """Seconds to wait for another paintrack's lock: $PAINTRACK_LOCK_TIMEOUT, else 10."""
    raw = os.environ.get(LOCK_TIMEOUT_ENV)
    if raw is None or not raw.strip():
        return DEFAULT_LOCK_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:  # also refuses nan, inf and negatives (a negative waits forever)
        raise PaintrackError(
            f"{LOCK_TIMEOUT_ENV} must be a number of seconds from 0 to 3600; got {raw[:24]!r}",
            exit_code=2,
        )
    return value


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
