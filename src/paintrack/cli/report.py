"""`paintrack report`: the progress report on screen, or as a file to bring or send.

Every format is rendered from the same data (`paintrack.report.build_report`). The json,
markdown, html, csv and fhir renderers are modules `paintrack.render.<format>` with
`render(report, **options) -> str`; they are imported only when chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from paintrack.cli import app
from paintrack.cli.session import Session
from paintrack.errors import InputError, PaintrackError

FORMATS = ("rich", "json", "markdown", "html", "csv", "fhir")
BY_EXTENSION = {".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".html": "html",
                ".htm": "html", ".json": "json", ".txt": "rich"}


@app.command(rich_help_panel="Show")
def report(
    ctx: typer.Context,
    format: Annotated[
        Optional[str],
        typer.Option("--format", "-f", metavar="FORMAT", help="rich (default), json, markdown, html, csv or fhir."),
    ] = None,
    output: Annotated[
        Optional[str],
        typer.Option("--output", "-o", metavar="FILE",
                     help="Write to FILE (private, 0600). The format follows the extension "
                          "(.md .csv .html .json .txt) unless --format is given."),
    ] = None,
    patient_id: Annotated[
        Optional[str], typer.Option("--patient-id", metavar="ID", help="Patient id for the FHIR Bundle (--format fhir).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --output FILE if it exists.")] = False,
) -> None:
    """Progress since baseline: change, IMMPACT reading, expected vs actual, alerts, next due date."""
    session: Session = ctx.obj
    # 1. which format: the flag, else the file's extension, else rich; where it goes
    to_stdout = output == "-"
    chosen = _choose_format(format, None if to_stdout else output)
    target = None
    if output is not None and not to_stdout:
        from paintrack.outputs import check_output

        target = check_output(output, session.store.path, force, _ask_replace())
    if patient_id is not None and chosen != "fhir":
        raise InputError("--patient-id applies to --format fhir only")
    if patient_id is not None and not patient_id.strip():
        raise InputError("--patient-id must not be empty")
    # 2. the report data
    from paintrack.catalogue import load_catalogue
    from paintrack.report import build_report

    data = build_report(session.store.snapshot(), load_catalogue(), session.today())
    # 3. render and write
    if target is None and chosen == "rich" and not to_stdout:
        from paintrack.render.progress import print_report

        print_report(data)
        return
    text = _render(chosen, data, patient_id)
    if target is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from paintrack.outputs import write_output

    write_output(target, text.encode("utf-8"))
    typer.echo(f"Report written to {output} ({chosen}).")


def _ask_replace():
    """On a terminal, ask before replacing an existing file; otherwise the answer is no."""
    import sys

    if not sys.stdin.isatty():
        return None
    return lambda question: typer.confirm(question, default=False)


def _choose_format(format: str | None, output: str | None) -> str:
    if format is not None:
        chosen = format.strip().lower()
        if chosen not in FORMATS:
            raise InputError(f"--format must be one of {', '.join(FORMATS)}; got {format!r}")
        return chosen
    if output is None:
        return "rich"
    suffix = Path(output).suffix.lower()
    if suffix not in BY_EXTENSION:
        raise InputError(
            f"cannot tell the format of --output {output!r} from its extension",
            hint=f"use --format ({', '.join(FORMATS)}) or an extension: {' '.join(BY_EXTENSION)}",
        )
    return BY_EXTENSION[suffix]


def _render(chosen: str, data: dict, patient_id: str | None) -> str:
    if chosen == "rich":  # to a file: the terminal report as plain text, 80 columns
        import io

        from paintrack.render.ansi import Screen
        from paintrack.render.progress import print_report

        buffer = io.StringIO()
        print_report(data, Screen(buffer, width=80, colour=False))
        return buffer.getvalue()
    import importlib

    module_name = f"paintrack.render.{chosen}"
    try:
        renderer = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name == module_name:
            raise PaintrackError(
                f"the {chosen} report is not available in this build",
                hint="use --format rich or --format json",
            ) from None
        raise PaintrackError(
            f"the {chosen} report needs the Python package {e.name!r}, which is not installed",
            hint="reinstall paintrack with its dependencies",
        ) from None
    options = {"patient_id": patient_id} if chosen == "fhir" else {}
    return renderer.render(data, **options)
