"""The four-aspect reflection, asked on a terminal (for `paintrack plan --aspects`).

`ask_reflection(today)` asks, for each aspect, how much it fits (0–10, Enter skips) and an
optional note, one question at a time with the range shown, and returns an AspectsReflection;
the caller stores it (journal.aspects.append) and renders it with render.aspects_view.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer

from paintrack import measures
from paintrack.aspects import ASPECTS, REFLECTION_AID
from paintrack.cli import ask

if TYPE_CHECKING:
    from paintrack.models import AspectsReflection


def ask_reflection(today: date) -> AspectsReflection:
    from paintrack.models import AspectsReflection

    typer.echo("Four aspects of how you respond to pain (pain reprocessing therapy).")
    typer.echo(REFLECTION_AID)
    ratings: dict[str, int] = {}
    notes: dict[str, str] = {}
    for n, aspect in enumerate(ASPECTS, 1):
        typer.echo(f"\n{n}. {aspect.name}: {aspect.about}.")
        typer.echo(f"   {aspect.question}")
        rating = ask.ask_value(measures.ASPECT_RATING, required=False)
        if rating is not None:
            ratings[aspect.id] = int(rating)
        note = ask.ask_text("   A note, e.g. an example from this week", field="note")
        if note is not None:
            notes[aspect.id] = note
    return AspectsReflection(date=today, ratings=ratings, notes=notes)
