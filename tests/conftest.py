"""Shared fixtures: drive the real `main()` (the one exit point) on a journal in tmp_path."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paintrack.cli.app import run as main

TODAY = "2026-11-23"


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


class Paintrack:
    """Runs paintrack as a user would, against one journal file, with a fixed 'today'."""

    def __init__(self, journal: Path):
        self.journal = journal

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Outcome:
        runner = CliRunner()
        with runner.isolation(input=input, env={"PAINTRACK_TODAY": TODAY, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}) as (out, err, _):
            code = main(["--journal", str(self.journal), *args])
            sys.stdout.flush()
            sys.stderr.flush()
            return Outcome(code, out.getvalue().decode(), err.getvalue().decode())

    def bytes(self) -> bytes | None:
        return self.journal.read_bytes() if self.journal.exists() else None

    def data(self) -> dict:
        return json.loads(self.journal.read_text())


@pytest.fixture
def paintrack(tmp_path: Path) -> Paintrack:
    return Paintrack(tmp_path / "data" / "journal.json")


BASELINE_ARGS = (
    "baseline", "--no-input", "--date", "2026-01-05", "--nrs", "7", "--worst", "9", "--least", "4",
    "--now", "6", "--activity-interference", "7", "--mood-interference", "6", "--walking-interference", "8",
    "--work-interference", "7", "--relations-interference", "4", "--sleep-interference", "6",
    "--enjoyment-interference", "7", "--walk-m", "380", "--duration-months", "18", "--no-red-flags",
)
