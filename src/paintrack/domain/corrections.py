"""Correcting the journal: `edit` (only the fields given change) and `delete` (kept in history).

Entries are found by the key `paintrack list` shows: the baseline; an update or a diary entry by
its date; an evidence entry by its number.
"""

from __future__ import annotations

from dataclasses import MISSING, fields, replace
from datetime import date
from typing import Any, Literal

from paintrack.domain.history import change
from paintrack.domain.records import NOT_ASKED, Assessment, Change, Collection, EvidenceEntry, Journal, Record
from paintrack.errors import InputError, PaintrackError

Target = Literal["baseline", "update", "log", "evidence"]
COLLECTION: dict[str, Collection] = {"baseline": "baseline", "update": "updates", "log": "diary", "evidence": "evidence"}
#: How messages name one entry of each kind.
NOUN = {"baseline": "the baseline", "update": "an update", "log": "a diary entry", "evidence": "an evidence entry"}
#: Fields an entry cannot be without (`--clear` refuses them).
REQUIRED = {"kind", "date", "nrs", "pain", "number", "category", "text"}
#: Assessment fields one kind never has (asked only at intake, or only at an update).
NOT_FOR = {"baseline": {"pgic", "side_effects"}, "update": {"duration_months", "locations", "goals"}}


class Unchanged(PaintrackError):
    """An edit that would change nothing: nothing is saved or recorded (exit 0, one plain line)."""

    exit_code = 0


def find(journal: Journal, target: Target, key: str | None) -> tuple[Collection, Record]:
    """The entry `paintrack edit/delete TARGET KEY` means, or a PaintrackError naming it."""
    collection = COLLECTION[target]
    if target == "baseline":
        if journal.baseline is None:
            raise PaintrackError("there is no baseline yet", hint="run `paintrack baseline` first")
        return collection, journal.baseline
    if key is None:
        what = "an evidence number" if target == "evidence" else "a date"
        raise InputError(f"{target}: give {what} (`paintrack list` shows them)")
    items: tuple[Record, ...] = getattr(journal, collection)
    found = next((r for r in items if _key(r) == key), None)
    if found is None:
        noun = {"update": "update", "log": "diary entry", "evidence": "evidence entry"}[target]
        raise PaintrackError(f"there is no {noun} {key}", hint="`paintrack list` shows every entry and its key")
    return collection, found


def _key(record: Record) -> str:
    if isinstance(record, EvidenceEntry):
        return str(record.number)
    return record.date.isoformat()  # type: ignore[union-attr]


def _empty(name: str, record: Record) -> Any:
    """What a cleared field holds: the field's own default (PHQ-9/GAD-7 answers: None, not asked;
    goals, locations and side effects: none; the red-flag screen: not asked)."""
    if name == "red_flag_screen":
        return NOT_ASKED
    default = next(f.default for f in fields(record) if f.name == name)  # type: ignore[arg-type]
    return None if default is MISSING else default


def edit(journal: Journal, target: Target, key: str | None, values: dict[str, Any],
         clear: list[str]) -> tuple[list[Change], Record, Record]:
    """The Change that sets `values` and clears the `clear` fields of one entry; returns it with
    the record before and after. Nothing given: an InputError."""
    collection, before = find(journal, target, key)
    names = {f.name for f in fields(before)}  # type: ignore[arg-type]
    for name in clear:
        if name not in names or name in NOT_FOR.get(target, ()):
            raise InputError(f"--clear: {NOUN[target]} has no such field",  # the name as typed is not repeated
                             hint=f"`paintrack edit {target} --help` lists its fields")
        if name in REQUIRED:
            raise InputError(f"--clear {name.replace('_', '-')}: {NOUN[target]} cannot be without it")
        if name in values:
            raise InputError(f"--clear {name.replace('_', '-')}: it is also given a new value")
    unknown = [n for n in values if n not in names]
    if unknown:
        raise InputError(f"--{unknown[0].replace('_', '-')} does not apply to {NOUN[target]}")
    if not values and not clear:
        raise InputError(f"edit {target}: give the fields to change, or --clear FIELD",
                         hint=f"`paintrack edit {target} --help` lists them")
    after = replace(before, **values, **{n: _empty(n, before) for n in clear})  # type: ignore[type-var]
    if after == before:
        raise Unchanged(f"{NOUN[target]} already holds that", hint="`paintrack list` shows what it holds")
    if isinstance(after, Assessment):
        check_goal_ratings(journal, after)
    moved = getattr(after, "date", None) != getattr(before, "date", None)
    changes: list[Change] = []
    if moved and collection in ("updates", "diary"):
        new_date: date = after.date  # type: ignore[union-attr]
        items: tuple[Record, ...] = getattr(journal, collection)
        if any(r.date == new_date for r in items):  # type: ignore[union-attr]
            raise PaintrackError(f"there is already an entry on {new_date}", hint="delete or edit that one first")
        if collection == "updates" and journal.baseline and new_date < journal.baseline.date:
            raise InputError(f"--date {new_date} is before the baseline ({journal.baseline.date})")
        changes = [change(collection, before, None), change(collection, None, after)]
    else:
        if collection == "baseline" and isinstance(after, Assessment) and journal.updates \
                and after.date > journal.updates[0].date:
            raise InputError(f"--date {after.date} is after the first update ({journal.updates[0].date})")
        changes = [change(collection, before, after)]
    return changes, before, after


def check_goal_ratings(journal: Journal, after: Assessment) -> None:
    """One rating per goal at most: an assessment's ratings against the baseline's goals, and,
    when the baseline's goals change, every update's ratings against them."""
    goals = after.goals if after.kind == "baseline" else (journal.baseline.goals if journal.baseline else ())
    n = len(goals)
    if len(after.goal_ability) > n:
        raise InputError(f"--goal-ability: {len(after.goal_ability)} ratings for {n} goal{'s' if n != 1 else ''}",
                         hint="give one rating per goal, in goal order")
    if after.kind == "baseline":
        for update in journal.updates:
            if len(update.goal_ability) > n:
                raise InputError(
                    f"--goal: the update of {update.date} rates {len(update.goal_ability)} goals; the baseline would "
                    f"have {n}", hint=f"change that update's ratings first (`paintrack edit update {update.date} "
                    "--goal-ability N …`)")


def delete(journal: Journal, target: Target, key: str | None) -> tuple[list[Change], Record]:
    """The Change that deletes one entry (the baseline cannot be deleted while updates exist)."""
    collection, before = find(journal, target, key)
    if target == "baseline":
        raise InputError("the baseline cannot be deleted", hint="correct it with `paintrack edit baseline`, "
                         "or replace it with `paintrack baseline --force`")
    return [change(collection, before, None)], before


def select(records: tuple[Record, ...], first: date | None, last: date | None, count: int | None) -> list[Record]:
    """The records dated within [first, last], the latest `count` of them (all by default)."""
    chosen = [r for r in records
              if (first is None or r.date >= first) and (last is None or r.date <= last)]  # type: ignore[union-attr]
    return chosen[-count:] if count is not None else chosen
