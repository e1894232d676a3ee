"""`paintrack send URL`: the FHIR Bundle posted to a clinic's FHIR R4 server (contract: PRODUCT.md
"FHIR (v2)"). Most tests run against a real FHIR engine: Medplum's FhirRouter + MemoryRepository
4.5.2 (tests/fhir_engine/server.mjs), started once per session on 127.0.0.1 and emptied with
POST /$reset before each test. Two of its behaviours are test-harness shims, not Medplum's in-memory
behaviour (server.mjs explains both): quantity search (`value-quantity=ge7`) and no-op updates.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import shutil
import socket
import ssl
import subprocess
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import BASELINE_ARGS, Paintrack

from paintrack.render.formats import fhir
from paintrack.storage import clinic

ENGINE = Path(__file__).resolve().parent / "fhir_engine"
NRS = f"{fhir.CODE_SYSTEM}|pain-average-7d"


def engine_test(f):
    """A test against the engine: marked, and kept on one xdist worker (one engine process)."""
    return pytest.mark.xdist_group("fhir_engine")(pytest.mark.fhir_engine(f))


# --- the engine ---------------------------------------------------------------------------------

def _start(env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    node = shutil.which("node")
    missing = None if node else "node is not installed"
    if not missing and not (ENGINE / "node_modules/@medplum/fhir-router").is_dir():
        missing = "the FHIR engine's npm packages are not installed (run .ci/fhir-engine)"
    if missing:
        if os.environ.get("PAINTRACK_FHIR_ENGINE") == "required":
            pytest.fail(missing)
        pytest.skip(missing)
    proc = subprocess.Popen([node, "server.mjs", "0"], cwd=ENGINE, env={**os.environ, "QUIET": "1", **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        ready = sel.select(30)
    line = proc.stdout.readline() if ready else ""
    if not line.startswith("listening "):
        proc.kill()
        raise RuntimeError(f"the FHIR engine did not start: {line!r} {proc.stderr.read()[:2000]}")
    return proc, "http://" + line.split()[1]


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        assert proc.wait(timeout=5) == 0
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def engine_session():
    proc, base = _start()
    yield base
    _stop(proc)


@pytest.fixture
def server(engine_session):
    """The engine, empty."""
    call("POST", engine_session + "/$reset", {})
    return engine_session


@pytest.fixture
def start_engine():
    """Start another engine with env flags (FHIR_TOKEN, FAIL_WITH, FAIL_TIMES)."""
    procs = []

    def start(**env: object) -> str:
        proc, base = _start({k: str(v) for k, v in env.items()})
        procs.append(proc)
        return base

    yield start
    for p in procs:
        _stop(p)


@pytest.fixture(autouse=True)
def pauses(monkeypatch):
    """The waits before retries, recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr(clinic, "pause", waited.append)
    return waited


def call(method: str, url: str, body: object = None, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/fhir+json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data, headers, method=method), timeout=30) as r:
        return json.loads(r.read())


def search(base: str, kind: str, token: str | None = None, **params: str) -> list[dict]:
    query = urllib.parse.urlencode(params)
    return [e["resource"] for e in call("GET", f"{base}/{kind}?{query}", token=token).get("entry") or []]


def count(base: str, kind: str = "Observation", **params: str) -> int:
    query = urllib.parse.urlencode({**params, "_summary": "count"})
    return call("GET", f"{base}/{kind}?{query}")["total"]


def counts_line(out: str) -> tuple[int, ...]:
    found = re.fullmatch(r"Sent to 127\.0\.0\.1:\d+: (\d+) created, (\d+) updated, (\d+) unchanged\.\n", out)
    assert found, out
    return tuple(int(x) for x in found.groups())


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def journal(paintrack):
    """Small (a transaction takes time): a baseline and two updates, pain 7, 6, 8."""
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6").code == 0
    assert paintrack("update", "--no-input", "--date", "2026-03-02", "--nrs", "8").code == 0
    return paintrack


def entries_of(pt: Paintrack, *args: str) -> int:
    return len(json.loads(pt("report", "--format", "fhir", *args).out)["entry"])


