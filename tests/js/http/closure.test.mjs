// The closure endpoints (doc/closure.md) against a real server: time and
// the cost report to the cent, other costs as exact decimal strings, the
// evaluation after closure with its meeting window, improvement actions,
// the legal hold, the report and iCalendar downloads; who may do each
// (core/access.c) and bad input answered 4xx with nothing written. Every
// answer is checked against data/openapi.json.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkAnswer } from '../lib/openapi.mjs';
import { runCli, startServer } from '../lib/server.mjs';

const skip = (await runCli(['time', '--help'])).code !== 0 && "no 'meldkamer time' command in this build";

let srv;
let key;
let uuid;
const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const DAY = 86400 * 1000;

before(async () => {
  if (skip) return;
  srv = await startServer();
  const r = await srv.api('servicedesk', 'POST', '/api/v1/incidents', {
    title: 'Ransomware <script>alert(1)</script> op de fileserver',
    detected_at: iso(Date.now() - 3600 * 1000), contained_at: iso(Date.now() - 1800 * 1000),
  });
  assert.equal(r.status, 201, r.text);
  key = r.json.key;
  uuid = r.json.uuid;
  const rate = await srv.cli(['rate', 'set', 'behandelaar', '87.50']);
  assert.equal(rate.code, 0, rate.stderr);
  const team = await srv.cli(['team', 'add', key, 'behandelaar']);
  assert.equal(team.code, 0, team.stderr);
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

async function call(role, method, target, body, status) {
  const r = await srv.api(role, method, target, body);
  assert.equal(r.status, status, `${role} ${method} ${target}: ${r.text}`);
  checkAnswer(method, target, r);
  return r;
}
const logCount = async () => (await srv.api('ciso', 'GET', `/api/v1/incidents/${key}/log`)).json.length;

test('time entries at the role rate: 95 min at 87.50 EUR/h is 138.54', { skip }, async () => {
  const r = await call('behandelaar', 'POST', `/api/v1/incidents/${key}/time`,
    { minutes: 95, activity: 'analyse', date: today, note: 'Logs <en> headers' }, 201);
  assert.equal(r.json.person, 'behandelaar');
  assert.equal(r.json.role, 'behandelaar');
  assert.deepEqual(r.json.cost, { amount: '138.54', cents: 13854 });
  assert.deepEqual(r.json.rate, { amount: '87.50', cents: 8750 });
  assert.equal(r.json.date, today);
  const list = await call('auditor', 'GET', `/api/v1/incidents/${key}/time`, undefined, 200);
  assert.deepEqual(list.json.map((e) => [e.minutes, e.cost.cents]), [[95, 13854]]);
});

test('other costs are decimal strings, never JSON numbers', { skip }, async () => {
  const r = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/costs`,
    { kind: 'forensisch', amount: '4840,00', description: 'Factuur Fox-IT 2026-118' }, 201);
  assert.deepEqual([r.json.kind, r.json.amount, r.json.cents], ['forensisch', '4840.00', 484000]);
  const before = await logCount();
  let bad = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/costs`, { kind: 'hardware', amount: 4840.5, description: 'x' }, 422);
  assert.equal(bad.json.field, 'amount');
  bad = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/costs`, { kind: 'hardware', amount: '12.345', description: 'x' }, 422);
  assert.equal(bad.json.detail, "amount '12.345' has more than two decimals: amounts are in whole cents");
  bad = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/costs`, { kind: 'koffie', amount: '1', description: 'x' }, 422);
  assert.equal(bad.json.field, 'kind');
  assert.equal(await logCount(), before, 'nothing written');
  const report = await call('directie', 'GET', `/api/v1/incidents/${key}/cost`, undefined, 200);
  assert.deepEqual(report.json.total, { amount: '4978.54', cents: 497854 });
  assert.deepEqual(report.json.by_role, [{ name: 'behandelaar', minutes: 95, amount: '138.54', cents: 13854 }]);
  assert.deepEqual(report.json.by_kind, [{ name: 'forensisch', amount: '4840.00', cents: 484000 }]);
});

test('bad time entries: 4xx naming the field, nothing written', { skip }, async () => {
  const before = await logCount();
  const cases = [
    [{ minutes: 0, activity: 'analyse', date: today }, 'minutes'],
    [{ minutes: 1441, activity: 'analyse', date: today }, 'minutes'],
    [{ minutes: 5, activity: 'koffie', date: today }, 'activity'],
    [{ minutes: 5, activity: 'analyse' }, 'start'],
    [{ minutes: 5, activity: 'analyse', date: today, start: iso(Date.now()) }, 'start'],
    [{ minutes: 5, activity: 'analyse', date: '2026-02-30' }, 'date'],
    [{ minutes: 5, activity: 'analyse', date: today, colour: 'red' }, 'colour'],
    [{ minutes: '5', activity: 'analyse', date: today }, 'minutes'],
    [{ minutes: 5, activity: 'analyse', date: today, person: 'A\u0007B' }, 'person'],
    [{ minutes: 5, activity: 'analyse', date: today, role: 'baas' }, 'role'],
  ];
  for (const [body, field] of cases) {
    const r = await call('behandelaar', 'POST', `/api/v1/incidents/${key}/time`, body, 422);
    assert.equal(r.json.field, field, JSON.stringify(body));
  }
  let r = await srv.api('behandelaar', 'POST', `/api/v1/incidents/${key}/time`, '{"minutes": 5,', { 'Content-Type': 'application/json' });
  assert.equal(r.status, 400);
  r = await srv.api('behandelaar', 'POST', `/api/v1/incidents/${key}/time`, Buffer.from('{"minutes": 5, "activity": "analyse", "date": "\xff"}', 'latin1'), { 'Content-Type': 'application/json' });
  assert.equal(r.status, 400);
  assert.equal(await logCount(), before);
});

