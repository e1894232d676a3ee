"""The journal file: the only code that reads or writes it.

Guarantees (README "Your data"):
- Every write takes a lock (`<journal>.lock`), validates the new journal once (its bytes, by the
  schema), writes a temp file in the same folder (0600), fsyncs it, reads it back byte for byte,
  `os.replace`s it over the journal and fsyncs the folder. Only then do the backups rotate
  (`<journal>.bak.1` newest … `.bak.3`): a failed write loses no backup. A crash at any instant
  leaves the old journal or the new one, whole.
- A file that is empty, unparsable, of the wrong shape or types, or from a newer schema is an
  error naming the file and the field, never an empty journal, and is never rewritten.
- The journal path must not be a symbolic link.
- The seal (`<journal>.seal`, see `seal.py`) lets a journal whose bytes were validated, and are
  in paintrack's own form (`codec.encode`), be read without pydantic; the sealed reader still
  checks every range, and leaves the history in its stored form until a change is used.
- A write validates the records and the new history entries; the history's stored lines are
  written back byte for byte (bench/README.md: a long history does not slow every write).
"""

from __future__ import annotations

import gc
import json
import os
import stat
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from paintrack.domain.records import HistoryEntry, Journal
from paintrack.errors import InputError, PaintrackError
from paintrack.storage import codec
from paintrack.storage.files import FILE_MODE, fsync_folder, read_bounded, token, write_new_file
from paintrack.storage.seal import journal_seal

JOURNAL_ENV = "PAINTRACK_JOURNAL"
LOCK_TIMEOUT_ENV = "PAINTRACK_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT_S = 10.0
BACKUPS = 3
MAX_JOURNAL_BYTES = 64 * 1024 * 1024
FOLDER_MODE = 0o700
SCHEMA_VERSION = codec.SCHEMA_VERSION


def resolve_path(option: str | None = None) -> Path:
    """`--journal PATH`, else $PAINTRACK_JOURNAL (empty counts as unset), else the platform's
    user data folder. An empty `--journal` is a usage error."""
    if option is not None:
        if not option.strip():
            raise InputError("--journal must not be empty", hint="give a file path, or leave the option out")
        return Path(option).expanduser()
    env = os.environ.get(JOURNAL_ENV)
    if env and env.strip():
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("paintrack", appauthor=False)) / "journal.json"


# --- parsing ------------------------------------------------------------------------------


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number paintrack accepts")


class NewerSchema(ValueError):
    def __init__(self, version: int):
        super().__init__(f"schema version {version}")
        self.version = version


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Parsing makes many small objects and no cycles; the collector's passes over them were
    two thirds of the load time of a 100,000-entry journal (bench/README.md)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def parse_journal(raw: bytes, now: datetime | None = None) -> Journal:
    """Bytes → Journal, validated in full; ValueError with a short reason (no health data)."""
    with _collector_paused():
        return _parse_journal(raw, now)


