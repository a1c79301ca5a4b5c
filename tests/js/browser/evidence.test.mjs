// The "Bewijsmateriaal" section of the incident page: items and the chain
// of custody as the behandelaar registers a physical item and records a
// transfer through the forms; a refused form keeps its values and ties
// its message to the field; the incident manager downloads the signed
// archive, which `meldkamer verify` accepts. axe-core (WCAG 2.0/2.1 A and
// AA) finds no violations in any of these states, in Dutch and English.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openBrowser } from '../lib/browser.mjs';
import { runCli, startServer } from '../lib/server.mjs';

let srv;
let skip = '';
let b;
let key;
before(async () => {
  if ((await runCli(['evidence', 'list', '--help'])).code !== 0) {
    skip = "no 'meldkamer evidence' command in this build";
    return;
  }
  srv = await startServer();
  const as = { env: { MELDKAMER_USER: 'Anna de Vries', MELDKAMER_ROLE: 'servicedesk' } };
  let r = await srv.cli(['incident', 'new', '--title', 'Laptop met besmetting aangetroffen', '--json'], as);
  assert.equal(r.code, 0, r.stderr);
  key = JSON.parse(r.stdout).key;
  const mail = path.join(srv.dir, 'phish.eml');
  await writeFile(mail, 'Subject: factuur\n\nklik hier\n');
  r = await srv.cli(['evidence', 'add', key, mail, '--what', 'Phishingmail zoals ontvangen', '--why', 'Bewijs',
    '--media-type', 'message/rfc822'], as);
  assert.equal(r.code, 0, r.stderr);
  b = await openBrowser();
});
after(async () => {
  if (b) await b.close();
  if (srv) assert.equal(await srv.stop(), 0);
});

