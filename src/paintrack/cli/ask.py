"""Questions on a terminal: one at a time, the range shown, bad answers asked again."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import typer

from paintrack import measures
from paintrack.errors import InputError
from paintrack.measures import Measure


def ask_value(measure: Measure, required: bool) -> int | float | None:
    skip = "" if required else ", Enter to skip"
    question = f"{measure.label[0].upper()}{measure.label[1:]} ({measure.range_text()}{skip})"
    while True:
        raw = typer.prompt(question, default="", show_default=False)
        if not raw.strip() and not required:
            return None
        try:
            return measure.parse(raw, field="answer")
        except InputError as e:
            typer.echo(f"  {e.message}; please try again", err=True)


def ask_text(question: str, field: str) -> str | None:
    while True:
        raw = typer.prompt(f"{question} (Enter to skip)", default="", show_default=False)
        if not raw.strip():
            return None
        try:
            return measures.parse_text(raw, field)
        except InputError as e:
            typer.echo(f"  {e.message}; please try again", err=True)


def parse_flags(wanted: Iterable[Measure], given: Mapping[str, Any]) -> dict[str, int | float]:
    """Parse every measure given as a flag; a bad one fails before any question is asked."""
    return {m.name: m.parse(given[m.name]) for m in wanted if given.get(m.name) is not None}


def fill_missing(
    values: dict[str, int | float],
    wanted: Iterable[Measure],
    interactive: bool,
    required: frozenset[str] = frozenset({"nrs"}),
) -> dict[str, int | float]:
    """Ask for what the flags did not give.

    On a terminal with no measure given at all, every measure is asked (Enter skips the
    optional ones); otherwise only a missing required one is asked. Without a terminal a
    missing required value is an error naming its flag.
    """
    interview = interactive and not values
    for m in wanted:
        if m.name in values:
            continue
        must = m.name in required
        if interview or (must and interactive):
            answer = ask_value(m, must)
            if answer is not None:
                values[m.name] = answer
        elif must:
            raise InputError(
                f"missing {m.flag} ({m.label}, {m.range_text()})",
                hint="give it as a flag, or run on a terminal without --no-input to be asked",
            )
    return values


def red_flag_screen(given: Iterable[str], interactive: bool) -> list[str]:
    """The parsed --red-flag names, then (on a terminal) the screen asks about each one not given."""
    flags = list(given)
    if interactive:
        typer.echo("Red-flag screen: these need a doctor's attention first.")
        for name, description in measures.RED_FLAGS.items():
            if name not in flags and typer.confirm(f"  Recently, have you had {description}?", default=False):
                flags.append(name)
    return list(dict.fromkeys(flags))
