"""What every command shares: where the journal is, what today is, whether we may prompt."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from paintrack.store import Store

TODAY_ENV = "PAINTRACK_TODAY"  # for tests and the demo: pretend today is this date


@dataclass
class Session:
    journal_option: str | None = None
    injected_store: Store | None = field(default=None, repr=False)

    @cached_property
    def store(self) -> Store:
        if self.injected_store is not None:
            return self.injected_store
        from paintrack.store import Store, resolve_path

        return Store(resolve_path(self.journal_option))

    def tell_notices(self) -> None:
        """Say, once, what the store noticed while writing (e.g. permissions it tightened).
        Plain text on stderr: no rich, so the fast commands stay fast."""
        for notice in self.store.notices:
            print(f"warning: {notice}", file=sys.stderr)

    def today(self) -> date:
        override = os.environ.get(TODAY_ENV)
        if override:
            from paintrack.measures import parse_date

            return parse_date(override, field=TODAY_ENV)
        return date.today()


def can_prompt(no_input: bool) -> bool:
    """Prompt only on a terminal, and never with --no-input."""
    return not no_input and sys.stdin.isatty()
