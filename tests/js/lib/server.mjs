// Starts `meldkamer serve` on a temporary database for one test file and
// gives the test what it needs to talk to it: an account and an API token
// per role, a client for the JSON API, a cookie jar for the web pages, the
// CLI on the same database, and stop() that reports the server's exit
// status (non-zero under ASan for a leak or a memory error).
//
//   const srv = await startServer();
//   const r = await srv.api('servicedesk', 'GET', '/api/v1/incidents');
//   assert.equal(r.status, 200);
//   assert.equal(await srv.stop(), 0);
//
// The binary is MK_BUILD_ROOT/src/cli/meldkamer (meson sets MK_BUILD_ROOT).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export const PASSWORD = 'correct horse battery staple';

// One account per role, named after it; melder2 is a second melder (to
// see that one melder does not see the other's reports).
export const ACCOUNTS = {
  melder: 'melder',
  melder2: 'melder',
  servicedesk: 'servicedesk',
  behandelaar: 'behandelaar',
  incidentmanager: 'incidentmanager',
  ciso: 'ciso',
  fg: 'fg',
  directie: 'directie',
  auditor: 'auditor',
  admin: 'admin',
};

export function binary() {
  const root = process.env.MK_BUILD_ROOT;
  if (!root) throw new Error('MK_BUILD_ROOT is not set: run the tests through meson test');
  return path.join(root, 'src', 'cli', 'meldkamer');
}

// Runs the CLI: {code, stdout, stderr}. opts.input goes to standard input.
export function runCli(args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary(), args, {
      env: { ...process.env, MELDKAMER_USER: 'test', MELDKAMER_ROLE: 'admin', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    // A command that exits before reading its input is not our failure.
    child.stdin.on('error', () => {});
    child.on('close', (code, signal) => resolve({ code: code ?? 128, signal, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

// A request sent exactly as given (no path normalisation, unlike fetch):
// {status, headers, text, json}.
export function rawRequest(url, method, target, { headers = {}, body } = {}) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname, port: u.port, method, path: target, headers,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode, headers: res.headers, text, json: parseJson(res.headers['content-type'], text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function parseJson(contentType, text) {
  if (!contentType || !/json/.test(contentType) || !text) return undefined;
  try { return JSON.parse(text); } catch { return undefined; }
}

async function answer(res) {
  const text = await res.text();
  const headers = Object.fromEntries(res.headers.entries());
  return { status: res.status, headers, text, json: parseJson(headers['content-type'], text) };
}

// opts: accounts (default true: create ACCOUNTS with tokens), threads
// (default 2), timeout (seconds, default 15), args (more serve options),
// env (more environment for the server).
export async function startServer(opts = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meldkamer-js-'));
  const db = path.join(dir, 'meldkamer.db');
  const cli = (args, o = {}) => runCli(['--db', db, ...args], o);
  const must = async (args, o) => {
    const r = await cli(args, o);
    if (r.code !== 0) throw new Error(`meldkamer ${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
    return r;
  };

  await must(['init']);
  const tokens = {};
  if (opts.accounts !== false) {
    // In parallel: each password hash takes a while (argon2id), and the
    // database's busy timeout queues the writers.
    await Promise.all(Object.entries(ACCOUNTS).map(async ([name, role]) => {
      await must(['user', 'add', name, '--role', role, '--password-stdin'], { input: PASSWORD + '\n' });
      const r = await must(['token', 'add', `test-${name}`, '--user', name]);
      const m = r.stdout.match(/[A-Za-z0-9_-]{43}/);
      if (!m) throw new Error(`meldkamer token add: no token in ${JSON.stringify(r.stdout)}`);
      tokens[name] = m[0];
    }));
  }

  const args = ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--threads', String(opts.threads ?? 2)];
  if (opts.timeout) args.push('--timeout', String(opts.timeout));
  args.push(...(opts.args ?? []));
  // Under ASan (the sanitizer build) a leak or memory error must make the
  // server's exit status non-zero, which stop() reports; without ASan the
  // variable is ignored.
  const env = { ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1', ...process.env, ...opts.env };
  const child = spawn(binary(), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => {
    child.on('close', (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`meldkamer serve did not start: ${stderr}`)), 20000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/meldkamer: serving (http:\/\/\S+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    exited.then((code) => { clearTimeout(timer); reject(new Error(`meldkamer serve exited ${code}: ${stderr}`)); });
  });

  const srv = {
    url,
    db,
    dir,
    tokens,
    process: child,
    cli,
    // The server's standard error so far (the access log).
    log: () => stderr,
    // A JSON API call as role (null: no credentials). body: an object is
    // sent as JSON, a string or Buffer as is.
    async api(role, method, target, body, headers = {}) {
      const h = { ...headers };
      if (role) h.Authorization = `Bearer ${tokens[role] ?? role}`;
      let data = body;
      if (body !== undefined && typeof body === 'object' && !Buffer.isBuffer(body)) {
        data = JSON.stringify(body);
        h['Content-Type'] ??= 'application/json';
      }
      return answer(await fetch(url + target, { method, headers: h, body: data, redirect: 'manual' }));
    },
    raw: (method, target, o) => rawRequest(url, method, target, o),
    // Logs in through the login form as a browser would: GET /login for
    // the login CSRF cookie and hidden field, then POST name, password,
    // csrf and next. Returns a cookie jar: jar.request(method, target,
    // {form, headers, body}) sends the session cookie (and for a form the
    // session's csrf field); jar.csrf holds the session's CSRF token,
    // scraped from the first page after the login.
    async login(role) {
      const first = await fetch(url + '/login', { redirect: 'manual' });
      const loginCookies = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const hidden = (await first.text()).match(/name="csrf"\s+value="([^"]+)"/);
      const form = new URLSearchParams({ csrf: hidden ? hidden[1] : '', name: role, password: PASSWORD, next: '/' });
      const res = await fetch(url + '/login', {
        method: 'POST', body: form, redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: loginCookies },
      });
      const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
      const session = cookies.find((c) => c.startsWith('mk_session=') && c.length > 'mk_session='.length);
      if (!session) throw new Error(`login as ${role}: status ${res.status}, no mk_session cookie`);
      const jar = {
        cookie: session,
        csrf: '',
        async request(method, target, o = {}) {
          const h = { Cookie: jar.cookie, ...o.headers };
          let data = o.body;
          if (o.form) {
            const f = new URLSearchParams(o.form);
            if (!f.has('csrf') && jar.csrf) f.set('csrf', jar.csrf);
            data = f.toString();
            h['Content-Type'] = 'application/x-www-form-urlencoded';
          }
          return answer(await fetch(url + target, { method, headers: h, body: data, redirect: 'manual' }));
        },
      };
      const page = await jar.request('GET', res.headers.get('location') || '/');
      const m = page.text.match(/name="csrf"\s+value="([^"]+)"/) || page.text.match(/<meta name="csrf-token" content="([^"]+)"/);
      if (m) jar.csrf = m[1];
      return jar;
    },
    // SIGTERM, then the exit status (0 after a clean stop). The temporary
    // folder goes too unless opts.keep.
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      if (!opts.keep) await rm(dir, { recursive: true, force: true });
      return code;
    },
    exited,
  };
  return srv;
}
