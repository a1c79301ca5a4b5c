// The chain of custody over the API: a physical item, a file uploaded as a
// raw body (streamed, its SHA-256 exact), a transfer, the custody log, the
// re-hashing check, the signed archive as a download that `meldkamer
// verify` accepts without a database; bad input refused with the field
// named and nothing written; every role against every evidence endpoint.
// Every JSON answer is checked against data/openapi.json.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { answerErrors, checkAnswer } from '../lib/openapi.mjs';
import { rawRequest, runCli, startServer } from '../lib/server.mjs';

const skip = (await runCli(['evidence', 'list', '--help'])).code !== 0 && "no 'meldkamer evidence' in this build";

let srv;
let key;
let secret;
before(async () => {
  if (skip) return;
  srv = await startServer();
  let r = await srv.api('servicedesk', 'POST', '/api/v1/incidents', { title: 'Ransomware op de fileserver' });
  assert.equal(r.status, 201, r.text);
  key = r.json.key;
  r = await srv.api('servicedesk', 'POST', '/api/v1/incidents', { title: 'Vertrouwelijk', confidential: true });
  secret = r.json.key;
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

async function call(role, method, target, body, headers, status) {
  const r = await srv.api(role, method, target, body, headers);
  if (status !== undefined) assert.equal(r.status, status, `${method} ${target}: ${r.text}`);
  checkAnswer(method, target.split('?')[0], r);
  return r;
}

// 3 MB of varied bytes: more than one chunk, more than the JSON body limit.
const file = Buffer.alloc(3 * 1024 * 1024 + 17);
for (let i = 0; i < file.length; i++) file[i] = (i * 7 + (i >> 11)) & 0xff;
const sha = createHash('sha256').update(file).digest('hex');
const OCTETS = { 'Content-Type': 'application/octet-stream' };

test('a physical item is registered with 201', { skip }, async () => {
  const r = await call('behandelaar', 'POST', `/api/v1/incidents/${key}/evidence`, {
    what: 'Laptop HP EliteBook, serienummer 5CG1234', why: 'Mogelijk besmet',
    location: 'Kluis ICT', storage: 'verzegelde bewijszak', seal: 'ZB-417', collected_at: '2026-01-02T10:00:00Z',
  }, {}, 201);
  assert.equal(r.json.item, 1);
  assert.equal(r.json.kind, 'physical');
  assert.equal(r.json.file, null);
  assert.equal(r.json.seal, 'ZB-417');
  assert.equal(r.json.collected_at, '2026-01-02T10:00:00Z');
  assert.equal(r.json.collected_by, 'behandelaar');
});

test('a file is uploaded as the raw body with its exact SHA-256', { skip }, async () => {
  const q = new URLSearchParams({ what: 'Geheugendump van de server', why: 'Analyse', name: 'mem.raw', media_type: 'application/octet-stream' });
  const r = await call('behandelaar', 'POST', `/api/v1/incidents/${key}/evidence/file?${q}`, file, OCTETS, 201);
  assert.equal(r.json.item, 2);
  assert.equal(r.json.file.sha256, sha);
  assert.equal(r.json.file.size, file.length);
  assert.equal(r.json.file.name, 'mem.raw');
  const stored = await readFile(path.join(`${srv.db}.evidence`, 'sha256', sha.slice(0, 2), sha));
  assert.ok(stored.equals(file), 'the stored copy is the upload byte for byte');
});

test('a transfer is recorded and the custody log lists it', { skip }, async () => {
  const t = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/evidence/1/transfers`,
    { from: 'Kluis ICT', to: 'Politie Eenheid Den Haag', reason: 'Aangifte', receipt: 'PV-4711' }, {}, 201);
  assert.deepEqual({ ...t.json, at: undefined, recorded_at: undefined }, {
    type: 'transfer', item: 1, at: undefined, from: 'Kluis ICT', to: 'Politie Eenheid Den Haag', reason: 'Aangifte',
    receipt: 'PV-4711', recorded_by: 'incidentmanager', recorded_at: undefined, log_seq: 4,
  });
  const log = await call('fg', 'GET', `/api/v1/incidents/${key}/evidence/custody`, undefined, {}, 200);
  assert.equal(log.json.length, 1);
  const items = await call('directie', 'GET', `/api/v1/incidents/${key}/evidence`, undefined, {}, 200);
  assert.deepEqual(items.json.map((i) => [i.item, i.kind]), [[1, 'physical'], [2, 'file']]);
});

test('verify re-hashes and names a changed file', { skip }, async () => {
  let r = await call('auditor', 'GET', `/api/v1/incidents/${key}/evidence/verify`, undefined, {}, 200);
  assert.deepEqual([r.json.checked, r.json.intact, r.json.ok], [1, 1, true]);
  const p = path.join(`${srv.db}.evidence`, 'sha256', sha.slice(0, 2), sha);
  const changed = Buffer.from(file);
  changed[2_000_000] ^= 1;
  await chmod(p, 0o600);
  await writeFile(p, changed);
  r = await call('auditor', 'GET', `/api/v1/incidents/${key}/evidence/verify`, undefined, {}, 200);
  assert.equal(r.json.ok, false);
  assert.equal(r.json.files[0].state, 'changed');
  assert.equal(r.json.files[0].actual_sha256, createHash('sha256').update(changed).digest('hex'));
  // The export refuses to sign what no longer matches.
  const e = await call('ciso', 'POST', `/api/v1/incidents/${key}/evidence/export`, { why: 'Overdracht' }, {}, 500);
  assert.match(e.json.detail, /^item 2 \('Geheugendump van de server'\): the stored file no longer matches its SHA-256/);
  const log = await call('ciso', 'GET', `/api/v1/incidents/${key}/evidence/custody`, undefined, {}, 200);
  assert.equal(log.json.filter((c) => c.action === 'export').length, 0, 'a refused export records nothing');
  await writeFile(p, file);
});

test('the export downloads a signed archive that verify accepts', { skip }, async () => {
  const r = await fetch(`${srv.url}/api/v1/incidents/${key}/evidence/export`, {
    method: 'POST', body: JSON.stringify({ why: 'Overdracht aan de politie' }),
    headers: { Authorization: `Bearer ${srv.tokens.auditor}`, 'Content-Type': 'application/json' },
  });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/x-tar');
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="${key}-evidence.tar"`);
  assert.deepEqual(answerErrors('POST', `/api/v1/incidents/${key}/evidence/export`,
    { status: 200, headers: { 'content-type': 'application/x-tar' }, text: '' }), []);
  const tar = Buffer.from(await r.arrayBuffer());
  const out = path.join(srv.dir, 'download.tar');
  await writeFile(out, tar);
  const key_ = await srv.cli(['key', 'show', '--json']);
  const pk = JSON.parse(key_.stdout).public_key;
  assert.equal(r.headers.get('x-evidence-signed-by'), JSON.parse(key_.stdout).fingerprint);
  const v = await runCli(['verify', out, '--public-key', pk]);
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, new RegExp(`^${out.replaceAll('/', '\\/')}: intact: incident ${key}, 2 items, 1 files \\(${file.length} bytes\\)`));
  const log = await call('auditor', 'GET', `/api/v1/incidents/${key}/evidence/custody`, undefined, {}, 200);
  assert.deepEqual(log.json.filter((c) => c.action === 'export').map((c) => [c.item, c.who, c.via]),
    [[1, 'auditor', 'api'], [2, 'auditor', 'api']]);
});

