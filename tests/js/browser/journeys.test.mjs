// The web UI in headless Chromium, as its users go through it: a melder
// reports an incident; the service desk finds it in the queue and
// classifies it (matrix row, impact, urgency: the exact priority shown);
// the incident manager adds a logbook entry and a BOBOC decision and sees
// the AP clock; a title of <script>alert(1)</script> shows as text. The
// melder's and the service desk's journeys are also made with JavaScript
// off: every action is a plain form post. Screenshots of each step go to
// $MK_BUILD_ROOT/screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openBrowser } from '../lib/browser.mjs';
import { runCli, startServer } from '../lib/server.mjs';

const ROW = 'gebruikers\tGegevens en gegevensdragers\tDiefstal van gegevensdragers';

let srv;
let skip = '';
let js; // JavaScript on
before(async () => {
  if ((await runCli(['user', '--help'])).code !== 0) {
    skip = "no 'meldkamer user' command in this build";
    return;
  }
  srv = await startServer();
  js = await openBrowser();
});
after(async () => {
  if (js) await js.close();
  if (srv) assert.equal(await srv.stop(), 0, 'the server exits 0 on SIGTERM');
});

async function report(b, fields) {
  const page = await b.login(srv.url, 'melder');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Meld een incident' }).click();
  await page.getByLabel('Korte omschrijving').fill(fields.title);
  await page.getByLabel('Wat is er gebeurd?').fill(fields.what ?? '');
  if (fields.when) await page.getByLabel('Wanneer merkte u het op?').fill(fields.when);
  await page.getByLabel('Uw afdeling').fill(fields.department ?? '');
  await page.getByLabel('Uw telefoonnummer').fill(fields.phone ?? '');
  return page;
}

function keyFrom(text) {
  const m = text.match(/geregistreerd als (MK-\d{4}-\d{4})/);
  assert.ok(m, `no key in ${JSON.stringify(text)}`);
  return m[1];
}

let key;

