// The intake in the web UI: the Indicatoren section of an incident (type,
// value, TLP, role, the seen-before correlation as links naming only what
// the reader may see, the add form with its refusal at the field) and the
// alert groups (list, one group with its alerts, the promote button with
// CSRF), in Dutch and English, without JavaScript too, each state passing
// axe-core (WCAG 2.0/2.1 A and AA), every value shown as text.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openBrowser } from '../lib/browser.mjs';
import { runCli, startServer } from '../lib/server.mjs';

const root = process.env.MK_SOURCE_ROOT ?? path.resolve(import.meta.dirname, '..', '..', '..');
let srv;
let skip = '';
let b;
const keys = {};
before(async () => {
  if ((await runCli(['user', '--help'])).code !== 0) {
    skip = "no 'meldkamer user' command in this build";
    return;
  }
  srv = await startServer();
  const as = (role) => ({ env: { MELDKAMER_USER: 'Anna de Vries', MELDKAMER_ROLE: role } });
  const must = async (args, role = 'servicedesk') => {
    const r = await srv.cli(args, as(role));
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  // 5 alerts in 3 groups (tests/cli/fixtures/alerts/repeat.jsonl).
  await must(['intake', 'alerts', path.join(root, 'tests', 'cli', 'fixtures', 'alerts', 'repeat.jsonl')]);
  keys.phish = await must(['incident', 'new', '--title', 'Phishing: <script>alert(1)</script> factuur']);
  keys.secret = await must(['incident', 'new', '--title', 'Integriteitsmelding', '--confidential', 'ja'], 'ciso');
  keys.other = await must(['alert', 'promote', '1']).then((s) => s.match(/MK-\d{4}-\d{4}/)[0]);
  await must(['observable', 'add', keys.phish, 'domain', 'factuur-betalen.example', '--tlp', 'green']);
  await must(['observable', 'add', keys.phish, 'ip', '203.0.113.7']);
  await must(['observable', 'add', keys.phish, 'url', 'https://factuur-betalen.example/login?a=1&b=%3Cx%3E']);
  await must(['observable', 'add', keys.secret, 'domain', 'factuur-betalen.example'], 'ciso');
  b = await openBrowser();
});
after(async () => {
  if (b) await b.close();
  if (srv) assert.equal(await srv.stop(), 0);
});

async function check(page, target, name, status = 200) {
  const r = await page.goto(srv.url + target);
  assert.equal(r.status(), status, `${target}: status`);
  await b.axe(page, target);
  await b.shot(page, name);
}

test('the Indicatoren section: values as text, correlation as links, only what the reader may see', async (t) => {
  if (skip) return t.skip(skip);
  const page = await b.login(srv.url, 'servicedesk');
  await check(page, `/incidenten/${keys.phish}`, 'indicatoren');
  const section = page.locator('#indicatoren');
  assert.equal(await section.getByRole('heading', { level: 2 }).innerText(), 'Indicatoren');
  const rows = await section.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
  assert.deepEqual(rows, [
    // green here, amber on the confidential one: the shared row keeps the stricter
    ['domain', 'factuur-betalen.example', 'TLP:amber', 'indicator', 'nergens anders'],
    ['ip', '203.0.113.7', 'TLP:amber', 'indicator', `ook in ${keys.other}, 2 alertgroep(en)`],
    ['url', 'https://factuur-betalen.example/login?a=1&b=%3Cx%3E', 'TLP:amber', 'indicator', 'nergens anders'],
  ]);
  // The links: the incident the service desk may see, and the alert groups.
  assert.equal(await section.getByRole('link', { name: keys.other }).getAttribute('href'), `/incidenten/${keys.other}`);
  assert.equal(await section.getByRole('link', { name: '2 alertgroep(en)' }).getAttribute('href'), '/alertgroepen');
  assert.equal(await section.getByRole('link', { name: keys.secret }).count(), 0);
  await page.close();

  // The CISO may see the confidential one: it is named.
  const ciso = await b.login(srv.url, 'ciso');
  await ciso.goto(`${srv.url}/incidenten/${keys.phish}`);
  assert.equal(await ciso.locator('#indicatoren tbody tr').first().locator('td').last().innerText(), `ook in ${keys.secret}`);
  await ciso.close();
});

test('adding an indicator without JavaScript; a refused one is named at its field', async (t) => {
  if (skip) return t.skip(skip);
  const plain = await openBrowser({ javaScriptEnabled: false });
  try {
    const page = await plain.login(srv.url, 'behandelaar');
    await page.goto(`${srv.url}/incidenten/${keys.phish}`);
    const form = page.locator('#form-indicatoren');
    await form.getByLabel('Soort').selectOption('email');
    await form.getByLabel('Waarde').fill('Info@Factuur-Betalen.Example');
    await form.getByLabel('TLP').selectOption('red');
    await Promise.all([page.waitForURL(/opgeslagen=1#indicatoren/), form.getByRole('button', { name: 'Indicator toevoegen' }).click()]);
    const last = page.locator('#indicatoren tbody tr').last();
    assert.deepEqual(await last.locator('td').allInnerTexts(), ['email', 'info@factuur-betalen.example', 'TLP:red', 'indicator', 'nergens anders']);
    // An address that is none: the message at the value field, the typed value kept.
    await form.getByLabel('Soort').selectOption('ip');
    await form.getByLabel('Waarde').fill('999.1.2.3');
    await form.getByRole('button', { name: 'Indicator toevoegen' }).click();
    const value = page.locator('#f-ind-value');
    await page.locator('#err-indicatoren').waitFor();
    assert.equal(await value.getAttribute('aria-invalid'), 'true');
    assert.equal(await value.inputValue(), '999.1.2.3');
    await plain.shot(page, 'indicatoren-fout-zonder-js');
    await page.close();
  } finally {
    await plain.close();
  }
  // The refused state passes axe (with the script, which axe needs).
  const page = await b.login(srv.url, 'behandelaar');
  await page.goto(`${srv.url}/incidenten/${keys.phish}`);
  const form = page.locator('#form-indicatoren');
  await form.getByLabel('Soort').selectOption('url');
  await form.getByLabel('Waarde').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Indicator toevoegen' }).click();
  await page.locator('#err-indicatoren').waitFor();
  assert.match(await page.locator('#err-indicatoren').innerText(), /javascript/);
  await b.axe(page, 'indicatoren (refused)');
  await b.shot(page, 'indicatoren-fout');
  await page.close();
  // Who may not add one sees no form.
  const fg = await b.login(srv.url, 'fg');
  await fg.goto(`${srv.url}/incidenten/${keys.phish}`);
  assert.equal(await fg.locator('#form-indicatoren').count(), 0);
  assert.equal(await fg.locator('#indicatoren tbody tr').count(), 4);
  await fg.close();
});

test('the alert groups: list, a group, promote with CSRF; nl and en', async (t) => {
  if (skip) return t.skip(skip);
  const page = await b.login(srv.url, 'servicedesk');
  await check(page, '/alertgroepen', 'alertgroepen');
  assert.equal(await page.getByRole('link', { name: 'Alertgroepen' }).getAttribute('aria-current'), 'page');
  const rows = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.cells[0].innerText, tr.cells[2].innerText, tr.cells[7].innerText]));
  assert.deepEqual(rows, [['2', '1', 'nog geen incident'], ['1', '3', keys.other], ['3', '1', 'nog geen incident']]);
  await page.getByRole('link', { name: '2', exact: true }).click();
  await page.waitForURL(/\/alertgroepen\/2$/);
  await b.axe(page, '/alertgroepen/2');
  await b.shot(page, 'alertgroep');
  assert.match(await page.locator('h1').innerText(), /^Alertgroep 2: ET SCAN Potential SSH Scan$/);
  assert.equal(await page.locator('form#form-promoveren input[name="csrf"]').count(), 1);
  await Promise.all([page.waitForURL(/\/incidenten\/MK-\d{4}-\d{4}\?opgeslagen=1/), page.getByRole('button', { name: 'Maak er een incident van' }).click()]);
  assert.equal(await page.locator('h1').innerText(), 'Alert: ET SCAN Potential SSH Scan');
  // Promoted: no button any more, the incident linked.
  await page.goto(`${srv.url}/alertgroepen/2`);
  assert.equal(await page.locator('#form-promoveren').count(), 0);
  // A post without the session's CSRF token is refused and promotes nothing.
  const jar = await srv.login('servicedesk');
  const forged = await jar.request('POST', '/alertgroepen/3/promoveren', { form: { csrf: 'x' } });
  assert.equal(forged.status, 403);
  const list = await srv.cli(['alert', 'show', '3', '--json']);
  assert.equal(JSON.parse(list.stdout).incident, null);
  await check(page, '/alertgroepen/99', 'alertgroep-niet-gevonden', 404);
  await check(page, '/alertgroepen/x', 'alertgroep-geen-nummer', 404);
  await page.close();

  // English.
  const en = await b.login(srv.url, 'incidentmanager');
  await en.goto(`${srv.url}/instellingen`);
  await en.getByRole('radio', { name: 'English' }).check();
  await en.getByRole('button', { name: 'Opslaan' }).click();
  await en.getByRole('status').waitFor();
  await check(en, '/alertgroepen', 'alertgroepen-en');
  assert.equal(await en.locator('h1').innerText(), 'Alert groups');
  await check(en, '/alertgroepen/3', 'alertgroep-en');
  await check(en, `/incidenten/${keys.phish}`, 'indicatoren-en');
  assert.equal(await en.locator('#indicatoren h2').innerText(), 'Indicators');
  await en.close();

  // A promoted group whose incident became confidential: not named.
  const edit = await srv.cli(['incident', 'edit', keys.other, '--confidential', 'ja']);
  assert.equal(edit.code, 0, edit.stderr);
  const desk = await b.login(srv.url, 'servicedesk');
  await check(desk, '/alertgroepen/1', 'alertgroep-verborgen-incident');
  assert.equal(await desk.getByRole('link', { name: keys.other }).count(), 0);
  assert.match(await desk.locator('dl').innerText(), /gepromoveerd \(een incident dat u niet kunt inzien\)/);
  await desk.close();

  // Roles without the alert groups get no link and a 403.
  const melder = await b.login(srv.url, 'melder');
  assert.equal(await melder.getByRole('link', { name: 'Alertgroepen' }).count(), 0);
  const r = await melder.goto(`${srv.url}/alertgroepen`);
  assert.equal(r.status(), 403);
  await melder.close();
});
