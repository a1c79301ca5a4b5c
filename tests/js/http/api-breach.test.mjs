// The data-breach endpoints against a real server: the record (PUT/GET),
// the AP life cycle with the 72-hour refusal (409 naming late_reason), the
// subjects decision, the AP draft, the register as JSON and CSV with its
// formula cells neutralised and confidential incidents left out; bad
// input answered with a problem naming the field and nothing written.
// Every answer is checked against data/openapi.json.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { checkAnswer } from '../lib/openapi.mjs';
import { runCli, startServer } from '../lib/server.mjs';

const skip = (await runCli(['user', '--help'])).code !== 0 && "no 'meldkamer user' command in this build";

let srv;
before(async () => { if (!skip) srv = await startServer(); });
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

async function call(role, method, target, body, status) {
  const r = await srv.api(role, method, target, body);
  if (status !== undefined) assert.equal(r.status, status, `${method} ${target}: ${r.text}`);
  checkAnswer(method, target, r);
  return r;
}

const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const now = Date.now();
let key;
let lateKey;

test('PUT /breach records the breach (201), turns personal_data on and logs it', { skip }, async () => {
  const inc = await call('servicedesk', 'POST', '/api/v1/incidents',
    { title: '=HYPERLINK("http://evil.example","klik") USB-stick kwijt', detected_at: iso(now - 3600e3) }, 201);
  key = inc.json.key;
  assert.equal(inc.json.personal_data, false);
  const r = await call('fg', 'PUT', `/api/v1/incidents/${key}/breach`, {
    categories: ['naw', 'bsn'], special_categories: ['gezondheid'], subjects_min: 40, subjects_max: 60,
    risk: 'hoog', risk_reasoning: 'BSN en medische gegevens', encrypted: false, nature: ['gestolen'],
    cause: 'verloren-apparaat',
  }, 201);
  assert.equal(r.json.key, key);
  assert.equal(r.json.aware_at, iso(now - 3600e3), 'aware_at defaults to detected_at');
  assert.equal(r.json.ap_due, iso(now - 3600e3 + 72 * 3600e3), 'exactly 72 elapsed hours later');
  assert.deepEqual(r.json.categories, ['naw', 'bsn']);
  assert.equal(r.json.bsn, true);
  assert.equal(r.json.ap_status, 'niet gemeld');
  assert.deepEqual(r.json.notifications, []);
  const again = await call('fg', 'GET', `/api/v1/incidents/${key}`, undefined, 200);
  assert.equal(again.json.personal_data, true);
  const log = await call('fg', 'GET', `/api/v1/incidents/${key}/log`, undefined, 200);
  assert.match(log.json.at(-1).text, /^Datalek geregistreerd\n/);
  assert.match(log.json.at(-1).text, /\npersonal_data: nee -> ja$/);
  // A change answers 200 with the new version; null clears a member.
  const ch = await call('incidentmanager', 'PUT', `/api/v1/incidents/${key}/breach`, { records: 60, cause: null }, 200);
  assert.equal(ch.json.version, 2);
  assert.equal(ch.json.records, 60);
  assert.equal(ch.json.cause, null);
});