test('who may: time, costs, report, hold (core/access.c)', { skip }, async () => {
  const body = { minutes: 0 };
  const expect = { melder: 404, servicedesk: 422, behandelaar: 422, incidentmanager: 422, ciso: 422, fg: 422, directie: 403, auditor: 403, admin: 422 };
  for (const [role, status] of Object.entries(expect)) await call(role, 'POST', `/api/v1/incidents/${key}/time`, body, status);
  const read = { melder: 404, servicedesk: 403, behandelaar: 403, incidentmanager: 200, ciso: 200, fg: 200, directie: 200, auditor: 200, admin: 200 };
  for (const [role, status] of Object.entries(read)) await call(role, 'GET', `/api/v1/incidents/${key}/cost`, undefined, status);
  const hold = { melder: 404, servicedesk: 403, behandelaar: 403, incidentmanager: 403, ciso: 422, fg: 403, directie: 422, auditor: 403, admin: 422 };
  for (const [role, status] of Object.entries(hold)) await call(role, 'POST', `/api/v1/incidents/${key}/hold`, {}, status);
  const report = { melder: 404, servicedesk: 403, behandelaar: 403, incidentmanager: 200, ciso: 200, fg: 200, directie: 200, auditor: 200, admin: 200 };
  for (const [role, status] of Object.entries(report)) await call(role, 'GET', `/api/v1/incidents/${key}/report`, undefined, status);
});

test("the reporter follows the report, not the team's closing work", { skip }, async () => {
  const own = await srv.api('melder', 'POST', '/api/v1/incidents', { title: 'Mijn laptop is weg' });
  assert.equal(own.status, 201, own.text);
  const r = await call('melder', 'GET', `/api/v1/incidents/${own.json.key}/evaluation`, undefined, 403);
  assert.equal(r.json.detail, "role 'melder' follows the report, not its evaluation");
  await call('melder', 'GET', `/api/v1/incidents/${own.json.key}/cost`, undefined, 403);
  await call('melder', 'GET', `/api/v1/incidents/${own.json.key}/report`, undefined, 403);
  await call('melder', 'POST', `/api/v1/incidents/${own.json.key}/time`, { minutes: 5 }, 403);
});

test('the evaluation waits for closure, then its meeting window holds', { skip }, async () => {
  let r = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/evaluation`, { lessons: 'te vroeg' }, 409);
  assert.equal(r.json.detail, `${key} is not closed: the evaluation comes after closure (meldkamer incident close ${key})`);
  for (const c of ['6.1', '6.2', '6.3', '6.4a', '6.4b', '6.4c', '6.4d', '6.4e', '6.4f']) {
    const t = await srv.cli(['task', 'na', key, c, '--reason', 'nvt']);
    assert.equal(t.code, 0, t.stderr);
  }
  r = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/close`, { reason: 'klaar' }, 200);
  const closed = Date.parse(r.json.times?.closed_at ?? r.json.closed_at);
  r = await call('incidentmanager', 'GET', `/api/v1/incidents/${key}/evaluation`, undefined, 200);
  assert.ok(r.json.window.opens > iso(closed + 13 * DAY) && r.json.window.opens < iso(closed + 15 * DAY));
  r = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/evaluation/meeting`, { at: iso(closed + DAY) }, 409);
  assert.match(r.json.detail, /lies outside its window: between .* and .* \(2 to 6 weeks after closing\)$/);
  r = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/evaluation/meeting`, { at: iso(closed + 20 * DAY), minutes: 60 }, 200);
  assert.deepEqual(r.json.meeting, { at: iso(closed + 20 * DAY), minutes: 60, sequence: 0 });
  r = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/evaluation/meeting`, { at: iso(closed + 20 * DAY), minutes: 10 }, 422);
  assert.equal(r.json.field, 'minutes');
  r = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/evaluation`,
    { lessons: 'MFA eerder', process_review: 'Goed gevolgd', answers: { '7.3b': 'Awareness', '7.4a': 'Ja' } }, 200);
  assert.equal(r.json.lessons, 'MFA eerder');
  assert.deepEqual(r.json.questions.filter((q) => q.answer).map((q) => [q.code, q.answer]), [['7.3b', 'Awareness'], ['7.4a', 'Ja']]);
  r = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/evaluation`, { answers: { '7.9': 'x' } }, 422);
  assert.equal(r.json.detail, "no evaluation question '7.9' (data/evaluation.tsv: 7.3a to 7.6)");
  r = await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/evaluation`, { answers: { '7.3a': 5 } }, 422);
  assert.equal(r.json.field, 'answers');
  await call('incidentmanager', 'POST', `/api/v1/incidents/${key}/evaluation`, {}, 422);
  await call('behandelaar', 'POST', `/api/v1/incidents/${key}/evaluation`, { lessons: 'x' }, 403);

  r = await call('ciso', 'POST', `/api/v1/incidents/${key}/actions`, { what: 'MFA uitrollen', owner: 'Team Werkplek', due: iso(Date.now() + 30 * DAY) }, 201);
  assert.deepEqual(r.json.actions.map((a) => [a.id, a.what, a.done]), [[1, 'MFA uitrollen', false]]);
  r = await call('ciso', 'POST', `/api/v1/incidents/${key}/actions/1/done`, undefined, 200);
  assert.equal(r.json.actions[0].done, true);
  await call('ciso', 'POST', `/api/v1/incidents/${key}/actions/1/done`, undefined, 409);
  await call('ciso', 'POST', `/api/v1/incidents/${key}/actions/x/done`, undefined, 404);
  await call('ciso', 'POST', `/api/v1/incidents/${key}/actions/9/done`, undefined, 404);
  await call('ciso', 'POST', `/api/v1/incidents/${key}/actions`, { what: 'x', owner: 'y', due: iso(Date.now() - 3 * DAY) }, 422);
});