# --- against the engine ---------------------------------------------------------------------------

@engine_test
def test_send_twice_makes_no_duplicate_and_no_new_version(journal, server):
    total = entries_of(journal)
    first = journal("send", server)
    assert first.code == 0, first.text
    assert counts_line(first.out) == (total, 0, 0)
    assert count(server) == total - 1 and count(server, "Patient") == 1
    versions = {o["id"]: o["meta"]["versionId"] for o in search(server, "Observation")}
    second = journal("send", server)
    assert second.code == 0, second.text
    assert counts_line(second.out) == (0, 0, total)
    assert count(server) == total - 1 and count(server, "Patient") == 1
    assert {o["id"]: o["meta"]["versionId"] for o in search(server, "Observation")} == versions


@engine_test
def test_send_twice_writes_nothing_even_where_identical_puts_make_new_versions(journal, start_engine):
    """STOCK=1: Medplum's plain MemoryRepository writes a new version for every PUT, identical or
    not (as IBM FHIR does); paintrack sends nothing the server holds unchanged, so none appears."""
    base = start_engine(STOCK=1)
    assert journal("send", base).code == 0
    versions = {o["id"]: o["meta"]["versionId"] for o in search(base, "Observation")}
    r = journal("send", base)
    assert counts_line(r.out) == (0, 0, entries_of(journal))
    assert {o["id"]: o["meta"]["versionId"] for o in search(base, "Observation")} == versions
    assert all(len(call("GET", f"{base}/Observation/{i}/_history")["entry"]) == 1 for i in versions)


@engine_test
def test_a_corrected_value_is_a_new_version_of_the_same_resource(journal, server):
    assert journal("send", server).code == 0
    (before,) = search(server, "Observation", code=NRS, date="2026-02-02")
    assert journal("edit", "update", "2026-02-02", "--nrs", "5").code == 0
    r = journal("send", server)
    assert r.code == 0, r.text
    assert counts_line(r.out) == (0, 1, entries_of(journal) - 1)
    (after,) = search(server, "Observation", code=NRS, date="2026-02-02")
    assert after["id"] == before["id"] and after["valueQuantity"]["value"] == 5
    history = call("GET", f"{server}/Observation/{after['id']}/_history")["entry"]
    assert [h["resource"]["valueQuantity"]["value"] for h in history] == [5, 6]  # newest first
    assert count(server, code=NRS) == 3


def removed_line(out: str) -> tuple[tuple[int, ...], int]:
    found = re.fullmatch(r"Sent to 127\.0\.0\.1:\d+: (\d+) created, (\d+) updated, (\d+) unchanged; (\d+) removed "
                         r"\(entries paintrack no longer holds: deleted, moved to another date or cleared\)\.\n", out)
    assert found, out
    numbers = tuple(int(x) for x in found.groups())
    return numbers[:3], numbers[3]


@engine_test
def test_a_moved_date_deleted_update_and_cleared_value_are_removed_from_the_server(journal, server):
    """What the clinic holds follows the journal: an update moved to another date is not left
    behind under the old one, a deleted update disappears, a cleared value is removed; no
    Observation of the journal is kept twice."""
    assert journal("send", server).code == 0
    n_first = count(server)
    assert journal("edit", "update", "2026-02-02", "--date", "2026-02-05").code == 0
    r = journal("send", server)
    assert r.code == 0, r.text
    (created, _, _), removed = removed_line(r.out)
    assert created == removed > 0 and count(server) == n_first
    assert [o["effectiveDateTime"] for o in search(server, "Observation", code=NRS)] != []
    dates = sorted(o["effectiveDateTime"] for o in search(server, "Observation", code=NRS))
    assert dates == ["2026-01-05", "2026-02-05", "2026-03-02"]
    # a deleted update: all its Observations go
    assert journal("delete", "update", "2026-03-02", "--yes").code == 0
    r = journal("send", server)
    assert r.code == 0, r.text
    (_, _, _), removed = removed_line(r.out)
    assert removed > 0 and sorted(o["effectiveDateTime"] for o in search(server, "Observation", code=NRS)) == [
        "2026-01-05", "2026-02-05"]
    assert count(server) == entries_of(journal) - 1  # every Observation the Bundle has, and no other
    # a cleared value: its Observation goes, the others of that day stay
    walk = f"{fhir.CODE_SYSTEM}|six-minute-walk"
    assert len(search(server, "Observation", code=walk)) == 1
    assert journal("edit", "baseline", "--clear", "walk-m").code == 0
    r = journal("send", server)
    assert removed_line(r.out)[1] == 1 and search(server, "Observation", code=walk) == []
    # sending again: nothing more to remove
    again = journal("send", server)
    assert counts_line(again.out) == (0, 0, entries_of(journal))


