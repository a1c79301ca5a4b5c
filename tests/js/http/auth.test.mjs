// Authentication, CSRF and access through the real server, with the
// harness's accounts and tokens. The router's every branch is unit-tested
// in tests/http/test-router.c; this checks the same rules end to end over
// the routes of the API and the web UI. A check whose route is not in
// this build (the API or UI table not merged yet) is skipped, saying so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli, startServer } from '../lib/server.mjs';

let srv;
let key; // an incident registered on the command line (no reporter account)
let noAccounts = ''; // why the accounts cannot be made, if they cannot
before(async () => {
  const user = await runCli(['user', '--help']);
  if (user.code !== 0) {
    noAccounts = "no 'meldkamer user' command in this build";
    srv = await startServer({ accounts: false });
    return;
  }
  srv = await startServer();
  const r = await srv.cli(['incident', 'new', '--title', 'Phishing bij Burgerzaken', '--json']);
  assert.equal(r.code, 0, r.stderr);
  key = JSON.parse(r.stdout).key;
});
after(async () => { assert.equal(await srv.stop(), 0, 'the server exits 0 on SIGTERM'); });

// Whether the server has a route at target (not the router's "no page").
async function routed(method, target) {
  if (noAccounts) return false;
  const r = await srv.raw(method, target);
  return !(r.status === 404 && /no page/.test(r.text));
}

test('the API without credentials is 401 with WWW-Authenticate: Bearer', async (t) => {
  if (!(await routed('GET', '/api/v1/incidents'))) return t.skip(noAccounts || 'no API routes in this build');
  const r = await srv.api(null, 'GET', '/api/v1/incidents');
  assert.equal(r.status, 401);
  assert.equal(r.headers['www-authenticate'], 'Bearer realm="meldkamer"');
  assert.equal(r.headers['content-type'], 'application/problem+json');
  assert.equal(r.json.detail, 'authentication required: send Authorization: Bearer TOKEN');
});

test('a bad bearer token is 401 invalid_token', async (t) => {
  if (!(await routed('GET', '/api/v1/incidents'))) return t.skip(noAccounts || 'no API routes in this build');
  for (const token of ['nope', 'A'.repeat(43), srv.tokens.admin + 'x']) {
    const r = await srv.api(token, 'GET', '/api/v1/incidents');
    assert.equal(r.status, 401, token);
    assert.equal(r.headers['www-authenticate'], 'Bearer realm="meldkamer", error="invalid_token"');
    assert.equal(r.json.detail, 'the bearer token is not valid');
  }
});

test('a good token is served and its account is in the access log', async (t) => {
  if (!(await routed('GET', '/api/v1/incidents'))) return t.skip(noAccounts || 'no API routes in this build');
  const r = await srv.api('servicedesk', 'GET', '/api/v1/incidents');
  assert.equal(r.status, 200);
  await new Promise((res) => setTimeout(res, 50));
  assert.match(srv.log(), /^127\.0\.0\.1 servicedesk GET \/api\/v1\/incidents 200 \d+ \d+\.\d{3}ms$/m);
});

test('an incident one may not see is the same 404 as one that does not exist', async (t) => {
  if (!(await routed('GET', `/api/v1/incidents/${key}`))) return t.skip(noAccounts || 'no API routes in this build');
  const hidden = await srv.api('melder', 'GET', `/api/v1/incidents/${key}`);
  assert.equal(hidden.status, 404);
  assert.equal(hidden.json.detail, `no incident '${key}'`);
  const unknown = await srv.api('melder', 'GET', '/api/v1/incidents/MK-2001-0042');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.detail, "no incident 'MK-2001-0042'");
  assert.deepEqual(Object.keys(hidden.json).sort(), Object.keys(unknown.json).sort());
  assert.equal((await srv.api('servicedesk', 'GET', `/api/v1/incidents/${key}`)).status, 200);
});

test('an action the role may not take is 403 naming role and action', async (t) => {
  if (!(await routed('GET', `/api/v1/incidents/${key}`))) return t.skip(noAccounts || 'no API routes in this build');
  const r = await srv.api('auditor', 'POST', '/api/v1/incidents', { title: 'Mag niet' });
  assert.equal(r.status, 403);
  assert.equal(r.json.detail, "role 'auditor' may not incident-create");
  const list = await srv.cli(['incident', 'list', '--json']);
  assert.equal(JSON.parse(list.stdout).incidents.length, 1, 'nothing was written');
});

test('a page without a session redirects to /login?next=PATH', async (t) => {
  const target = `/incidenten/${key}`;
  if (!(await routed('GET', target))) return t.skip(noAccounts || 'no UI routes in this build');
  const r = await srv.raw('GET', target);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, `/login?next=%2Fincidenten%2F${key}`);
});

test('a session POST without the right CSRF token is 403 and changes nothing', async (t) => {
  if (!(await routed('GET', '/login'))) return t.skip(noAccounts || 'no login page in this build');
  const jar = await srv.login('servicedesk');
  assert.ok(jar.csrf, 'the page after the login carries the session CSRF token');
  const before = (await srv.cli(['log', 'list', key, '--json'])).stdout;
  for (const csrf of [undefined, '', 'A'.repeat(43), jar.csrf.slice(1)]) {
    const form = { text: 'Via een vervalst formulier' };
    if (csrf !== undefined) form.csrf = csrf;
    const r = await jar.request('POST', `/incidenten/${key}/logboek`, {
      body: new URLSearchParams(form).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 403, `csrf ${csrf}`);
    assert.match(r.text, /the csrf token is missing or wrong/);
  }
  assert.equal((await srv.cli(['log', 'list', key, '--json'])).stdout, before, 'nothing was written');
  if (!(await routed('GET', '/api/v1/incidents'))) return t.skip('no API routes in this build: the form part passed');
  const api = await jar.request('POST', '/api/v1/incidents', {
    body: JSON.stringify({ title: 'Via de sessie' }), headers: { 'Content-Type': 'application/json' },
  });
  assert.equal(api.status, 403);
  assert.equal(api.json.field, 'csrf');
  assert.equal((await srv.cli(['log', 'list', key, '--json'])).stdout, before, 'nothing was written');
  // With the token (header or field) the same session passes.
  const ok = await jar.request('POST', '/api/v1/incidents', {
    body: JSON.stringify({ title: 'Via de sessie' }),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': jar.csrf },
  });
  assert.equal(ok.status, 201, ok.text);
});
