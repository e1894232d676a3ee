"""`paintrack list` and `paintrack history` on a terminal, and the lines `edit`/`delete` print."""

from __future__ import annotations

import io
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from paintrack.domain import history as history_rules
from paintrack.domain.records import Assessment, DiaryEntry, EvidenceEntry, Journal, RedFlagScreen
from paintrack.render.terminal import clean, make_console, text

if TYPE_CHECKING:
    from rich.console import Console


def describe(record: Any) -> str:
    if isinstance(record, EvidenceEntry):
        return f"evidence {record.number} ({record.date}, {record.category})"
    if isinstance(record, DiaryEntry):
        return f"the diary entry of {record.date} (pain {record.pain})"
    if isinstance(record, Assessment):
        return f"the {record.kind} of {record.date} (NRS {record.nrs})"
    return str(record)


def _value(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, RedFlagScreen):
        if not v.asked:
            return "not asked"
        return ", ".join(n for n in v.positive) or "none"
    if isinstance(v, tuple):
        return ", ".join("—" if x is None else str(x) for x in v) or "—"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


_SKIP = ("kind", "date", "note")


def entered(a: Assessment) -> str:
    """Every field of an assessment that holds a value, by the name its flag has
    ('nrs 7 · worst 9 · walk-m 380 · red flags none')."""
    parts = []
    for f in fields(a):
        value = getattr(a, f.name)
        if f.name in _SKIP or value in (None, ()):
            continue
        if f.name == "red_flag_screen":
            parts.append(f"red flags {_value(value)}")
        elif f.name in ("locations", "goals"):
            parts.append(f"{f.name} " + " | ".join(value))
        elif f.name in ("phq9", "gad7"):
            parts.append(f"{f.name} " + ",".join("—" if v is None else str(v) for v in value))  # — skipped
        else:
            parts.append(f"{f.name.replace('_', '-')} {_value(value)}")
    return " · ".join(parts)


def _rows(kind: str, records: list[Any]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The headings and the cells of one kind's table; the last column is the free text."""
    if kind == "assessments":
        return ("key", "kind", "entered", "note"), [
            (a.date.isoformat(), a.kind, entered(a), a.note or "") for a in records]
    if kind == "diary":
        return ("key", "pain", "sleep-hours", "mood", "stress", "activity-min", "note"), [
            (e.date.isoformat(), str(e.pain), _value(e.sleep_hours), _value(e.mood), _value(e.stress),
             _value(e.activity_min), e.note or "") for e in records]
    return ("key", "date", "category", "text"), [
        (str(e.number), e.date.isoformat(), e.category, e.text) for e in records]


#: Columns that wrap (the rest never do: a key is typed back as shown), and the least width a
#: wrapping column needs before the table gives way to one block per entry.
_WRAPPING = {"entered", "note", "text"}
_LEAST_WRAP = 16


def show(console: Console, picked: dict[str, list[Any]]) -> None:
    """One table per kind of entry, its key first; every value entered, and the notes (diary
    notes too) in full. Too narrow a terminal for the table: one block per entry, nothing cut."""
    from rich import box
    from rich.table import Table

    for kind, records in picked.items():
        if not records:
            console.print(text(f"{kind.capitalize()}: none."))
            continue
        headings, rows = _rows(kind, records)
        fixed = sum(max(len(h), *(len(clean(r[i])) for r in rows)) + 3
                    for i, h in enumerate(headings) if h not in _WRAPPING)
        wrapping = sum(1 for h in headings if h in _WRAPPING)
        if fixed + wrapping * (_LEAST_WRAP + 3) > console.width:
            _blocks(console, kind, headings, rows)
            continue
        table = Table(title=kind.capitalize(), title_justify="left", header_style="bold", box=box.SIMPLE_HEAD,
                      show_edge=False, pad_edge=False)
        for h in headings:
            table.add_column(h, no_wrap=h not in _WRAPPING, overflow="fold")
        for row in rows:
            table.add_row(*(text(cell) for cell in row))
        console.print(table)
        console.print()
    console.print(text("Correct an entry with `paintrack edit KIND KEY --FIELD VALUE`, remove one with "
                       "`paintrack delete KIND KEY`; `paintrack undo` reverts the latest change.", "dim"))


def _blocks(console: Console, kind: str, headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    console.print(text(kind.capitalize(), "bold"))
    first = 2 if kind == "assessments" else 1  # "2026-01-05 baseline" on the first line
    for row in rows:
        console.print(text(" ".join(row[:first]), "bold"))
        for heading, cell in zip(headings[first:], row[first:]):
            if cell and cell != "—":
                console.print(text(f"  {heading}: {cell}"))
    console.print()


def render(picked: dict[str, list[Any]]) -> str:
    buffer = io.StringIO()
    show(make_console(file=buffer, width=120, force_plain=True), picked)
    return buffer.getvalue()


def changed(before: Any, after: Any) -> str:
    """What an edit changed, field by field: one plain line (no rich: a write stays fast)."""
    diffs = [f.name for f in fields(before) if getattr(before, f.name) != getattr(after, f.name)]
    return clean(f"Corrected {describe(after)}: " + "; ".join(
        f"{name.replace('_', ' ')} {_value(getattr(before, name))} → {_value(getattr(after, name))}" for name in diffs)
        + ". `paintrack undo` reverts it.")


def history(console: Console, journal: Journal, count: int | None) -> None:
    from rich.table import Table

    entries = journal.history[-count:] if count is not None else journal.history
    if not entries:
        console.print(text("No changes recorded yet."))
        return
    undone = history_rules.undone_numbers(entries)  # an undo comes after what it undid: in `entries` too
    table = Table(title="History", title_justify="left", header_style="bold")
    for heading in ("#", "time", "command", "what changed"):
        table.add_column(heading, overflow="fold")
    for e in entries:
        what = "; ".join(history_rules.describe(c) for c in e.changes) or "—"
        if e.undoes is not None:
            what = f"undid change {e.undoes}: {what}"
        mark = " (undone)" if e.number in undone else ""
        table.add_row(str(e.number), e.time.isoformat(sep=" "), text(e.command + mark), text(what))
    console.print(table)
