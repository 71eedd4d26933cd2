// End-to-end journeys in headless Chromium (Debian's package, driven by playwright-core) against
// the real server with the demo data. Run by `npm run e2e` (and so by `make test`). Screenshots
// of every screen at desktop and phone width go to e2e/screenshots/ (not committed).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
/* global document, getComputedStyle */
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { join } from 'node:path';
import { DESKTOP, SHOTS, gql, shoot, signIn } from './support.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.SISO_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function assertNoProblems(problems) {
  assert.deepEqual(problems, [], problems.join('\n'));
}

describe('SISO in the browser', { concurrency: false }, () => {
  test('sign-in page: Italian, design system, no session', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/accedi/);
    await page.getByRole('heading', { name: 'Accedi a SISO' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'it');
    // Bootstrap Italia's header and its Titillium Web font are there
    assert.ok(await page.locator('.it-header-wrapper, .it-header-slim-wrapper').first().isVisible());
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.match(font, /Titillium/);
    const overflow = await shoot(page, '01-sign-in');
    assert.ok(overflow <= 0, `the sign-in page is ${overflow}px wider than a phone`);
    await context.close();
  });

  test('as.perugia walks a citizen: search, household member, case, responsible operator and back', async () => {
    const { context, page, problems } = await signIn(browser, server.url, 'as.perugia');
    await shoot(page, '02-home-as.perugia');
    // A citizen of as.perugia's cases who lives with someone the social worker may see.
    const res = await gql(
      page,
      `{ viewer { operator { cases(first: 50) { edges { node { id status citizen { id fiscalCode lastName firstName
        household { members { id lastName firstName } } } } } } } } }`,
    );
    const cases = res.data.viewer.operator.cases.edges.map((e) => e.node);
    const target = cases.find(
      (c) => (c.citizen?.household?.members ?? []).filter((m) => m.id !== c.citizen.id).length > 0,
    );
    assert.ok(target, 'no demo case of as.perugia with a household');
    const citizen = target.citizen;
    const member = citizen.household.members.find((m) => m.id !== citizen.id);

    // Find the citizen by codice fiscale, results as you type.
    await page.getByRole('link', { name: 'Cittadini' }).first().click();
    await page.getByLabel(/codice fiscale o nome/i).fill(citizen.fiscalCode);
    const result = page.getByRole('link', { name: new RegExp(`${citizen.lastName}.*${citizen.firstName}`) }).first();
    await result.waitFor();
    await shoot(page, '03-search');
    await result.click();
    const citizenHeading = page.getByRole('heading', { level: 1, name: new RegExp(citizen.lastName) });
    await citizenHeading.waitFor();
    const citizenURL = page.url();
    assert.ok(await page.getByText(citizen.fiscalCode).first().isVisible());
    const overflow = await shoot(page, '04-citizen');
    assert.ok(overflow <= 0, `the citizen page is ${overflow}px wider than a phone`);

    // To a household member and back.
    await page
      .locator('#nucleo')
      .getByRole('link', { name: new RegExp(member.lastName) })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: new RegExp(member.lastName) }).waitFor();
    assert.notEqual(page.url(), citizenURL);
    await shoot(page, '05-household-member');
    await page.goBack();
    await citizenHeading.waitFor();
    assert.equal(page.url(), citizenURL);

    // To the case, to its responsible operator, and back to the citizen.
    await page
      .locator(`a[href="/casi/${encodeURIComponent(target.id)}"]`)
      .first()
      .click();
    await page.waitForURL(/\/casi\//);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await shoot(page, '06-case');
    const responsible = page.locator('a[href^="/operatori/"]').first();
    const operatorName = (await responsible.textContent()).trim();
    await responsible.click();
    await page.getByRole('heading', { level: 1, name: operatorName }).waitFor();
    await shoot(page, '07-operator');
    await page.goBack();
    await page.waitForURL(/\/casi\//);
    await page
      .locator(`a[href="${new URL(citizenURL).pathname}"]`)
      .first()
      .click();
    await citizenHeading.waitFor();
    assert.equal(page.url(), citizenURL);
    assertNoProblems(problems);
    await context.close();
  });

  test('coop.perugia sees "riservato" where the design says', async () => {
    const { context, page, problems } = await signIn(browser, server.url, 'coop.perugia');
    await shoot(page, '08-home-coop.perugia');
    const res = await gql(page, `{ interventions(first: 5) { edges { node { id citizen { id lastName } } } } }`);
    const withCitizen = res.data.interventions.edges.map((e) => e.node).find((n) => n.citizen);
    assert.ok(withCitizen, 'the provider serves no citizen in the demo data');
    await page.goto(`${server.url}/cittadini/${encodeURIComponent(withCitizen.citizen.id)}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(withCitizen.citizen.lastName) }).waitFor();
    // Names and birth date visible; codice fiscale, accesses, cases and the like are reserved.
    const reserved = page.locator('.siso-reserved');
    await reserved.first().waitFor();
    assert.ok((await reserved.count()) >= 3, `only ${await reserved.count()} "riservato" fields`);
    assert.match(await reserved.first().innerText(), /riservato/);
    const fiscalCodeField = page.locator('dt', { hasText: 'Codice fiscale' }).locator('xpath=following-sibling::dd[1]');
    assert.equal(await fiscalCodeField.locator('.siso-reserved').count(), 1, 'the codice fiscale is not reserved');
    // the reason is given on hover (title) and to screen readers
    assert.match((await reserved.first().getAttribute('title')) ?? '', /regola/);
    await shoot(page, '09-citizen-as-provider');
    assertNoProblems(problems);
    await context.close();
  });

  test('an activity recorded offline arrives once', async () => {
    const { context, page, problems } = await signIn(browser, server.url, 'as.perugia');
    const res = await gql(page, `{ viewer { operator { cases(first: 50) { edges { node { id status } } } } } }`);
    const open = res.data.viewer.operator.cases.edges.map((e) => e.node).find((c) => c.status !== 'CLOSED');
    assert.ok(open, 'as.perugia has no open case');
    const caseURL = `${server.url}/casi/${encodeURIComponent(open.id)}`;
    await page.goto(caseURL);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    // the service worker has stored the application: the phone can start it without a network
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return reg.active?.state;
    });
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();

    await context.setOffline(true);
    // A reload while offline: the shell comes from the service worker, the operator from the device.
    await page.goto(`${caseURL}/attivita/nuova`);
    try {
      await page.getByRole('heading', { name: "Registra un'attività nel diario" }).waitFor();
    } catch (err) {
      await page.screenshot({ path: join(SHOTS, 'FAILED-offline-start.png'), fullPage: true });
      throw new Error(`the app did not start offline: ${err.message}\n${problems.join('\n')}`, { cause: err });
    }
    await page.getByText('Sei offline', { exact: false }).first().waitFor();
    const text = `Colloquio e2e ${Date.now()}: registrato senza connessione`;
    await page.getByLabel('Tipo di attività').selectOption('MEETING');
    await page.getByLabel('Testo').fill(text);
    await page.getByRole('button', { name: 'Salva sul dispositivo' }).click();
    await page.getByRole('heading', { name: 'Attività in coda' }).waitFor();
    await page.getByTestId('queue-badge').waitFor();
    await shoot(page, '10-activity-queued-offline');
    await page.getByRole('link', { name: 'Vedi la coda' }).click();
    await page.getByTestId('queued-activity').waitFor();
    assert.equal(await page.getByTestId('queued-activity').count(), 1);
    await shoot(page, '11-offline-queue');

    // The connection returns, but the first answer is lost on the way back: the server has stored
    // the entry, the device does not know. The retry carries the same idempotency key.
    let lost = 0;
    await context.route('**/graphql', async (route) => {
      if (lost === 0 && (route.request().postData() ?? '').includes('RecordQueuedActivity')) {
        lost++;
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await context.setOffline(false);
    // the first try (on "online") loses its answer; send again from the queue
    await page.waitForTimeout(1500);
    if ((await page.getByTestId('queued-activity').count()) > 0) {
      await page.getByRole('button', { name: 'Invia ora' }).click();
    }
    await page.getByText('Nessuna attività in attesa di invio.').waitFor({ timeout: 30_000 });
    assert.equal(lost, 1, 'the lost answer was not simulated');
    await context.unroute('**/graphql');

    const diary = await gql(
      page,
      `query($id: ID!) { node(id: $id) { ... on Case { activities(first: 100) { edges { node { text } } } } } }`,
      { id: open.id },
    );
    const copies = diary.data.node.activities.edges.filter((e) => e.node.text === text).length;
    assert.equal(copies, 1, `the activity is stored ${copies} times`);
    await page.goto(`${caseURL}#diario`);
    await page.getByText(text).first().waitFor();
    assert.equal(await page.getByText(text).count(), 1);
    await shoot(page, '12-case-diary-after-sync');
    assertNoProblems(problems.filter((p) => !/Failed to fetch|NetworkError|net::/.test(p)));
    await context.close();
  });

  test('the playground runs a query with the session', async () => {
    const { context, page, problems } = await signIn(browser, server.url, 'as.perugia');
    await page.getByRole('link', { name: 'Playground' }).click();
    await page.waitForURL(/\/playground/);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 30_000 });
    // the editors are ready once the first example is in the query editor and the schema is loaded
    await page.locator('.graphiql-query-editor').getByText('SearchCitizensInZone').first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const answered = page.locator('.result-window').getByText('"data"');
    for (let attempt = 1; ; attempt++) {
      await run.click();
      try {
        await answered.waitFor({ timeout: 15_000 });
        break;
      } catch (err) {
        if (attempt === 3) {
          await page.screenshot({ path: join(SHOTS, 'FAILED-playground.png'), fullPage: true });
          throw err;
        }
      }
    }
    const result = await page.locator('.result-window').innerText();
    assert.doesNotMatch(result, /UNAUTHENTICATED/);
    await shoot(page, '13-playground');
    assertNoProblems(problems);
    await context.close();
  });
});
