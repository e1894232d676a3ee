"""The report's file formats: one visible table from format name (and its aliases and file
extensions) to the module that renders it. Every renderer is `render(report, **options)` and
takes the typed report and nothing else; it returns text (bytes for pdf)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from paintrack.errors import InputError, PaintrackError


@dataclass(frozen=True, slots=True)
class Format:
    """One report format: its name, the module that renders it, its aliases and file extensions."""
    name: str
    module: str
    aliases: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()


FORMATS: tuple[Format, ...] = (
    Format("rich", "paintrack.render.terminal.report", ("terminal", "text", "txt"), (".txt",)),
    Format("json", "paintrack.render.formats.json", (), (".json",)),
    Format("markdown", "paintrack.render.formats.markdown", ("md",), (".md", ".markdown")),
    Format("html", "paintrack.render.formats.html", ("htm",), (".html", ".htm")),
    Format("csv", "paintrack.render.formats.csv", (), (".csv",)),
    Format("fhir", "paintrack.render.formats.fhir", (), (".fhir.json",)),
    Format("pdf", "paintrack.render.formats.pdf", (), (".pdf",)),
)
NAMES = tuple(f.name for f in FORMATS)


def by_name(raw: str) -> Format:
    wanted = raw.strip().lower()
    for f in FORMATS:
        if wanted == f.name or wanted in f.aliases:
            return f
    raise InputError(f"--format must be one of {', '.join(NAMES)} (or md, htm, terminal)")


def by_extension(path: str) -> Format:
    lower = path.lower()
    for f in sorted(FORMATS, key=lambda f: -max((len(e) for e in f.extensions), default=0)):
        if any(lower.endswith(e) for e in f.extensions):
            return f
    extensions = " ".join(e for f in FORMATS for e in f.extensions)
    raise InputError("cannot tell the format of --output from its extension",
                     hint=f"use --format ({', '.join(NAMES)}) or an extension: {extensions}")


def load(f: Format) -> ModuleType:
    try:
        return importlib.import_module(f.module)
    except ModuleNotFoundError as e:
        if e.name == f.module:
            raise PaintrackError(f"the {f.name} report is not available in this build",
                                 hint="use --format rich or --format json") from None
        raise PaintrackError(f"the {f.name} report needs the Python package {e.name!r}, which is not installed",
                             hint="reinstall paintrack with its dependencies") from None
