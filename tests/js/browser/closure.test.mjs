// The closure page (/incidenten/{key}/afsluiting) in headless Chromium:
// axe-core finds no WCAG 2.0/2.1 A or AA violation as the incident
// manager (every form), the CISO (the hold), the auditor (read only), in
// Dutch and in English; the incident manager writes time, proposes the
// meeting, answers a step 7 question and adds an improvement action
// through the forms (plain form posts, no script needed), a meeting outside
// the window is refused with the window named, and a <script> title and
// answer show as text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openBrowser } from '../lib/browser.mjs';
import { runCli, startServer } from '../lib/server.mjs';

let srv;
let skip = '';
let b;
let key;
const DAY = 86400 * 1000;

// Amsterdam wall-clock time at ms, as a datetime-local input takes it.
function amsterdam(ms) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const v = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${v.year}-${v.month}-${v.day}T${v.hour}:${v.minute}`;
}

before(async () => {
  if ((await runCli(['time', '--help'])).code !== 0) {
    skip = "no 'meldkamer time' command in this build";
    return;
  }
  srv = await startServer();
  const as = { env: { MELDKAMER_USER: 'Bram Visser', MELDKAMER_ROLE: 'incidentmanager' } };
  const now = new Date(Date.now() - 60 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  let r = await srv.cli(['incident', 'new', '--title', 'Datalek <script>alert(1)</script> bij Wmo', '--json',
    '--detected-at', now, '--contained-at', now], as);
  assert.equal(r.code, 0, r.stderr);
  key = JSON.parse(r.stdout).key;
  for (const c of ['6.1', '6.2', '6.3', '6.4a', '6.4b', '6.4c', '6.4d', '6.4e', '6.4f']) {
    r = await srv.cli(['task', 'na', key, c, '--reason', 'niet van toepassing'], as);
    assert.equal(r.code, 0, r.stderr);
  }
  r = await srv.cli(['incident', 'close', key, '--reason', 'afgerond'], as);
  assert.equal(r.code, 0, r.stderr);
  r = await srv.cli(['rate', 'set', 'incidentmanager', '95']);
  assert.equal(r.code, 0, r.stderr);
  r = await srv.cli(['team', 'add', key, 'incidentmanager']);
  assert.equal(r.code, 0, r.stderr);
  b = await openBrowser();
});
after(async () => {
  if (b) await b.close();
  if (srv) assert.equal(await srv.stop(), 0, 'the server exits 0 on SIGTERM');
});

test('the incident manager works the closure page with plain forms', async (t) => {
  if (skip) return t.skip(skip);
  const page = await b.login(srv.url, 'incidentmanager');
  await page.goto(`${srv.url}/incidenten/${key}`);
  await page.getByRole('link', { name: 'Tijd, kosten, evaluatie en rapport' }).click();
  await page.waitForURL(`${srv.url}/incidenten/${key}/afsluiting`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(),
    `Afsluiting en evaluatie: ${key} Datalek <script>alert(1)</script> bij Wmo`);
  await b.axe(page, 'afsluiting (incidentmanager)');
  await b.shot(page, 'afsluiting-incidentmanager');

  // Time: 95 minutes at 95.00 EUR/h = 150.42 (150.4166...).
  const time = page.locator('#form-tijd');
  await time.getByLabel('Minuten').fill('95');
  await time.getByLabel('Activiteit').selectOption('analyse');
  await time.getByLabel('Datum').fill(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date()));
  await time.getByLabel('Notitie').fill('Logs <b>doorgenomen</b>');
  await time.getByRole('button', { name: 'Tijd schrijven' }).click();
  await page.getByRole('status').waitFor();
  assert.ok((await page.locator('table.totals').textContent()).includes('€ 150,42'));
  assert.ok((await page.locator('#tijd').textContent()).includes('Logs <b>doorgenomen</b>'));

  // A meeting a day after closing is outside the window: refused, named.
  const meeting = page.locator('#form-vergadering');
  await meeting.getByLabel('Datum en tijd').fill(amsterdam(Date.now() + DAY));
  await meeting.getByRole('button', { name: 'Vergadering voorstellen' }).click();
  const alert = await page.getByRole('alert').textContent();
  assert.match(alert, /lies outside its window: between .* and .* \(2 to 6 weeks after closing\)/);
  await b.axe(page, 'afsluiting (refused meeting)');
  await page.locator('#form-vergadering').getByLabel('Datum en tijd').fill(amsterdam(Date.now() + 20 * DAY));
  await page.locator('#form-vergadering').getByRole('button', { name: 'Vergadering voorstellen' }).click();
  await page.getByRole('status').waitFor();

  const ev = page.locator('#form-evaluatie');
  await ev.getByLabel('Geleerde lessen', { exact: true }).fill('Versleutel <script>x</script> usb-sticks');
  await ev.getByLabel(/^7\.3b /).fill('Eerder MFA');
  await ev.getByRole('button', { name: 'Evaluatie opslaan' }).click();
  await page.getByRole('status').waitFor();
  assert.equal(await page.locator('#form-evaluatie').getByLabel('Geleerde lessen', { exact: true }).inputValue(), 'Versleutel <script>x</script> usb-sticks');

  const act = page.locator('#form-acties');
  await act.getByLabel('Wat').fill('Usb-sticks versleutelen');
  await act.getByLabel('Eigenaar').fill('Team Werkplek');
  await act.getByLabel('Uiterlijk').fill(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + 30 * DAY)));
  await act.getByRole('button', { name: 'Actie toevoegen' }).click();
  await page.getByRole('status').waitFor();
  await page.getByRole('button', { name: 'Actie 1 afgerond' }).click();
  await page.getByRole('status').waitFor();
  assert.ok(await page.getByRole('link', { name: 'Uitnodiging evaluatievergadering (iCalendar)' }).isVisible());
  assert.equal(await page.getByRole('link', { name: 'Incidentrapport (HTML, om af te drukken)' }).getAttribute('href'),
    `/api/v1/incidents/${key}/report`);
  await b.axe(page, 'afsluiting (filled in)');
  await b.shot(page, 'afsluiting-ingevuld');
  const r = await srv.api('incidentmanager', 'GET', `/api/v1/incidents/${key}/evaluation`);
  assert.equal(r.json.lessons, 'Versleutel <script>x</script> usb-sticks');
  assert.deepEqual(r.json.questions.filter((q) => q.answer).map((q) => q.code), ['7.3b']);
  assert.equal(r.json.actions[0].done, true);
  assert.deepEqual(b.dialogs, []);
});

test('the CISO places a legal hold; the auditor only reads; English too', async (t) => {
  if (skip) return t.skip(skip);
  let page = await b.login(srv.url, 'ciso');
  await page.goto(`${srv.url}/incidenten/${key}/afsluiting`);
  await page.locator('#form-bewaarplicht').getByLabel('Reden').fill('Aangifte gedaan');
  await page.getByRole('button', { name: 'Legal hold plaatsen' }).click();
  await page.getByRole('status').waitFor();
  assert.ok((await page.locator('#bewaren').textContent()).includes('Aangifte gedaan'));
  assert.ok(await page.getByRole('button', { name: 'Legal hold opheffen' }).isVisible());
  await b.axe(page, 'afsluiting (ciso, held)');

  page = await b.login(srv.url, 'auditor');
  await page.goto(`${srv.url}/incidenten/${key}/afsluiting`);
  assert.equal(await page.locator('form[method="post"][action*="/afsluiting"], #form-tijd, #form-evaluatie, #form-bewaarplicht').count(), 0);
  assert.ok((await page.locator('#evaluatie').textContent()).includes('Eerder MFA'));
  await b.axe(page, 'afsluiting (auditor)');
  await b.shot(page, 'afsluiting-auditor');

  const lang = await srv.cli(['user', 'lang', 'incidentmanager', 'en']);
  assert.equal(lang.code, 0, lang.stderr);
  page = await b.login(srv.url, 'incidentmanager');
  await page.goto(`${srv.url}/incidenten/${key}/afsluiting`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.ok(await page.getByRole('heading', { name: 'Time and costs' }).isVisible());
  assert.ok(await page.locator('#form-evaluatie').getByLabel(/^7\.3a Why were the data stored/).isVisible());
  await b.axe(page, 'afsluiting (en)');
  await b.shot(page, 'afsluiting-en');
  // A melder who did not report it does not learn it exists.
  page = await b.login(srv.url, 'melder');
  const res = await page.goto(`${srv.url}/incidenten/${key}/afsluiting`);
  assert.equal(res.status(), 404);
});
