// Every page of the web UI passes axe-core (WCAG 2.0 and 2.1, levels A
// and AA) with no violations, as each role sees it, in Dutch and in
// English, and is kept as a screenshot under $MK_BUILD_ROOT/screenshots/.
// Also: the keyboard reaches the skip link first and it moves focus to
// the content; the page language follows the account's setting.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openBrowser } from '../lib/browser.mjs';
import { runCli, startServer } from '../lib/server.mjs';

let srv;
let skip = '';
let b;
let key;
before(async () => {
  if ((await runCli(['user', '--help'])).code !== 0) {
    skip = "no 'meldkamer user' command in this build";
    return;
  }
  srv = await startServer();
  const as = { env: { MELDKAMER_USER: 'Anna de Vries', MELDKAMER_ROLE: 'servicedesk' } };
  const now = new Date(Date.now() - 30 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  let r = await srv.cli(['incident', 'new', '--title', 'Ransomware-melding op fileserver FS02', '--json',
    '--description', 'De SIEM meldt versleutelde bestanden op \\\\fs02\\afdelingen.', '--source', 'siem-soc',
    '--detected-at', now, '--personal-data', 'ja'], as);
  assert.equal(r.code, 0, r.stderr);
  key = JSON.parse(r.stdout).key;
  r = await srv.cli(['incident', 'assess', key, '--table', 'beheer', '--category', 'Gegevens en gegevensdragers',
    '--incident', 'Diefstal van gegevensdragers', '--impact', 'beschikbaarheid=hoog', '--urgency', 'hoog'], as);
  assert.equal(r.code, 0, r.stderr);
  r = await srv.cli(['log', 'add', key, '--kind', 'action', 'FS02 van het netwerk gehaald'],
    { env: { MELDKAMER_USER: 'Bram Visser', MELDKAMER_ROLE: 'incidentmanager' } });
  assert.equal(r.code, 0, r.stderr);
  r = await srv.cli(['incident', 'new', '--title', 'Phishingmail over een openstaande factuur'], as);
  assert.equal(r.code, 0, r.stderr);
  b = await openBrowser();
});
after(async () => {
  if (b) await b.close();
  if (srv) assert.equal(await srv.stop(), 0, 'the server exits 0 on SIGTERM');
});

async function check(page, target, name, status = 200) {
  const r = await page.goto(srv.url + target);
  assert.equal(r.status(), status, `${target}: status`);
  const lang = await page.locator('html').getAttribute('lang');
  assert.ok(lang === 'nl' || lang === 'en', `${target}: lang`);
  assert.ok((await page.title()).endsWith(' - meldkamer'), `${target}: title`);
  await b.axe(page, target);
  await b.shot(page, name);
}

test('the login page passes axe and the skip link comes first', async (t) => {
  if (skip) return t.skip(skip);
  const page = await b.page();
  await check(page, '/login', 'login');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Naar de inhoud');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.id === 'inhoud');
  // A wrong password: the message is tied to the fields.
  await page.getByLabel('Gebruikersnaam').fill('servicedesk');
  await page.getByLabel('Wachtwoord').fill('not the password at all');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByLabel('Wachtwoord').getAttribute('aria-describedby'), 'login-error');
  await b.axe(page, '/login (refused)');
  await b.shot(page, 'login-fout');
  await page.close();
});

test('the service desk pages pass axe', async (t) => {
  if (skip) return t.skip(skip);
  const page = await b.login(srv.url, 'servicedesk');
  await check(page, '/', 'overzicht-servicedesk');
  await check(page, '/wachtrij', 'wachtrij-leeg-of-vol');
  await check(page, '/incidenten', 'incidenten');
  await check(page, '/incidenten?q=fileserver', 'incidenten-zoeken');
  await check(page, `/incidenten/${key}`, 'incident');
  await check(page, '/melden', 'melden');
  await check(page, '/instellingen', 'instellingen');
  await check(page, '/incidenten/MK-2099-9999', 'niet-gevonden', 404);
  // A refused form: the message at its field passes too.
  await page.goto(`${srv.url}/melden`);
  await page.getByRole('button', { name: 'Melding versturen' }).click(); // empty title: the browser refuses
  await page.evaluate(() => document.querySelector('#f-title').removeAttribute('required'));
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await page.locator('#err-melden-title').waitFor();
  await b.axe(page, '/melden (refused)');
  await b.shot(page, 'melden-fout');
  await page.close();
});

test('the pages of the incident manager, the CISO and a melder pass axe', async (t) => {
  if (skip) return t.skip(skip);
  for (const role of ['incidentmanager', 'ciso', 'melder', 'auditor']) {
    const page = await b.login(srv.url, role);
    await check(page, '/', `overzicht-${role}`);
    if (role === 'ciso') await check(page, '/kpi', 'kpi');
    if (role !== 'melder') await check(page, `/incidenten/${key}`, `incident-${role}`);
    else await check(page, `/incidenten/${key}`, `incident-${role}-verborgen`, 404);
    await page.close();
  }
});

test('English is selectable per account and passes axe', async (t) => {
  if (skip) return t.skip(skip);
  const page = await b.login(srv.url, 'fg');
  await page.goto(srv.url + '/instellingen');
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.getByRole('link', { name: 'Dashboard' }).count(), 1);
  await check(page, '/', 'overzicht-en');
  await check(page, `/incidenten/${key}`, 'incident-en');
  await page.close();
});