@engine_test
def test_an_undone_update_is_removed_by_the_next_send(journal, server):
    assert journal("send", server).code == 0
    assert journal("update", "--no-input", "--date", "2026-03-30", "--nrs", "4").code == 0
    assert journal("send", server).code == 0 and len(search(server, "Observation", code=NRS)) == 4
    assert journal("undo", "--yes").code == 0
    r = journal("send", server)
    assert removed_line(r.out)[1] > 0
    assert sorted(o["effectiveDateTime"] for o in search(server, "Observation", code=NRS)) == [
        "2026-01-05", "2026-02-02", "2026-03-02"]


@engine_test
def test_removal_touches_no_other_journal(journal, server, tmp_path):
    other = Paintrack(tmp_path / "other" / "journal.json")
    assert other(*BASELINE_ARGS).code == 0
    assert other("update", "--no-input", "--date", "2026-02-02", "--nrs", "2").code == 0
    assert other("send", server).code == 0 and journal("send", server).code == 0
    theirs = count(server)
    assert journal("delete", "update", "2026-02-02", "--yes").code == 0
    r = journal("send", server)
    (_, _, _), removed = removed_line(r.out)
    assert count(server) == theirs - removed
    values = [o["valueQuantity"]["value"] for o in search(server, "Observation", code=NRS, date="2026-02-02")]
    assert values == [2]  # the other journal's update of that day is still there


@engine_test
def test_two_journals_with_the_same_dates_do_not_collide(journal, server, tmp_path):
    other = Paintrack(tmp_path / "other" / "journal.json")
    assert other(*BASELINE_ARGS).code == 0
    assert other("update", "--no-input", "--date", "2026-02-02", "--nrs", "2").code == 0
    assert journal("send", server).code == 0
    r = other("send", server)
    assert r.code == 0, r.text
    assert counts_line(r.out)[1:] == (0, 0)  # created only: nothing of the first journal touched
    assert count(server, "Patient") == 2
    assert count(server) == entries_of(journal) - 1 + entries_of(other) - 1
    series = {}
    for patient in search(server, "Patient"):
        obs = search(server, "Observation", code=NRS, subject=f"Patient/{patient['id']}", _sort="date")
        series[len(obs)] = [o["valueQuantity"]["value"] for o in obs]
    assert series == {3: [7, 6, 8], 2: [7, 2]}


@engine_test
def test_search_by_code_and_subject_gives_the_series_in_date_order(journal, server):
    assert journal("send", server, "--patient-id", "clinic-7").code == 0
    obs = search(server, "Observation", code=NRS, subject="Patient/clinic-7", _sort="date")
    assert [(o["effectiveDateTime"], o["valueQuantity"]["value"]) for o in obs] == [
        ("2026-01-05", 7), ("2026-02-02", 6), ("2026-03-02", 8)]
    newest_first = search(server, "Observation", code=NRS, subject="Patient/clinic-7", _sort="-date")
    assert [o["effectiveDateTime"] for o in newest_first] == ["2026-03-02", "2026-02-02", "2026-01-05"]
    (now,) = search(server, "Observation", code="http://loinc.org|72514-3", subject="Patient/clinic-7")
    assert now["valueQuantity"]["value"] == 6 and now["performer"] == [{"reference": "Patient/clinic-7"}]
    tagged = search(server, "Observation", _tag=f"{fhir.TAG_SYSTEM}|patient-supplied")
    assert len(tagged) == entries_of(journal, "--patient-id", "clinic-7")


