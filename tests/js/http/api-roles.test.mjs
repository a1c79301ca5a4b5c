// Every role against every API endpoint and verb, with the status each
// role must get written out: 403 where the role may see the incident but
// not do this, 404 where it may not know the incident exists (a melder
// guessing another's report, anyone but the CISO and admin guessing a
// confidential one). Bodies are chosen so that an allowed call stops at a
// deterministic answer without changing anything (a stale If-Match, a
// missing member), so the table does not depend on the order it runs in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { answerErrors } from '../lib/openapi.mjs';
import { runCli, startServer } from '../lib/server.mjs';

// The accounts and tokens come from `meldkamer user` and `token`: without
// them in this build there is no one to call the API as.
const skip = (await runCli(['user', '--help'])).code !== 0 && "no 'meldkamer user' command in this build";

const ROLES = ['melder', 'servicedesk', 'behandelaar', 'incidentmanager', 'ciso', 'fg', 'directie', 'auditor', 'admin'];

let srv;
const keys = {};
before(async () => {
  if (skip) return;
  srv = await startServer();
  // own: reported by the melder; other: registered by the service desk;
  // secret: confidential, on no one's team.
  let r = await srv.api('melder', 'POST', '/api/v1/incidents', { title: 'Mijn wachtwoord staat op een briefje' });
  assert.equal(r.status, 201, r.text);
  keys.own = r.json.key;
  r = await srv.api('servicedesk', 'POST', '/api/v1/incidents', { title: 'Phishing bij Burgerzaken' });
  keys.other = r.json.key;
  r = await srv.api('servicedesk', 'POST', '/api/v1/incidents', { title: 'Integriteitsmelding wethouder', confidential: true });
  assert.equal(r.status, 201, r.text);
  keys.secret = r.json.key;
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

// Statuses in ROLES order.
const S = (...s) => s;
// The register.
const register = [
  ['GET', '/api/v1/incidents', undefined, S(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['POST', '/api/v1/incidents', {}, S(422, 422, 422, 422, 422, 422, 422, 403, 422)],
  ['GET', '/api/v1/deadlines', undefined, S(403, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['GET', '/api/v1/search?q=phishing', undefined, S(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['GET', '/api/v1/kpi', undefined, S(403, 403, 403, 403, 200, 403, 200, 200, 200)],
  ['GET', '/api/v1/matrix', undefined, S(403, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['GET', '/api/v1/impact', undefined, S(403, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['GET', '/api/v1/priority', undefined, S(403, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['GET', '/api/v1/chain', undefined, S(403, 403, 403, 403, 200, 403, 403, 200, 200)],
  ['GET', '/api/v1/me', undefined, S(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['GET', '/api/v1/openapi.json', undefined, S(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['GET', '/api/v1/breaches', undefined, S(403, 403, 403, 200, 200, 200, 403, 200, 200)],
];
const STALE = { 'If-Match': '"999"' };
// One incident: the statuses for an incident the role may see.
// (read edit assess phase task log decision, as core/access.c; handling:
// the checklist and decisions, which a melder following a report does not
// read, core/access.h mk_access_sees_handling; bread and bedit are
// breach-read and breach-edit)
const incident = [
  ['GET', '', undefined, undefined, 'read'],
  ['PATCH', '', { title: 'x' }, STALE, 'edit', 412],
  ['POST', '/assessment', { urgency: 'hoog' }, STALE, 'assess', 412],
  ['POST', '/phase', { phase: 'analyse' }, STALE, 'phase', 412],
  ['POST', '/close', undefined, STALE, 'phase', 412],
  ['GET', '/tasks', undefined, undefined, 'handling'],
  ['POST', '/tasks/0.1', { state: 'klaar' }, undefined, 'task', 422],
  ['GET', '/log', undefined, undefined, 'read'],
  ['POST', '/log', { kind: 'note' }, undefined, 'log', 422],
  ['GET', '/log/verify', undefined, undefined, 'read'],
  ['GET', '/decisions', undefined, undefined, 'handling'],
  ['POST', '/decisions', {}, undefined, 'decision', 422],
  ['GET', '/deadlines', undefined, undefined, 'read'],
  ['GET', '/team', undefined, undefined, 'read'],
  ['POST', '/team', { account: 'melder' }, undefined, 'edit', 409],
  ['DELETE', '/team/servicedesk', undefined, undefined, 'edit', 404],
  // The breach (none recorded: a reader gets the 404 naming the breach).
  ['GET', '/breach', undefined, undefined, 'bread', 404],
  ['GET', '/breach/ap-melding', undefined, undefined, 'bread', 404],
  ['PUT', '/breach', { colour: 'rood' }, undefined, 'bedit', 422],
  ['POST', '/breach/notifications', { colour: 'rood' }, undefined, 'bedit', 422],
  ['POST', '/breach/subjects', { colour: 'rood' }, undefined, 'bedit', 422],
];
// Allowed actions per role (core/access.c's table), written out again
// here on purpose: the test must not derive its expectations from the
// code it checks.
const ALLOWED = {
  melder: ['read', 'log'],
  servicedesk: ['read', 'handling', 'edit', 'assess', 'task', 'log', 'bread'],
  behandelaar: ['read', 'handling', 'task', 'log', 'bread'],
  incidentmanager: ['read', 'handling', 'edit', 'assess', 'phase', 'task', 'log', 'decision', 'bread', 'bedit'],
  ciso: ['read', 'handling', 'edit', 'assess', 'phase', 'task', 'log', 'decision', 'bread', 'bedit'],
  fg: ['read', 'handling', 'task', 'log', 'bread', 'bedit'],
  directie: ['read', 'handling', 'decision', 'bread'],
  auditor: ['read', 'handling', 'bread'],
  admin: ['read', 'handling', 'edit', 'assess', 'phase', 'task', 'log', 'decision', 'bread', 'bedit'],
};
// Who may know each incident exists.
const SEES = {
  own: ROLES,
  other: ROLES.filter((r) => r !== 'melder'),
  secret: ['ciso', 'admin'],
};

async function expect(role, method, target, body, headers, status, detail) {
  const r = await srv.api(role, method, target, body, headers);
  assert.equal(r.status, status, `${role} ${method} ${target}: expected ${status}, got ${r.status}: ${r.text}`);
  if (detail) assert.match(r.json?.detail ?? '', detail, `${role} ${method} ${target}`);
  // The answers are documented too, problems included.
  const errors = answerErrors(method, target, r);
  assert.deepEqual(errors, [], `${role} ${method} ${target}`);
  return r;
}

test('every role against every register endpoint', { skip }, async () => {
  for (const [method, target, body, statuses] of register) {
    for (let i = 0; i < ROLES.length; i++) await expect(ROLES[i], method, target, body, {}, statuses[i]);
  }
});

for (const which of ['own', 'other', 'secret']) {
  test(`every role against every endpoint of the ${which} incident`, { skip }, async () => {
    const key = keys[which];
    for (const [method, suffix, body, headers, action, okStatus = 200] of incident) {
      for (const role of ROLES) {
        let status;
        let detail;
        if (!SEES[which].includes(role)) {
          status = 404;
          detail = /^no incident '/;
        } else if (!ALLOWED[role].includes(action)) {
          status = 403;
        } else {
          status = okStatus;
          if (method === 'DELETE') detail = /is not on the team/;
          if (suffix.startsWith('/breach') && method === 'GET') detail = /has no breach record/;
        }
        await expect(role, method, `/api/v1/incidents/${key}${suffix}`, body, headers, status, detail);
      }
    }
  });
}

test('a melder lists and finds only their own reports', { skip }, async () => {
  const list = await srv.api('melder', 'GET', '/api/v1/incidents');
  assert.deepEqual(list.json.items.map((i) => i.key), [keys.own]);
  const other = await srv.api('melder2', 'GET', '/api/v1/incidents');
  assert.deepEqual(other.json.items, []);
  const found = await srv.api('melder', 'GET', '/api/v1/search?q=phishing');
  assert.deepEqual(found.json, []);
  const byKey = await srv.api('melder', 'GET', `/api/v1/search?q=${keys.other}`);
  assert.deepEqual(byKey.json, []);
  // A confidential incident is not in the service desk's list or search.
  const desk = await srv.api('servicedesk', 'GET', '/api/v1/incidents');
  assert.deepEqual(desk.json.items.map((i) => i.key), [keys.other, keys.own]);
  const deskKey = await srv.api('servicedesk', 'GET', `/api/v1/search?q=${keys.secret}`);
  assert.deepEqual(deskKey.json, []);
  const ciso = await srv.api('ciso', 'GET', '/api/v1/incidents');
  assert.deepEqual(ciso.json.items.map((i) => i.key), [keys.secret, keys.other, keys.own]);
  // The register check counts only what the reader may see.
  const chain = await srv.api('auditor', 'GET', '/api/v1/chain');
  assert.equal(chain.json.incidents, 2);
});

test('a melder adds notes to their own report, nothing else', { skip }, async () => {
  const path = `/api/v1/incidents/${keys.own}/log`;
  for (const kind of ['action', 'decision', 'communication']) {
    const r = await srv.api('melder', 'POST', path, { kind, text: 'Besloten: alles uitzetten' });
    assert.equal(r.status, 403, `${kind}: ${r.text}`);
    assert.equal(r.json.field, 'kind');
    assert.equal(r.json.detail, `a melder adds notes only, not kind '${kind}'`);
  }
  const before = await srv.api('incidentmanager', 'GET', path);
  const r = await srv.api('melder', 'POST', path, { kind: 'note', text: 'Het briefje hing bij de printer' });
  assert.equal(r.status, 201, r.text);
  const after = await srv.api('incidentmanager', 'GET', path);
  assert.equal(after.json.length ?? after.json.entries.length, (before.json.length ?? before.json.entries.length) + 1);
});

test("a melder reads the report's own notes, status and communication, not the handling", { skip }, async () => {
  const path = `/api/v1/incidents/${keys.own}/log`;
  let r = await srv.api('incidentmanager', 'POST', path, { kind: 'note', text: 'Interne notitie: melder zelf mogelijk betrokken' });
  assert.equal(r.status, 201, r.text);
  r = await srv.api('incidentmanager', 'POST', path, { kind: 'communication', text: 'Melder gebeld: we kijken ernaar' });
  assert.equal(r.status, 201, r.text);
  const all = await srv.api('incidentmanager', 'GET', path);
  const seen = await srv.api('melder', 'GET', path);
  assert.equal(seen.status, 200);
  const texts = seen.json.map((e) => e.text);
  assert.ok(!texts.includes('Interne notitie: melder zelf mogelijk betrokken'));
  assert.ok(texts.includes('Melder gebeld: we kijken ernaar'));
  assert.deepEqual(seen.json, all.json.filter((e) => e.role === 'melder' || e.kind === 'status' || e.kind === 'communication'));
  const page = await (await srv.login('melder')).request('GET', `/incidenten/${keys.own}`);
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes('melder zelf mogelijk betrokken'));
  assert.ok(page.text.includes('Melder gebeld: we kijken ernaar'));
  assert.ok(!page.text.includes('id="stappenplan"'));
  assert.ok(!page.text.includes('id="besluiten"'));
});

test('naming a hidden incident as parent is answered as a missing one', { skip }, async () => {
  const hidden = await srv.api('servicedesk', 'POST', '/api/v1/incidents', { title: 'x', parent: keys.secret });
  const missing = await srv.api('servicedesk', 'POST', '/api/v1/incidents', { title: 'x', parent: 'MK-2026-9999' });
  assert.equal(hidden.status, 404);
  assert.equal(missing.status, 404);
  assert.equal(hidden.json.field, 'parent');
  assert.equal(hidden.json.detail, `parent incident '${keys.secret}' does not exist`);
  assert.equal(missing.json.detail, "parent incident 'MK-2026-9999' does not exist");
  const etag = (await srv.api('servicedesk', 'GET', `/api/v1/incidents/${keys.other}`)).headers.etag;
  const patch = await srv.api('servicedesk', 'PATCH', `/api/v1/incidents/${keys.other}`, { parent: keys.secret }, { 'If-Match': etag });
  assert.equal(patch.status, 404);
  assert.equal(patch.json.detail, `parent incident '${keys.secret}' does not exist`);
  // The CISO sees it and may hang a sub-incident under it.
  const ciso = await srv.api('ciso', 'POST', '/api/v1/incidents', { title: 'deelincident', parent: keys.secret });
  assert.equal(ciso.status, 201, ciso.text);
  assert.equal(ciso.json.parent, keys.secret);
});

test('a melder says what happened; the service desk judges the rest', { skip }, async () => {
  for (const [field, value] of [['confidential', true], ['reporter_name', 'Iemand Anders'], ['source', 'ids-ips'],
    ['exercise', true], ['parent', keys.own], ['tlp', 'red']]) {
    const r = await srv.api('melder', 'POST', '/api/v1/incidents', { title: 'Vreemde mail', [field]: value });
    assert.equal(r.status, 403, `${field}: ${r.text}`);
    assert.equal(r.json.field, field);
    assert.equal(r.json.detail, `a melder reports what happened; '${field}' is set by the service desk`);
  }
  const r = await srv.api('melder', 'POST', '/api/v1/incidents',
    { title: 'Vreemde mail', description: 'Met een link', reporter_phone: '06-12345678', personal_data: true });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.reporter.name, 'melder');
  assert.equal(r.json.source, 'gebruiker-partner');
  assert.equal(r.json.personal_data, true);
});

test('a place on the team opens a confidential incident', { skip }, async () => {
  let r = await srv.api('incidentmanager', 'GET', `/api/v1/incidents/${keys.secret}`);
  assert.equal(r.status, 404);
  r = await srv.api('ciso', 'POST', `/api/v1/incidents/${keys.secret}/team`, { account: 'incidentmanager' });
  assert.equal(r.status, 201, r.text);
  r = await srv.api('incidentmanager', 'GET', `/api/v1/incidents/${keys.secret}`);
  assert.equal(r.status, 200);
  const dl = await srv.api('incidentmanager', 'GET', '/api/v1/deadlines');
  assert.ok(dl.json.deadlines.some((d) => d.key === keys.secret));
  const fg = await srv.api('fg', 'GET', '/api/v1/deadlines');
  assert.ok(!fg.json.deadlines.some((d) => d.key === keys.secret));
});

test('no credentials: 401 on every endpoint but the document', { skip }, async () => {
  for (const [method, target] of register) {
    const r = await srv.api(null, method, target, method === 'POST' ? {} : undefined);
    assert.equal(r.status, target.endsWith('openapi.json') ? 200 : 401, `${method} ${target}`);
  }
  const r = await srv.api(null, 'GET', `/api/v1/incidents/${keys.other}`);
  assert.equal(r.status, 401);
  const bad = await srv.api('not-a-token-at-all-not-a-token-at-all-00000', 'GET', '/api/v1/me');
  assert.equal(bad.status, 401);
});