// Amsterdam wall-clock time `minutes` ago, as a datetime-local input takes it.
function amsterdamAgo(minutes) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() - minutes * 60000));
  const v = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${v.year}-${v.month}-${v.day}T${v.hour}:${v.minute}`;
}

test('a melder reports an incident', async (t) => {
  if (skip) return t.skip(skip);
  const page = await report(js, {
    title: 'Laptop met cliëntgegevens gestolen uit dienstauto',
    what: 'Vanochtend bleek de auto opengebroken; de laptop lag op de achterbank.',
    when: amsterdamAgo(90), department: 'Sociaal Domein', phone: '06-12345678',
  });
  await js.shot(page, 'melden-ingevuld');
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  const status = page.getByRole('status');
  await status.waitFor();
  key = keyFrom(await status.innerText());
  await assert.doesNotReject(page.getByRole('link', { name: key }).waitFor());
  await js.shot(page, 'melder-overzicht');
  await page.close();
});

test('the service desk finds the report in the queue and classifies it: P2 hoog', async (t) => {
  if (skip) return t.skip(skip);
  const page = await js.login(srv.url, 'servicedesk');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wachtrij' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Laptop met cliëntgegevens gestolen' });
  await row.waitFor();
  assert.match(await row.innerText(), /Sociaal Domein/);
  await js.shot(page, 'wachtrij');
  await row.getByRole('link', { name: key }).click();
  await page.waitForURL(`**/incidenten/${key}`);

  const form = page.locator('#form-beoordeling');
  await form.getByLabel('Meldingsmatrix (Bijlage 3)').selectOption(ROW);
  // impact: gegevens hoog, reputatie midden; urgency midden -> P2 hoog
  await form.getByRole('group', { name: 'Gegevens worden gekopieerd, versleuteld dan wel vernietigd' })
    .getByRole('radio', { name: /^hoog/ }).check();
  await form.getByRole('group', { name: /reputatieschade/ }).getByRole('radio', { name: /^midden/ }).check();
  await form.getByRole('group', { name: 'Urgentie' }).getByRole('radio', { name: 'midden' }).check();
  await form.getByRole('button', { name: 'Beoordeling opslaan' }).click();
  const result = page.locator('#beoordeling .result .prio');
  await page.waitForFunction(() => document.querySelector('#beoordeling .result .prio')?.textContent === 'P2 hoog');
  assert.equal(await result.innerText(), 'P2 hoog');
  assert.match(await page.locator('.badges').innerText(), /P2 hoog/);
  await js.shot(page, 'incident-beoordeeld');

  // Gone from the queue.
  await page.goto(srv.url + '/wachtrij');
  assert.equal(await page.getByText('Laptop met cliëntgegevens gestolen').count(), 0);
  await page.close();
});

test('the incident manager adds a log entry and a BOBOC decision and sees the AP clock', async (t) => {
  if (skip) return t.skip(skip);
  const page = await js.login(srv.url, 'incidentmanager');
  await page.goto(`${srv.url}/incidenten/${key}`);
  // Personal data involved: the 72-hour clock towards the AP starts.
  const edit = page.locator('#form-bewerken');
  await edit.getByLabel('Persoonsgegevens betrokken').selectOption('ja');
  await edit.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
  const ap = page.locator('tr.clock-ap-72h');
  await page.waitForFunction(() => document.querySelector('tr.clock-ap-72h .countdown'));
  assert.match(await ap.innerText(), /Melding aan de AP/);
  assert.match(await ap.locator('.state').innerText(), /^loopt$/);
  // Detected 90 minutes ago: due 72 h after that, counting down live.
  const first = await ap.locator('.countdown').innerText();
  assert.match(first, /^[0-9]+d \d\d:\d\d:\d\d$/);
  // It ticks: the text changes within a few seconds (timers of a busy
  // machine may run late, so no fixed wait).
  await page.waitForFunction((was) => document.querySelector('tr.clock-ap-72h .countdown').textContent !== was,
    first, { timeout: 5000 });

  const log = page.locator('#form-logboek');
  await log.getByLabel('Soort').selectOption('action');
  await log.getByLabel('Tekst').fill('Laptop op afstand gewist via MDM; aangifte gedaan bij de politie');
  await log.getByRole('button', { name: 'Toevoegen aan logboek' }).click();
  await page.locator('ol.logbook').getByText('Laptop op afstand gewist via MDM').waitFor();
  assert.match(await page.locator('.chain').innerText(), /Keten intact/);

  const d = page.locator('#form-besluiten');
  await d.getByLabel('Beeldvorming').fill('Gestolen laptop met gegevens van 120 cliënten, versleuteld met BitLocker');
  await d.getByLabel('Opties').fill('1) geen melding 2) voormelding bij de AP');
  await d.getByLabel('Besluit', { exact: true }).fill('Voormelding bij de AP; betrokkenen nog niet informeren');
  await d.getByLabel('Opdracht: wie').fill('FG');
  await d.getByLabel('Opdracht: uiterlijk').fill('2026-12-05T12:00');
  await d.getByRole('button', { name: 'Besluit vastleggen' }).click();
  const decision = page.locator('article.decision').first();
  await decision.waitFor();
  assert.match(await decision.innerText(), /Voormelding bij de AP; betrokkenen nog niet informeren/);
  assert.match(await decision.innerText(), /2026-12-05 12:00 CET/);
  await js.shot(page, 'incident-incidentmanager');
  assert.deepEqual(js.errors, []);
  await page.close();
});

test('a title <script>alert(1)</script> shows as text and no dialog fires', async (t) => {
  if (skip) return t.skip(skip);
  const page = await report(js, { title: '<script>alert(1)</script>', what: '"><img src=x onerror=alert(2)>' });
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  const status = page.getByRole('status');
  await status.waitFor();
  const k = keyFrom(await status.innerText());
  await page.close();
  const sd = await js.login(srv.url, 'servicedesk');
  for (const target of ['/wachtrij', '/incidenten', '/', `/incidenten?q=script`, `/incidenten/${k}`]) {
    await sd.goto(srv.url + target);
    await sd.getByText('<script>alert(1)</script>').first().waitFor({ state: 'visible' });
  }
  assert.match(await sd.locator('#gegevens').innerText(), /"><img src=x onerror=alert\(2\)>/);
  assert.equal(await sd.locator('img[src="x"]').count(), 0);
  await js.shot(sd, 'incident-script-titel');
  assert.deepEqual(js.dialogs, [], 'no dialog fired');
  await sd.close();
});

test('without JavaScript a melder reports and the service desk classifies', async (t) => {
  if (skip) return t.skip(skip);
  const plain = await openBrowser({ javaScriptEnabled: false });
  try {
    const page = await report(plain, { title: 'Verdachte USB-stick gevonden in de hal', department: 'Facilitair' });
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    const status = page.getByRole('status');
    await status.waitFor();
    const k = keyFrom(await status.innerText());
    await plain.shot(page, 'zonder-js-melder');
    await page.close();

    const sd = await plain.login(srv.url, 'servicedesk');
    await sd.goto(`${srv.url}/incidenten/${k}`);
    const form = sd.locator('#form-beoordeling');
    await form.getByLabel('Meldingsmatrix (Bijlage 3)').selectOption(ROW);
    await form.getByRole('group', { name: /^Aantal getroffen mensen/ }).getByRole('radio', { name: /^laag/ }).check();
    await form.getByRole('group', { name: 'Urgentie' }).getByRole('radio', { name: 'hoog' }).check();
    await Promise.all([sd.waitForURL(/opgeslagen=1/), form.getByRole('button', { name: 'Beoordeling opslaan' }).click()]);
    // impact laag x urgency hoog = P3 midden
    assert.equal(await sd.locator('#beoordeling .result .prio').innerText(), 'P3 midden');
    // Without the script the clocks show the time left when the page was made.
    await plain.shot(sd, 'zonder-js-incident');
    await sd.close();
  } finally {
    await plain.close();
  }
});

test('a stale form says someone else changed the incident', async (t) => {
  if (skip) return t.skip(skip);
  const a = await js.login(srv.url, 'incidentmanager');
  await a.goto(`${srv.url}/incidenten/${key}`);
  // Meanwhile the service desk changes it on the command line.
  const r = await srv.cli(['incident', 'edit', key, '--title', 'Laptop gestolen (bijgewerkt)'],
    { env: { MELDKAMER_USER: 'Anna de Vries', MELDKAMER_ROLE: 'servicedesk' } });
  assert.equal(r.code, 0, r.stderr);
  await a.locator('#form-bewerken').getByLabel('Titel').fill('Mijn titel');
  await a.locator('#form-bewerken').getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await a.getByRole('alert').filter({ hasText: 'iemand anders heeft dit incident intussen gewijzigd' }).first().waitFor();
  await js.shot(a, 'incident-verouderd-formulier');
  await a.close();
});