test('bad input is refused with the field named and nothing written', { skip }, async () => {
  const before = await srv.api('ciso', 'GET', `/api/v1/incidents/${key}`);
  const evidence = `/api/v1/incidents/${key}/evidence`;
  const cases = [
    ['POST', evidence, { why: 'x' }, {}, 422, /'what' is required/],
    ['POST', evidence, { what: 'x', why: 'y', colour: 'red' }, {}, 422, /unknown member 'colour'/],
    ['POST', evidence, { what: 5, why: 'y' }, {}, 422, /'what' must be a string/],
    ['POST', evidence, { what: 'a\u202eb', why: 'y' }, {}, 422, /what/],
    ['POST', evidence, '{"what": "x", "why": "\xff"', { 'Content-Type': 'application/json' }, 400, /./],
    ['POST', evidence, { what: 'x', why: 'y', collected_at: 'gisteren' }, {}, 422, /collected_at/],
    ['POST', `${evidence}/file?what=x&why=y`, 'abc', { 'Content-Type': 'text/plain' }, 415, /application\/octet-stream/],
    ['POST', `${evidence}/file?why=y`, 'abc', OCTETS, 422, /'what' is required/],
    ['POST', `${evidence}/file?what=x&why=y&colour=red`, 'abc', OCTETS, 422, /unknown parameter 'colour'/],
    ['POST', `${evidence}/file?what=x&why=y&name=..%2F..%2Fetc%2Fpasswd`, 'abc', OCTETS, 422, /./],
    ['POST', `${evidence}/file?what=x&why=%FF`, 'abc', OCTETS, 400, /why/],
    ['POST', `${evidence}/9/transfers`, { from: 'a', to: 'b', reason: 'c' }, {}, 404, /no evidence item 9/],
    ['POST', `${evidence}/x/transfers`, { from: 'a', to: 'b', reason: 'c' }, {}, 404, /no such evidence item/],
    ['POST', `${evidence}/1/transfers`, { from: 'a', to: 'a', reason: 'c' }, {}, 422, /someone else than 'a'/],
    ['POST', `${evidence}/export`, {}, {}, 422, /'why' is required/],
  ];
  for (const [m, target, body, headers, status, detail] of cases) {
    const r = await srv.api('ciso', m, target, body, headers);
    assert.equal(r.status, status, `${m} ${target}: ${r.text}`);
    assert.match(r.json?.detail ?? '', detail, `${m} ${target}`);
    assert.deepEqual(answerErrors(m, target.split('?')[0], r), [], `${m} ${target}`);
  }
  const now = await srv.api('ciso', 'GET', `/api/v1/incidents/${key}`);
  assert.equal(now.json.version, before.json.version, 'nothing was written');
  assert.equal(now.json.logbook.entries, before.json.logbook.entries);
});

