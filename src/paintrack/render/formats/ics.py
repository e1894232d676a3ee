"""`plan --calendar FILE.ics`: the plan's dated schedule as RFC 5545 all-day events.

Each event's UID is stable (the journal's id, the step's kind, its therapy and its date), so
importing the calendar again updates the events instead of duplicating them. Lines are CRLF and
folded at 75 octets; text is escaped as the RFC says.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from paintrack.domain import schedule
from paintrack.domain.catalogue import Catalogue
from paintrack.domain.records import Journal

PRODID = "-//paintrack//plan schedule//EN"
_NAMESPACE = uuid.UUID("6f1c3a52-6f5e-4b7e-9a57-2b4b2f0c9a10")


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
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


def uid(journal_id: str | None, step: schedule.Step) -> str:
    name = f"{journal_id or 'no-journal-id'}|{step.kind}|{step.modality or ''}|{step.date.isoformat()}"
    return f"{uuid.uuid5(_NAMESPACE, name)}@paintrack"


def render(journal: Journal, catalogue: Catalogue, stamp: date | None = None) -> str:
    """The VCALENDAR text of the journal's plan (empty of events without one)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if journal.plan is not None:
        steps = schedule.build(journal.plan, catalogue, journal.baseline.date if journal.baseline else None)
        created = stamp or (journal.history[-1].time.date() if journal.history else journal.plan.start)
        for step in steps:
            end = (step.end or step.date) + timedelta(days=1)  # DTEND of an all-day event is exclusive
            summary = step.title if step.in_plan else f"{step.title} (suggested)"
            lines += [
                "BEGIN:VEVENT",
                f"UID:{uid(journal.journal_id, step)}",
                f"DTSTAMP:{_day(created)}T000000Z",
                f"DTSTART;VALUE=DATE:{_day(step.date)}",
                f"DTEND;VALUE=DATE:{_day(end)}",
                f"SUMMARY:{_escape('paintrack: ' + summary)}",
            ]
            if step.detail:
                lines.append(f"DESCRIPTION:{_escape(step.detail)}")
            lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
