// Every endpoint of /api/v1 on its happy path against a real server, with
// exact values (a priority cell, a matrix row's levels, a deadline to the
// second), and every answer checked against data/openapi.json.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkAnswer } from '../lib/openapi.mjs';
import { runCli, startServer } from '../lib/server.mjs';

// The accounts and tokens come from `meldkamer user` and `token`: without
// them in this build there is no one to call the API as.
const skip = (await runCli(['user', '--help'])).code !== 0 && "no 'meldkamer user' command in this build";

let srv;
before(async () => { if (!skip) srv = await startServer(); });
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

// One call, checked against the document; the expected status too.
async function call(role, method, target, body, headers, status) {
  const r = await srv.api(role, method, target, body, headers);
  if (status !== undefined) assert.equal(r.status, status, `${method} ${target}: ${r.text}`);
  checkAnswer(method, target, r);
  return r;
}

// Whole seconds, as the API stores them.
const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const detected = Date.now() - 10 * 60 * 1000;

let key;
let version;

test('POST /incidents registers with 201, Location and ETag', { skip }, async () => {
  const r = await call('servicedesk', 'POST', '/api/v1/incidents', {
    title: 'Phishingmail met link naar nep-DigiD bij Burgerzaken',
    description: 'Drie medewerkers klikten op de link.\nEén vulde gegevens in.',
    reporter_name: 'Piet Jansen',
    reporter_department: 'Burgerzaken',
    source: 'gebruiker-partner',
    personal_data: true,
    detected_at: iso(detected),
  }, {}, 201);
  key = r.json.key;
  assert.match(key, /^MK-\d{4}-0001$/);
  assert.equal(r.headers.location, `/api/v1/incidents/${key}`);
  assert.equal(r.headers.etag, '"1"');
  assert.equal(r.json.reporter.department, 'Burgerzaken');
  assert.equal(r.json.times.detected_at, iso(detected));
  assert.equal(r.json.phase, 'detectie');
  assert.equal(r.json.personal_data, true);
  version = r.json.version;
  assert.equal(version, 1);
});

test('GET /incidents/{key} gives the record and its ETag', { skip }, async () => {
  const r = await call('servicedesk', 'GET', `/api/v1/incidents/${key}`, undefined, {}, 200);
  assert.equal(r.headers.etag, '"1"');
  assert.equal(r.json.title, 'Phishingmail met link naar nep-DigiD bij Burgerzaken');
  assert.equal(r.json.logbook.entries, 1);
  // The key as the CLI takes it: any case, the number without its zeros.
  const [, year, number] = key.match(/^MK-(\d{4})-(\d+)$/);
  const loose = await call('servicedesk', 'GET', `/api/v1/incidents/mk-${year}-${Number(number)}`, undefined, {}, 200);
  assert.equal(loose.json.key, key);
});

test('GET /incidents lists it, with paging', { skip }, async () => {
  await call('servicedesk', 'POST', '/api/v1/incidents', { title: 'Laptop vergeten in de trein' }, {}, 201);
  const r = await call('servicedesk', 'GET', '/api/v1/incidents?limit=1', undefined, {}, 200);
  assert.equal(r.json.items.length, 1);
  assert.equal(r.json.items[0].title, 'Laptop vergeten in de trein');
  assert.match(r.json.next, /^\/api\/v1\/incidents\?before=\d+&limit=1$/);
  const p2 = await call('servicedesk', 'GET', r.json.next, undefined, {}, 200);
  assert.deepEqual(p2.json.items.map((i) => i.key), [key]);
  const p3 = await call('servicedesk', 'GET', p2.json.next, undefined, {}, 200);
  assert.deepEqual(p3.json, { items: [], next: null });
  const open = await call('servicedesk', 'GET', '/api/v1/incidents?open=true', undefined, {}, 200);
  assert.equal(open.json.items.length, 2);
  assert.equal(open.json.next, null);
});

test('PATCH /incidents/{key} with If-Match changes fields', { skip }, async () => {
  const r = await call('servicedesk', 'PATCH', `/api/v1/incidents/${key}`,
    { reporter_phone: '+31 20 555 0100', tlp: 'amber' }, { 'If-Match': '"1"' }, 200);
  assert.equal(r.headers.etag, '"2"');
  assert.equal(r.json.reporter.phone, '+31 20 555 0100');
  assert.equal(r.json.tlp, 'amber');
  version = 2;
});

test('POST /incidents/{key}/assessment classifies: matrix row, impact, urgency, priority', { skip }, async () => {
  const r = await call('servicedesk', 'POST', `/api/v1/incidents/${key}/assessment`, {
    matrix: { table: 'gebruikers', category: 'Opzettelijk foutief handelen', incident: 'Fraude of diefstal' },
    impact: { gegevens: 'midden', reputatie: 'midden' },
    people: 3,
    urgency: 'hoog',
  }, { 'If-Match': `"${version}"` }, 200);
  // impact midden (the highest given; 3 people is laag) x urgency hoog = P2 hoog
  assert.equal(r.json.impact.mensen, 'laag');
  assert.equal(r.json.impact_overall, 'midden');
  assert.equal(r.json.priority, 'P2');
  assert.equal(r.json.priority_label, 'hoog');
  assert.deepEqual(r.json.matrix, { table: 'gebruikers', category: 'Opzettelijk foutief handelen', incident: 'Fraude of diefstal' });
  version = r.json.version;
  assert.equal(r.headers.etag, `"${version}"`);
});

