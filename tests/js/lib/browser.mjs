// Headless Chromium (Debian's /usr/bin/chromium) through playwright-core
// for the browser tests of the web UI: a fresh profile per context, a
// login through the form, axe-core over a page, screenshots under
// $MK_BUILD_ROOT/screenshots/.
//
//   const b = await openBrowser();                 // JavaScript on
//   const page = await b.login(srv.url, 'melder');
//   await b.axe(page);                             // throws on violations
//   await b.shot(page, 'melden');
//   await b.close();
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PASSWORD } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
export const CHROMIUM = '/usr/bin/chromium';

export function screenshotDir() {
  const dir = path.join(process.env.MK_BUILD_ROOT ?? os.tmpdir(), 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

// opts.javaScriptEnabled (default true).
export async function openBrowser(opts = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'meldkamer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    // axe-core is injected as a script of the test's own; the pages' CSP
    // (script-src 'self') would refuse it, as it should refuse any other.
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  context.setDefaultTimeout(10000);
  const dialogs = [];
  const errors = [];
  context.on('page', (p) => watch(p));
  function watch(p) {
    p.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    p.on('pageerror', (e) => errors.push(e.message));
  }
  for (const p of context.pages()) watch(p);

  const b = {
    context,
    dialogs, // every alert/confirm/prompt that fired (there must be none)
    errors,  // uncaught script errors
    async page() {
      const existing = context.pages().find((p) => p.url() === 'about:blank');
      return existing ?? context.newPage();
    },
    // A new page logged in as account (password of the harness).
    async login(url, account) {
      // One session per browser profile: logging in as someone else
      // replaces it, as it would for a shared workstation.
      await context.clearCookies();
      const page = await b.page();
      await page.goto(url + '/login');
      await page.getByLabel('Gebruikersnaam').fill(account);
      await page.getByLabel('Wachtwoord').fill(PASSWORD);
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')),
        page.getByRole('button', { name: 'Inloggen' }).click()]);
      return page;
    },
    // Runs axe-core with the WCAG 2.0/2.1 A and AA rules; throws listing
    // every violation with its nodes.
    async axe(page, what = page.url()) {
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      });
      if (result.violations.length) {
        const lines = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
          v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n'));
        throw new Error(`axe: ${result.violations.length} violation(s) on ${what}:\n${lines.join('\n')}`);
      }
      return result;
    },
    async shot(page, name) {
      await page.screenshot({ path: path.join(screenshotDir(), `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return b;
}
