"""Every change of the journal goes through here: applied as Changes and recorded in its history.

A command computes the Changes it means (`recording`, `corrections`, `planning`); `commit`
applies them and appends one HistoryEntry with the time, the command and the records before and
after. Neither `commit` nor `undo` lets an active red flag disappear without a screen answering
it no or a clinician's assessment (`redflags.require_kept`), whatever the command. `undo` reverts the latest change not yet reverted, and records that too, so nothing a user
entered is ever removed without a trace. Pure functions: a new Journal each time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import overload

from paintrack.domain import redflags
from paintrack.domain.records import (
    AspectsReflection,
    Assessment,
    Change,
    ClinicianReview,
    Collection,
    DiaryEntry,
    EvidenceEntry,
    HistoryEntry,
    Journal,
    Plan,
    Record,
    Settings,
)
from paintrack.errors import PaintrackError


class History(Sequence[HistoryEntry]):
    """The journal's history as read: each entry stays in its stored form until it is used.

    A journal holds thousands of changes, each with whole records before and after; most
    commands look at none of them (a report), or at the last few (undo walks back from the
    latest). An entry is decoded on first use by `decode` (given by the storage layer, which
    knows the stored form), and the stored text of every entry read is kept, so the store
    writes it back as it was: a write costs about the same with 20 changes or 20,000.
    Equal to any sequence of the same entries; never changed after it is made.
    """

    __slots__ = ("_decode", "_entries", "_stored")

    def __init__(self, entries: Iterable[HistoryEntry] = ()) -> None:
        self._entries: list[HistoryEntry | None] = list(entries)
        self._stored: tuple[bytes | None, ...] = (None,) * len(self._entries)
        self._decode: Callable[[bytes], HistoryEntry] | None = None

    @classmethod
    def stored(cls, texts: Sequence[bytes], decode: Callable[[bytes], HistoryEntry]) -> History:
        """Entries in their stored form, decoded by `decode` when first used."""
        h = cls()
        h._entries = [None] * len(texts)
        h._stored = tuple(texts)
        h._decode = decode
        return h

    @property
    def lazy(self) -> bool:
        """True when some entries are still in their stored form (decoded on first use)."""
        return self._decode is not None

    def stored_text(self, i: int) -> bytes | None:
        """The stored form of entry `i` when it was read from the file (None for a new one)."""
        return self._stored[i]

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, i: int) -> HistoryEntry: ...
    @overload
    def __getitem__(self, i: slice) -> History: ...

    def __getitem__(self, i: int | slice) -> HistoryEntry | History:
        if isinstance(i, slice):
            h = History()
            h._entries, h._stored, h._decode = self._entries[i], self._stored[i], self._decode
            return h
        entry = self._entries[i]
        if entry is None:
            text = self._stored[i]
            assert text is not None and self._decode is not None
            entry = self._entries[i] = self._decode(text)
        return entry

    def __iter__(self) -> Iterator[HistoryEntry]:
        for i in range(len(self._entries)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (Sequence)) or isinstance(other, (str, bytes)) or len(other) != len(self):
            return False
        if isinstance(other, History):
            return all((a is not None and a == b) or self[i] == other[i]
                       for i, (a, b) in enumerate(zip(self._stored, other._stored)))
        return all(self[i] == other[i] for i in range(len(self)))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"History({len(self)} entries)"

    def plus(self, entry: HistoryEntry) -> History:
        h = History()
        h._entries, h._stored, h._decode = [*self._entries, entry], (*self._stored, None), self._decode
        return h


def appended(history: Sequence[HistoryEntry], entry: HistoryEntry) -> History:
    """`history` with `entry` after its last entry (the stored entries kept as stored)."""
    base = history if isinstance(history, History) else History(history)
    return base.plus(entry)


#: What each collection holds (a test checks the storage schema against it).
RECORD_TYPES: dict[Collection, type] = {
    "baseline": Assessment,
    "updates": Assessment,
    "diary": DiaryEntry,
    "evidence": EvidenceEntry,
    "aspects": AspectsReflection,
    "plan": Plan,
    "reviews": ClinicianReview,
    "settings": Settings,
}
_BY_DATE = ("updates", "diary", "aspects")
_BY_NUMBER = ("evidence", "reviews")


def key_of(collection: Collection, record: Record) -> str | None:
    if collection in _BY_DATE:
        return record.date.isoformat()  # type: ignore[union-attr]
    if collection in _BY_NUMBER:
        return str(record.number)  # type: ignore[union-attr]
    return None


def change(collection: Collection, before: Record | None, after: Record | None) -> Change:
    """The Change from `before` to `after` (one of them may be None) in `collection`."""
    record = after if after is not None else before
    assert record is not None, "a change needs a record on one side"
    return Change(collection, key_of(collection, record), before, after)


def current(journal: Journal, collection: Collection, key: str | None) -> Record | None:
    """The record at (collection, key) now, or None."""
    if collection == "baseline":
        return journal.baseline
    if collection == "plan":
        return journal.plan
    if collection == "settings":
        return journal.settings
    items: tuple[Record, ...] = getattr(journal, collection)
    return next((r for r in items if key_of(collection, r) == key), None)


def _put(journal: Journal, c: Change) -> Journal:
    if c.collection == "baseline":
        return replace(journal, baseline=c.after)  # type: ignore[arg-type]
    if c.collection == "plan":
        return replace(journal, plan=c.after)  # type: ignore[arg-type]
    if c.collection == "settings":
        return replace(journal, settings=c.after or Settings())  # type: ignore[arg-type]
    items: tuple[Record, ...] = getattr(journal, c.collection)
    kept = [r for r in items if key_of(c.collection, r) != c.key]
    if c.after is not None:
        if kept and _order(c.collection, kept[-1]) < _order(c.collection, c.after):
            kept.append(c.after)  # the usual case (tonight's diary entry): no re-sort
        else:
            kept = sorted([*kept, c.after], key=lambda r: _order(c.collection, r))
    return replace(journal, **{c.collection: tuple(kept)})  # type: ignore[arg-type]


def _order(collection: Collection, record: Record) -> tuple:
    if collection in _BY_NUMBER:
        return (record.number,)  # type: ignore[union-attr]
    return (record.date,)  # type: ignore[union-attr]


def apply_changes(journal: Journal, changes: Sequence[Change]) -> Journal:
    for c in changes:
        journal = _put(journal, c)
    return journal


def next_number(journal: Journal) -> int:
    return journal.history[-1].number + 1 if journal.history else 1


def commit(journal: Journal, changes: Sequence[Change], time: datetime, command: str) -> Journal:
    """Apply `changes` and record them as one history entry. No change: the same journal."""
    changes = [c for c in changes if c.before != c.after]
    if not changes:
        return journal
    entry = HistoryEntry(next_number(journal), time, command, tuple(changes))
    new = apply_changes(journal, changes)
    _keep_red_flags(journal, new, changes)
    return replace(new, history=appended(journal.history, entry))


#: The collections whose changes can change which red flags are active.
_SCREENED: frozenset[Collection] = frozenset({"baseline", "updates", "reviews"})


def _keep_red_flags(before: Journal, after: Journal, changes: Sequence[Change]) -> None:
    """No change, of any command, makes an active red flag disappear without a screen answering
    it no or a clinician's assessment (see `redflags.vanished`)."""
    if any(c.collection in _SCREENED for c in changes):
        redflags.require_kept(before, after)