test('an upload without credentials gets the ordinary body limit', { skip }, async () => {
  // Refused from its Content-Length, before a byte of it is read.
  const r = await rawRequest(srv.url, 'POST', `/api/v1/incidents/${key}/evidence/file?what=x&why=y`,
    { headers: { ...OCTETS, 'Content-Length': String(file.length) } });
  assert.equal(r.status, 413);
  assert.equal(r.json.detail, 'request body over the limit of 262144 bytes');
  const small = await srv.api(null, 'POST', `/api/v1/incidents/${key}/evidence/file?what=x&why=y`, 'abc', OCTETS);
  assert.equal(small.status, 401);
});

// Allowed evidence actions per role (core/access.c's evidence table),
// written out again here on purpose.
const ALLOWED = {
  melder: [], servicedesk: ['read', 'add'], behandelaar: ['read', 'add'],
  incidentmanager: ['read', 'add', 'export'], ciso: ['read', 'add', 'export'], fg: ['read'],
  directie: ['read'], auditor: ['read', 'export'], admin: ['read', 'add', 'export'],
};
// Bodies that stop an allowed call at a deterministic refusal, so the
// walk changes nothing.
const ENDPOINTS = [
  ['GET', '/evidence', undefined, {}, 'read', 200],
  ['POST', '/evidence', { what: 'x' }, {}, 'add', 422],
  ['POST', '/evidence/file?what=x', 'abc', OCTETS, 'add', 422],
  ['GET', '/evidence/custody', undefined, {}, 'read', 200],
  ['GET', '/evidence/verify', undefined, {}, 'read', 200],
  ['POST', '/evidence/export', {}, {}, 'export', 422],
  ['POST', '/evidence/1/transfers', {}, {}, 'add', 422],
];

test('every role against every evidence endpoint', { skip }, async () => {
  for (const [which, k] of [['open', key], ['secret', secret]]) {
    for (const [m, suffix, body, headers, action, okStatus] of ENDPOINTS) {
      for (const role of Object.keys(ALLOWED)) {
        const sees = which === 'open' ? role !== 'melder' : role === 'ciso' || role === 'admin';
        const status = !sees ? 404 : ALLOWED[role].includes(action) ? okStatus : 403;
        const target = `/api/v1/incidents/${k}${suffix}`;
        const r = await srv.api(role, m, target, body, headers);
        assert.equal(r.status, status, `${role} ${m} ${target}: ${r.text}`);
        assert.deepEqual(answerErrors(m, target.split('?')[0], r), [], `${role} ${m} ${target}`);
      }
    }
  }
});