test('the behandelaar registers an item and a transfer; axe passes', async (t) => {
  if (skip) return t.skip(skip);
  const page = await b.login(srv.url, 'behandelaar');
  await page.goto(`${srv.url}/incidenten/${key}#bewijs`);
  const section = page.locator('#bewijs');
  assert.equal(await section.getByRole('heading', { level: 2 }).textContent(), 'Bewijsmateriaal');
  assert.match(await section.locator('table.evidence').textContent(), /Phishingmail zoals ontvangen/);
  await b.axe(page, 'incident with evidence');

  // Refused: what left blank (spaces) keeps the other values.
  const form = page.locator('#form-bewijs');
  await form.getByLabel('Wat', { exact: true }).fill('   ');
  await form.getByLabel('Waarom', { exact: true }).fill('Mogelijk besmet');
  await form.getByLabel(/^Zegel/).fill('ZB-000417');
  await form.getByRole('button', { name: 'Bewijsstuk vastleggen' }).click();
  await page.locator('#err-bewijs').waitFor();
  assert.equal(await page.locator('#form-bewijs').getByLabel(/^Zegel/).inputValue(), 'ZB-000417');
  assert.equal(await page.locator('#form-bewijs').getByLabel('Wat', { exact: true }).getAttribute('aria-invalid'), 'true');
  await b.axe(page, 'evidence form refused');

  await page.locator('#form-bewijs').getByLabel('Wat', { exact: true }).fill('Laptop HP EliteBook 840');
  await page.locator('#form-bewijs').getByLabel(/^Locatie/).fill('Kluis ICT, kamer 2.14');
  await page.locator('#form-bewijs').getByRole('button', { name: 'Bewijsstuk vastleggen' }).click();
  await page.waitForURL(/opgeslagen=1#bewijs$/);
  const rows = page.locator('#bewijs table.evidence tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(1).textContent(), /Laptop HP EliteBook 840.*ZB-000417/s);

  const tf = page.locator('#form-overdracht');
  await tf.getByLabel('Stuk', { exact: true }).selectOption('2');
  await tf.getByLabel('Van', { exact: true }).fill('Kluis ICT');
  await tf.getByLabel('Aan', { exact: true }).fill('Politie Eenheid Den Haag');
  await tf.getByLabel('Reden', { exact: true }).fill('Aangifte');
  await tf.getByLabel(/^Ontvangstbewijs/).fill('PV-4711');
  await tf.getByRole('button', { name: 'Overdracht vastleggen' }).click();
  await page.waitForURL(/opgeslagen=1#bewijs$/);
  const custody = await page.locator('#bewijs table.custody tbody').textContent();
  assert.match(custody, /overgedragen van Kluis ICT aan Politie Eenheid Den Haag \(PV-4711\)/);
  // The behandelaar may not export: no such form.
  assert.equal(await page.locator('#form-export').count(), 0);
  await b.axe(page, 'evidence after a transfer');
  await b.shot(page, 'incident-bewijs');
  await page.close();
});

test('a file uploaded through the page is stored with its exact SHA-256', async (t) => {
  if (skip) return t.skip(skip);
  const page = await b.login(srv.url, 'behandelaar');
  await page.goto(`${srv.url}/incidenten/${key}#bewijs`);
  const form = page.locator('#form-bestand');
  assert.ok(await form.isVisible(), 'the upload form is shown when the script runs');
  const data = Buffer.from('2026-10-24 11:58:03 fs02 vssadmin delete shadows /all /quiet\n'.repeat(5000));
  // Refused first: what left out, the message tied to the form.
  await form.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'fs02-security.log', mimeType: 'text/plain', buffer: data });
  await form.getByLabel('Wat', { exact: true }).fill(' ');
  await form.getByLabel('Waarom', { exact: true }).fill('Tijdlijn van de aanval');
  await form.getByRole('button', { name: 'Bestand uploaden' }).click();
  await page.locator('#err-bestand').waitFor();
  assert.equal(await page.locator('#err-bestand').textContent(), 'what is empty');
  await b.axe(page, 'upload refused');
  await form.getByLabel('Wat', { exact: true }).fill('Security-log van FS02');
  await form.getByRole('button', { name: 'Bestand uploaden' }).click();
  await page.waitForURL(/opgeslagen=1#bewijs$/);
  const sha = createHash('sha256').update(data).digest('hex');
  const row = page.locator('#bewijs table.evidence tbody tr').filter({ hasText: 'Security-log van FS02' });
  assert.match(await row.textContent(), new RegExp(`${sha} ${data.length} bytes`));
  assert.match(await row.textContent(), /fs02-security\.log/);
  await page.close();
});

test('without JavaScript the upload form stays hidden', async (t) => {
  if (skip) return t.skip(skip);
  const nojs = await openBrowser({ javaScriptEnabled: false });
  try {
    const page = await nojs.login(srv.url, 'behandelaar');
    await page.goto(`${srv.url}/incidenten/${key}#bewijs`);
    assert.equal(await page.locator('#form-bestand').isVisible(), false);
    assert.ok(await page.locator('#form-bewijs').isVisible());
    await page.close();
  } finally {
    await nojs.close();
  }
});

test('the incident manager downloads the signed archive', async (t) => {
  if (skip) return t.skip(skip);
  const page = await b.login(srv.url, 'incidentmanager');
  await page.goto(`${srv.url}/incidenten/${key}#bewijs`);
  await b.axe(page, 'evidence as incident manager');
  await page.locator('#form-export').getByLabel('Reden van de export').fill('Overdracht aan de politie');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#form-export').getByRole('button', { name: 'Archief downloaden' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `${key}-evidence.tar`);
  const out = path.join(srv.dir, 'ui.tar');
  await download.saveAs(out);
  const v = await runCli(['verify', out]);
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, new RegExp(`intact: incident ${key}, 3 items, 2 files`));
  await page.close();
});

test('the section in English, read-only for the fg', async (t) => {
  if (skip) return t.skip(skip);
  const r = await srv.cli(['user', 'lang', 'fg', 'en']);
  assert.equal(r.code, 0, r.stderr);
  const page = await b.login(srv.url, 'fg');
  await page.goto(`${srv.url}/incidenten/${key}#bewijs`);
  assert.equal(await page.locator('#h-bewijs').textContent(), 'Evidence');
  assert.equal(await page.locator('#form-bewijs').count(), 0, 'fg reads but does not register');
  await b.axe(page, 'evidence in English');
  await page.close();
});