@engine_test
def test_value_quantity_ge7_finds_the_high_pain_scores(journal, server):
    """Pain 7, 6, 8: ge7 finds 7 and 8, not 6 (the engine's quantity search is a shim in server.mjs)."""
    assert journal("send", server).code == 0
    high = search(server, "Observation", code=NRS, **{"value-quantity": "ge7"})
    assert sorted(o["valueQuantity"]["value"] for o in high) == [7, 8]
    with_unit = search(server, "Observation", code=NRS, **{"value-quantity": "ge7|http://unitsofmeasure.org|{score}"})
    assert len(with_unit) == 2
    assert search(server, "Observation", code=NRS, **{"value-quantity": "ge9"}) == []


@engine_test
def test_a_self_harm_answer_and_a_positive_red_flag_screen_can_be_searched(paintrack, server):
    """R4 has no `interpretation` search parameter: a clinic asks for the answers above 0, and
    for screens with a yes."""
    assert paintrack(*BASELINE_ARGS, "--phq9", "0,0,0,0,0,0,0,0,1").code == 0
    assert paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--red-flag", "fever",
                     "--phq9", "0,0,0,0,0,0,0,0,0").code == 0
    assert paintrack("send", server).code == 0
    above_0 = ",".join(f"http://loinc.org|{c}" for c in ("LA6569-3", "LA6570-1", "LA6571-9"))
    (obs,) = search(server, "Observation", code="http://loinc.org|44260-8", **{"value-concept": above_0})
    assert obs["effectiveDateTime"] == "2026-01-05"
    assert obs["interpretation"][0]["coding"][0]["code"] == "POS"
    screens = search(server, "Observation", code=f"{fhir.CODE_SYSTEM}|red-flag-screen",
                     **{"component-value-concept": f"{fhir.YES_NO_SYSTEM}|Y"})
    assert [o["effectiveDateTime"] for o in screens] == ["2026-02-02"]


@engine_test
def test_sending_with_a_patient_id_later_updates_the_same_observations(journal, server):
    assert journal("send", server).code == 0
    r = journal("send", server, "--patient-id", "clinic-7")
    assert r.code == 0, r.text
    n = entries_of(journal, "--patient-id", "clinic-7")
    assert counts_line(r.out) == (0, n, 0)
    assert count(server) == n
    assert count(server, subject="Patient/clinic-7") == n


@engine_test
def test_a_server_with_strict_transactions_takes_a_journal_of_more_than_8_entries(journal, start_engine):
    """FHIR_TRANSACTIONS=1: Medplum's real transaction mode, which refuses more than 8 entries with
    a conditional update in one transaction."""
    base = start_engine(FHIR_TRANSACTIONS=1)
    total = entries_of(journal)
    assert total > 9
    r = journal("send", base)
    assert r.code == 0, r.text
    assert counts_line(r.out) == (total, 0, 0)
    assert journal("edit", "update", "2026-03-02", "--nrs", "9").code == 0
    r = journal("send", base)
    assert counts_line(r.out) == (0, 1, total - 1)
    assert count(base) == total - 1 and count(base, "Patient") == 1


@engine_test
def test_dry_run_shows_the_bundle_and_sends_nothing(journal, server):
    before = journal.bytes()
    r = journal("send", server, "--dry-run")
    assert r.code == 0, r.text
    shown = json.loads(r.out)
    assert shown["type"] == "transaction" and len(shown["entry"]) == entries_of(journal)
    assert "nothing was sent" in r.err
    assert count(server) == 0 and count(server, "Patient") == 0
    assert journal.bytes() == before


