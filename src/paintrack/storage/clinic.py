"""The clinic's FHIR server: the only code in paintrack that uses the network (`paintrack send`).

It talks to one server, the base URL the user gave, and nothing else: no redirects are followed,
no proxy is used, a next-page link to another origin is refused. TLS is verified with the system's
certificate store (`ssl.create_default_context()`; `SSL_CERT_FILE` names a private CA); plain
http is allowed only to this machine (localhost, 127.0.0.1, ::1). A bearer token, when given,
goes only in the Authorization header, never in a message.

Steps of `send`:
1. look the Bundle's identifiers up (one search per resource type, paged, in chunks);
2. compare what the server holds with what the Bundle says: an entry it already holds unchanged
   is not sent (so a second send writes nothing on any server, whatever it does with identical
   PUTs); a changed one is sent as `PUT Type/<its id>`; a new one as the Bundle's conditional PUT;
3. post what is left: a new Patient first, alone (the Observations then name its id), then
   transactions of at most `TRANSACTION_ENTRIES`; count created (201) and updated (200);
4. remove what this journal no longer holds: the identifiers of Observations the journal's
   history shows were deleted, moved to another date or cleared (`retracted`) are looked up, and
   each one found is deleted (`DELETE Observation/<its id>`); identifiers are made from the
   journal's id, so no other journal's data is ever touched.
Every request is retried, at most `RETRIES` times with `BACKOFF`, after a 5xx answer or a network
error: the searches and the PUTs are idempotent, so a retry never doubles anything.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import re
import ssl
import time
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from paintrack import __version__
from paintrack.errors import InputError, PaintrackError

RETRIES = 3
_SAFE_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")  # a FHIR id: never anything else in a request URL
BACKOFF = (0.5, 1.0, 2.0)  # seconds before retry 1, 2, 3
TIMEOUT = 30.0  # seconds for one connection, read or write
MAX_RESPONSE = 64 * 2**20
MAX_PAGES = 200
SEARCH_CHUNK = 50  # identifiers per search request
#: Entries per transaction. A Medplum project with transaction bundles turned on refuses a
#: transaction of more than 8 entries with a conditional update ("requires strict isolation");
#: every PUT is idempotent, so a send cut short is completed by sending again.
TRANSACTION_ENTRIES = 8
LOOPBACK_NAMES = {"localhost"}
FHIR_JSON = "application/fhir+json"
#: Elements a server adds to what it stores (ignored when comparing with the Bundle).
SERVER_ELEMENTS = {"id", "meta"}


def pause(seconds: float) -> None:
    """The wait before a retry (tests replace it)."""
    time.sleep(seconds)


class SendError(PaintrackError):
    """The server could not be reached or refused the request: exit 1, nothing changed locally."""


class _Retryable(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Server:
    """A FHIR server's base URL, checked."""

    scheme: str
    host: str
    port: int
    path: str  # the base path, without a trailing slash ('' or '/fhir/R4')

    @property
    def label(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"

    def same_origin(self, url: str) -> str | None:
        """The request target of `url` when it is on this server (scheme, host, port), else None."""
        parts = urllib.parse.urlsplit(url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return None
        if parts.scheme != self.scheme or (parts.hostname or "").lower() != self.host or port != self.port:
            return None
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_base(url: str) -> Server:
    """The server of `url`: https, or http to this machine only; no user, query or fragment."""
    text = url.strip()
    hint = "give the server's FHIR base URL, e.g. https://fhir.example-clinic.org/fhir/R4"
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError:
        raise InputError("URL is not a valid URL", hint=hint) from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in ("https", "http") or not host:
        raise InputError("URL must start with https:// and name a server", hint=hint)
    if parts.username is not None or parts.password is not None:
        raise InputError("URL must not hold a user name or password",
                         hint="put a bearer token in an environment variable and name it with --token-env")
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise InputError("URL must be the server's FHIR base, without ?query or #fragment", hint=hint)
    if scheme == "http" and not is_loopback(host):
        raise InputError("URL must use https (plain http only to this machine: localhost or 127.0.0.1)",
                         hint="health data never crosses a network unencrypted")
    return Server(scheme, host, port or (443 if scheme == "https" else 80), parts.path.rstrip("/"))


@dataclass
class Counts:
    """What the clinic's FHIR server did with the entries sent."""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


@dataclass
class Clinic:
    """One FHIR server, reached with the standard library's HTTP client."""

    server: Server
    token: str | None = None
    timeout: float = TIMEOUT

    # --- one request, with retries ------------------------------------------------------------

    def request(self, method: str, target: str, body: bytes | None = None,
                content_type: str | None = None) -> dict[str, Any]:
        """The JSON answer of one request to this server (`target` is a path on it), retried
        after a 5xx answer or a network error, at most RETRIES times."""
        reason = ""
        for attempt in range(RETRIES + 1):
            if attempt:
                pause(BACKOFF[min(attempt - 1, len(BACKOFF) - 1)])
            try:
                return self._once(method, target, body, content_type)
            except _Retryable as e:
                reason = e.reason
        raise SendError(f"could not send to {self.server.label}: {reason} ({RETRIES + 1} tries); "
                        "your journal was not changed",
                        hint="check the URL and your connection, and try again later")

    def _once(self, method: str, target: str, body: bytes | None, content_type: str | None) -> dict[str, Any]:
        headers = {"Accept": FHIR_JSON, "User-Agent": f"paintrack/{__version__}"}
        if content_type:
            headers["Content-Type"] = content_type
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        conn = self._connection()
        try:
            conn.request(method, target, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read(MAX_RESPONSE + 1)
            status = response.status
        except ssl.SSLCertVerificationError:
            raise SendError(f"the TLS certificate of {self.server.label} could not be verified; nothing was sent",
                            hint="paintrack sends only over verified TLS; if your clinic uses its own "
                                 "certificate authority, point SSL_CERT_FILE at its certificate") from None
        except ssl.SSLError:
            raise SendError(f"the TLS connection to {self.server.label} failed; nothing was sent",
                            hint="check that the URL is the server's https address") from None
        except ConnectionRefusedError:
            raise _Retryable("connection refused") from None
        except TimeoutError:
            raise _Retryable("no answer in time") from None
        except (OSError, http.client.HTTPException) as e:
            raise _Retryable(f"network error ({type(e).__name__})") from None
        finally:
            conn.close()
        if status >= 500:
            raise _Retryable(f"the server answered HTTP {status}")
        if len(data) > MAX_RESPONSE:
            raise SendError(f"the answer of {self.server.label} is too large", hint="check the URL")
        if status >= 300:
            raise self._refused(status, data)
        try:
            answer = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise SendError(f"the answer of {self.server.label} is not FHIR JSON",
                            hint="check that the URL is the server's FHIR base") from None
        if not isinstance(answer, dict):
            raise SendError(f"the answer of {self.server.label} is not a FHIR resource", hint="check the URL")
        return answer

    def _connection(self) -> http.client.HTTPConnection:
        s = self.server
        if s.scheme == "https":
            return http.client.HTTPSConnection(s.host, s.port, timeout=self.timeout,
                                               context=ssl.create_default_context())
        return http.client.HTTPConnection(s.host, s.port, timeout=self.timeout)

    def _refused(self, status: int, data: bytes) -> SendError:
        where = self.server.label
        if status in (401, 403):
            return SendError(f"{where} refused the request (HTTP {status}): a token is needed, or the one "
                             "given is wrong or not allowed; your journal was not changed",
                             hint="put the token in an environment variable and name it: --token-env VAR")
        if 300 <= status < 400:
            return SendError(f"{where} answered with a redirect (HTTP {status}); paintrack sends only to the "
                             "URL given", hint="give send the server's FHIR base URL itself")
        if status == 404:
            return SendError(f"{where} has no FHIR endpoint at this URL (HTTP 404)",
                             hint="give the server's FHIR base URL (the one its /metadata answers at)")
        codes = _issue_codes(data)
        return SendError(f"{where} refused the request (HTTP {status}{': ' + codes if codes else ''}); "
                         "your journal was not changed", hint="run with --dry-run to see what would be sent")

    # --- FHIR interactions --------------------------------------------------------------------

    def path(self, relative: str) -> str:
        return f"{self.server.path}/{relative}"

    def search(self, resource_type: str, system: str, values: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Every `resource_type` holding one of the identifiers `system|value`, by value."""
        wanted = list(dict.fromkeys(values))
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(wanted), SEARCH_CHUNK):
            chunk = wanted[start:start + SEARCH_CHUNK]
            form = urllib.parse.urlencode({
                "identifier": ",".join(f"{system}|{v}" for v in chunk), "_count": str(len(chunk)),
            }).encode()
            page = self.request("POST", self.path(f"{resource_type}/_search"), form,
                                "application/x-www-form-urlencoded")
            for _ in range(MAX_PAGES):
                for resource in _matches(page, resource_type):
                    for ident in resource.get("identifier") or ():
                        if isinstance(ident, dict) and ident.get("system") == system and ident.get("value") in chunk:
                            found.setdefault(ident["value"], resource)
                next_url = _next_link(page)
                if next_url is None:
                    break
                target = self.server.same_origin(next_url)
                if target is None:
                    raise SendError(f"{self.server.label} pointed its next page at another address; "
                                    "paintrack sends only to the URL given",
                                    hint="give send the base URL the server itself uses")
                page = self.request("GET", target)
        return found

    def transaction(self, bundle: dict[str, Any], stored: int = 0) -> list[dict[str, Any]]:
        """Post a transaction Bundle; each entry's response, in order (all 2xx, else SendError;
        `stored`: how many entries earlier transactions of this send stored)."""
        body = json.dumps(bundle, ensure_ascii=False).encode("utf-8")
        answer = self.request("POST", self.server.path or "/", body, f"{FHIR_JSON}; charset=utf-8")
        entries = answer.get("entry") if answer.get("resourceType") == "Bundle" else None
        if not isinstance(entries, list) or len(entries) != len(bundle["entry"]):
            raise SendError(f"the answer of {self.server.label} is not a transaction-response for the Bundle sent",
                            hint="check that the URL is a FHIR R4 server's base")
        responses: list[dict[str, Any]] = [_response(e) for e in entries]
        failed = [s for s in map(_status, responses) if not 200 <= s < 300]
        if failed:
            before = f"; {stored} stored by earlier transactions of this send" if stored else ""
            raise SendError(f"{self.server.label} refused {len(failed)} of {len(responses)} entries "
                            f"(HTTP {failed[0]}){before}; your journal was not changed",
                            hint="run with --dry-run to see what would be sent")
        return responses


def _issue_codes(data: bytes) -> str:
    """The OperationOutcome's issue codes (a fixed FHIR vocabulary: never the server's text,
    which may quote the health data sent)."""
    try:
        outcome = json.loads(data)
        codes = [str(i.get("code")) for i in outcome.get("issue", []) if isinstance(i, dict) and i.get("code")]
    except (ValueError, AttributeError, TypeError, UnicodeDecodeError):
        return ""
    return ", ".join(c for c in dict.fromkeys(codes) if c.replace("-", "").isalpha())[:80]


def _matches(page: dict[str, Any], resource_type: str) -> list[dict[str, Any]]:
    out = []
    for entry in page.get("entry") or ():
        resource = entry.get("resource") if isinstance(entry, dict) else None
        mode = (entry.get("search") or {}).get("mode", "match") if isinstance(entry, dict) else None
        if isinstance(resource, dict) and resource.get("resourceType") == resource_type and mode == "match":
            out.append(resource)
    return out


def _next_link(page: dict[str, Any]) -> str | None:
    for link in page.get("link") or ():
        if isinstance(link, dict) and link.get("relation") == "next" and isinstance(link.get("url"), str):
            return link["url"]
    return None


def _response(entry: Any) -> dict[str, Any]:
    response = entry.get("response") if isinstance(entry, dict) else None
    return response if isinstance(response, dict) else {}


def _status(response: dict[str, Any]) -> int:
    """The 3-digit code a transaction-response entry's status starts with ('201' or '201 Created')."""
    try:
        return int(str(response["status"]).split()[0])
    except (KeyError, TypeError, ValueError, IndexError):
        return 0


_LOCATION = re.compile(r"(?:^|/)Patient/([A-Za-z0-9\-.]{1,64})(?:/_history/[^/]*)?$")


def _patient_id(response: dict[str, Any]) -> str | None:
    """The id of the Patient a transaction-response entry created or updated (from `location`)."""
    found = _LOCATION.search(str(response.get("location") or ""))
    return found.group(1) if found else None


# --- what to send ---------------------------------------------------------------------------


def contains(stored: Any, ours: Any) -> bool:
    """Whether `stored` says everything `ours` says (a server may add elements, never change ours)."""
    if isinstance(ours, dict):
        return isinstance(stored, dict) and all(k in stored and contains(stored[k], v) for k, v in ours.items())
    if isinstance(ours, list):
        return (isinstance(stored, list) and len(stored) == len(ours)
                and all(contains(s, o) for s, o in zip(stored, ours)))
    if isinstance(ours, bool) or isinstance(stored, bool):
        return type(ours) is type(stored) and ours == stored
    if isinstance(ours, int | float):
        return isinstance(stored, int | float) and stored == ours
    return bool(stored == ours)


def unchanged(stored: dict[str, Any], ours: dict[str, Any]) -> bool:
    """The server already holds `ours`: the same elements (besides id and meta), saying the same,
    and our tags."""
    mine = {k: v for k, v in ours.items() if k not in SERVER_ELEMENTS}
    theirs = {k: v for k, v in stored.items() if k not in SERVER_ELEMENTS}
    if set(theirs) != set(mine) or not contains(theirs, mine):
        return False
    held = {(t.get("system"), t.get("code")) for t in (stored.get("meta") or {}).get("tag") or () if isinstance(t, dict)}
    return all((t["system"], t["code"]) in held for t in (ours.get("meta") or {}).get("tag") or ())


def _identifier(resource: dict[str, Any], system: str) -> str | None:
    for ident in resource.get("identifier") or ():
        if ident.get("system") == system:
            return str(ident["value"])
    return None


def _rewrite(value: Any, old: str, new: str) -> Any:
    """`value` with every reference to `old` pointing at `new`."""
    if isinstance(value, dict):
        if value.get("reference") == old:
            return {**value, "reference": new}
        return {k: _rewrite(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_rewrite(v, old, new) for v in value]
    return value


@dataclass
class Plan:
    """What a send posts: the entries to send, and how many the server already holds unchanged."""

    entries: list[dict[str, Any]]
    unchanged: int


def plan(bundle: dict[str, Any], found: dict[str, dict[str, Any]], system: str) -> Plan:
    """Compare the Bundle with what the server holds (`found`: resources by identifier value)."""
    entries = bundle["entry"]
    patient = next((e for e in entries if e["resource"]["resourceType"] == "Patient"), None)
    old_ref = new_ref = None
    if patient is not None:
        held = found.get(_identifier(patient["resource"], system) or "")
        if held is not None and held.get("id"):
            old_ref, new_ref = patient["fullUrl"], f"Patient/{held['id']}"
    out: list[dict[str, Any]] = []
    same = 0
    for entry in entries:
        resource = entry["resource"]
        if old_ref is not None and new_ref is not None:
            resource = _rewrite(resource, old_ref, new_ref)
        held = found.get(_identifier(resource, system) or "")
        if held is None or not held.get("id"):
            out.append({**entry, "resource": resource})
        elif unchanged(held, resource):
            same += 1
        else:
            kind = resource["resourceType"]
            out.append({"fullUrl": entry["fullUrl"], "resource": {**resource, "id": held["id"]},
                        "request": {"method": "PUT", "url": f"{kind}/{held['id']}"}})
    return Plan(out, same)


def send(clinic: Clinic, bundle: dict[str, Any], system: str, retracted: Iterable[str] = ()) -> Counts:
    """Send what the server lacks and remove the `retracted` Observations it holds (see the
    module docstring); the counts."""
    by_type: dict[str, list[str]] = {}
    for entry in bundle["entry"]:
        resource = entry["resource"]
        ident = _identifier(resource, system)
        if ident is not None:
            by_type.setdefault(resource["resourceType"], []).append(ident)
    found: dict[str, dict[str, Any]] = {}
    for resource_type, values in by_type.items():
        found.update(clinic.search(resource_type, system, values))
    todo = plan(bundle, found, system)
    counts = Counts(unchanged=todo.unchanged)
    entries = todo.entries
    # a new Patient first, alone: the Observations then point at its id, in any later transaction
    new_patient = next((e for e in entries if e["resource"]["resourceType"] == "Patient"
                        and "?" in e["request"]["url"]), None)
    if new_patient is not None:
        (response,) = clinic.transaction({**bundle, "entry": [new_patient]})
        _count(counts, [response])
        patient_id = _patient_id(response)
        if patient_id is None:
            held = clinic.search("Patient", system, [_identifier(new_patient["resource"], system) or ""])
            patient_id = next((r.get("id") for r in held.values() if r.get("id")), None)
        if patient_id is None:
            raise SendError(f"{clinic.server.label} did not say where it stored the Patient",
                            hint="send with --patient-id, the id your clinic gave you")
        entries = [_rewrite(e, new_patient["fullUrl"], f"Patient/{patient_id}")
                   for e in entries if e is not new_patient]
    for start in range(0, len(entries), TRANSACTION_ENTRIES):
        chunk = entries[start:start + TRANSACTION_ENTRIES]
        stored = counts.created + counts.updated
        try:
            _count(counts, clinic.transaction({**bundle, "entry": chunk}, stored))
        except SendError as e:
            if stored and "stored by earlier transactions" not in e.message:
                # a failure after earlier transactions went through: say that some are there
                raise SendError(f"{e.message}; {stored} entries of this send were stored before it failed",
                                hint="send again when the server is back: what is there already is not sent twice"
                                ) from None
            raise
    _remove(clinic, bundle, system, list(retracted), counts)
    return counts


def _remove(clinic: Clinic, bundle: dict[str, Any], system: str, retracted: list[str], counts: Counts) -> None:
    """Delete the Observations the server holds under `retracted` identifiers (none of the Bundle's)."""
    keep = {_identifier(e["resource"], system) for e in bundle["entry"]}
    wanted = [v for v in retracted if v not in keep]
    if not wanted:
        return
    held = clinic.search("Observation", system, wanted)
    deletes = [{"request": {"method": "DELETE", "url": f"Observation/{r['id']}"}}
               for r in held.values() if isinstance(r.get("id"), str) and _SAFE_ID.fullmatch(r["id"])]
    for start in range(0, len(deletes), TRANSACTION_ENTRIES):
        chunk = deletes[start:start + TRANSACTION_ENTRIES]
        clinic.transaction({**bundle, "entry": chunk}, counts.created + counts.updated + counts.removed)
        counts.removed += len(chunk)


def _count(counts: Counts, responses: list[dict[str, Any]]) -> None:
    created = sum(_status(r) == 201 for r in responses)
    counts.created += created
    counts.updated += len(responses) - created