def _parse_journal(raw: bytes, now: datetime | None) -> Journal:
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
    except _DuplicateKey as e:
        raise ValueError(f"not valid JSON ({e})") from None
    except ValueError:  # NaN/Infinity, or an integer with thousands of digits
        raise ValueError("not valid JSON (a number paintrack cannot read)") from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise ValueError("not a paintrack journal (no schema_version)")
    version = data["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("schema_version is not a positive whole number")
    if version > SCHEMA_VERSION:
        raise NewerSchema(version)
    from paintrack.storage import schema

    schema.validate(raw, version)
    if version == 1:
        migrated = codec.migrate_v1(data, now or datetime.now().astimezone())
        try:  # what the next change will write must be a valid journal too: found now, not then
            schema.validate(json.dumps(migrated).encode("utf-8"), SCHEMA_VERSION)
        except ValueError as e:
            raise ValueError(f"a version-1 journal that cannot be brought to version {SCHEMA_VERSION} ({e})") from None
        return codec.from_data(migrated, migrated_from=1)
    return codec.from_data(data)


def serialize(journal: Journal) -> bytes:
    return codec.encode(journal)


class Store:
    """A journal at `path`. Reading needs no lock; `commit()` locks, reads, writes."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.notices: list[str] = []
        self._last: tuple[bytes, Journal] | None = None  # the bytes last read or written, as records

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @property
    def seal_path(self) -> Path:
        return self.path.with_name(self.path.name + ".seal")

    def backup_path(self, n: int = 1) -> Path:
        return self.path.with_name(f"{self.path.name}.bak.{n}")

    def hint(self) -> str:
        return (
            f"the file was left as it is; earlier versions are kept beside it as {self.backup_path(1).name} "
            f"… .bak.{BACKUPS} (`paintrack doctor` checks them, `paintrack doctor --restore-backup` puts one back)"
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
            raise PaintrackError(f"{self.path} is not a regular file", hint=self.hint())
        if st.st_size > MAX_JOURNAL_BYTES:
            raise PaintrackError(
                f"{self.path} is {st.st_size // (1024 * 1024)} MiB, larger than a journal can be "
                f"({MAX_JOURNAL_BYTES // (1024 * 1024)} MiB)", hint=self.hint(),
            )
        try:
            raw = read_bounded(self.path, MAX_JOURNAL_BYTES)
        except OSError as e:
            raise PaintrackError(f"cannot read {self.path}: {e.strerror}", hint=self.hint()) from None
        if len(raw) > MAX_JOURNAL_BYTES:
            raise PaintrackError(f"{self.path} is larger than a journal can be", hint=self.hint())
        return raw

    def read(self, seal: bool = True) -> Journal:
        """The journal (an absent journal is an empty one). Bytes that match their seal were
        validated and are in paintrack's own form: they are read without pydantic (every range
        still checked; the history left in its stored form until used). Any other bytes are
        validated in full, and, when valid and in paintrack's own form, sealed (with `seal`),
        so the next read takes the fast path."""
        raw = self.read_bytes()
        if raw is None:
            return Journal()
        if self._last is not None and self._last[0] == raw:  # read (or written) before, unchanged since
            return self._last[1]
        journal = self._load(raw, seal)
        self._last = (raw, journal)
        return journal

    def _load(self, raw: bytes, seal: bool) -> Journal:
        if self._sealed(raw):
            try:
                with _collector_paused():
                    journal = codec.from_stored(raw)
                codec.check_ranges(journal)
                return journal
            except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
                pass  # a seal paintrack did not make: validate, and say what is wrong
        journal = self.parse(raw, self.path)
        if seal and journal.migrated_from is None and serialize(journal) == raw:
            self.seal(raw)
        return journal

    def snapshot(self) -> Journal:
        """The journal for commands that only read it (the same as `read`)."""
        return self.read()

    def parse(self, raw: bytes, where: Path) -> Journal:
        try:
            return parse_journal(raw)
        except NewerSchema as e:
            raise PaintrackError(
                f"{where} was written by a newer paintrack (journal schema {e.version}; this version "
                f"reads up to {SCHEMA_VERSION})", hint="upgrade paintrack; the journal was not changed",
            ) from None
        except ValueError as e:
            raise PaintrackError(f"{where} is not a readable paintrack journal: {e}", hint=self.hint()) from None

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

    def seal(self, data: bytes) -> None:
        """Record that `data` passed the schema. Best effort: a missing or stale seal makes
        readers validate the journal themselves, nothing worse."""
        seal = journal_seal(data)
        tmp = self.path.with_name(f".{self.path.name}.tmp-seal-{token()}")
        try:
            if seal is None:
                self.seal_path.unlink(missing_ok=True)
                return
            write_new_file(tmp, seal.encode("ascii") + b"\n", sync=False)
            os.replace(tmp, self.seal_path)
        except OSError:
            with suppress(OSError):
                tmp.unlink()
            with suppress(OSError):
                self.seal_path.unlink()

    # -- writing -------------------------------------------------------------------------

    def commit(self, change: Callable[[Journal], Journal], now: datetime) -> Journal:
        """Lock, read, apply `change` (a pure function of the journal), and write the result if
        it differs. A journal without an id gets one, and a migrated journal's migration is
        recorded in its history. Returns the journal as written (or as read, if unchanged)."""
        with self.lock():
            journal = self.read(seal=False)
            base = self.identified(journal, now)  # a migration is recorded before the change
            new = change(base)
            if new is base:
                return journal
            self.write(new)
            return new

    def write_migration(self, now: datetime) -> Journal:
        """Give a journal its id (writing a migration) if it has none yet; else just read it."""
        with self.lock():
            journal = self.read(seal=False)
            if journal.journal_id is not None or journal.baseline is None:
                return journal
            new = self.identified(journal, now)
            self.write(new)
            return new

    def replace_all(self, journal: Journal, now: datetime) -> None:
        """Write `journal` whatever the file held (the demo's own journal only): its old backups
        and seal go first, so the demo never piles up files."""
        with self.lock():
            for name in (*[self.backup_path(n) for n in range(1, BACKUPS + 1)], self.seal_path, self.path):
                with suppress(FileNotFoundError):
                    name.unlink()
            self.write(self.identified(journal, now))

    @staticmethod
    def identified(journal: Journal, now: datetime) -> Journal:
        if journal.journal_id is not None:
            return journal
        history = journal.history
        if journal.migrated_from is not None:
            from paintrack.domain.history import appended

            number = history[-1].number + 1 if history else 1
            history = appended(history, HistoryEntry(
                number, now, f"migrate: journal schema {journal.migrated_from} → {SCHEMA_VERSION}", (), migration=True,
            ))
        return replace(journal, journal_id=str(uuid.uuid4()), history=history, migrated_from=None)

    @contextmanager
    def lock(self) -> Iterator[None]:
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
            raise PaintrackError(f"cannot lock {self.lock_path}: {e.strerror}",
                                 hint="nothing was written; `paintrack doctor` checks the journal's folder") from None
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

    def temp_files(self) -> list[Path]:
        return list(self.path.parent.glob(f".{self.path.name}.tmp-*"))

    def encode(self, journal: Journal) -> bytes:
        """The journal's bytes, validated once by the schema: the records and the new history
        entries (the stored entries are written back byte for byte, as validated when read).
        A journal the schema would read back differently is refused (a bug), never written."""
        data, checked, new = codec.encode_for_check(journal)
        from paintrack.storage import schema

        entries = journal.history
        old = len(entries) - new
        try:
            schema.validate(checked, SCHEMA_VERSION)
            back = codec.from_data(json.loads(checked))
            same = (replace(back, history=()) == replace(journal, history=(), migrated_from=None)
                    and tuple(back.history) == tuple(entries[old:]))
            if same and 0 < old < len(entries) and entries[old - 1].number >= entries[old].number:
                raise ValueError("history: the new change is not numbered after the others")
        except ValueError as e:
            raise PaintrackError(
                f"not saved: the change would make the journal invalid ({e})",
                hint="the journal was left as it was; this is a bug in paintrack, please report it",
            ) from None
        if not same:
            raise PaintrackError(
                "not saved: the journal would not read back as it was meant",
                hint="the journal was left as it was; this is a bug in paintrack, please report it",
            )
        return data

    def write(self, journal: Journal) -> None:
        data = self.encode(journal)
        self.write_bytes(data)
        self.seal(data)
        self._last = (data, journal)

    def write_bytes(self, data: bytes) -> None:
        """Put `data` in place as the journal (atomic, read back), then rotate the backups."""
        folder = self.path.parent
        for leftover in self.temp_files():  # from a write that was killed; holds health data
            with suppress(OSError):
                leftover.unlink()
        tmp = folder / f".{self.path.name}.tmp-{os.getpid()}-{token()}"
        staging = self.path.with_name(f".{self.path.name}.tmp-bak-{token()}")
        had_journal = False
        try:
            write_new_file(tmp, data)  # 0600, flushed and fsynced
            with open(tmp, "rb") as f:  # read back byte for byte before anything else moves
                if f.read() != data:
                    raise PaintrackError(f"cannot write {self.path}: the disk gave back other bytes",
                                         hint="the journal was left as it was; check the disk")
            had_journal = self._stage_backup(staging)
            os.replace(tmp, self.path)
        except OSError as e:
            for name in (tmp, staging):
                with suppress(OSError):
                    name.unlink()
            raise PaintrackError(f"cannot write {self.path}: {e.strerror or e}",
                                 hint="the journal and its backups were left as they were") from None
        except BaseException:  # a refusal, or Ctrl-C: no temp file (it holds health data) is left
            for name in (tmp, staging):
                with suppress(OSError):
                    name.unlink()
            raise
        try:
            fsync_folder(folder)
        except OSError as e:
            synced: OSError | None = e
        else:
            synced = None
        if had_journal:  # the new journal is in place: the old one becomes .bak.1 either way
            self._rotate_backups(staging)
        if synced is not None:
            raise PaintrackError(
                f"{self.path} was written, but the folder could not be synced to disk: {synced.strerror or synced}",
                hint="a power cut now could bring back the previous version; check the disk",
            )

    def _stage_backup(self, staging: Path) -> bool:
        """A second name for the current journal (a hard link, else a copy), to become .bak.1
        once the new journal is in place. False when there is no journal yet."""
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            return False
        if stat.S_IMODE(st.st_mode) & 0o077:
            os.chmod(self.path, FILE_MODE)
            self.notices.append(
                f"{self.path} was readable by others (mode {stat.S_IMODE(st.st_mode):04o}); it is now private (0600)"
            )
        try:
            os.link(self.path, staging)
        except OSError:
            with open(self.path, "rb") as src:
                write_new_file(staging, src.read())
        return True

    def _rotate_backups(self, staging: Path) -> None:
        """.bak.2 → .bak.3, .bak.1 → .bak.2, the previous journal → .bak.1. Best effort: the
        new journal is already in place; a failure here costs a backup, never the journal."""
        try:
            for n in range(BACKUPS - 1, 0, -1):
                if os.path.lexists(self.backup_path(n)):
                    os.replace(self.backup_path(n), self.backup_path(n + 1))
            for n in range(2, BACKUPS + 1):  # backups hold health data too: never looser than 0600
                with suppress(OSError):
                    st = os.lstat(self.backup_path(n))
                    if stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) & 0o077:
                        os.chmod(self.backup_path(n), FILE_MODE)
            os.replace(staging, self.backup_path(1))
        except OSError as e:
            self.notices.append(f"the journal was saved, but its backups could not be rotated: {e.strerror or e}")
        finally:
            with suppress(FileNotFoundError, OSError):
                staging.unlink()

    def backups(self) -> list[tuple[int, Path]]:
        """The backups that exist (links count too, so doctor can flag them), newest first."""
        return [(n, self.backup_path(n)) for n in range(1, BACKUPS + 1) if os.path.lexists(self.backup_path(n))]

    def read_other(self, path: Path) -> bytes:
        """Bytes of a backup: a regular file, not followed through a link, size-limited."""
        try:
            if os.lstat(path).st_size > MAX_JOURNAL_BYTES:
                raise PaintrackError(f"{path} is larger than a journal can be")
            return read_bounded(path, MAX_JOURNAL_BYTES)
        except OSError as e:
            raise PaintrackError(f"cannot read {path}: {e.strerror}") from None


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
        raise InputError(f"{LOCK_TIMEOUT_ENV} must be a number of seconds from 0 to 3600; got {raw[:24]!r}")
    return value


def demo_folder() -> Path:
    """The demo's folder: one per user in the system's temporary folder, private (0700)."""
    import tempfile

    folder = Path(tempfile.gettempdir()) / f"paintrack-demo-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    try:
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
        st = os.lstat(folder)
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            raise PaintrackError(f"{folder} is not a private folder of yours", hint="remove it and run the demo again")
        os.chmod(folder, FOLDER_MODE)
    except OSError as e:
        raise PaintrackError(f"cannot make the demo folder {folder}: {e.strerror}") from None
    return folder
