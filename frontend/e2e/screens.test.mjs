// Every other screen of the SPA, in headless Chromium against the real server with the demo data:
// it opens as the role it is for, shows real data under Italian labels, raises no error and fits a
// phone; a screenshot of each at desktop and phone width goes to e2e/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { gql, shoot, signIn } from './support.mjs';

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

/** Opens `path` and waits for its main heading; returns how much wider than a phone it is. */
async function visit(page, path, heading, name) {
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
  return shoot(page, name);
}

describe('every screen, as the role it is for', { concurrency: false }, () => {
  test('front desk: registering a citizen warns of a possible duplicate before saving', async () => {
    const { context, page, problems } = await signIn(browser, server.url, 'sportello.perugia');
    const res = await gql(
      page,
      `{ citizens(first: 1, filter: { zoneCode: "2" }) { edges { node { fiscalCode lastName } } } }`,
    );
    const existing = res.data.citizens.edges[0].node;
    await visit(page, '/cittadini/nuovo', 'Nuovo cittadino', '20-citizen-new');
    await page.getByLabel('Codice fiscale', { exact: false }).first().fill(existing.fiscalCode);
    await page.getByText('Possibili duplicati', { exact: false }).first().waitFor();
    await page.getByText(existing.lastName, { exact: false }).first().waitFor();
    const overflow = await shoot(page, '21-citizen-new-duplicate');
    assert.ok(overflow <= 0, `the registration form is ${overflow}px wider than a phone`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('social worker: the forms of a citizen and of a case', async () => {
    const { context, page, problems } = await signIn(browser, server.url, 'as.perugia');
    const res = await gql(
      page,
      `{ viewer { operator { cases(first: 20) { edges { node { id status citizen { id } } } } } } }`,
    );
    const open = res.data.viewer.operator.cases.edges.map((e) => e.node).find((c) => c.status === 'OPEN');
    assert.ok(open, 'as.perugia has no OPEN case');
    const c = encodeURIComponent(open.citizen.id);
    const k = encodeURIComponent(open.id);
    for (const [path, heading, name] of [
      [`/cittadini/${c}/accessi/nuovo`, /Registra accesso/, '22-access-new'],
      [`/cittadini/${c}/invii/nuovo`, /Invia ad altro servizio/, '23-referral-new'],
      [`/casi/${k}/piano`, /Progetto individualizzato/, '24-case-plan'],
      [`/casi/${k}/valutazioni/nuova`, /Nuova valutazione/, '25-case-assessment'],
      [`/casi/${k}/interventi/nuovo`, /intervento/i, '26-intervention-request'],
      [`/casi/${k}/stato`, /Stato della presa in carico/, '27-case-status'],
      [`/casi/${k}/attivita/nuova`, /Registra un'attività nel diario/, '28-activity-new'],
      ['/emergenza', /Accesso in emergenza/, '29-emergency'],
    ]) {
      const overflow = await visit(page, path, heading, name);
      assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a phone`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('zone manager and analyst: the monitoring dashboards with charts', async () => {
    for (const user of ['resp.perugia', 'regione']) {
      const { context, page, problems } = await signIn(browser, server.url, user);
      await page.getByRole('link', { name: 'Monitoraggio' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Monitoraggio' }).waitFor();
      await page.locator('svg').first().waitFor();
      await page.getByRole('heading', { name: 'Copertura dei bisogni' }).waitFor();
      const overflow = await shoot(page, `30-monitoring-${user}`);
      assert.ok(overflow <= 0, `the dashboard is ${overflow}px wider than a phone for ${user}`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  test('DPO: the audit trail of a citizen and the emergency accesses', async () => {
    const { context, page, problems } = await signIn(browser, server.url, 'dpo');
    const worker = await signIn(browser, server.url, 'as.perugia');
    const res = await gql(
      worker.page,
      `{ viewer { operator { cases(first: 20) { edges { node { citizen { id fiscalCode } } } } } } }`,
    );
    // a citizen with a codice fiscale (the DPO searches by it; a person registered without one,
    // e.g. by an earlier journey, may come first)
    const citizen = res.data.viewer.operator.cases.edges
      .map((e) => e.node.citizen)
      .find((c) => c && typeof c.fiscalCode === 'string');
    assert.ok(citizen, `no citizen with a codice fiscale among ${JSON.stringify(res)}`);
    // the social worker opens the record: a read the DPO will find
    await worker.page.goto(`${server.url}/cittadini/${encodeURIComponent(citizen.id)}`);
    await worker.page.getByRole('heading', { level: 1 }).first().waitFor();
    await worker.context.close();

    await page.getByRole('link', { name: 'Audit' }).first().click();
    await page.getByRole('heading', { level: 1, name: /Audit/ }).waitFor();
    await page.getByLabel('Codice fiscale', { exact: false }).first().fill(citizen.fiscalCode);
    await page.keyboard.press('Enter');
    await page.locator('table').first().waitFor();
    await page
      .getByRole('cell', { name: /Francesca Moretti|as\.perugia/ })
      .first()
      .waitFor();
    await shoot(page, '31-audit-trail');
    await visit(page, '/audit/emergenze', /Audit/, '32-emergency-accesses');
    await page.getByText('Accessi in emergenza').first().waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('administrator: operators, API clients and administration events', async () => {
    const { context, page, problems } = await signIn(browser, server.url, 'admin');
    for (const [path, heading, name] of [
      ['/amministrazione', 'Operatori', '33-admin-operators'],
      ['/amministrazione/operatori/nuovo', 'Nome utente', '34-admin-operator-new'],
      ['/amministrazione/client-api', 'Client API', '35-admin-api-clients'],
      ['/amministrazione/eventi', 'Eventi di amministrazione', '36-admin-events'],
    ]) {
      await page.goto(`${server.url}${path}`);
      await page
        .getByRole('heading', { level: 1, name: /Amministrazione|operatore/i })
        .first()
        .waitFor();
      await page.getByText(heading).first().waitFor();
      const overflow = await shoot(page, name);
      assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a phone`);
    }
    // A new operator signs in with the one-time password and must replace it before anything else.
    await page.goto(`${server.url}/amministrazione/operatori/nuovo`);
    await page.locator('#op-username').fill('e2e.nuovo');
    await page.locator('#op-displayName').fill('Nuovo Operatore');
    await page.locator('#op-roles-0-role').selectOption('SOCIAL_WORKER');
    await page.locator('#op-roles-0-zoneCode').selectOption('2');
    await page.getByRole('button', { name: "Crea l'operatore" }).click();
    const otp = await page.locator('#op-one-time-password').inputValue();
    const other = await browser.newContext({ locale: 'it-IT' });
    const fresh = await other.newPage();
    await fresh.goto(`${server.url}/cittadini`);
    await fresh.getByLabel('Nome utente').fill('e2e.nuovo');
    await fresh.getByLabel('Password').fill(otp);
    await fresh.getByRole('button', { name: 'Accedi' }).click();
    await fresh.waitForURL((url) => url.pathname === '/password');
    await fresh.getByLabel(/^Password attuale/).fill(otp);
    await fresh.getByLabel(/^Nuova password/).fill('una-frase-tutta-mia');
    await fresh.getByLabel(/^Conferma la nuova password/).fill('una-frase-tutta-mia');
    await shoot(fresh, '36b-password-change');
    await fresh.getByRole('button', { name: 'Cambia password' }).click();
    await fresh.waitForURL((url) => url.pathname === '/cittadini');
    await other.close();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('provider on a phone: records the hours delivered from the home page', async () => {
    const { context, page, problems } = await signIn(browser, server.url, 'coop.perugia', {
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await page.getByRole('heading', { name: 'Prestazioni da registrare' }).waitFor();
    // an intervention whose period has begun (the entry is dated inside it)
    const today = new Date().toISOString().slice(0, 10);
    const res = await gql(
      page,
      `{ interventions(first: 50, filter: { status: [AUTHORIZED, ACTIVE] }) { edges { node { id startDate endDate } } } }`,
    );
    const iv = res.data.interventions.edges.map((e) => e.node).find((n) => n.startDate <= today);
    assert.ok(iv, 'the provider has no intervention under way');
    await page.locator(`a[href="/interventi/${encodeURIComponent(iv.id)}/attivita/nuova"]`).click();
    await page.getByRole('heading', { name: 'Registra una prestazione erogata' }).waitFor();
    if (iv.endDate && iv.endDate < today) await page.getByLabel('Data e ora').fill(`${iv.endDate}T10:00`);
    await page.getByLabel('Ore').fill('1.5');
    await shoot(page, '37-provider-delivery');
    await page.getByRole('button', { name: 'Registra', exact: true }).click();
    await page.getByText('Attività registrata.').waitFor();
    await shoot(page, '38-provider-after-delivery');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
