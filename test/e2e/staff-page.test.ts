/**
 * The staff page with people's own accounts, in Debian's Chromium on the whole local stack: an
 * admin (the break-glass staff token) creates a clerk on the page and reads its credentials,
 * shown once with the secret's QR code; the clerk signs in with username, initial password and a
 * one-time code, chooses a password, approves a flagged count, and is offered no certification
 * (which the API refuses anyway); disabled by the admin, the clerk's page goes back to the
 * sign-in, saying so. A viewer is offered only reading, and signs out.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNight } from '../../infra/cli/night/demo-night.js';
import type { Stack } from '../../infra/local/stack.js';
import { codeAt, otpauthUri } from '../../shared/domain/totp.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { launchChromium, screenshotPath } from '../helpers/browser.js';
import { startDemoStack } from '../helpers/demo-stack.js';
import { demoElection, smallElection } from '../helpers/elections.js';
import { issueOfficerCodes, type Json, stackClient } from '../helpers/local-stack-client.js';
import { signInWithStaffCode } from '../helpers/staff-page.js';

const election = demoElection();
const FLAGGED_SECTION = '3';
const DESK = { viewport: { width: 1024, height: 900 } };

let stack: Stack;
let browser: Browser;
let client: ReturnType<typeof stackClient>;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  client = stackClient(stack);
  // An officer sends section 3's count with five voters too many: flagged.
  const officer = String((await issueOfficerCodes(stack, election.id, [FLAGGED_SECTION]))[FLAGGED_SECTION]);
  const night = generateNight(election).find((s) => s.sectionId === FLAGGED_SECTION);
  if (!night) throw new Error('the demo night has no section 3');
  const flagged = await client.send(
    'PUT',
    `/v1/elections/${election.id}/sections/${FLAGGED_SECTION}/results`,
    officer,
    { ...night.results, voters: night.results.voters + 5 },
  );
  expect(flagged.body).toMatchObject({ status: 'flagged' });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openStaffPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(DESK);
  const page = await context.newPage();
  await page.goto(new URL(`/staff/?election=${election.id}`, stack.siteUrl).href);
  return { context, page };
}

/** Signs in with a person's account on the page: first sign-in, then the password of their own. */
async function signInFirstTime(
  page: Page,
  account: { username: string; password: string; secret: string },
  opens = election.name,
) {
  await page.getByLabel('Nome utente').fill(account.username);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByLabel('Codice temporaneo').fill(codeAt(account.secret));
  await page.getByRole('button', { name: 'Entra' }).click();
  await page.getByRole('heading', { level: 1, name: 'Scegliete la vostra password' }).waitFor();
  await page
    .getByLabel('Nuova password', { exact: true })
    .fill(`${account.username} chose this long password`);
  await page.getByLabel('Ripetete la nuova password').fill(`${account.username} chose this long password`);
  await page.getByRole('button', { name: 'Cambia la password ed entra' }).click();
  await page.getByRole('heading', { level: 1, name: opens }).waitFor();
}

/** An account made through the API (as the break-glass admin), with its first credentials. */
async function accountOf(username: string, role: string, elections: string[]) {
  const created = await client.send('PUT', `/v1/admin/staff/${username}`, stack.adminToken, {
    name: `Test ${username}`,
    role,
    elections,
  });
  expect(created.status).toBe(200);
  const { password, totpSecret } = created.body as { password: string; totpSecret: string };
  return { username, password, secret: totpSecret };
}

/** An SVG's drawing (its paths), however the browser serializes the rest. */
const pathsOf = (svg: string) => [...svg.matchAll(/\sd="([^"]+)"/g)].map((m) => m[1]);

const pageToken = (page: Page) => page.evaluate(() => sessionStorage.getItem('staff.token') ?? '');