def undone_numbers(entries: Iterable[HistoryEntry]) -> set[int]:
    """The numbers of the changes the undos among `entries` reverted."""
    return {e.undoes for e in entries if e.undoes is not None}


def undoable(journal: Journal) -> HistoryEntry | None:
    """The latest change that an undo would revert: not an undo, not a migration, not undone.
    Walks back from the latest entry (an undo always comes after the change it reverted), so
    only the entries after the one found are read."""
    undone: set[int] = set()
    for entry in reversed(journal.history):
        if entry.undoes is not None:
            undone.add(entry.undoes)
        elif not entry.migration and entry.number not in undone:
            return entry
    return None


def undo(journal: Journal, time: datetime, command: str = "undo") -> tuple[Journal, HistoryEntry]:
    """Revert the latest change (see `undoable`); returns the journal and the entry reverted."""
    target = undoable(journal)
    if target is None:
        raise PaintrackError("there is nothing to undo", hint="`paintrack history` lists the changes")
    inverse = [Change(c.collection, c.key, c.after, c.before) for c in reversed(target.changes)]
    for c in inverse:
        if current(journal, c.collection, c.key) != c.before:
            raise PaintrackError(
                f"cannot undo change {target.number}: the {c.collection} record it changed has "
                "changed since in a way the history does not show",
                hint="`paintrack history` lists the changes; nothing was changed",
            )
    entry = HistoryEntry(next_number(journal), time, command, tuple(inverse), undoes=target.number)
    new = apply_changes(journal, inverse)
    _keep_red_flags(journal, new, inverse)
    return replace(new, history=appended(journal.history, entry)), target


def describe(c: Change) -> str:
    """'added update 2026-02-02', 'replaced diary 2026-03-01', 'deleted evidence 3'."""
    verb = {"add": "added", "delete": "deleted", "replace": "changed"}[c.action]
    noun = {
        "baseline": "baseline", "updates": "update", "diary": "diary entry", "evidence": "evidence",
        "aspects": "four-aspect reflection", "plan": "plan", "reviews": "clinician's assessment",
        "settings": "settings",
    }[c.collection]
    record = c.after if c.after is not None else c.before
    if c.collection == "baseline" and isinstance(record, Assessment):
        return f"{verb} {noun} {record.date.isoformat()}"
    return f"{verb} {noun}" + (f" {c.key}" if c.key else "")


def differences(journal: Journal, target: Journal) -> list[Change]:
    """The Changes that turn `journal`'s records into `target`'s (for a restore, which is then
    recorded, and undone, like any other change)."""
    changes: list[Change] = []
    for collection in ("baseline", "plan", "settings"):
        before, after = current(journal, collection, None), current(target, collection, None)  # type: ignore[arg-type]
        if before != after:
            changes.append(Change(collection, None, before, after))  # type: ignore[arg-type]
    for collection in ("updates", "diary", "evidence", "aspects", "reviews"):
        mine = {key_of(collection, r): r for r in getattr(journal, collection)}  # type: ignore[arg-type]
        theirs = {key_of(collection, r): r for r in getattr(target, collection)}  # type: ignore[arg-type]
        for key in sorted(mine.keys() | theirs.keys(), key=str):
            if mine.get(key) != theirs.get(key):
                changes.append(Change(collection, key, mine.get(key), theirs.get(key)))  # type: ignore[arg-type]
    return changes


def record_event(journal: Journal, time: datetime, command: str) -> Journal:
    """A history entry that changes no record (e.g. a restore of an unreadable journal)."""
    entry = HistoryEntry(next_number(journal), time, command, ())
    return replace(journal, history=appended(journal.history, entry))


def assessments_changed(journal: Journal) -> set[tuple[str, date]]:
    """(kind, date) of every assessment the history shows as it was before a change (deleted,
    replaced, moved to another date, a value cleared): what an export made earlier may still hold."""
    found: set[tuple[str, date]] = set()
    for entry in journal.history:
        for c in entry.changes:
            if c.collection in ("baseline", "updates") and isinstance(c.before, Assessment):
                found.add((c.before.kind, c.before.date))
    return found
