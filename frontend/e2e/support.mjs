// Helpers shared by the end-to-end tests.
/* global document, window */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const SHOTS = join(import.meta.dirname, 'screenshots');
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };
const PASSWORD = 'siso-demo';

/** A fresh browser profile (cookies, storage, service worker) signed in through the form. */
export async function signIn(browser, baseURL, username, options = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'it-IT', ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_FAILED/.test(msg.text()))
      problems.push(`console: ${msg.text()}`);
  });
  await page.goto(`${baseURL}/accedi`);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  try {
    await page.getByRole('button', { name: 'Esci' }).waitFor();
    await page.waitForURL((url) => !url.pathname.startsWith('/accedi'));
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  } catch (err) {
    await page.screenshot({ path: join(SHOTS, `FAILED-sign-in-${username}.png`), fullPage: true });
    throw new Error(`${username} could not sign in: ${err.message}\n${problems.join('\n')}`, { cause: err });
  }
  return { context, page, problems };
}

/** Runs a GraphQL query in the page, with its session (the data a test picks its targets from). */
export async function gql(page, query, variables = {}) {
  return page.evaluate(
    async ([q, v]) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: q, variables: v }),
      });
      return res.json();
    },
    [query, variables],
  );
}

/**
 * The current screen at desktop width, then at phone width (full page), then back to the size the
 * page had. Returns how many pixels the page is wider than the phone (0 or less: it fits).
 */
export async function shoot(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {});
  // a string that did not go through its catalogue shows as its key, e.g. "forms.new.title"
  const rawKey = await page.evaluate(() => {
    // (the policy names in the "riservato" tooltips, like "case.existence", are not strings)
    const body = document.body.cloneNode(true);
    body.querySelectorAll('.siso-reserved, script, style').forEach((e) => e.remove());
    const text = body.textContent ?? '';
    const m =
      /\b(?:app|nav|home|search|citizen|case|privacy|password|forms|casework|monitoring|admin|offline)\.[a-z][A-Za-z]*(?:\.[a-zA-Z]+)*\b/.exec(
        text,
      );
    return m ? `${m[0]} in «${text.slice(Math.max(0, m.index - 120), m.index + 60)}»` : null;
  });
  if (rawKey) throw new Error(`${name}: an untranslated key is shown: ${rawKey}`);
  const size = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SHOTS, `${name}-phone.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.setViewportSize(size);
  return overflow;
}