test('legal hold: placed and released with a reason, logged', { skip }, async () => {
  let r = await call('ciso', 'POST', `/api/v1/incidents/${key}/hold`, { reason: 'Aangifte gedaan' }, 200);
  assert.equal(r.json.legal_hold.reason, 'Aangifte gedaan');
  assert.equal(r.json.legal_hold.by, 'ciso');
  r = await call('directie', 'POST', `/api/v1/incidents/${key}/hold`, { reason: 'nogmaals' }, 409);
  assert.equal(r.json.detail, `${key} is under legal hold already`);
  r = await call('ciso', 'POST', `/api/v1/incidents/${key}/hold`, { reason: '' }, 422);
  r = await call('admin', 'POST', `/api/v1/incidents/${key}/hold/release`, { reason: 'Zaak geseponeerd' }, 200);
  assert.equal(r.json.legal_hold, null);
  await call('admin', 'POST', `/api/v1/incidents/${key}/hold/release`, { reason: 'x' }, 409);
  const log = (await srv.api('ciso', 'GET', `/api/v1/incidents/${key}/log`)).json;
  assert.equal(log.at(-1).text, 'Legal hold opgeheven\nReden: Zaak geseponeerd');
});

test('the report and the invitation are downloads', { skip }, async () => {
  let r = await call('auditor', 'GET', `/api/v1/incidents/${key}/report`, undefined, 200);
  assert.match(r.headers['content-type'], /^text\/html; charset=utf-8/);
  assert.equal(r.headers['content-disposition'], `attachment; filename="${key}-rapport.html"`);
  assert.ok(r.text.includes(`<title>Incidentrapport ${key}: Ransomware &lt;script&gt;alert(1)&lt;/script&gt; op de fileserver</title>`));
  assert.ok(!r.text.includes('<script'));
  for (const s of ['gegevens', 'classificatie', 'tijdlijn', 'besluiten', 'checklist', 'bewijs', 'bewijsketen', 'datalek', 'kosten', 'evaluatie', 'bewaren']) {
    assert.ok(r.text.includes(`<section id="${s}"`), s);
  }
  assert.ok(r.text.includes('<tr><th scope="row">Totaal</th><td class="bedrag totaal">€ 4.978,54</td></tr>'));
  assert.ok(r.text.includes('Gemaakt door meldkamer op ') && r.text.includes(' door auditor.'));
  r = await call('incidentmanager', 'GET', `/api/v1/incidents/${key}/evaluation.ics`, undefined, 200);
  assert.equal(r.headers['content-type'], 'text/calendar; charset=utf-8; method=REQUEST');
  assert.equal(r.headers['content-disposition'], `attachment; filename="${key}-evaluatie.ics"`);
  assert.ok(r.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
  assert.ok(r.text.includes(`\r\nUID:evaluatie-${uuid}@meldkamer\r\n`));
  assert.ok(r.text.includes('\r\nMETHOD:REQUEST\r\n'));
  assert.ok(r.text.includes('urn:x-meldkamer:account:behandelaar'));
  await call('behandelaar', 'GET', `/api/v1/incidents/${key}/evaluation.ics`, undefined, 403);
  await call('auditor', 'GET', '/api/v1/incidents/MK-2026-9999/report', undefined, 404);
});
