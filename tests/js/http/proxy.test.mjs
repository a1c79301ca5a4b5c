// Behind a reverse proxy (serve --trusted-proxy ADDR): the client's
// address comes from the last X-Forwarded-For entry, so that login
// throttling and the access log see the person; X-Forwarded-Proto https
// gives the session cookie Secure. From anyone else those headers are
// ignored: a client cannot pick its own address or fake TLS.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PASSWORD, startServer } from '../lib/server.mjs';

let proxied;
let direct;
before(async () => {
  [proxied, direct] = await Promise.all([
    startServer({ args: ['--trusted-proxy', '127.0.0.1'] }),
    startServer(),
  ]);
});
after(async () => {
  assert.equal(await proxied.stop(), 0);
  assert.equal(await direct.stop(), 0);
});

// A login through the form with extra headers on both requests; returns
// the POST's Set-Cookie lines and status.
async function login(srv, name, password, headers) {
  const first = await fetch(srv.url + '/login', { redirect: 'manual', headers });
  const cookies = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const hidden = (await first.text()).match(/name="csrf"\s+value="([^"]+)"/);
  const form = new URLSearchParams({ csrf: hidden ? hidden[1] : '', name, password, next: '/' });
  const res = await fetch(srv.url + '/login', {
    method: 'POST', body: form, redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies, ...headers },
  });
  await res.text();
  return { status: res.status, cookies: res.headers.getSetCookie() };
}

const forwarded = { 'X-Forwarded-For': '10.9.8.7, 192.0.2.44', 'X-Forwarded-Proto': 'https' };

test('behind the trusted proxy: the forwarded client is logged and the cookie is Secure', async () => {
  const r = await login(proxied, 'servicedesk', PASSWORD, forwarded);
  assert.equal(r.status, 303);
  const session = r.cookies.find((c) => c.startsWith('mk_session='));
  assert.match(session, /; HttpOnly; SameSite=Strict.*; Secure/);
  await new Promise((res) => setTimeout(res, 50));
  assert.match(proxied.log(), /^192\.0\.2\.44 - POST \/login 303 /m);
  // Plain http at the proxy: no Secure.
  const plain = await login(proxied, 'servicedesk', PASSWORD, { 'X-Forwarded-For': '192.0.2.45' });
  assert.doesNotMatch(plain.cookies.find((c) => c.startsWith('mk_session=')), /Secure/);
});

test('throttling counts the forwarded address: one machine does not lock out the rest', async () => {
  const attacker = { 'X-Forwarded-For': '198.51.100.66' };
  for (let i = 0; i < 20; i++) {
    const r = await login(proxied, `gok${i}`, 'verkeerd wachtwoord', attacker);
    assert.equal(r.status, 401, `attempt ${i}`);
  }
  const blocked = await login(proxied, 'ciso', PASSWORD, attacker);
  assert.equal(blocked.status, 429);
  const colleague = await login(proxied, 'ciso', PASSWORD, { 'X-Forwarded-For': '192.0.2.46' });
  assert.equal(colleague.status, 303);
});

test('without --trusted-proxy the headers are ignored', async () => {
  const r = await login(direct, 'servicedesk', PASSWORD, forwarded);
  assert.equal(r.status, 303);
  assert.doesNotMatch(r.cookies.find((c) => c.startsWith('mk_session=')), /Secure/);
  await new Promise((res) => setTimeout(res, 50));
  assert.match(direct.log(), /^127\.0\.0\.1 - POST \/login 303 /m);
  assert.doesNotMatch(direct.log(), /192\.0\.2\.44/);
});

test('a bad --trusted-proxy is a usage error', async () => {
  const r = await direct.cli(['serve', '--trusted-proxy', 'proxy.example.nl']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), "meldkamer serve: --trusted-proxy: 'proxy.example.nl' is not a numeric IPv4 or IPv6 address (see 'meldkamer serve --help')");
});
