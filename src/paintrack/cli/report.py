"""`paintrack report`: the progress report on screen, or as a file to bring or send.

Steps: 1. the format (the flag, else the file's extension, else rich) and where it goes (the
output guard); 2. the report data (`domain.report.build_report`); 3. render and write.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from paintrack.cli.app import app
from paintrack.cli.session import Session
from paintrack.errors import InputError


@app.command(rich_help_panel="Show")
def report(
    ctx: typer.Context,
    format: Annotated[Optional[str], typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="rich (default; also terminal), json, markdown (md), html (htm), csv, fhir or pdf.")] = None,
    output: Annotated[Optional[str], typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write to FILE (private, 0600; - is standard output). The format follows the extension "
             "(.md .csv .html .json .pdf .txt) unless --format is given.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    patient_id: Annotated[Optional[str], typer.Option(
        "--patient-id", metavar="ID", help="The clinic's Patient id for --format fhir (a Patient/ID reference).")] = None,
) -> None:
    """Progress since baseline: change, what was met, expected vs actual, alerts, next due date."""
    from paintrack.cli import parse
    from paintrack.render import formats

    session: Session = ctx.obj
    # 1. which format, and where it goes
    to_stdout = output == "-"
    if format is not None:
        chosen = formats.by_name(format)
    elif output is not None and not to_stdout:
        chosen = formats.by_extension(output)
    else:
        chosen = formats.by_name("rich")
    pid = parse.patient_id(patient_id) if patient_id is not None else None
    if pid is not None and chosen.name != "fhir":
        raise InputError("--patient-id applies to --format fhir only")
    target = None
    if output is not None and not to_stdout:
        from paintrack.storage.files import check_output

        target = check_output(output, session.store.path, force, _ask_replace())
    # 2. the report data (a version-1 journal gets its id first for FHIR: ids never change)
    from paintrack.domain.report import build_report
    from paintrack.storage.catalogue_file import load_catalogue

    journal = session.store.write_migration(session.now()) if chosen.name == "fhir" else session.store.snapshot()
    data = build_report(journal, load_catalogue(), session.today())
    # 3. render and write
    if chosen.name == "rich" and target is None and not to_stdout:
        from paintrack.render.terminal.report import show

        show(data, session.console)
        return
    renderer = formats.load(chosen)
    rendered = renderer.render(data, patient_id=pid) if chosen.name == "fhir" else renderer.render(data)
    body = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    if target is None:
        import sys

        sys.stdout.flush()
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return
    from paintrack.storage.files import write_output

    write_output(target, body)
    typer.echo(f"Report written to {output} ({chosen.name}).")


def _ask_replace():
    """On a terminal, ask before replacing an existing file; otherwise the answer is no."""
    import sys

    if not sys.stdin.isatty():
        return None
    from paintrack.cli.interview import confirm

    return confirm
