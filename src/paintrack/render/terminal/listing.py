"""`paintrack list` and `paintrack history` on a terminal, and the lines `edit`/`delete` print."""

from __future__ import annotations

import io
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from paintrack.domain import history as history_rules
from paintrack.domain.records import Assessment, DiaryEntry, EvidenceEntry, Journal, RedFlagScreen
from paintrack.render.terminal import make_console, text

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


def show(console: Console, picked: dict[str, list[Any]]) -> None:
    from rich.table import Table

    for kind, records in picked.items():
        if kind == "assessments":
            table = Table(title="Assessments", title_justify="left", header_style="bold")
            for heading in ("key", "kind", "NRS", "worst", "least", "now", "walk m", "MME/d", "PGIC", "red flags",
                            "note"):
                table.add_column(heading, overflow="fold")
            for a in records:
                table.add_row(a.date.isoformat(), a.kind, str(a.nrs), _value(a.worst), _value(a.least), _value(a.now),
                              _value(a.walk_m), _value(a.opioid_mme), _value(a.pgic), text(_value(a.red_flag_screen)),
                              text(a.note or ""))
        elif kind == "diary":
            table = Table(title="Diary", title_justify="left", header_style="bold")
            for heading in ("key", "pain", "sleep h", "mood", "stress", "activity min", "note"):
                table.add_column(heading, overflow="fold")
            for e in records:
                table.add_row(e.date.isoformat(), str(e.pain), _value(e.sleep_hours), _value(e.mood), _value(e.stress),
                              _value(e.activity_min), text(e.note or ""))
        else:
            table = Table(title="Evidence", title_justify="left", header_style="bold")
            for heading in ("key", "date", "category", "text"):
                table.add_column(heading, overflow="fold")
            for e in records:
                table.add_row(str(e.number), e.date.isoformat(), text(e.category), text(e.text))
        if not records:
            console.print(text(f"{kind.capitalize()}: none."))
            continue
        console.print(table)
    console.print(text("Correct an entry with `paintrack edit KIND KEY --FIELD VALUE`, remove one with "
                       "`paintrack delete KIND KEY`; `paintrack undo` reverts the latest change.", "dim"))


def render(picked: dict[str, list[Any]]) -> str:
    buffer = io.StringIO()
    show(make_console(file=buffer, width=120, force_plain=True), picked)
    return buffer.getvalue()


def changed(console: Console, before: Any, after: Any) -> None:
    """What an edit changed, field by field."""
    diffs = [f.name for f in fields(before) if getattr(before, f.name) != getattr(after, f.name)]
    console.print(text(f"Corrected {describe(after)}: " + "; ".join(
        f"{name.replace('_', ' ')} {_value(getattr(before, name))} → {_value(getattr(after, name))}" for name in diffs)
        + ". `paintrack undo` reverts it."))


def history(console: Console, journal: Journal, count: int | None) -> None:
    from rich.table import Table

    entries = journal.history[-count:] if count is not None else journal.history
    if not entries:
        console.print(text("No changes recorded yet."))
        return
    undone = history_rules.undone_numbers(journal)
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