test('GET /priority gives the 9 cells of DESIGN.md', { skip }, async () => {
  const r = await call('auditor', 'GET', '/api/v1/priority', undefined, {}, 200);
  assert.equal(r.json.length, 9);
  assert.deepEqual(r.json[0], { impact: 'hoog', urgency: 'hoog', priority: 'P1', label: 'kritiek' });
  assert.deepEqual(r.json.find((c) => c.impact === 'midden' && c.urgency === 'laag'),
    { impact: 'midden', urgency: 'laag', priority: 'P4', label: 'laag' });
  assert.deepEqual(r.json.find((c) => c.impact === 'laag' && c.urgency === 'hoog'),
    { impact: 'laag', urgency: 'hoog', priority: 'P3', label: 'midden' });
});

test('GET /matrix gives the 75 rows of Bijlage 3 with their levels', { skip }, async () => {
  const r = await call('servicedesk', 'GET', '/api/v1/matrix', undefined, {}, 200);
  assert.equal(r.json.length, 75);
  assert.equal(r.json.filter((x) => x.table === 'gebruikers').length, 32);
  assert.deepEqual(r.json[3], {
    table: 'gebruikers', category: 'Opzettelijk foutief handelen', incident: 'Niet volgen van voorschriften',
    helpdesk: 'X', ciso: 'X', directie: '(X)',
  });
  const trillingen = r.json.find((x) => x.incident === 'Ongewenste trillingen');
  assert.equal(trillingen.category, 'Omstandigheden op de werkplek');
});

test('GET /impact gives the 14 criteria with their Tabel 1 descriptions', { skip }, async () => {
  const r = await call('servicedesk', 'GET', '/api/v1/impact', undefined, {}, 200);
  assert.equal(r.json.length, 14);
  assert.deepEqual(r.json[0], {
    criterion: 'mensen', label: 'Aantal getroffen mensen/medewerkers',
    levels: { laag: 'Minder dan 10', midden: '10 tot 100', hoog: '100 of meer' },
  });
  assert.equal(r.json[13].criterion, 'beschikbaarheid');
});

test('tasks: the checklist, and a task ticked done', { skip }, async () => {
  const list = await call('servicedesk', 'GET', `/api/v1/incidents/${key}/tasks`, undefined, {}, 200);
  assert.equal(list.json[0].code, '0.1');
  assert.equal(list.json[0].state, 'open');
  const r = await call('servicedesk', 'POST', `/api/v1/incidents/${key}/tasks/0.1`,
    { state: 'done', note: 'start 9:40 vastgesteld' }, {}, 200);
  assert.equal(r.json.state, 'done');
  assert.equal(r.json.done_by, 'servicedesk');
  assert.equal(r.json.note, 'start 9:40 vastgesteld');
  const nvt = await call('servicedesk', 'POST', `/api/v1/incidents/${key}/tasks/0.2`,
    { state: 'nvt', reason: 'al vastgelegd bij de melding' }, {}, 200);
  assert.equal(nvt.json.state, 'nvt');
  assert.equal(nvt.json.note, 'al vastgelegd bij de melding');
});

test('log: append, list, and the chain status', { skip }, async () => {
  const r = await call('behandelaar', 'POST', `/api/v1/incidents/${key}/log`,
    { kind: 'action', text: 'Wachtwoord van de medewerker gereset, sessies beëindigd' }, {}, 201);
  assert.equal(r.json.kind, 'action');
  assert.equal(r.json.author, 'behandelaar');
  assert.equal(r.json.role, 'behandelaar');
  const list = await call('behandelaar', 'GET', `/api/v1/incidents/${key}/log`, undefined, {}, 200);
  const last = list.json.at(-1);
  assert.deepEqual(last, r.json);
  for (let i = 1; i < list.json.length; i++) assert.equal(list.json[i].prev_hash, list.json[i - 1].hash);
  const v = await call('auditor', 'GET', `/api/v1/incidents/${key}/log/verify`, undefined, {}, 200);
  assert.deepEqual(v.json, { key, intact: true, entries: list.json.length, head: last.hash, problem: null });
});

