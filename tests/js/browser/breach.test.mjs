// The "Datalek" section of the incident page, without JavaScript (every
// action a plain form post): the FG records the breach, sees the 72-hour
// clock, files a notification late (refused without a reason, the message
// at the field), then with a reason; records the decision to inform the
// data subjects. Hostile text shows as text; the page passes axe-core in
// Dutch and English, refused form included; screenshots under
// $MK_BUILD_ROOT/screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openBrowser } from '../lib/browser.mjs';
import { runCli, startServer } from '../lib/server.mjs';

let srv;
let skip = '';
let plain; // JavaScript off
let js;    // on, for axe-core (its script cannot run in the other)
let key;
before(async () => {
  if ((await runCli(['user', '--help'])).code !== 0) {
    skip = "no 'meldkamer user' command in this build";
    return;
  }
  srv = await startServer();
  // Detected four days ago: the 72 hours have run out.
  const detected = new Date(Date.now() - 96 * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const r = await srv.cli(['incident', 'new', '--json', '--title', '<script>alert(1)</script> Lijst met BSN\'s gemaild',
    '--detected-at', detected], { env: { MELDKAMER_USER: 'Anna', MELDKAMER_ROLE: 'servicedesk' } });
  assert.equal(r.code, 0, r.stderr);
  key = JSON.parse(r.stdout).key;
  plain = await openBrowser({ javaScriptEnabled: false });
  js = await openBrowser();
});
after(async () => {
  if (plain) await plain.close();
  if (js) await js.close();
  if (srv) assert.equal(await srv.stop(), 0, 'the server exits 0 on SIGTERM');
});

test('the FG works the breach on the incident page: record, late refusal, notification, decision', async (t) => {
  if (skip) return t.skip(skip);
  const page = await js.login(srv.url, 'fg');
  await page.goto(`${srv.url}/incidenten/${key}`);
  const section = page.locator('#datalek');
  assert.match(await section.innerText(), /Er is voor dit incident geen datalek vastgelegd\./);
  await js.axe(page, 'datalek (none)');

  // Record it.
  let form = page.locator('#form-datalek');
  await form.getByRole('group', { name: 'Soorten persoonsgegevens' }).getByLabel('Naam, adres, woonplaats').check();
  await form.getByRole('group', { name: 'Soorten persoonsgegevens' }).getByLabel('Burgerservicenummer (BSN)').check();
  await form.getByLabel('Aantal betrokkenen minimaal').fill('120');
  await form.getByLabel('Aantal betrokkenen maximaal').fill('150');
  await form.getByLabel('Risico voor de betrokkenen').selectOption('hoog');
  await form.getByLabel('Onderbouwing van het risico').fill('BSN\'s met adressen <b>vet</b>');
  await form.getByLabel('Oorzaak').selectOption('verkeerde-ontvanger');
  await Promise.all([page.waitForURL(/opgeslagen=1#datalek$/), form.getByRole('button', { name: 'Opslaan' }).click()]);
  const text = await section.innerText();
  assert.match(text, /Naam, adres, woonplaats, Burgerservicenummer \(BSN\)/);
  assert.match(text, /120 – 150/);
  assert.match(text, /BSN's met adressen <b>vet<\/b>/, 'markup typed in shows as text');
  assert.equal(await section.locator('b').count(), 0);
  assert.match(text, /Nog niet gemeld bij de AP\./);
  // The 72 hours ran out: the clock says so in words.
  const ap = section.locator('table.clocks tr', { hasText: 'Melding aan de AP (72 uur)' });
  assert.match(await ap.innerText(), /te laat/);
  await js.axe(page, 'datalek (recorded)');
  await js.shot(page, 'datalek-vastgelegd');

  // Late without a reason: refused, the message at the field, axe-clean.
  form = page.locator('#form-ap-melding');
  await form.getByLabel('Soort melding').selectOption('voorlopig');
  await form.getByLabel('Meldnummer van de AP').fill('M2026-0042');
  await form.getByRole('button', { name: 'Melding vastleggen' }).click();
  const err = page.locator('#err-ap-melding-late_reason');
  await err.waitFor();
  assert.equal(await err.innerText(), 'de melding komt na de 72 uur: geef de reden van de vertraging (AVG art. 33 lid 1)');
  assert.equal(await page.locator('#b-ap-melding-late_reason').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#b-ap-melding-reference').inputValue(), 'M2026-0042', 'typed values kept');
  await js.axe(page, 'datalek (refused notification)');
  await js.shot(page, 'datalek-te-laat-geweigerd');

  await page.locator('#b-ap-melding-late_reason').fill('Pas na een klacht bleek dat de lijst BSN\'s bevatte');
  await Promise.all([page.waitForURL(/opgeslagen=1#datalek$/), page.locator('#form-ap-melding').getByRole('button', { name: 'Melding vastleggen' }).click()]);
  const rows = section.locator('table.notifications tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /voorlopig.*na de 72 uur.*Pas na een klacht.*M2026-0042.*fg/s);
  assert.match(await section.innerText(), /Status bij de AP: voorlopig gemeld/);

  // Inform the data subjects.
  form = page.locator('#form-betrokkenen');
  await form.getByLabel('ja, informeren').check();
  await form.getByLabel('Kanaal').selectOption('brief');
  await Promise.all([page.waitForURL(/opgeslagen=1#datalek$/), form.getByRole('button', { name: 'Besluit over informeren vastleggen' }).click()]);
  assert.match(await section.innerText(), /ja, informeren, Brief/);
  await js.axe(page, 'datalek (notified, decided)');
  await js.shot(page, 'datalek-gemeld');
  assert.deepEqual(js.dialogs, [], 'no script ran');
  await page.close();
});

test('the section in English passes axe; the service desk reads it, a melder does not see it', async (t) => {
  if (skip) return t.skip(skip);
  const r = await srv.cli(['user', 'lang', 'ciso', 'en']);
  assert.equal(r.code, 0, r.stderr);
  const page = await js.login(srv.url, 'ciso');
  await page.goto(`${srv.url}/incidenten/${key}`);
  const section = page.locator('#datalek');
  assert.equal(await section.locator('h2').innerText(), 'Data breach');
  assert.match(await section.innerText(), /Status with the AP: voorlopig gemeld/);
  await js.axe(page, 'datalek (en)');
  await js.shot(page, 'datalek-en');
  await page.close();

  const desk = await plain.login(srv.url, 'servicedesk');
  await desk.goto(`${srv.url}/incidenten/${key}`);
  assert.equal(await desk.locator('#datalek').count(), 1, 'the service desk reads it');
  assert.equal(await desk.locator('#form-ap-melding').count(), 0, 'but files nothing');
  await desk.close();
});

test('without JavaScript the breach form posts and the page answers', async (t) => {
  if (skip) return t.skip(skip);
  const r = await srv.cli(['incident', 'new', '--json', '--title', 'Dossier in de trein laten liggen'],
    { env: { MELDKAMER_USER: 'Anna', MELDKAMER_ROLE: 'servicedesk' } });
  const k = JSON.parse(r.stdout).key;
  const page = await plain.login(srv.url, 'incidentmanager');
  await page.goto(`${srv.url}/incidenten/${k}`);
  const form = page.locator('#form-datalek');
  await form.getByRole('group', { name: 'Groepen betrokkenen' }).getByLabel('Minderjarigen').check();
  await form.getByLabel('Aantal betrokkenen minimaal').fill('30');
  await form.getByLabel('Aantal betrokkenen maximaal').fill('3');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  // Refused: the message at the field, the ticked box kept.
  await page.locator('#err-datalek-subjects_max').waitFor();
  assert.match(await page.locator('#err-datalek-subjects_max').innerText(), /subjects_max \(3\) is below subjects_min \(30\)/);
  assert.equal(await page.locator('#b-datalek-groups-minderjarigen').isChecked(), true);
  await page.locator('#b-datalek-subjects_max').fill('40');
  await Promise.all([page.waitForURL(/opgeslagen=1#datalek$/), page.locator('#form-datalek').getByRole('button', { name: 'Opslaan' }).click()]);
  assert.match(await page.locator('#datalek').innerText(), /30 – 40/);
  assert.match(await page.locator('#datalek').innerText(), /Minderjarigen/);
  await plain.shot(page, 'datalek-zonder-js');
  await page.close();
  const u = await srv.cli(['breach', 'show', k, '--json']);
  assert.equal(JSON.parse(u.stdout).aware_at !== null, true);
  // A melder who did not report it: 404; the service desk may not post.
  const melder = await srv.api('melder', 'GET', `/api/v1/incidents/${k}/breach`);
  assert.equal(melder.status, 404);
});

test('the register page lists the breach with its cells escaped, offers CSV and XLSX, and passes axe', async (t) => {
  if (skip) return t.skip(skip);
  const page = await js.login(srv.url, 'fg');
  await page.goto(`${srv.url}/datalekken`);
  assert.equal(await page.locator('h1').innerText(), 'Register van datalekken');
  const row = page.locator('table.register tbody tr').first();
  assert.equal(await row.locator('th a').innerText(), key);
  assert.match(await row.innerText(), /<script>alert\(1\)<\/script> Lijst met BSN's gemaild/);
  assert.equal(await page.locator('nav a[href="/datalekken"]').count(), 1);
  await js.axe(page, 'datalekkenregister');
  await js.shot(page, 'datalekkenregister');
  assert.deepEqual(js.dialogs, [], 'no script ran');
  const csv = await page.request.get(`${srv.url}/datalekken/export?format=csv`);
  assert.equal(csv.status(), 200);
  assert.equal(csv.headers()['content-type'], 'text/csv; charset=utf-8');
  assert.ok((await csv.text()).includes(key));
  const xlsx = await page.request.get(`${srv.url}/datalekken/export?format=xlsx`);
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
  await page.close();

  // The service desk does not keep the register: no link, and 403.
  const desk = await plain.login(srv.url, 'servicedesk');
  assert.equal(await desk.locator('nav a[href="/datalekken"]').count(), 0);
  const r = await desk.goto(`${srv.url}/datalekken`);
  assert.equal(r.status(), 403);
  await desk.close();
});
