"""Low-level file writing, and the files paintrack writes besides the journal.

`write_new_file`, `fsync_folder`, `read_bounded` and `token` serve the store. `check_output` and
`write_output` are the output guard for `--output FILE` (reports, calendars, list exports).

The output guard (contract: "Files paintrack writes besides the journal"):
- never the journal, its backups, lock, seal, temp or set-aside files, by path and by identity
  (a symbolic or hard link to one of them counts): exit 2;
- never a device, fifo, socket or directory: exit 2;
- an existing file is replaced only with `--force` (on a terminal the caller may ask instead);
- written atomically (temp file beside it, fsync, `os.replace`, folder fsync), mode 0600;
- `-` is standard output (the caller handles it; nothing here touches stdout).

An output path that is a symbolic link to an ordinary file is written at the link's target (the
link stays a link); the target is checked like any other path.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from paintrack.errors import InputError, PaintrackError

STDOUT = "-"
FILE_MODE = 0o600
#: An existing file whose first bytes hold this key is a paintrack journal (anyone's): never
#: replaced by a report, whichever journal this command uses.
JOURNAL_MARK = b'"schema_version"'


@dataclass(frozen=True)
class Protected:
    """The journal's own files, which no output may replace."""

    journal: Path

    def names(self) -> tuple[str, ...]:
        n = self.journal.name
        return (n, f"{n}.lock", f"{n}.seal")

    def is_protected_name(self, path: Path) -> bool:
        """A path in the journal's folder named like one of its files (existing or not)."""
        name, n = path.name, self.journal.name
        return (
            name in self.names()
            or name.startswith((f"{n}.bak.", f"{n}.replaced-", f".{n}.tmp-"))
        )

    def identities(self) -> set[tuple[int, int]]:
        """(device, inode) of every journal file that exists, links followed and not."""
        folder = self.journal.parent
        found: set[tuple[int, int]] = set()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return found
        for entry in entries:
            if not self.is_protected_name(Path(folder, entry.name)):
                continue
            for follow in (False, True):
                with suppress(OSError):
                    st = entry.stat(follow_symlinks=follow)
                    found.add((st.st_dev, st.st_ino))
        return found


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output(raw: str, journal: Path, force: bool,
                 confirm: Callable[[str], bool] | None = None, field: str = "--output") -> Path:
    """The file to write for `--output raw` (or another option, `field`, e.g. `--calendar`),
    or an InputError (exit 2) saying why not.

    `confirm(question)` is asked (on a terminal) before an existing file is replaced without
    `--force`; without it the answer is no.
    """
    if not raw.strip():
        raise InputError(f"{field} must not be empty", hint="give a file name, or - for standard output")
    path = Path(raw).expanduser()
    target = Path(os.path.realpath(path))  # a link is written at its target
    protected = Protected(Path(os.path.realpath(journal)))
    for candidate in (path.absolute(), target):
        if _same_folder(candidate.parent, protected.journal.parent) and protected.is_protected_name(
            Path(protected.journal.parent, candidate.name)
        ):
            raise InputError(
                f"{field} {raw} is the journal or one of its backups, lock or seal files",
                hint="write the report to another file name; the journal was not touched",
            )
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise InputError(f"{field} {raw} cannot be checked: {e.strerror}") from None
    if st is None:
        if not target.parent.is_dir():
            raise InputError(f"{field} {raw}: the folder {target.parent} does not exist")
        return target
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{field} {raw} is a folder", hint="give a file name inside it")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(
            f"{field} {raw} is not a regular file (a device, fifo or socket)",
            hint="write to an ordinary file, or use -o - for standard output",
        )
    if (st.st_dev, st.st_ino) in protected.identities():
        raise InputError(
            f"{field} {raw} is a link to the journal or one of its backups",
            hint="write the report to another file; the journal was not touched",
        )
    if _looks_like_journal(target):
        raise InputError(
            f"{field} {raw} is a paintrack journal; a report never replaces one",
            hint="write the report to another file",
        )
    if not force and not (confirm is not None and confirm(f"{raw} exists. Replace it?")):
        raise InputError(f"{field} {raw} already exists", hint="add --force to replace it")
    return target


def _looks_like_journal(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return JOURNAL_MARK in head


def write_output(path: Path, data: bytes) -> None:
    """Write `data` at `path` (from check_output) atomically, 0600."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{token()}")
    try:
        write_new_file(tmp, data)
        os.replace(tmp, path)
        fsync_folder(path.parent)
    except OSError as e:
        with suppress(OSError):
            tmp.unlink()
        raise PaintrackError(f"cannot write {path}: {e.strerror or e}") from None


def token() -> str:
    """A random suffix for a temp file name (what secrets.token_hex(4) gives, without its imports)."""
    return os.urandom(4).hex()


def write_new_file(path: Path, data: bytes, sync: bool = True) -> None:
    """Create `path` (it must not exist; links are not followed), 0600, write and fsync it."""
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


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_bounded(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes (bounded even if the file grew since it was measured), never
    through a link."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as f:
        return f.read(limit + 1)
