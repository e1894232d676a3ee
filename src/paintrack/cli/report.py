"""`paintrack report`: the progress report on screen, or as a file to bring or send.

Steps: 1. the format (the flag, else the file's extension, else rich) and where it goes (the
output guard); the name or id line (`--patient-name`, `--patient-id`) and, for a PDF, that
Chromium is there; 2. the report data (`domain.report.build_report`); 3. with `--remember` or
`--forget`, the name and id stored in (or taken out of) the journal's settings, recorded in its
history; 4. render and write.
"""

from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

from paintrack.cli.app import app
from paintrack.cli.session import Session
from paintrack.errors import InputError

NAME_LIMIT = 200
# Territories whose locales print on US Letter (glibc's LC_PAPER); everywhere else, A4.
LETTER_TERRITORIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "DO", "PR", "SV", "NI", "HN", "BZ"}


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
    patient_name: Annotated[Optional[str], typer.Option(
        "--patient-name", metavar="NAME", help="Whose report: a name line on the report (terminal, Markdown, HTML, "
        "PDF, JSON).")] = None,
    patient_id: Annotated[Optional[str], typer.Option(
        "--patient-id", metavar="ID", help="The clinic's patient id: on the name line, and the Patient/ID reference "
        "of --format fhir.")] = None,
    remember: Annotated[bool, typer.Option(
        "--remember", help="Store --patient-name/--patient-id in the journal, for every later report.")] = False,
    forget: Annotated[bool, typer.Option("--forget", help="Remove the stored name and id from the journal.")] = False,
) -> None:
    """Progress since baseline: change, what was met, expected vs actual, alerts, next due date."""
    from paintrack.cli import parse
    from paintrack.render import formats

    session: Session = ctx.obj
    # 1. which format, where it goes, the name line; a PDF needs Chromium
    to_stdout = output == "-"
    if format is not None:
        chosen = formats.by_name(format)
    elif output is not None and not to_stdout:
        chosen = formats.by_extension(output)
    else:
        chosen = formats.by_name("rich")
    name = parse.parse_text(patient_name, "--patient-name", NAME_LIMIT) if patient_name is not None else None
    pid = parse.patient_id(patient_id) if patient_id is not None else None
    if remember and forget:
        raise InputError("--remember and --forget cannot be used together")
    if remember and name is None and pid is None:
        raise InputError("--remember stores --patient-name or --patient-id: give at least one")
    if forget and (name is not None or pid is not None):
        raise InputError("--forget removes the stored name and id: give it without --patient-name or --patient-id")
    if chosen.name == "pdf" and (output is None or to_stdout) and _is_terminal():
        raise InputError("a PDF is not for the terminal", hint="write it to a file: -o report.pdf")
    browser = None
    if chosen.name == "pdf":
        from paintrack.storage.printer import require_browser

        browser = require_browser()
    target = None
    if output is not None and not to_stdout:
        from paintrack.storage.files import check_output

        target = check_output(output, session.store.path, force, _ask_replace())
    # 2. the report data (a version-1 journal gets its id first for FHIR: ids never change)
    from paintrack.domain.report import Patient, build_report
    from paintrack.storage.catalogue_file import load_catalogue

    catalogue = load_catalogue()
    journal = session.store.write_migration(session.now()) if chosen.name == "fhir" else session.store.snapshot()
    data = build_report(journal, catalogue, session.today())  # no baseline: the error comes before any save
    # 3. store (or remove) the name line
    if remember or forget:
        from paintrack.domain import history, recording

        command = "report --remember" if remember else "report --forget"
        journal = session.commit("patient name and id", lambda j: history.commit(
            j, recording.settings_changes(j, name, pid, clear=forget), session.now(), command))
        data = build_report(journal, catalogue, session.today())
        session.warn("the name and id are stored in the journal: every report shows them "
                     "(`paintrack report --forget` removes them)" if remember else
                     "the stored name and id are removed (the history keeps the change)", "note")
    if name is not None or pid is not None:
        stored = data.patient or Patient(None, None)
        data = data._replace(patient=Patient(name if name is not None else stored.name,
                                             pid if pid is not None else stored.id))
    # 4. render and write
    if chosen.name == "rich" and target is None and not to_stdout:
        from paintrack.render.terminal.report import show

        show(data, session.console)
        return
    renderer = formats.load(chosen)
    if chosen.name == "fhir":
        rendered = renderer.render(data, patient_id=pid or (data.patient.id if data.patient else None))
    elif chosen.name == "pdf":
        from functools import partial

        from paintrack.storage.printer import print_page

        rendered = renderer.render(data, print_page=partial(print_page, browser=browser), paper=paper_size())
    else:
        rendered = renderer.render(data)
    body = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    if target is None:
        import sys

        sys.stdout.flush()
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return
    from paintrack.storage.files import write_output

    write_output(target, body)
    from paintrack.render.terminal import clean

    typer.echo(f"Report written to {clean(str(output))} ({chosen.name}).")  # as typed, controls shown as "?"


def paper_size() -> str:
    """'letter' where the locale's territory prints on US Letter, else 'A4' (the page fits both;
    this only sets the PDF's page size)."""
    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        value = os.environ.get(var)
        if value:
            territory = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return "letter" if territory in LETTER_TERRITORIES else "A4"
    return "A4"


def _is_terminal() -> bool:
    import sys

    return sys.stdout.isatty()


def _ask_replace():
    """On a terminal, ask before replacing an existing file; otherwise the answer is no."""
    import sys

    if not sys.stdin.isatty():
        return None
    from paintrack.cli.interview import confirm_or_stop

    return confirm_or_stop
