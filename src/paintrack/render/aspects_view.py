"""The four aspects in the plan view: ratings, what to emphasise, and the matching techniques."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from paintrack.aspects import ASPECTS, EMPHASIS_THRESHOLD, REFLECTION_AID, emphasis

if TYPE_CHECKING:
    from paintrack.models import AspectsReflection


def aspects_view(reflection: AspectsReflection | None) -> Group:
    """A rich renderable: one row per aspect (rating, emphasis, techniques), then the reading
    of it. Without a reflection it shows the four aspects and their questions."""
    title = Text("Four aspects (pain reprocessing therapy)", style="bold")
    if reflection is not None:
        title.append(f" — your reflection of {reflection.date}", style="")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Aspect", no_wrap=True)
    table.add_column("Fits you", justify="right", no_wrap=True)
    table.add_column("What it is" if reflection is None else "Techniques")
    stressed = emphasis(reflection)
    for aspect in ASPECTS:
        if reflection is None:
            table.add_row(aspect.name, "—", Text(f"{aspect.about}.\n{aspect.question}"))
            continue
        rating = reflection.ratings.get(aspect.id)
        mark = "► " if aspect in stressed else "  "
        fits = "—" if rating is None else f"{rating}/10"
        detail = Text("; ".join(aspect.techniques))
        if aspect.id in reflection.notes:
            detail.append(f"\nYour note: {reflection.notes[aspect.id]}", style="italic")
        table.add_row(mark + aspect.name, fits, detail)
    parts: list = [title, table]
    if reflection is None:
        parts.append(Text("Reflect on them with `paintrack plan --aspects`."))
    elif stressed:
        names = ", ".join(a.name.lower() for a in stressed)
        parts.append(Text(f"Emphasise (► rated {EMPHASIS_THRESHOLD} or more, highest first): {names}. "
                          "Not everyone needs work on all four."))
    else:
        parts.append(Text(f"No aspect is rated {EMPHASIS_THRESHOLD} or more: none stands out. "
                          "Not everyone needs work on all four; discuss it with your therapist."))
    parts.append(Text(REFLECTION_AID, style="dim"))
    return Group(*parts)
