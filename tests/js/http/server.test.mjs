// The server glue and the router over a real socket: health check, unknown
// paths and methods, limits (body size, query, headers), path traversal on
// /static, security headers and the access log. Tests that need accounts
// are in auth.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ accounts: false }); });
after(async () => { assert.equal(await srv.stop(), 0, 'the server exits 0 on SIGTERM'); });

const problem = (status, detail, field) => {
  const p = { type: 'about:blank', status, title: undefined, detail };
  if (field) p.field = field;
  return p;
};

function assertProblem(r, status, detail, field) {
  assert.equal(r.status, status);
  assert.equal(r.headers['content-type'], 'application/problem+json');
  const want = problem(status, detail, field);
  want.title = r.json.title;
  assert.deepEqual(r.json, want);
}

test('GET /healthz answers 200 ok as text', async () => {
  const r = await srv.raw('GET', '/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.text, 'ok\n');
  assert.equal(r.headers['content-type'], 'text/plain; charset=utf-8');
});

test('HEAD /healthz answers 200 without a body', async () => {
  const r = await srv.raw('HEAD', '/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.text, '');
});

test('every answer carries the security headers and no-store', async () => {
  for (const target of ['/healthz', '/nope', '/api/v1/nope']) {
    const r = await srv.raw('GET', target);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', target);
    assert.equal(r.headers['referrer-policy'], 'same-origin', target);
    assert.equal(r.headers['x-frame-options'], 'DENY', target);
    assert.equal(r.headers['cache-control'], 'no-store', target);
  }
});

test('an unknown path is a 404 problem naming it', async () => {
  assertProblem(await srv.raw('GET', '/nope'), 404, "no page '/nope'");
  assertProblem(await srv.raw('GET', '/api/v1/nope/deeper'), 404, "no page '/api/v1/nope/deeper'");
});

test('an unknown path asked for as HTML is an error page, not JSON', async () => {
  const r = await srv.raw('GET', '/nope', { headers: { Accept: 'text/html' } });
  assert.equal(r.status, 404);
  assert.match(r.headers['content-type'], /^text\/(plain|html)/);
  assert.match(r.text, /no page ('|&#39;|&#x27;)\/nope/);
});

test('a wrong method on a known path is 405 with Allow', async () => {
  const r = await srv.raw('POST', '/healthz', { body: '' });
  assertProblem(r, 405, "method 'POST' is not allowed here: use GET");
  assert.equal(r.headers.allow, 'GET');
  const d = await srv.raw('DELETE', '/healthz');
  assert.equal(d.status, 405);
  assert.equal(d.headers.allow, 'GET');
});

test('a body announced over 262144 bytes is refused with 413 at once', async () => {
  const body = Buffer.alloc(262145, 'a');
  const r = await srv.raw('POST', '/healthz', { body, headers: { 'Content-Type': 'application/json' } });
  assertProblem(r, 413, 'request body over the limit of 262144 bytes', 'body');
  assert.equal((await srv.raw('GET', '/healthz')).status, 200, 'the server still answers');
});

test('a chunked body growing past the limit is refused with 413', async () => {
  const { Readable } = await import('node:stream');
  const chunks = Array.from({ length: 5 }, () => Buffer.alloc(60000, 'b'));
  const r = await fetch(srv.url + '/healthz', {
    method: 'POST', body: Readable.from(chunks), duplex: 'half',
    headers: { 'Content-Type': 'application/json' },
  });
  assert.equal(r.status, 413);
  assert.equal((await r.json()).detail, 'request body over the limit of 262144 bytes');
  assert.equal((await srv.raw('GET', '/healthz')).status, 200, 'the server still answers');
});

test('a body of exactly 262144 bytes is read', async () => {
  const body = Buffer.alloc(262144, 'a');
  const r = await srv.raw('POST', '/healthz', { body });
  assert.equal(r.status, 405, 'past the limit check: the route answers');
});

test('malformed query strings are a 400 problem naming the parameter', async () => {
  assertProblem(await srv.raw('GET', '/healthz?q=%zz'), 400, "'q' has a bad percent escape", 'q');
  assertProblem(await srv.raw('GET', '/healthz?q=%00'), 400, "'q' holds a NUL byte", 'q');
  assertProblem(await srv.raw('GET', '/healthz?q=%ff'), 400, "'q' is not valid UTF-8 (byte 0)", 'q');
  assertProblem(await srv.raw('GET', '/healthz?q=a%01'), 400, "'q' holds control character 0x01", 'q');
});

test('more than 64 query parameters is a 400 problem', async () => {
  const q = Array.from({ length: 65 }, (_, i) => `p${i}=1`).join('&');
  assertProblem(await srv.raw('GET', '/healthz?' + q), 400, 'more than 64 parameters');
  const ok = Array.from({ length: 64 }, (_, i) => `p${i}=1`).join('&');
  assert.equal((await srv.raw('GET', '/healthz?' + ok)).status, 200);
});

test('more than 64 request headers is 431', async () => {
  const headers = {};
  for (let i = 0; i < 70; i++) headers[`X-H${i}`] = '1';
  const r = await srv.raw('GET', '/healthz', { headers });
  assertProblem(r, 431, 'more than 64 request headers', 'headers');
});

test('path traversal on /static is 404', async () => {
  for (const target of ['/static/../meldkamer.db', '/static/%2e%2e%2fmeldkamer.db',
    '/static/..%5cmeldkamer.db', '/static/%2e%2e/meldkamer.db', '/static/..', '/static/a%00b',
    '/static/%2fetc%2fpasswd', '/static/..%2f..%2fmeldkamer.db', '/static/nope.css', '/static/']) {
    const r = await srv.raw('GET', target);
    assert.equal(r.status, 404, target);
    assert.doesNotMatch(r.text, /SQLite/, target);
  }
});

test('the access log has one escaped line per request', async () => {
  await srv.raw('GET', '/healthz?secret=1');
  await srv.raw('GET', '/nope%0a127.0.0.1%20admin%20GET%20/x%20200');
  await srv.raw('GET', '/x"y\\z');
  await srv.raw('GET', '/' + 'x'.repeat(5000));
  await new Promise((r) => setTimeout(r, 50));
  const lines = srv.log().split('\n');
  assert.ok(lines.some((l) => l.startsWith('127.0.0.1 - GET /' + 'x'.repeat(1023) + '... 404 ')),
    'a long path is cut at 1024 bytes and marked');
  assert.ok(lines.some((l) => /^127\.0\.0\.1 - GET \/healthz 200 3 \d+\.\d{3}ms$/.test(l)),
    'address, account, method, path without the query, status, bytes, ms');
  assert.ok(!srv.log().includes('secret'), 'the query is not logged');
  assert.ok(lines.some((l) => l.startsWith('127.0.0.1 - GET /nope%0a127.0.0.1%20admin') && / 404 /.test(l)));
  assert.ok(lines.some((l) => l.startsWith('127.0.0.1 - GET /x\\x22y\\x5cz 404 ')), 'quote and backslash escaped');
  for (const l of lines.filter((x) => x)) {
    assert.match(l, /^(\S+ \S+ \S+ \S+ \d{3} \d+ \d+\.\d{3}ms|meldkamer serve: .*)$/, l);
  }
});

test('a form body that does not decode is a 400 problem naming the field', async () => {
  const form = { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' };
  assertProblem(await srv.raw('POST', '/healthz', { headers: form, body: 'title=%zz' }), 400,
    "'title' has a bad percent escape", 'title');
  assertProblem(await srv.raw('POST', '/healthz', { headers: form, body: 'title=%c3%28' }), 400,
    "'title' is not valid UTF-8 (byte 0)", 'title');
  assertProblem(await srv.raw('POST', '/healthz', { headers: form, body: Buffer.from('title=a\0b') }), 400,
    'the form holds a NUL byte', 'body');
  const many = Array.from({ length: 65 }, (_, i) => `f${i}=1`).join('&');
  assertProblem(await srv.raw('POST', '/healthz', { headers: form, body: many }), 400, 'more than 64 parameters');
  // The same bytes as JSON are not read as a form: the route answers.
  const r = await srv.raw('POST', '/healthz', { headers: { 'Content-Type': 'application/json' }, body: 'title=%zz' });
  assert.equal(r.status, 405);
});

test('a path with too many segments or an undecodable one is 404', async () => {
  assert.equal((await srv.raw('GET', '/a/b/c/d/e/f/g/h/i')).status, 404);
  assert.equal((await srv.raw('GET', '/healthz%ff')).status, 404);
  assert.equal((await srv.raw('GET', '/%68ealthz')).status, 200, 'an escaped letter is the letter');
});

test('HTML answers carry the Content-Security-Policy, others do not need it', async (t) => {
  assert.equal((await srv.raw('GET', '/healthz')).headers['content-security-policy'], undefined);
  const r = await srv.raw('GET', '/login', { headers: { Accept: 'text/html' } });
  if (!/^text\/html/.test(r.headers['content-type'] ?? '')) return t.skip('no HTML page in this build');
  assert.equal(r.headers['content-security-policy'],
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "frame-ancestors 'none'; form-action 'self'");
  assert.equal(r.headers['x-frame-options'], 'DENY');
  assert.equal(r.headers['cache-control'], 'no-store');
});