describe('the staff page with staff accounts', () => {
  it('given an admin on the page, when it creates a clerk, then the clerk signs in with a one-time code, changes the password, approves a flagged count, cannot certify, and is signed out once disabled', async () => {
    // Prepare: the admin, with the break-glass staff code
    const admin = await openStaffPage();
    const clerk = await openStaffPage();
    try {
      const a = admin.page;
      await signInWithStaffCode(a, stack.adminToken);
      await a.getByRole('heading', { level: 1, name: election.name }).waitFor();
      const adminWho = await a.locator('#session-who').textContent();

      // Act: the admin creates the clerk on the page
      await a.getByRole('button', { name: 'Account del personale' }).click();
      await a.getByRole('heading', { level: 1, name: 'Account del personale' }).waitFor();
      const create = a.locator('form[data-form="account-create"]');
      await create.getByLabel('Nome utente').fill('clerk-carla');
      await create.getByLabel('Nome e cognome').fill('Carla Addetta');
      await create.getByLabel('Ruolo').selectOption('clerk');
      await create.getByLabel('Elezioni').fill(election.id);
      await create.getByRole('button', { name: 'Crea l’account' }).click();
      const shown = a.locator('#created-account');
      await shown.waitFor();
      const password = (await a.locator('#created-password').textContent()) ?? '';
      const secret = ((await a.locator('#created-secret').textContent()) ?? '').replaceAll(' ', '');
      const warning = await shown.textContent();
      const qr = await shown.locator('.qr').innerHTML();
      const listed = await a.locator('tr[data-account="clerk-carla"]').textContent();
      const accountsViolations = await accessibilityViolations(a);
      await a.screenshot({ path: screenshotPath('staff-page-account-created'), fullPage: true });
      await a.getByRole('button', { name: 'Ho consegnato le credenziali' }).click();
      const stillShown = await a.locator('#created-account').count();

      // Assess: the credentials, once, and the QR code of the otpauth URI, drawn in the browser
      expect(adminWho).toContain('codice del personale');
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(warning).toContain('Mostrate una sola volta');
      const expectedQr = await QRCode.toString(otpauthUri(secret, 'clerk-carla'), {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
      expect(pathsOf(qr)).toEqual(pathsOf(expectedQr));
      expect(listed).toContain('Carla Addetta');
      expect(listed).toContain('addetto');
      expect(listed).toContain('password iniziale da cambiare');
      expect(accountsViolations).toEqual([]);
      expect(stillShown).toBe(0);
      await expect(a.content()).resolves.not.toContain(password);

      // Act: the clerk signs in on the page with username, initial password and a code
      const c = clerk.page;
      const signInViolations = await accessibilityViolations(c);
      await signInFirstTime(c, { username: 'clerk-carla', password, secret });
      const clerkWho = await c.locator('#session-who').textContent();
      const flagged = c.locator(`[data-flagged="${FLAGGED_SECTION}"]`);
      await flagged.getByLabel('Approva: entra nei risultati').check();
      await flagged
        .getByLabel('Motivo (resta nella storia della sezione)')
        .fill('verbale ricontrollato: 5 votanti in più trascritti per errore');
      await flagged.getByRole('button', { name: 'Conferma la decisione' }).click();
      await c.locator('header .notice', { hasText: `Approvato: sezione ${FLAGGED_SECTION}.` }).waitFor();
      const clerkViolations = await accessibilityViolations(c);
      await c.screenshot({ path: screenshotPath('staff-page-clerk'), fullPage: true });
      const certifyControls = await c.locator('form[data-form="certify"]').count();
      const certifyButtons = await c.getByRole('button', { name: /Certifica/ }).count();
      const accountsButtons = await c.getByRole('button', { name: 'Account del personale' }).count();
      const codesForms = await c.locator('form[data-form="codes"]').count();
      const certifySays = await c.locator('#h-certify + *').textContent();
      const clerkToken = await pageToken(c);
      const forced = await client.send('POST', `/v1/admin/elections/${election.id}/certify`, clerkToken);

      // Assess
      expect(signInViolations).toEqual([]);
      expect(await c.getByLabel('Codice temporaneo').count()).toBe(0);
      expect(clerkWho).toContain('Carla Addetta (clerk-carla)');
      expect(clerkWho).toContain('addetto');
      expect(clerkWho).toContain(election.id);
      expect(clerkWho).toContain('sessione fino a');
      expect(clerkViolations).toEqual([]);
      const section = await client.send(
        'GET',
        `/v1/elections/${election.id}/sections/${FLAGGED_SECTION}`,
        stack.adminToken,
      );
      expect(section.body).toMatchObject({ status: 'approved' });
      const history = await client.send(
        'GET',
        `/v1/elections/${election.id}/sections/${FLAGGED_SECTION}/history`,
        stack.adminToken,
      );
      const review = (history.body.entries as Json[]).filter((e) => e.entry === 'review').at(-1);
      expect(review).toMatchObject({ action: 'approve' });
      expect(JSON.stringify(review)).toContain('clerk-carla');
      expect(certifyControls).toBe(0);
      expect(certifyButtons).toBe(0);
      expect(certifySays).toBe('Certificare spetta ai supervisori.');
      expect(accountsButtons).toBe(0);
      expect(codesForms).toBe(1);
      expect(forced.status).toBe(403);
      expect(forced.body).toMatchObject({ error: { code: 'FORBIDDEN' } });

      // Act: the admin disables the clerk on the page; the clerk's next step finds the session ended
      await a.locator('tr[data-account="clerk-carla"]').getByRole('button').click();
      await a.getByRole('button', { name: 'Disattiva l’account' }).click();
      await a.locator('header .notice', { hasText: 'Account clerk-carla disattivato' }).waitFor();
      const disabledRow = await a.locator('tr[data-account="clerk-carla"]').textContent();
      await c.getByRole('button', { name: 'Aggiorna' }).click();
      await c.getByRole('alert').filter({ hasText: 'La sessione è terminata' }).waitFor();
      const tokenAfter = await pageToken(c);

      // Assess
      expect(disabledRow).toContain('disattivato');
      expect(tokenAfter).toBe('');
      await expect(c.getByLabel('Nome utente').count()).resolves.toBe(1);
      await expect(client.send('GET', '/v1/session', clerkToken)).resolves.toMatchObject({ status: 401 });
    } finally {
      await admin.context.close();
      await clerk.context.close();
    }
  }, 120_000);

  it('given a viewer’s account, when the viewer signs in on the page in English, then only reading is offered (a section’s history among it), and signing out ends the session on the server', async () => {
    // Prepare
    const created = await client.send('PUT', '/v1/admin/staff/viewer-vera', stack.adminToken, {
      name: 'Vera Viewer',
      role: 'viewer',
      elections: [election.id],
    });
    expect(created.status).toBe(200);
    const { password, totpSecret } = created.body as { password: string; totpSecret: string };
    const { context, page } = await openStaffPage();
    try {
      // Act
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByLabel('Username').fill('viewer-vera');
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByLabel('One-time code').fill(codeAt(totpSecret));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
      await page.getByLabel('New password', { exact: true }).fill('short');
      await page.getByLabel('Type the new password again').fill('short');
      await page.getByRole('button', { name: 'Change the password and continue' }).click();
      const tooShort = await page.getByRole('alert').textContent();
      await page.getByLabel('New password', { exact: true }).fill('vera chose a long password');
      await page.getByLabel('Type the new password again').fill('vera chose a long password');
      await page.getByRole('button', { name: 'Change the password and continue' }).click();
      await page.getByRole('heading', { level: 2, name: 'Missing sections' }).waitFor();
      const who = await page.locator('#session-who').textContent();
      const reviewForms = await page.locator('form[data-form="review"]').count();
      const codesForms = await page.locator('form[data-form="codes"]').count();
      const certifyForms = await page.locator('form[data-form="certify"]').count();
      const exports = await page.getByRole('button', { name: /^Download/ }).count();
      await page.getByLabel('Section', { exact: true }).fill(FLAGGED_SECTION);
      await page.getByRole('button', { name: 'Show the history' }).click();
      await page.getByRole('heading', { level: 3, name: `History of section ${FLAGGED_SECTION}` }).waitFor();
      const history = await page.locator('ol.history').textContent();
      const violations = await accessibilityViolations(page);
      const token = await pageToken(page);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('status').filter({ hasText: 'You have signed out' }).waitFor();

      // Assess
      expect(tooShort).toBe('The password needs at least 12 characters.');
      expect(who).toContain('Vera Viewer (viewer-vera)');
      expect(who).toContain('role: viewer');
      expect(reviewForms).toBe(0);
      expect(codesForms).toBe(0);
      expect(certifyForms).toBe(0);
      expect(exports).toBe(4);
      expect(history).toContain('Count, version 1: to review (by the polling station)');
      expect(history).toContain('Count, version 1: approved by clerk-carla: «verbale ricontrollato');
      expect(violations).toEqual([]);
      await expect(pageToken(page)).resolves.toBe('');
      await expect(client.send('GET', '/v1/session', token)).resolves.toMatchObject({ status: 401 });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('given an election defined from a file on the page with two approvals to certify, when a supervisor certifies on the page, then it says 1 of 2, explains a second try by the same person, and a second supervisor certifies', async () => {
    // Prepare: the admin defines the election from its file, on the page
    const paired = smallElection('staff-pair', { certifyApprovals: 2 });
    const admin = await openStaffPage();
    const supervisor = await browser.newContext(DESK);
    try {
      const a = admin.page;
      await signInWithStaffCode(a, stack.adminToken);
      await a.getByRole('button', { name: 'Cambia elezione' }).click();
      await a.getByLabel('File della definizione (JSON)').setInputFiles({
        name: 'staff-pair.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(paired)),
      });
      await a.getByRole('button', { name: 'Definisci l’elezione' }).click();
      await a.locator('header .notice', { hasText: 'Elezione staff-pair definita.' }).waitFor();
      const first = await accountOf('super-sara', 'supervisor', [paired.id]);
      const page = await supervisor.newPage();
      await page.goto(new URL('/staff/', stack.siteUrl).href);

      // Act: the account's only election opens by itself; the first approval, then the same again
      await signInFirstTime(page, first, paired.name);
      const certifyAs = async () => {
        await page.getByLabel('Identificativo', { exact: true }).fill(paired.id);
        await page.getByRole('button', { name: 'Certifica l’elezione' }).click();
      };
      await certifyAs();
      await page.locator('header .notice', { hasText: 'Approvazione registrata: 1 di 2' }).waitFor();
      const pending = await page.locator('#certify-approvals').textContent();
      await certifyAs();
      await page.locator('header .notice', { hasText: 'Avete già approvato' }).waitFor();
      const stateBefore = await client.send(
        'GET',
        `/v1/admin/elections/${paired.id}/sections`,
        stack.adminToken,
      );
      // A second, different supervisor (through the API), then the page read again
      const second = await accountOf('super-sergio', 'supervisor', [paired.id]);
      const session = await client.send('POST', '/v1/staff/sessions', '', {
        username: second.username,
        password: second.password,
        otp: codeAt(second.secret),
      });
      const token = String(session.body.token);
      await client.send('POST', '/v1/staff/password', token, { password: 'sergio chose a long password' });
      const certified = await client.send('POST', `/v1/admin/elections/${paired.id}/certify`, token);
      await page.getByRole('button', { name: 'Aggiorna' }).click();
      await page.locator('#h-certify + p', { hasText: 'L’elezione è certificata.' }).waitFor();

      // Assess
      expect(pending).toContain('1 di 2');
      expect(stateBefore.body).toMatchObject({ state: 'open' });
      expect(certified.status).toBe(200);
      expect(certified.body).toMatchObject({ state: 'certified' });
    } finally {
      await admin.context.close();
      await supervisor.close();
    }
  }, 90_000);
});