@engine_test
def test_a_500_fails_in_one_line_after_three_retries_and_changes_nothing(journal, start_engine, pauses):
    base = start_engine(FAIL_WITH=500)
    folder = files(journal.journal.parent)
    r = journal("send", base)
    assert r.code == 1
    assert r.out == ""
    lines = r.err.splitlines()
    assert lines[0].startswith("paintrack: error: could not send to 127.0.0.1:")
    assert "HTTP 500" in lines[0] and "4 tries" in lines[0] and len(lines) == 2 and lines[1].startswith("hint:")
    assert pauses == [0.5, 1.0, 2.0]
    assert files(journal.journal.parent) == folder


@engine_test
@pytest.mark.parametrize(("fails", "code"), [(3, 0), (4, 1)])
def test_retries_are_bounded_to_three(journal, start_engine, pauses, fails, code):
    """503 on the first `fails` requests: three retries recover from 3, not from 4."""
    base = start_engine(FAIL_WITH=503, FAIL_TIMES=fails)
    r = journal("send", base)
    assert r.code == code, r.text
    assert pauses == [0.5, 1.0, 2.0]
    if code == 0:
        assert count(base) == entries_of(journal) - 1


def test_a_refused_connection_fails_cleanly_and_changes_nothing(journal, pauses):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = files(journal.journal.parent)
    r = journal("send", f"http://127.0.0.1:{port}")
    assert r.code == 1
    assert "connection refused (4 tries)" in r.err.splitlines()[0]
    assert "Traceback" not in r.err and len(pauses) == 3
    assert files(journal.journal.parent) == folder


@engine_test
def test_a_bearer_token_from_the_environment(journal, start_engine):
    base = start_engine(FHIR_TOKEN="s3cret-T0ken")
    folder = files(journal.journal.parent)
    for env, args in [({}, ()), ({"CLINIC_TOKEN": "Wr0ngT0k"}, ("--token-env", "CLINIC_TOKEN"))]:
        r = journal("send", base, *args, env=env)
        assert r.code == 1, r.text
        assert "HTTP 401" in r.err and "Wr0ng" not in r.text and "s3cret" not in r.text
        assert files(journal.journal.parent) == folder
    assert search(base, "Observation", token="s3cret-T0ken") == []
    r = journal("send", base, "--token-env", "CLINIC_TOKEN", env={"CLINIC_TOKEN": "s3cret-T0ken"})
    assert r.code == 0, r.text
    assert "s3cret" not in r.text and "s3cret" not in journal.journal.read_text()
    assert len(search(base, "Observation", token="s3cret-T0ken")) == entries_of(journal) - 1


# --- without the engine: refusals before any connection -------------------------------------------

@pytest.mark.parametrize("url", [
    "http://clinic.example.org/fhir",  # plain http to another machine
    "ftp://127.0.0.1/fhir", "https://", "fhir.example.org", "https://user:pw@fhir.example.org/fhir",
    "https://fhir.example.org/fhir?_format=json", "https://fhir.example.org/fhir#x", "https://fhir.example.org:99999/",
])
def test_urls_refused_before_any_connection(journal, url, no_network):
    before = journal.bytes()
    r = journal("send", url)
    assert r.code == 2, r.text
    assert r.err.startswith("paintrack: error: URL ") and "pw" not in r.err
    assert journal.bytes() == before and no_network == []


@pytest.mark.parametrize("url", ["http://localhost:1/fhir", "http://127.0.0.1:1", "http://[::1]:1/",
                                 "https://fhir.example.org/fhir/R4/"])
def test_https_anywhere_and_http_to_this_machine_are_accepted(url):
    server = clinic.parse_base(url)
    assert server.path in ("", "/fhir", "/fhir/R4")


@pytest.mark.parametrize(("env", "name"), [
    ({}, "CLINIC_TOKEN"),  # not set
    ({"CLINIC_TOKEN": ""}, "CLINIC_TOKEN"),  # empty
    ({"CLINIC_TOKEN": "bad token\r\nX-Evil: 1"}, "CLINIC_TOKEN"),  # not a bearer token
    ({}, "eyJhbGciOiJIUzI1NiJ9.e30.sig"),  # the token itself, given by mistake
])
def test_token_problems_are_usage_errors_that_never_echo_the_token(journal, no_network, env, name):
    r = journal("send", "https://fhir.example.org/fhir", "--token-env", name, env=env)
    assert r.code == 2, r.text
    assert "--token-env" in r.err
    assert "eyJ" not in r.err and "Evil" not in r.err and no_network == []


