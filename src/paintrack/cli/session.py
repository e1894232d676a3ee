"""What every command shares: the journal, today and now, the consoles, whether we may prompt,
and whether anything was saved (the save decides the exit code)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from paintrack.domain.records import Journal
    from paintrack.storage.store import Store

TODAY_ENV = "PAINTRACK_TODAY"  # for tests and the demo: pretend today is this date


@dataclass
class Session:
    """One paintrack run: the journal, today, the consoles, and what was saved."""
    journal_option: str | None = None
    injected_store: Store | None = field(default=None, repr=False)
    saved: str | None = None  # what was saved, once a command has written the journal
    first_write: bool = False
    writing: bool = False  # a Ctrl-C now waits until the write is done (see paintrack.cli.main)
    interrupt_pending: bool = False

    @cached_property
    def store(self) -> Store:
        if self.injected_store is not None:
            return self.injected_store
        from paintrack.storage.store import Store, resolve_path

        return Store(resolve_path(self.journal_option))

    @cached_property
    def console(self) -> Console:
        from paintrack.render.terminal import make_console

        return make_console()

    @cached_property
    def errors(self) -> Console:
        from paintrack.render.terminal import make_console

        return make_console(stderr=True)

    def today(self) -> date:
        override = os.environ.get(TODAY_ENV)
        if override:
            from paintrack.cli.parse import parse_date

            return parse_date(override, field=TODAY_ENV, today=date.max)
        return date.today()

    def now(self) -> datetime:
        """The time a change is recorded with: local, with its offset, to the second; on the
        pretended day when PAINTRACK_TODAY is set."""
        now = datetime.now().astimezone().replace(microsecond=0)
        if os.environ.get(TODAY_ENV):
            now = now.replace(year=self.today().year, month=self.today().month, day=self.today().day)
        return now

    def commit(self, what: str, change: Any) -> Journal:
        """Write a change (see Store.commit) and remember that it was saved."""
        existed = self.store.exists()
        with self.uninterrupted():
            journal = self.store.commit(change, self.now())
            self.saved = what
        self.first_write = not existed and self.store.exists()
        self.tell_notices()
        if self.first_write:
            self.warn(f"created your journal at {self.store.path} (private: only you can read it)", "note")
        return journal

    @contextmanager
    def uninterrupted(self) -> Iterator[None]:
        """Writing a file: a Ctrl-C (under `paintrack.cli.main`) waits until it is done."""
        self.writing = True
        try:
            yield
        finally:
            self.writing = False
        if self.interrupt_pending:
            raise KeyboardInterrupt

    def tell_notices(self) -> None:
        for notice in self.store.notices:
            self.warn(notice)
        self.store.notices.clear()

    def warn(self, message: str, label: str = "warning") -> None:
        """One plain line on stderr (no rich: the fast commands stay fast)."""
        from paintrack.render.terminal import clean

        print(f"{label}: {clean(message)}", file=sys.stderr)


def can_prompt(no_input: bool) -> bool:
    """Prompt only on a terminal, and never with --no-input."""
    return not no_input and sys.stdin.isatty()