test('decisions: a BOBOC decision recorded and listed', { skip }, async () => {
  const uiterlijk = iso(Date.now() + 24 * 3600 * 1000);
  const r = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/decisions`, {
    beeldvorming: 'Eén medewerker vulde DigiD-gegevens in op de nepsite',
    opties: 'Alleen resetten; resetten en melden bij de AP',
    besluit: 'Resetten en de FG laten beoordelen of melden nodig is',
    opdracht: { wie: 'FG', uiterlijk },
    controle: { resultaat: 'open' },
  }, {}, 201);
  assert.equal(r.json.id, 1);
  assert.equal(r.json.opdracht.uiterlijk, uiterlijk);
  assert.equal(r.json.controle.op, uiterlijk);
  assert.equal(r.json.decided_by, 'incidentmanager');
  const list = await call('directie', 'GET', `/api/v1/incidents/${key}/decisions`, undefined, {}, 200);
  assert.deepEqual(list.json, [r.json]);
});

test('deadlines: the golden hour and the AP 72 hours to the second', { skip }, async () => {
  const r = await call('fg', 'GET', `/api/v1/incidents/${key}/deadlines`, undefined, {}, 200);
  const golden = r.json.find((d) => d.clock === 'golden-hour');
  assert.equal(golden.start, iso(detected));
  assert.equal(golden.due, iso(detected + 3600 * 1000));
  assert.equal(golden.state, 'running');
  const ap = r.json.find((d) => d.clock === 'ap-72h');
  assert.equal(ap.due, iso(detected + 72 * 3600 * 1000));
  assert.equal(ap.state, 'running');
  const all = await call('fg', 'GET', '/api/v1/deadlines?limit=5', undefined, {}, 200);
  assert.equal(all.json.overdue, 0);
  const first = all.json.deadlines[0];
  assert.equal(first.key, key);
  assert.equal(first.clock, 'golden-hour');
  assert.equal(first.due, iso(detected + 3600 * 1000));
});

test('search finds by word and by key', { skip }, async () => {
  const r = await call('servicedesk', 'GET', '/api/v1/search?q=digid', undefined, {}, 200);
  assert.deepEqual(r.json.map((i) => i.key), [key]);
  const byKey = await call('servicedesk', 'GET', `/api/v1/search?q=${key}`, undefined, {}, 200);
  assert.equal(byKey.json[0].key, key);
  const logWord = await call('servicedesk', 'GET', '/api/v1/search?q=wachtwoord', undefined, {}, 200);
  assert.deepEqual(logWord.json.map((i) => i.key), [key]);
});

test('KPIs, the chain check and /me', { skip }, async () => {
  const k = await call('ciso', 'GET', '/api/v1/kpi', undefined, {}, 200);
  assert.equal(k.json.incidents, 2);
  assert.equal(k.json.with_personal_data, 1);
  assert.equal(k.json.by_priority.P2, 1);
  assert.equal(k.json.by_priority.none, 1);
  const c = await call('ciso', 'GET', '/api/v1/chain', undefined, {}, 200);
  assert.equal(c.json.incidents, 2);
  assert.equal(c.json.broken, 0);
  assert.deepEqual(c.json.register_problems, []);
  const me = await call('fg', 'GET', '/api/v1/me', undefined, {}, 200);
  assert.deepEqual(me.json, { name: 'fg', display_name: 'fg', role: 'fg', lang: 'nl', auth: 'token' });
});

test('team: add, list, remove', { skip }, async () => {
  const add = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/team`, { account: 'behandelaar' }, {}, 201);
  assert.ok(add.json.includes('behandelaar'));
  const list = await call('servicedesk', 'GET', `/api/v1/incidents/${key}/team`, undefined, {}, 200);
  assert.deepEqual(list.json, add.json);
  const del = await call('incidentmanager', 'DELETE', `/api/v1/incidents/${key}/team/behandelaar`, undefined, {}, 200);
  assert.ok(!del.json.includes('behandelaar'));
});

test('phase and close', { skip }, async () => {
  let r = await call('incidentmanager', 'GET', `/api/v1/incidents/${key}`, undefined, {}, 200);
  r = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/phase`,
    { phase: 'initiatie' }, { 'If-Match': r.headers.etag }, 200);
  assert.equal(r.json.phase, 'initiatie');
  // Closing: containment first, the closing tasks done or n.v.t.
  const second = await call('servicedesk', 'GET', '/api/v1/search?q=laptop', undefined, {}, 200);
  const k2 = second.json[0].key;
  r = await call('incidentmanager', 'PATCH', `/api/v1/incidents/${k2}`,
    { contained_at: iso(Date.now()) }, { 'If-Match': '"1"' }, 200);
  const tasks = await call('incidentmanager', 'GET', `/api/v1/incidents/${k2}/tasks`, undefined, {}, 200);
  for (const t of tasks.json.filter((x) => x.closing)) {
    await call('incidentmanager', 'POST', `/api/v1/incidents/${k2}/tasks/${t.code}`,
      { state: 'nvt', reason: 'laptop teruggevonden' }, {}, 200);
  }
  r = await call('incidentmanager', 'POST', `/api/v1/incidents/${k2}/close`,
    { reason: 'laptop teruggevonden bij NS Gevonden voorwerpen' }, {}, 200);
  assert.equal(r.json.phase, 'afsluiten');
  assert.match(r.json.times.closed_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('GET /openapi.json is public and is the document', { skip }, async () => {
  const r = await srv.api(null, 'GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.json.openapi, '3.1.0');
  assert.ok(r.json.paths['/incidents/{key}/log/verify']);
});