@pytest.fixture
def no_network(monkeypatch):
    """Every connection attempt recorded and refused."""
    tried: list[object] = []

    def refuse(*args, **kwargs):
        tried.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: refuse(address))
    return tried


def test_dry_run_makes_no_connection(journal, no_network):
    r = journal("send", "https://fhir.example.org/fhir", "--dry-run", "--patient-id", "p9")
    assert r.code == 0, r.text
    assert json.loads(r.out)["entry"][0]["resource"]["subject"] == {"reference": "Patient/p9"}
    assert no_network == []


def test_no_journal_nothing_sent_and_no_file_made(paintrack, no_network):
    r = paintrack("send", "https://fhir.example.org/fhir")
    assert r.code == 1 and "nothing to send" in r.err
    assert not paintrack.journal.parent.exists() and no_network == []


def test_no_other_command_uses_the_network(journal, no_network, tmp_path):
    for args in [("report", "--format", "fhir"), ("report", "--format", "json"), ("report",),
                 ("list",), ("history",), ("plan", "--list"), ("doctor",)]:
        r = journal(*args)
        assert r.code in (0, 1), (args, r.text)
    assert no_network == []


# --- a stub server: TLS, redirects, paging --------------------------------------------------------

class _Stub(BaseHTTPRequestHandler):
    """Answers from `answers` first; then a search finds nothing and a transaction answers each
    entry with the next of `statuses` (a Patient at https://elsewhere/fhir/Patient/p1/_history/1)."""

    answers: ClassVar[list[tuple[int, dict, dict]]] = []
    statuses: ClassVar[list[str]] = []
    seen: ClassVar[list[str]] = []
    bodies: ClassVar[list[dict]] = []
    down_after: ClassVar[int | None] = None  # transactions answered before the server fails (HTTP 500)

    def _answer(self) -> None:
        self.seen.append(f"{self.command} {self.path}")
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.answers:
            status, headers, body = self.answers.pop(0)
        elif self.path.endswith("/_search"):
            status, headers, body = 200, {}, {"resourceType": "Bundle", "type": "searchset", "entry": []}
        else:
            sent = json.loads(raw)
            self.bodies.append(sent)
            if _Stub.down_after is not None and len(self.bodies) > _Stub.down_after:
                self._reply(500, {}, {"resourceType": "OperationOutcome", "issue": []})
                return
            entries = []
            for e in sent["entry"]:
                response = {"status": self.statuses.pop(0)}
                if e["resource"]["resourceType"] == "Patient":
                    response["location"] = "https://elsewhere.example/fhir/Patient/p1/_history/1"
                entries.append({"response": response})
            status, headers, body = 200, {}, {"resourceType": "Bundle", "type": "transaction-response",
                                              "entry": entries}
        self._reply(status, headers, body)

    def _reply(self, status: int, headers: dict, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        for k, v in {"Content-Type": "application/fhir+json", "Content-Length": str(len(data)), **headers}.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stub(tmp_path):
    """A plain-http stub on 127.0.0.1 answering from `answers`; `tls()` wraps it in a self-signed cert."""
    _Stub.answers, _Stub.statuses, _Stub.seen, _Stub.bodies, _Stub.down_after = [], [], [], [], None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)

    class Stub:
        base = f"http://127.0.0.1:{httpd.server_port}"
        answers, statuses, seen, bodies = _Stub.answers, _Stub.statuses, _Stub.seen, _Stub.bodies
        cert: Path | None = None

        def tls(self) -> None:
            if not shutil.which("openssl"):
                pytest.skip("openssl is not installed")
            key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                            "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
                            "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
            self.base = f"https://127.0.0.1:{httpd.server_port}"
            self.cert = cert

    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield Stub()
    httpd.shutdown()
    httpd.server_close()


