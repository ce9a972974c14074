/**
 * The officer app in Debian's Chromium at 360 px, on the whole local stack: the full flow for
 * turnout and results, a flagged count, a submission made offline and sent once the network
 * returns, and a correction refused because another device stored a newer version.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNight, type Night } from '../../infra/cli/night/demo-night.js';
import type { Stack } from '../../infra/local/stack.js';
import { parseCsv } from '../../shared/domain/csv.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { launchChromium, screenshotPath } from '../helpers/browser.js';
import { startDemoStack } from '../helpers/demo-stack.js';
import { demoElection } from '../helpers/elections.js';
import { issueOfficerCodes, type Json, stackClient } from '../helpers/local-stack-client.js';
import { fillCountForm, openOfficerApp, outboxLine, waitForSection } from '../helpers/officer-app.js';
import { runOperatorCli } from '../helpers/operator-cli.js';
import { signInWithStaffCode } from '../helpers/staff-page.js';

const election = demoElection();
const night = generateNight(election);
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 };

let stack: Stack;
let browser: Browser;
let client: ReturnType<typeof stackClient>;
let tokens: Record<string, string>;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  client = stackClient(stack);
  tokens = await issueOfficerCodes(stack, election.id, 'all');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const sectionNight = (sectionId: string) => night.find((s) => s.sectionId === sectionId) as Night[number];
const sectionPath = (sectionId: string) => `/v1/elections/${election.id}/sections/${sectionId}`;

/** The app opened from a printed sheet's link: the token travels in the fragment, never to a server. */
async function openApp(
  sectionId: string,
  watch: (page: Page) => void = () => {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  watch(page);
  await openOfficerApp(page, stack.siteUrl, tokens[sectionId] ?? '', sectionId);
  return { context, page };
}

/** The outbox line about `what`, once it says `state`: its text. */
async function outboxSays(page: Page, what: string, state: string) {
  const line = outboxLine(page, what, state);
  await line.waitFor({ timeout: 20_000 });
  return (await line.textContent()) ?? '';
}

async function fillTurnout(page: Page, slotId: string, voters: number) {
  const form = page.locator(`form[data-form="turnout"][data-slot="${slotId}"]`);
  await form.locator('[name="voters"]').fill(String(voters));
  await form.getByRole('button', { name: 'Invia affluenza' }).click();
}

const history = async (sectionId: string) =>
  (await client.send('GET', `${sectionPath(sectionId)}/history`, stack.adminToken)).body.entries as Json[];

describe('the officer app', () => {
  it('given a section’s link, when the officer sends every turnout reading and the count, then each is accepted and stored as typed', async () => {
    // Prepare
    const { sectionId, turnout, results } = sectionNight('1');
    const origins = new Set<string>();
    const { context, page } = await openApp(sectionId, (page) =>
      page.on('request', (request) => origins.add(new URL(request.url()).origin)),
    );
    try {
      // Act
      for (const slot of election.turnoutSlots) {
        await fillTurnout(page, slot.id, turnout[slot.id]?.voters ?? -1);
        await outboxSays(page, `Affluenza ${slot.label}`, 'Accettato (versione 1)');
      }
      await fillCountForm(page, results);
      const checksWhileTyping = await page.locator('form[data-form="results"] [data-checks]').textContent();
      await page.screenshot({ path: screenshotPath('officer-app-count-360px'), fullPage: true });
      await page.getByRole('button', { name: 'Invia scrutinio' }).click();

      // Assess
      expect(checksWhileTyping).toBe('I conti tornano.');
      await outboxSays(page, 'Scrutinio', 'Accettato (versione 1)');
      const stored = await client.send('GET', sectionPath(sectionId), tokens[sectionId] ?? '');
      expect(stored.body).toMatchObject({ version: 1, status: 'accepted', results });
      expect(Object.keys(stored.body.turnout as object).sort()).toEqual(
        election.turnoutSlots.map((s) => s.id),
      );
      expect(page.url()).not.toContain(tokens[sectionId]);
      expect([...origins]).toEqual([new URL(stack.siteUrl).origin]);
      // The count's receipt, for the observers: its code, its QR code, and the link to check it.
      const countLine = page.locator('#outbox li').filter({ hasText: 'Scrutinio' }).first();
      await countLine.locator('summary', { hasText: 'Ricevuta' }).click();
      const code = (await countLine.locator('.receipt-code').getAttribute('data-receipt')) ?? '';
      expect(code).toMatch(/^[0-9a-f]{64}$/);
      await countLine.locator('.receipt-qr svg').waitFor();
      expect(await countLine.getByRole('link', { name: 'Verifica la ricevuta' }).getAttribute('href')).toBe(
        `${new URL(stack.siteUrl).origin}/verify/?election=${election.id}&section=${sectionId}&receipt=${code}`,
      );
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('officer-app-accepted-360px'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('given a count that does not add up, when the officer sends it, then the checks are shown, a confirmation is asked and it is stored flagged', async () => {
    // Prepare
    const { sectionId, results } = sectionNight('2');
    const { context, page } = await openApp(sectionId);
    try {
      // Act
      await fillCountForm(page, { ...results, voters: results.voters + 5 });
      const checks = await page.locator('form[data-form="results"] [data-checks]').textContent();
      await page.getByRole('button', { name: 'Invia scrutinio' }).click();
      const dialog = page.getByRole('dialog', { name: 'I conti non tornano' });
      await dialog.waitFor();
      await page.screenshot({ path: screenshotPath('officer-app-flagged-confirm-360px') });
      await dialog.getByRole('button', { name: 'Invia comunque' }).click();

      // Assess
      expect(checks).toContain('Da controllare');
      await outboxSays(page, 'Scrutinio', 'Segnalato per verifica (versione 1)');
      await page.getByText('Dati salvati sul server: Segnalato per verifica').waitFor();
      const stored = await client.send('GET', sectionPath(sectionId), tokens[sectionId] ?? '');
      expect(stored.body).toMatchObject({ version: 1, status: 'flagged' });
      expect((stored.body.checks as { code: string }[]).map((c) => c.code)).toContain('R1');
      await page.screenshot({ path: screenshotPath('officer-app-flagged-360px'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('given no connection, when the officer sends a reading, then it is kept on the phone and sent, exactly once, when the connection returns', async () => {
    // Prepare
    const { sectionId, turnout } = sectionNight('3');
    const puts: string[] = [];
    const { context, page } = await openApp(sectionId, (page) =>
      page.on('requestfinished', (request) => {
        if (request.method() === 'PUT') puts.push(request.url());
      }),
    );
    try {
      // Act
      await context.setOffline(true);
      await page.getByText('Senza connessione').waitFor();
      await fillTurnout(page, 'T1', turnout.T1?.voters ?? -1);
      const whileOffline = await outboxSays(page, 'Affluenza', 'Salvato sul telefono');
      const storedWhileOffline = await client.send('GET', sectionPath(sectionId), tokens[sectionId] ?? '');
      await page.screenshot({ path: screenshotPath('officer-app-offline-360px'), fullPage: true });
      await context.setOffline(false);

      // Assess
      expect(whileOffline).toContain('in attesa di invio');
      expect(storedWhileOffline.body.turnout).toEqual({});
      await outboxSays(page, 'Affluenza', 'Accettato (versione 1)');
      // A reload and more time online send nothing again.
      await page.reload();
      await waitForSection(page, sectionId);
      await page.waitForTimeout(1000);
      const versions = (await history(sectionId)).filter((e) => e.entry === 'version');
      // Exactly once: the one request that reached the server (an offline attempt never leaves the browser).
      expect(puts).toEqual([new URL(`${sectionPath(sectionId)}/turnout/T1`, stack.siteUrl).href]);
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ kind: 'turnout', slotId: 'T1', version: 1, body: turnout.T1 });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('given another device stored a newer count, when the officer sends a correction of the older one, then it is refused, explained, and nothing is overwritten', async () => {
    // Prepare
    const { sectionId, results } = sectionNight('4');
    const token = tokens[sectionId] ?? '';
    expect(
      (await client.send('PUT', `${sectionPath(sectionId)}/results`, token, results)).body,
    ).toMatchObject({
      version: 1,
    });
    const { context, page } = await openApp(sectionId);
    const otherDevice = {
      ...results,
      blankBallots: results.blankBallots + 1,
      invalidBallots: results.invalidBallots - 1,
    };
    expect(
      (await client.send('PUT', `${sectionPath(sectionId)}/results`, token, otherDevice)).body,
    ).toMatchObject({
      version: 2,
    });
    try {
      // Act
      const form = page.locator('form[data-form="results"]');
      await form.locator('[name="contestedBallots"]').fill(String(results.contestedBallots + 1));
      await form.locator('[name="invalidBallots"]').fill(String(results.invalidBallots - 1));
      await page.getByRole('button', { name: 'Invia la correzione' }).click();
      const explained = await outboxSays(page, 'Scrutinio', 'Non inviato');
      await page.screenshot({ path: screenshotPath('officer-app-stale-correction-360px'), fullPage: true });
      await page.getByRole('button', { name: 'Ricarica i dati salvati' }).click();

      // Assess
      expect(explained).toContain('un altro dispositivo ha salvato la versione 2');
      expect(explained).toContain('Niente è stato sovrascritto');
      await page.getByText('Dati salvati sul server: Accettato (versione 2)').waitFor();
      await expect(form.locator('[name="blankBallots"]').inputValue()).resolves.toBe(
        String(otherDevice.blankBallots),
      );
      const stored = await client.send('GET', sectionPath(sectionId), token);
      expect(stored.body).toMatchObject({ version: 2, results: otherDevice });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('given the app was opened once, when it is opened again with no signal, then it shows the last copy of the section and still keeps submissions', async () => {
    // Prepare
    const { sectionId, turnout } = sectionNight('7');
    const { context, page } = await openApp(sectionId);
    try {
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });

      // Act
      await context.setOffline(true);
      await page.reload();
      await waitForSection(page, sectionId);
      await fillTurnout(page, 'T1', turnout.T1?.voters ?? -1);
      const saved = await outboxSays(page, 'Affluenza', 'Salvato sul telefono');
      await page.screenshot({ path: screenshotPath('officer-app-reopened-offline-360px'), fullPage: true });
      await context.setOffline(false);

      // Assess
      await expect(page.getByText('Dati del server non aggiornati').count()).resolves.toBeGreaterThan(0);
      expect(saved).toContain('in attesa di invio');
      await outboxSays(page, 'Affluenza', 'Accettato (versione 1)');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('given the section’s code is replaced while a reading waits, when the officer signs in with the new code, then the reading goes out, once', async () => {
    // Prepare
    const { sectionId, turnout } = sectionNight('6');
    const { context, page } = await openApp(sectionId);
    try {
      const reissued = await client.send(
        'POST',
        `/v1/admin/elections/${election.id}/officer-tokens`,
        stack.adminToken,
        {
          sections: [sectionId],
        },
      );
      const newToken = (reissued.body.tokens as Record<string, string>)[sectionId] ?? '';

      // Act
      await fillTurnout(page, 'T1', turnout.T1?.voters ?? -1);
      const revoked = await page.getByRole('alert').textContent();
      await page.getByLabel('Codice del seggio').fill(newToken);
      await page.getByRole('button', { name: 'Accedi' }).click();

      // Assess
      expect(revoked).toContain('non è più valido');
      await outboxSays(page, 'Affluenza', 'Accettato (versione 1)');
      const versions = (await history(sectionId)).filter((e) => e.entry === 'version');
      expect(versions).toHaveLength(1);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('given a typed code, when it is wrong the app says so; when right it signs in; and it reads in English', async () => {
    // Prepare
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    try {
      await page.goto(new URL('/officer/', stack.siteUrl).href);

      // Act
      await page.getByLabel('Codice del seggio').fill('not-a-real-token-at-all-0000');
      await page.getByRole('button', { name: 'Accedi' }).click();
      const refusal = await page.getByRole('alert').textContent();
      await page.getByLabel('Codice del seggio').fill(tokens['5'] ?? '');
      await page.getByRole('button', { name: 'Accedi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sezione 5' }).waitFor();
      await page.getByRole('button', { name: 'English' }).click();

      // Assess
      expect(refusal).toContain('Codice non valido o revocato');
      await page.getByRole('button', { name: 'Send the count' }).waitFor();
      await expect(page.getAttribute('html', 'lang')).resolves.toBe('en');
      expect(await accessibilityViolations(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath('officer-app-english-360px'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('officer codes, handed out by staff', () => {
  it('given staff issue codes from the terminal, then the CSV and the printable sheet carry a sign-in link per section, the new code signs in, and a revoked one stops at once', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'officer-codes-'));
    const old = tokens['8'] ?? '';
    try {
      // Act
      const help = await runOperatorCli(stack, 'admin', ['issue-tokens', '--help']);
      const issued = await runOperatorCli(stack, 'admin', [
        'issue-tokens',
        election.id,
        '--sections',
        '8,9',
        '--csv',
        join(dir, 'codes.csv'),
        '--sheet',
        join(dir, 'sheet.html'),
      ]);
      const [header, ...rows] = parseCsv(readFileSync(join(dir, 'codes.csv'), 'utf8'));
      const sheet = readFileSync(join(dir, 'sheet.html'), 'utf8');
      const rowOf = (sectionId: string) => rows.find((r) => r[0] === sectionId);
      const code = rowOf('8')?.[3] ?? '';
      const oldRefused = await client.send('GET', '/v1/session', old);
      const newAccepted = await client.send('GET', '/v1/session', code);
      const revoked = await client.send(
        'POST',
        `/v1/admin/elections/${election.id}/officer-tokens/revoke`,
        stack.adminToken,
        {
          sections: ['8'],
        },
      );
      const afterRevoke = await client.send('GET', '/v1/session', code);
      const again = await runOperatorCli(stack, 'admin', [
        'issue-tokens',
        election.id,
        '--sections',
        '9',
        '--csv',
        join(dir, 'codes.csv'),
      ]);
      const section9StillValid = await client.send('GET', '/v1/session', rowOf('9')?.[3] ?? '');
      const mode = statSync(join(dir, 'codes.csv')).mode & 0o777;
      const staff = await runOperatorCli(stack, 'admin', ['staff-token']);
      const staffToken = /staff token \(shown once, keep it safe\): (\S+)/.exec(staff.output)?.[1] ?? '';
      const staffSession = await client.send('GET', '/v1/session', staffToken);

      // Assess
      expect(help.status).toBe(0);
      expect(help.output).toContain('usage: npm run admin -- issue-tokens');
      expect(issued.status, issued.output).toBe(0);
      expect(header).toEqual(['section_id', 'section_name', 'district', 'token', 'sign_in_link']);
      expect(rows.map((r) => r[0]).sort()).toEqual(['8', '9']);
      expect(rowOf('8')?.[4]).toBe(`${stack.siteUrl}officer/#token=${code}`);
      expect(sheet.match(/<svg/g)).toHaveLength(2);
      expect(sheet).toContain('Sezione 9');
      expect(oldRefused.status).toBe(401);
      expect(newAccepted.body).toEqual({ role: 'officer', electionId: election.id, sectionId: '8' });
      expect(revoked.body).toEqual({ revoked: ['8'] });
      expect(afterRevoke.status).toBe(401);
      expect(staffSession.body).toEqual({ role: 'staff', staffRole: 'admin', elections: 'all' });
      // Never over an existing file: the second run stops before issuing, so section 9's code still works.
      expect(again.status).not.toBe(0);
      expect(again.output).toContain('EEXIST');
      expect(section9StillValid.status).toBe(200);
      expect(mode).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the staff page', () => {
  it('given a flagged count, when staff open the page, then it is listed with its checks, approving it with a reason counts it, and codes are issued (with a printable sheet) and revoked from the page', async () => {
    // Prepare: section 10's officer sends a count with five voters too many.
    const { results } = sectionNight('10');
    const flaggedCount = await client.send('PUT', `${sectionPath('10')}/results`, tokens['10'] ?? '', {
      ...results,
      voters: results.voters + 5,
    });
    expect(flaggedCount.body).toMatchObject({ status: 'flagged' });
    const context = await browser.newContext({
      viewport: { width: 1024, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    try {
      await page.goto(new URL(`/staff/?election=${election.id}`, stack.siteUrl).href);
      await signInWithStaffCode(page, stack.adminToken);
      const flagged = page.locator('[data-flagged="10"]');
      await flagged.waitFor();

      // Act
      const listed = await flagged.textContent();
      const missing = await page
        .getByRole('table', { name: 'Sezioni che non hanno ancora inviato' })
        .textContent();
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('staff-page-flagged'), fullPage: true });
      await flagged.getByLabel('Approva: entra nei risultati').check();
      await flagged
        .getByLabel('Motivo (resta nella storia della sezione)')
        .fill('verbale controllato: 5 votanti in più trascritti per errore nel verbale, conteggio corretto');
      await flagged.getByRole('button', { name: 'Conferma la decisione' }).click();
      await page.locator('header .notice', { hasText: 'Approvato: sezione 10.' }).waitFor();
      await expect(page.textContent('#announcer')).resolves.toBe('Approvato: sezione 10.');

      // Assess
      expect(listed).toContain('Scrutinio (versione 1)');
      expect(listed).toContain('I votanti');
      expect(missing).toContain('Scrutinio');
      await expect(page.locator('[data-flagged="10"]').count()).resolves.toBe(0);
      const after = await client.send('GET', sectionPath('10'), stack.adminToken);
      expect(after.body).toMatchObject({ status: 'approved', version: 1 });
      const reviews = (await history('10')).filter((e) => e.entry === 'review');
      expect(reviews.at(-1)).toMatchObject({ action: 'approve' });
      await page.setViewportSize({ width: 360, height: 740 });
      await page.screenshot({ path: screenshotPath('staff-page-approved-360px'), fullPage: true });

      // Act: new codes for two sections, then one of them revoked
      const codes = page.locator('form[data-form="codes"]');
      await codes.getByLabel(/^Sezioni/).fill('11, 12');
      await codes.locator('input[name="operation"][value="issue"]').check();
      const [sheetDownload] = await Promise.all([
        page.waitForEvent('download'),
        codes.getByRole('button', { name: 'Conferma' }).click(),
      ]);
      const sheet = readFileSync(await sheetDownload.path(), 'utf8');
      const printed = [...sheet.matchAll(/<p class="code">([^<]+)<\/p>/g)].map((m) =>
        (m[1] ?? '').replaceAll(' ', ''),
      );
      const signedIn = await client.send('GET', '/v1/session', printed[0] ?? '');
      // The page renders itself anew once the sheet is saved: type into the new form, not the old.
      await page.locator('header .notice', { hasText: 'Emessi 2 nuovi codici' }).waitFor();
      await codes.getByLabel(/^Sezioni/).fill('11');
      await codes.locator('input[name="operation"][value="revoke"]').check();
      await codes.getByRole('button', { name: 'Conferma' }).click();
      await page.locator('header .notice', { hasText: 'Codici revocati: 11.' }).waitFor();

      // Assess
      expect(sheetDownload.suggestedFilename()).toBe(`${election.id}-codici-seggi.html`);
      expect(sheet.match(/<svg/g)).toHaveLength(2);
      expect(printed).toHaveLength(2);
      expect(signedIn.body).toEqual({ role: 'officer', electionId: election.id, sectionId: '11' });
      await expect(client.send('GET', '/v1/session', printed[0] ?? '')).resolves.toMatchObject({
        status: 401,
      });
      await expect(client.send('GET', '/v1/session', printed[1] ?? '')).resolves.toMatchObject({
        status: 200,
      });

      // Act: the audit trail, downloaded from the page (again, while the stream is still chaining)
      type Trail = {
        head: { seq: number };
        entries: { seq: number; event: { action: string; sectionId?: string; actor: { role: string } } }[];
      };
      const approvedHere = (t: Trail) =>
        t.entries.some(
          (e) => e.event.action === 'approve' && e.event.sectionId === '10' && e.event.actor.role === 'staff',
        );
      let trail: Trail = { head: { seq: 0 }, entries: [] };
      for (let attempt = 0; attempt < 20 && !approvedHere(trail); attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
        const [auditDownload] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Scarica il registro delle operazioni' }).click(),
        ]);
        trail = JSON.parse(readFileSync(await auditDownload.path(), 'utf8')) as Trail;
      }
      // Assess: the approval made on this page is in it, by staff, and the trail ends at its head
      expect(approvedHere(trail)).toBe(true);
      expect(trail.entries.at(-1)?.seq).toBe(trail.head.seq);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('given the staff page in Italian, when staff switch it to English and back, then its words and lang follow, what was shown and typed stays, the sheet is in English, and axe finds nothing in either language', async () => {
    // Prepare
    const context = await browser.newContext({
      viewport: { width: 1024, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    try {
      await page.goto(new URL(`/staff/?election=${election.id}`, stack.siteUrl).href);

      // Act: English from the sign-in on (with the break-glass staff code)
      await page.getByRole('button', { name: 'Usa invece il codice del personale' }).click();
      await page.getByLabel('Codice del personale').fill(stack.adminToken);
      await page.getByRole('button', { name: 'English' }).click();
      const tokenKept = await page.getByLabel('Staff code').inputValue();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 2, name: 'Missing sections' }).waitFor();
      const englishLang = await page.getAttribute('html', 'lang');
      const englishTitle = await page.title();
      const englishViolations = await accessibilityViolations(page);
      await page.screenshot({ path: screenshotPath('staff-page-english'), fullPage: true });
      const codes = page.locator('form[data-form="codes"]');
      await codes.getByLabel(/^Sections/).fill('13');
      await codes.locator('input[name="operation"][value="issue"]').check();

      // Act: back to Italian, with what was typed and chosen
      await page.getByRole('button', { name: 'Italiano' }).click();
      await page.getByRole('heading', { level: 2, name: 'Sezioni mancanti' }).waitFor();
      const italianLang = await page.getAttribute('html', 'lang');
      const typedKept = await codes.getByLabel(/^Sezioni/).inputValue();
      const choiceKept = await codes.locator('input[name="operation"][value="issue"]').isChecked();
      const focused = await page.evaluate(() => document.activeElement?.id);
      const italianViolations = await accessibilityViolations(page);

      // Act: the codes issued from the English page
      await page.getByRole('button', { name: 'English' }).click();
      const [sheetDownload] = await Promise.all([
        page.waitForEvent('download'),
        codes.getByRole('button', { name: 'Confirm' }).click(),
      ]);
      const sheet = readFileSync(await sheetDownload.path(), 'utf8');
      await page.locator('header .notice', { hasText: 'Issued 1 new codes' }).waitFor();

      // Assess
      expect(tokenKept).toBe(stack.adminToken);
      expect(englishLang).toBe('en');
      expect(englishTitle).toBe(`${election.name} — Staff`);
      expect(englishViolations).toEqual([]);
      await expect(
        page.getByRole('table', { name: 'Sections that have not sent yet' }).count(),
      ).resolves.toBe(1);
      expect(italianLang).toBe('it');
      expect(typedKept).toBe('13');
      expect(choiceKept).toBe(true);
      expect(focused).toBe('language');
      expect(italianViolations).toEqual([]);
      expect(sheetDownload.suggestedFilename()).toBe(`${election.id}-officer-codes.html`);
      expect(sheet).toContain('<html lang="en">');
      expect(sheet).toContain('Scan the QR code with the phone');
      expect(sheet.match(/<svg/g)).toHaveLength(1);
    } finally {
      await context.close();
    }
  }, 120_000);
});
