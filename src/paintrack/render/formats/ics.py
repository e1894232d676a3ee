"""`plan --calendar FILE.ics`: the plan's dated schedule as RFC 5545 all-day events.

Each event's UID is stable: made from the journal's id, the step's kind, its therapy and its
place among the steps of that kind (the 3rd re-measure, week 5 of graded exercise), not from its
date, so importing the calendar again updates the events instead of duplicating them, and a
moved start moves its events. DTSTAMP is the time of the journal's latest change (in UTC): it
grows when the plan changes, so a calendar takes the re-imported events as newer; the same
journal gives the same bytes. SEQUENCE is the number of the journal's latest change, so it grows
too, even for two changes within one second. Lines are CRLF and folded at 75 octets; text is escaped as the
RFC says.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from paintrack.domain import schedule
from paintrack.domain.catalogue import Catalogue
from paintrack.domain.records import Journal
from paintrack.render.terminal import clean

PRODID = "-//paintrack//plan schedule//EN"
_NAMESPACE = uuid.UUID("6f1c3a52-6f5e-4b7e-9a57-2b4b2f0c9a10")


def _escape(text: str) -> str:
    """RFC 5545 TEXT; any other control character (a hand-edited catalogue) is shown as '?'."""
    return clean(text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                 .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """Fold a content line at 75 octets (UTF-8), continuation lines starting with a space."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def _day(d: date) -> str:
    return d.strftime("%Y%m%d")


def uid(journal_id: str | None, step: schedule.Step, ordinal: int) -> str:
    """The stable UID of the `ordinal`-th (from 1) step of its kind and therapy."""
    name = f"{journal_id or 'no-journal-id'}|{step.kind}|{step.modality or ''}|{ordinal}"
    return f"{uuid.uuid5(_NAMESPACE, name)}@paintrack"


def _stamp(journal: Journal, stamp: datetime | None) -> str:
    if stamp is None:
        if journal.history:
            stamp = journal.history[-1].time
        else:
            assert journal.plan is not None
            stamp = datetime.combine(journal.plan.start, time(), UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def render(journal: Journal, catalogue: Catalogue, stamp: datetime | None = None) -> str:
    """The VCALENDAR text of the journal's plan (no events without one)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:paintrack plan"]
    if journal.plan is not None:
        steps = schedule.of_journal(journal, catalogue)
        created = _stamp(journal, stamp)
        sequence = journal.history[-1].number if journal.history else 0
        seen: dict[tuple[str, str], int] = {}
        for step in steps:
            ordinal = seen[(step.kind, step.modality or "")] = seen.get((step.kind, step.modality or ""), 0) + 1
            end = (step.end or step.date) + timedelta(days=1)  # DTEND of an all-day event is exclusive
            summary = step.title if step.in_plan else f"{step.title} (suggested)"
            lines += [
                "BEGIN:VEVENT",
                f"UID:{uid(journal.journal_id, step, ordinal)}",
                f"DTSTAMP:{created}",
                f"SEQUENCE:{sequence}",
                f"DTSTART;VALUE=DATE:{_day(step.date)}",
                f"DTEND;VALUE=DATE:{_day(end)}",
                f"SUMMARY:{_escape('paintrack: ' + summary)}",
            ]
            if step.detail:
                lines.append(f"DESCRIPTION:{_escape(step.detail)}")
            lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