def test_tls_is_verified(journal, stub, monkeypatch):
    """A self-signed certificate is refused without a retry; trusted through SSL_CERT_FILE, the
    same server is reached (and its 401 reported)."""
    stub.tls()
    r = journal("send", stub.base)
    assert r.code == 1
    assert "TLS certificate of 127.0.0.1:" in r.err and "could not be verified" in r.err
    assert stub.seen == []
    monkeypatch.setenv("SSL_CERT_FILE", str(stub.cert))
    stub.answers.append((401, {}, {"resourceType": "OperationOutcome", "issue": []}))
    r = journal("send", stub.base)
    assert r.code == 1 and "HTTP 401" in r.err
    assert len(stub.seen) == 1


def test_a_redirect_is_not_followed(journal, stub):
    stub.answers.append((301, {"Location": "http://127.0.0.1:9/elsewhere"}, {}))
    r = journal("send", stub.base + "/fhir")
    assert r.code == 1 and "redirect (HTTP 301)" in r.err
    assert stub.seen == ["POST /fhir/Patient/_search"]


def test_a_next_page_on_another_address_is_refused(journal, stub):
    stub.answers.append((200, {}, {"resourceType": "Bundle", "type": "searchset", "entry": [],
                                   "link": [{"relation": "next", "url": "https://elsewhere.example/x?page=2"}]}))
    r = journal("send", stub.base)
    assert r.code == 1 and "next page at another address" in r.err
    assert len(stub.seen) == 1


def test_a_new_patient_first_then_transactions_of_at_most_8_entries(journal, stub):
    """A Medplum project with transaction bundles refuses more than 8 entries with a conditional
    update; HAPI answers '201 Created' and a location with _history: both read."""
    n = entries_of(journal)  # 1 Patient + 9 Observations
    stub.statuses += ["201 Created"] + ["201"] * 7 + ["200 OK"] * 2
    r = journal("send", stub.base)
    assert r.code == 0, r.text
    assert counts_line(r.out) == (8, 2, 0)
    assert stub.seen == ["POST /Patient/_search", "POST /Observation/_search", "POST /", "POST /", "POST /"]
    assert [len(b["entry"]) for b in stub.bodies] == [1, 8, n - 9]
    assert stub.bodies[0]["entry"][0]["resource"]["resourceType"] == "Patient"
    for body in stub.bodies[1:]:
        assert all(e["resource"]["subject"] == {"reference": "Patient/p1"} for e in body["entry"])
        assert all(e["request"]["url"].startswith("Observation?identifier=urn:ietf:rfc:3986|urn:uuid:")
                   for e in body["entry"])


def test_a_refused_entry_fails_the_send_and_says_what_was_stored(journal, stub):
    stub.statuses += ["201"] + ["201"] * 7 + ["400 Bad Request"]
    before = journal.bytes()
    r = journal("send", stub.base)
    assert r.code == 1
    assert "refused 1 of 8 entries (HTTP 400); 1 stored by earlier transactions of this send" in r.err
    assert journal.bytes() == before


def test_a_server_failing_midway_says_what_was_stored(journal, stub, pauses):
    """The Patient and the first 8 Observations go through, then the server fails: the one line
    says 9 entries are there, and that sending again completes it."""
    stub.statuses += ["201"] * 9
    _Stub.down_after = 2
    before = journal.bytes()
    r = journal("send", stub.base)
    assert r.code == 1 and len(r.err.splitlines()) == 2, r.text
    assert "HTTP 500" in r.err and "9 entries of this send were stored before it failed" in r.err
    assert "send again" in r.err and journal.bytes() == before


def test_the_server_text_is_never_echoed(journal, stub):
    """An OperationOutcome may quote the health data sent: only its issue codes are shown."""
    stub.answers.append((422, {}, {"resourceType": "OperationOutcome", "issue": [
        {"severity": "error", "code": "processing", "diagnostics": "nrs 7 for saddle-numbness is invalid"}]}))
    r = journal("send", stub.base)
    assert r.code == 1 and "HTTP 422: processing" in r.err
    assert "saddle" not in r.err and "nrs 7" not in r.err

