"""`paintrack send URL`: the FHIR Bundle of `report --format fhir`, posted to a clinic's FHIR R4
server. The only command that uses the network, and only the URL given.

Steps: 1. check the URL and the token's environment variable (before anything is read);
2. the journal's id (a version-1 journal's migration is written first, so identifiers never
change) and the report; 3. the Bundle; 4. with --dry-run, show it and stop; else send what the
server lacks (`storage.clinic.send`) and print what it created, updated and already held.
A failure is one line and exit 1; the journal is never written by a send.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from paintrack.cli.app import app
from paintrack.cli.session import Session
from paintrack.errors import InputError, PaintrackError

if TYPE_CHECKING:
    from paintrack.domain.records import Journal

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")
_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")  # RFC 6750 b64token


@app.command(rich_help_panel="Show")
def send(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(
        metavar="URL", help="The clinic's FHIR R4 base URL (https; plain http only to localhost).",
        show_default=False)],
    patient_id: Annotated[Optional[str], typer.Option(
        "--patient-id", metavar="ID", help="Your Patient id on that server (else a Patient identified by "
                                           "this journal is created there).")] = None,
    token_env: Annotated[Optional[str], typer.Option(
        "--token-env", metavar="VAR", help="The environment variable holding a bearer token (never the "
                                           "token itself).")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Show the Bundle that would be sent, and send nothing (no network).")] = False,
) -> None:
    """Send your assessments to your clinic's FHIR server (the only command that uses the network)."""
    from paintrack.cli import parse
    from paintrack.storage import clinic

    session: Session = ctx.obj
    # 1. the URL and the token, before anything else
    server = clinic.parse_base(url)
    pid = parse.patient_id(patient_id) if patient_id is not None else None
    token = _token(token_env)
    # 2. the journal's id (migration written first) and the report
    from paintrack.domain.report import build_report
    from paintrack.render.formats import fhir
    from paintrack.storage.catalogue_file import load_catalogue

    if not session.store.exists():  # no lock file or folder made for a journal that is not there
        raise PaintrackError("there is no journal yet, so there is nothing to send",
                             hint="run `paintrack baseline` first")
    journal = session.store.write_migration(session.now())
    data = build_report(journal, load_catalogue(), session.today())
    # 3. the Bundle
    stored = data.patient.id if data.patient else None  # `report --remember --patient-id` stored it
    bundle = fhir.bundle(data, patient_id=pid or stored, now=session.now())
    # 4. show it, or send it
    if dry_run:
        import sys

        from paintrack.render.terminal import json_text

        sys.stdout.write(json_text(bundle))
        sys.stdout.flush()
        gone = len(retracted(journal))
        also = (f"; a send would also look up {gone} identifiers of entries changed since they were made and "
                "delete those the server still holds") if gone else ""
        session.warn(f"nothing was sent: this is the transaction of {len(bundle['entry'])} entries paintrack "
                     f"would post to {server.label} (minus the ones the server already holds unchanged){also}",
                     "dry run")
        return
    counts = clinic.send(clinic.Clinic(server, token), bundle, fhir.ID_SYSTEM, retracted(journal))
    removed = (f"; {counts.removed} removed (entries paintrack no longer holds: deleted, moved to another "
               "date or cleared)") if counts.removed else ""
    typer.echo(f"Sent to {server.label}: {counts.created} created, {counts.updated} updated, "
               f"{counts.unchanged} unchanged{removed}.")


def retracted(journal: Journal) -> list[str]:
    """The identifiers of every Observation an earlier send may hold for an assessment as it was
    before a change (the send removes those the new Bundle no longer has)."""
    from paintrack.domain import history
    from paintrack.render.formats import fhir

    if journal.journal_id is None:
        return []
    return sorted({fhir.identifier_value(journal.journal_id, kind, day.isoformat(), code.code)
                   for kind, day in history.assessments_changed(journal) for code in fhir.CODES})


def _token(name: str | None) -> str | None:
    """The bearer token from the environment variable `name` (never echoed: a token pasted as the
    name by mistake must not reach the terminal or a log)."""
    if name is None:
        return None
    if not _ENV_NAME.fullmatch(name):
        raise InputError("--token-env must name an environment variable (letters, digits and _), "
                         "not hold the token itself",
                         hint="export TOKEN=... first, then give --token-env TOKEN")
    value = os.environ.get(name, "").strip()
    if not value:
        raise InputError("the environment variable named by --token-env is not set or empty",
                         hint="export it in this shell first, then run send again")
    if not _TOKEN.fullmatch(value):
        raise InputError("the token in the environment variable named by --token-env is not a bearer token "
                         "(letters, digits and -._~+/ only)", hint="check what the variable holds")
    return value
