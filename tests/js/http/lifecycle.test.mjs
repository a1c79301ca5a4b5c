// Connections over time: a client that stalls is cut off after the
// timeout while others are served, and SIGTERM lets a request in flight
// finish before the process exits 0 with an intact database.
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { runCli, startServer } from '../lib/server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function connect(url) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port) }, () => resolve(s));
    s.on('error', reject);
  });
}

// Everything the socket receives until the server closes it.
function collect(socket) {
  let data = '';
  socket.on('data', (d) => { data += d; });
  return new Promise((resolve) => socket.on('close', () => resolve(data)));
}

test('a client that sends half its headers and stalls is cut off; others are served', async () => {
  const srv = await startServer({ accounts: false, timeout: 1 });
  try {
    const slow = await connect(srv.url);
    const closed = collect(slow);
    const t0 = Date.now();
    slow.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    for (let i = 0; i < 5; i++) {
      const r = await srv.raw('GET', '/healthz');
      assert.equal(r.status, 200, 'served while the slow client waits');
    }
    const got = await Promise.race([closed, sleep(5000).then(() => 'still open')]);
    assert.notEqual(got, 'still open', 'the stalled connection is closed');
    assert.doesNotMatch(got, /200 OK/);
    const waited = Date.now() - t0;
    assert.ok(waited >= 900 && waited < 4000, `closed after ${waited} ms (timeout 1 s)`);
  } finally {
    assert.equal(await srv.stop(), 0);
  }
});

test('an idle keep-alive connection does not hold up the stop', async () => {
  const srv = await startServer({ accounts: false, timeout: 30 });
  const idle = await connect(srv.url);
  idle.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
  await sleep(100);
  const t0 = Date.now();
  assert.equal(await srv.stop(), 0);
  assert.ok(Date.now() - t0 < 5000, 'stopped without waiting for the idle connection');
  idle.destroy();
});

test('SIGTERM while a request is in flight: it completes, the exit is 0, the log verifies', async () => {
  const srv = await startServer({ accounts: false, keep: true });
  const s = await connect(srv.url);
  const reply = collect(s);
  s.write('POST /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n' +
    'Content-Length: 10\r\n\r\nhello');
  await sleep(200);
  srv.process.kill('SIGTERM');
  await sleep(300);
  assert.equal(srv.process.exitCode, null, 'still running while the request is unfinished');
  const refused = await fetch(srv.url + '/healthz').then(() => 'answered', () => 'refused');
  assert.equal(refused, 'refused', 'no new connections after SIGTERM');
  s.write('world');
  const text = await reply;
  assert.match(text, /^HTTP\/1\.1 405 /, 'the request in flight got its answer');
  assert.match(text, /\r\nConnection: close\r\n/i);
  assert.equal(await srv.exited, 0, 'exit 0 after the graceful stop');
  assert.equal(await srv.stop(), 0, 'stop() gives the same status');
  const v = await runCli(['--db', srv.db, 'log', 'verify']);
  assert.equal(v.code, 0, v.stderr);
  await (await import('node:fs/promises')).rm(srv.dir, { recursive: true, force: true });
});

test('serve refuses a bad address with exit 2 and a missing database with a hint', async () => {
  const bad = await runCli(['serve', '--listen', 'localhost']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, "meldkamer serve: 'localhost' is not an address to listen on: use " +
    "ADDR:PORT, such as 127.0.0.1:8080 or [::1]:8080 (see 'meldkamer serve --help')\n");
  for (const a of ['127.0.0.1', '127.0.0.1:', '127.0.0.1:65536', '[::1]8080', '::1:8080', '300.1.1.1:80', '127.0.0.1:8x']) {
    const r = await runCli(['serve', '--listen', a]);
    assert.equal(r.code, 2, a);
    assert.match(r.stderr, /is not an address to listen on/, a);
  }
  const threads = await runCli(['serve', '--threads', '0']);
  assert.equal(threads.code, 2);
  assert.equal(threads.stderr, "meldkamer serve: --threads must be a number from 1 to 64, not '0' (see 'meldkamer serve --help')\n");
  const missing = await runCli(['--db', '/nonexistent/x.db', 'serve', '--listen', '127.0.0.1:0']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no database at '\/nonexistent\/x\.db': create one with 'meldkamer init --db \/nonexistent\/x\.db'/);
});

test('serve listens on [::1] too', async (t) => {
  const probe = net.createServer();
  const v6 = await new Promise((r) => { probe.once('error', () => r(false)); probe.listen(0, '::1', () => { probe.close(); r(true); }); });
  if (!v6) { t.skip('no IPv6 loopback here'); return; }
  const srv = await startServer({ accounts: false, args: ['--listen', '[::1]:0'] });
  try {
    assert.match(srv.url, /^http:\/\/\[::1\]:\d+$/);
    const r = await fetch(srv.url + '/healthz');
    assert.equal(r.status, 200);
  } finally {
    assert.equal(await srv.stop(), 0);
  }
});