test('PUT /breach refuses bad input with the field named and writes nothing', { skip }, async () => {
  const before = await call('fg', 'GET', `/api/v1/incidents/${key}/breach`, undefined, 200);
  const cases = [
    [{ colour: 'rood' }, 422, 'colour', /unknown member 'colour'/],
    [{ categories: ['naw', 'paspoort'] }, 422, 'categories', /categories 'paspoort' is unknown/],
    [{ categories: [1] }, 422, 'categories', /must be an array of code names/],
    [{ categories: ['naw,bsn'] }, 422, 'categories', /holds a name with a comma/],
    [{ subjects_min: -1 }, 422, 'subjects_min', /is not a count/],
    [{ subjects_min: 1.5 }, 422, 'subjects_min', /has the wrong type/],
    [{ subjects_min: 100 }, 422, 'subjects_max', /subjects_max \(60\) is below subjects_min \(100\)/],
    [{ encrypted: 'soms' }, 422, 'encrypted', /is not ja or nee/],
    [{ risk: 'middel' }, 422, 'risk', /risk 'middel' is unknown: use one of geen, laag, hoog/],
    [{ aware_at: 'gisteren' }, 422, 'aware_at', /aware_at/],
    [{ aware_at: iso(now - 7200e3) }, 422, 'aware_at', /lies before the incident's detected_at/],
    [{ fg_name: 'two\nlines' }, 422, 'fg_name', /fg_name/],
    [{ summary: 'x'.repeat(70000) }, 413, 'summary', /too long/],
    [{ risk: 'laag', risk_reasoning: '' }, 422, 'risk_reasoning', /risk_reasoning is empty/],
  ];
  for (const [body, status, field, detail] of cases) {
    const r = await call('fg', 'PUT', `/api/v1/incidents/${key}/breach`, body, status);
    assert.equal(r.headers['content-type'], 'application/problem+json', JSON.stringify(body));
    assert.equal(r.json.field, field, JSON.stringify(body));
    assert.match(r.json.detail, detail, JSON.stringify(body));
  }
  // Not JSON, a NUL in a string, not an object, invalid UTF-8, the wrong
  // media type.
  let nul = await srv.api('fg', 'PUT', `/api/v1/incidents/${key}/breach`, { summary: 'a\u0000b' });
  assert.equal(nul.status, 400);
  let r = await srv.api('fg', 'PUT', `/api/v1/incidents/${key}/breach`, '{"risk": ', { 'Content-Type': 'application/json' });
  assert.equal(r.status, 400);
  r = await srv.api('fg', 'PUT', `/api/v1/incidents/${key}/breach`, '[1]', { 'Content-Type': 'application/json' });
  assert.equal(r.status, 422);
  r = await srv.api('fg', 'PUT', `/api/v1/incidents/${key}/breach`, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), { 'Content-Type': 'application/json' });
  assert.equal(r.status, 400);
  r = await srv.api('fg', 'PUT', `/api/v1/incidents/${key}/breach`, 'risk=hoog', { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 415);
  const afterwards = await call('fg', 'GET', `/api/v1/incidents/${key}/breach`, undefined, 200);
  assert.deepEqual(afterwards.json, before.json, 'nothing was written');
});

test('POST /breach/notifications: the life cycle and the 72-hour rule', { skip }, async () => {
  const base = `/api/v1/incidents/${key}/breach/notifications`;
  let r = await call('fg', 'POST', base, { kind: 'aanvulling', reference: 'M2026-1' }, 409);
  assert.equal(r.json.field, 'kind');
  r = await call('fg', 'POST', base, { kind: 'voorlopig', reference: 'M2026-1' }, 201);
  assert.equal(r.json.kind, 'voorlopig');
  assert.equal(r.json.late, false);
  assert.equal(r.json.filed_by, 'fg');
  r = await call('fg', 'POST', base, { kind: 'aanvulling', reference: 'M2026-2' }, 409);
  assert.equal(r.json.field, 'reference');
  r = await call('fg', 'POST', base, { kind: 'definitief', reference: 'M2026-1' }, 201);
  r = await call('fg', 'POST', base, { kind: 'definitief', reference: 'M2026-1' }, 409);
  assert.match(r.json.detail, /the final notification was filed already/);
  for (const [body, field] of [[{ kind: 'final', reference: 'x' }, 'kind'], [{ reference: 'x' }, 'kind'],
    [{ kind: 'aanvulling' }, 'reference'], [{ kind: 'aanvulling', reference: 'M 1' }, 'reference'],
    [{ kind: 'aanvulling', reference: 'M2026-1', filed_at: 'morgen' }, 'filed_at'],
    [{ kind: 'aanvulling', reference: 7 }, 'reference'], [{ kind: 'aanvulling', reference: 'M2026-1', x: 1 }, 'x']]) {
    r = await call('fg', 'POST', base, body, 422);
    assert.equal(r.json.field, field, JSON.stringify(body));
  }
  const b = await call('fg', 'GET', `/api/v1/incidents/${key}/breach`, undefined, 200);
  assert.equal(b.json.ap_status, 'definitief gemeld');
  assert.deepEqual(b.json.notifications.map((n) => n.kind), ['voorlopig', 'definitief']);
  const dl = await call('fg', 'GET', `/api/v1/incidents/${key}/deadlines`, undefined, 200);
  const ap = dl.json.find((d) => d.clock === 'ap-72h');
  assert.equal(ap.state, 'met');
  assert.equal(ap.start, iso(now - 3600e3));
});

test('a first notification after the 72 hours without a reason is 409 naming late_reason', { skip }, async () => {
  const detected = now - 73 * 3600e3;
  const inc = await call('servicedesk', 'POST', '/api/v1/incidents',
    { title: 'Mail met dossiers naar verkeerde ontvanger', detected_at: iso(detected), personal_data: true }, 201);
  lateKey = inc.json.key;
  await call('fg', 'PUT', `/api/v1/incidents/${lateKey}/breach`, {}, 201);
  const base = `/api/v1/incidents/${lateKey}/breach/notifications`;
  let r = await call('fg', 'POST', base, { kind: 'definitief', reference: 'M2026-9' }, 409);
  assert.equal(r.json.field, 'late_reason');
  assert.match(r.json.detail, /^late_reason is empty: the notification is filed after the 72 hours \(due \d{4}-\d\d-\d\d \d\d:\d\d CES?T\) and needs the reasons for the delay \(AVG art\. 33\(1\)\)$/);
  r = await call('fg', 'POST', base, { kind: 'definitief', reference: 'M2026-9', late_reason: ' ' }, 409);
  // Filed (by its own account) within the 72 hours: on time.
  r = await call('fg', 'POST', base, { kind: 'definitief', reference: 'M2026-9', filed_at: iso(detected + 72 * 3600e3) }, 201);
  assert.equal(r.json.late, false);
  assert.equal(r.json.filed_at, iso(detected + 72 * 3600e3));
});

test('POST /breach/subjects records the decision', { skip }, async () => {
  const base = `/api/v1/incidents/${lateKey}/breach/subjects`;
  let r = await call('fg', 'POST', base, { decision: false, exception: 'versleuteld' }, 422);
  assert.equal(r.json.field, 'reason');
  r = await call('fg', 'POST', base, { decision: 'misschien' }, 422);
  assert.equal(r.json.field, 'decision');
  r = await call('fg', 'POST', base, { decision: true, channel: 'duif' }, 422);
  assert.equal(r.json.field, 'channel');
  r = await call('fg', 'POST', base, { decision: true, channel: 'email', informed_at: iso(now - 60e3) }, 200);
  assert.equal(r.json.inform.decision, 'ja');
  assert.equal(r.json.inform.channel, 'email');
  assert.equal(r.json.inform.informed_at, iso(now - 60e3));
  r = await call('fg', 'POST', base, { decision: false, exception: 'versleuteld', reason: 'toch niet' }, 409);
  assert.equal(r.json.field, 'decision');
  const inc = await call('fg', 'GET', `/api/v1/incidents/${lateKey}`, undefined, 200);
  assert.equal(inc.json.times.subjects_informed_at, iso(now - 60e3));
});

test('GET /breach/ap-melding is the draft with every question', { skip }, async () => {
  const r = await call('fg', 'GET', `/api/v1/incidents/${lateKey}/breach/ap-melding`, undefined, 200);
  assert.equal(r.json.sections.length, 10);
  assert.equal(r.json.sections.flatMap((s) => s.questions).length, 35);
  const a = Object.fromEntries(r.json.sections.flatMap((s) => s.questions).map((q) => [q.id, q.answer]));
  assert.equal(a['0.3'], 'M2026-9');
  assert.equal(a['1.4'], 'nog invullen');
  assert.equal(a['9.1'], `Intern kenmerk: ${lateKey}`);
});

test('PUT /breach with If-Match: a stale version is 412, nothing overwritten', { skip }, async () => {
  const r = await call('fg', 'GET', `/api/v1/incidents/${key}/breach`, undefined, 200);
  const etag = r.headers.etag;
  assert.match(etag, /^"\d+"$/);
  // Someone else changes it first.
  await call('ciso', 'PUT', `/api/v1/incidents/${key}/breach`, { consequences: 'Door de CISO aangevuld' }, 200);
  const stale = await srv.api('fg', 'PUT', `/api/v1/incidents/${key}/breach`, { consequences: 'Overschreven?' }, { 'If-Match': etag });
  assert.equal(stale.status, 412, stale.text);
  assert.equal(stale.json.field, 'If-Match');
  assert.equal(stale.json.current_version, Number(JSON.parse(etag)) + 1);
  checkAnswer('PUT', `/api/v1/incidents/${key}/breach`, stale);
  const current = await call('fg', 'GET', `/api/v1/incidents/${key}/breach`, undefined, 200);
  assert.equal(current.json.consequences, 'Door de CISO aangevuld');
  const fresh = await srv.api('fg', 'PUT', `/api/v1/incidents/${key}/breach`, { consequences: 'Samen herschreven' },
    { 'If-Match': current.headers.etag });
  assert.equal(fresh.status, 200, fresh.text);
  checkAnswer('PUT', `/api/v1/incidents/${key}/breach`, fresh);
  assert.equal(fresh.json.consequences, 'Samen herschreven');
  assert.equal(fresh.headers.etag, `"${Number(JSON.parse(current.headers.etag)) + 1}"`);
});

test('GET /breaches: the register as JSON and CSV, neutralised, need-to-know', { skip }, async () => {
  const secret = await call('ciso', 'POST', '/api/v1/incidents',
    { title: 'Datalek bij de afdeling HR', confidential: true, detected_at: iso(now - 60e3) }, 201);
  await call('ciso', 'PUT', `/api/v1/incidents/${secret.json.key}/breach`, {}, 201);
  let r = await call('fg', 'GET', '/api/v1/breaches', undefined, 200);
  assert.deepEqual(r.json.items.map((i) => i.key), [key, lateKey], 'the confidential one is left out');
  assert.equal(r.json.items[0].ap_status, 'definitief gemeld');
  assert.equal(r.json.items[0].ap_reference, 'M2026-1');
  r = await call('ciso', 'GET', '/api/v1/breaches', undefined, 200);
  assert.equal(r.json.items.length, 3);
  r = await srv.api('fg', 'GET', '/api/v1/breaches?format=csv');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'text/csv; charset=utf-8');
  const lines = r.text.split('\r\n');
  assert.equal(lines.length, 4, 'heading, two rows, the final CRLF');
  assert.match(lines[0], /^incident,titel,oefening,kennisname,/);
  assert.ok(lines[1].startsWith(`${key},"'=HYPERLINK(""http://evil.example"",""klik"") USB-stick kwijt",nee,`), lines[1]);
  // XLSX: a spreadsheet download whose sheet holds the same neutralised title
  // (read with python's zipfile, as the CLI test does).
  const x = await fetch(`${srv.url}/api/v1/breaches?format=xlsx`, { headers: { Authorization: `Bearer ${srv.tokens.fg}` } });
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(x.headers.get('content-disposition'), 'attachment; filename="datalekkenregister.xlsx"');
  const bytes = Buffer.from(await x.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const file = path.join(srv.dir, 'register.xlsx');
  writeFileSync(file, bytes);
  const sheet = execFileSync('python3', ['-c',
    'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())', file]).toString();
  assert.match(sheet, /<t>'=HYPERLINK\((&quot;|")http:\/\/evil\.example(&quot;|"),(&quot;|")klik(&quot;|")\) USB-stick kwijt<\/t>/);
  assert.ok(!sheet.includes('Datalek bij de afdeling HR'), 'the confidential one is left out');
  r = await call('fg', 'GET', '/api/v1/breaches?format=pdf', undefined, 422);
  assert.equal(r.json.field, 'format');
  assert.equal(r.json.detail, 'format must be json, csv or xlsx');
});
